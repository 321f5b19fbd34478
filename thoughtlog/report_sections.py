"""The weekly report laid out once, as sections (title, notes, columns, rows, bars, legend), for
every renderer to draw: terminal, markdown and html each only decide how a section looks.

Every string here may hold the person's words (a thought, a tag, a feeling); renderers treat every
one of them as text to escape, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thoughtlog.report import number
from thoughtlog.wording import plural

# Bar kinds, named for what they show; each renderer gives them a colour or a shade.
NOW, BEFORE, AFTER = "now", "before", "after"
CAME_TRUE_KINDS = ("yes", "partly", "no")


@dataclass(frozen=True)
class Bar:
    """A value drawn as a bar, as long as value is of largest."""

    value: float | int | None
    largest: float | int
    kind: str = NOW


@dataclass(frozen=True)
class Bars:
    """The bars of one cell, drawn one under the other."""

    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Amount:
    """A count in a chart grid, shown by its size among the others."""

    count: int
    largest: int


@dataclass(frozen=True)
class Line:
    """A series drawn as a line over time (a sparkline on a terminal), from 0 to largest; None
    is a gap where there was nothing to show."""

    values: tuple[float | int | None, ...]
    largest: float | int
    kind: str = NOW


Cell = str | Bars | Amount | Line


@dataclass(frozen=True)
class Column:
    title: str
    numeric: bool = False
    whole: bool = False  # short words never split over lines: a day, a person


BARS = Column("")  # the column of bars, at the end of a row


@dataclass
class Section:
    title: str
    notes: list[str] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (bar kind, what it shows)
    summary: bool = False  # the sentences at the top, set apart


@dataclass
class Layout:
    title: str
    subtitle: str
    sections: list[Section]
    compact: bool = False  # set closer together, to print on as few pages as it can


def _day(text: str) -> str:
    return date.fromisoformat(text).strftime("%a %d %b %Y")


SHOWN_IDS = 8  # record ids listed in a row; a long span may hold thousands


def _ids(record_ids: list[int]) -> str:
    shown = ", ".join(f"#{record_id}" for record_id in record_ids[:SHOWN_IDS])
    more = len(record_ids) - SHOWN_IDS
    return f"{shown} and {more} more" if more > 0 else shown


def layout(report: dict[str, Any]) -> Layout:
    """The report's sections in reading order; an empty span has its summary only."""
    period, previous = report["period"], report["previous_period"]
    subtitle = (
        f"{_day(period['start'])} to {_day(period['end'])},"
        f" compared with {_day(previous['start'])} to {_day(previous['end'])}"
    )
    sections = [Section("Summary", notes=list(report["summary"]), summary=True)]
    experiments = report["experiments"]
    if report["records"]["count"] or experiments["planned"] or experiments["done"]:
        this, before = _column_names(period)
        sections += [
            _records(report["records"]),
            *_recurring(report["recurring_thoughts"], this, before),
            *_distortions(report["distortions"], this, before),
            *emotions_section(report["emotions"]),
            *_triggers(report["tags"]),
            *_belief(report["belief"]),
            *_experiments(experiments),
            _when(report["when"]),
        ]
    return Layout(f"Thought record report: {period['label']}", subtitle, sections)


def _column_names(period: dict[str, Any]) -> tuple[str, str]:
    if period["kind"] == "week":
        return ("This week" if period["current"] else "That week"), "Week before"
    return "This period", "Period before"


def _records(counts: dict[str, Any]) -> Section:
    notes = [
        f"{plural(counts['count'], 'record')} on {plural(counts['days'], 'day')},"
        f" {counts['completed']} completed."
    ]
    if counts["incomplete_ids"]:
        notes.append(f"Waiting for a balanced thought: {_ids(counts['incomplete_ids'])}.")
    return Section("Records", notes=notes)


def _this_and_before(rows: list[dict[str, Any]]) -> int:
    return max(max(row["count"], row["previous_count"]) for row in rows)


def _recurring(groups: list[dict[str, Any]], this: str, before: str) -> list[Section]:
    if not groups:
        return []
    largest = _this_and_before(groups)
    return [
        Section(
            "Recurring thoughts",
            columns=[
                Column("Thought"),
                Column(this, True),
                Column(before, True),
                Column("Records"),
                BARS,
            ],
            rows=[
                [
                    row["text"],
                    str(row["count"]),
                    str(row["previous_count"]),
                    _ids(row["record_ids"]),
                    Bars((Bar(row["count"], largest), Bar(row["previous_count"], largest, BEFORE))),
                ]
                for row in groups
            ],
            legend=[(NOW, this), (BEFORE, before)],
        )
    ]


def _distortions(distortions: list[dict[str, Any]], this: str, before: str) -> list[Section]:
    if not distortions:
        return []
    largest = _this_and_before(distortions)
    return [
        Section(
            "Distortions",
            columns=[Column("Distortion"), Column(this, True), Column(before, True), BARS],
            rows=[
                [
                    row["name"],
                    str(row["count"]),
                    str(row["previous_count"]),
                    Bars((Bar(row["count"], largest), Bar(row["previous_count"], largest, BEFORE))),
                ]
                for row in distortions
            ],
            legend=[(NOW, this), (BEFORE, before)],
        )
    ]


_PAIRED_NOTE = (
    "Before and after are compared only where you rated a feeling again after reframing;"
    " 'Rated again' says how many times."
)


def emotions_section(emotions: list[dict[str, Any]]) -> list[Section]:
    if not emotions:
        return []
    return [
        Section(
            "Emotions (0-100, before and after reframing)",
            notes=[_PAIRED_NOTE],
            columns=[
                Column("Emotion"),
                Column("Times", True),
                Column("Rated again", True),
                Column("Before", True),
                Column("After", True),
                BARS,
            ],
            rows=[
                [
                    row["name"],
                    str(row["count"]),
                    str(row["paired"]),
                    number(row["avg_before"]),
                    number(row["avg_after"]),
                    Bars((Bar(row["avg_before"], 100), Bar(row["avg_after"], 100, AFTER))),
                ]
                for row in emotions
            ],
            legend=[(NOW, "before reframing"), (AFTER, "after reframing")],
        )
    ]


def _triggers(tags: list[dict[str, Any]]) -> list[Section]:
    if not tags:
        return []
    largest = max(row["count"] for row in tags)
    return [
        Section(
            "Triggers",
            columns=[
                Column("Tag"),
                Column("Records", True),
                Column("Average intensity", True),
                BARS,
            ],
            rows=[
                [
                    row["tag"],
                    str(row["count"]),
                    number(row["avg_intensity"]),
                    Bars((Bar(row["count"], largest),)),
                ]
                for row in tags
            ],
        )
    ]


def _belief(belief: dict[str, Any]) -> list[Section]:
    if belief["avg_before"] is None:
        return []
    if not belief["paired"]:
        note = "Not yet rated again after reframing, so there is nothing to compare."
        rows: list[list[Cell]] = [
            [
                "before reframing",
                number(belief["avg_before"]),
                Bars((Bar(belief["avg_before"], 100),)),
            ]
        ]
    else:
        note = (
            f"Compared across {plural(belief['paired'], 'record')} where you rated your belief"
            " again after reframing."
        )
        rows = [
            [
                "before reframing",
                number(belief["avg_before"]),
                Bars((Bar(belief["avg_before"], 100),)),
            ],
            [
                "after reframing",
                number(belief["avg_after"]),
                Bars((Bar(belief["avg_after"], 100, AFTER),)),
            ],
        ]
    return [
        Section(
            "Belief in the hot thought (0-100)",
            notes=[note],
            columns=[Column(""), Column("Average", True), BARS],
            rows=rows,
        )
    ]


def _experiments(experiments: dict[str, Any]) -> list[Section]:
    if not experiments["planned"] and not experiments["done"]:
        return []
    came_true = experiments["came_true"]
    section = Section(
        "Experiments",
        notes=[f"Planned {experiments['planned']}, done {experiments['done']}."],
        columns=[Column(""), Column("", True), BARS],
    )
    if experiments["done"]:
        largest = max(came_true.values()) or 1
        section.rows += [
            [
                f"feared outcome came true: {answer}",
                str(came_true[answer]),
                Bars((Bar(came_true[answer], largest, answer),)),
            ]
            for answer in CAME_TRUE_KINDS
        ]
    if experiments["avg_expected_distress"] is not None:
        expected, felt = experiments["avg_expected_distress"], experiments["avg_actual_distress"]
        section.rows += [
            ["distress expected (0-100)", number(expected), Bars((Bar(expected, 100),))],
            ["distress felt (0-100)", number(felt), Bars((Bar(felt, 100, AFTER),))],
        ]
    section.rows += _reaction_rows(experiments)
    if not section.rows:
        section.columns = []
    sections = [section]
    if experiments["by_with"]:
        sections.append(_by_with(experiments["by_with"]))
    return sections


def _reaction_rows(experiments: dict[str, Any]) -> list[list[Cell]]:
    """The feared reaction's rate, the prediction beside it, and the steps without safety."""
    rows: list[list[Cell]] = []
    if answered := experiments["feared_answered"]:
        came = experiments["feared_came"]
        rows.append(
            [
                f"feared reaction came (of {answered})",
                str(came),
                Bars((Bar(came, answered, "yes"),)),
            ]
        )
    if experiments["p_feared_paired"]:
        predicted, observed = experiments["avg_p_feared"], experiments["feared_came_rate"]
        over = experiments["p_feared_paired"]
        rows += [
            [
                f"predicted likelihood, % ({over} paired)",
                number(predicted),
                Bars((Bar(predicted, 100, BEFORE),)),
            ],
            [
                f"observed rate, % ({over} paired)",
                number(observed),
                Bars((Bar(observed, 100, AFTER),)),
            ],
        ]
    if safety := experiments["safety_answered"]:
        without = experiments["without_safety"]
        rows.append(
            [
                f"without safety behaviours (of {safety})",
                str(without),
                Bars((Bar(without, safety, "no"),)),
            ]
        )
    return rows


def _by_with(by_with: list[dict[str, Any]]) -> Section:
    largest = max(row["done"] for row in by_with)
    return Section(
        "Steps by who they involved",
        columns=[Column("with"), Column("done", True), Column("feared came", True), BARS],
        rows=[
            [
                row["with"],
                str(row["done"]),
                str(row["feared_came"]),
                Bars((Bar(row["done"], largest), Bar(row["feared_came"], largest, "yes"))),
            ]
            for row in by_with
        ],
    )


def _when(when: dict[str, Any]) -> Section:
    largest = max((count for row in when["counts"] for count in row), default=0)
    return Section(
        "When",
        columns=[Column(""), *(Column(name) for name in when["times_of_day"])],
        rows=[
            [day, *(Amount(count, largest) for count in counts)]
            for day, counts in zip(when["weekdays"], when["counts"])
        ],
    )
