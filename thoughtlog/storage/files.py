"""Opening journal files safely: created private, refused when not ours, read-only when need be."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from thoughtlog.errors import JournalError
from thoughtlog.storage.schema import MIGRATION_NAMES, MIGRATION_SET

if TYPE_CHECKING:
    from thoughtlog.storage.journal import Journal

BUSY_TIMEOUT_MS = 10_000


def open_journal(path: str | os.PathLike[str]) -> Journal:
    """Open (creating if need be) the journal at path, upgrading its schema; refuse files not ours."""
    from thoughtlog.storage.journal import Journal

    path = Path(path)
    if path.is_dir():
        raise JournalError(
            f"{path} is a folder, not a journal file. Point --db at a file inside it."
        )
    created = not path.exists()
    if created:
        _create_private_file(path)
    elif path.stat().st_size == 0 and os.access(path, os.W_OK):
        os.chmod(path, 0o600)  # an empty file is about to become a journal: make it private
    writable = created or _writable(path)  # if not, reading works and writing says why not
    try:
        conn = sqlite3.connect(
            path if writable else _read_only_uri(path),
            uri=not writable,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
    except sqlite3.Error as error:
        raise JournalError(f"Couldn't open the journal at {path}: {error}.") from None
    try:
        applied = _applied_migrations(conn, path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        journal = Journal(conn, path)
        if len(applied) < len(MIGRATION_NAMES):
            journal._upgrade()
    except BaseException:
        # The file stays, even one this call created: another thoughtlog may have opened it (and
        # saved to it) meanwhile. An empty file is taken for a new journal next time.
        conn.close()
        raise
    return journal


def _writable(path: Path) -> bool:
    """Whether thoughtlog may write the journal: the file, and the folder its -wal and -shm go in."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _read_only_uri(path: Path) -> str:
    """How to open a journal thoughtlog can't write: read-only, and leaving no file behind.

    With no changes waiting in a -wal file, the journal file alone holds everything, so it is read
    as immutable: SQLite then needs no -shm file, which a read-only folder couldn't hold and which,
    created read-only beside a read-only journal, would keep refusing writes once the journal is
    writable again. Writes fail with "readonly", which Journal._write_error puts in plain words.
    """
    wal = path.with_name(path.name + "-wal")
    waiting = wal.exists() and wal.stat().st_size > 0
    return f"{path.absolute().as_uri()}?mode=ro" + ("" if waiting else "&immutable=1")


def _create_private_file(path: Path) -> None:
    missing = [parent for parent in [path.parent, *path.parent.parents] if not parent.exists()]
    try:
        for folder in reversed(missing):
            folder.mkdir(
                mode=0o700, exist_ok=True
            )  # another thoughtlog may make it at the same moment
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass  # another thoughtlog created it a moment ago: it is opened as theirs
    except OSError as error:
        raise JournalError(
            f"Couldn't create the journal at {path}: {error.strerror or error}."
        ) from None


def _applied_migrations(conn: sqlite3.Connection, path: Path) -> list[str]:
    """Our migrations already applied; raise if the file is not a journal this version can use."""
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.OperationalError as error:  # the file is there but SQLite can't open it
        raise JournalError(
            f"Couldn't open the journal at {path}: {error}; it was left untouched."
        ) from None
    except sqlite3.DatabaseError:
        raise JournalError(
            f"{path} is not a thoughtlog journal (it isn't a SQLite database), so it was left untouched."
        ) from None
    applied: list[str] = []
    if "_sqlite_migrations" in tables:
        applied = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
                [MIGRATION_SET],
            )
        ]
    if tables and not applied:
        raise JournalError(
            f"{path} is a SQLite database of another program, not a thoughtlog journal,"
            " so it was left untouched."
        )
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if unknown:
        raise JournalError(
            f"The journal at {path} was written by a newer version of thoughtlog."
            " Upgrade thoughtlog to open it; it was left untouched."
        )
    return applied
