"""Private: every file thoughtlog writes is the owner's alone whatever the umask, it never uses
the network, and an unexpected error never prints journal text."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from thoughtlog import entry
from thoughtlog.entry import RecordInput
from thoughtlog.storage import open_journal

SECRET = "Team meeting where Dana from payroll said I'm hopeless"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """umask 000: a file made without care would be readable and writable by everyone."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


# --- files readable by the owner alone ----------------------------------------------------------


def test_a_new_journal_and_every_folder_made_for_it_are_private_whatever_the_umask(
    cli, tmp_path, open_umask
):
    journal = tmp_path / "a" / "b" / "journal.db"
    assert cli("--db", str(journal), "add", "-s", SECRET).exit_code == 0
    assert _mode(journal) == 0o600
    assert _mode(tmp_path / "a") == 0o700
    assert _mode(tmp_path / "a" / "b") == 0o700


def test_the_wal_and_shm_files_are_private_whatever_the_umask(journal_path, open_umask):
    with open_journal(journal_path) as opened:
        opened.add_record(entry.new_record(RecordInput(situation=SECRET)))
        sides = [journal_path.with_name(journal_path.name + s) for s in ("-wal", "-shm")]
        assert all(side.exists() for side in sides)  # while the journal is open in WAL mode
        assert {side.name: _mode(side) for side in sides} == {side.name: 0o600 for side in sides}
    assert _mode(journal_path) == 0o600


def test_a_backup_and_its_new_folders_are_private_whatever_the_umask(
    cli, journal, tmp_path, open_umask
):
    journal.add_record(entry.new_record(RecordInput(situation=SECRET)))
    target = tmp_path / "backups" / "november" / "journal.db"
    result = cli("backup", str(target))
    assert result.exit_code == 0, result.stderr
    assert _mode(target) == 0o600
    assert _mode(tmp_path / "backups") == 0o700
    assert _mode(tmp_path / "backups" / "november") == 0o700
    assert [p.name for p in target.parent.iterdir()] == ["journal.db"]  # no -wal, -shm or -journal


WRITTEN = [
    ["export", "-o", "{out}/journal.csv"],
    ["export", "--excel", "-o", "{out}/excel.csv"],
    ["export", "--format", "json", "-o", "{out}/journal.json"],
    ["export", "--format", "markdown", "-o", "{out}/journal.md"],
    ["export", "--table", "emotions", "-o", "{out}/emotions.csv"],
    ["report", "--since", "2000-01-01", "--format", "markdown", "--output", "{out}/report.md"],
    ["report", "--since", "2000-01-01", "--format", "html", "--output", "{out}/report.html"],
    ["report", "--since", "2000-01-01", "--format", "json", "--output", "{out}/report.json"],
    ["demo", "--format", "html", "--output", "{out}/demo.html"],
]


def test_exports_and_reports_are_private_whatever_the_umask(cli, journal, tmp_path, open_umask):
    journal.add_record(
        entry.new_record(
            RecordInput(situation=SECRET, emotions=["anxious=80"], reframe="It's one view")
        )
    )
    out = tmp_path / "out"
    out.mkdir()
    for args in WRITTEN:
        result = cli(*[a.format(out=out) for a in args])
        assert result.exit_code == 0, (args, result.stderr)
    modes = {p.name: _mode(p) for p in out.iterdir()}
    assert modes == {Path(args[-1]).name: 0o600 for args in WRITTEN}
    assert SECRET in (out / "journal.json").read_text(encoding="utf-8")


# --- no network, ever ---------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch) -> list[str]:
    """Internet and IPv6 sockets, name lookups and connections all raise; every attempt is noted."""
    attempts: list[str] = []
    real_socket = socket.socket

    class LocalOnly(real_socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
                attempts.append(f"socket({family!r})")
                raise OSError("this test forbids the network")
            super().__init__(family, type, proto, fileno)

    def refuse(name: str):
        def refused(*args, **kwargs):
            attempts.append(f"{name}{args!r}")
            raise OSError("this test forbids the network")

        return refused

    monkeypatch.setattr(socket, "socket", LocalOnly)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "create_server"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_the_guard_really_forbids_the_network(no_network):
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 443))
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    left, right = socket.socketpair()  # a local pipe is not the network
    left.close()
    right.close()
    assert len(no_network) == 2


GUIDED = (
    "\n".join(
        [
            SECRET,  # what happened
            "yesterday 3pm",
            "anxious",
            "80",
            "",  # no more feelings
            "If I disagree my boss will reprimand me",
            "",  # no more thoughts
            "90",  # belief
            "fortune-telling",
            "Stayed quiet",
            "She frowned once",
            "Nobody was reprimanded for the last objection",
            "Disagreeing politely is part of the job",
            "60",  # belief in the reframe
            "40",  # belief in the hot thought now
            "45",  # anxious now
            "work, boss",
            "y",  # plan a small step
            "",  # the belief: the hot thought
            "85",
            "Say one thing in Monday's meeting",
            "monday 10am",
            "70",
            "boss",  # with whom
            "",  # the feared reaction: skipped
            "speaking last",  # a safety behaviour to drop
        ]
    )
    + "\n"
)


def test_a_whole_session_works_without_the_network(cli, tmp_path, no_network):
    def run(*args: str, input: str | None = None):
        result = cli(*args, input=input)
        assert result.exit_code == 0, (args, result.stderr)
        return result

    assert "Saved as record 1" in run("add", "--guided", input=GUIDED).stderr
    run("add", "-s", "Lunch with the team", "-e", "calm=30", "--tag", "work")
    assert "Dana from payroll" in run("list").stdout
    assert SECRET in run("show", "1").stdout
    assert "reprimand" in run("search", "reprimanded").stdout
    run("edit", "2", "--reframe", "It went fine")
    run(
        "experiment",
        "done",
        "1",
        "--outcome",
        "She agreed",
        "--came-true",
        "no",
        "--distress",
        "30",
    )
    report = json.loads(run("report", "--since", "2 weeks ago", "--format", "json").stdout)
    assert report["records"]["count"] == 2
    run("report", "--format", "html", "--output", str(tmp_path / "week.html"))
    run("export", "--format", "json", "-o", str(tmp_path / "journal.json"))
    run("export", "-o", str(tmp_path / "journal.csv"))
    run("--db", str(tmp_path / "other.db"), "import", str(tmp_path / "journal.json"))
    run("check")
    run("backup", str(tmp_path / "backup.db"))
    run("demo")
    assert no_network == []


# --- unexpected errors --------------------------------------------------------------------------

# `thoughtlog` with the worksheet layout broken: the error's message, and its locals, hold the
# record's text, as a real bug's might.
BROKEN_SHOW = """
import sys
from thoughtlog import worksheet

def sections(record, *args, **kwargs):
    situation = record.situation
    raise RuntimeError(f"could not lay out {situation!r}")

worksheet.sections = sections
from thoughtlog.cli import main
sys.argv[0] = "thoughtlog"
main()
"""


def _show_broken(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", BROKEN_SHOW, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def secret_record(journal_path: Path) -> Path:
    with open_journal(journal_path) as opened:
        opened.add_record(entry.new_record(RecordInput(situation=SECRET)))
    return journal_path


def test_an_unexpected_error_is_one_short_line_without_journal_text(secret_record):
    result = _show_broken("show", "1")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines == [
        "Error: thoughtlog ran into an unexpected problem (RuntimeError). Your journal was not"
        " changed by it. Run the command again with --debug to see details."
    ]
    assert "Dana" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--debug"], {}), ([], {"THOUGHTLOG_DEBUG": "1"})],
    ids=["--debug", "THOUGHTLOG_DEBUG"],
)
def test_debug_shows_the_whole_traceback(secret_record, args, env):
    result = _show_broken(*args, "show", "1", env=env)
    assert result.returncode != 0
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: could not lay out" in result.stderr
    assert "Dana" in result.stderr  # the details were asked for
