"""Commands for thought records: add, list, show, edit, delete, restore, search, distortions, path."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from thoughtlog.commands import journal
from thoughtlog.commands.completion import (
    complete_distortion,
    complete_emotion,
    complete_emotion_rating,
    complete_record_id,
    complete_tag,
    complete_trashed_record_id,
)

Situation = Annotated[
    str | None, typer.Option("--situation", "-s", help="What happened: who, what, where.")
]
When = Annotated[
    str | None,
    typer.Option("--when", "-w", help="When it happened: 'yesterday 3pm', '2026-11-20 14:30'."),
]
Emotions = Annotated[
    list[str] | None,
    typer.Option(
        "--emotion",
        "-e",
        metavar="NAME=N",
        help="A feeling and its intensity 0-100 (repeat).",
        autocompletion=complete_emotion_rating,
    ),
]
EmotionsAfter = Annotated[
    list[str] | None,
    typer.Option(
        "--emotion-after",
        metavar="NAME=N",
        help="A feeling re-rated after the reframe (repeat).",
        autocompletion=complete_emotion_rating,
    ),
]
Thoughts = Annotated[
    list[str] | None,
    typer.Option(
        "--thought", "-t", help="An automatic thought (repeat; the first is the hot thought)."
    ),
]
Belief = Annotated[
    str | None, typer.Option("--belief", metavar="N", help="Belief in the hot thought, 0-100.")
]
BeliefAfter = Annotated[
    str | None,
    typer.Option(
        "--belief-after", metavar="N", help="Belief in the hot thought after the reframe."
    ),
]
Distortions = Annotated[
    list[str] | None,
    typer.Option(
        "--distortion",
        "-d",
        metavar="SLUG",
        help="A thinking trap in the hot thought (repeat).",
        autocompletion=complete_distortion,
    ),
]
Behaviour = Annotated[
    str | None, typer.Option("--behaviour", help="What you did, or felt pushed to do.")
]
EvidenceFor = Annotated[
    str | None, typer.Option("--evidence-for", help="Facts that support the hot thought.")
]
EvidenceAgainst = Annotated[
    str | None, typer.Option("--evidence-against", help="Facts that don't support the hot thought.")
]
Reframe = Annotated[
    str | None, typer.Option("--reframe", "-r", help="The balanced, alternative thought.")
]
ReframeBelief = Annotated[
    str | None, typer.Option("--reframe-belief", metavar="N", help="Belief in the reframe, 0-100.")
]
Tags = Annotated[
    list[str] | None,
    typer.Option("--tag", help="A person, place or theme (repeat).", autocompletion=complete_tag),
]
Editor = Annotated[
    bool, typer.Option("--editor", help="Fill the record in $EDITOR from a template.")
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table or worksheet.")]
RecordId = Annotated[
    int,
    typer.Argument(
        help="The record's id, as 'thoughtlog list' shows it.", autocompletion=complete_record_id
    ),
]
TrashedRecordId = Annotated[
    int,
    typer.Argument(
        help="The record's id, as 'thoughtlog list' shows it.",
        autocompletion=complete_trashed_record_id,
    ),
]


def _record_input(options: dict):
    """The record fields among a command's options (add and edit take the same ones)."""
    from thoughtlog.entry import RecordInput

    return RecordInput(
        situation=options["situation"],
        when=options["when"],
        emotions=options["emotion"] or [],
        emotions_after=options["emotion_after"] or [],
        thoughts=options["thought"],
        belief=options["belief"],
        belief_after=options["belief_after"],
        distortions=options["distortion"],
        behaviour=options["behaviour"],
        evidence_for=options["evidence_for"],
        evidence_against=options["evidence_against"],
        reframe=options["reframe"],
        reframe_belief=options["reframe_belief"],
        tags=options["tag"],
    )


def add(
    ctx: typer.Context,
    situation: Situation = None,
    when: When = None,
    emotion: Emotions = None,
    emotion_after: EmotionsAfter = None,
    thought: Thoughts = None,
    belief: Belief = None,
    belief_after: BeliefAfter = None,
    distortion: Distortions = None,
    behaviour: Behaviour = None,
    evidence_for: EvidenceFor = None,
    evidence_against: EvidenceAgainst = None,
    reframe: Reframe = None,
    reframe_belief: ReframeBelief = None,
    tag: Tags = None,
    editor: Editor = False,
    guided: Annotated[
        bool,
        typer.Option(
            "--guided", "-g", help="Ask for each column in turn (the default on a terminal)."
        ),
    ] = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Carry on with the guided record you stopped part-way.")
    ] = False,
    as_json: Json = False,
) -> None:
    """Write a thought record: guided on a terminal, or at once with options.

    Example:

        thoughtlog add -s "Team meeting, I stayed quiet" -e anxious=80
        -t "If I disagree my boss will punish me" -d fortune-telling --tag work
    """
    given = _record_input(locals())
    from thoughtlog import entry, output

    offer_step, draft_id = False, None
    if editor:
        journal(ctx).check_writable()  # before the editor opens, not after it closes
        record = _from_editor(None)
    elif given.is_empty() or resume:
        if not (guided or resume or sys.stdin.isatty()):
            from thoughtlog.errors import InvalidValue

            raise InvalidValue(
                "Nothing to save: give at least --situation, or run 'thoughtlog add' in a terminal"
                " (or with --guided) to be asked step by step."
            )
        record, draft_id = _guided_record(ctx, resume=resume)
        offer_step = True
    else:
        record = entry.new_record(given)
    record_id = journal(ctx).add_record(record, finishing_draft=draft_id)
    if as_json:
        output.print_json(record.to_dict())
    elif output.is_terminal() or offer_step:
        output.say(f"Saved as record {record_id}.")
    else:
        output.print_lines([str(record_id)])
    if not record.complete and not as_json:
        output.say(
            f"It's saved as incomplete; when you're ready, add a balanced thought with"
            f" 'thoughtlog edit {record_id} --reframe \"...\"'."
        )
    if offer_step and record.hot_thought is not None:
        _offer_small_step(ctx, record)


def _guided_record(ctx: typer.Context, *, resume: bool):
    """Ask for the record step by step; if the person stops part-way, keep the answers as a draft."""
    from dataclasses import asdict

    from thoughtlog import entry, guided, output
    from thoughtlog.errors import ThoughtlogError

    opened = journal(ctx)
    opened.check_writable()  # before the first question, not after the last
    draft = opened.latest_draft()
    progress, draft_id = guided.GuidedRecord(), None
    if resume:
        if draft is None:
            raise ThoughtlogError(
                "There is no unfinished record to carry on with. 'thoughtlog add' starts one."
            )
        draft_id, answers, steps_done, _ = draft
        progress = guided.GuidedRecord(entry.RecordInput(**answers), steps_done)
    elif draft is not None:
        output.say(
            "You have an unfinished record from before; 'thoughtlog add --resume' carries on with it."
        )
    try:
        answers = guided.thought_record(progress)
    except (typer.Abort, KeyboardInterrupt):
        if progress.steps_done == 0 and not progress.answers.situation:
            output.say("\nStopped; nothing was saved.")
        else:
            opened.save_draft(asdict(progress.answers), progress.steps_done, replacing=draft_id)
            output.say(
                "\nStopped. What you wrote so far is kept as a draft (not as a record);"
                " 'thoughtlog add --resume' carries on where you left off."
            )
        raise typer.Exit(1) from None
    return entry.new_record(answers), draft_id


def _offer_small_step(ctx: typer.Context, record) -> None:
    from thoughtlog import entry, guided, output

    try:
        if not guided.wants_small_step():
            return
        plan = guided.experiment_plan(belief=record.hot_thought.text, record_id=record.id)
    except (typer.Abort, KeyboardInterrupt):
        output.say(
            f"\nStopped. Record {record.id} is saved; no step was planned."
            f" 'thoughtlog experiment add --record {record.id}' plans one when you're ready."
        )
        raise typer.Exit(1) from None
    experiment_id = journal(ctx).add_experiment(entry.new_experiment(plan))
    output.say(
        f"Saved as experiment {experiment_id}. Afterwards, record what happened with"
        f" 'thoughtlog experiment done {experiment_id}'."
    )


def _from_editor(record):
    """The record as the person leaves it in $EDITOR; a mistake reopens the editor with their text."""
    from thoughtlog import template
    from thoughtlog.editor import edit_text
    from thoughtlog.errors import InvalidValue, ThoughtlogError

    text = template.render(record)
    while True:
        edited = edit_text(text)
        if edited is None:
            raise ThoughtlogError("The editor closed without a change, so nothing was saved.")
        try:
            return template.edited(record, edited)
        except InvalidValue as error:
            if not typer.confirm(
                f"{error} Open the editor again to fix it?", default=True, err=True
            ):
                raise
            text = f"# Please fix: {error}\n" + "\n".join(
                line for line in edited.splitlines() if not line.startswith("# Please fix:")
            )


def list_records(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option("--since", help="From this date: '2 weeks ago', 'monday'.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Up to this date (a day counts whole).")
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag", help="Only records with this tag (repeat).", autocompletion=complete_tag
        ),
    ] = None,
    distortion: Annotated[
        list[str] | None,
        typer.Option(
            "--distortion",
            "-d",
            help="Only records with this thinking trap.",
            autocompletion=complete_distortion,
        ),
    ] = None,
    emotion: Annotated[
        list[str] | None,
        typer.Option(
            "--emotion",
            "-e",
            help="Only records with this feeling.",
            autocompletion=complete_emotion,
        ),
    ] = None,
    incomplete: Annotated[
        bool, typer.Option("--incomplete", help="Only records without a reframe yet.")
    ] = False,
    trash: Annotated[
        bool, typer.Option("--trash", help="Show the records in the trash instead.")
    ] = False,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="How many at most (0 for all).")
    ] = 20,
    as_json: Json = False,
) -> None:
    """List records, newest first.

    Example: thoughtlog list --tag work --since "2 weeks ago"
    """
    from thoughtlog import dates, distortions, output
    from thoughtlog.model import emotion_name, tag_names
    from thoughtlog.storage import RecordFilter

    filters = RecordFilter(
        since=dates.parse_bound(since, end=False) if since else None,
        until=dates.parse_bound(until, end=True) if until else None,
        tags=tag_names(tag or []),
        distortions=distortions.resolve_all(distortion or []),
        emotions=[emotion_name(e) for e in emotion or []],
        incomplete=incomplete,
        trash=trash,
        limit=limit or None,
    )
    records = journal(ctx).list_records(filters)
    if as_json:
        output.print_json([r.to_dict() for r in records])
    elif not records:
        output.say(_nothing_listed(filters))
    else:
        output.show_records(records)
        if limit and len(records) == limit:
            output.say(f"Showing the newest {limit}; use --limit to see more.")


def _nothing_listed(filters) -> str:
    """What an empty list says: no records yet, none waiting, an empty trash, or none that match."""
    narrowed = (
        filters.since or filters.until or filters.tags or filters.distortions or filters.emotions
    )
    if narrowed or (filters.trash and filters.incomplete):
        return "No records match."
    if filters.trash:
        return "The trash is empty."
    if filters.incomplete:
        return "No records are waiting for a balanced thought."
    return "No records yet. 'thoughtlog add' writes your first."


def show(ctx: typer.Context, record_id: RecordId, as_json: Json = False) -> None:
    """Show one record laid out like the thought-record worksheet.

    Example: thoughtlog show 3
    """
    from thoughtlog import output
    from thoughtlog.storage import ExperimentFilter

    opened = journal(ctx)
    record = opened.get_record(record_id)
    if as_json:
        output.print_json(record.to_dict())
        return
    output.show_record(record, opened.list_experiments(ExperimentFilter(record_id=record_id)))


def edit(
    ctx: typer.Context,
    record_id: RecordId,
    situation: Situation = None,
    when: When = None,
    emotion: Emotions = None,
    emotion_after: EmotionsAfter = None,
    thought: Thoughts = None,
    belief: Belief = None,
    belief_after: BeliefAfter = None,
    distortion: Distortions = None,
    behaviour: Behaviour = None,
    evidence_for: EvidenceFor = None,
    evidence_against: EvidenceAgainst = None,
    reframe: Reframe = None,
    reframe_belief: ReframeBelief = None,
    tag: Tags = None,
    editor: Editor = False,
    as_json: Json = False,
) -> None:
    """Complete or correct a record. Only the parts you give change.

    --thought, --distortion and --tag replace their lists; --emotion and --emotion-after set one
    feeling at a time. With no options on a terminal, opens the record in $EDITOR.

    Example: thoughtlog edit 3 --reframe "She asked for views" --reframe-belief 60 --emotion-after anxious=45
    """
    given = _record_input(locals())
    from thoughtlog import entry, output

    opened = journal(ctx)
    record = opened.get_record(record_id)
    if editor or (given.is_empty() and sys.stdin.isatty()):
        opened.check_writable()  # before the editor opens, not after it closes
        updated = _from_editor(record)
    elif given.is_empty():
        from thoughtlog.errors import InvalidValue

        raise InvalidValue(
            f"Nothing to change: give the parts to change, such as --reframe, or --editor"
            f" to edit record {record_id} in full."
        )
    else:
        updated = entry.apply(record, given)
    opened.update_record(updated)
    if as_json:
        output.print_json(updated.to_dict())
        return
    status = (
        "it's complete now"
        if updated.complete
        else "it stays incomplete until it has a balanced thought"
    )
    output.say(f"Updated record {record_id}; {status}.")


def delete(
    ctx: typer.Context,
    record_id: RecordId,
    purge: Annotated[
        bool, typer.Option("--purge", help="Remove it for good instead (asks first).")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Don't ask before --purge.")] = False,
) -> None:
    """Move a record to the trash ('thoughtlog restore' brings it back).

    Example: thoughtlog delete 3      (or, for good: thoughtlog delete 3 --purge)
    """
    from thoughtlog import output

    opened = journal(ctx)
    if purge:
        record = opened.get_record(record_id, include_trash=True)
        if not yes and not typer.confirm(
            f"Remove record {record_id} ('{output.shorten(record.situation, 40)}') for good? This can't be undone",
            err=True,
        ):
            output.say("Nothing was removed.")
            raise typer.Exit(1)
        linked = opened.purge_record(record_id)
        output.say(f"Record {record_id} was removed for good.")
    else:
        linked = opened.trash_record(record_id)
        output.say(
            f"Record {record_id} is in the trash; 'thoughtlog restore {record_id}' brings it back."
        )
    if linked:
        output.say(
            f"Its {linked} experiment{'s are' if linked > 1 else ' is'} kept"
            + (", no longer linked to a record." if purge else ".")
        )


def restore(ctx: typer.Context, record_id: TrashedRecordId) -> None:
    """Bring a record back from the trash.

    Example: thoughtlog restore 3
    """
    from thoughtlog import output

    journal(ctx).restore_record(record_id)
    output.say(f"Record {record_id} is back.")


def search(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help='Words to look for; FTS5 syntax ("exact phrase", OR, boss*) works too.'
        ),
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="How many matches at most.")
    ] = 20,
    as_json: Json = False,
) -> None:
    """Search every text of every record, best matches first.

    Example: thoughtlog search "boss punish"
    """
    from thoughtlog import output

    hits = journal(ctx).search(query, limit=limit)
    if as_json:
        output.print_json([hit.record.to_dict() for hit in hits])
    elif not hits:
        query = output.visible(query)  # what was typed may hold control characters
        output.say(f"Nothing matches '{query}'.")
    else:
        output.show_hits(hits)


def distortions(as_json: Json = False) -> None:
    """The thinking traps thoughtlog knows, with what each means and an example.

    Example: thoughtlog distortions
    """
    from dataclasses import asdict

    from thoughtlog import output
    from thoughtlog.distortions import CATALOGUE

    if as_json:
        output.print_json([asdict(d) for d in CATALOGUE])
    else:
        output.show_distortions(CATALOGUE)


def path(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"path": ...} as JSON.')] = False,
) -> None:
    """Print where the journal is (it is created there on first use).

    Example: thoughtlog path
    """
    from thoughtlog import output
    from thoughtlog.commands import Session

    where = str(ctx.find_object(Session).path)
    if as_json:
        output.print_json({"path": where})
    else:
        output.print_lines([where])
