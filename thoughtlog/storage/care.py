"""The care tables (check-ins, the safety plan, calm sessions) and the Journal's queries on them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thoughtlog import dates
from thoughtlog.errors import NotFound
from thoughtlog.storage.files import reading
from thoughtlog.storage.rows import fits_sqlite, utc_now

if TYPE_CHECKING:
    from sqlite_utils import Database

    from thoughtlog.calm import CalmSession
    from thoughtlog.checkins import CheckIn
    from thoughtlog.safety import SafetyPlan

# The Journal holds these methods on every command, so the questionnaires, the safety plan's parts
# and the exercises (and json) are imported only by the methods that use them.


def _plan_parts() -> tuple[str, ...]:
    from thoughtlog.safety import PART_KEYS

    return PART_KEYS


def _care_tables() -> tuple[str, ...]:
    """Created by the migration m007_care in schema.py; self-contained, so it runs the same
    whichever migrations come before it."""
    from thoughtlog.checkins import KINDS

    kinds = ", ".join(f"'{kind}'" for kind in KINDS)
    return (
        f"""CREATE TABLE checkins (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ({kinds})),
        taken_at TEXT NOT NULL,
        taken_utc TEXT NOT NULL,
        answers TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
        "CREATE INDEX checkins_by_taken ON checkins (taken_utc)",
        # One plan, kept as one row: its parts are JSON lists of the person's lines.
        f"""CREATE TABLE safety_plan (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        uuid TEXT NOT NULL UNIQUE,
        {", ".join(f"{key} TEXT NOT NULL DEFAULT '[]'" for key in _plan_parts())},
        updated_at TEXT NOT NULL
    )""",
        """CREATE TABLE calm_sessions (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        exercise TEXT NOT NULL CHECK (exercise IN ('grounding', 'breathing')),
        started_at TEXT NOT NULL,
        started_utc TEXT NOT NULL,
        stirred_before INTEGER CHECK (stirred_before BETWEEN 0 AND 100),
        stirred_after INTEGER CHECK (stirred_after BETWEEN 0 AND 100),
        created_at TEXT NOT NULL
    )""",
        "CREATE INDEX calm_by_started ON calm_sessions (started_utc)",
    )


def create_care_tables(db: Database) -> None:
    for statement in _care_tables():
        db.execute(statement)


def _new_uuid() -> str:
    import uuid

    return str(uuid.uuid4())


def _insert_stamped(
    conn: sqlite3.Connection, table: str, item: CheckIn | CalmSession, **columns: Any
) -> None:
    """Insert a check-in or calm session with its uuid and created_at (filled in if missing), and
    give it its new id."""
    item.uuid = item.uuid or _new_uuid()
    item.created_at = item.created_at or utc_now()
    values = {"uuid": item.uuid, **columns, "created_at": item.created_at}
    item.id = conn.execute(
        f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
        list(values.values()),
    ).lastrowid


_CHECKIN_COLUMNS = "id, uuid, kind, taken_at, answers, created_at"


def _checkin(row: tuple) -> CheckIn:
    import json

    from thoughtlog.checkins import CheckIn

    checkin_id, uuid, kind, taken_at, answers, created_at = row
    return CheckIn(
        kind=kind,
        answers=json.loads(answers),
        at=dates.from_text(taken_at),
        id=checkin_id,
        uuid=uuid,
        created_at=created_at,
    )


_CALM_COLUMNS = "id, uuid, exercise, started_at, stirred_before, stirred_after, created_at"


def _calm(row: tuple) -> CalmSession:
    from thoughtlog.calm import CalmSession

    calm_id, uuid, exercise, started_at, before, after, created_at = row
    return CalmSession(
        exercise=exercise,
        at=dates.from_text(started_at),
        before=before,
        after=after,
        id=calm_id,
        uuid=uuid,
        created_at=created_at,
    )


class CareQueries:
    """The Journal's methods for check-ins, the safety plan and calm sessions (one mixin, one
    stub for the transaction the Journal gives it)."""

    conn: sqlite3.Connection  # set by Journal, which is made as Journal(conn, path)
    path: Path

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:  # Journal's
        raise NotImplementedError

    # --- check-ins ----------------------------------------------------------------------------

    def add_checkin(self, checkin: CheckIn) -> int:
        """Save a check-in and return its id (a uuid and created_at filled in if missing)."""
        with self.transaction() as conn:
            self._insert_checkin(conn, checkin)
        return checkin.id

    @staticmethod
    def _insert_checkin(conn: sqlite3.Connection, checkin: CheckIn) -> None:
        import json

        _insert_stamped(
            conn,
            "checkins",
            checkin,
            kind=checkin.kind,
            taken_at=dates.to_text(checkin.at),
            taken_utc=dates.to_utc_text(checkin.at),
            answers=json.dumps(checkin.answers),
        )

    @reading
    def get_checkin(self, checkin_id: int) -> CheckIn:
        row = None
        if fits_sqlite(checkin_id):  # an id SQLite can't hold names no check-in
            row = self.conn.execute(
                f"SELECT {_CHECKIN_COLUMNS} FROM checkins WHERE id = ?", [checkin_id]
            ).fetchone()
        if row is None:
            raise NotFound(kind="check-in", item_id=checkin_id)
        return _checkin(row)

    @reading
    def list_checkins(self, *, kind: str | None = None, limit: int | None = None) -> list[CheckIn]:
        """Check-ins, newest first."""
        sql = f"SELECT {_CHECKIN_COLUMNS} FROM checkins"
        params: list[object] = []
        if kind:
            sql += " WHERE kind = ?"
            params.append(kind)
        sql += " ORDER BY taken_utc DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_checkin(row) for row in self.conn.execute(sql, params)]

    @reading
    def walk_checkins(self) -> Iterator[CheckIn]:
        """Every check-in, oldest first, for the export."""
        for row in self.conn.execute(f"SELECT {_CHECKIN_COLUMNS} FROM checkins ORDER BY id"):
            yield _checkin(row)

    def checkin_uuids(self) -> set[str]:
        return {uuid for (uuid,) in self.conn.execute("SELECT uuid FROM checkins")}

    @reading
    def last_checkin_at(self) -> datetime | None:
        row = self.conn.execute("SELECT max(taken_utc) FROM checkins").fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    # --- the safety plan ----------------------------------------------------------------------

    @reading
    def get_plan(self) -> SafetyPlan | None:
        return _read_plan(self.conn)

    def save_plan(self, plan: SafetyPlan) -> None:
        """Keep the plan (there is one), replacing the last version of it."""
        with self.transaction() as conn:
            self._write_plan(conn, plan)

    @staticmethod
    def _write_plan(conn: sqlite3.Connection, plan: SafetyPlan) -> None:
        import json

        plan.uuid = plan.uuid or _new_uuid()
        plan.updated_at = plan.updated_at or utc_now()
        keys = _plan_parts()
        values = [json.dumps(plan.parts.get(key, []), ensure_ascii=False) for key in keys]
        conn.execute(
            f"INSERT INTO safety_plan (id, uuid, {', '.join(keys)}, updated_at)"
            f" VALUES (1, ?, {', '.join('?' for _ in keys)}, ?)"
            " ON CONFLICT (id) DO UPDATE SET "
            + ", ".join(f"{key} = excluded.{key}" for key in (*keys, "uuid", "updated_at")),
            [plan.uuid, *values, plan.updated_at],
        )

    # --- inside an import's transaction (Journal.import_transaction) --------------------------

    def import_checkin(self, checkin: CheckIn) -> bool:
        """Add a check-in unless one with its uuid is here already; whether it was added."""
        if (
            checkin.uuid
            and self.conn.execute(
                "SELECT 1 FROM checkins WHERE uuid = ?", [checkin.uuid]
            ).fetchone()
        ):
            return False
        self._insert_checkin(self.conn, checkin)
        return True

    def import_plan(self, plan: SafetyPlan) -> bool:
        """Take the plan if it is newer than the one kept (or none is); whether it was taken."""
        kept = self.get_plan()
        if kept is not None and kept.updated_at >= plan.updated_at:
            return False
        self._write_plan(self.conn, plan)
        return True

    # --- calm sessions ------------------------------------------------------------------------

    def add_calm(self, session: CalmSession) -> int:
        with self.transaction() as conn:
            self._insert_calm(conn, session)
        return session.id

    @staticmethod
    def _insert_calm(conn: sqlite3.Connection, session: CalmSession) -> None:
        _insert_stamped(
            conn,
            "calm_sessions",
            session,
            exercise=session.exercise,
            started_at=dates.to_text(session.at),
            started_utc=dates.to_utc_text(session.at),
            stirred_before=session.before,
            stirred_after=session.after,
        )

    @reading
    def list_calm(self) -> list[CalmSession]:
        """Calm sessions, newest first."""
        return [
            _calm(row)
            for row in self.conn.execute(
                f"SELECT {_CALM_COLUMNS} FROM calm_sessions ORDER BY started_utc DESC, id DESC"
            )
        ]

    @reading
    def walk_calm(self) -> Iterator[CalmSession]:
        for row in self.conn.execute(f"SELECT {_CALM_COLUMNS} FROM calm_sessions ORDER BY id"):
            yield _calm(row)

    def import_calm(self, session: CalmSession) -> bool:
        """Inside an import's transaction: add the session unless its uuid is here already."""
        if (
            session.uuid
            and self.conn.execute(
                "SELECT 1 FROM calm_sessions WHERE uuid = ?", [session.uuid]
            ).fetchone()
        ):
            return False
        self._insert_calm(self.conn, session)
        return True


def _read_plan(conn: sqlite3.Connection) -> SafetyPlan | None:
    import json

    from thoughtlog.safety import SafetyPlan

    keys = _plan_parts()
    row = conn.execute(
        f"SELECT uuid, updated_at, {', '.join(keys)} FROM safety_plan WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    uuid, updated_at, *parts = row
    return SafetyPlan(
        {key: json.loads(value) for key, value in zip(keys, parts, strict=True)},
        updated_at=updated_at,
        uuid=uuid,
    )


def read_plan_quietly(path: Path) -> SafetyPlan | None:
    """The plan from a journal file, for help-now when the plan's copy is missing: read-only,
    never creating or upgrading a file, never waiting on a lock, and None on any problem."""
    if not path.is_file():
        return None
    try:
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=0.1)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        return _read_plan(conn)
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        conn.close()
