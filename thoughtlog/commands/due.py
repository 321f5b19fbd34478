"""thoughtlog due, as the app sees it: its help, and the same answer when reached through the app."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from thoughtlog.commands import Session


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def due(
    ctx: typer.Context,
    hook: Annotated[
        Shell | None,
        typer.Option("--hook", help="Print a snippet for your shell's prompt (bash, zsh or fish)."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the counts and the line as JSON.")
    ] = False,
) -> None:
    """One line about what is due, or nothing: steps planned for today or before, recent records
    to come back to, unfinished entries, a check-in after 14 days.

    It never asks anything, never creates a journal, and is quick enough for a shell prompt.
    Nothing is installed: add the --hook snippet to your shell's start-up file yourself, and it
    says what is due once a day at most.

    Example: thoughtlog due --hook bash >> ~/.bashrc
    """
    from thoughtlog.launch import run_due

    run_due(str(ctx.find_object(Session).path), hook.value if hook else None, as_json)
