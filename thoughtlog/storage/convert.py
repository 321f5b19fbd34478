"""Turning a plain journal into an encrypted one and back, and changing its passphrase.

A conversion never changes the journal in place. The new file is written beside it (through
``sqlcipher_export``), checked (SQLite's integrity check, and every table's rows counted against
the journal's) and flushed to disk, and only then renamed over the journal: one atomic step. While
it is written the journal is held with a write lock, so nothing saved meanwhile can be lost. A
failure or a kill at any moment leaves the journal whole, plain or encrypted, never in between.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any

from thoughtlog.errors import JournalError
from thoughtlog.storage import cipher, engine
from thoughtlog.storage.files import BUSY_TIMEOUT_MS, create_private_file, open_journal

# Where the new file is written, beside the journal, before it takes the journal's place.
_PARTIAL = ".converting"


def partial_path(path: Path) -> Path:
    return path.with_name(f"{path.name}{_PARTIAL}")


def encrypt(path: Path, new_passphrase: str) -> None:
    """Make the plain journal at path an encrypted one, opened with new_passphrase from now on."""
    if cipher.is_encrypted(path):
        raise JournalError(f"The journal at {path} is encrypted already; nothing was changed.")
    open_journal(path).close()  # creates or upgrades it, and refuses what isn't a journal
    module = cipher.sqlcipher(path)
    lock = _locked(sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000))
    _convert(path, lock, module, source_key="", target_key=new_passphrase)


def decrypt(path: Path, passphrase: cipher.PassphraseSource | None = None) -> None:
    """Make the encrypted journal at path a plain one again."""
    if not cipher.is_encrypted(path):
        raise JournalError(f"The journal at {path} is not encrypted; nothing was changed.")
    secret, source = (passphrase or cipher.default_source)(path)
    journal = open_journal(path, passphrase=lambda _: (secret, source))  # checks the passphrase
    module = cipher.sqlcipher(path)
    _convert(path, _locked(journal.conn), module, source_key=secret, target_key="")


def change_passphrase(journal: Any, new_passphrase: str) -> None:
    """Give the open encrypted journal a new passphrase (SQLCipher rewrites every page in one
    transaction, so a kill leaves it whole with the old one)."""
    if journal.key_source is None:
        raise JournalError(
            f"The journal at {journal.path} is not encrypted, so it has no passphrase to change."
            " 'thoughtlog encrypt' encrypts it."
        )
    try:
        journal.conn.execute(f"PRAGMA rekey = {cipher.key_pragma(new_passphrase)}")
    except engine.OperationalError as error:
        raise journal._write_error(error) from None


def _locked(conn: Any) -> Any:
    """The connection, with the journal's changes moved into the file and its write lock held."""
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("BEGIN IMMEDIATE")
    except engine.Error as error:
        conn.close()
        raise JournalError(
            f"The journal at {path_of(conn)} is busy with another thoughtlog ({error});"
            " nothing was changed. Please try again."
        ) from None
    return conn


def path_of(conn: Any) -> str:
    return conn.execute("PRAGMA database_list").fetchone()[2]


def _convert(
    path: Path,
    lock: Any,
    module: Any,
    *,
    source_key: str,
    target_key: str,
) -> None:
    """Write the journal, read through lock's file, to a new file keyed target_key ('' for a plain
    one), check it, and put it in the journal's place, all under lock's write lock."""
    partial = partial_path(path)
    try:
        _remove_scratch(partial)  # left by a conversion that was stopped
        create_private_file(partial)
        counts = _counts(lock)
        exporter = module.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            exporter.execute("PRAGMA cipher_log_level = NONE")
            if source_key:
                exporter.execute(f"PRAGMA key = {cipher.key_pragma(source_key)}")
            exporter.execute(
                f"ATTACH DATABASE ? AS converted KEY {cipher.key_pragma(target_key)}",
                [str(partial)],
            )
            # The copy is scratch until it is checked and flushed, so it is written without a
            # journal or a sync of its own (a hundred times faster); a kill leaves only scratch.
            exporter.execute("PRAGMA converted.synchronous = OFF")
            exporter.execute("PRAGMA converted.journal_mode = OFF")
            exporter.execute("SELECT sqlcipher_export('converted')")
            version = exporter.execute("PRAGMA main.user_version").fetchone()[0]
            exporter.execute(f"PRAGMA converted.user_version = {int(version)}")
            exporter.execute("DETACH DATABASE converted")
        finally:
            exporter.close()
        _verify(partial, module, target_key, counts)
        _flush(partial)
        os.replace(partial, path)
        _flush(path.parent)
    except BaseException:
        _remove_scratch(partial)
        with contextlib.suppress(Exception):
            lock.execute("ROLLBACK")
        lock.close()
        raise
    # The journal is the new file now. The old file's connection closes, and its -wal and -shm
    # (emptied by the checkpoint, the lock held since) go with it.
    with contextlib.suppress(Exception):
        lock.execute("ROLLBACK")
    lock.close()
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    with contextlib.suppress(Exception):  # only concurrency is at stake: it stays usable without
        journal = open_journal(
            path, passphrase=(lambda _: (target_key, "")) if target_key else None
        )
        journal.conn.execute("PRAGMA journal_mode = WAL")
        journal.close()


def _remove_scratch(partial: Path) -> None:
    """The unfinished copy, and any journal SQLite kept for it."""
    for scratch in (partial, partial.with_name(f"{partial.name}-journal")):
        scratch.unlink(missing_ok=True)


def _counts(conn: Any) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables
    }


def _verify(partial: Path, module: Any, key: str, counts: dict[str, int]) -> None:
    conn = module.connect(partial, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key:
            conn.execute(f"PRAGMA key = {cipher.key_pragma(key)}")
        found = conn.execute("PRAGMA integrity_check").fetchall()
        copied = _counts(conn)
    finally:
        conn.close()
    if found != [("ok",)] or copied != counts:
        raise JournalError(
            "The converted copy didn't match the journal, so it was removed; the journal was not"
            " changed."
        )


def _flush(path: Path) -> None:
    """Make what was written to path (a file or a folder's entries) survive a power cut."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
