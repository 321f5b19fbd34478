"""An encrypted journal: opened with the passphrase from a command, the keyring or a prompt, and
refused in one calm line, with nothing written, when the passphrase is wrong or missing."""

from __future__ import annotations

import json
import os
import random
import shlex
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2

from thoughtlog.errors import JournalError
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


# --- encrypt, decrypt, passphrase, status, lock ---------------------------------------------------


@pytest.fixture
def two_records(cli) -> None:
    for situation in ("Team meeting", "Call with mum"):
        result = cli("add", "-s", situation, "-e", "anxious=60", "-t", "It will go wrong")
        assert result.exit_code == 0, result.stderr


def situations(cli) -> list[str]:
    result = cli("list", "--json")
    assert result.exit_code == 0, result.stderr
    return sorted(record["situation"] for record in json.loads(result.stdout))


def test_encrypt_keeps_every_record_and_removes_the_plain_file(
    cli, journal_path: Path, two_records, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("THOUGHTLOG_PASSPHRASE_CMD", printing(PASSPHRASE))
    result = cli("encrypt")
    assert result.exit_code == 0, result.stderr
    assert "Encrypted the journal" in result.stderr
    assert is_encrypted(journal_path)
    assert [p.name for p in journal_path.parent.iterdir()] == [journal_path.name]
    assert journal_path.stat().st_mode & 0o777 == 0o600
    assert situations(cli) == ["Call with mum", "Team meeting"]
    again = cli("encrypt")
    assert again.exit_code == 1 and "encrypted already" in again.stderr


def test_encrypt_asks_the_new_passphrase_twice_on_a_terminal(
    cli, journal_path: Path, two_records, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("thoughtlog.commands.on_a_terminal", lambda: True)
    answers = iter(["first try", "first tyr"])
    monkeypatch.setattr("getpass.getpass", lambda *a, **k: next(answers))
    before = files_beside(journal_path)
    result = cli("encrypt")
    assert result.exit_code == 1 and "not the same" in result.stderr
    assert files_beside(journal_path) == before
    answers = iter(["same one", "same one", "same one"])
    assert cli("encrypt").exit_code == 0
    assert situations(cli) == ["Call with mum", "Team meeting"]  # asked once more, to open it


def test_encrypt_without_a_terminal_or_a_command_changes_nothing(
    cli, journal_path: Path, two_records
):
    before = files_beside(journal_path)
    result = cli("encrypt")
    assert result.exit_code == 1
    assert "THOUGHTLOG_PASSPHRASE_CMD" in result.stderr and result.stderr.count("\n") == 1
    assert files_beside(journal_path) == before


def test_decrypt_gives_back_a_plain_journal_sqlite_reads(cli, encrypted: Path):
    result = cli("decrypt")
    assert result.exit_code == 0, result.stderr
    assert not is_encrypted(encrypted)
    with sqlite3.connect(encrypted) as plain:
        assert plain.execute("SELECT situation FROM records").fetchall() == [("Team meeting",)]
    assert "not encrypted" in cli("status").stderr


def test_decrypt_with_a_wrong_passphrase_changes_nothing(
    cli, encrypted: Path, monkeypatch: pytest.MonkeyPatch
):
    before = files_beside(encrypted)
    monkeypatch.setenv("THOUGHTLOG_PASSPHRASE_CMD", printing("not it"))
    result = cli("decrypt")
    assert result.exit_code == 1 and "doesn't open" in result.stderr
    assert files_beside(encrypted) == before


def test_passphrase_changes_the_key_and_the_old_one_stops_working(
    cli, encrypted: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("THOUGHTLOG_NEW_PASSPHRASE_CMD", printing("a new one"))
    result = cli("passphrase")
    assert result.exit_code == 0, result.stderr
    assert cli("list").exit_code == 1
    monkeypatch.setenv("THOUGHTLOG_PASSPHRASE_CMD", printing("a new one"))
    assert situations(cli) == ["Team meeting"]


def test_passphrase_of_a_plain_journal_says_how_to_encrypt_it(cli, two_records):
    result = cli("passphrase")
    assert result.exit_code == 1 and "'thoughtlog encrypt'" in result.stderr


def test_status_says_plainly_what_is_true(cli, encrypted: Path, monkeypatch: pytest.MonkeyPatch):
    said = cli("status").stderr
    assert "is encrypted" in said
    assert "comes from the command in THOUGHTLOG_PASSPHRASE_CMD, and it opens the journal" in said
    monkeypatch.setenv("THOUGHTLOG_PASSPHRASE_CMD", printing("not it"))
    assert "that one does not open it" in cli("status").stderr
    monkeypatch.delenv("THOUGHTLOG_PASSPHRASE_CMD")
    assert "asked for on the terminal each time; none is stored" in cli("status").stderr


def test_status_json_holds_the_same_facts(cli, encrypted: Path):
    result = cli("status", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "path": str(encrypted),
        "exists": True,
        "encrypted": True,
        "passphrase_from": "the command in THOUGHTLOG_PASSPHRASE_CMD",
        "passphrase_opens": True,
        "problem": None,
    }


def test_status_of_a_plain_journal_says_anyone_can_read_it(cli, two_records):
    result = cli("status")
    assert result.exit_code == 0
    assert "is not encrypted: anyone who can read the file can read it" in result.stderr


def test_a_remembered_passphrase_opens_the_journal_until_lock_forgets_it(
    cli, journal_path: Path, two_records, monkeypatch: pytest.MonkeyPatch
):
    stored = FakeKeyring({})
    monkeypatch.setattr("thoughtlog.passphrase._keyring", lambda: stored)
    monkeypatch.setenv("THOUGHTLOG_PASSPHRASE_CMD", printing(PASSPHRASE))
    result = cli("encrypt", "--remember")
    assert result.exit_code == 0, result.stderr
    assert "stored in the system keyring" in result.stderr
    monkeypatch.delenv("THOUGHTLOG_PASSPHRASE_CMD")
    assert situations(cli) == ["Call with mum", "Team meeting"]
    assert "comes from the system keyring, and it opens the journal" in cli("status").stderr
    locked = cli("lock")
    assert locked.exit_code == 0 and "Forgot the stored passphrase" in locked.stderr
    assert cli("list").exit_code == 1  # no terminal to ask on, and nothing stored
    assert "nothing to forget" in cli("lock").stderr


def test_lock_without_a_keyring_says_there_is_nothing_to_forget(cli, encrypted: Path):
    result = cli("lock")
    assert result.exit_code == 0
    assert "No passphrase is stored in a keyring" in result.stderr


def test_remember_without_a_keyring_changes_nothing(cli, journal_path: Path, two_records):
    before = files_beside(journal_path)
    result = cli("encrypt", "--remember")
    assert result.exit_code == 1 and "no usable system keyring" in result.stderr
    assert files_beside(journal_path) == before


# A converter: encrypts and decrypts the journal over and over until it is killed.
CONVERTER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from sqlcipher3 import dbapi2
    from thoughtlog.storage.convert import decrypt, encrypt
    from thoughtlog.storage.cipher import is_encrypted

    conn = dbapi2.connect(":memory:")
    conn.execute("PRAGMA cipher_default_kdf_iter = ITERATIONS")
    conn.close()
    path, key = Path(sys.argv[1]), sys.argv[2]
    print("ready", flush=True)
    while True:
        if is_encrypted(path):
            decrypt(path, lambda _: (key, "test"))
        else:
            encrypt(path, key)
    """
).replace("ITERATIONS", str(FEW_ITERATIONS))


def test_a_conversion_killed_at_any_moment_leaves_the_journal_whole(
    journal_path: Path, journal: Journal
):
    """SIGKILL at random moments of encrypt and decrypt: each time, the journal opens, plain or
    encrypted, with every record, and nothing but SQLite's files and scratch is left beside it."""
    from thoughtlog.sample import build

    build(journal)
    records, experiments = journal.count_records(), len(journal.list_experiments())
    journal.close()
    rng = random.Random(20)
    for _ in range(4):
        process = subprocess.Popen(
            [sys.executable, "-c", CONVERTER, str(journal_path), PASSPHRASE],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert process.stdout is not None and process.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.4))
        process.send_signal(signal.SIGKILL)
        process.wait()
        key = (lambda _: (PASSPHRASE, "test")) if is_encrypted(journal_path) else None
        with open_journal(journal_path, passphrase=key) as opened:
            assert opened.problems() == []
            assert opened.count_records() == records
            assert len(opened.list_experiments()) == experiments
        assert {p.name for p in journal_path.parent.iterdir()} <= {
            journal_path.name,
            f"{journal_path.name}-wal",
            f"{journal_path.name}-shm",
            f"{journal_path.name}-journal",  # SQLite's own, rolled back when next opened
            f"{journal_path.name}.converting",
        }


def test_a_backup_of_an_encrypted_journal_stays_encrypted(cli, encrypted: Path, tmp_path: Path):
    target = tmp_path / "backup.db"
    result = cli("backup", str(target))
    assert result.exit_code == 0, result.stderr
    assert is_encrypted(target) and b"Team meeting" not in target.read_bytes()
    listed = cli("--db", str(target), "list")
    assert listed.exit_code == 0 and "Team meeting" in listed.stdout


def test_check_reads_an_encrypted_journal_and_refuses_a_wrong_passphrase(
    cli, encrypted: Path, monkeypatch: pytest.MonkeyPatch
):
    result = cli("check")
    assert result.exit_code == 0, result.stderr
    assert "is healthy" in result.stdout and "It holds 1 record" in result.stdout
    monkeypatch.setenv("THOUGHTLOG_PASSPHRASE_CMD", printing("not it"))
    refused = cli("check")
    assert refused.exit_code == 1 and "doesn't open" in refused.stderr


# --- age: export and backup --encrypt / --to, import of such files ------------------------------


def test_an_export_encrypted_to_a_key_imports_with_its_identity(cli, two_records, tmp_path: Path):
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    identity_file = tmp_path / "therapist.key"
    identity_file.write_text(f"# a test identity\n{identity}\n")
    public = str(identity.to_public())
    target = tmp_path / "for-therapist.json.age"
    result = cli("export", "--format", "json", "-o", str(target), "--to", public)
    assert result.exit_code == 0, result.stderr
    sealed = target.read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1\n") and b"Team meeting" not in sealed
    assert target.stat().st_mode & 0o777 == 0o600
    content = json.loads(pyrage.decrypt(sealed, [identity]))
    assert sorted(r["situation"] for r in content["records"]) == ["Call with mum", "Team meeting"]

    assert cli("delete", "1", "--purge", input="y\n").exit_code == 0
    someone_else = tmp_path / "someone-else.key"
    someone_else.write_text(f"{pyrage.x25519.Identity.generate()}\n")
    refused = cli("import", str(target), "--identity", str(someone_else))
    assert refused.exit_code == 1 and "doesn't open" in refused.stderr
    assert situations(cli) == ["Call with mum"]
    imported = cli("import", str(target), "--identity", str(identity_file))
    assert imported.exit_code == 0, imported.stderr
    assert situations(cli) == ["Call with mum", "Team meeting"]


def test_an_export_encrypted_with_a_passphrase_round_trips(
    cli, two_records, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """(age's scrypt costs most of a second each way, so the wrong key is tried with identities.)"""
    monkeypatch.setenv("THOUGHTLOG_PASSPHRASE_CMD", printing("export passphrase"))
    target = tmp_path / "journal.csv.age"
    assert cli("export", "-o", str(target), "--encrypt").exit_code == 0
    assert b"Team meeting" not in target.read_bytes()
    assert cli("delete", "2", "--purge", input="y\n").exit_code == 0
    imported = cli("import", str(target))
    assert imported.exit_code == 0, imported.stderr
    assert situations(cli) == ["Call with mum", "Team meeting"]


def test_a_backup_sealed_for_a_key_holds_the_whole_checked_journal(
    cli, encrypted: Path, tmp_path: Path
):
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    target = tmp_path / "journal-backup.db.age"
    result = cli("backup", str(target), "--to", str(identity.to_public()))
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir() if "journal-backup" in p.name] == [target.name]
    restored = tmp_path / "restored.db"
    restored.write_bytes(pyrage.decrypt(target.read_bytes(), [identity]))
    listed = cli("--db", str(restored), "list")  # still SQLCipher inside: the same passphrase
    assert listed.exit_code == 0 and "Team meeting" in listed.stdout


def test_encrypt_and_to_together_are_refused_before_anything_is_written(
    cli, two_records, tmp_path: Path
):
    target = tmp_path / "out.json"
    result = cli("export", "-o", str(target), "--encrypt", "--to", "age1nothing")
    assert result.exit_code == 2 and "not both" in result.stderr
    assert not target.exists()
    bad = cli("export", "-o", str(target), "--to", "not-a-key-or-file")
    assert bad.exit_code == 2 and "--to" in bad.stderr
    assert not target.exists()


def test_a_command_that_opened_the_journal_before_it_was_encrypted_saves_nothing_to_the_old_file(
    cli, journal_path: Path, two_records
):
    """A thoughtlog that opened the plain file and writes after encrypt swapped it would write to
    a file nothing reads any more: it says so instead, and the record can be added again."""
    from thoughtlog import entry
    from thoughtlog.entry import RecordInput

    with open_journal(journal_path) as before:
        encrypt(journal_path, PASSPHRASE)
        record = entry.new_record(RecordInput(situation="Lost?", emotions=["sad=40"]))
        with pytest.raises(JournalError, match="was encrypted or decrypted while"):
            before.add_record(record)
