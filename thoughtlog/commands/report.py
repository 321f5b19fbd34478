"""The weekly report command: read options, build the report, hand it to a renderer."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from thoughtlog.commands import journal


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


def show_report(data: dict[str, Any], format: ReportFormat, output: Path | None) -> None:
    """Print the report in the chosen format, or write it to a private file."""
    from thoughtlog import report_formats
    from thoughtlog.output import console, is_terminal, say

    if output is not None and str(output) == "-":  # the person asked for standard output
        output = None
    if format is ReportFormat.terminal and output is None and is_terminal():
        report_formats.draw(data, console())
        return
    render = {
        # Piped or written to a file, the terminal layout becomes plain text: the markdown one.
        ReportFormat.terminal: report_formats.to_markdown,
        ReportFormat.markdown: report_formats.to_markdown,
        ReportFormat.json: report_formats.to_json,
        ReportFormat.html: report_formats.to_html,
    }[format]
    text = render(data)
    if output is None:
        sys.stdout.write(text)
        return
    from thoughtlog.exchange import private_file

    with private_file(output) as file:
        file.write(text)
    say(f"Report written to {output}.")
