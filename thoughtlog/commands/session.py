"""The session page: read the options, build the page once, hand it to a renderer, and keep
the fact that it was written (so the next page starts where this one ends)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from thoughtlog.commands import journal
from thoughtlog.commands.completion import complete_tag


class SessionFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    json = "json"


class RedactMode(str, Enum):
    situations = "situations"
    names = "names"


def session(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="WHEN",
            help="Start of the page, e.g. '2026-11-17' (default: where the last page ended,"
            " or 14 days ago).",
        ),
    ] = None,
    format: Annotated[
        SessionFormat,
        typer.Option("--format", "-f", help="markdown, html (to print) or json (for scripts)."),
    ] = SessionFormat.markdown,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the page to FILE (readable by you alone).",
            dir_okay=False,
        ),
    ] = None,
    exclude_tag: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude-tag",
            metavar="TAG",
            help="Leave out the records with this tag, and the steps linked to them (repeat).",
            autocompletion=complete_tag,
        ),
    ] = None,
    redact: Annotated[
        list[RedactMode] | None,
        typer.Option(
            "--redact",
            help="situations: each situation and step's plan becomes a placeholder; names: the"
            " person each step was with becomes 'person A', 'person B' (repeat for both).",
        ),
    ] = None,
    preview: Annotated[
        bool,
        typer.Option(
            "--preview",
            help="Show the page; write and keep nothing. Piped, or with --format given, it is"
            " exactly what would be written; on a terminal it is drawn for reading.",
        ),
    ] = False,
) -> None:
    """One page to bring to therapy: how I've been, what I learned, steps taken and coming up,
    my beliefs, the thinking traps I saw most, and my agenda.

    A page written in markdown or html counts as a session page, so the next one starts where
    it ends; --preview and --format json don't. On a terminal, without --format or --output, the
    page is drawn as the report is; piped, or with --format, it is exactly the text written.

    Example: thoughtlog session --format html --output session.html --exclude-tag private
    """
    from thoughtlog import dates
    from thoughtlog.exchange.files import is_stdout
    from thoughtlog.model import tag_names
    from thoughtlog.output import is_terminal, say
    from thoughtlog.session import Privacy, build_session, session_layout, session_span
    from thoughtlog.storage import agenda as stored

    privacy = Privacy(
        leaving_out=tuple(tag_names(exclude_tag or [])),
        redact=frozenset(mode.value for mode in redact or []),
    )
    now = dates.now_local()
    if since is not None:  # checked before the journal is opened, so a bad value changes nothing
        span = session_span(since, None, now=now)
    opened = journal(ctx)
    if since is None:
        last = stored.last_session(opened)
        span = session_span(None, last.until if last else None, now=now)
    data, left_out = build_session(opened, span, privacy, now=now)
    # A preview on a terminal is there to be read, so it is drawn as the report is, unless the
    # person named a format: then, as when piped, it is the very text that would be written.
    # So is the page shown on a terminal rather than written to a file.
    named = ctx.get_parameter_source("format")  # Typer's own copy of click's ParameterSource
    to_screen = preview or output is None or is_stdout(output)
    for_reading = to_screen and (named is None or named.name == "DEFAULT") and is_terminal()
    counts = not preview and format is not SessionFormat.json
    if counts:  # checked before anything is shown: the page and its record go together
        opened.check_writable()
    if for_reading:
        from thoughtlog.output import console
        from thoughtlog.report_formats import draw_page

        draw_page(session_layout(data), console())
        say(
            "Drawn for reading; written, the page would be markdown (--format markdown shows it,"
            " --output FILE writes it)."
        )
    else:
        text = _page_text(data, format)
        if preview or output is None or is_stdout(output):
            sys.stdout.write(text)
        else:
            from thoughtlog.exchange import private_file

            with private_file(output) as file:
                file.write(text)
            say(f"Session page written to {output}.")
    if privacy.leaving_out:
        from thoughtlog.wording import plural

        say(
            f"Left out: {plural(left_out, 'record')} with the tags you named, and any steps"
            " linked to them."
            if left_out
            else "No record of these days carries the tags you named, so none was left out."
        )
    if preview:
        say("Preview only: nothing was written, and it doesn't count as a session page.")
    elif counts:
        from thoughtlog.agenda import SessionWritten
        from thoughtlog.storage import utc_now

        stored.record_session(
            opened,
            SessionWritten(
                written_at=utc_now(),
                since=data["period"]["since"],
                until=data["period"]["until"],
            ),
        )
        say("The next session page starts from here (--preview looks without counting).")


def _page_text(data: dict[str, Any], format: SessionFormat) -> str:
    """The page as it is written: markdown, html or JSON."""
    from thoughtlog.output import json_text

    if format is SessionFormat.json:
        return json_text(data)
    from thoughtlog import report_formats
    from thoughtlog.session import session_layout

    draw = (
        report_formats.html_page if format is SessionFormat.html else report_formats.markdown_page
    )
    return draw(session_layout(data))
