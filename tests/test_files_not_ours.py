"""Files thoughtlog may not write: a read-only journal, a read-only folder, a folder it can't create.

Reading still works; a command that would write says so in one calm line on stderr, exits 1, and
leaves every file exactly as it was, byte for byte, with nothing new beside it.

Permission bits don't stop root, and tests often run as root (in containers, in CI). There the
command runs in a child process that has dropped root's power to override permissions
(CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, from its capability bounding set), so a file marked
read-only is as read-only to it as to any user. (Switching to the 'nobody' user would do too, but
only where nobody can reach the Python interpreter, which is often not so when it lives under
/root.) As any other user, the child just runs as that user.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from thoughtlog import entry
from thoughtlog.entry import ExperimentInput, RecordInput
from thoughtlog.storage import open_journal

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _without_root_override() -> None:  # pragma: no cover - runs in the child, before exec
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _as_a_user(
    args: list[str], *, check_with: str | None = None, extra: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    """thoughtlog (or the code check_with) in a child process bound by permission bits."""
    # An editor that closes at once, so that a command that wrongly opens one can't hang the test.
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "EDITOR": "true", "VISUAL": "true"}
    if check_with:
        command = [sys.executable, "-c", check_with, *extra]
    else:
        command = [sys.executable, "-m", "thoughtlog", *args]
    return subprocess.run(
        command,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        preexec_fn=_without_root_override if os.geteuid() == 0 else None,
    )


# Runs several commands in one child process (through the CLI, each opening and closing the
# journal as a separate run would), because starting Python for each would make this file slow.
EACH = """
import json, sys
from typer.testing import CliRunner
from thoughtlog.cli import app
runs = []
for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    runs.append({"args": args, "code": result.exit_code, "stdout": result.stdout, "stderr": result.stderr})
print(json.dumps(runs))
"""


def _as_a_user_each(commands: list[list[str]]) -> list[dict]:
    result = _as_a_user([], check_with=EACH, extra=(json.dumps(commands),))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module", autouse=True)
def permissions_bind(tmp_path_factory) -> None:
    """Skip (saying why) where a file marked read-only can still be written, even after the drop."""
    if not hasattr(os, "geteuid"):
        pytest.skip("POSIX permissions")
    probe = tmp_path_factory.mktemp("probe") / "read-only.txt"
    probe.write_text("probe")
    probe.chmod(0o400)
    try:
        result = _as_a_user([], check_with=f"open({str(probe)!r}, 'r+')")
    except subprocess.SubprocessError as error:
        pytest.skip(f"can't run a child without root's override here: {error}")
    if result.returncode == 0:
        pytest.skip("a read-only file can still be written here")
    assert "PermissionError" in result.stderr, result.stderr


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _one_line(result: subprocess.CompletedProcess, *fragments: str) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def filled(journal_path: Path) -> Path:
    """A journal closed cleanly, with a record and an experiment."""
    with open_journal(journal_path) as opened:
        opened.add_record(
            entry.new_record(
                RecordInput(
                    situation="Team meeting, I stayed quiet",
                    emotions=["anxious=80"],
                    thoughts=["If I disagree my boss will reprimand me"],
                    tags=["work"],
                )
            )
        )
        opened.add_experiment(
            entry.new_experiment(
                ExperimentInput(belief="She'll reprimand me", plan="Say one thing", record_id=1)
            )
        )
    assert sorted(p.name for p in journal_path.parent.iterdir()) == ["journal.db"]
    return journal_path


@pytest.fixture(params=["file", "file-and-folder"])
def read_only(request, filled: Path):
    """The journal marked read-only, and in the second case its folder as well."""
    filled.chmod(0o400)
    if request.param == "file-and-folder":
        filled.parent.chmod(0o500)
    yield filled
    filled.parent.chmod(0o700)
    filled.chmod(0o600)


READS = [
    (["list"], "Team meeting, I stayed quiet"),
    (["show", "1"], "If I disagree my boss will reprimand me"),
    (["search", "reprimand"], "Team meeting"),
    (["report", "--format", "json", "--since", "2000-01-01"], '"count": 1'),
    (["export", "--format", "json"], "Team meeting, I stayed quiet"),
    (["experiment", "list"], "Say one thing"),
    (["check"], "healthy"),
    (["path"], "journal.db"),
]


def test_a_read_only_journal_can_still_be_read_and_is_left_as_it_was(read_only):
    before = _files(read_only.parent)
    for run, (_args, shown) in zip(
        _as_a_user_each([["--db", str(read_only), *a] for a, _ in READS]), READS
    ):
        assert run["code"] == 0, run
        assert shown in run["stdout"], run
        assert "Error" not in run["stderr"], run
    assert _files(read_only.parent) == before  # not a byte changed, no -wal or -shm left behind


WRITES = [
    ["add", "-s", "Another meeting"],
    ["edit", "1", "--reframe", "Disagreeing politely is part of the job"],
    ["delete", "1"],
    ["experiment", "add", "--belief", "They'll laugh", "--plan", "Ask a question"],
    ["experiment", "done", "1", "--outcome", "Fine", "--came-true", "no"],
    ["add", "--guided"],  # refused before the first question, so nothing typed is lost
    ["add", "--editor"],  # refused before the editor opens
]


def test_writing_to_a_read_only_journal_is_one_calm_line_and_changes_nothing(read_only):
    before = _files(read_only.parent)
    for run in _as_a_user_each([["--db", str(read_only), *args] for args in WRITES]):
        assert run["code"] == 1, run
        assert run["stdout"] == "", run
        assert run["stderr"].count("\n") == 1 and run["stderr"].startswith("Error: "), run
        for fragment in (
            f"The journal at {read_only} is read-only",
            "can't save",
            "nothing was changed",
        ):
            assert fragment in run["stderr"], run
        assert "What happened" not in run["stderr"]  # the guided add didn't start asking
    assert _files(read_only.parent) == before
    # And the real program, in its own process, exits the same way.
    result = _as_a_user(["--db", str(read_only), "add", "-s", "Another meeting"])
    _one_line(
        result, f"The journal at {read_only} is read-only", "can't save", "nothing was changed"
    )
    assert _files(read_only.parent) == before


def test_importing_into_a_read_only_journal_is_refused(read_only, tmp_path):
    export = tmp_path / "export.json"
    export.write_text(
        json.dumps(
            {
                "format": "thoughtlog",
                "version": 1,
                "records": [{"situation": "Imported", "occurred_at": "2026-11-20T10:00:00+00:00"}],
            }
        )
    )
    before = _files(read_only.parent)
    _one_line(_as_a_user(["--db", str(read_only), "import", str(export)]), "read-only")
    assert _files(read_only.parent) == before


def test_a_journal_read_while_read_only_can_be_written_once_it_is_writable_again(filled):
    filled.chmod(0o400)
    assert _as_a_user(["--db", str(filled), "list"]).returncode == 0
    filled.chmod(0o600)
    result = _as_a_user(["--db", str(filled), "add", "-s", "Writable again"])
    assert result.returncode == 0, result.stderr
    assert "Writable again" in _as_a_user(["--db", str(filled), "list"]).stdout


def test_a_writable_journal_in_a_read_only_folder_names_the_folder(filled):
    folder = filled.parent
    folder.chmod(0o500)
    try:
        before = _files(folder)
        assert "Team meeting" in _as_a_user(["--db", str(filled), "list"]).stdout
        result = _as_a_user(["--db", str(filled), "add", "-s", "Another meeting"])
        _one_line(result, f"The folder {folder} is read-only", "can't save", "nothing was changed")
        assert _files(folder) == before
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("where", ["journal.db", "new/folder/journal.db"])
def test_a_journal_in_a_read_only_folder_cannot_be_created_and_says_so(tmp_path, where):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        target = folder / where
        result = _as_a_user(["--db", str(target), "add", "-s", "Team meeting"])
        _one_line(result, f"Couldn't create the journal at {target}", "ermission denied")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_journal_whose_folder_would_be_a_file_cannot_be_created_and_says_so(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_bytes(b"a file where a folder would have to be\n")
    target = blocker / "journal.db"
    result = _as_a_user(["--db", str(target), "add", "-s", "Team meeting"])
    _one_line(result, f"Couldn't create the journal at {target}")
    assert blocker.read_bytes() == b"a file where a folder would have to be\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_backup_into_a_read_only_folder_is_refused_and_leaves_nothing(filled, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        target = folder / "journal-backup.db"
        result = _as_a_user(["--db", str(filled), "backup", str(target)])
        _one_line(result, str(target))
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("mode", [0o000, 0o600])  # can't be opened at all; can't be searched
def test_a_journal_in_a_folder_that_cannot_be_opened_is_one_calm_line(filled, mode):
    folder = filled.parent
    folder.chmod(mode)
    try:
        results = _as_a_user_each([["--db", str(filled), "list"], ["--db", str(filled), "check"]])
    finally:
        folder.chmod(0o700)
    for run in results:
        assert run["code"] == 1, run
        assert run["stdout"] == ""
        assert run["stderr"].strip() == (
            f"Error: Couldn't reach the journal at {filled}: Permission denied."
            " Check that its folder can be opened by you; nothing was changed."
        )
    assert sorted(p.name for p in folder.iterdir()) == ["journal.db"]


def test_a_backup_into_a_folder_that_cannot_be_opened_is_one_calm_line(filled, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o000)
    try:
        target = folder / "journal-backup.db"
        result = _as_a_user(["--db", str(filled), "backup", str(target)])
        _one_line(result, str(target), "ermission denied")
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []
