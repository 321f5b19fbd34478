"""The personal safety plan (thoughtlog plan, plan show) and help-now, which needs no journal."""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from thoughtlog.commands import Session, journal

if TYPE_CHECKING:
    from thoughtlog.safety import SafetyPlan


class PlanAction(str, Enum):
    show = "show"


# A gentle prompt for each part, asked in the guided plan.
_HINTS = {
    "warning_signs": "Thoughts, feelings, situations or behaviours that tell you a hard time may"
    " be starting.",
    "on_my_own": "Small things that have helped before: a walk, music, a shower, writing here.",
    "distractions": "People to be with, or places to go, that take your mind off things.",
    "ask_for_help": "People you could ask for help, with a way to reach them.",
    "professionals": "Your doctor or therapist, and a crisis line you could call, with numbers.",
    "safer_surroundings": "Ways to make where you are safer, or who could help you with that.",
    "reasons_for_living": "What matters to you, however small: people, pets, plans, hopes.",
}


def plan(
    ctx: typer.Context,
    action: Annotated[
        PlanAction | None,
        typer.Argument(help="show: print the plan. Without it, write or change the plan."),
    ] = None,
    editor: Annotated[
        bool, typer.Option("--editor", "-e", help="Write the plan in $VISUAL or $EDITOR.")
    ] = False,
    guided: Annotated[
        bool, typer.Option("--guided", help="Ask part by part, even when not in a terminal.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
) -> None:
    """Your safety plan for hard times: six parts and your reasons for living, in your words.

    It is kept in the journal, with a private copy beside it that 'thoughtlog help-now' reads
    even when the journal can't be opened.

    Example: thoughtlog plan      (then: thoughtlog plan show, thoughtlog help-now)
    """
    from thoughtlog import output, safety
    from thoughtlog.errors import InvalidValue

    if action is PlanAction.show:
        kept = journal(ctx).get_plan()
        if as_json:
            output.print_json(kept.to_dict() if kept else None)
        elif kept is None or kept.empty:
            output.say(
                "You haven't written a safety plan yet. 'thoughtlog plan' helps you write one."
            )
        else:
            output.print_lines(_shown(safety.plan_lines(kept)))
        return
    kept = journal(ctx).get_plan()
    if editor:
        from thoughtlog.editor import edit_text

        journal(ctx).check_writable()
        text = edit_text(safety.plan_template(kept))
        if text is None:
            output.say("The plan was left as it was.")
            return
        new = safety.plan_from_template(text)
    elif guided or sys.stdin.isatty():
        journal(ctx).check_writable()  # before the first question, not after the last
        new = _ask(kept)
    else:
        raise InvalidValue(
            "Run 'thoughtlog plan' in a terminal (or with --guided) to be asked part by part,"
            " or 'thoughtlog plan --editor' to write it in your editor."
        )
    if kept is not None:
        new.uuid = kept.uuid
    journal(ctx).save_plan(new)
    keep_plan_copy(ctx)
    if as_json:
        output.print_json(new.to_dict())
    output.say(
        "Your safety plan is kept. 'thoughtlog help-now' shows it, with the crisis lines, at any"
        " time."
    )


def _ask(kept: SafetyPlan | None) -> SafetyPlan:
    from thoughtlog import safety
    from thoughtlog.commands.guided import confirm, prompt_line, tell
    from thoughtlog.model import checked_text
    from thoughtlog.output import visible

    tell(
        "A safety plan is for a hard moment: what helps, and who to turn to. Write as much or as"
        " little as you like; an empty line moves on to the next part. Ctrl-C stops without"
        " changing anything."
    )
    parts: dict[str, list[str]] = {}
    for key, heading in safety.PARTS:
        tell()
        tell(f"{heading}.")
        tell(f"  {_HINTS[key]}")
        lines = kept.parts.get(key, []) if kept else []
        if lines:
            for line in lines:
                tell(f"  - {visible(line)}")
            if confirm("  Keep these as they are?", default=True):
                parts[key] = list(lines)
                continue
        parts[key] = []
        while answer := prompt_line("  - ").strip():
            parts[key].append(checked_text(answer, "That line"))
    return safety.SafetyPlan(parts)


def keep_plan_copy(ctx: typer.Context) -> None:
    """Bring the copy help-now reads up to date with the plan in the journal."""
    from thoughtlog import safety

    kept = journal(ctx).get_plan()
    if kept is not None:
        safety.keep_copy(ctx.find_object(Session).path, kept)


def _shown(lines: list[str]) -> list[str]:
    from thoughtlog.output import visible

    return [visible(line) for line in lines]


def help_now(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the crisis lines and the plan as JSON.")
    ] = False,
) -> None:
    """The crisis lines and your safety plan, at once. It never needs the journal to work.

    Example: thoughtlog help-now
    """
    from thoughtlog import output, safety

    path = ctx.find_object(Session).path
    lines = list(safety.CRISIS_LINES)
    kept = safety.read_copy(path)
    if kept is None:
        try:
            from thoughtlog.storage.care import read_plan_quietly

            kept = read_plan_quietly(path)
        except Exception:  # nothing may stop the crisis lines being shown
            kept = None
    if as_json:
        output.print_json(
            {"crisis_lines": [line.strip() for line in lines], "plan": kept and kept.to_dict()}
        )
        return
    plan_lines = safety.plan_lines(kept)
    if plan_lines:
        lines += ["", *_shown(plan_lines)]
    else:
        lines += [
            "",
            "When you feel able, 'thoughtlog plan' helps you write a plan for hard times.",
        ]
    output.print_lines(lines)
