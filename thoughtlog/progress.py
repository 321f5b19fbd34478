"""The progress report: the change that one week cannot show, week by week over months.

``build_progress`` gives the dict that ``--format json`` prints, exactly the contract in DESIGN.md:
weeks oldest first, every ISO week of the span present. Counts are 0 in a week with nothing to
count; an average is None where the week has nothing to average, and so is feared_came in a week
where no step done said whether the feared reaction came. The figures are counted by SQLite
(thoughtlog.storage.progress_figures), a few rows a week, so ten years cost what their weeks hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from itertools import groupby
from typing import Any

from thoughtlog import dates
from thoughtlog.checkins import KINDS, QUESTIONNAIRES
from thoughtlog.errors import InvalidValue
from thoughtlog.recurring import group_thoughts, representative
from thoughtlog.report import _paired
from thoughtlog.spans import Span, _bound, _midnight, _wall
from thoughtlog.storage import Journal, step_figures
from thoughtlog.storage import progress_figures as figures
from thoughtlog.storage.report_figures import small_cache

DEFAULT_WEEKS = 26  # the last six months, this week included


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 1) if count else None


def _week_name(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def progress_span(
    *, since: str | None = None, until: str | None = None, now: datetime | None = None
) -> Span:
    """The whole ISO weeks from the week holding --since to the week holding --until.

    By default the last six months (26 weeks) up to this week; --since alone runs to this week,
    --until alone covers the six months before it.
    """
    now = now or dates.now_local()
    last = _wall(now).date()
    if until is not None:
        last = (
            _wall(_bound("--until", until, end=True, now=now)) - timedelta(microseconds=1)
        ).date()
    if since is not None:
        first = _wall(_bound("--since", since, end=False, now=now)).date()
        if first > last:
            end = f"--until '{until}'" if until is not None else f"today ({last.isoformat()})"
            raise InvalidValue(
                f"--since '{since}' is after {end}: choose a start earlier than the end."
            )
    else:
        first = last - timedelta(weeks=DEFAULT_WEEKS - 1)
    first_monday = first - timedelta(days=first.weekday())
    end_monday = last - timedelta(days=last.weekday()) + timedelta(days=7)
    label = f"{_week_name(first_monday)} to {_week_name(end_monday - timedelta(days=7))}"
    return Span(_midnight(first_monday), _midnight(end_monday), label)


def mondays(span: Span) -> list[date]:
    first = span.first_day - timedelta(days=span.first_day.weekday())
    return [first + timedelta(weeks=n) for n in range((span.last_day - first).days // 7 + 1)]


def build_progress(journal: Journal, span: Span) -> dict[str, Any]:
    """The whole progress report for a span of whole ISO weeks, read with SQLite's page cache
    kept small (report_figures.small_cache): over years each page is read about once."""
    weeks = [monday.isoformat() for monday in mondays(span)]
    with small_cache(journal):
        return _built(journal, span, weeks)


def _built(journal: Journal, span: Span, weeks: list[str]) -> dict[str, Any]:
    start, end = span.start, span.end
    records = _folded(figures.weekly_records(journal, start, end), weeks)
    steps = _folded(figures.weekly_steps(journal, start, end), weeks)
    return {
        "period": {"start": span.first_day.isoformat(), "end": span.last_day.isoformat()},
        "weeks": [_week(monday, records, steps) for monday in weeks],
        "steps": _steps(steps, step_figures.reactions(journal, start, end)),
        "beliefs": _beliefs(figures.belief_ratings(journal, start, end)),
        "recurring_thoughts": _recurring(figures.weekly_thought_texts(journal, start, end), weeks),
        "distortions": _distortions(figures.weekly_distortions(journal, start, end), weeks),
        "checkins": _checkins(figures.weekly_checkins(journal, start, end), weeks),
        "scripts": _scripts(
            figures.scripts_written(journal, start, end),
            figures.script_rehearsals(journal, start, end),
            figures.scripts_used(journal, start, end),
        ),
    }


def _edge(monday: str, weeks: list[str]) -> str:
    """The week a moment is counted in. A moment is in the span by the local clock and in a week
    by its own wall-clock day, so one written in another timezone near the span's edge may fall
    in the week just outside: it is counted in the edge week rather than lost."""
    return min(max(monday, weeks[0]), weeks[-1])


def _folded(weekly: dict[str, Any], weeks: list[str]) -> dict[str, Any]:
    folded: dict[str, Any] = {}
    for monday, figures_ in weekly.items():
        week = _edge(monday, weeks)
        if week not in folded:
            folded[week] = figures_
        else:  # a NamedTuple of sums and counts: add them field by field
            same = folded[week]
            folded[week] = type(same)(*(a + b for a, b in zip(same, figures_, strict=True)))
    return folded


def _week(
    monday: str,
    records: dict[str, figures.WeekRecords],
    steps: dict[str, figures.WeekSteps],
) -> dict[str, Any]:
    done = steps.get(monday) or figures.WeekSteps(0, 0, 0, 0, 0, 0, 0, 0)
    written = records.get(monday) or figures.WeekRecords(0, 0, 0, 0, 0, 0)
    paired = _paired(written.belief)
    return {
        "week": _week_name(date.fromisoformat(monday)),
        "records": written.records,
        "steps_done": done.done,
        "feared_came": done.feared_came if done.answered else None,
        "avg_p_feared": _mean(done.p_feared_total, done.predicted),
        # Expected and felt distress over the same steps: those that have both.
        "avg_expected_distress": _mean(done.expected_total, done.rated),
        "avg_actual_distress": _mean(done.actual_total, done.rated),
        "belief_paired": paired["paired"],
        "avg_belief_before": paired["avg_before"],
        "avg_belief_after": paired["avg_after"],
    }


def _steps(
    weekly: dict[str, figures.WeekSteps], reactions: step_figures.Reactions
) -> dict[str, Any]:
    return {
        "done": sum(week.done for week in weekly.values()),
        "feared_came": sum(week.feared_came for week in weekly.values()),
        "avg_p_feared": _mean(
            sum(week.p_feared_total for week in weekly.values()),
            sum(week.predicted for week in weekly.values()),
        ),
        "by_with": [
            {"with": row.with_, "done": row.done, "feared_came": row.feared_came}
            for row in reactions.by_with
        ],
    }


def _beliefs(ratings: list[figures.Rated]) -> list[dict[str, Any]]:
    """Each belief rated in the span, with its ratings there, oldest first."""
    beliefs = []
    for (belief_id, text), rows in groupby(ratings, key=lambda row: (row.belief_id, row.text)):
        dated = [{"at": row.at, "old": row.old, "new": row.new} for row in rows]
        beliefs.append(
            {"id": belief_id, "text": text, "first": dated[0], "last": dated[-1], "ratings": dated}
        )
    return beliefs


def _recurring(written: dict[str, figures.WeeklyTally], weeks: list[str]) -> list[dict[str, Any]]:
    """Thoughts that came back in the span (in two records or more), grouped as the weekly report
    groups them: each distinct text placed once, in order of first appearance, weighted by how
    often it was written."""
    at = {monday: index for index, monday in enumerate(weeks)}
    texts = list(written)
    times = [sum(week.times for week in written[text].values()) for text in texts]
    groups = []
    for members in group_thoughts(texts, times):
        count = sum(times[i] for i in members)
        if count < 2:
            continue
        weekly_counts = [0] * len(weeks)
        belief_count = [0] * len(weeks)
        belief_total = [0] * len(weeks)
        for i in members:
            for monday, week in written[texts[i]].items():
                index = at[_edge(monday, weeks)]
                weekly_counts[index] += week.times
                belief_count[index] += week.rated
                belief_total[index] += week.belief_total
        groups.append(
            {
                "text": representative([texts[i] for i in members], [times[i] for i in members]),
                "count": count,
                "weekly_counts": weekly_counts,
                "weekly_belief": [_mean(t, n) for t, n in zip(belief_total, belief_count)],
            }
        )
    return sorted(groups, key=lambda group: (-group["count"], group["text"]))


def _distortions(counted: Iterable[tuple[str, str, int]], weeks: list[str]) -> list[dict[str, Any]]:
    at = {monday: index for index, monday in enumerate(weeks)}
    rows: dict[str, list[int]] = {}
    for slug, monday, count in counted:
        rows.setdefault(slug, [0] * len(weeks))[at[_edge(monday, weeks)]] += count
    traps = [
        {"slug": slug, "count": sum(weekly), "weekly_counts": weekly}
        for slug, weekly in rows.items()
    ]
    return sorted(traps, key=lambda trap: (-trap["count"], trap["slug"]))


def _checkins(taken: Iterable[figures.CheckinWeek], weeks: list[str]) -> list[dict[str, Any]]:
    """Each questionnaire taken in the span: its latest total each week (None in a week without
    one), its first and last total with the band its scoring guide gives, and the weeks where
    PHQ-9's ninth answer was above 0."""
    at = {monday: index for index, monday in enumerate(weeks)}
    kinds: dict[str, dict[str, Any]] = {}
    for row in taken:  # by kind, oldest first
        form = QUESTIONNAIRES[row.kind]
        total = form.total(row.answers)
        dated = {"at": row.at, "total": total, "band": form.band(total)}
        kind = kinds.get(row.kind)
        if kind is None:
            kind = kinds[row.kind] = {
                "kind": row.kind,
                "weekly_total": [None] * len(weeks),
                "first": dated,
                "last": dated,
                "item9_weeks": [],
            }
        week = _edge(row.monday, weeks)
        if row.latest:
            kind["weekly_total"][at[week]] = total
            kind["last"] = dated
        name = _week_name(date.fromisoformat(week))
        if row.item9 and name not in kind["item9_weeks"]:
            kind["item9_weeks"].append(name)
    return [kinds[kind] for kind in KINDS if kind in kinds]


def _scripts(
    written: int, rehearsals: list[figures.Rehearsed], uses: list[figures.ScriptUse]
) -> dict[str, Any]:
    """Scripts written, rehearsed and used for real in a step in the span, and for each script
    rehearsed or used there, its first and last rehearsal (confidence before and after)."""
    by_script: dict[int, dict[str, Any]] = {}

    def entry(script_id: int, title: str) -> dict[str, Any]:
        return by_script.setdefault(
            script_id,
            {"id": script_id, "title": title, "rehearsals": [], "first": None, "last": None,
             "steps_done": 0},
        )  # fmt: skip

    for row in rehearsals:  # by script, oldest first
        dated = {"at": row.at, "with": row.with_, "before": row.before, "after": row.after}
        found = entry(row.script_id, row.title)
        found["rehearsals"].append(dated)
        found["first"] = found["first"] or dated
        found["last"] = dated
    for use in uses:
        entry(use.script_id, use.title)["steps_done"] = use.steps_done
    return {
        "written": written,
        "rehearsed": len({row.script_id for row in rehearsals}),
        "rehearsals": len(rehearsals),
        "used": len(uses),
        "steps_done": sum(use.steps_done for use in uses),
        "by_script": [by_script[script_id] for script_id in sorted(by_script)],
    }
