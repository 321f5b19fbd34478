"""Every test gets a fresh journal in a temporary folder; no test can reach a real journal."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thoughtlog.cli import app
from thoughtlog.storage import Journal, open_journal

# Every journal a test creates is synced to disk at each commit, as the real one is: on a disk
# that costs tens of milliseconds a journal. Where the machine has a memory-backed /dev/shm, the
# tests' temporary folders live there (unless --basetemp names one), and are removed afterwards.
_MEMORY = Path("/dev/shm")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "plain_journal(reason): the test builds or damages the journal file byte by byte, or"
        f" runs other processes on it, so {ENCRYPTED_OPTION} skips it",
    )
    if config.option.basetemp is None and _MEMORY.is_dir() and os.access(_MEMORY, os.W_OK):
        config.option.basetemp = tempfile.mkdtemp(prefix="thoughtlog-tests-", dir=_MEMORY)
        config.stash[_IN_MEMORY] = config.option.basetemp


def pytest_unconfigure(config: pytest.Config) -> None:
    if (basetemp := config.stash.get(_IN_MEMORY, None)) is not None:
        shutil.rmtree(basetemp, ignore_errors=True)


_IN_MEMORY = pytest.StashKey[str]()


# `pytest --encrypted-journal`: every test's journal is an encrypted one, its passphrase given by
# THOUGHTLOG_PASSPHRASE_CMD, so the same tests prove every command works on an encrypted journal.
ENCRYPTED_OPTION = "--encrypted-journal"
TEST_PASSPHRASE = "a test passphrase"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        ENCRYPTED_OPTION,
        action="store_true",
        help="Run each test on an encrypted journal (SQLCipher, thoughtlog[encrypted]).",
    )


@pytest.fixture(scope="session")
def encrypted_journals(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path | None:
    """With the option, a new encrypted journal each test's journal starts as a copy of; keys are
    then derived with few iterations in this process (SQLCipher's 256,000 would cost a fifth of
    a second at every open)."""
    if not request.config.getoption(ENCRYPTED_OPTION):
        return None
    from sqlcipher3 import dbapi2

    from thoughtlog.storage.convert import encrypt

    conn = dbapi2.connect(":memory:")
    conn.execute("PRAGMA cipher_default_kdf_iter = 2")
    conn.close()
    template = tmp_path_factory.mktemp("encrypted") / "journal.db"
    encrypt(template, TEST_PASSPHRASE)
    return template


@pytest.fixture(autouse=True)
def isolated_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encrypted_journals: Path | None
) -> Path:
    """Point THOUGHTLOG_DB and the data directory at a temporary folder for every test."""
    path = tmp_path / "journal" / "journal.db"
    monkeypatch.setenv("THOUGHTLOG_DB", str(path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("THOUGHTLOG_DEBUG", raising=False)
    monkeypatch.delenv("THOUGHTLOG_PASSPHRASE_CMD", raising=False)
    monkeypatch.delenv("THOUGHTLOG_NEW_PASSPHRASE_CMD", raising=False)
    # No test reaches the person's own keyring.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    if encrypted_journals is not None:
        path.parent.mkdir(mode=0o700)
        shutil.copyfile(encrypted_journals, path)
        path.chmod(0o600)
        monkeypatch.setenv("THOUGHTLOG_PASSPHRASE_CMD", f"echo {TEST_PASSPHRASE}")
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    # The breathing exercise's pauses pass at once (tests that count them put their own in).
    monkeypatch.setattr("thoughtlog.commands.calm.sleep", lambda seconds: None)
    return path


@pytest.fixture
def journal_path(isolated_journal: Path) -> Path:
    return isolated_journal


@pytest.fixture
def journal(isolated_journal: Path):
    """The test's journal opened through the core API."""
    with open_journal(isolated_journal) as opened:
        yield opened


class Thoughtlog:
    """Runs the CLI as a user would and keeps stdout and stderr apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None):
        return self.runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture
def cli() -> Thoughtlog:
    return Thoughtlog()


def shown(cli: Thoughtlog, *command: str | int) -> dict:
    """What `show ID --json` (or `experiment show ID --json`) prints, read back; the command must work."""
    result = cli(*map(str, command), "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def raw_connect(path: Path, **options):
    """A DB-API connection straight to the journal file, past thoughtlog: the standard sqlite3's
    for a plain journal, SQLCipher's (with the test passphrase) for an encrypted one."""
    from thoughtlog.storage.cipher import is_encrypted, key_pragma

    if not is_encrypted(path):
        return sqlite3.connect(path, **options)
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(path), **options)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {key_pragma(TEST_PASSPHRASE)}")
    return conn


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption(ENCRYPTED_OPTION):
        return
    for item in items:
        marker = item.get_closest_marker("plain_journal")
        if marker is not None:
            reason = marker.args[0] if marker.args else "plain journals only"
            item.add_marker(pytest.mark.skip(reason=f"plain journal only: {reason}"))


def snapshot(path: Path) -> bytes | None:
    """The journal's bytes after a checkpoint, to show that a failed command changed nothing."""
    if not path.exists():
        return None
    with open_journal(path) as opened:
        opened.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


def journal_content(path: Path) -> list[tuple]:
    """Every row of every table, to compare a journal before and after a command."""
    if not path.exists():
        return []
    with open_journal(path) as opened:
        return _content(opened)


def _content(opened: Journal) -> list[tuple]:
    rows: list[tuple] = []
    # Full-text indexes are compared by what they hold, not by their shadow tables' bytes.
    indexes = [
        row[0]
        for row in opened.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
            " ORDER BY name"
        )
    ]
    tables = [
        row[0]
        for row in opened.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
        if not any(row[0] == index or row[0].startswith(f"{index}_") for index in indexes)
    ]
    for table in tables:
        rows.append((table,))
        rows.extend(opened.conn.execute(f"SELECT * FROM [{table}] ORDER BY rowid"))
    for index in indexes:
        rows.append((index,))
        rows.extend(opened.conn.execute(f"SELECT rowid, * FROM [{index}] ORDER BY rowid"))
    return rows


def assert_generated_file_is_current(
    script: Path, target: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    """Run a generator in docs/ into a temporary file, from another folder, as a person would, and
    fail with a short diff and the command to run when the committed file differs from it."""
    fresh = tmp_path / target.name
    subprocess.run(
        [sys.executable, str(script), "--output", str(fresh)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    expected = fresh.read_text(encoding="utf-8")
    actual = target.read_text(encoding="utf-8") if target.exists() else ""
    if actual != expected:
        name = f"docs/{target.name}"
        diff = difflib.unified_diff(
            actual.splitlines(), expected.splitlines(), name, "now", lineterm="", n=1
        )
        pytest.fail(
            f"{name} is stale: run `python docs/{script.name}` and commit {name}.\n"
            + "\n".join(list(diff)[:40]),
            pytrace=False,
        )
