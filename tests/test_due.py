"""thoughtlog due: one calm line or nothing, never a prompt, never a new journal, and no framework."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import thoughtlog
from thoughtlog import dates, entry, launch
from thoughtlog.checkins import CheckIn
from thoughtlog.due import HOOKS, due_line
from thoughtlog.entry import ExperimentInput, RecordInput
from thoughtlog.storage import open_journal
from thoughtlog.storage.due import Due, what_is_due

# Real time, as the CLI's `due` reads the clock; a minute back, so no record lies in the future.
NOW = (datetime.now().astimezone() - timedelta(minutes=1)).replace(microsecond=0)


def _record(journal, *, days_ago: int = 0, reframe: str | None = None) -> None:
    journal.add_record(
        entry.new_record(
            RecordInput(
                situation="Team meeting",
                when=dates.to_text(NOW - timedelta(days=days_ago)),
                emotions=["anxious=70"],
                reframe=reframe,
            )
        )
    )


def _step(journal, when: datetime) -> None:
    journal.add_experiment(
        entry.new_experiment(ExperimentInput(belief="b", plan="p", when=dates.to_text(when)))
    )


def test_nothing_due_in_a_fresh_journal(journal, journal_path):
    assert not what_is_due(journal_path, NOW).anything


def test_steps_planned_for_today_or_before_are_due_and_tomorrows_are_not(journal, journal_path):
    _step(journal, NOW - timedelta(days=3))
    _step(journal, NOW.replace(hour=23, minute=59))
    _step(journal, NOW + timedelta(days=1))
    assert what_is_due(journal_path, NOW).steps == 2


def test_recent_incomplete_records_are_due_and_old_or_complete_ones_are_not(journal, journal_path):
    _record(journal, days_ago=1)
    _record(journal, days_ago=2, reframe="Speaking up is usually safe")
    _record(journal, days_ago=30)
    assert what_is_due(journal_path, NOW).incomplete == 1


def test_a_checkin_is_mentioned_after_14_days_and_never_to_someone_who_has_never_done_one(
    journal, journal_path
):
    assert what_is_due(journal_path, NOW).checkin_days is None
    journal.add_checkin(CheckIn("who5", [3, 3, 3, 3, 3], NOW - timedelta(days=13)))
    assert what_is_due(journal_path, NOW).checkin_days is None
    assert what_is_due(journal_path, NOW + timedelta(days=2)).checkin_days == 15


def test_the_line_is_one_calm_line():
    line = due_line(Due(steps=1, checkin_days=20, incomplete=2))
    assert line == (
        "thoughtlog: 1 small step planned, 2 records to come back to and a check-in if you'd"
        " like one (20 days since the last), whenever you're ready."
    )
    assert due_line(Due()) is None


def test_due_says_nothing_and_succeeds_without_a_journal_and_creates_none(cli, journal_path):
    result = cli("due")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert not journal_path.exists() and not journal_path.parent.exists()


@pytest.mark.parametrize("state", ["damaged", "not a journal", "folder", "locked"])
def test_due_says_nothing_when_the_journal_cannot_be_read(cli, journal_path, state):
    if state == "folder":
        journal_path.mkdir(parents=True)
    else:
        with open_journal(journal_path) as opened:
            _record(opened, days_ago=0)
        if state == "damaged":
            journal_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
        elif state == "not a journal":
            journal_path.write_text("shopping list\n")
    holder = None
    if state == "locked":
        holder = sqlite3.connect(journal_path, isolation_level=None)
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
    try:
        result = cli("due")
    finally:
        if holder:
            holder.close()
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_due_through_the_app_prints_the_line(cli, journal_path):
    with open_journal(journal_path) as opened:
        _record(opened, days_ago=0)
    result = cli("due")
    assert result.stdout == "thoughtlog: 1 record to come back to, whenever you're ready.\n"


def test_due_json_gives_the_counts_and_the_line(cli, journal_path, capsys):
    with open_journal(journal_path) as opened:
        _record(opened)
    shown = json.loads(cli("due", "--json").stdout)
    assert shown == {
        "steps": 0,
        "incomplete": 1,
        "drafts": 0,
        "checkin_days": None,
        "line": "thoughtlog: 1 record to come back to, whenever you're ready.",
    }
    launch.run_due(None, None, True)  # the fast route says the same
    assert json.loads(capsys.readouterr().out) == shown


def test_due_never_prompts(cli, journal_path):
    with open_journal(journal_path) as opened:
        _record(opened)
    assert cli("due", input="").stderr == ""


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_due_hook_prints_a_snippet_that_runs_once_a_day(cli, shell):
    result = cli("due", "--hook", shell)
    assert result.exit_code == 0
    assert result.stdout == HOOKS[shell]
    assert "thoughtlog due" in result.stdout and "date +%F" in result.stdout


def test_due_hook_for_an_unknown_shell_is_one_calm_line(cli):
    result = cli("due", "--hook", "tcsh")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --hook can't be 'tcsh': use bash, zsh or fish.")


def test_the_bash_hook_is_valid_bash(tmp_path):
    checked = subprocess.run(["bash", "-n"], input=HOOKS["bash"], text=True, capture_output=True)
    assert checked.returncode == 0, checked.stderr


# --- the fast route in launch.py ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "routed"),
    [
        (["due"], (None, None, False)),
        (["due", "--json"], (None, None, True)),
        (["--db", "j.db", "due"], ("j.db", None, False)),
        (["--db=j.db", "due", "--hook", "zsh"], ("j.db", "zsh", False)),
        (["due", "--hook=fish"], (None, "fish", False)),
        (["due", "--help"], None),
        (["due", "--hook", "tcsh"], None),
        (["--debug", "due"], None),
        (["list"], None),
        ([], None),
    ],
)
def test_only_a_plain_due_takes_the_fast_route(args, routed):
    assert launch.due_arguments(args) == routed


def test_the_fast_route_reads_db_and_the_environment(journal_path, tmp_path, capsys, monkeypatch):
    with open_journal(journal_path) as opened:
        _record(opened)
    launch.run_due(None, None)  # THOUGHTLOG_DB, set for every test
    assert "1 record to come back to" in capsys.readouterr().out
    launch.run_due(str(tmp_path / "other.db"), None)
    assert capsys.readouterr().out == ""
    assert not (tmp_path / "other.db").exists()


def test_due_imports_no_framework(journal_path):
    """The process is what is tested: `due` as the console script runs it, at a shell prompt."""
    with open_journal(journal_path) as opened:
        _record(opened)
    script = (
        "import sys, json\n"
        "sys.argv = ['thoughtlog', 'due']\n"
        "from thoughtlog.launch import main\n"
        "main()\n"
        "print(json.dumps(sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('typer', 'click', 'rich', 'sqlite_utils', 'dateutil'))))\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    line, imported = ran.stdout.splitlines()
    assert line == "thoughtlog: 1 record to come back to, whenever you're ready."
    assert json.loads(imported) == []


def test_due_imports_no_pathlib_of_its_own(journal_path):
    """pathlib costs a prompt a few milliseconds. Run without site (whose path hooks may import
    it), from the source tree, so that any import of it is due's own."""
    with open_journal(journal_path) as opened:
        _record(opened)
    script = (
        "import sys\n"
        "sys.argv = ['thoughtlog', 'due']\n"
        "from thoughtlog.launch import main\n"
        "main()\n"
        "print('pathlib' in sys.modules)\n"
    )
    source_tree = str(Path(thoughtlog.__file__).resolve().parents[1])
    ran = subprocess.run(
        [sys.executable, "-S", "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": source_tree},
    )
    assert ran.stdout.splitlines() == [
        "thoughtlog: 1 record to come back to, whenever you're ready.",
        "False",
    ]


def test_due_reads_a_journal_whose_path_needs_escaping_in_a_uri(tmp_path):
    for name in ("100% sure?.db", "week #3.db", "spaced out.db"):
        path = tmp_path / name
        with open_journal(path) as opened:
            _record(opened)
        assert what_is_due(str(path), NOW).incomplete == 1, name


def test_the_storage_package_offers_every_name_it_lists():
    import thoughtlog.storage as storage

    for name in storage.__all__:
        assert getattr(storage, name) is not None
    assert set(storage.__all__) == set(dir(storage)) & set(storage.__all__)
