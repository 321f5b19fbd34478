"""Mapping records and experiments to the rows of their tables, and rows back to them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from thoughtlog import dates
from thoughtlog.model import Emotion, Experiment, Record, Thought


def thoughts_text(record: Record) -> str | None:
    """The record's thoughts, one per line: what full-text search reads of them."""
    return "\n".join(t.text for t in record.thoughts) or None


# The columns of records that a save writes, in the order record_values gives them.
RECORD_FIELDS = (
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


def record_values(record: Record) -> tuple[Any, ...]:
    return (
        dates.to_text(record.occurred_at),
        dates.to_utc_text(record.occurred_at),
        record.situation,
        thoughts_text(record),
        record.behaviour,
        record.evidence_for,
        record.evidence_against,
        record.reframe,
        record.reframe_belief,
        record.created_at,
        record.updated_at,
    )


def next_id(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]


class RecordRows(NamedTuple):
    """A record as the rows that save it, but for the ids a save gives them.

    Worked out apart from saving so that an import can do it in its reading thread, leaving the
    save little but SQLite's own work. See record_rows.
    """

    values: tuple[Any, ...]  # the records row's RECORD_FIELDS
    emotions: list[tuple[Any, ...]]  # (position, name, before, after)
    thoughts: list[tuple[Any, ...]]  # (position, text, hot, belief_before, belief_after)
    traps: list[list[str]]  # each thought's thinking traps
    tags: list[str]


def record_rows(record: Record) -> RecordRows:
    """The rows of a record whose uuid and timestamps are set (see stamp)."""
    hot = record.hot_thought  # the model decides which is hot; the caller's thoughts stay as given
    return RecordRows(
        record_values(record),
        [(i, e.name, e.before, e.after) for i, e in enumerate(record.emotions)],
        [
            (i, t.text, int(t is hot), t.belief_before, t.belief_after)
            for i, t in enumerate(record.thoughts)
        ],
        [t.distortions for t in record.thoughts],
        record.tags,
    )


def insert_parts(
    conn: sqlite3.Connection, records: Sequence[Record], rows: Sequence[RecordRows]
) -> None:
    """The emotions, thoughts, thinking traps and tags of saved records, by the batch."""
    emotions: list[tuple[Any, ...]] = []
    thoughts: list[tuple[Any, ...]] = []
    traps: list[tuple[int, str]] = []
    tags: list[tuple[int, str]] = []
    thought_id = next_id(conn, "thoughts")
    for record, parts in zip(records, rows, strict=True):
        record_id = record.id
        emotions += [(record_id, *emotion) for emotion in parts.emotions]
        for thought, slugs in zip(parts.thoughts, parts.traps, strict=True):
            thoughts.append((thought_id, record_id, *thought))
            traps += [(thought_id, slug) for slug in slugs]
            thought_id += 1
        tags += [(record_id, tag) for tag in parts.tags]
    insert_rows(
        conn,
        "emotions",
        ("record_id", "position", "name", "intensity_before", "intensity_after"),
        emotions,
    )
    insert_rows(
        conn,
        "thoughts",
        ("id", "record_id", "position", "text", "hot", "belief_before", "belief_after"),
        thoughts,
    )
    insert_rows(conn, "thought_distortions", ("thought_id", "distortion"), traps)
    insert_rows(conn, "record_tags", ("record_id", "tag"), tags)


# Rows written by one INSERT at most: past this, bigger statements save nothing.
ROWS_PER_INSERT = 500


def insert_rows(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert rows with as many to a statement as SQLite takes (up to ROWS_PER_INSERT).

    Much quicker than a statement a row for a big import: less work per row, and the search index
    (which FTS5 writes out at the end of every statement) is written once per statement. Whole
    statements of that one size take most rows; the rest go in statements of halving sizes (256,
    128, ... 1 rows), at most one of each. So a table has a dozen statements at most (sqlite3 keeps
    every statement it has prepared: one for each odd number of rows would pile up), and no batch
    needs more than a dozen calls into SQLite: an import reads ahead in another thread, and each
    call waits for that thread to hand back the interpreter.
    """
    per_statement = max(1, min(ROWS_PER_INSERT, variable_limit(conn) // len(columns)))
    row = f"({', '.join('?' * len(columns))})"
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    start = 0
    size = per_statement
    while start < len(rows):
        while size > len(rows) - start:
            size = 1 << (size.bit_length() - 1) if size & (size - 1) else size >> 1
        conn.execute(
            insert + ", ".join([row] * size),
            [value for item in rows[start : start + size] for value in item],
        )
        start += size


# SQLite's integers are 64-bit: a larger id can't be saved, so no lookup needs to ask for it.
_SQLITE_INTEGERS = range(-(2**63), 2**63)


def fits_sqlite(number: int) -> bool:
    """Whether SQLite can hold the number: an id outside that range names no saved item."""
    return number in _SQLITE_INTEGERS


# SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32, for a connection that can't say its own.
_DEFAULT_VARIABLES = 32766


def variable_limit(conn: sqlite3.Connection) -> int:
    """How many values one statement may bind (sqlcipher3's connections have no getlimit)."""
    getlimit = getattr(conn, "getlimit", None)
    if getlimit is None:
        return _DEFAULT_VARIABLES
    return getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


def sqlite_limit(limit: int) -> int:
    """A LIMIT SQLite takes: one beyond its integers means no limit at all."""
    return min(limit, _SQLITE_INTEGERS.stop - 1)


# Values bound in one IN list at most: SQLite takes more, but longer lists read no faster.
IN_LIST = 500


def in_list_chunks(conn: sqlite3.Connection, values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    """values in pieces small enough to bind in one IN list of one statement."""
    size = max(1, min(IN_LIST, variable_limit(conn) - 1))
    for start in range(0, len(values), size):
        yield values[start : start + size]


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


def load_records(conn: sqlite3.Connection, ids: Sequence[int]) -> list[Record]:
    """Whole records for these ids, in the order given (ids not found are left out)."""
    found: dict[int, Record] = {}
    for chunk in in_list_chunks(conn, ids):
        found.update(
            (r.id, r) for r in walk_records(conn, f"r.id IN ({','.join('?' * len(chunk))})", chunk)
        )
    return [found[i] for i in ids if i in found]


def walk_records(
    conn: sqlite3.Connection, where: str, params: Sequence[Any], *, all_parts: bool = False
) -> Iterator[Record]:
    """The records the WHERE clause (on `records r`) picks, in id order, each with its parts.

    The records and each table of parts are read by one query apiece, all ordered by record
    id, and merged as they stream: no query per record, no table read twice, nothing kept.
    all_parts: read every part, not only the chosen records' (the merge skips the others).
    """
    chosen = "IS NOT NULL" if all_parts else f"IN (SELECT r.id FROM records r WHERE {where})"
    part_params = [] if all_parts else params
    emotions = _ByRecord(
        conn.execute(
            "SELECT record_id, name, intensity_before, intensity_after FROM emotions"
            f" WHERE record_id {chosen} ORDER BY record_id, position",
            part_params,
        )
    )
    thoughts = _ByRecord(
        conn.execute(
            "SELECT record_id, id, text, hot, belief_before, belief_after FROM thoughts"
            f" WHERE record_id {chosen} ORDER BY record_id, position",
            part_params,
        )
    )
    distortions = _ByRecord(
        conn.execute(
            "SELECT th.record_id, td.thought_id, td.distortion FROM thoughts th"
            " JOIN thought_distortions td ON td.thought_id = th.id JOIN distortions d ON d.slug = td.distortion"
            f" WHERE th.record_id {chosen} ORDER BY th.record_id, td.rowid",
            part_params,
        )
    )
    tags = _ByRecord(
        conn.execute(
            f"SELECT record_id, tag FROM record_tags WHERE record_id {chosen} ORDER BY record_id, rowid",
            part_params,
        )
    )
    for (
        record_id,
        uuid,
        occurred_at,
        situation,
        behaviour,
        evidence_for,
        evidence_against,
        reframe,
        reframe_belief,
        created_at,
        updated_at,
        deleted_at,
    ) in conn.execute(
        "SELECT r.id, r.uuid, r.occurred_at, r.situation, r.behaviour, r.evidence_for, r.evidence_against,"
        f" r.reframe, r.reframe_belief, r.created_at, r.updated_at, r.deleted_at FROM records r WHERE {where}"
        " ORDER BY r.id",
        params,
    ):
        by_id = {
            row[1]: Thought(row[2], row[4], row[5], bool(row[3]))
            for row in thoughts.take(record_id)
        }
        for _, thought_id, slug in distortions.take(record_id):
            by_id[thought_id].distortions.append(slug)
        yield Record(
            id=record_id,
            uuid=uuid,
            occurred_at=dates.from_text(occurred_at),
            situation=situation,
            behaviour=behaviour,
            evidence_for=evidence_for,
            evidence_against=evidence_against,
            reframe=reframe,
            reframe_belief=reframe_belief,
            created_at=created_at,
            updated_at=updated_at,
            deleted_at=deleted_at,
            emotions=[
                Emotion(name, before, after) for _, name, before, after in emotions.take(record_id)
            ],
            thoughts=list(by_id.values()),
            tags=[tag for _, tag in tags.take(record_id)],
        )


# --- the export's rows, built by SQLite ------------------------------------------------------
#
# An export of 100,000 records must take seconds, and building a Record (with its emotions and
# thoughts) for each, only to take it apart again into text, cost most of an export's time. So
# the export's two shapes are built by SQLite itself, a record to a row, each record's parts
# gathered by subqueries that an index serves in order (no sort, nothing held): Python only
# writes the text out. Each part is read in the order Record keeps it (walk_records): emotions and
# thoughts by position, thinking traps and tags as they were written (rowid).
#
# occurred_at is stored as dates.to_text wrote it, which is already the form the export writes,
# so it goes out as stored, unparsed.
#
# Two behaviours of SQLite that this relies on, held by the export tests on any text: an
# aggregate takes a subquery's rows in that subquery's ORDER BY (the way to order them before
# 3.44's ORDER BY within an aggregate), and a JSON value stays JSON through a scalar subquery,
# so json_object nests it rather than quoting it as a string.


def _in_order(columns: str, table: str, where: str, order: str) -> str:
    """A record's (or thought's) rows of a part table, in the order its Record keeps them."""
    return f"(SELECT {columns} FROM {table} WHERE {where} ORDER BY {order})"


_TRAPS = _in_order(
    "td.distortion",
    "thought_distortions td JOIN distortions d ON d.slug = td.distortion",
    "td.thought_id = {thought}",
    "td.rowid",
)
_TAGS = _in_order("tag", "record_tags", "record_id = r.id", "rowid")
_EMOTIONS = _in_order(
    "name, intensity_before, intensity_after", "emotions", "record_id = r.id", "position"
)
_THOUGHTS = _in_order(
    "id, position, text, hot, belief_before, belief_after",
    "thoughts",
    "record_id = r.id",
    "position",
)

# One record as Record.to_dict shapes it (the same keys in the same order), as JSON text.
_RECORD_JSON = f"""json_object(
    'id', r.id, 'uuid', r.uuid, 'occurred_at', r.occurred_at,
    'created_at', r.created_at, 'updated_at', r.updated_at,
    'situation', r.situation, 'behaviour', r.behaviour,
    'emotions', (SELECT json_group_array(json_object(
        'name', e.name, 'before', e.intensity_before, 'after', e.intensity_after
    )) FROM {_EMOTIONS} e),
    'thoughts', (SELECT json_group_array(json_object(
        'text', t.text, 'belief_before', t.belief_before, 'belief_after', t.belief_after,
        'hot', json(CASE WHEN t.hot THEN 'true' ELSE 'false' END),
        'distortions', (SELECT json_group_array(distortion) FROM {_TRAPS.format(thought="t.id")})
    )) FROM {_THOUGHTS} t),
    'evidence_for', r.evidence_for, 'evidence_against', r.evidence_against,
    'reframe', r.reframe, 'reframe_belief', r.reframe_belief,
    'tags', (SELECT json_group_array(tag) FROM {_TAGS}),
    'complete', json(CASE WHEN r.reframe <> '' THEN 'true' ELSE 'false' END)
)"""


def record_json_chunk(where: str, separator: str) -> str:
    """The statement that builds one chunk of the JSON export: of the records the WHERE clause
    (on `records r`) picks with ids between two more parameters (first, last), how many there are
    and the JSON texts of their to_dict()s (parsed, the same keys in the same order with the same
    values), by id, joined by separator. SQLite joins them, so a chunk reaches Python as one text."""
    return (
        f"SELECT count(*), group_concat(record, {_literal(separator)}) FROM"
        f" (SELECT {_RECORD_JSON} AS record FROM records r"
        f" WHERE ({where}) AND r.id BETWEEN ? AND ? ORDER BY r.id)"
    )


# One experiment as Experiment.to_dict shapes it, as JSON text; planned_for is stored as
# dates.to_text wrote it, and the two lists of safety behaviours as JSON already.
_EXPERIMENT_JSON = """json_object(
    'id', e.id, 'uuid', e.uuid, 'record_id', e.record_id, 'record_uuid', r.uuid,
    'belief', e.belief, 'confidence_before', e.confidence_before, 'plan', e.plan,
    'planned_for', e.planned_for, 'expected_distress', e.expected_distress, 'status', e.status,
    'done_at', e.done_at, 'outcome', e.outcome, 'came_true', e.came_true,
    'actual_distress', e.actual_distress, 'learned', e.learned,
    'confidence_after', e.confidence_after, 'with', e.with_whom,
    'feared_reaction', e.feared_reaction, 'p_feared', e.p_feared,
    'safety_behaviours', json(e.safety_behaviours), 'reaction', e.reaction,
    'safety_used', json(e.safety_used), 'surprise', e.surprise, 'belief_id', e.belief_id,
    'script_id', e.script_id, 'created_at', e.created_at, 'updated_at', e.updated_at
)"""


def experiment_json_texts(
    conn: sqlite3.Connection, where: str, params: Sequence[Any]
) -> Iterator[str]:
    """Each experiment the WHERE clause (on `experiments e`) picks, by id, as the JSON text of
    its to_dict(): parsed, the same keys in the same order with the same values."""
    for (text,) in conn.execute(
        f"SELECT {_EXPERIMENT_JSON} FROM experiments e LEFT JOIN records r ON r.id = e.record_id"
        f" WHERE {where} ORDER BY e.id",
        params,
    ):
        yield text


def _escaped(text: str) -> str:
    """csv_format's escape in SQL: a backslash before each \\ ; = [ and before a leading *.

    Most texts hold none of them, which instr() finds far quicker than four replace() calls."""
    replaced = text
    for special in ("\\", ";", "=", "["):
        replaced = f"replace({replaced}, '{special}', '\\{special}')"
    special = " OR ".join(f"instr({text}, '{c}')" for c in ("\\", ";", "=", "["))
    return (
        f"(CASE WHEN {text} GLOB '[*]*' THEN '\\' || {replaced}"
        f" WHEN {special} THEN {replaced} ELSE {text} END)"
    )


def _ratings(before: str, after: str, arrow: str) -> str:
    """csv_format's ratings after a name or thought: =80→45, =80, =→45, or nothing."""
    return (
        f"CASE WHEN {before} IS NULL AND {after} IS NULL THEN ''"
        f" ELSE '=' || coalesce({before}, '') || coalesce({_literal(arrow)} || {after}, '') END"
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def record_csv_chunk(where: str, *, arrow: str, separator: str) -> str:
    """The statement that builds one chunk of the record CSV: of the records the WHERE clause (on
    `records r`) picks with ids between two more parameters (first, last), how many there are
    and, by id, the cells of each, all text, as a JSON array of arrays: csv_format's COLUMNS and
    syntax, with the arrow and list separator it gives. The cells are not yet made safe from
    spreadsheet formulas nor quoted (csv_format.record_lines does that). The hot thought is
    hot_of's: the first marked hot, else the first; in the thoughts cell a star marks it when it
    isn't the first."""
    # Each of the two read in index order: ORDER BY hot DESC would sort every record's thoughts.
    hot_id = (
        "coalesce((SELECT id FROM thoughts WHERE record_id = r.id AND hot ORDER BY position LIMIT 1),"
        " (SELECT id FROM thoughts WHERE record_id = r.id ORDER BY position LIMIT 1))"
    )
    first_position = "(SELECT min(position) FROM thoughts WHERE record_id = r.id)"
    emotion = (
        f"{_escaped('e.name')} || {_ratings('e.intensity_before', 'e.intensity_after', arrow)}"
    )
    traps = f"(SELECT group_concat(distortion, ', ') FROM {_TRAPS.format(thought='t.id')})"
    thought = (
        f"CASE WHEN t.id = h.id AND t.position > {first_position} THEN '*' ELSE '' END"
        f" || {_escaped('t.text')} || {_ratings('t.belief_before', 't.belief_after', arrow)}"
        f" || coalesce(' [' || {traps} || ']', '')"
    )
    joined = _literal(separator)
    # Every cell as text ('' for none), as the CSV writes it; JSON carries any text unchanged.
    return (
        "SELECT count(*), '[' || group_concat(record, ',') || ']' FROM"
        f""" (SELECT json_array(CAST(r.id AS TEXT), r.uuid, r.occurred_at, r.situation,
        coalesce((SELECT group_concat({emotion}, {joined}) FROM {_EMOTIONS} e), ''),
        coalesce((SELECT group_concat({thought}, {joined}) FROM {_THOUGHTS} t), ''),
        coalesce(h.text, ''),
        coalesce(CAST(h.belief_before AS TEXT), ''), coalesce(CAST(h.belief_after AS TEXT), ''),
        coalesce((SELECT group_concat(distortion, {joined})
            FROM {_TRAPS.format(thought="h.id")}), ''),
        coalesce(r.behaviour, ''), coalesce(r.evidence_for, ''),
        coalesce(r.evidence_against, ''), coalesce(r.reframe, ''),
        coalesce(CAST(r.reframe_belief AS TEXT), ''),
        coalesce((SELECT group_concat(tag, {joined}) FROM {_TAGS}), ''),
        r.created_at, r.updated_at) AS record
        FROM records r LEFT JOIN thoughts h ON h.id = {hot_id}
        WHERE ({where}) AND r.id BETWEEN ? AND ? ORDER BY r.id)"""
    )


EXPERIMENT_COLUMNS = (
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
    "with_whom",
    "feared_reaction",
    "p_feared",
    "safety_behaviours",
    "reaction",
    "safety_used",
    "surprise",
    "belief_id",
    "script_id",
)


UPDATE_EXPERIMENT = (
    f"UPDATE experiments SET {', '.join(c + ' = ?' for c in EXPERIMENT_COLUMNS)} WHERE id = ?"
)


def stamp(item: Record | Experiment, now: str) -> None:
    """Give a new record or experiment its uuid and timestamps, keeping any it already has."""
    if not item.uuid:
        import uuid  # here, not at the top: only saving needs it, and it takes milliseconds to import

        item.uuid = str(uuid.uuid4())
    item.created_at = item.created_at or now
    item.updated_at = item.updated_at or now


def insert_experiment(conn: sqlite3.Connection, experiment: Experiment) -> int:
    return conn.execute(  # type: ignore[return-value]
        f"INSERT INTO experiments ({', '.join(EXPERIMENT_COLUMNS)})"
        f" VALUES ({', '.join('?' * len(EXPERIMENT_COLUMNS))})",
        experiment_values(experiment),
    ).lastrowid


def experiment_values(e: Experiment) -> list[Any]:
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
        e.with_,
        e.feared_reaction,
        e.p_feared,
        _json_list(e.safety_behaviours),
        e.reaction,
        _json_list(e.safety_used),
        e.surprise,
        e.belief_id,
        e.script_id,
    ]


# json is imported where a list is written or read (an experiment's): a search or a list of
# records, which read none, don't pay for its import.
def _json_list(items: list[str] | None) -> str | None:
    import json

    return None if items is None else json.dumps(items, ensure_ascii=False)


def _from_json_list(text: str | None) -> list[str] | None:
    import json

    return None if text is None else json.loads(text)


def experiment_from_row(row: Sequence[Any]) -> Experiment:
    values = dict(zip(EXPERIMENT_COLUMNS, row))
    values.pop("planned_utc")
    planned = values.pop("planned_for")
    values["with_"] = values.pop("with_whom")
    values["safety_behaviours"] = _from_json_list(values["safety_behaviours"])
    values["safety_used"] = _from_json_list(values["safety_used"])
    return Experiment(
        **values,
        planned_for=dates.from_text(planned) if planned else None,
        id=row[len(EXPERIMENT_COLUMNS)],
        record_uuid=row[len(EXPERIMENT_COLUMNS) + 1],
    )
