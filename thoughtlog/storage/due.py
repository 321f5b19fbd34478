"""What is due, read from a journal with nothing but the standard sqlite3: fast enough for a prompt.

It never creates, upgrades, waits on or changes a journal, and a journal it can't read is, for
it, a journal with nothing due: a shell prompt must never fail or slow down because of it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import UTC, datetime, timedelta

# A check-in not done for this long is mentioned (only to someone who has done one before).
CHECKIN_EVERY = timedelta(days=14)
# Incomplete records are looked for among the recent ones: those are the ones to come back to,
# and the question then costs the same however long the journal has grown.
RECENT = timedelta(days=14)


class Due:
    """What is due. A plain class: dataclasses would cost a prompt more than the query does."""

    __slots__ = ("checkin_days", "drafts", "incomplete", "steps")

    def __init__(
        self,
        steps: int = 0,  # planned for today or earlier, not yet done
        checkin_days: int | None = None,  # days since the last check-in, if CHECKIN_EVERY or more
        incomplete: int = 0,  # recent records without a balanced thought yet
        drafts: int = 0,  # guided entries stopped part-way
    ):
        self.steps = steps
        self.checkin_days = checkin_days
        self.incomplete = incomplete
        self.drafts = drafts

    @property
    def anything(self) -> bool:
        return bool(self.steps or self.checkin_days is not None or self.incomplete or self.drafts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # as dates.to_utc_text


def what_is_due(path: str | os.PathLike[str], now: datetime) -> Due:
    """What is due at `now` (an aware local time) in the journal at path; nothing if it can't be read."""
    if not os.path.isfile(path):
        return Due()
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True, timeout=0)
    except (sqlite3.Error, OSError, ValueError):
        return Due()
    try:
        return _read(conn, now)
    except sqlite3.Error:
        return Due()
    finally:
        conn.close()


def _read_only_uri(path: str | os.PathLike[str]) -> str:
    """A URI that opens path read-only, made without pathlib (a few milliseconds of a prompt).

    In a file: URI's path only '%', '?' and '#' mean something to SQLite; they are escaped, and
    the rest is taken as written. Windows paths go through pathlib's as_uri, drive letters and all.
    """
    full = os.path.realpath(path)
    if sys.platform == "win32":
        from pathlib import Path

        return f"{Path(full).as_uri()}?mode=ro"
    escaped = full.replace("%", "%25").replace("?", "%3F").replace("#", "%23")
    return f"file://{escaped}?mode=ro"


def _read(conn: sqlite3.Connection, now: datetime) -> Due:
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    end_of_today = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), now.tzinfo)
    steps = incomplete = drafts = 0
    checkin_days = None
    if "experiments" in tables:
        (steps,) = conn.execute(
            "SELECT count(*) FROM experiments WHERE status = 'planned' AND deleted_at IS NULL"
            " AND planned_utc IS NOT NULL AND planned_utc < ?",
            [_utc(end_of_today)],
        ).fetchone()
    if "records" in tables:
        (incomplete,) = conn.execute(
            "SELECT count(*) FROM records WHERE occurred_utc >= ? AND reframe IS NULL"
            " AND deleted_at IS NULL",
            [_utc(now - RECENT)],
        ).fetchone()
    if "drafts" in tables:
        (drafts,) = conn.execute("SELECT count(*) FROM drafts").fetchone()
    if "checkins" in tables:
        (last,) = conn.execute("SELECT max(taken_utc) FROM checkins").fetchone()
        if last:
            since = now - datetime.fromisoformat(last)
            if since >= CHECKIN_EVERY:
                checkin_days = since.days
    return Due(steps=steps, checkin_days=checkin_days, incomplete=incomplete, drafts=drafts)
