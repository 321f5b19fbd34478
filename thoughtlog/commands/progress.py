"""The progress report: read the options, build the report once, hand it to a renderer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from thoughtlog.commands import journal
from thoughtlog.commands.report import Format, Output, ReportFormat

Since = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="WHEN",
        help="From the week holding this day, e.g. '2026-06-01' (default: six months ago).",
    ),
]
Until = Annotated[
    str | None,
    typer.Option(
        "--until", metavar="WHEN", help="To the week holding this day (default: this week)."
    ),
]


def progress(
    ctx: typer.Context,
    since: Since = None,
    until: Until = None,
    format: Format = ReportFormat.terminal,
    output: Output = None,
) -> None:
    """How things changed over months, week by week: records, steps and the feared reaction,
    distress expected and felt, beliefs, recurring thoughts and thinking traps.

    Example: thoughtlog progress --since 2026-06-01 --format html --output progress.html
    """
    from thoughtlog.output import progress as working
    from thoughtlog.progress import build_progress, progress_span
    from thoughtlog.storage import RecordFilter

    span = progress_span(since=since, until=until)
    opened = journal(ctx)
    read = RecordFilter(since=span.start, until=span.end)
    # Years take a moment: a bar shows the work goes on, and is gone before the report prints.
    with working(lambda: opened.count_records(read), "Building the progress report", pulse=True):
        data = build_progress(opened, span)
    show_progress(data, format, output)


def show_progress(data: dict[str, Any], format: ReportFormat, output: Path | None) -> None:
    """Print the progress report in the chosen format, or write it to a private file."""
    from thoughtlog import report_formats
    from thoughtlog.output import console, is_terminal, json_text, say
    from thoughtlog.progress_sections import progress_layout

    if output is not None and str(output) == "-":  # the person asked for standard output
        output = None
    if format is ReportFormat.json:
        text = json_text(data)
    else:
        page = progress_layout(data)
        if format is ReportFormat.terminal and output is None and is_terminal():
            report_formats.draw_page(page, console())
            return
        # Piped or written to a file, the terminal layout becomes plain text: the markdown one.
        draw = (
            report_formats.html_page
            if format is ReportFormat.html
            else report_formats.markdown_page
        )
        text = draw(page)
    if output is None:
        sys.stdout.write(text)
        return
    from thoughtlog.exchange import private_file

    with private_file(output) as file:
        file.write(text)
    say(f"Progress report written to {output}.")
