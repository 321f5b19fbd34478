"""The weekly report as text: markdown, JSON (the contract) and a self-contained printable page."""

from __future__ import annotations

import json
from datetime import date
from html import escape
from typing import Any

from thoughtlog.report import number, plural

BAR = "█"


def _day(text: str) -> str:
    return date.fromisoformat(text).strftime("%a %d %b %Y")


def heading(report: dict[str, Any]) -> str:
    """'2026-W47' or '2026-11-01 to 2026-11-20', the report's title line."""
    return f"Thought record report: {report['period']['label']}"


def dates_line(report: dict[str, Any]) -> str:
    period, previous = report["period"], report["previous_period"]
    return (
        f"{_day(period['start'])} to {_day(period['end'])},"
        f" compared with {_day(previous['start'])} to {_day(previous['end'])}"
    )


def column_names(report: dict[str, Any]) -> tuple[str, str]:
    """What the 'this span' and 'span before' columns are called."""
    if report["period"]["kind"] == "week":
        return ("This week" if report["period"]["current"] else "That week"), "Week before"
    return "This period", "Period before"


def is_empty(report: dict[str, Any]) -> bool:
    experiments = report["experiments"]
    return not report["records"]["count"] and not experiments["planned"] and not experiments["done"]


def bar(value: float | int | None, largest: float | int, width: int = 20) -> str:
    """A bar of block characters, at least one block for any value above zero."""
    if not value or not largest:
        return ""
    return BAR * max(1, round(width * value / largest))


def records_line(counts: dict[str, Any]) -> str:
    return (
        f"{plural(counts['count'], 'record')} on {plural(counts['days'], 'day')},"
        f" {counts['completed']} completed."
    )


def came_true_line(experiments: dict[str, Any]) -> str:
    came_true = experiments["came_true"]
    return f"yes {came_true['yes']}, partly {came_true['partly']}, no {came_true['no']}"


# --- markdown -------------------------------------------------------------------------------------


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    return [line(headers), "|" + "|".join("---" for _ in headers) + "|", *map(line, rows), ""]


def to_markdown(report: dict[str, Any]) -> str:
    """The report as markdown, readable as plain text too (it is what a pipe receives)."""
    this, before = column_names(report)
    lines = [f"# {heading(report)}", "", dates_line(report), "", "## Summary", ""]
    lines += [f"- {sentence}" for sentence in report["summary"]] + [""]
    if is_empty(report):
        return "\n".join(lines)

    counts = report["records"]
    lines += ["## Records", "", records_line(counts)]
    if counts["incomplete_ids"]:
        ids = ", ".join(f"#{record_id}" for record_id in counts["incomplete_ids"])
        lines.append(f"Waiting for a balanced thought: {ids}.")
    lines.append("")

    if report["recurring_thoughts"]:
        lines += ["## Recurring thoughts", ""]
        lines += _table(
            ["Thought", this, before, "Records"],
            [
                [
                    row["text"],
                    str(row["count"]),
                    str(row["previous_count"]),
                    ", ".join(f"#{i}" for i in row["record_ids"]),
                ]
                for row in report["recurring_thoughts"]
            ],
        )
    if report["distortions"]:
        largest = max(max(row["count"], row["previous_count"]) for row in report["distortions"])
        lines += ["## Distortions", ""]
        lines += _table(
            ["Distortion", this, before, ""],
            [
                [
                    row["name"],
                    str(row["count"]),
                    str(row["previous_count"]),
                    bar(row["count"], largest, 12),
                ]
                for row in report["distortions"]
            ],
        )
    if report["emotions"]:
        lines += ["## Emotions", ""]
        lines += _table(
            ["Emotion", "Times", "Before", "After", ""],
            [
                [
                    row["name"],
                    str(row["count"]),
                    number(row["avg_before"]),
                    number(row["avg_after"]),
                    f"{bar(row['avg_before'], 100, 10)} → {bar(row['avg_after'], 100, 10)}"
                    if row["avg_after"] is not None
                    else bar(row["avg_before"], 100, 10),
                ]
                for row in report["emotions"]
            ],
        )
    if report["tags"]:
        largest = max(row["count"] for row in report["tags"])
        lines += ["## Triggers", ""]
        lines += _table(
            ["Tag", "Records", "Average intensity", ""],
            [
                [
                    row["tag"],
                    str(row["count"]),
                    number(row["avg_intensity"]),
                    bar(row["count"], largest, 12),
                ]
                for row in report["tags"]
            ],
        )
    belief = report["belief"]
    if belief["avg_before"] is not None:
        lines += [
            "## Belief in the hot thought",
            "",
            f"Before reframing {number(belief['avg_before'])}, after {number(belief['avg_after'])}"
            " (0-100).",
            "",
        ]
    experiments = report["experiments"]
    if experiments["planned"] or experiments["done"]:
        lines += [
            "## Experiments",
            "",
            f"Planned {experiments['planned']}, done {experiments['done']}.",
        ]
        if experiments["done"]:
            lines.append(f"The feared outcome came true: {came_true_line(experiments)}.")
        if experiments["avg_expected_distress"] is not None:
            lines.append(
                f"Distress expected {number(experiments['avg_expected_distress'])},"
                f" felt {number(experiments['avg_actual_distress'])} (0-100)."
            )
        lines.append("")
    when = report["when"]
    lines += ["## When", ""]
    lines += _table(
        ["", *when["times_of_day"]],
        [
            [day, *(str(n) if n else "·" for n in counts_row)]
            for day, counts_row in zip(when["weekdays"], when["counts"])
        ],
    )
    return "\n".join(lines)


# --- json -----------------------------------------------------------------------------------------


def to_json(report: dict[str, Any]) -> str:
    """The report as the JSON contract of DESIGN.md (with summary and when besides)."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


# --- html -----------------------------------------------------------------------------------------

_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; max-width: 46rem;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: 0; } h2 { font-size: 1.1rem; margin-top: 1.8rem;
     border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
.dates { color: #555; margin-top: .2rem; }
.summary { background: #f5f7fa; border-left: 4px solid #4a6fa5; padding: .6rem 1rem; }
.summary p { margin: .3rem 0; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .25rem .5rem;
        border-bottom: 1px solid #eee; vertical-align: middle; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.legend span { display: inline-block; width: .8rem; height: .8rem; margin: 0 .3rem 0 1rem;
               vertical-align: middle; }
.now { fill: #4a6fa5; } .before { fill: #b9c7da; } .after { fill: #7fb08a; }
.yes { fill: #c0504d; } .partly { fill: #e0a03a; } .no { fill: #7fb08a; }
footer { color: #777; font-size: .8rem; margin-top: 2rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table { break-inside: avoid; } }
"""
_COLOURS = {
    "now": "#4a6fa5",
    "before": "#b9c7da",
    "after": "#7fb08a",
    "yes": "#c0504d",
    "partly": "#e0a03a",
    "no": "#7fb08a",
}


def _svg_bars(
    values: list[tuple[float | int | None, str]], largest: float | int, width: int = 160
) -> str:
    """Stacked thin horizontal bars, one per (value, colour class); SVG so they print in colour."""
    height = 8
    rects = []
    for row, (value, kind) in enumerate(values):
        length = 0 if not value or not largest else max(2, round(width * value / largest))
        rects.append(
            f'<rect x="0" y="{row * (height + 2)}" width="{length}" height="{height}" rx="2"'
            f' class="{kind}" fill="{_COLOURS[kind]}"/>'
        )
    total = len(values) * (height + 2)
    return f'<svg width="{width}" height="{total}" role="img" aria-hidden="true">{"".join(rects)}</svg>'


def _html_table(
    headers: list[str], rows: list[list[str]], numeric: frozenset[int] | set[int] = frozenset()
) -> str:
    head = "".join(
        f"<th{' class=n' if i in numeric else ''}>{escape(h)}</th>" for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=n' if i in numeric else ''}>{cell}</td>" for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _legend(*items: tuple[str, str]) -> str:
    return (
        '<p class="legend">'
        + "".join(
            f'<span style="background:{_COLOURS[kind]}"></span>{escape(label)}'
            for kind, label in items
        )
        + "</p>"
    )


def to_html(report: dict[str, Any]) -> str:
    """A self-contained page (inline CSS and SVG, nothing fetched) to print or give a therapist."""
    this, before = column_names(report)
    parts = [
        f"<h1>{escape(heading(report))}</h1>",
        f'<p class="dates">{escape(dates_line(report))}</p>',
        '<section class="summary">'
        + "".join(f"<p>{escape(s)}</p>" for s in report["summary"])
        + "</section>",
    ]
    if not is_empty(report):
        parts += _html_sections(report, this, before)
    title = escape(heading(report))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{_CSS}</style></head><body>\n"
        + "\n".join(parts)
        + "\n<footer>Written by thoughtlog from the person's own records.</footer></body></html>\n"
    )


def _html_sections(report: dict[str, Any], this: str, before: str) -> list[str]:
    parts: list[str] = []
    counts = report["records"]
    records_text = records_line(counts)
    if counts["incomplete_ids"]:
        ids = ", ".join(f"#{record_id}" for record_id in counts["incomplete_ids"])
        records_text += f" Waiting for a balanced thought: {ids}."
    parts += ["<h2>Records</h2>", f"<p>{escape(records_text)}</p>"]

    if report["recurring_thoughts"]:
        largest = max(max(r["count"], r["previous_count"]) for r in report["recurring_thoughts"])
        parts += ["<h2>Recurring thoughts</h2>", _legend(("now", this), ("before", before))]
        parts.append(
            _html_table(
                ["Thought", this, before, ""],
                [
                    [
                        escape(r["text"]),
                        str(r["count"]),
                        str(r["previous_count"]),
                        _svg_bars([(r["count"], "now"), (r["previous_count"], "before")], largest),
                    ]
                    for r in report["recurring_thoughts"]
                ],
                {1, 2},
            )
        )
    if report["distortions"]:
        largest = max(max(r["count"], r["previous_count"]) for r in report["distortions"])
        parts += ["<h2>Distortions</h2>", _legend(("now", this), ("before", before))]
        parts.append(
            _html_table(
                ["Distortion", this, before, ""],
                [
                    [
                        escape(r["name"]),
                        str(r["count"]),
                        str(r["previous_count"]),
                        _svg_bars([(r["count"], "now"), (r["previous_count"], "before")], largest),
                    ]
                    for r in report["distortions"]
                ],
                {1, 2},
            )
        )
    if report["emotions"]:
        parts += [
            "<h2>Emotions</h2>",
            _legend(("now", "before reframing"), ("after", "after reframing")),
        ]
        parts.append(
            _html_table(
                ["Emotion", "Times", "Before", "After", ""],
                [
                    [
                        escape(r["name"]),
                        str(r["count"]),
                        number(r["avg_before"]),
                        number(r["avg_after"]),
                        _svg_bars([(r["avg_before"], "now"), (r["avg_after"], "after")], 100),
                    ]
                    for r in report["emotions"]
                ],
                {1, 2, 3},
            )
        )
    if report["tags"]:
        largest = max(r["count"] for r in report["tags"])
        parts += ["<h2>Triggers</h2>"]
        parts.append(
            _html_table(
                ["Tag", "Records", "Average intensity", ""],
                [
                    [
                        escape(r["tag"]),
                        str(r["count"]),
                        number(r["avg_intensity"]),
                        _svg_bars([(r["count"], "now")], largest),
                    ]
                    for r in report["tags"]
                ],
                {1, 2},
            )
        )
    belief = report["belief"]
    if belief["avg_before"] is not None:
        parts += [
            "<h2>Belief in the hot thought</h2>",
            _legend(("now", "before reframing"), ("after", "after")),
        ]
        parts.append(
            _html_table(
                ["Before", "After", ""],
                [
                    [
                        number(belief["avg_before"]),
                        number(belief["avg_after"]),
                        _svg_bars(
                            [(belief["avg_before"], "now"), (belief["avg_after"], "after")], 100
                        ),
                    ]
                ],
                {0, 1},
            )
        )
    experiments = report["experiments"]
    if experiments["planned"] or experiments["done"]:
        came_true = experiments["came_true"]
        parts += [
            "<h2>Experiments</h2>",
            f"<p>Planned {experiments['planned']}, done {experiments['done']}.</p>",
        ]
        if experiments["done"]:
            largest = max(came_true.values()) or 1
            parts.append(
                _html_table(
                    ["The feared outcome came true", "Experiments", ""],
                    [
                        [
                            answer,
                            str(came_true[answer]),
                            _svg_bars([(came_true[answer], answer)], largest),
                        ]
                        for answer in ("yes", "partly", "no")
                    ],
                    {1},
                )
            )
        if experiments["avg_expected_distress"] is not None:
            parts.append(
                _html_table(
                    ["Distress expected", "Distress felt", ""],
                    [
                        [
                            number(experiments["avg_expected_distress"]),
                            number(experiments["avg_actual_distress"]),
                            _svg_bars(
                                [
                                    (experiments["avg_expected_distress"], "now"),
                                    (experiments["avg_actual_distress"], "after"),
                                ],
                                100,
                            ),
                        ]
                    ],
                    {0, 1},
                )
            )
    parts += ["<h2>When</h2>", _when_chart(report["when"])]
    return parts


def _when_chart(when: dict[str, Any]) -> str:
    """Weekday by time of day: a dot per cell, sized by how many records were written then."""
    largest = max((n for row in when["counts"] for n in row), default=0) or 1
    rows = []
    for day, counts in zip(when["weekdays"], when["counts"]):
        cells = []
        for count in counts:
            radius = 0 if not count else 3 + round(6 * count / largest)
            dot = (
                f'<svg width="20" height="20" aria-hidden="true"><circle cx="10" cy="10" r="{radius}"'
                f' class="now" fill="{_COLOURS["now"]}"/></svg> {count}'
                if count
                else "·"
            )
            cells.append(dot)
        rows.append([escape(day), *cells])
    return _html_table(["", *when["times_of_day"]], rows)
