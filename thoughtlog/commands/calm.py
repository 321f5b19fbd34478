"""thoughtlog calm: a short grounding or breathing exercise, offered too by the guided add."""

from __future__ import annotations

import sys
import time
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from thoughtlog.commands import journal

if TYPE_CHECKING:
    from thoughtlog.calm import CalmSession

# The pause between breaths; tests put a stand-in here so that they never wait.
sleep = time.sleep


class Exercise(str, Enum):
    breathing = "breathing"
    grounding = "grounding"


def calm(
    ctx: typer.Context,
    exercise: Annotated[
        Exercise,
        typer.Option("--exercise", "-x", help="breathing (paced) or grounding (5-4-3-2-1)."),
    ] = Exercise.breathing,
    rounds: Annotated[
        int, typer.Option("--rounds", metavar="N", help="Breaths of paced breathing, 1-10.")
    ] = 3,
    steps: Annotated[
        int, typer.Option("--steps", metavar="N", help="Steps of 5-4-3-2-1 to take, 1-5.")
    ] = 5,
    before: Annotated[
        str | None,
        typer.Option("--before", metavar="N", help="How stirred up you feel now, 0-100."),
    ] = None,
    after: Annotated[
        str | None,
        typer.Option("--after", metavar="N", help="How stirred up you feel afterwards, 0-100."),
    ] = None,
    guided: Annotated[
        bool, typer.Option("--guided", help="Ask how you feel, even when not in a terminal.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the session as JSON.")] = False,
) -> None:
    """A short calming exercise: paced breathing or 5-4-3-2-1 grounding, about a minute.

    How stirred up you feel before and after (0-100) is kept, if you give it.

    Example: thoughtlog calm --exercise grounding
    """
    from thoughtlog import dates, output
    from thoughtlog.calm import CalmSession, breathing, grounding_steps
    from thoughtlog.model import rating

    # Every value is checked before the exercise starts, not after it ends.
    if exercise is Exercise.breathing:
        list(breathing(rounds))
    else:
        grounding_steps(steps)
    given_before = rating(before, "--before") if before is not None else None
    given_after = rating(after, "--after") if after is not None else None
    asking = guided or sys.stdin.isatty()
    journal(ctx).check_writable()
    if given_before is None and asking:
        given_before = _stirred("How stirred up do you feel right now, 0-100?")
    run(exercise.value, rounds=rounds, steps=steps, waiting=asking)
    if given_after is None and asking:
        given_after = _stirred("And now, 0-100?")
    session = CalmSession(exercise.value, dates.now_local(), given_before, given_after)
    journal(ctx).add_calm(session)
    if as_json:
        output.print_json(session.to_dict())
    else:
        output.say(_closing(session))


def _stirred(question: str) -> int | None:
    from thoughtlog.commands.guided import ask_rating

    return ask_rating(f"{question} (Enter to skip)")


def run(exercise: str, *, rounds: int = 3, steps: int = 5, waiting: bool = True) -> None:
    """The exercise itself, on stderr (stdout stays for data)."""
    from thoughtlog.calm import grounding_steps, pace
    from thoughtlog.commands.guided import prompt_line, tell

    if exercise == "breathing":
        tell("Let's breathe slowly together: in through the nose, and a longer breath out.")
        tell()

        def write(text: str) -> None:
            sys.stderr.write(text)
            sys.stderr.flush()

        pace(rounds, write=write, sleep=sleep)
    else:
        tell("Let's come back to the here and now, one sense at a time. Take your time.")
        for line in grounding_steps(steps):
            tell()
            if waiting:
                prompt_line(f"{line} Press Enter when you're ready. ")
            else:
                tell(line)
    tell()


def _closing(session: CalmSession) -> str:
    if session.change is not None and session.change < 0:
        return f"Thank you for taking a moment. From {session.before} to {session.after}."
    return "Thank you for taking a moment for yourself. It's kept in your journal."


def offer_during_add(ctx: typer.Context) -> None:
    """Once, gently, when a feeling in the guided add is rated 80 or more. Declining, or Ctrl-C
    during the exercise, goes straight back to the record with every answer kept."""
    from thoughtlog import dates
    from thoughtlog.calm import CalmSession
    from thoughtlog.commands.guided import confirm, tell

    try:
        tell()
        if not confirm(
            "That sounds like a lot to feel. Would you like a minute of slow breathing before"
            " going on? Your answers are kept either way.",
            default=False,
        ):
            return
        before = _stirred("How stirred up do you feel right now, 0-100?")
        run("breathing", rounds=3)
        after = _stirred("And now, 0-100?")
    except (typer.Abort, KeyboardInterrupt, EOFError):
        tell("\nBack to your record; nothing you wrote was lost.")
        return
    try:
        journal(ctx).add_calm(CalmSession("breathing", dates.now_local(), before, after))
    except Exception:  # keeping the exercise must never cost the record
        tell("(The exercise couldn't be kept in the journal; your record goes on.)")
    tell("Back to your record.")
