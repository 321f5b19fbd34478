"""Where export, report and backup write: a regular file (new, or replaced whole) or - for standard
output; a link, named pipe, device, folder or socket at the path is refused and left as it was."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from thoughtlog.errors import ThoughtlogError
from thoughtlog.exchange.files import check_target, private_file
from thoughtlog.model import Emotion, Record, Thought

# How each command is pointed at a path.
COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "export": lambda path: ["export", "-o", path],
    "report": lambda path: ["report", "--format", "markdown", "--output", path],
    "backup": lambda path: ["backup", path],
}
# Words each command's text output is sure to hold.
HOLDS = {"export": "Team meeting", "report": "# Thought record report"}


@pytest.fixture
def kept(journal) -> Record:
    record = Record(
        situation="Team meeting",
        occurred_at=datetime.now().astimezone(),
        emotions=[Emotion("anxious", 80, 45)],
        thoughts=[Thought("They'll judge me", 85, 40, True)],
    )
    journal.add_record(record)
    return record


def what_is_at(path: Path) -> tuple:
    """Everything that would show the thing at path changed: its kind, inode, mode, link target,
    and the content of a file or folder (never opened if it is a pipe, device or socket)."""
    status = os.lstat(path)
    if stat.S_ISLNK(status.st_mode):
        content: object = os.readlink(path)
    elif stat.S_ISDIR(status.st_mode):
        content = sorted(p.name for p in path.iterdir())
    elif stat.S_ISREG(status.st_mode):
        content = path.read_bytes()
    else:
        content = None
    return status.st_ino, status.st_mode, status.st_rdev, status.st_mtime_ns, content


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def make_symlink_to_a_file(path: Path) -> Path:
    elsewhere = path.parent / "someone-elses.txt"
    elsewhere.write_text("not the journal's to replace\n")
    path.symlink_to(elsewhere)
    return elsewhere


def make_dangling_symlink(path: Path) -> Path:
    path.symlink_to(path.parent / "nothing-here-yet.txt")
    return path.parent / "nothing-here-yet.txt"


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def make_folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("kept\n")


def make_socket(path: Path, monkeypatch: pytest.MonkeyPatch) -> socket.socket:
    # A socket's path is limited to about 100 bytes: bind a short name from inside its folder.
    monkeypatch.chdir(path.parent)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path.name)
    return server


def make_device(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can make a device node")
    os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # a null device, like /dev/null


KINDS = ["symlink", "dangling-symlink", "fifo", "folder", "socket", "device"]


@pytest.fixture
def not_a_file(request, tmp_path, monkeypatch):
    """A thing at tmp_path/out that isn't a regular file; yields its path and the path of the
    file a link points to (which must not appear or change either)."""
    path = tmp_path / "out"
    pointed_to = None
    sockets = []
    match request.param:
        case "symlink":
            pointed_to = make_symlink_to_a_file(path)
        case "dangling-symlink":
            pointed_to = make_dangling_symlink(path)
        case "fifo":
            make_fifo(path)
        case "folder":
            make_folder(path)
        case "socket":
            sockets.append(make_socket(path, monkeypatch))
        case "device":
            make_device(path)
    yield path, pointed_to
    for opened in sockets:
        opened.close()


@pytest.mark.parametrize("not_a_file", KINDS, indirect=True)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_path_that_isnt_a_regular_file_is_refused_and_left_as_it_was(
    cli, kept, not_a_file, command
):
    path, pointed_to = not_a_file
    before = what_is_at(path)
    pointed_before = what_is_at(pointed_to) if pointed_to and pointed_to.exists() else None
    folder_before = sorted(p.name for p in path.parent.iterdir())

    result = cli(*COMMANDS[command](str(path)))

    assert what_is_at(path) == before
    if pointed_to is not None:
        assert (what_is_at(pointed_to) if pointed_to.exists() else None) == pointed_before
    assert sorted(p.name for p in path.parent.iterdir()) == folder_before
    if command == "report" and path.is_dir() and not path.is_symlink():
        # report's --output takes no folder, which Typer says itself, as a usage error.
        assert result.exit_code == 2
        return
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path} is ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["export", "report"])
def test_dev_stdout_is_refused_with_a_line_that_offers_a_dash(cli, kept, command, tmp_path):
    # /dev/stdout is a link to /proc/self/fd/1. The test makes its own such link rather than
    # name the machine's: run as root against a regression, it would replace /dev/stdout itself.
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    before = what_is_at(stdout)
    result = cli(*COMMANDS[command](str(stdout)))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {stdout} is a symbolic link, not a regular file")
    assert "use - (or leave --output out) for standard output" in result.stderr
    assert what_is_at(stdout) == before


def test_a_device_is_refused_without_being_touched():
    # Only looked at (lstat), never opened: safe to ask about the machine's /dev/null.
    before = what_is_at(Path("/dev/null"))
    with pytest.raises(ThoughtlogError, match="/dev/null is a device, not a regular file"):
        check_target(Path("/dev/null"))
    assert what_is_at(Path("/dev/null")) == before


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_dash_writes_to_standard_output(cli, kept, command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli(*COMMANDS[command]("-"))
    assert result.exit_code == 0
    assert HOLDS[command] in result.stdout
    assert not (tmp_path / "-").exists()
    assert " to -" not in result.stderr


def test_export_dash_is_the_same_as_no_output_option(cli, kept):
    assert cli("export", "-o", "-").stdout == cli("export").stdout
    assert cli("export", "-o", "-", "--excel").stdout_bytes.startswith(b"\xef\xbb\xbfid,")


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_regular_file_is_replaced_whole_and_made_private(cli, kept, command, tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("an older copy\n")
    path.chmod(0o644)
    old_inode = path.stat().st_ino
    result = cli(*COMMANDS[command](str(path)))
    assert result.exit_code == 0
    assert path.stat().st_ino != old_inode  # a new file renamed into place, not rewritten
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert HOLDS[command] in path.read_text(encoding="utf-8")
    assert leftovers(tmp_path) == []


def test_backup_never_replaces_a_regular_file(cli, kept, tmp_path):
    path = tmp_path / "backup.db"
    path.write_text("an older backup\n")
    before = what_is_at(path)
    result = cli("backup", str(path))
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert what_is_at(path) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_new_file_is_created_private(cli, kept, command, tmp_path):
    path = tmp_path / "new.out"
    result = cli(*COMMANDS[command](str(path)))
    assert result.exit_code == 0
    assert stat.S_ISREG(os.lstat(path).st_mode)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_something_put_at_the_path_while_writing_is_left_alone(tmp_path):
    path = tmp_path / "out.csv"
    with pytest.raises(ThoughtlogError, match="is a named pipe"), private_file(path) as out:
        out.write("half an export\n")
        os.mkfifo(path)  # appears while the export is being written
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    assert leftovers(tmp_path) == []


def test_a_failed_export_leaves_no_half_file(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("the last good export\n")
    with pytest.raises(RuntimeError), private_file(path) as out:
        out.write("half an export\n")
        raise RuntimeError("the journal couldn't be read")
    assert path.read_text() == "the last good export\n"
    assert leftovers(tmp_path) == []
