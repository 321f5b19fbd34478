"""Builds the thoughtlog command-line app: global options, error handling, and the command modules."""

# No `from __future__ import annotations` here: Typer reads main_options' annotations several
# times a run, and real objects cost it nothing to read where strings are evaluated each time.
import copy
import difflib
import importlib
import inspect
import os
import re
from pathlib import Path
from typing import Annotated

import typer

# Typer exports no usage-error classes of its own (only BadParameter), so they come from its copy
# of Click: private, hence the Typer range in pyproject.toml that bench/typer_bounds.py tests.
from typer._click.exceptions import MissingParameter, NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from thoughtlog import __version__
from thoughtlog.commands import Session
from thoughtlog.errors import ThoughtlogError

# Every command, in the order --help lists them: the module in thoughtlog.commands that holds it, and
# the function (or sub-app) there. A module is imported, and its commands built, only when one of
# them runs, so `thoughtlog add` pays for `add` alone.
COMMANDS: dict[str, tuple[str, str]] = {
    "add": ("records", "add"),
    "list": ("records", "list_records"),
    "show": ("records", "show"),
    "edit": ("records", "edit"),
    "delete": ("records", "delete"),
    "restore": ("records", "restore"),
    "search": ("records", "search"),
    "distortions": ("records", "distortions"),
    "path": ("records", "path"),
    "drafts": ("records", "drafts_app"),
    "experiment": ("experiments", "experiment_app"),
    "belief": ("beliefs", "belief_app"),
    "script": ("scripts", "script_app"),
    "checkin": ("checkin", "checkin_app"),
    "plan": ("plan", "plan"),
    "help-now": ("plan", "help_now"),
    "calm": ("calm", "calm"),
    "due": ("due", "due"),
    "check": ("care", "check"),
    "backup": ("care", "backup"),
    "export": ("transfer", "export"),
    "import": ("transfer", "import_records"),
    "report": ("report", "report"),
    "progress": ("progress", "progress"),
    "session": ("session", "session"),
    "agenda": ("agenda", "agenda_app"),
    "demo": ("demo", "demo"),
    "status": ("privacy", "status"),
    "encrypt": ("privacy", "encrypt"),
    "decrypt": ("privacy", "decrypt"),
    "passphrase": ("privacy", "passphrase"),
    "lock": ("privacy", "lock"),
}


class _CommandsOnDemand(TyperGroup):
    """A group that builds each of its commands only when it is asked for: a command's module is
    imported, and its signature read, when that command runs (or --help lists it)."""

    def command_names(self) -> list[str]:
        raise NotImplementedError

    def build_command(self, name: str):  # type: ignore[no-untyped-def]
        raise NotImplementedError

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return self.command_names()

    def get_command(self, ctx: typer.Context, cmd_name: str):  # type: ignore[override]
        if cmd_name not in self.commands and cmd_name in self.command_names():
            command = self.build_command(cmd_name)
            command.name = cmd_name
            self.commands[cmd_name] = command
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: typer.Context, args: list[str]):  # type: ignore[override]
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            # Typer suggests from the commands built so far, which here is none of them.
            close = difflib.get_close_matches(args[0], self.command_names()) if args else []
            if close and "Did you mean" not in error.message:
                suggestions = ", ".join(f"'{name}'" for name in close)
                error.message = f"{error.message.rstrip('.')}. Did you mean {suggestions}?"
            raise


class ThoughtlogGroup(_CommandsOnDemand):
    """The top-level group: builds each command of COMMANDS on first use, turns the core's errors
    into one calm line on stderr, and hides unexpected tracebacks.

    A traceback could print journal text, so it is shown only with --debug.
    """

    def command_names(self) -> list[str]:
        return list(COMMANDS)

    def build_command(self, name: str):  # type: ignore[no-untyped-def]
        module, attribute = COMMANDS[name]
        target = getattr(importlib.import_module(f"thoughtlog.commands.{module}"), attribute)
        if isinstance(target, typer.Typer):
            return _group_on_demand(target)
        single = typer.Typer(rich_markup_mode=None, add_completion=False)
        single.command(name)(target)
        return _command(single)

    def make_context(self, info_name, args, parent=None, **extra):  # type: ignore[no-untyped-def]
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as error:  # an unknown option or command before any command runs
            _usage_error(error)

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ThoughtlogError as error:
            from thoughtlog.commands import error_text

            _say_error(error_text(error))
            raise typer.Exit(error.exit_code) from None
        except UsageError as error:  # a command's own options and arguments
            _usage_error(error)
        except (typer.Abort, KeyboardInterrupt, EOFError):
            # Ctrl-C, or the end of input at a question: one calm line rather than Typer's
            # "Aborted!". Every write is one transaction, so an interrupted one left no trace.
            typer.echo("\nStopped; nothing was changed.", err=True)
            raise typer.Exit(1) from None
        except (typer.Exit, typer.TyperException, BrokenPipeError):
            raise  # Typer handles these itself (a closed pipe, as in '| head', ends quietly)
        except Exception as error:
            if _debugging(ctx):
                raise
            _say_error(
                f"thoughtlog ran into an unexpected problem ({type(error).__name__})."
                " Your journal was not changed by it. Run the command again with --debug to see details."
            )
            raise typer.Exit(1) from None


class _SubcommandsOnDemand(_CommandsOnDemand):
    """A sub-app's group ('experiment'), with the sub-app's own help and settings, that builds
    only the subcommand that runs rather than all of them."""

    sub_app: typer.Typer

    def _registered(self) -> dict[str, typer.models.CommandInfo]:
        return {
            info.name or info.callback.__name__.lower().replace("_", "-"): info
            for info in self.sub_app.registered_commands
        }

    def command_names(self) -> list[str]:
        return list(self._registered())

    def build_command(self, name: str):  # type: ignore[no-untyped-def]
        single = typer.Typer(rich_markup_mode=self.sub_app.rich_markup_mode, add_completion=False)
        single.registered_commands.append(self._registered()[name])
        return _command(single)


def _group_on_demand(sub_app: typer.Typer) -> TyperGroup:
    """The sub-app's group, its help, options and settings as Typer builds them, with no command
    built yet."""
    shell = copy.copy(sub_app)
    shell.registered_commands = []
    shell.info = copy.copy(sub_app.info)
    shell.info.cls = _SubcommandsOnDemand
    group = typer.main.get_group(shell)
    group.sub_app = sub_app
    return group


def _command(single: typer.Typer):
    """The command of a one-command Typer app, its postponed annotations resolved first.

    The command modules use `from __future__ import annotations`, so each parameter's annotation
    is a string, and Typer evaluates them all again each of the several times it reads the
    function's signature. Resolved once here, they cost one evaluation each.
    """
    (info,) = single.registered_commands
    info.callback.__annotations__ = inspect.get_annotations(info.callback, eval_str=True)
    return typer.main.get_command(single)


def _usage_error(error: UsageError):  # type: ignore[no-untyped-def]
    """A usage mistake gets one calm line, like any bad value, and a pointer to --help; exit code 2.

    Typer would print the usage line and its own wording ("Input should be a valid integer, unable
    to parse string as an integer"); the help it points to holds the usage.
    """
    if isinstance(error, NoArgsIsHelpError):
        raise error  # 'thoughtlog experiment' alone: Typer shows the help
    _say_error(_usage_message(error))
    ctx = error.ctx
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        option = "--help" if "--help" in ctx.help_option_names else ctx.help_option_names[0]
        typer.echo(f"Try '{ctx.command_path} {option}' for help.", err=True)
    raise typer.Exit(error.exit_code) from None


def _usage_message(error: UsageError) -> str:
    """Typer's complaint about a parameter said plainly: what it takes, and what it was given."""
    param = getattr(error, "param", None)
    if param is None:
        return error.format_message()  # "No such option: --bogus", "No such command 'nosuch'."
    if param.param_type_name == "argument":
        name = f"The {param.name.replace('_', ' ')}"
    else:
        name = next((opt for opt in param.opts if opt.startswith("--")), param.opts[0])
    if isinstance(error, MissingParameter):
        return f"{name} is missing."
    # Typer's parameter types (its own copy of Click's) name the value they refused at the start
    # of their complaint: "'abc' is not a valid int.", "-3 is not in the range x>=0.",
    # "'xx' is not one of 'terminal', 'json'." Anything else is passed on as Typer words it.
    refused = re.match(_REFUSED, error.message)
    given = _unquoted(refused.group(1)) if refused else ""
    expected = _expected(param, given) if refused else None
    if expected is None:
        return f"{name}: {error.message}"
    return f"{name} can't be '{given}': use {expected}."


_REFUSED = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\S+) is not (?:a valid|in the range|one of) """


def _unquoted(given: str) -> str:
    """The value as typed, from the repr() Typer quoted it in; escapes stay written out."""
    if len(given) > 1 and given[0] == given[-1] and given[0] in "'\"":
        return given[1:-1]
    return given


def _expected(param, given: str) -> str | None:  # type: ignore[no-untyped-def]
    """What the parameter takes, in words, judged from its type and the value it refused."""
    kind = param.type
    choices = [str(getattr(choice, "value", choice)) for choice in getattr(kind, "choices", ())]
    if choices:
        return ", ".join(choices[:-1]) + " or " + choices[-1] if len(choices) > 1 else choices[0]
    name = getattr(kind, "name", "")
    if name not in ("int", "int range", "float", "float range"):
        return None
    number = "a whole number" if name.startswith("int") else "a number"
    try:
        value = float(given)
    except ValueError:
        return number
    low, high = getattr(kind, "min", None), getattr(kind, "max", None)
    if low is not None and value <= low and (value < low or kind.min_open):
        return f"more than {low}" if kind.min_open else f"{low} or more"
    if high is not None and value >= high and (value > high or kind.max_open):
        return f"less than {high}" if kind.max_open else f"{high} or less"
    return number  # '55.5' where a whole number is wanted


def _say_error(text: str) -> None:
    """The one line of an error, on stderr. It may quote what the person typed: its control
    characters are shown, never sent; on a terminal it breaks between words, not inside one."""
    from thoughtlog.output import for_stderr, visible

    typer.echo(for_stderr(f"Error: {visible(text)}"), err=True)


def _debugging(ctx: typer.Context) -> bool:
    session = ctx.obj
    return bool(getattr(session, "debug", False) or os.environ.get("THOUGHTLOG_DEBUG"))


app = typer.Typer(
    cls=ThoughtlogGroup,
    name="thoughtlog",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and usage errors: quick to show, calm, no escape codes in a pipe
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # not while the shell is completing a command line
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
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Keep CBT thought records, plan small steps, and see your patterns week by week.

    Everything stays in one private SQLite file on this machine.

    Example: thoughtlog add      (then: thoughtlog list, thoughtlog report)
    """
    session = Session(db, debug=debug)
    ctx.obj = session
    ctx.call_on_close(session.close)


def main() -> None:
    app(prog_name="thoughtlog")
