"""Mapping records and experiments to the rows of their tables, and rows back to them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from thoughtlog import dates
from thoughtlog.model import Experiment, Record


def _thoughts_text(record: Record) -> str | None:
    """The record's thoughts, one per line: what full-text search reads of them."""
    return "\n".join(t.text for t in record.thoughts) or None


# The columns of records that a save writes, in the order _record_values gives them.
_RECORD_FIELDS = (
    "occurred_at",
    "occurred_utc",
    "situation",
    "thoughts_text",
    "behaviour",
    "evidence_for",
    "evidence_against",
    "reframe",
    "reframe_belief",
    "created_at",
    "updated_at",
)


def _record_values(record: Record) -> tuple[Any, ...]:
    return (
        dates.to_text(record.occurred_at),
        dates.to_utc_text(record.occurred_at),
        record.situation,
        _thoughts_text(record),
        record.behaviour,
        record.evidence_for,
        record.evidence_against,
        record.reframe,
        record.reframe_belief,
        record.created_at,
        record.updated_at,
    )


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]


def _insert_parts(conn: sqlite3.Connection, records: Sequence[Record]) -> None:
    """The emotions, thoughts, thinking traps and tags of saved records, by the batch."""
    emotions: list[tuple[Any, ...]] = []
    thoughts: list[tuple[Any, ...]] = []
    traps: list[tuple[int, str]] = []
    tags: list[tuple[int, str]] = []
    thought_id = _next_id(conn, "thoughts")
    for record in records:
        emotions += [
            (record.id, i, e.name, e.before, e.after) for i, e in enumerate(record.emotions)
        ]
        hot = record.hot_thought
        for position, thought in enumerate(record.thoughts):
            thought.hot = thought is hot
            thoughts.append(
                (
                    thought_id,
                    record.id,
                    position,
                    thought.text,
                    int(thought.hot),
                    thought.belief_before,
                    thought.belief_after,
                )
            )
            traps += [(thought_id, slug) for slug in thought.distortions]
            thought_id += 1
        tags += [(record.id, tag) for tag in record.tags]
    _insert_rows(
        conn,
        "emotions",
        ("record_id", "position", "name", "intensity_before", "intensity_after"),
        emotions,
    )
    _insert_rows(
        conn,
        "thoughts",
        ("id", "record_id", "position", "text", "hot", "belief_before", "belief_after"),
        thoughts,
    )
    _insert_rows(conn, "thought_distortions", ("thought_id", "distortion"), traps)
    _insert_rows(conn, "record_tags", ("record_id", "tag"), tags)


def _insert_rows(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert rows with as many to a statement as SQLite takes (up to 500).

    Much quicker than a statement a row for a big import: less work per row, and the search index
    (which FTS5 writes out at the end of every statement) is written once per statement. Only
    whole statements of that one size are used, and the rows left over go one at a time: sqlite3
    keeps every statement it has prepared, and one for each odd number of rows would pile up.
    """
    per_statement = max(
        1, min(500, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(columns))
    )
    row = f"({', '.join('?' * len(columns))})"
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    whole = len(rows) - len(rows) % per_statement
    for start in range(0, whole, per_statement):
        conn.execute(
            insert + ", ".join([row] * per_statement),
            [value for item in rows[start : start + per_statement] for value in item],
        )
    conn.executemany(insert + row, rows[whole:])


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class _ByRecord:
    """Rows of one table of parts, ordered by record id (their first column), taken a record at a
    time as the records they belong to stream past in the same order."""

    def __init__(self, rows: Iterator[tuple]):
        self._groups = groupby(rows, key=itemgetter(0))
        self._next = next(self._groups, None)

    def take(self, record_id: int) -> list[tuple]:
        while self._next is not None and self._next[0] < record_id:
            self._next = next(self._groups, None)
        if self._next is None or self._next[0] != record_id:
            return []
        rows = list(self._next[1])
        self._next = next(self._groups, None)
        return rows


_EXPERIMENT_COLUMNS = (
    "uuid",
    "record_id",
    "belief",
    "confidence_before",
    "plan",
    "planned_for",
    "planned_utc",
    "expected_distress",
    "status",
    "done_at",
    "outcome",
    "came_true",
    "actual_distress",
    "learned",
    "confidence_after",
    "created_at",
    "updated_at",
    "deleted_at",
)


_UPDATE_EXPERIMENT = (
    f"UPDATE experiments SET {', '.join(c + ' = ?' for c in _EXPERIMENT_COLUMNS)} WHERE id = ?"
)


def _stamp(item: Record | Experiment, now: str) -> None:
    """Give a new record or experiment its uuid and timestamps, keeping any it already has."""
    if not item.uuid:
        import uuid  # here, not at the top: only saving needs it, and it takes milliseconds to import

        item.uuid = str(uuid.uuid4())
    item.created_at = item.created_at or now
    item.updated_at = item.updated_at or now


def _insert_experiment(conn: sqlite3.Connection, experiment: Experiment) -> int:
    return conn.execute(  # type: ignore[return-value]
        f"INSERT INTO experiments ({', '.join(_EXPERIMENT_COLUMNS)})"
        f" VALUES ({', '.join('?' * len(_EXPERIMENT_COLUMNS))})",
        _experiment_values(experiment),
    ).lastrowid


def _experiment_values(e: Experiment) -> list[Any]:
    planned = e.planned_for
    return [
        e.uuid,
        e.record_id,
        e.belief,
        e.confidence_before,
        e.plan,
        dates.to_text(planned) if planned else None,
        dates.to_utc_text(planned) if planned else None,
        e.expected_distress,
        e.status,
        e.done_at,
        e.outcome,
        e.came_true,
        e.actual_distress,
        e.learned,
        e.confidence_after,
        e.created_at,
        e.updated_at,
        e.deleted_at,
    ]


def _experiment_from_row(row: Sequence[Any]) -> Experiment:
    values = dict(zip(_EXPERIMENT_COLUMNS, row))
    values.pop("planned_utc")
    planned = values.pop("planned_for")
    return Experiment(
        **values,
        planned_for=dates.from_text(planned) if planned else None,
        id=row[len(_EXPERIMENT_COLUMNS)],
        record_uuid=row[len(_EXPERIMENT_COLUMNS) + 1],
    )
