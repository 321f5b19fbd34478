"""Commands that look after the journal file: check and backup."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from thoughtlog.commands import journal


def check(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the verdict as JSON.")] = False,
) -> None:
    """Check the journal's integrity and links, with a plain verdict (exit code 1 on a problem).

    Example: thoughtlog check
    """
    from thoughtlog import output

    opened = journal(ctx)
    problems = opened.problems()
    if as_json:
        output.print_json({"path": str(opened.path), "healthy": not problems, "problems": problems})
    elif not problems:
        output.print_lines([f"The journal at {opened.path} is healthy."])
    else:
        output.print_lines([f"The journal at {opened.path} has {len(problems)} problem(s):"])
        output.print_lines(f"  {problem}" for problem in problems)
    if problems:
        output.say(
            "Your data is still there. A backup ('thoughtlog backup FILE') is a good next step."
        )
        raise typer.Exit(1)


def backup(
    ctx: typer.Context,
    destination: Annotated[Path, typer.Argument(help="The new file to write the copy to.")],
) -> None:
    """Write a consistent, checked copy of the journal (safe while thoughtlog is in use).

    Example: thoughtlog backup ~/backups/thoughtlog-2026-11-23.db
    """
    from thoughtlog import output
    from thoughtlog.exchange.files import check_target

    target = destination.expanduser()
    check_target(target, advice="Give backup the name of a new file.")
    journal(ctx).backup(target)
    output.say(f"Backed up to {target}; the copy passed its check. Only you can read it.")
