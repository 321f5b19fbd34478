"""The progress report's figures, counted by SQLite week by week: a span of ten years costs what
its answers hold (a few rows a week), not what its records hold.

A week is the ISO week of the moment's own wall-clock day (the text of occurred_at or done_at,
which keeps the offset it was written with), named here by its Monday ('2026-06-01'); the core
turns Mondays into ISO week names and fills the weeks that have nothing.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from thoughtlog.storage.beliefs import SCRIPT_TITLE
from thoughtlog.storage.files import reading
from thoughtlog.storage.report_figures import _IN_SPAN, Ratings, _bounds, _reads
from thoughtlog.storage.step_figures import DONE_IN_SPAN, FEARED_CAME, done_bounds

if TYPE_CHECKING:
    from thoughtlog.storage.journal import Journal


def _monday(column: str) -> str:
    """The Monday of the week holding a moment's own day: back six days, then on to a Monday."""
    return f"date(substr({column}, 1, 10), '-6 days', 'weekday 1')"


_RECORD_WEEK = _monday("r.occurred_at")


def _monday_of(day: str) -> int:
    """The Monday of a day's week, as _monday finds it in SQL, by its day number (date.toordinal)."""
    moment = date.fromisoformat(day)
    return moment.toordinal() - moment.weekday()


@functools.cache
def _day_name(number: int) -> str:
    return date.fromordinal(number).isoformat()


_STEP_WEEK = _monday("e.done_at")


# The paired belief in the hot thought, as report_figures' Ratings count it.
_HOT_BELIEF = """
    count(CASE WHEN t.belief_before IS NOT NULL AND t.belief_after IS NOT NULL THEN 1 END),
    coalesce(sum(CASE WHEN t.belief_after IS NOT NULL THEN t.belief_before END), 0),
    coalesce(sum(CASE WHEN t.belief_before IS NOT NULL THEN t.belief_after END), 0),
    count(t.belief_before),
    coalesce(sum(t.belief_before), 0)"""


class WeekRecords(NamedTuple):
    """The records of one week, and the belief in their hot thoughts (as Ratings count it)."""

    records: int
    paired: int  # hot thoughts rated both before and after reframing, and their sums
    paired_before: int
    paired_after: int
    rated_before: int  # hot thoughts with a before rating, and their sum
    before_total: int

    @property
    def belief(self) -> Ratings:
        return Ratings(self.records, *self[1:])


@_reads
def weekly_records(journal: Journal, start: datetime, end: datetime) -> dict[str, WeekRecords]:
    """Monday -> the records written that week, with their hot thoughts' belief: one pass."""
    return {
        monday: WeekRecords(*figures)
        for monday, *figures in journal.conn.execute(
            f"SELECT {_RECORD_WEEK}, count(*), {_HOT_BELIEF} FROM records r"
            f" LEFT JOIN thoughts t ON t.record_id = r.id AND t.hot = 1 WHERE {_IN_SPAN}"
            " GROUP BY 1",
            _bounds(start, end),
        )
    }


class WeekSteps(NamedTuple):
    """The steps done in one week."""

    done: int
    answered: int  # steps whose feared reaction is known to have come or not
    feared_came: int
    predicted: int  # steps with a p_feared, and the sum of them
    p_feared_total: int
    rated: int  # steps with both an expected and an actual distress, and their sums
    expected_total: int
    actual_total: int


@_reads
def weekly_steps(journal: Journal, start: datetime, end: datetime) -> dict[str, WeekSteps]:
    """Monday -> the steps done that week, by the moment they were taken (done_at)."""
    both = "e.expected_distress IS NOT NULL AND e.actual_distress IS NOT NULL"
    return {
        monday: WeekSteps(*figures)
        for monday, *figures in journal.conn.execute(
            f"SELECT {_STEP_WEEK}, count(*), count({FEARED_CAME}),"
            f" coalesce(sum({FEARED_CAME}), 0), count(e.p_feared), coalesce(sum(e.p_feared), 0),"
            f" count(CASE WHEN {both} THEN 1 END),"
            f" coalesce(sum(CASE WHEN {both} THEN e.expected_distress END), 0),"
            f" coalesce(sum(CASE WHEN {both} THEN e.actual_distress END), 0)"
            f" FROM experiments e WHERE {DONE_IN_SPAN} GROUP BY 1",
            done_bounds(start, end),
        )
    }


class Believed(NamedTuple):
    """One exact thought text in one week: in how many records, and its belief before reframing."""

    times: int
    rated: int  # how many had a belief rating, and their sum
    belief_total: int


class WeeklyTally:
    """One thought text's weeks: Monday -> Believed, kept as numbers in two arrays, week by week.

    Ten years of a hundred texts are tens of thousands of (text, week) figures. Each week here
    is its Monday's day number (4 bytes) and its three figures (24); a dict from each Monday to
    its figures' place cost about 80 bytes a week more, most of what the progress report grew by.
    """

    __slots__ = ("_mondays", "_figures")

    def __init__(self) -> None:
        self._mondays = array("i")  # day numbers (date.toordinal), in order
        self._figures = array("q")  # times, rated, belief_total; week after week

    def add(self, monday: int, *, new_record: bool, belief: int | None) -> None:
        # The thoughts come in time order, so a week is nearly always the last one, or new after
        # it; one written with another offset near a week's edge may fall a week back.
        mondays = self._mondays
        at = len(mondays) - 1
        while at >= 0 and mondays[at] > monday:
            at -= 1
        if at < 0 or mondays[at] != monday:
            at += 1
            mondays.insert(at, monday)
            self._figures[3 * at : 3 * at] = array("q", (0, 0, 0))
        figures = self._figures
        figures[3 * at] += new_record
        if belief is not None:
            figures[3 * at + 1] += 1
            figures[3 * at + 2] += belief

    def items(self) -> Iterator[tuple[str, Believed]]:
        figures = self._figures
        for at, monday in enumerate(self._mondays):
            yield _day_name(monday), Believed(*figures[3 * at : 3 * at + 3])

    def values(self) -> Iterator[Believed]:
        return (week for _, week in self.items())


@_reads
def weekly_thought_texts(
    journal: Journal, start: datetime, end: datetime
) -> dict[str, WeeklyTally]:
    """Each distinct thought text, in order of first appearance, with the weeks it was written in
    (Monday -> figures). The rows are streamed once in time order and counted here, so memory
    holds the distinct texts and their weeks, never the span's thoughts."""
    texts: dict[str, WeeklyTally] = {}
    seen: set[str] = set()  # the texts of the record being read: a record counts once per text
    current = None
    last_day, monday = None, 0  # the rows come in time order: a day's run shares its Monday
    for record_id, text, day, belief in journal.conn.execute(
        # The day as written, its Monday found here: SQLite's date() costs more, row by row.
        "SELECT r.id, t.text, substr(r.occurred_at, 1, 10), t.belief_before"
        " FROM records r CROSS JOIN thoughts t ON t.record_id = r.id"
        f" WHERE {_IN_SPAN} ORDER BY r.occurred_utc, r.id",
        _bounds(start, end),
    ):
        if record_id != current:
            current, seen = record_id, set()
        tally = texts.get(text)
        if tally is None:
            tally = texts[text] = WeeklyTally()
        new_record = text not in seen
        seen.add(text)
        if day != last_day:
            last_day, monday = day, _monday_of(day)
        tally.add(monday, new_record=new_record, belief=belief)
    return texts


@reading
def weekly_distortions(
    journal: Journal, start: datetime, end: datetime
) -> Iterator[tuple[str, str, int]]:
    """(slug, Monday, how often spotted that week) for each trap and week that has any, streamed:
    ten years are thousands of rows, which the caller folds into a list a trap as they come."""
    yield from journal.conn.execute(
        f"SELECT d.distortion, {_RECORD_WEEK}, count(*)"
        " FROM records r CROSS JOIN thoughts t ON t.record_id = r.id"
        " CROSS JOIN thought_distortions d ON d.thought_id = t.id"
        f" WHERE {_IN_SPAN} GROUP BY 1, 2",
        _bounds(start, end),
    )


class Rated(NamedTuple):
    """One dated rating of a long-term belief."""

    belief_id: int
    text: str
    at: str
    old: int | None
    new: int | None


@_reads
def belief_ratings(journal: Journal, start: datetime, end: datetime) -> list[Rated]:
    """The ratings given in the span to beliefs not in the trash, by belief, oldest first."""
    return [
        Rated(*row)
        for row in journal.conn.execute(
            "SELECT b.id, b.text, g.at, g.old, g.new FROM belief_ratings g"
            " JOIN beliefs b ON b.id = g.belief_id"
            " WHERE b.deleted_at IS NULL AND g.at_utc >= ? AND g.at_utc < ?"
            " ORDER BY b.id, g.at_utc, g.id",
            _bounds(start, end),
        )
    ]


class CheckinWeek(NamedTuple):
    """A check-in kept for the progress report: the latest of its kind in its week, or the
    first of its kind in the span (or both)."""

    kind: str
    monday: str
    at: str
    answers: list[int]
    item9: int | None  # PHQ-9's highest ninth answer that week (None for the other kinds)
    latest: bool  # the latest of its kind that week


@reading
def weekly_checkins(journal: Journal, start: datetime, end: datetime) -> Iterator[CheckinWeek]:
    """Per kind and week, the latest check-in and PHQ-9's highest ninth answer, with the first
    check-in of each kind in the span: one query, by kind then time, a row or two a week,
    streamed to the caller rather than held."""
    import json

    rows = journal.conn.execute(
        f"SELECT kind, monday, taken_at, answers, item9, latest FROM ("
        f" SELECT kind, monday, taken_at, taken_utc, id, answers,"
        "  max(CASE WHEN kind = 'phq9' THEN json_extract(answers, '$[8]') END) OVER week AS item9,"
        "  row_number() OVER (week ORDER BY taken_utc DESC, id DESC) = 1 AS latest,"
        "  row_number() OVER (PARTITION BY kind ORDER BY taken_utc, id) = 1 AS earliest"
        f" FROM (SELECT *, {_monday('taken_at')} AS monday FROM checkins"
        "  WHERE taken_utc >= ? AND taken_utc < ?)"
        " WINDOW week AS (PARTITION BY kind, monday))"
        " WHERE latest OR earliest ORDER BY kind, taken_utc, id",
        _bounds(start, end),
    )
    for kind, monday, at, answers, item9, latest in rows:
        yield CheckinWeek(kind, monday, at, json.loads(answers), item9, bool(latest))


class Rehearsed(NamedTuple):
    """One rehearsal of an assertive script, with the words that name the script."""

    script_id: int
    title: str
    at: str
    with_: str
    before: int | None
    after: int | None


# The few words that name a script, as Script.title chooses them.
@_reads
def script_rehearsals(journal: Journal, start: datetime, end: datetime) -> list[Rehearsed]:
    """The rehearsals in the span of scripts not in the trash, by script, oldest first."""
    return [
        Rehearsed(*row)
        for row in journal.conn.execute(
            f"SELECT s.id, {SCRIPT_TITLE}, h.at, h.with_whom, h.before, h.after"
            " FROM rehearsals h JOIN scripts s ON s.id = h.script_id"
            " WHERE s.deleted_at IS NULL AND h.at_utc >= ? AND h.at_utc < ?"
            " ORDER BY s.id, h.at_utc, h.id",
            _bounds(start, end),
        )
    ]


class ScriptUse(NamedTuple):
    """A script named by steps done in the span: how many."""

    script_id: int
    title: str
    steps_done: int


@_reads
def scripts_written(journal: Journal, start: datetime, end: datetime) -> int:
    """How many scripts (not in the trash) were written in the span."""
    return journal.conn.execute(
        "SELECT count(*) FROM scripts WHERE deleted_at IS NULL"
        " AND julianday(created_at) >= julianday(?) AND julianday(created_at) < julianday(?)",
        _bounds(start, end),
    ).fetchone()[0]


@_reads
def scripts_used(journal: Journal, start: datetime, end: datetime) -> list[ScriptUse]:
    """The scripts (not in the trash) that steps done in the span used, by script."""
    return [
        ScriptUse(*row)
        for row in journal.conn.execute(
            f"SELECT s.id, {SCRIPT_TITLE}, count(*) FROM experiments e"
            " JOIN scripts s ON s.id = e.script_id"
            f" WHERE s.deleted_at IS NULL AND {DONE_IN_SPAN} GROUP BY s.id ORDER BY s.id",
            done_bounds(start, end),
        )
    ]
