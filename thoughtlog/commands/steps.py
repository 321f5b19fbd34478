"""A step's predicted and actual reaction on the command line: its options, and experiment log."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from thoughtlog.commands import journal
from thoughtlog.commands.completion import (
    complete_belief_id,
    complete_reaction,
    complete_script_id,
)

With = Annotated[
    str | None,
    typer.Option(
        "--with", metavar="TEXT", help="Who the step involves: boss, colleague, partner, parent."
    ),
]
Feared = Annotated[
    str | None,
    typer.Option(
        "--feared",
        metavar="TEXT",
        help="The reaction you fear, as someone would see it: 'she criticises me in front of"
        " the team'.",
    ),
]
PFeared = Annotated[
    str | None,
    typer.Option("--p-feared", metavar="N", help="How likely that reaction seems now, 0-100."),
]
Safety = Annotated[
    list[str] | None,
    typer.Option(
        "--safety",
        metavar="TEXT",
        help="A safety behaviour you'll try to drop (over-apologising, softening, speaking"
        " last). Repeat for more.",
    ),
]
Reaction = Annotated[
    str | None,
    typer.Option(
        "--reaction",
        metavar="KIND",
        help="How they reacted: praise, agreement, neutral, disagreement, criticism or punishment.",
        autocompletion=complete_reaction,
    ),
]
SafetyUsed = Annotated[
    list[str] | None,
    typer.Option(
        "--safety-used",
        metavar="TEXT",
        help="A safety behaviour you still used (repeat), or 'none'.",
    ),
]
Surprise = Annotated[
    str | None,
    typer.Option("--surprise", metavar="N", help="How surprised you were by what happened, 0-100."),
]


LinkBelief = Annotated[
    int | None,
    typer.Option(
        "--link-belief",
        metavar="ID",
        help="The long-term belief it tests ('thoughtlog belief list' shows them).",
        autocompletion=complete_belief_id,
    ),
]

ScriptLink = Annotated[
    int | None,
    typer.Option(
        "--script",
        metavar="ID",
        help="The script you used for it ('thoughtlog script list' shows them).",
        autocompletion=complete_script_id,
    ),
]


def check_script(opened, script_id: int | None) -> None:
    """A step may newly name only a script that is saved and out of the trash: said before
    any question is asked or anything is written."""
    if script_id is not None:
        from thoughtlog.storage.scripts import get_script

        get_script(opened, script_id)


def step_input(options: dict):
    """The step fields among a command's options."""
    from thoughtlog.steps import StepInput

    return StepInput(
        with_=options.get("with_"),
        feared=options.get("feared"),
        p_feared=options.get("p_feared"),
        safety=options.get("safety") or None,
        reaction=options.get("reaction"),
        safety_used=options.get("safety_used") or None,
        surprise=options.get("surprise"),
    )


def log(
    ctx: typer.Context,
    belief: Annotated[
        str | None, typer.Option("--belief", "-b", help="The belief the step tested.")
    ] = None,
    confidence: Annotated[
        str | None,
        typer.Option(
            "--confidence", metavar="N", help="How sure you were of it beforehand, 0-100."
        ),
    ] = None,
    plan: Annotated[
        str | None, typer.Option("--plan", "-p", help="The step you took ('I disagreed with...').")
    ] = None,
    taken: Annotated[
        str | None,
        typer.Option(
            "--when",
            "-w",
            metavar="WHEN",
            help="When you took it, such as 'today 11am' (default: now).",
        ),
    ] = None,
    expected_distress: Annotated[
        str | None,
        typer.Option(
            "--expected-distress", metavar="N", help="How distressing you expected it to be, 0-100."
        ),
    ] = None,
    with_: With = None,
    feared: Feared = None,
    p_feared: PFeared = None,
    safety: Safety = None,
    link_belief: LinkBelief = None,
    script: ScriptLink = None,
    outcome: Annotated[str | None, typer.Option("--outcome", "-o", help="What happened.")] = None,
    came_true: Annotated[
        str | None,
        typer.Option(
            "--came-true", metavar="yes|partly|no", help="Did the outcome you feared come true?"
        ),
    ] = None,
    reaction: Reaction = None,
    safety_used: SafetyUsed = None,
    surprise: Surprise = None,
    distress: Annotated[
        str | None,
        typer.Option("--distress", metavar="N", help="How distressing it really was, 0-100."),
    ] = None,
    learned: Annotated[
        str | None, typer.Option("--learned", "-l", help="What you learned.")
    ] = None,
    confidence_after: Annotated[
        str | None,
        typer.Option(
            "--confidence-after", metavar="N", help="How sure you are of the belief now, 0-100."
        ),
    ] = None,
    guided: Annotated[
        bool, typer.Option("--guided", "-g", help="Ask step by step (the default on a terminal).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Record a step you've already taken, unplanned: what you feared and what came, in one go.

    Example: thoughtlog experiment log --belief "If I disagree, I'll be punished"
    --plan "Disagreed with my boss about the deadline" --with boss --p-feared 70
    --outcome "She moved the deadline" --came-true no --reaction agreement
    """
    from thoughtlog import entry, output
    from thoughtlog.commands.experiments import experiment_input
    from thoughtlog.errors import InvalidValue

    given = experiment_input(locals())
    done_at = entry.when_done(taken)  # a date that doesn't read fails before any question
    check_script(journal(ctx), script)
    if given.empty or (given.plan is None and (guided or sys.stdin.isatty())):
        if not (guided or sys.stdin.isatty()):
            raise InvalidValue(
                "Nothing to save: give --belief, --plan, --outcome and --came-true, or run"
                " 'thoughtlog experiment log' in a terminal (or with --guided) to be asked."
            )
        from thoughtlog.commands import guided as guide

        given = guide.step_taken()
        given.belief_id, given.script_id = link_belief, script
    experiment = entry.logged_experiment(given, done_at=done_at)
    journal(ctx).add_experiment(experiment)
    if as_json:
        output.print_json(experiment.to_dict())
    elif output.is_terminal():
        output.say(f"Saved the step you took as experiment {experiment.id}.")
    else:
        output.print_lines([str(experiment.id)])
