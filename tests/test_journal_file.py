"""--db pointing at something that is not (yet) a journal: refused untouched, or made into one."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from thoughtlog.errors import JournalError
from thoughtlog.storage import open_journal


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _assert_refused(result, *fragments: str) -> None:
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert "Traceback" not in result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    place = tmp_path / "files"
    place.mkdir()
    return place


def test_db_pointing_to_a_folder_is_refused(cli, folder):
    result = cli("--db", str(folder), "list")
    _assert_refused(result, str(folder), "folder")
    assert list(folder.iterdir()) == []


def test_db_pointing_to_a_text_file_is_refused_and_left_untouched(cli, folder):
    notes = folder / "notes.txt"
    notes.write_text("my shopping list\nmilk\n")
    before = _files(folder)
    result = cli("--db", str(notes), "add", "-s", "Team meeting")
    _assert_refused(result, str(notes), "not a thoughtlog journal", "untouched")
    assert _files(folder) == before


def test_db_pointing_to_another_programs_database_is_refused_and_left_untouched(cli, folder):
    other = folder / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.execute("INSERT INTO notes VALUES ('not yours')")
    before = _files(folder)
    result = cli("--db", str(other), "add", "-s", "Team meeting")
    _assert_refused(result, str(other), "another program", "untouched")
    assert _files(folder) == before


def test_db_pointing_to_another_programs_migrated_database_is_refused(cli, folder):
    other = folder / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute(
            "CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, applied_at TEXT)"
        )
        conn.execute(
            "INSERT INTO _sqlite_migrations VALUES (1, 'someapp', 'm001_initial', '2026-01-01')"
        )
    before = _files(folder)
    result = cli("--db", str(other), "list")
    _assert_refused(result, "another program")
    assert _files(folder) == before


def _newer_journal(path: Path) -> None:
    with open_journal(path) as opened:
        opened.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('thoughtlog', 'm999_from_the_future', '2030-01-01')"
        )
        opened.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_a_journal_from_a_newer_version_is_refused_and_left_untouched(cli, folder):
    newer = folder / "journal.db"
    _newer_journal(newer)
    before = _files(folder)
    for args in (["list"], ["add", "-s", "Team meeting"]):
        result = cli("--db", str(newer), *args)
        _assert_refused(result, str(newer), "newer version", "untouched")
    assert _files(folder) == before


def test_opening_a_newer_journal_through_the_api_raises_journal_error(folder):
    newer = folder / "journal.db"
    _newer_journal(newer)
    with pytest.raises(JournalError, match="newer version"):
        open_journal(newer)


def test_an_empty_file_becomes_a_journal(cli, folder):
    empty = folder / "journal.db"
    empty.touch()
    assert cli("--db", str(empty), "add", "-s", "First entry").exit_code == 0
    result = cli("--db", str(empty), "list")
    assert result.exit_code == 0
    assert "First entry" in result.stdout


def test_an_empty_file_becomes_a_private_journal(cli, folder):
    empty = folder / "journal.db"
    empty.touch(mode=0o644)
    empty.chmod(0o644)
    assert cli("--db", str(empty), "add", "-s", "Private").exit_code == 0
    assert stat.S_IMODE(empty.stat().st_mode) == 0o600


def test_a_journal_path_whose_folders_do_not_exist_is_created(cli, tmp_path):
    deep = tmp_path / "new" / "folders" / "journal.db"
    result = cli("--db", str(deep), "add", "-s", "Somewhere new")
    assert result.exit_code == 0
    assert deep.is_file()
    assert cli("--db", str(deep), "list").stdout.count("Somewhere new") == 1


def test_a_journal_that_cannot_be_created_is_a_clear_error(cli, folder):
    blocker = folder / "notes.txt"
    blocker.write_text("a file where a folder would have to be\n")
    inside = blocker / "journal.db"
    result = cli("--db", str(inside), "add", "-s", "Team meeting")
    _assert_refused(result, str(inside))
    assert blocker.read_text() == "a file where a folder would have to be\n"
