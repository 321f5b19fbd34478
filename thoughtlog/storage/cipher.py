"""Encrypted journals: told apart from plain ones by their first bytes, opened with SQLCipher.

``sqlcipher3`` (the ``encrypted`` extra) is imported only when a journal is encrypted, so a plain
journal's commands never pay for it. SQLCipher's own log lines are turned off before the key is
given, so a wrong passphrase is the one line the command layer words, never SQLCipher's output.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from thoughtlog.errors import JournalError, PassphraseError
from thoughtlog.storage import engine

SQLITE_HEADER = b"SQLite format 3\0"
# A SQLCipher file is whole pages, each at least 512 bytes, and starts with random salt.
_SMALLEST_PAGE = 512

# Gives the passphrase for the journal at a path, and where it came from (in status's words).
PassphraseSource = Callable[[Path], tuple[str, str]]


def looks_encrypted(path: Path, size: int) -> bool:
    """Whether the file at path (size bytes) is whole pages without SQLite's plain header."""
    if size < _SMALLEST_PAGE or size % _SMALLEST_PAGE:
        return False
    try:
        with open(path, "rb") as file:
            return file.read(len(SQLITE_HEADER)) != SQLITE_HEADER
    except OSError:
        return False  # SQLite, opening it, says what is wrong in its own words


def is_encrypted(path: Path) -> bool:
    """Whether the journal at path is an encrypted one (False when there is no file)."""
    try:
        size = os.stat(path).st_size
    except OSError:
        return False
    return looks_encrypted(path, size)


def sqlcipher(path: Path | None = None) -> ModuleType:
    """sqlcipher3's DB-API module, its errors then caught where sqlite3's are; or a plain error."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        where = f"The journal at {path} is encrypted (or is not a SQLite database)." if path else ""
        raise JournalError(
            f"{where} Encryption needs thoughtlog's encryption support:"
            ' pip install "thoughtlog[encrypted]". Nothing was changed.'.strip()
        ) from None
    engine.also_catch(dbapi2)
    return dbapi2


def key_pragma(passphrase: str) -> str:
    """PRAGMA key's value for a passphrase: a quoted SQL string (SQLCipher derives the key)."""
    return "'" + passphrase.replace("'", "''") + "'"


def default_source(path: Path) -> tuple[str, str]:
    """The passphrase from the command or the keyring; without them, one plain line."""
    from thoughtlog.passphrase import COMMAND_VARIABLE, find

    found = find(path)
    if found is None:
        raise PassphraseError(
            f"The journal at {path} is encrypted and no passphrase was given. Set"
            f" {COMMAND_VARIABLE} to a command that prints it, or run thoughtlog in a terminal"
            " to be asked; nothing was changed."
        )
    return found


def keyed(module: ModuleType, conn: Any, passphrase: str) -> None:
    """Give the connection its key, with SQLCipher's log kept off stderr."""
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {key_pragma(passphrase)}")


def connect(
    path: Path,
    target: str | Path,
    *,
    uri: bool,
    timeout: float,
    passphrase: PassphraseSource | None,
) -> tuple[Any, tuple[str, str]]:
    """A SQLCipher connection to the encrypted journal at path, checked to open with the key.

    Returns the connection and the passphrase with where it came from. A wrong passphrase closes
    the connection and raises PassphraseError before anything is read or written.
    """
    module = sqlcipher(path)
    secret, source = (passphrase or default_source)(path)
    try:
        conn = module.connect(target, uri=uri, isolation_level=None, timeout=timeout)
    except module.Error as error:
        raise JournalError(f"Couldn't open the journal at {path}: {error}.") from None
    try:
        keyed(module, conn, secret)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError as error:
        conn.close()
        if (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF == module.SQLITE_NOTADB:
            raise PassphraseError(
                f"The passphrase from {source} doesn't open the journal at {path}; nothing was"
                " changed."
            ) from None
        raise JournalError(f"Couldn't open the journal at {path}: {error}.") from None
    except BaseException:
        conn.close()
        raise
    return conn, (secret, source)


def encrypted_copy(conn: Any, destination: Path, passphrase: str) -> None:
    """Copy the encrypted journal open on conn to destination, encrypted with the same passphrase.

    One read transaction makes the copy consistent; the copy itself is written without a journal
    or syncs of its own (it counts only once checked) and flushed to disk at the end.
    """
    conn.execute(f"ATTACH DATABASE ? AS copy KEY {key_pragma(passphrase)}", [str(destination)])
    try:
        conn.execute("PRAGMA copy.synchronous = OFF")
        conn.execute("PRAGMA copy.journal_mode = OFF")
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT sqlcipher_export('copy')")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("PRAGMA copy.journal_mode = DELETE")
    finally:
        conn.execute("DETACH DATABASE copy")
    fd = os.open(destination, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
