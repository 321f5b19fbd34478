"""The output module: data to stdout (rich on a terminal, plain text when piped, or JSON), messages to stderr.

rich is imported only when stdout is a terminal, so piped and scripted use starts quickly.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from thoughtlog import worksheet
from thoughtlog.model import Experiment, Record

if TYPE_CHECKING:
    from rich.console import Console

    from thoughtlog.distortions import Distortion
    from thoughtlog.storage import SearchHit


def is_terminal() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def console(*, stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def say(message: str) -> None:
    """A message for the person (not data): to stderr, so pipes carry only data."""
    print(message, file=sys.stderr)


def print_json(data: Any) -> None:
    """The one JSON output path: UTF-8, indented, keys in the order the design gives."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_lines(lines: Iterable[str]) -> None:
    sys.stdout.write("".join(line + "\n" for line in lines))


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _table(headers: list[str], rows: list[list[str]], *, wide: int) -> None:
    """A table: rich on a terminal, plain aligned columns when piped (no colour, no box)."""
    if is_terminal():
        from rich.table import Table

        table = Table(*headers, header_style="bold", expand=False)
        table.columns[wide].overflow = "fold"
        for row in rows:
            table.add_row(*row)
        console().print(table)
        return
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    for row in [headers, *rows]:
        print_lines(["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()])


# --- records ------------------------------------------------------------------------------------


def show_record(record: Record, experiments: list[Experiment] | None = None) -> None:
    sections = worksheet.sections(record, experiments)
    if is_terminal():
        from rich.panel import Panel
        from rich.text import Text

        body = Text()
        for section in sections:
            body.append(section.heading + "\n", style="bold cyan")
            for line in section.lines:
                style = "dim" if line.startswith("not ") else None
                body.append("  " + line + "\n", style=style)
        console().print(Panel(body.rstrip(), title=worksheet.title(record), title_align="left"))
        return
    lines = [worksheet.title(record), ""]
    for section in sections:
        lines.append(section.heading)
        lines.extend("  " + line for line in "\n".join(section.lines).splitlines())
    print_lines(lines)


def _record_row(record: Record) -> list[str]:
    hot = record.hot_thought
    feelings = ", ".join(
        f"{e.name} {worksheet.rating_change(e.before, e.after)}".rstrip() for e in record.emotions
    )
    return [
        str(record.id),
        record.occurred_at.strftime("%a %d %b %H:%M"),
        shorten(record.situation, 50),
        shorten(feelings, 30),
        shorten(hot.text, 50) if hot else "",
        "" if record.complete else "incomplete",
    ]


def show_records(records: list[Record]) -> None:
    _table(
        ["id", "when", "situation", "feelings", "hot thought", ""],
        [_record_row(r) for r in records],
        wide=4,
    )


def show_hits(hits: list[SearchHit]) -> None:
    from thoughtlog.storage import HIGHLIGHT_END, HIGHLIGHT_START

    terminal = is_terminal()
    out = console() if terminal else None
    for hit in hits:
        record = hit.record
        heading = f"{record.id}  {record.occurred_at.strftime('%a %d %b %Y %H:%M')}  {shorten(record.situation, 60)}"
        snippet = " ".join(hit.snippet.split())
        if out is not None:
            from rich.markup import escape

            marked = escape(snippet).replace(HIGHLIGHT_START, "[bold yellow]").replace(HIGHLIGHT_END, "[/]")
            out.print(f"[bold]{escape(heading)}[/]\n  {marked}")
        else:
            print_lines([heading, "  " + snippet.replace(HIGHLIGHT_START, "[").replace(HIGHLIGHT_END, "]")])


def show_distortions(catalogue: Iterable[Distortion]) -> None:
    if is_terminal():
        from rich.table import Table

        table = Table("slug", "name", "what it is", "for example", header_style="bold")
        for d in catalogue:
            table.add_row(d.slug, d.name, d.meaning, f"“{d.example}”")
        console().print(table)
        return
    for d in catalogue:
        print_lines([f"{d.slug}  ({d.name})", f"  {d.meaning}", f"  For example: “{d.example}”", ""])


# --- experiments --------------------------------------------------------------------------------


def experiment_state(experiment: Experiment, now: datetime) -> str:
    if experiment.done:
        return f"done, came true: {experiment.came_true}"
    return "due" if experiment.is_due(now) else "planned"


def show_experiments(experiments: list[Experiment], now: datetime) -> None:
    rows = [
        [
            str(e.id),
            e.planned_for.strftime("%a %d %b %H:%M") if e.planned_for else "",
            shorten(e.plan, 45),
            "" if e.expected_distress is None else str(e.expected_distress),
            experiment_state(e, now),
            shorten(e.belief, 45),
        ]
        for e in experiments
    ]
    _table(["id", "when", "small step", "expected distress", "status", "belief tested"], rows, wide=5)


def show_experiment(experiment: Experiment, now: datetime) -> None:
    e = experiment
    when = e.planned_for.strftime("%a %d %b %Y, %H:%M") if e.planned_for else "not set"
    title = f"Experiment {e.id} · {experiment_state(e, now)}"
    prediction = [
        ("Belief tested", e.belief),
        ("Confidence in it", _number(e.confidence_before)),
        ("Small step", e.plan),
        ("When", when),
        ("Expected distress", _number(e.expected_distress)),
        ("From record", str(e.record_id) if e.record_id else "–"),
    ]
    outcome = [
        ("What happened", e.outcome or "–"),
        ("Feared outcome came true", e.came_true or "–"),
        ("Actual distress", _number(e.actual_distress)),
        ("What I learned", e.learned or "–"),
        ("Confidence now", _number(e.confidence_after)),
    ]
    if is_terminal():
        from rich.table import Table

        table = Table("Prediction", "", "Outcome", "", title=title, title_justify="left", header_style="bold")
        for (l1, v1), (l2, v2) in zip(prediction, [*outcome, ("", "")]):
            table.add_row(l1, v1, l2, v2)
        console().print(table)
        return
    lines = [title, "", "Prediction"]
    lines += [f"  {label}: {value}" for label, value in prediction]
    lines += ["", "Outcome" if e.done else "Outcome (not yet)"]
    lines += [f"  {label}: {value}" for label, value in outcome]
    print_lines(lines)


def _number(value: int | None) -> str:
    return "–" if value is None else str(value)
