"""Commands for the weekly report and the sample-journal demo; the terminal layout lives here."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from thoughtlog.commands import journal

if TYPE_CHECKING:
    from rich.console import RenderableType


class ReportFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"
    html = "html"


Week = Annotated[
    str | None,
    typer.Option(
        "--week",
        metavar="WEEK",
        help="Which week: 'last', an ISO week such as 2026-W47, or a day such as 2026-11-18"
        " (default: this week).",
    ),
]
Since = Annotated[
    str | None,
    typer.Option(
        "--since", metavar="WHEN", help="Start of a span of your choosing, e.g. '2026-11-01'."
    ),
]
Until = Annotated[
    str | None,
    typer.Option(
        "--until", metavar="WHEN", help="End of the span, that day included (default: today)."
    ),
]
Format = Annotated[
    ReportFormat,
    typer.Option(
        "--format", "-f", help="terminal, markdown, json (for scripts) or html (to print)."
    ),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to FILE (readable by you alone).",
        dir_okay=False,
    ),
]


def report(
    ctx: typer.Context,
    week: Week = None,
    since: Since = None,
    until: Until = None,
    format: Format = ReportFormat.terminal,
    output: Output = None,
) -> None:
    """The weekly pattern report: recurring thoughts, distortions, triggers, and how reframing
    and experiments went, compared with the week before.

    Example: thoughtlog report --week last --format html --output last-week.html
    """
    from thoughtlog.output import progress
    from thoughtlog.report import build_report, choose_span
    from thoughtlog.storage import RecordFilter

    span = choose_span(week=week, since=since, until=until)
    opened = journal(ctx)
    read = RecordFilter(since=span.previous().start, until=span.end)  # and the span before it
    # A long span takes a while: a bar shows the work goes on, and is gone before the report prints.
    with progress(lambda: opened.count_records(read), "Building the report", pulse=True):
        data = build_report(opened, span)
    show_report(data, format, output)


def demo(
    week: Week = None,
    format: Format = ReportFormat.terminal,
    output: Output = None,
) -> None:
    """Show the report for a made-up six-week journal, without touching yours.

    Example: thoughtlog demo --format html --output sample.html
    """
    import tempfile

    from thoughtlog import dates, sample
    from thoughtlog.output import say
    from thoughtlog.report import build_report, choose_span
    from thoughtlog.storage import open_journal

    now = dates.now_local()
    span = choose_span(week=week, now=now)
    say(
        "This is sample data: six made-up weeks, kept in a temporary folder. Your journal is not opened."
    )
    with tempfile.TemporaryDirectory(prefix="thoughtlog-demo-") as folder:
        with open_journal(Path(folder) / "sample.db") as sample_journal:
            sample.build(sample_journal, now=now)
            data = build_report(sample_journal, span, now=now)
    show_report(data, format, output)


def show_report(data: dict[str, Any], format: ReportFormat, output: Path | None) -> None:
    """Print the report in the chosen format, or write it to a private file."""
    from thoughtlog import report_formats
    from thoughtlog.output import is_terminal, say

    if output is not None and str(output) == "-":  # the person asked for standard output
        output = None
    if format is ReportFormat.terminal and output is None and is_terminal():
        _print_rich(data)
        return
    render = {
        # Piped or written to a file, the terminal layout becomes plain text: the markdown one.
        ReportFormat.terminal: report_formats.to_markdown,
        ReportFormat.markdown: report_formats.to_markdown,
        ReportFormat.json: report_formats.to_json,
        ReportFormat.html: report_formats.to_html,
    }[format]
    text = render(data)
    text = text if text.endswith("\n") else text + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    from thoughtlog.exchange import private_file

    with private_file(output) as file:
        file.write(text)
    say(f"Report written to {output}.")


# --- terminal -------------------------------------------------------------------------------------


def _print_rich(data: dict[str, Any]) -> None:
    """The report on a terminal: a summary panel, tables and small bar charts."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from thoughtlog import report_formats as formats
    from thoughtlog.output import console
    from thoughtlog.report import number

    this, before = formats.column_names(data)
    out = console()
    out.print(Text(formats.heading(data), style="bold"))
    out.print(Text(formats.dates_line(data), style="dim"))
    out.print(
        Panel(
            Group(*(Text(sentence) for sentence in data["summary"])),
            title="Summary",
            title_align="left",
            border_style="blue",
        )
    )
    if formats.is_empty(data):
        return

    def table(title: str, *columns: str) -> Table:
        grid = Table(title=title, title_justify="left", title_style="bold", header_style="dim")
        for position, column in enumerate(columns):
            grid.add_column(column, justify="right" if 0 < position < len(columns) - 1 else "left")
        return grid

    def bars(
        *pairs: tuple[float | int | None, str], largest: float | int, width: int = 16
    ) -> RenderableType:
        return Text("\n").join(
            Text(formats.bar(value, largest, width) or "·", style=style) for value, style in pairs
        )

    counts = data["records"]
    line = formats.records_line(counts)
    if counts["incomplete_ids"]:
        line += (
            " Waiting for a balanced thought: "
            + ", ".join(f"#{i}" for i in counts["incomplete_ids"])
            + "."
        )
    out.print(Text(line))

    if data["recurring_thoughts"]:
        largest = max(max(r["count"], r["previous_count"]) for r in data["recurring_thoughts"])
        grid = table("Recurring thoughts", "Thought", this, before, "")
        for row in data["recurring_thoughts"]:
            grid.add_row(
                row["text"],
                str(row["count"]),
                str(row["previous_count"]),
                bars(
                    (row["count"], "blue"),
                    (row["previous_count"], "grey50"),
                    largest=largest,
                    width=10,
                ),
            )
        out.print(grid)
    if data["distortions"]:
        largest = max(max(r["count"], r["previous_count"]) for r in data["distortions"])
        grid = table("Distortions", "Distortion", this, before, "")
        for row in data["distortions"]:
            grid.add_row(
                row["name"],
                str(row["count"]),
                str(row["previous_count"]),
                bars((row["count"], "blue"), (row["previous_count"], "grey50"), largest=largest),
            )
        out.print(grid)
    if data["emotions"]:
        grid = table(
            "Emotions (0-100, before and after reframing)",
            "Emotion",
            "Times",
            "Before",
            "After",
            "",
        )
        for row in data["emotions"]:
            grid.add_row(
                row["name"],
                str(row["count"]),
                number(row["avg_before"]),
                number(row["avg_after"]),
                bars((row["avg_before"], "blue"), (row["avg_after"], "green"), largest=100),
            )
        out.print(grid)
    if data["tags"]:
        largest = max(r["count"] for r in data["tags"])
        grid = table("Triggers", "Tag", "Records", "Avg intensity", "")
        for row in data["tags"]:
            grid.add_row(
                row["tag"],
                str(row["count"]),
                number(row["avg_intensity"]),
                bars((row["count"], "blue"), largest=largest),
            )
        out.print(grid)
    belief = data["belief"]
    if belief["avg_before"] is not None:
        grid = table("Belief in the hot thought (0-100)", "", "Average", "")
        grid.add_row(
            "before reframing",
            number(belief["avg_before"]),
            bars((belief["avg_before"], "blue"), largest=100),
        )
        grid.add_row(
            "after", number(belief["avg_after"]), bars((belief["avg_after"], "green"), largest=100)
        )
        out.print(grid)
    experiments = data["experiments"]
    if experiments["planned"] or experiments["done"]:
        grid = table(
            f"Experiments: {experiments['planned']} planned, {experiments['done']} done", "", "", ""
        )
        came_true = experiments["came_true"]
        largest = max(came_true.values()) or 1
        for answer, style in (("yes", "red"), ("partly", "yellow"), ("no", "green")):
            grid.add_row(
                f"feared outcome came true: {answer}",
                str(came_true[answer]),
                bars((came_true[answer], style), largest=largest, width=10),
            )
        if experiments["avg_expected_distress"] is not None:
            grid.add_row(
                "distress expected",
                number(experiments["avg_expected_distress"]),
                bars((experiments["avg_expected_distress"], "blue"), largest=100),
            )
            grid.add_row(
                "distress felt",
                number(experiments["avg_actual_distress"]),
                bars((experiments["avg_actual_distress"], "green"), largest=100),
            )
        out.print(grid)
    out.print(_when_grid(data["when"]))


def _when_grid(when: dict[str, Any]) -> RenderableType:
    """Weekday by time of day, each cell a shade block sized by how many records fell there."""
    from rich.table import Table

    shades = " ░▒▓█"
    largest = max((n for row in when["counts"] for n in row), default=0) or 1
    grid = Table(
        title="When", title_justify="left", title_style="bold", header_style="dim", box=None
    )
    grid.add_column("")
    for name in when["times_of_day"]:
        grid.add_column(name, justify="center")
    for day, counts in zip(when["weekdays"], when["counts"]):
        cells = [f"{shades[max(1, round(4 * n / largest))] * 3} {n}" if n else "·" for n in counts]
        grid.add_row(day, *cells, style=None)
    return grid
