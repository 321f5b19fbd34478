"""The state of a journal file, read without creating, upgrading or writing anything: what `check`
reports, and what a backup is checked with."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from thoughtlog.errors import JournalDamaged, JournalError
from thoughtlog.storage import cipher, engine
from thoughtlog.storage.cipher import looks_encrypted
from thoughtlog.storage.files import applied_migrations, existing_file, read_only_uri, writable
from thoughtlog.storage.schema import MIGRATION_NAMES

# What `check` counts, by name: each a query that reads one index or table. Records are counted
# from their own table (NOT INDEXED), not from records_by_occurred, which holds deleted_at too:
# the count says whether an export can still read them, and export reads the table.
_COUNTS = {
    "records": "SELECT count(*) FROM records NOT INDEXED WHERE deleted_at IS NULL",
    "records_in_trash": "SELECT count(*) FROM records NOT INDEXED WHERE deleted_at IS NOT NULL",
    "experiments": "SELECT count(*) FROM experiments WHERE deleted_at IS NULL",
    "experiments_in_trash": "SELECT count(*) FROM experiments WHERE deleted_at IS NOT NULL",
    "drafts": "SELECT count(*) FROM drafts",
}


_SQLITE_HEADER = b"SQLite format 3\x00"  # the first bytes of every SQLite database file


@dataclass
class Health:
    """What a check found in a journal file.

    problems: what SQLite's integrity and foreign-key checks report, one line each.
    readable: False when SQLite could not read every part of the file (damage, not only broken
    links between rows); empty: the file has no bytes at all, so no records either.
    """

    path: Path
    problems: list[str] = field(default_factory=list)
    readable: bool = True
    empty: bool = False
    sqlite: bool = True  # False: the file doesn't begin as every SQLite database does
    schema_version: int | None = None  # how many of this version's migrations it has
    latest_schema_version: int = len(MIGRATION_NAMES)
    counts: dict[str, int | None] = field(default_factory=dict)  # None: couldn't be read

    @property
    def healthy(self) -> bool:
        return not self.problems and self.readable and not self.empty and self.sqlite


def examine(path: Path, *, passphrase: cipher.PassphraseSource | None = None) -> Health:
    """Check the journal file at path, leaving it (and its folder) exactly as it was.

    An encrypted journal is opened with the key passphrase gives (as open_journal does).

    Raises JournalError when there is nothing there, or when it is not a journal of ours (another
    program's database, one from a newer thoughtlog): those have no health to report.
    """
    if existing_file(path) is None:
        raise JournalError(f"There is no journal at {path} yet, so there is nothing to check.")
    unread = dict.fromkeys(_COUNTS)
    try:
        with path.open("rb") as file:
            start = file.read(len(_SQLITE_HEADER))
    except OSError as error:
        raise JournalError(f"Couldn't read the journal at {path}: {error.strerror}.") from None
    if not start:
        return Health(path, empty=True, readable=False, counts=unread)
    encrypted = start != _SQLITE_HEADER and looks_encrypted(path, path.stat().st_size)
    if start != _SQLITE_HEADER and not encrypted:
        return Health(path, readable=False, sqlite=False, counts=unread)
    where = f"{path.absolute().as_uri()}?mode=rw" if writable(path) else read_only_uri(path)
    try:
        if encrypted:
            conn, _ = cipher.connect(path, where, uri=True, timeout=0, passphrase=passphrase)
        else:
            conn = sqlite3.connect(where, uri=True, isolation_level=None)
    except engine.Error as error:
        raise JournalError(f"Couldn't open the journal at {path}: {error}.") from None
    try:
        try:
            applied = applied_migrations(conn, path)
        except JournalDamaged as damaged:
            return Health(
                path,
                problems=[f"SQLite can't read the list of its tables: {damaged.detail}"],
                readable=False,
                counts=unread,
            )
        problems, readable = integrity_problems(conn)
        counts = {name: _count(conn, sql) for name, sql in _COUNTS.items()}
        return Health(path, problems, readable, schema_version=len(applied), counts=counts)
    finally:
        conn.close()


def integrity_problems(conn: sqlite3.Connection) -> tuple[list[str], bool]:
    """What SQLite's integrity and foreign-key checks find (one line each), and whether it could
    read the whole file. No problems and readable: all is well."""
    problems: list[str] = []
    readable = True
    for pragma in ("integrity_check", "quick_check"):
        # integrity_check stops at some damage that the lighter quick_check reads past.
        try:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        except engine.DatabaseError as error:
            readable = False
            problems.append(f"SQLite stopped its {pragma.replace('_', ' ')}: {error}")
            continue
        for (found,) in rows:
            if found != "ok":
                readable = False
                problems += [line for line in found.splitlines() if line.strip()]
        break
    try:
        problems += [
            f"{table} row {rowid} points to a missing row in {parent}"
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
        ]
    except engine.DatabaseError as error:
        readable = False
        problems.append(f"SQLite stopped its check of the links between rows: {error}")
    return problems, readable


def _count(conn: sqlite3.Connection, sql: str) -> int | None:
    try:
        return conn.execute(sql).fetchone()[0]
    except engine.Error:  # damaged, or a table an older journal doesn't have yet
        return None
