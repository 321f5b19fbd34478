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


# --- --db naming something that is not a file ---------------------------------------------------


def _device(folder: Path) -> Path:
    """A character device (the same as /dev/null) made in the test's folder, where that is
    allowed; otherwise /dev/null itself, which the test then only reads the mode of."""
    import os

    node = folder / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        return Path("/dev/null")
    return node


def _fifo(folder: Path) -> Path:
    import os

    os.mkfifo(folder / "pipe")
    return folder / "pipe"


def _socket(folder: Path) -> Path:
    import socket

    listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listening.bind(str(folder / "sock"))
    listening.close()  # the socket file stays behind, as a dead server's does
    return folder / "sock"


def _folder(folder: Path) -> Path:
    (folder / "inner").mkdir()
    return folder / "inner"


@pytest.mark.parametrize(
    ("make", "word"),
    [(_device, "a device"), (_fifo, "a named pipe"), (_socket, "a socket"), (_folder, "a folder")],
)
def test_db_naming_something_other_than_a_file_is_one_line_and_left_untouched(
    cli, folder, make, word
):
    thing = make(folder)
    before = thing.lstat()
    neighbours = sorted(p.name for p in thing.parent.iterdir())
    for command in (["list"], ["add", "-s", "Team meeting"], ["check"]):
        result = cli("--db", str(thing), *command)
        _assert_refused(result, str(thing), word)
    after = thing.lstat()
    assert (after.st_mode, after.st_uid, after.st_size) == (
        before.st_mode,
        before.st_uid,
        before.st_size,
    )
    assert sorted(p.name for p in thing.parent.iterdir()) == neighbours  # no stray -journal


def test_db_naming_a_link_to_nothing_is_refused_rather_than_made_readable_to_others(cli, folder):
    link = folder / "journal.db"
    link.symlink_to(folder / "elsewhere.db")
    result = cli("--db", str(link), "add", "-s", "Team meeting")
    _assert_refused(result, str(link), "doesn't exist")
    assert not (folder / "elsewhere.db").exists()


def test_db_as_a_link_to_a_journal_opens_that_journal(cli, folder):
    real = folder / "real.db"
    assert cli("--db", str(real), "add", "-s", "Team meeting").exit_code == 0
    link = folder / "link.db"
    link.symlink_to(real)
    assert "Team meeting" in cli("--db", str(link), "list").stdout


def test_db_in_a_folder_that_cannot_be_opened_is_one_calm_line(cli, folder, monkeypatch):
    # Root ignores permission bits, so the refusal the system would give is given here directly;
    # test_files_not_ours.py runs the same case for real in a child bound by permission bits.
    import errno

    inside = folder / "locked" / "journal.db"
    real_stat = Path.stat

    def refuse(self, **kwargs):
        if self == inside:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", refuse)
    result = cli("--db", str(inside), "list")
    _assert_refused(result, str(inside), "Permission denied", "nothing was changed")
    assert not (folder / "locked").exists()
