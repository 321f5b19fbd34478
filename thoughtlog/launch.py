"""The `thoughtlog` command's entry point: starts the app with as little start-up work as it can."""

import gc
import sys


def main() -> None:
    """Import the app with Python's cycle collector paused, then run the command as usual.

    `thoughtlog due`, which runs at shell prompts, is answered first, without the app: it imports
    no Typer, rich, sqlite-utils or dateutil at all.

    Importing Typer and the app makes tens of thousands of objects that live as long as the
    process, and the collector would walk them again and again while they are made, and once more
    at exit. Paused for the import and then frozen (set aside where it never looks), they cost
    nothing more; the collector is back on before the command itself runs, so a long import or
    report frees its cycles as usual. About 15 % of a short command's CPU time.
    """
    due = due_arguments(sys.argv[1:])
    if due is not None:
        run_due(*due)
        return
    gc.disable()
    try:
        from thoughtlog.cli import main as run_app
    finally:
        gc.freeze()
        gc.enable()
    run_app()


def due_arguments(args: list[str]) -> tuple[str | None, str | None, bool] | None:
    """(--db, --hook, --json) when the command line is `[--db FILE] due [--hook SHELL] [--json]`,
    else None: any other option, --help included, goes to the app, which explains it as for any
    command."""
    from thoughtlog.due import SHELLS

    db = None
    position = 0
    while position < len(args) and args[position] != "due":
        given = args[position]
        if given == "--db" and position + 1 < len(args):
            db, position = args[position + 1], position + 2
        elif given.startswith("--db="):
            db, position = given.removeprefix("--db="), position + 1
        else:
            return None
    if position == len(args):
        return None
    rest = args[position + 1 :]
    as_json = "--json" in rest
    rest = [given for given in rest if given != "--json"]
    if not rest:
        return db, None, as_json
    if len(rest) == 2 and rest[0] == "--hook" and rest[1] in SHELLS:
        return db, rest[1], as_json
    if len(rest) == 1 and rest[0].removeprefix("--hook=") in SHELLS:
        return db, rest[0].removeprefix("--hook="), as_json
    return None


def run_due(db: str | None, shell: str | None, as_json: bool = False) -> None:
    """Print what is due (one line, or nothing) or the shell snippet; never prompts, never fails."""
    from thoughtlog.due import due_json, due_line, hook

    if shell is not None:
        sys.stdout.write(hook(shell) or "")
        return
    from datetime import datetime

    from thoughtlog.paths import journal_file
    from thoughtlog.storage.due import what_is_due

    due = what_is_due(journal_file(db or None), datetime.now().astimezone())
    if as_json:
        sys.stdout.write(due_json(due) + "\n")
    elif line := due_line(due):
        sys.stdout.write(line + "\n")
