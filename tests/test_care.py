"""check gives a plain verdict; backup makes a consistent, checked, private copy, even while another
thoughtlog writes."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import journal_content, raw_connect

from thoughtlog import entry
from thoughtlog.entry import RecordInput
from thoughtlog.storage import MIGRATION_NAMES, Journal, open_journal
from thoughtlog.storage.cipher import is_encrypted


@pytest.fixture
def filled(journal_path: Path) -> Path:
    with open_journal(journal_path) as opened:
        for n in range(3):
            opened.add_record(
                entry.new_record(
                    RecordInput(
                        situation=f"Team meeting {n}",
                        emotions=["anxious=70"],
                        thoughts=["They'll judge me"],
                    )
                )
            )
    return journal_path


def _break_a_link(path: Path) -> None:
    """An emotion pointing at a record that isn't there: what a foreign-key check finds."""
    with raw_connect(path) as raw:
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute(
            "INSERT INTO emotions (record_id, position, name, intensity_before) VALUES (99, 0, 'sad', 40)"
        )
    raw.close()


def test_check_says_a_healthy_journal_is_healthy(cli, filled):
    result = cli("check")
    assert result.exit_code == 0
    assert result.stdout == (
        f"The journal at {filled} is healthy.\n"
        "It holds 3 records, 0 experiments, 0 unfinished entries.\n"
        f"Schema version {len(MIGRATION_NAMES)}, the latest.\n"
    )


def test_check_names_a_broken_link_exits_1_and_changes_nothing(cli, filled):
    _break_a_link(filled)
    before = journal_content(filled)
    result = cli("check")
    assert result.exit_code == 1
    assert "has 1 problem(s)" in result.stdout
    assert "emotions row 4 points to a missing row in records" in result.stdout
    assert "Your data is still there." in result.stderr
    assert journal_content(filled) == before


def test_backup_is_a_checked_private_self_contained_copy(cli, filled, tmp_path):
    target = tmp_path / "copies" / "journal-backup.db"
    result = cli("backup", str(target))
    assert result.exit_code == 0, result.stderr
    assert "the copy passed its check" in result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not Path(f"{target}-wal").exists()
    with raw_connect(target) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    copy.close()
    assert journal_content(target) == journal_content(filled)
    assert is_encrypted(target) == is_encrypted(filled)  # an encrypted journal's copy stays so


def test_backup_never_overwrites_a_file(cli, filled, tmp_path):
    target = tmp_path / "precious.db"
    target.write_bytes(b"something else")
    result = cli("backup", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {target} already exists; choose a new file for the backup.\n"
    assert target.read_bytes() == b"something else"


def test_a_copy_that_fails_its_check_is_removed_and_reported(cli, filled, tmp_path, monkeypatch):
    real = Journal.problems

    def problems(self: Journal) -> list[str]:
        return ["page 7 is never used"] if self.path.name == "copy.db" else real(self)

    monkeypatch.setattr(Journal, "problems", problems)
    target = tmp_path / "copy.db"
    before = journal_content(filled)
    result = cli("backup", str(target))
    assert result.exit_code == 1
    assert "didn't pass its check (page 7 is never used), so it was removed" in result.stderr
    assert not target.exists()
    assert journal_content(filled) == before


# --- check on a damaged journal: a verdict and what to do, never "unexpected problem" --------


@pytest.fixture
def big(journal_path: Path) -> Path:
    """A journal of many pages, checkpointed so that the file alone holds it all."""
    with open_journal(journal_path) as opened:
        with opened.import_transaction():
            opened.insert_records(
                [
                    entry.new_record(
                        RecordInput(
                            situation=f"Team meeting {n} " + "and more " * 40, tags=["work"]
                        )
                    )
                    for n in range(300)
                ]
            )
        opened.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return journal_path


def _cut_in_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _overwrite_a_page(path: Path) -> None:
    # In a plain journal, the first page of the index every listing, report and new record goes
    # through, found by name: where each part of the file lies changes as migrations come. An
    # encrypted journal's schema can't be read without its key, and any page of it is checked
    # (SQLCipher's HMAC) as soon as it is read: the sixth is damaged.
    page = 6
    if path.read_bytes()[:16] == b"SQLite format 3\x00":
        with sqlite3.connect(path) as conn:
            (page,) = conn.execute(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'records_by_occurred'"
            ).fetchone()
        conn.close()
    with path.open("r+b") as file:
        file.seek(4096 * (page - 1))
        file.write(bytes(range(256)) * 16)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _noise(path: Path) -> None:
    path.write_bytes(bytes((n * 37 + 11) % 256 for n in range(50_000)))


DAMAGE = {
    "cut in half": (_cut_in_half, "is damaged", "'.recover'"),
    "a page overwritten": (_overwrite_a_page, "is damaged", "'thoughtlog export"),
    "zero bytes": (_empty, "is empty", "put a backup in its place"),
    "random bytes": (_noise, "doesn't begin as a SQLite database does", "put a backup"),
}


@pytest.mark.plain_journal("damages the file's bytes where a plain SQLite page lies")
@pytest.mark.parametrize("damage", DAMAGE)
def test_check_on_a_damaged_journal_gives_a_verdict_and_what_to_do(cli, big, damage):
    harm, verdict, advice = DAMAGE[damage]
    harm(big)
    before = big.read_bytes()
    result = cli("check")
    assert result.exit_code == 1
    assert verdict in result.stdout.splitlines()[0]
    assert "unexpected problem" not in result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert advice in result.stderr
    assert big.read_bytes() == before
    assert sorted(p.name for p in big.parent.iterdir()) == [big.name]


def test_check_json_on_a_damaged_journal_says_it_is_not_healthy(cli, big):
    _overwrite_a_page(big)
    verdict = json.loads(cli("check", "--json").stdout)
    assert verdict["healthy"] is False and verdict["readable"] is False
    assert verdict["problems"]


@pytest.mark.plain_journal("damages the file's bytes where a plain SQLite page lies")
def test_other_commands_on_a_journal_cut_in_half_are_one_calm_line(cli, big):
    _cut_in_half(big)
    before = big.read_bytes()
    for command in (["list"], ["add", "-s", "Team meeting"], ["export"]):
        result = cli(*command)
        assert result.exit_code == 1
        assert result.stderr.strip().splitlines() == [
            f"Error: The journal at {big} is damaged (database disk image is malformed); it was"
            " left as it was. 'thoughtlog check' says what can still be done."
        ]
    assert big.read_bytes() == before


@pytest.mark.plain_journal("damages the file's bytes where a plain SQLite page lies")
def test_commands_that_meet_a_damaged_page_say_so_in_one_line(cli, big):
    _overwrite_a_page(big)
    before = big.read_bytes()
    for command in (["list"], ["report", "--since", "2000-01-01"], ["add", "-s", "Team meeting"]):
        result = cli(*command)
        assert result.exit_code == 1, command
        assert result.stderr.strip().splitlines() == [
            f"Error: The journal at {big} is damaged (database disk image is malformed); it was"
            " left as it was. 'thoughtlog check' says what can still be done."
        ]
    assert big.read_bytes() == before


@pytest.mark.plain_journal("needs no journal file at all")
def test_check_never_creates_or_upgrades_a_journal(cli, journal_path):
    result = cli("check")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: There is no journal at {journal_path} yet, so there is nothing to check."
    )
    assert not journal_path.exists()


@pytest.mark.plain_journal("builds an older plain journal")
def test_check_reports_an_older_schema_and_leaves_it_for_the_next_command(cli, journal_path):
    from sqlite_utils import Database

    from thoughtlog import storage

    journal_path.parent.mkdir(parents=True)
    with sqlite3.connect(journal_path) as raw:
        storage.schema.migration_set().apply(Database(raw), stop_before="m002_experiments")
    raw.close()
    result = cli("check")
    assert result.exit_code == 0, result.output
    assert "Schema version 1; thoughtlog brings it up to version" in result.stdout
    assert "It holds 0 records, 0 unfinished entries." not in result.stdout  # no drafts table yet
    verdict = json.loads(cli("check", "--json").stdout)
    assert verdict["schema_version"] == 1
    assert verdict["counts"]["experiments"] is None
    assert cli("list").exit_code == 0
    assert json.loads(cli("check", "--json").stdout)["schema_version"] == len(
        storage.MIGRATION_NAMES
    )


WRITER = """
import sys, time
from thoughtlog import entry
from thoughtlog.entry import RecordInput
from thoughtlog.storage import open_journal
path, go = sys.argv[1], sys.argv[2]
open(go, "w").close()
deadline = time.monotonic() + 20
n = 0
while time.monotonic() < deadline and n < 400:
    with open_journal(path) as opened:
        opened.add_record(entry.new_record(RecordInput(situation=f"written during the backup {n}",
                                                       emotions=["anxious=50"], thoughts=["a thought"])))
    n += 1
"""


@pytest.mark.plain_journal("other processes derive keys at full cost")
def test_backups_taken_while_another_process_writes_are_consistent(filled, tmp_path):
    started = tmp_path / "writing"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(filled), str(started)])
    try:
        while not started.exists():
            assert writer.poll() is None, "the writer stopped before it began"
            time.sleep(0.01)
        counts = []
        with open_journal(filled) as opened:
            for n in range(5):
                copy = tmp_path / f"copy-{n}.db"
                opened.backup(copy)
                with open_journal(copy) as checked:
                    assert checked.problems() == []
                    records = checked.count_records()
                    # Every record in the copy is whole: its feeling and thought came with it.
                    emotions = checked.conn.execute("SELECT count(*) FROM emotions").fetchone()[0]
                    thoughts = checked.conn.execute("SELECT count(*) FROM thoughts").fetchone()[0]
                assert emotions == thoughts == records
                counts.append(records)
                time.sleep(0.05)
    finally:
        writer.wait(timeout=60)
    assert writer.returncode == 0
    assert counts == sorted(counts) and counts[-1] > counts[0], counts  # copies taken mid-writing
