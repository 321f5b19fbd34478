"""Commands for long-term beliefs: thoughtlog belief add|rate|evidence|list|show|edit|delete|restore."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from thoughtlog.commands import journal
from thoughtlog.commands.completion import complete_belief_id, complete_trashed_belief_id

belief_app = typer.Typer(
    help="The old rule behind many hot thoughts, and the new one growing in its place, rated"
    " over months.\n\n"
    'Example: thoughtlog belief add "If I contradict someone in authority, I\'ll be punished"'
    " --rating 90",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
)

BeliefId = Annotated[
    int,
    typer.Argument(
        help="The belief's id, as 'thoughtlog belief list' shows it.",
        autocompletion=complete_belief_id,
    ),
]
TrashedBeliefId = Annotated[
    int,
    typer.Argument(
        help="The belief's id, as 'thoughtlog belief list --trash' shows it.",
        autocompletion=complete_trashed_belief_id,
    ),
]
NewText = Annotated[
    str | None,
    typer.Option("--new", metavar="TEXT", help="The new belief growing in its place."),
]
When = Annotated[
    str | None,
    typer.Option("--when", "-w", metavar="WHEN", help="When, such as 'yesterday' (default: now)."),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _stores():
    from thoughtlog.storage import beliefs

    return beliefs


@belief_app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[
        str | None, typer.Argument(help="The old belief, the rule behind your hot thoughts.")
    ] = None,
    new_text: NewText = None,
    rating: Annotated[
        str | None,
        typer.Option("--rating", metavar="N", help="How much you believe it now, 0-100."),
    ] = None,
    new_rating: Annotated[
        str | None,
        typer.Option("--new-rating", metavar="N", help="How much you believe the new one, 0-100."),
    ] = None,
    guided: Annotated[
        bool, typer.Option("--guided", "-g", help="Ask step by step (the default on a terminal).")
    ] = False,
    as_json: Json = False,
) -> None:
    """Name a long-term belief, with the new one growing in its place. On a terminal with no
    text, asks step by step, with an optional downward arrow to find the belief.

    Example: thoughtlog belief add "If I contradict someone in authority, I'll be punished"
    --new "Disagreeing respectfully is usually safe" --rating 90 --new-rating 10
    """
    from thoughtlog import beliefs, output
    from thoughtlog.errors import InvalidValue

    if text is None and new_text is None and rating is None and new_rating is None:
        if not (guided or sys.stdin.isatty()):
            raise InvalidValue(
                "Nothing to save: give the belief's words, or run 'thoughtlog belief add' in a"
                " terminal (or with --guided) to be asked step by step."
            )
        from thoughtlog.commands import guided as guide

        text, new_text, rating, new_rating = guide.belief()
    belief = beliefs.new_belief(text, new_text=new_text, old_rating=rating, new_rating=new_rating)
    _stores().add_belief(journal(ctx), belief)
    if as_json:
        output.print_json(belief.to_dict())
    elif output.is_terminal():
        output.say(
            f"Saved as belief {belief.id}. Rate it again now and then with"
            f" 'thoughtlog belief rate {belief.id} --old N --new N'."
        )
    else:
        output.print_lines([str(belief.id)])


@belief_app.command("rate")
def rate(
    ctx: typer.Context,
    belief_id: BeliefId,
    old: Annotated[
        str | None, typer.Option("--old", metavar="N", help="How much you believe it now, 0-100.")
    ] = None,
    new: Annotated[
        str | None,
        typer.Option("--new", metavar="N", help="How much you believe the new one, 0-100."),
    ] = None,
    when: When = None,
    as_json: Json = False,
) -> None:
    """Rate a belief (and the new one) again: a dated point on its trajectory.

    Example: thoughtlog belief rate 1 --old 60 --new 45
    """
    from thoughtlog import beliefs, output

    rating = beliefs.dated_rating(old, new, when=when)
    opened = journal(ctx)
    _stores().rate_belief(opened, belief_id, rating)  # type: ignore[arg-type]
    if as_json:
        output.print_json(_stores().get_belief(opened, belief_id).to_dict())
    else:
        output.say(f"Rated belief {belief_id}.")


@belief_app.command("evidence")
def evidence(
    ctx: typer.Context,
    belief_id: BeliefId,
    text: Annotated[
        str | None, typer.Argument(help="A small fact that fits the new belief.")
    ] = None,
    when: When = None,
    guided: Annotated[
        bool,
        typer.Option(
            "--guided",
            "-g",
            help="Offer the linked steps whose feared reaction didn't come (the default on a"
            " terminal when no text is given).",
        ),
    ] = False,
    as_json: Json = False,
) -> None:
    """Add to a belief's positive data log: small facts that fit the new belief. With no text on
    a terminal, offers the linked steps whose feared reaction didn't come.

    Example: thoughtlog belief evidence 1 "I disagreed about the deadline; she moved it"
    """
    from thoughtlog import beliefs, output
    from thoughtlog.errors import InvalidValue

    opened = journal(ctx)
    store = _stores()
    if text is None:
        store.get_belief(opened, belief_id)  # a missing belief says so before any question
        offers = store.evidence_offers(opened, belief_id)
        if not (guided or sys.stdin.isatty()) or not offers:
            raise InvalidValue(
                "Give the evidence in a few words, for example"
                f" 'thoughtlog belief evidence {belief_id} \"She thanked me for raising it\"'."
            )
        from thoughtlog.commands import guided as guide

        chosen = guide.evidence_from_steps(offers)
        for step_id, plan, outcome, done_at in chosen:
            found = beliefs.evidence(beliefs.step_as_evidence(plan, outcome))
            found.at, found.experiment_id = done_at, step_id
            store.add_evidence(opened, belief_id, found)
        output.say(f"Added {len(chosen)} to the evidence for belief {belief_id}.")
        return
    found = beliefs.evidence(text, when=when)
    store.add_evidence(opened, belief_id, found)
    if as_json:
        output.print_json(store.get_belief(opened, belief_id).to_dict())
    else:
        output.say(f"Added to the evidence for belief {belief_id}.")
        offers = store.evidence_offers(opened, belief_id)
        if offers:
            output.say(
                f"{len(offers)} of its steps went better than feared;"
                f" 'thoughtlog belief evidence {belief_id}' on a terminal offers them."
            )


@belief_app.command("list")
def list_beliefs(
    ctx: typer.Context,
    trash: Annotated[bool, typer.Option("--trash", help="The beliefs in the trash.")] = False,
    as_json: Json = False,
) -> None:
    """List your beliefs, newest first, with the latest ratings.

    Example: thoughtlog belief list
    """
    from thoughtlog import output

    found = _stores().list_beliefs(journal(ctx), trash=trash)
    if as_json:
        output.print_json([b.to_dict() for b in found])
    elif not found:
        output.say(
            "The trash holds no beliefs."
            if trash
            else "No beliefs yet. 'thoughtlog belief add' names one."
        )
    else:
        output.show_beliefs(found)


@belief_app.command("show")
def show(ctx: typer.Context, belief_id: BeliefId, as_json: Json = False) -> None:
    """Show a belief: its ratings over time, beside the linked steps and the evidence.

    Example: thoughtlog belief show 1
    """
    from thoughtlog import output

    opened = journal(ctx)
    belief = _stores().get_belief(opened, belief_id)
    if as_json:
        output.print_json(belief.to_dict())
        return
    steps = opened.experiments_testing(belief_id)
    output.show_belief(belief, steps, _stores().scripts_against(opened, belief_id))


@belief_app.command("edit")
def edit(
    ctx: typer.Context,
    belief_id: BeliefId,
    text: Annotated[str | None, typer.Option("--text", help="The old belief's words.")] = None,
    new_text: NewText = None,
    as_json: Json = False,
) -> None:
    """Change a belief's words, or the new belief's. Only the parts you give change.

    Example: thoughtlog belief edit 1 --new "Disagreeing respectfully is usually safe"
    """
    from thoughtlog import beliefs, output
    from thoughtlog.errors import InvalidValue
    from thoughtlog.model import text_or_none

    if text is None and new_text is None:
        raise InvalidValue("Nothing to change: give --text or --new.")
    opened = journal(ctx)
    belief = _stores().get_belief(opened, belief_id)
    if text is not None:
        belief.text = beliefs.belief_text(text)
    if new_text is not None:
        belief.new_text = text_or_none(new_text, "The new belief")
    _stores().update_belief(opened, belief)
    if as_json:
        output.print_json(belief.to_dict())
    else:
        output.say(f"Updated belief {belief_id}.")


@belief_app.command("delete")
def delete(ctx: typer.Context, belief_id: BeliefId) -> None:
    """Move a belief to the trash ('thoughtlog belief restore' brings it back).

    Example: thoughtlog belief delete 2
    """
    from thoughtlog import output

    _stores().move_belief(journal(ctx), belief_id, to_trash=True)
    output.say(
        f"Belief {belief_id} is in the trash; 'thoughtlog belief restore {belief_id}' brings it back."
    )


@belief_app.command("restore")
def restore(ctx: typer.Context, belief_id: TrashedBeliefId) -> None:
    """Bring a belief back from the trash.

    Example: thoughtlog belief restore 2
    """
    from thoughtlog import output

    _stores().move_belief(journal(ctx), belief_id, to_trash=False)
    output.say(f"Belief {belief_id} is back.")
