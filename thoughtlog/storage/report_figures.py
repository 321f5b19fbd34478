"""The report's figures, counted by SQLite: a span of ten years costs what its answers hold, not
what its records hold.

Each function takes the journal and a span (UTC bounds, start included, end excluded) and returns
plain tuples and dicts; thoughtlog.report turns them into the report. A record's day, weekday and
hour are those of its own wall-clock time (the text of occurred_at, which keeps the offset it was
written with), as the person lived them.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from thoughtlog import dates
from thoughtlog.storage import engine
from thoughtlog.storage.files import damage

if TYPE_CHECKING:
    from thoughtlog.storage.journal import Journal

F = TypeVar("F", bound=Callable[..., Any])


def _reads(query: F) -> F:
    """Damage met on the way is one calm JournalDamaged, as for the Journal's own reads."""

    @functools.wraps(query)
    def read(journal: Journal, *args: Any) -> Any:
        try:
            return query(journal, *args)
        except engine.DatabaseError as error:
            raise damage(error, journal.path) from None

    return read  # type: ignore[return-value]


# SQLite's page cache while a report reads its span, in KiB (SQLite's default is 2,000). Over a
# long span nearly every page is read once and never again, so a large cache only grows with the
# span; and a sorter (GROUP BY) keeps the larger of the cache and 1 MiB in memory before it
# writes a sorted run out. The indexes' inner pages, read again and again, fit in this one, and
# it costs a report over ten years of 100,000 records no time.
SPAN_CACHE_KIB = 256


@contextmanager
def small_cache(journal: Journal) -> Iterator[None]:
    """Read a report's span with SQLite's page cache at SPAN_CACHE_KIB, then as it was."""
    conn = journal.conn
    try:
        size = int(conn.execute("PRAGMA cache_size").fetchone()[0])
        conn.execute(f"PRAGMA cache_size = {-SPAN_CACHE_KIB}")
    except engine.DatabaseError as error:
        raise damage(error, journal.path) from None
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {size}")


_IN_SPAN = "r.deleted_at IS NULL AND r.occurred_utc >= ? AND r.occurred_utc < ?"


def _bounds(start: datetime, end: datetime) -> list[str]:
    return [dates.to_utc_text(start), dates.to_utc_text(end)]


# A C int: 4 bytes wherever CPython runs, so ids up to 2,147,483,647 fit.
_NARROW = "i"
_NARROW_MAX = 2 ** (8 * array(_NARROW).itemsize - 1) - 1


class RecordIds(array):
    """Record ids held 4 bytes apiece, or 8 (a list holds an int object and a pointer, 36).

    A report over ten years names every record of the span (those waiting for a balanced
    thought, those behind each recurring thought): as lists, those ids were most of the memory
    that grew with the span. Given the largest id it will hold (up_to), it takes 4 bytes an id
    when that fits, else 8; without it, 8. Equal to any sequence of the same ids;
    output.json_text writes it as a JSON array.
    """

    def __new__(cls, ids: Iterable[int] = (), *, up_to: int | None = None) -> RecordIds:
        narrow = up_to is not None and up_to <= _NARROW_MAX
        return super().__new__(cls, _NARROW if narrow else "q", ids)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, list | tuple | array):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list is

    def __repr__(self) -> str:
        return repr(self.tolist())


class Ratings(NamedTuple):
    """Before and after ratings of one feeling (or of the hot thought's belief) over a span."""

    count: int  # how many were given, rated or not
    paired: int  # how many were rated both before and after
    paired_before: int  # sums over the paired ones
    paired_after: int
    rated_before: int  # how many had a before rating, and their sum
    before_total: int


@_reads
def record_counts(journal: Journal, start: datetime, end: datetime) -> tuple[int, int, int]:
    """(records, completed records, days with a record)."""
    row = journal.conn.execute(
        "SELECT count(*), count(NULLIF(r.reframe, '')), count(DISTINCT substr(r.occurred_at, 1, 10))"
        f" FROM records r WHERE {_IN_SPAN}",
        _bounds(start, end),
    ).fetchone()
    return row[0], row[1], row[2]


@_reads
def incomplete_ids(journal: Journal, start: datetime, end: datetime) -> RecordIds:
    return RecordIds(
        row[0]
        for row in journal.conn.execute(
            f"SELECT r.id FROM records r WHERE {_IN_SPAN} AND coalesce(r.reframe, '') = ''"
            " ORDER BY r.id",
            _bounds(start, end),
        )
    )


_RATINGS = """count(*),
    count(CASE WHEN {b} IS NOT NULL AND {a} IS NOT NULL THEN 1 END),
    coalesce(sum(CASE WHEN {a} IS NOT NULL THEN {b} END), 0),
    coalesce(sum(CASE WHEN {b} IS NOT NULL THEN {a} END), 0),
    count({b}),
    coalesce(sum({b}), 0)"""


@_reads
def emotions(journal: Journal, start: datetime, end: datetime) -> dict[str, Ratings]:
    """Each feeling named in the span, with its ratings."""
    columns = _RATINGS.format(b="e.intensity_before", a="e.intensity_after")
    return {
        name: Ratings(*figures)
        for name, *figures in journal.conn.execute(
            f"SELECT e.name, {columns} FROM records r CROSS JOIN emotions e ON e.record_id = r.id"
            f" WHERE {_IN_SPAN} GROUP BY e.name",
            _bounds(start, end),
        )
    }


@_reads
def hot_thought_belief(journal: Journal, start: datetime, end: datetime) -> Ratings:
    """The belief in each record's hot thought, before and after reframing."""
    columns = _RATINGS.format(b="t.belief_before", a="t.belief_after")
    row = journal.conn.execute(
        f"SELECT {columns} FROM records r JOIN thoughts t ON t.record_id = r.id AND t.hot = 1"
        f" WHERE {_IN_SPAN}",
        _bounds(start, end),
    ).fetchone()
    return Ratings(*row)


@_reads
def distortion_counts(journal: Journal, start: datetime, end: datetime) -> dict[str, int]:
    """How often each thinking trap was spotted in the span's thoughts."""
    return dict(
        journal.conn.execute(
            "SELECT d.distortion, count(*) FROM records r CROSS JOIN thoughts t ON t.record_id = r.id"
            " CROSS JOIN thought_distortions d ON d.thought_id = t.id"
            f" WHERE {_IN_SPAN} GROUP BY d.distortion",
            _bounds(start, end),
        )
    )


@_reads
def tag_counts(journal: Journal, start: datetime, end: datetime) -> dict[str, int]:
    """How many records of the span carry each tag."""
    return dict(
        journal.conn.execute(
            "SELECT g.tag, count(*) FROM records r CROSS JOIN record_tags g ON g.record_id = r.id"
            f" WHERE {_IN_SPAN} GROUP BY g.tag",
            _bounds(start, end),
        )
    )


@_reads
def tag_intensities(journal: Journal, start: datetime, end: datetime) -> dict[str, tuple[int, int]]:
    """Each tag: (how many feelings were rated before reframing there, the sum of the ratings)."""
    return {
        tag: (rated, total)
        for tag, rated, total in journal.conn.execute(
            "SELECT g.tag, count(e.intensity_before), coalesce(sum(e.intensity_before), 0)"
            " FROM records r CROSS JOIN record_tags g ON g.record_id = r.id"
            " CROSS JOIN emotions e ON e.record_id = r.id"
            f" WHERE {_IN_SPAN} GROUP BY g.tag",
            _bounds(start, end),
        )
    }


@_reads
def weekday_hours(journal: Journal, start: datetime, end: datetime) -> list[tuple[int, int, int]]:
    """(weekday with Monday 0, hour, records) for each weekday and hour that has records."""
    return journal.conn.execute(
        "SELECT (CAST(strftime('%w', substr(r.occurred_at, 1, 10)) AS INTEGER) + 6) % 7,"
        " CAST(substr(r.occurred_at, 12, 2) AS INTEGER), count(*)"
        f" FROM records r WHERE {_IN_SPAN} GROUP BY 1, 2",
        _bounds(start, end),
    ).fetchall()


class Written(NamedTuple):
    """One exact thought text: how often it was written, when last, and in which records."""

    text: str
    times: int
    last: tuple[str, int]  # sorts as the moment it was last written (UTC text, record id)
    record_ids: RecordIds  # in the span
    previous_ids: RecordIds  # in the span before


@_reads
def thought_texts(
    journal: Journal, previous: datetime, start: datetime, end: datetime
) -> list[Written]:
    """Every distinct thought text written from previous to end, in order of first appearance,
    with the records it came from (those before start are the span before's), each in order.

    SQLite hands each text over with its ids as soon as it has grouped it, and the texts are put
    in order here: ordered by SQLite, every text's ids would wait in a sorter for the last one.
    """
    rows = journal.conn.execute(
        "SELECT t.text, count(*), min(r.occurred_utc), min(r.id), max(r.occurred_utc), max(r.id),"
        " group_concat(CASE WHEN r.occurred_utc >= ? THEN r.id END),"
        " group_concat(CASE WHEN r.occurred_utc < ? THEN r.id END)"
        " FROM records r CROSS JOIN thoughts t ON t.record_id = r.id"
        f" WHERE {_IN_SPAN} GROUP BY t.text",
        [dates.to_utc_text(start), dates.to_utc_text(start), *_bounds(previous, end)],
    )
    found = [
        (
            first,
            first_id,
            Written(text, times, (last, last_id), _ids(ids, last_id), _ids(previous, last_id)),
        )
        for text, times, first, first_id, last, last_id, ids, previous in rows
    ]
    found.sort(key=lambda row: (row[0], row[1], row[2].text))
    return [written for _, _, written in found]


def _ids(joined: str | None, largest: int) -> RecordIds:
    """The ids group_concat joined, none above largest, in order (SQLite promises no order
    within a group)."""
    ids = RecordIds(map(int, joined.split(",")) if joined else (), up_to=largest)
    if any(a >= b for a, b in zip(ids, ids[1:])):
        ids = RecordIds(sorted(set(ids)), up_to=largest)
    return ids


class Steps(NamedTuple):
    """The experiments done in a span, counted."""

    done: int
    came_true: dict[str, int]  # answer -> how many
    rated: int  # how many have both an expected and an actual distress, and their sums
    expected_total: int
    actual_total: int


@_reads
def experiments_planned(journal: Journal, start: datetime, end: datetime) -> int:
    """Experiments planned in the span: by their date, or their creation when they have none."""
    return journal.conn.execute(
        "SELECT count(*) FROM experiments e WHERE e.deleted_at IS NULL"
        " AND coalesce(e.planned_utc, e.created_at) >= ? AND coalesce(e.planned_utc, e.created_at) < ?",
        _bounds(start, end),
    ).fetchone()[0]


@_reads
def experiments_done(journal: Journal, start: datetime, end: datetime) -> Steps:
    """Experiments marked done in the span, by the moment they were taken (done_at)."""
    both = "e.expected_distress IS NOT NULL AND e.actual_distress IS NOT NULL"
    utc_start, utc_end = _bounds(start, end)
    # done_at keeps the offset it was written with: the index narrows to the days around the
    # span (no offset is more than 14 hours from UTC), julianday compares the exact moments.
    rows = journal.conn.execute(
        "SELECT e.came_true, count(*), count(CASE WHEN {both} THEN 1 END),"
        " coalesce(sum(CASE WHEN {both} THEN e.expected_distress END), 0),"
        " coalesce(sum(CASE WHEN {both} THEN e.actual_distress END), 0)"
        " FROM experiments e WHERE e.deleted_at IS NULL AND e.status = 'done'"
        " AND e.done_at >= date(?, '-2 days') AND e.done_at < date(?, '+3 days')"
        " AND julianday(e.done_at) >= julianday(?) AND julianday(e.done_at) < julianday(?)"
        " GROUP BY e.came_true".replace("{both}", both),
        [utc_start, utc_end, utc_start, utc_end],
    ).fetchall()
    return Steps(
        done=sum(row[1] for row in rows),
        came_true={answer: count for answer, count, *_ in rows if answer},
        rated=sum(row[2] for row in rows),
        expected_total=sum(row[3] for row in rows),
        actual_total=sum(row[4] for row in rows),
    )
