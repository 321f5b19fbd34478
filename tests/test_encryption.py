"""An encrypted journal: opened with the passphrase from a command, the keyring or a prompt, and
refused in one calm line, with nothing written, when the passphrase is wrong or missing."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2

from thoughtlog.storage import Journal, open_journal
from thoughtlog.storage.cipher import SQLITE_HEADER, is_encrypted
from thoughtlog.storage.convert import encrypt

PASSPHRASE = "correct horse 'battery' staple"


@pytest.fixture(autouse=True)
def fast_key_derivation():
    """Derive keys with few iterations while these tests run in this process (SQLCipher's default,
    256,000, costs a fifth of a second each time a journal opens). A journal made meanwhile opens
    only in this process; the one test run as a separate process sets the default back first."""
    set_key_iterations(FEW_ITERATIONS)
    yield
    set_key_iterations(DEFAULT_ITERATIONS)


def set_key_iterations(count: int) -> None:
    conn = dbapi2.connect(":memory:")
    conn.execute(f"PRAGMA cipher_default_kdf_iter = {count}")
    conn.close()


FEW_ITERATIONS = 2
DEFAULT_ITERATIONS = 256_000


def printing(text: str) -> str:
    """A THOUGHTLOG_PASSPHRASE_CMD that prints text exactly (no newline added)."""
    program = f"import sys; sys.stdout.write({text!r})"
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(program)}"


def files_beside(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir())}


@pytest.fixture
def encrypted(cli, journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's journal with one record, encrypted, its passphrase given by a command."""
    result = cli("add", "-s", "Team meeting", "-e", "anxious=70", "-t", "They'll think I'm slow")
    assert result.exit_code == 0, result.stderr
    encrypt(journal_path, PASSPHRASE)
    monkeypatch.setenv("THOUGHTLOG_PASSPHRASE_CMD", printing(PASSPHRASE + "\n"))
    return journal_path


def test_an_encrypted_journal_holds_no_plain_text(encrypted: Path):
    content = encrypted.read_bytes()
    assert not content.startswith(SQLITE_HEADER)
    assert b"Team meeting" not in content and b"slow" not in content
    assert is_encrypted(encrypted)
    assert [p.name for p in encrypted.parent.iterdir()] == [encrypted.name]


def test_commands_open_an_encrypted_journal_with_the_passphrase_command(cli, encrypted: Path):
    added = cli("add", "-s", "Call with mum", "-e", "sad=40", "-t", "I always upset her")
    assert added.exit_code == 0, added.stderr
    listed = cli("list")
    assert listed.exit_code == 0, listed.stderr
    assert "Team meeting" in listed.stdout and "Call with mum" in listed.stdout
    assert is_encrypted(encrypted)
    assert b"Call with mum" not in b"".join(files_beside(encrypted).values())


def test_the_passphrase_command_loses_only_its_last_newline(
    cli, encrypted: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("THOUGHTLOG_PASSPHRASE_CMD", printing(PASSPHRASE))
    assert cli("list").exit_code == 0
    monkeypatch.setenv("THOUGHTLOG_PASSPHRASE_CMD", printing(PASSPHRASE + "\n\n"))
    assert cli("list").exit_code == 1


@pytest.mark.parametrize(
    "command",
    [printing("not it\n"), "false", "/nonexistent/passphrase-tool", printing("")],
    ids=["wrong", "failing", "missing", "empty"],
)
def test_a_bad_passphrase_is_one_calm_line_and_changes_nothing(
    cli, encrypted: Path, monkeypatch: pytest.MonkeyPatch, command: str
):
    before = files_beside(encrypted)
    monkeypatch.setenv("THOUGHTLOG_PASSPHRASE_CMD", command)
    result = cli("add", "-s", "Should not land", "-e", "sad=40")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert files_beside(encrypted) == before


def test_without_a_terminal_or_a_command_there_is_no_prompt_just_one_line(
    cli, encrypted: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("THOUGHTLOG_PASSPHRASE_CMD")
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda *a, **k: asked.append(a) or PASSPHRASE)
    result = cli("list")
    assert result.exit_code == 1 and not asked
    assert "is encrypted" in result.stderr and "THOUGHTLOG_PASSPHRASE_CMD" in result.stderr
    assert result.stderr.count("\n") == 1


def test_on_a_terminal_the_passphrase_is_asked_once(
    cli, encrypted: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("THOUGHTLOG_PASSPHRASE_CMD")
    asked = []
    monkeypatch.setattr("thoughtlog.commands.on_a_terminal", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt, **k: asked.append(prompt) or PASSPHRASE)
    result = cli("list")
    assert result.exit_code == 0, result.stderr
    assert "Team meeting" in result.stdout
    assert len(asked) == 1 and str(encrypted) in asked[0]


def test_the_passphrase_command_comes_before_the_keyring(
    cli, encrypted: Path, monkeypatch: pytest.MonkeyPatch
):
    stored = FakeKeyring({("thoughtlog", str(encrypted.absolute())): "a stale one"})
    monkeypatch.setattr("thoughtlog.passphrase._keyring", lambda: stored)
    assert cli("list").exit_code == 0
    monkeypatch.delenv("THOUGHTLOG_PASSPHRASE_CMD")
    assert cli("list").exit_code == 1  # the keyring's (wrong) passphrase was the one tried
    stored.passwords[("thoughtlog", str(encrypted.absolute()))] = PASSPHRASE
    assert cli("list").exit_code == 0


def test_a_failing_keyring_falls_through_to_the_next_source(
    cli, encrypted: Path, monkeypatch: pytest.MonkeyPatch
):
    class Broken(FakeKeyring):
        def get_password(self, service: str, account: str) -> str | None:
            raise RuntimeError("the keyring is locked")

    monkeypatch.setattr("thoughtlog.passphrase._keyring", lambda: Broken({}))
    monkeypatch.delenv("THOUGHTLOG_PASSPHRASE_CMD")
    monkeypatch.setattr("thoughtlog.commands.on_a_terminal", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda *a, **k: PASSPHRASE)
    assert cli("list").exit_code == 0


def test_completion_offers_nothing_from_an_encrypted_journal(encrypted: Path):
    assert Journal.open_read_only(encrypted) is None


def test_the_core_api_opens_with_the_passphrase_command(encrypted: Path):
    with open_journal(encrypted) as journal:
        assert journal.key_source == "the command in THOUGHTLOG_PASSPHRASE_CMD"
        assert [r.situation for r in journal.list_records()] == ["Team meeting"]


def test_without_the_encrypted_extra_an_encrypted_journal_says_how_to_get_it(
    cli, encrypted: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # as if it were not installed
    result = cli("list")
    assert result.exit_code == 1
    assert 'pip install "thoughtlog[encrypted]"' in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_wrong_passphrase_prints_no_sqlcipher_output(cli, journal_path: Path):
    """SQLCipher logs from C straight to the process's stderr, so only a process shows it."""
    set_key_iterations(DEFAULT_ITERATIONS)  # the journal must open as a separate process opens it
    assert cli("add", "-s", "Team meeting", "-e", "anxious=70").exit_code == 0
    encrypt(journal_path, PASSPHRASE)
    encrypted = journal_path
    env = {**os.environ, "THOUGHTLOG_PASSPHRASE_CMD": printing("not it")}
    finished = subprocess.run(
        [sys.executable, "-m", "thoughtlog", "list"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 1
    assert finished.stdout == ""
    assert finished.stderr.splitlines() == [
        f"Error: The passphrase from the command in THOUGHTLOG_PASSPHRASE_CMD doesn't open the"
        f" journal at {encrypted}; nothing was changed."
    ]


class FakeKeyring:
    """The three calls thoughtlog makes of the keyring module, on a dictionary."""

    def __init__(self, passwords: dict[tuple[str, str], str]):
        self.passwords = passwords

    def get_password(self, service: str, account: str) -> str | None:
        return self.passwords.get((service, account))

    def set_password(self, service: str, account: str, password: str) -> None:
        self.passwords[(service, account)] = password

    def delete_password(self, service: str, account: str) -> None:
        del self.passwords[(service, account)]
