"""Builds the thoughtlog command-line app: global options, error handling, and the command modules."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from thoughtlog import __version__
from thoughtlog.commands import Session, care, experiments, records
from thoughtlog.commands import transfer
from thoughtlog.commands import report
from thoughtlog.errors import ThoughtlogError


class ThoughtlogGroup(TyperGroup):
    """Turns the core's errors into one calm line on stderr, and hides unexpected tracebacks.

    A traceback could print journal text, so it is shown only with --debug.
    """

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ThoughtlogError as error:
            typer.echo(f"Error: {error}", err=True)
            raise typer.Exit(error.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt, EOFError, BrokenPipeError):
            raise  # Typer handles these itself (a closed pipe, as in '| head', ends quietly)
        except Exception as error:
            if _debugging(ctx):
                raise
            typer.echo(
                f"Error: thoughtlog ran into an unexpected problem ({type(error).__name__})."
                " Your journal was not changed by it. Run the command again with --debug to see details.",
                err=True,
            )
            raise typer.Exit(1) from None


def _debugging(ctx: typer.Context) -> bool:
    session = ctx.obj
    return bool(getattr(session, "debug", False) or os.environ.get("THOUGHTLOG_DEBUG"))


app = typer.Typer(
    cls=ThoughtlogGroup,
    name="thoughtlog",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"thoughtlog {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="THOUGHTLOG_DB",
            help="The journal file to use (default: thoughtlog/journal.db in your data directory).",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full details of an unexpected error.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Keep CBT thought records, plan small steps, and see your patterns week by week.

    Everything stays in one private SQLite file on this machine.

    Example: thoughtlog add      (then: thoughtlog list, thoughtlog report)
    """
    session = Session(db, debug=debug)
    ctx.obj = session
    ctx.call_on_close(session.close)


records.register(app)
experiments.register(app)
care.register(app)
transfer.register(app)
report.register(app)


def main() -> None:
    app(prog_name="thoughtlog")
