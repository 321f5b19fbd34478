"""The session page's figures, counted by SQLite over the span since the last session.

Every query about records and steps takes leaving_out: the tags whose records (and the steps
linked to them) the person chose to leave off the page. They are left out here, in SQL, so that
their words never reach the page's data at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from thoughtlog.storage.report_figures import _RATINGS, Ratings, _bounds, _reads
from thoughtlog.storage.step_figures import DONE_IN_SPAN, FEARED_CAME, done_bounds, steps_kept

if TYPE_CHECKING:
    from thoughtlog.storage.journal import Journal

_IN_SPAN = "r.deleted_at IS NULL AND r.occurred_utc >= ? AND r.occurred_utc < ?"


def _records_kept(leaving_out: Sequence[str]) -> tuple[str, list[str]]:
    if not leaving_out:
        return "1", []
    marks = ", ".join("?" * len(leaving_out))
    return (
        f"NOT EXISTS (SELECT 1 FROM record_tags x WHERE x.record_id = r.id AND x.tag IN ({marks}))",
        list(leaving_out),
    )


def _where(start: datetime, end: datetime, leaving_out: Sequence[str]) -> tuple[str, list[str]]:
    kept, params = _records_kept(leaving_out)
    return f"{_IN_SPAN} AND {kept}", [*_bounds(start, end), *params]


@_reads
def record_counts(
    journal: Journal, start: datetime, end: datetime, leaving_out: Sequence[str]
) -> tuple[int, int, int]:
    """(records kept, days with one, records left out) in the span."""
    where, params = _where(start, end, leaving_out)
    kept, days = journal.conn.execute(
        f"SELECT count(*), count(DISTINCT substr(r.occurred_at, 1, 10)) FROM records r"
        f" WHERE {where}",
        params,
    ).fetchone()
    everything = journal.conn.execute(
        f"SELECT count(*) FROM records r WHERE {_IN_SPAN}", _bounds(start, end)
    ).fetchone()[0]
    return kept, days, everything - kept


@_reads
def emotions(
    journal: Journal, start: datetime, end: datetime, leaving_out: Sequence[str]
) -> dict[str, Ratings]:
    """Each feeling named in the kept records of the span, with its ratings."""
    where, params = _where(start, end, leaving_out)
    columns = _RATINGS.format(b="e.intensity_before", a="e.intensity_after")
    return {
        name: Ratings(*figures)
        for name, *figures in journal.conn.execute(
            f"SELECT e.name, {columns} FROM records r CROSS JOIN emotions e ON e.record_id = r.id"
            f" WHERE {where} GROUP BY e.name",
            params,
        )
    }


class Moment(NamedTuple):
    """A record whose feeling ran highest: the situation, and that feeling before and after."""

    record_id: int
    occurred_at: str
    situation: str
    emotion: str
    before: int
    after: int | None


@_reads
def hardest_moments(
    journal: Journal, start: datetime, end: datetime, leaving_out: Sequence[str], limit: int
) -> list[Moment]:
    """The kept records of the span with the strongest feeling before reframing, strongest first."""
    where, params = _where(start, end, leaving_out)
    rows = journal.conn.execute(
        "SELECT r.id, r.occurred_at, r.situation, e.name, e.intensity_before, e.intensity_after"
        " FROM records r JOIN emotions e ON e.id = ("
        "  SELECT m.id FROM emotions m WHERE m.record_id = r.id AND m.intensity_before IS NOT NULL"
        "  ORDER BY m.intensity_before DESC, m.position LIMIT 1)"
        f" WHERE {where} ORDER BY e.intensity_before DESC, r.occurred_utc DESC, r.id DESC LIMIT ?",
        [*params, limit],
    )
    return [Moment(*row) for row in rows]


@_reads
def distortion_counts(
    journal: Journal, start: datetime, end: datetime, leaving_out: Sequence[str]
) -> dict[str, int]:
    """How often each thinking trap was spotted in the kept records of the span."""
    where, params = _where(start, end, leaving_out)
    return dict(
        journal.conn.execute(
            "SELECT d.distortion, count(*) FROM records r CROSS JOIN thoughts t ON t.record_id = r.id"
            " CROSS JOIN thought_distortions d ON d.thought_id = t.id"
            f" WHERE {where} GROUP BY d.distortion",
            params,
        )
    )


class StepDone(NamedTuple):
    id: int
    done_at: str
    plan: str
    with_: str | None
    reaction: str | None
    came_true: str | None
    feared_came: int | None  # 1, 0, or None when not said
    learned: str | None


@_reads
def steps_done(
    journal: Journal, start: datetime, end: datetime, leaving_out: Sequence[str]
) -> list[StepDone]:
    """The kept steps taken in the span, oldest first."""
    kept, params = steps_kept(leaving_out)
    rows = journal.conn.execute(
        "SELECT e.id, e.done_at, e.plan, e.with_whom, e.reaction, e.came_true,"
        f" {FEARED_CAME}, e.learned FROM experiments e WHERE {DONE_IN_SPAN} AND {kept}"
        " ORDER BY julianday(e.done_at), e.id",
        [*done_bounds(start, end), *params],
    )
    return [StepDone(*row) for row in rows]


class StepDue(NamedTuple):
    id: int
    planned_for: str
    plan: str
    with_: str | None
    p_feared: int | None


_PLANNED = "e.deleted_at IS NULL AND e.status = 'planned'"


@_reads
def steps_due(
    journal: Journal, start: datetime, by: datetime, leaving_out: Sequence[str]
) -> tuple[list[StepDue], int]:
    """The kept steps still planned for a moment from start to by (the overdue ones among them
    too), soonest first; and how many kept steps planned before start are still waiting."""
    kept, params = steps_kept(leaving_out)
    utc_start, utc_by = _bounds(start, by)
    rows = journal.conn.execute(
        "SELECT e.id, e.planned_for, e.plan, e.with_whom, e.p_feared FROM experiments e"
        f" WHERE {_PLANNED} AND e.planned_utc >= ? AND e.planned_utc < ? AND {kept}"
        " ORDER BY e.planned_utc, e.id",
        [utc_start, utc_by, *params],
    )
    older = journal.conn.execute(
        f"SELECT count(*) FROM experiments e WHERE {_PLANNED} AND e.planned_utc < ? AND {kept}",
        [utc_start, *params],
    ).fetchone()[0]
    return [StepDue(*row) for row in rows], older


class Taken(NamedTuple):
    kind: str
    taken_at: str
    answers: list[int]


@_reads
def checkins(journal: Journal, start: datetime, end: datetime) -> list[Taken]:
    """The check-ins taken in the span, oldest first."""
    import json

    rows = journal.conn.execute(
        "SELECT kind, taken_at, answers FROM checkins WHERE taken_utc >= ? AND taken_utc < ?"
        " ORDER BY taken_utc, id",
        _bounds(start, end),
    )
    return [Taken(kind, at, json.loads(answers)) for kind, at, answers in rows]


class BeliefNow(NamedTuple):
    """A belief's latest rating, and the last one before the span (to show the change)."""

    id: int
    text: str
    new_text: str | None
    at: str | None
    old: int | None
    new: int | None
    old_before: int | None
    new_before: int | None


@_reads
def beliefs_now(journal: Journal, start: datetime, end: datetime) -> list[BeliefNow]:
    """Every belief outside the trash that has been rated by end, oldest first."""
    utc_start, utc_end = _bounds(start, end)
    latest = (
        "SELECT {column} FROM belief_ratings g WHERE g.belief_id = b.id AND g.at_utc < ?"
        " ORDER BY g.at_utc DESC, g.id DESC LIMIT 1"
    )
    rows = journal.conn.execute(
        "SELECT b.id, b.text, b.new_text,"
        f" ({latest.format(column='at')}), ({latest.format(column='old')}),"
        f" ({latest.format(column='new')}),"
        f" ({latest.format(column='old')}), ({latest.format(column='new')})"
        " FROM beliefs b WHERE b.deleted_at IS NULL"
        " AND EXISTS (SELECT 1 FROM belief_ratings g WHERE g.belief_id = b.id AND g.at_utc < ?)"
        " ORDER BY b.id",
        [utc_end, utc_end, utc_end, utc_start, utc_start, utc_end],
    )
    return [BeliefNow(*row) for row in rows]


class RehearsalInSpan(NamedTuple):
    at: str
    kind: str  # therapist, friend, mirror or alone: a role, never a name
    before: int | None
    after: int | None


class ScriptPractised(NamedTuple):
    """A script rehearsed in the span or used in a kept step taken in it or coming up."""

    id: int
    with_: str | None
    situation: str | None
    describe: str | None
    express: str | None
    specify: str | None
    consequences: str | None
    steps_done: int
    steps_planned: int
    rehearsals: list[RehearsalInSpan]


@_reads
def scripts_practised(
    journal: Journal, start: datetime, end: datetime, by: datetime, leaving_out: Sequence[str]
) -> list[ScriptPractised]:
    """The scripts outside the trash rehearsed from start to end, or named by a kept step taken
    then or still planned for a moment from start to by; oldest script first.

    A step linked to a record left out does not count as a use; and a script whose every step
    (in the trash or not) is linked to such records is left out altogether, rehearsals and all:
    it belongs to what the person chose to keep off the page.
    """
    kept, kept_params = steps_kept(leaving_out)
    private_only, private_params = "1", []
    if leaving_out:
        named_by = "SELECT 1 FROM experiments e WHERE e.script_id = s.id"
        private_only = (
            f"NOT (EXISTS ({named_by} AND NOT {kept}) AND NOT EXISTS ({named_by} AND {kept}))"
        )
        private_params = [*kept_params, *kept_params]
    utc_start, utc_end = _bounds(start, end)
    utc_by = _bounds(start, by)[1]
    rows = journal.conn.execute(
        "SELECT s.id, s.with_whom, s.situation, s.describe, s.express, s.specify, s.consequences,"
        "  (SELECT count(*) FROM experiments e WHERE e.script_id = s.id"
        f"   AND {DONE_IN_SPAN} AND {kept}),"
        "  (SELECT count(*) FROM experiments e WHERE e.script_id = s.id"
        f"   AND {_PLANNED} AND e.planned_utc >= ? AND e.planned_utc < ? AND {kept})"
        f" FROM scripts s WHERE s.deleted_at IS NULL AND {private_only} ORDER BY s.id",
        [
            *done_bounds(start, end),
            *kept_params,
            utc_start,
            utc_by,
            *kept_params,
            *private_params,
        ],
    ).fetchall()
    rehearsed: dict[int, list[RehearsalInSpan]] = {}
    for script_id, *rehearsal in journal.conn.execute(
        "SELECT script_id, at, with_whom, before, after FROM rehearsals"
        " WHERE at_utc >= ? AND at_utc < ? ORDER BY at_utc, id",
        [utc_start, utc_end],
    ):
        rehearsed.setdefault(script_id, []).append(RehearsalInSpan(*rehearsal))
    return [
        ScriptPractised(*row, rehearsals=rehearsed.get(row[0], []))
        for row in rows
        if row[-2] or row[-1] or row[0] in rehearsed
    ]
