"""Commands for the agenda: thoughtlog agenda add|list|done, things to bring up next session."""

from __future__ import annotations

from typing import Annotated

import typer

from thoughtlog.commands import journal, on_a_terminal
from thoughtlog.commands.completion import complete_open_agenda_id

agenda_app = typer.Typer(
    help="Things to bring up at your next therapy session; 'thoughtlog session' puts the open"
    " ones on its page.\n\n"
    'Example: thoughtlog agenda add "The meeting where I spoke up, and what came after"',
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
)

Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _stored():
    from thoughtlog.storage import agenda

    return agenda


@agenda_app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(help="What to bring up; asked for on a terminal when left out."),
    ] = None,
    as_json: Json = False,
) -> None:
    """Add something to bring up at your next session.

    Example: thoughtlog agenda add "Why speaking last still feels safer"
    """
    from thoughtlog import output
    from thoughtlog.agenda import AgendaItem, agenda_text
    from thoughtlog.errors import InvalidValue

    if text is None:
        if not on_a_terminal():
            raise InvalidValue(
                'Nothing to add: give the words, as in thoughtlog agenda add "the meeting",'
                " or run 'thoughtlog agenda add' in a terminal to be asked."
            )
        from thoughtlog.commands import guided

        guided.tell("Something to bring up at your next session. A few words are enough.")
        text = guided.ask("What would you like to talk about", agenda_text)
    item = AgendaItem(agenda_text(text))
    _stored().add_item(journal(ctx), item)
    if as_json:
        output.print_json(item.to_dict())
    elif output.is_terminal():
        output.say(f"Added to your agenda as item {item.id}.")
    else:
        output.print_lines([str(item.id)])


@agenda_app.command("list")
def list_items(
    ctx: typer.Context,
    include_done: Annotated[
        bool, typer.Option("--all", help="Include the items already talked over.")
    ] = False,
    as_json: Json = False,
) -> None:
    """The things to bring up next time, oldest first.

    Example: thoughtlog agenda list --all
    """
    from thoughtlog import output

    items = _stored().list_items(journal(ctx), include_done=include_done)
    if as_json:
        output.print_json([item.to_dict() for item in items])
    elif not items:
        output.say(
            "Your agenda is empty. 'thoughtlog agenda add' notes something to bring up next time."
        )
    else:
        output.show_agenda(items, with_state=include_done)


@agenda_app.command("done")
def done(
    ctx: typer.Context,
    item_id: Annotated[
        int,
        typer.Argument(
            help="The item's id, as 'thoughtlog agenda list' shows it.",
            autocompletion=complete_open_agenda_id,
        ),
    ],
    as_json: Json = False,
) -> None:
    """Mark an agenda item as talked over; it leaves the session page.

    Example: thoughtlog agenda done 2
    """
    from thoughtlog import output

    item = _stored().mark_done(journal(ctx), item_id)
    if as_json:
        output.print_json(item.to_dict())
    else:
        output.say(f"Agenda item {item_id} is done.")
