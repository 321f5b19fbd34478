"""How often the feared reaction came, counted by SQLite over the steps done in a span."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from thoughtlog.storage.report_figures import _bounds, _reads

if TYPE_CHECKING:
    from thoughtlog.storage.journal import Journal

# 1 when a done step's feared reaction came, 0 when it didn't, NULL when the person didn't say:
# the reaction decides (criticism or punishment), and with no reaction given, came_true yes.
FEARED_CAME = (
    "(CASE WHEN e.reaction IS NOT NULL THEN e.reaction IN ('criticism', 'punishment')"
    " WHEN e.came_true IS NOT NULL THEN e.came_true = 'yes' END)"
)

# The steps done in a span, by the moment they were taken. done_at keeps the offset it was
# written with: the index narrows to the days around the span (no offset is more than 14 hours
# from UTC), julianday compares the exact moments.
DONE_IN_SPAN = (
    "e.deleted_at IS NULL AND e.status = 'done'"
    " AND e.done_at >= date(?, '-2 days') AND e.done_at < date(?, '+3 days')"
    " AND julianday(e.done_at) >= julianday(?) AND julianday(e.done_at) < julianday(?)"
)


def steps_kept(leaving_out: Sequence[str]) -> tuple[str, list[str]]:
    """A condition on e that leaves out the steps linked to a record carrying any of these tags
    (in the trash or not), with its parameters; none to leave out, and it holds for every step."""
    if not leaving_out:
        return "1", []
    marks = ", ".join("?" * len(leaving_out))
    return (
        "NOT EXISTS (SELECT 1 FROM record_tags x WHERE x.record_id = e.record_id"
        f" AND x.tag IN ({marks}))",
        list(leaving_out),
    )


def done_bounds(start: datetime, end: datetime) -> list[str]:
    utc_start, utc_end = _bounds(start, end)
    return [utc_start, utc_end, utc_start, utc_end]


class WithCount(NamedTuple):
    """The steps done with one person or role."""

    with_: str
    done: int
    feared_came: int


class Reactions(NamedTuple):
    """The feared reaction over the steps done in a span."""

    answered: int  # steps whose feared reaction is known to have come or not
    feared_came: int
    paired: int  # steps with both a p_feared and a known answer: the prediction beside the fact
    paired_p_total: int  # the sum of their p_feared
    paired_came: int  # how many of them the feared reaction came in
    safety_answered: int  # steps whose safety behaviours used were said (none, or some)
    without_safety: int  # steps done without any
    by_with: list[WithCount]


@_reads
def reactions(
    journal: Journal, start: datetime, end: datetime, leaving_out: Sequence[str] = ()
) -> Reactions:
    """The feared reaction, the prediction and the safety behaviours of the steps done in a span;
    leaving_out: tags whose records' steps are left out (see steps_kept)."""
    kept, kept_params = steps_kept(leaving_out)
    row = journal.conn.execute(
        f"SELECT count({FEARED_CAME}), coalesce(sum({FEARED_CAME}), 0),"
        f" count(CASE WHEN e.p_feared IS NOT NULL THEN {FEARED_CAME} END),"
        f" coalesce(sum(CASE WHEN {FEARED_CAME} IS NOT NULL THEN e.p_feared END), 0),"
        f" coalesce(sum(CASE WHEN e.p_feared IS NOT NULL THEN {FEARED_CAME} END), 0),"
        " count(e.safety_used),"
        " count(CASE WHEN e.safety_used = '[]' THEN 1 END)"
        f" FROM experiments e WHERE {DONE_IN_SPAN} AND {kept}",
        [*done_bounds(start, end), *kept_params],
    ).fetchone()
    by_with = journal.conn.execute(
        f"SELECT e.with_whom, count(*), coalesce(sum({FEARED_CAME}), 0)"
        f" FROM experiments e WHERE {DONE_IN_SPAN} AND {kept} AND e.with_whom IS NOT NULL"
        " GROUP BY e.with_whom ORDER BY count(*) DESC, e.with_whom",
        [*done_bounds(start, end), *kept_params],
    ).fetchall()
    return Reactions(*row, by_with=[WithCount(*counts) for counts in by_with])
