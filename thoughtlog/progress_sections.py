"""The progress report laid out once, as sections, for the weekly report's renderers to draw:
each week's figures as a line over the span, each belief, recurring thought and thinking trap
as its own row with its line.

Every string here may hold the person's words (a belief, a thought, a name); renderers treat
every one of them as text to escape, never as markup.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from thoughtlog.checkins import QUESTIONNAIRES
from thoughtlog.distortions import BY_SLUG
from thoughtlog.report import number, shorten, times
from thoughtlog.report_sections import AFTER, BEFORE, NOW, Cell, Column, Layout, Line, Section
from thoughtlog.wording import plural

QUOTED = 90  # the longest thought or belief a row shows whole


def _day(text: str) -> str:
    return date.fromisoformat(text).strftime("%a %d %b %Y")


def _known(values: list[Any]) -> list[Any]:
    return [value for value in values if value is not None]


def _from_to(values: list[float | int | None]) -> str:
    """The first and the last value given, as '80 → 45'; one value alone; '–' for none."""
    known = _known(values)
    if not known:
        return "–"
    if len(known) == 1:
        return number(known[0])
    return f"{number(known[0])} \u2192 {number(known[-1])}"


def _line(values: list[float | int | None], largest: float | int | None = None, kind=NOW) -> Line:
    return Line(
        tuple(values), largest if largest is not None else max(_known(values), default=0), kind
    )


def progress_layout(progress: dict[str, Any]) -> Layout:
    """The sections in reading order; a span with nothing written has a note only."""
    weeks = progress["weeks"]
    period = progress["period"]
    title = f"Progress: {weeks[0]['week']} to {weeks[-1]['week']}"
    subtitle = (
        f"{_day(period['start'])} to {_day(period['end'])}, {plural(len(weeks), 'week')},"
        " oldest on the left"
    )
    written = sum(week["records"] for week in weeks)
    checkins = _checkins(progress.get("checkins", []))
    scripts = progress.get("scripts") or {}
    practised = bool(scripts.get("written") or scripts.get("by_script"))
    if not (written or progress["steps"]["done"] or progress["beliefs"] or practised):
        note = "Nothing written, no steps taken and no beliefs rated in these weeks yet."
        return Layout(title, subtitle, [Section("Summary", notes=[note], summary=True), *checkins])
    sections = [
        Section("Summary", notes=_summary(progress, written), summary=True),
        _weekly(weeks),
        *_steps(progress["steps"]),
        *_beliefs(progress["beliefs"]),
        *_recurring(progress["recurring_thoughts"]),
        *_distortions(progress["distortions"]),
        *_scripts(scripts),
        *checkins,
    ]
    return Layout(title, subtitle, sections)


def _summary(progress: dict[str, Any], written: int) -> list[str]:
    """A few plain sentences from the figures: what happened, never what to do."""
    steps = progress["steps"]
    weeks = progress["weeks"]
    active = sum(1 for week in weeks if week["records"] or week["steps_done"])
    sentences = [
        f"You wrote {plural(written, 'thought record')} and took {plural(steps['done'], 'step')}"
        f" in {active} of {plural(len(weeks), 'week')}."
    ]
    answered = sum(week["feared_came"] is not None for week in weeks)
    if steps["done"] and answered:
        came = steps["feared_came"]
        sentence = (
            f"The reaction you feared came {times(came)}"
            if came
            else "The reaction you feared didn't come in any step where you said what happened"
        )
        if steps["avg_p_feared"] is not None:
            sentence += f"; you had thought it {number(steps['avg_p_feared'])}% likely on average"
        sentences.append(sentence + ".")
    for belief in progress["beliefs"]:
        first, last = belief["first"]["old"], belief["last"]["old"]
        if first is not None and last is not None and len(belief["ratings"]) > 1:
            sentences.append(
                f"Your belief in \u201c{shorten(belief['text'], 60)}\u201d went from"
                f" {first} to {last} out of 100."
            )
    scripts = progress.get("scripts") or {}
    if scripts.get("written") or scripts.get("by_script"):
        sentences.append(scripts_funnel(scripts))
    return sentences


def scripts_funnel(scripts: dict[str, Any]) -> str:
    """Scripts written, rehearsed, and used for real, in one sentence."""
    rehearsed = (
        f"rehearsed {plural(scripts['rehearsed'], 'script')} {times(scripts['rehearsals'])}"
        if scripts["rehearsals"]
        else "rehearsed none yet"
    )
    used = (
        f"used {plural(scripts['used'], 'script')} in {plural(scripts['steps_done'], 'step')}"
        " you took"
        if scripts["used"]
        else "used none in a step yet"
    )
    return f"You wrote {plural(scripts['written'], 'script')}, {rehearsed} and {used}."


_ROWS = (
    # (label, the week's key, a count or a rating 0-100, kind)
    ("Thought records", "records", False, NOW),
    ("Steps done", "steps_done", False, NOW),
    ("Feared reaction came", "feared_came", False, "yes"),
    ("Feared reaction thought likely (%)", "avg_p_feared", True, BEFORE),
    ("Distress expected (0-100)", "avg_expected_distress", True, BEFORE),
    ("Distress felt (0-100)", "avg_actual_distress", True, AFTER),
    ("Belief in the hot thought, before reframing", "avg_belief_before", True, BEFORE),
    ("Belief in the hot thought, after reframing", "avg_belief_after", True, AFTER),
)


def _weekly(weeks: list[dict[str, Any]]) -> Section:
    rows: list[list[Cell]] = []
    for label, key, rating, kind in _ROWS:
        values = [week[key] for week in weeks]
        if not _known(values) or (not rating and not any(values)):
            continue
        shown = _from_to(values) if rating else str(sum(_known(values)))
        rows.append([label, shown, _line(values, 100 if rating else None, kind)])
    return Section(
        "Week by week",
        notes=[
            "Counts are totals over the span; ratings go from the first week rated to the last."
            " A gap is a week with nothing to show. Before and after reframing are compared over"
            " the records rated both times."
        ],
        columns=[Column(""), Column("", True), Column("Weeks")],
        rows=rows,
    )


def _steps(steps: dict[str, Any]) -> list[Section]:
    if not steps["done"] or not steps["by_with"]:
        return []
    return [
        Section(
            "Steps, by who they were with",
            columns=[Column("With"), Column("Done", True), Column("Feared reaction came", True)],
            rows=[
                [row["with"], str(row["done"]), str(row["feared_came"])] for row in steps["by_with"]
            ],
        )
    ]


def _beliefs(beliefs: list[dict[str, Any]]) -> list[Section]:
    if not beliefs:
        return []
    rows: list[list[Cell]] = []
    for belief in beliefs:
        old = [rating["old"] for rating in belief["ratings"]]
        new = [rating["new"] for rating in belief["ratings"]]
        text = f"#{belief['id']} {shorten(belief['text'], QUOTED)}"
        rows.append([text, "old rule", _from_to(old), _line(old, 100, BEFORE)])
        if _known(new):
            rows.append(["", "new belief", _from_to(new), _line(new, 100, AFTER)])
    return [
        Section(
            "Long-term beliefs (0-100)",
            notes=["How much you believed each, rating by rating, first to last in these weeks."],
            columns=[Column("Belief"), Column(""), Column("", True), Column("Ratings")],
            rows=rows,
        )
    ]


def _scripts(scripts: dict[str, Any]) -> list[Section]:
    """Each script rehearsed or used in the span: how often, the confidence before and after
    from its first rehearsal to its last, and the steps that used it."""
    if not scripts.get("by_script"):
        return []
    rows: list[list[Cell]] = []
    for script in scripts["by_script"]:
        before = [r["before"] for r in script["rehearsals"]]
        after = [r["after"] for r in script["rehearsals"]]
        rows.append(
            [
                f"#{script['id']} {shorten(script['title'], QUOTED)}",
                str(len(script["rehearsals"])),
                _from_to(before),
                _from_to(after),
                _line(after, 100, AFTER),
                str(script["steps_done"]),
            ]
        )
    return [
        Section(
            "Scripts and rehearsal",
            notes=[
                "How often each was rehearsed, and the confidence (0-100) before and after, from the"
                " first rehearsal to the last in these weeks; steps are those done that used it."
            ],
            columns=[
                Column("Script"),
                Column("Times", True),
                Column("Before", True),
                Column("After", True),
                Column("After each"),
                Column("Steps", True),
            ],
            rows=rows,
        )
    ]


def _recurring(thoughts: list[dict[str, Any]]) -> list[Section]:
    if not thoughts:
        return []
    return [
        Section(
            "Thoughts that came back",
            notes=["How often each came back week by week, and how much you believed it."],
            columns=[
                Column("Thought"),
                Column("Times", True),
                Column("Weekly"),
                Column("Belief", True),
                Column("Belief by week"),
            ],
            rows=[
                [
                    shorten(thought["text"], QUOTED),
                    str(thought["count"]),
                    _line(thought["weekly_counts"]),
                    _from_to(thought["weekly_belief"]),
                    _line(thought["weekly_belief"], 100, BEFORE),
                ]
                for thought in thoughts
            ],
        )
    ]


def _distortions(traps: list[dict[str, Any]]) -> list[Section]:
    if not traps:
        return []
    return [
        Section(
            "Thinking traps",
            columns=[Column("Trap"), Column("Times", True), Column("Weekly")],
            rows=[
                [
                    BY_SLUG[trap["slug"]].name if trap["slug"] in BY_SLUG else trap["slug"],
                    str(trap["count"]),
                    _line(trap["weekly_counts"]),
                ]
                for trap in traps
            ],
        )
    ]


def _checkins(kinds: list[dict[str, Any]]) -> list[Section]:
    """Each questionnaire's totals week by week, first and last with its guide's band; when
    PHQ-9's ninth answer was above 0, a line of its own, never a score alone."""
    if not kinds:
        return []
    rows: list[list[Cell]] = []
    notes = [
        "The latest total each week. The ranges are each questionnaire's own scoring guide:"
        " a way of putting the weeks into words, not a diagnosis."
    ]
    for kind in kinds:
        form = QUESTIONNAIRES[kind["kind"]]
        first, last = kind["first"], kind["last"]
        rows.append(
            [
                form.title,
                f"{first['total']} ({first['band']})",
                f"{last['total']} ({last['band']})",
                _line(kind["weekly_total"], form.most),
            ]
        )
        if kind["item9_weeks"]:
            notes.append(item9_weeks_line(kind["item9_weeks"]))
    return [
        Section(
            "Check-ins",
            notes=notes,
            columns=[Column("Check-in"), Column("First"), Column("Last"), Column("Weeks")],
            rows=rows,
        )
    ]


def item9_weeks_line(weeks: list[str]) -> str:
    """The weeks PHQ-9's ninth answer was above 0, said plainly and kindly."""
    named = weeks[0] if len(weeks) == 1 else f"{', '.join(weeks[:-1])} and {weeks[-1]}"
    return (
        f"In {named}, you said you had thoughts of being better off dead or of hurting yourself."
        " You are not alone with this: thoughtlog help-now shows your safety plan and the crisis"
        " lines, whenever you need them."
    )
