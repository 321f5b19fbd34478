"""The agenda and the session pages written: their tables, and the queries on them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

from thoughtlog.agenda import AgendaItem, AgendaItemDone, SessionWritten
from thoughtlog.errors import NotFound
from thoughtlog.storage.files import reading
from thoughtlog.storage.rows import fits_sqlite, utc_now

if TYPE_CHECKING:
    from sqlite_utils import Database

    from thoughtlog.storage.journal import Journal

# Created by the migration m010_agenda_and_sessions in schema.py; self-contained, so it runs the
# same whichever migrations come before it. Times are UTC text (utc_now), so they sort; a
# session's since and until keep the offset they were written with.
AGENDA_TABLES = (
    """CREATE TABLE agenda (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        created_at TEXT NOT NULL,
        done_at TEXT,
        deleted_at TEXT
    )""",
    "CREATE INDEX agenda_by_done ON agenda (done_at, id)",
    """CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        written_at TEXT NOT NULL,
        since TEXT NOT NULL,
        until TEXT NOT NULL
    )""",
    "CREATE INDEX sessions_by_written ON sessions (written_at)",
)


def create_agenda_tables(db: Database) -> None:
    for statement in AGENDA_TABLES:
        db.execute(statement)


def _new_uuid() -> str:
    import uuid

    return str(uuid.uuid4())


_AGENDA = "SELECT id, uuid, text, created_at, done_at FROM agenda"


def _item(row: tuple) -> AgendaItem:
    item_id, uuid, text, created_at, done_at = row
    return AgendaItem(text=text, id=item_id, uuid=uuid, created_at=created_at, done_at=done_at)


# --- the agenda ---------------------------------------------------------------------------------


def add_item(journal: Journal, item: AgendaItem) -> int:
    """Save a new agenda item and return its id (uuid and created_at filled in if missing)."""
    with journal.transaction() as conn:
        _insert_item(conn, item)
    assert item.id is not None
    return item.id


def _insert_item(conn: sqlite3.Connection, item: AgendaItem) -> None:
    item.uuid = item.uuid or _new_uuid()
    item.created_at = item.created_at or utc_now()
    item.id = conn.execute(
        "INSERT INTO agenda (uuid, text, created_at, done_at) VALUES (?, ?, ?, ?)",
        [item.uuid, item.text, item.created_at, item.done_at],
    ).lastrowid


@reading
def list_items(journal: Journal, *, include_done: bool = False) -> list[AgendaItem]:
    """The agenda, oldest first (the order things came up); done items only when asked."""
    where = "deleted_at IS NULL" + ("" if include_done else " AND done_at IS NULL")
    return [_item(row) for row in journal.conn.execute(f"{_AGENDA} WHERE {where} ORDER BY id")]


def mark_done(journal: Journal, item_id: int) -> AgendaItem:
    """Mark an open item done; an unknown id, or one done already, changes nothing."""
    with journal.transaction() as conn:
        row = (
            fits_sqlite(item_id)
            and conn.execute(f"{_AGENDA} WHERE id = ? AND deleted_at IS NULL", [item_id]).fetchone()
        )
        if not row:
            raise NotFound(kind="agenda item", item_id=item_id)
        item = _item(row)
        if item.done_at is not None:
            raise AgendaItemDone(item_id=item_id, done_at=item.done_at)
        item.done_at = utc_now()
        conn.execute("UPDATE agenda SET done_at = ? WHERE id = ?", [item.done_at, item_id])
    return item


@reading
def walk_items(journal: Journal) -> Iterator[AgendaItem]:
    """Every agenda item, done or not, oldest first, for the export."""
    for row in journal.conn.execute(f"{_AGENDA} WHERE deleted_at IS NULL ORDER BY id"):
        yield _item(row)


def import_item(journal: Journal, item: AgendaItem) -> str:
    """Inside an import's transaction: "added" when new, "updated" when the file has it done and
    this journal doesn't yet, else "unchanged" (an item once done stays done)."""
    conn = journal.conn
    row = (
        item.uuid
        and conn.execute("SELECT id, done_at FROM agenda WHERE uuid = ?", [item.uuid]).fetchone()
    )
    if not row:
        _insert_item(conn, item)
        return "added"
    if row[1] is None and item.done_at is not None:
        conn.execute("UPDATE agenda SET done_at = ? WHERE id = ?", [item.done_at, row[0]])
        return "updated"
    return "unchanged"


# --- the session pages written --------------------------------------------------------------------


def record_session(journal: Journal, written: SessionWritten) -> int:
    """Keep the fact that a session page was written, and the span it covered."""
    with journal.transaction() as conn:
        _insert_session(conn, written)
    assert written.id is not None
    return written.id


def _insert_session(conn: sqlite3.Connection, written: SessionWritten) -> None:
    written.uuid = written.uuid or _new_uuid()
    written.id = conn.execute(
        "INSERT INTO sessions (uuid, written_at, since, until) VALUES (?, ?, ?, ?)",
        [written.uuid, written.written_at, written.since, written.until],
    ).lastrowid


_SESSIONS = "SELECT written_at, since, until, id, uuid FROM sessions"


@reading
def last_session(journal: Journal) -> SessionWritten | None:
    """The session page written last, or None before the first."""
    row = journal.conn.execute(f"{_SESSIONS} ORDER BY written_at DESC, id DESC LIMIT 1").fetchone()
    return SessionWritten(*row) if row else None


@reading
def walk_sessions(journal: Journal) -> Iterator[SessionWritten]:
    for row in journal.conn.execute(f"{_SESSIONS} ORDER BY id"):
        yield SessionWritten(*row)


def import_session(journal: Journal, written: SessionWritten) -> bool:
    """Inside an import's transaction: add the session unless its uuid is here already."""
    if (
        written.uuid
        and journal.conn.execute("SELECT 1 FROM sessions WHERE uuid = ?", [written.uuid]).fetchone()
    ):
        return False
    _insert_session(journal.conn, written)
    return True
