"""Commands for assertive scripts: thoughtlog script add|rehearse|show|list|edit|delete|restore."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from thoughtlog.commands import journal
from thoughtlog.commands.completion import (
    complete_belief_id,
    complete_rehearsal_kind,
    complete_script_id,
    complete_trashed_script_id,
)

script_app = typer.Typer(
    help="Scripts for speaking up, practised before the real step: Describe, Express, Specify,"
    " Consequences, and a rehearsal or role-play with confidence before and after.\n\n"
    'Example: thoughtlog script add --situation "Raising my point in the team meeting"',
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
)

ScriptId = Annotated[
    int,
    typer.Argument(
        help="The script's id, as 'thoughtlog script list' shows it.",
        autocompletion=complete_script_id,
    ),
]
TrashedScriptId = Annotated[
    int,
    typer.Argument(
        help="The script's id, as 'thoughtlog script list --trash' shows it.",
        autocompletion=complete_trashed_script_id,
    ),
]
For = Annotated[
    str | None,
    typer.Option("--with", metavar="TEXT", help="Who it is for: my team lead, my partner."),
]
Situation = Annotated[
    str | None,
    typer.Option("--situation", metavar="TEXT", help="When you will say it."),
]
Describe = Annotated[
    str | None,
    typer.Option("--describe", metavar="TEXT", help="What happens, as facts, not judgements."),
]
Express = Annotated[
    str | None,
    typer.Option("--express", metavar="TEXT", help='How it leaves you: "I feel…".'),
]
Specify = Annotated[
    str | None,
    typer.Option("--specify", metavar="TEXT", help="One small change you ask for."),
]
Consequences = Annotated[
    str | None,
    typer.Option("--consequences", metavar="TEXT", help="The good that could follow."),
]
LinkBelief = Annotated[
    int | None,
    typer.Option(
        "--link-belief",
        metavar="ID",
        help="The long-term belief it works against ('thoughtlog belief list' shows them).",
        autocompletion=complete_belief_id,
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _stores():
    from thoughtlog.storage import scripts

    return scripts


def _given(options: dict):
    from thoughtlog.scripts import ScriptInput

    return ScriptInput(
        with_=options.get("with_"),
        situation=options.get("situation"),
        describe=options.get("describe"),
        express=options.get("express"),
        specify=options.get("specify"),
        consequences=options.get("consequences"),
    )


@script_app.command("add")
def add(
    ctx: typer.Context,
    with_: For = None,
    situation: Situation = None,
    describe: Describe = None,
    express: Express = None,
    specify: Specify = None,
    consequences: Consequences = None,
    link_belief: LinkBelief = None,
    guided: Annotated[
        bool, typer.Option("--guided", "-g", help="Ask step by step (the default on a terminal).")
    ] = False,
    as_json: Json = False,
) -> None:
    """Write a script for speaking up. On a terminal with no part given, asks for each part
    with a short hint; you can stop after any of them.

    Example: thoughtlog script add --with "my team lead" --situation "Monday's meeting"
    --describe "My point was talked over twice" --express "I feel unheard"
    --specify "I'd like to finish my point" --consequences "We'd hear every idea"
    """
    from thoughtlog import output, scripts
    from thoughtlog.errors import InvalidValue

    given = _given(locals())
    opened = journal(ctx)
    if link_belief is not None:  # a missing belief says so before any question
        from thoughtlog.storage.beliefs import get_belief

        get_belief(opened, link_belief)
    if all(p is None for p in (describe, express, specify, consequences)):
        if not (guided or sys.stdin.isatty()):
            raise InvalidValue(
                "Nothing to save: a script needs at least one part, such as --describe, or run"
                " 'thoughtlog script add' in a terminal (or with --guided) to be asked part by part."
            )
        from thoughtlog.commands import guided as guide

        given = guide.script(given)
        if not any(getattr(given, key) for key in scripts.PART_KEYS):
            raise InvalidValue(
                "Nothing was written in any part, so nothing was saved."
                " 'thoughtlog script add' starts again whenever you're ready."
            )
    script = scripts.new_script(given)
    script.belief_id = link_belief
    _stores().add_script(opened, script)
    if as_json:
        output.print_json(script.to_dict())
    elif output.is_terminal():
        output.say(
            f"Saved as script {script.id}. Practise it with"
            f" 'thoughtlog script rehearse {script.id} --with therapist'."
        )
    else:
        output.print_lines([str(script.id)])


@script_app.command("rehearse")
def rehearse(
    ctx: typer.Context,
    script_id: ScriptId,
    kind: Annotated[
        str | None,
        typer.Option(
            "--with",
            metavar="KIND",
            help="Who you practised with: therapist, friend, mirror or alone.",
            autocompletion=complete_rehearsal_kind,
        ),
    ] = None,
    before: Annotated[
        str | None,
        typer.Option("--before", metavar="N", help="How confident you felt before, 0-100."),
    ] = None,
    after: Annotated[
        str | None,
        typer.Option("--after", metavar="N", help="How confident you felt after, 0-100."),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="What you noticed.")
    ] = None,
    when: Annotated[
        str | None,
        typer.Option(
            "--when", "-w", metavar="WHEN", help="When, such as 'yesterday 4pm' (default: now)."
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Note a rehearsal or role-play of a script, with your confidence before and after.

    Example: thoughtlog script rehearse 1 --with therapist --before 30 --after 55
    """
    from thoughtlog import output, scripts

    rehearsal = scripts.rehearsal(kind, before=before, after=after, note=note, when=when)
    opened = journal(ctx)
    _stores().rehearse(opened, script_id, rehearsal)
    if as_json:
        output.print_json(_stores().get_script(opened, script_id).to_dict())
        return
    message = f"Noted a rehearsal of script {script_id}."
    if rehearsal.before is not None and rehearsal.after is not None:
        message += f" Your confidence went from {rehearsal.before} to {rehearsal.after}."
    output.say(message)


@script_app.command("list")
def list_scripts(
    ctx: typer.Context,
    trash: Annotated[bool, typer.Option("--trash", help="The scripts in the trash.")] = False,
    as_json: Json = False,
) -> None:
    """List your scripts, newest first, with how often each was rehearsed and used.

    Example: thoughtlog script list
    """
    from thoughtlog import output

    found = _stores().list_scripts(journal(ctx), trash=trash)
    if as_json:
        output.print_json([s.to_dict() for s in found])
    elif not found:
        output.say(
            "The trash holds no scripts."
            if trash
            else "No scripts yet. 'thoughtlog script add' writes one."
        )
    else:
        output.show_scripts(found)


@script_app.command("show")
def show(
    ctx: typer.Context,
    script_id: ScriptId,
    card: Annotated[
        bool, typer.Option("--card", help="Just the four parts, small enough to carry.")
    ] = False,
    as_json: Json = False,
) -> None:
    """Show a script with its rehearsals and the steps that used it.

    Example: thoughtlog script show 1 --card
    """
    from thoughtlog import output

    opened = journal(ctx)
    script = _stores().get_script(opened, script_id)
    if as_json:
        output.print_json(script.to_dict())
    elif card:
        output.show_script_card(script)
    else:
        steps = [opened.get_experiment(i) for i in script.experiment_ids]
        output.show_script(script, steps)


@script_app.command("edit")
def edit(
    ctx: typer.Context,
    script_id: ScriptId,
    with_: For = None,
    situation: Situation = None,
    describe: Describe = None,
    express: Express = None,
    specify: Specify = None,
    consequences: Consequences = None,
    link_belief: LinkBelief = None,
    as_json: Json = False,
) -> None:
    """Change a script's words or its belief. Only the parts you give change; an empty one
    ("") is cleared.

    Example: thoughtlog script edit 1 --specify "I'd like to finish my point before questions"
    """
    from thoughtlog import output, scripts
    from thoughtlog.errors import InvalidValue

    given = _given(locals())
    if given.empty and link_belief is None:
        raise InvalidValue("Nothing to change: give the parts to change, such as --specify.")
    opened = journal(ctx)
    script = scripts.apply(_stores().get_script(opened, script_id), given)
    if link_belief is not None:
        script.belief_id = link_belief
    _stores().update_script(opened, script, new_belief=link_belief is not None)
    if as_json:
        output.print_json(_stores().get_script(opened, script_id).to_dict())
    else:
        output.say(f"Updated script {script_id}.")


@script_app.command("delete")
def delete(ctx: typer.Context, script_id: ScriptId, as_json: Json = False) -> None:
    """Move a script to the trash ('thoughtlog script restore' brings it back).

    Example: thoughtlog script delete 2
    """
    from thoughtlog import output

    opened = journal(ctx)
    _stores().move_script(opened, script_id, to_trash=True)
    if as_json:
        output.print_json(_stores().get_script(opened, script_id, include_trash=True).to_dict())
        return
    output.say(
        f"Script {script_id} is in the trash; 'thoughtlog script restore {script_id}' brings it back."
    )


@script_app.command("restore")
def restore(ctx: typer.Context, script_id: TrashedScriptId, as_json: Json = False) -> None:
    """Bring a script back from the trash.

    Example: thoughtlog script restore 2
    """
    from thoughtlog import output

    opened = journal(ctx)
    _stores().move_script(opened, script_id, to_trash=False)
    if as_json:
        output.print_json(_stores().get_script(opened, script_id).to_dict())
        return
    output.say(f"Script {script_id} is back.")
