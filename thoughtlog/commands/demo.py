"""`thoughtlog demo`: the reports drawn from a made-up journal, built in a temporary folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from thoughtlog.commands.report import Format, Output, ReportFormat, Week

# Fewer records than this in the week so far, and the demo points to last week's whole one.
_THIN_WEEK = 2


def demo(
    week: Week = None,
    show_progress: Annotated[
        bool,
        typer.Option(
            "--progress",
            help="Show the progress report over the sample's six months instead of one week.",
        ),
    ] = False,
    format: Format = ReportFormat.terminal,
    output: Output = None,
) -> None:
    """Show the weekly report of a made-up six-month journal, without touching yours: someone
    learning, step by step, that speaking up at work is safer than they feared.

    Example: thoughtlog demo --progress --format html --output sample.html
    """
    import tempfile

    from thoughtlog import dates, sample
    from thoughtlog.errors import InvalidValue
    from thoughtlog.output import say
    from thoughtlog.storage import open_journal

    if show_progress and week is not None:
        raise InvalidValue(
            "--week chooses a week of the weekly report; --progress shows all six months."
            " Give one or the other."
        )
    now = dates.now_local()
    if not show_progress:
        from thoughtlog.report import choose_span

        span = choose_span(week=week, now=now)  # a week that doesn't read fails before the build
    say(
        "This is sample data: six made-up months, kept in a temporary folder."
        " Your journal is not opened."
    )
    with tempfile.TemporaryDirectory(prefix="thoughtlog-demo-") as folder:
        with open_journal(Path(folder) / "sample.db") as sample_journal:
            sample.build(sample_journal, now=now)
            if show_progress:
                from thoughtlog.progress import build_progress, progress_span

                data = build_progress(sample_journal, progress_span(now=now))
            else:
                from thoughtlog.report import build_report

                data = build_report(sample_journal, span, now=now)
    if show_progress:
        from thoughtlog.commands.progress import show_progress as show

        show(data, format, output)
        return
    from thoughtlog.commands.report import show_report

    show_report(data, format, output)
    if week is None and data["records"]["count"] < _THIN_WEEK:
        say(
            "The sample's week has only just begun: 'thoughtlog demo --week last' shows a whole"
            " one, and 'thoughtlog demo --progress' the six months."
        )
