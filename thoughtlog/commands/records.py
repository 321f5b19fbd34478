"""Commands for thought records: add, list, show, edit, delete, restore, search, distortions, path."""

from __future__ import annotations

import sys
from enum import Enum
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
from thoughtlog.commands.steps import LinkBelief

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


ClearThoughts = Annotated[
    bool,
    typer.Option(
        "--clear-thoughts", help="Remove every thought, with its ratings and thinking traps."
    ),
]


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
    link_belief: LinkBelief = None,
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
    draft: Annotated[
        int | None,
        typer.Option(
            "--draft",
            metavar="ID",
            min=1,
            help="Carry on with this draft ('thoughtlog drafts' lists them).",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Write a thought record: guided on a terminal, or at once with options.

    Example:

        thoughtlog add -s "Team meeting, I stayed quiet" -e anxious=80
        -t "If I disagree my boss will punish me" -d fortune-telling --tag work
    """
    from thoughtlog import entry, output

    given = entry.RecordInput(
        situation=situation,
        when=when,
        emotions=emotion or [],
        emotions_after=emotion_after or [],
        thoughts=thought,
        belief=belief,
        belief_after=belief_after,
        distortions=distortion,
        behaviour=behaviour,
        evidence_for=evidence_for,
        evidence_against=evidence_against,
        reframe=reframe,
        reframe_belief=reframe_belief,
        tags=tag,
    )

    if link_belief is not None:  # a missing belief says so before anything is written
        from thoughtlog.storage import beliefs

        beliefs.get_belief(journal(ctx), link_belief)
    guided_entry = False
    if editor:
        journal(ctx).check_writable()  # before the editor opens, not after it closes
        record = _from_editor(ctx, None)
        record_id = journal(ctx).add_record(record)
    elif given.is_empty() or resume or draft is not None:
        if not (guided or resume or draft is not None or sys.stdin.isatty()):
            from thoughtlog.errors import InvalidValue

            raise InvalidValue(
                "Nothing to save: give at least --situation, or run 'thoughtlog add' in a terminal"
                " (or with --guided) to be asked step by step."
            )
        record, record_id = _guided_record(ctx, resume=resume, draft_id=draft)
        guided_entry = True
    else:
        record = entry.new_record(given)
        record_id = journal(ctx).add_record(record)
    if link_belief is not None:
        beliefs.link_record(journal(ctx), record_id, link_belief)
    if as_json:
        output.print_json(record.to_dict())
    elif output.is_terminal() or guided_entry:
        output.say(f"Saved as record {record_id}.")
    else:
        output.print_lines([str(record_id)])
    if not record.complete and not as_json:
        output.say(
            f"It's saved as incomplete; when you're ready, add a balanced thought with"
            f" 'thoughtlog edit {record_id} --reframe \"...\"'."
        )
    if guided_entry and record.hot_thought is not None:
        _offer_small_step(ctx, record)


def _guided_record(ctx: typer.Context, *, resume: bool, draft_id: int | None):
    """Ask for the record step by step and save it. If the person stops part-way, or the save
    can't be made (an answer refused, the journal busy), every answer is kept as a draft."""
    from thoughtlog import entry, output
    from thoughtlog.commands import guided
    from thoughtlog.errors import ThoughtlogError

    opened = journal(ctx)
    opened.check_writable()  # before the first question, not after the last
    _take_in_waiting_drafts(ctx)
    progress = guided.GuidedRecord()
    if resume or draft_id is not None:
        draft = _draft(opened, draft_id) if draft_id is not None else opened.latest_draft()
        if draft is None:
            raise ThoughtlogError(
                "There is no unfinished record to carry on with. 'thoughtlog add' starts one."
            )
        draft_id, answers, steps_done, _ = draft
        progress = guided.GuidedRecord(_answers(answers), steps_done)
        if refused := guided.refused_answer(progress.answers):
            step, error = refused
            if step < steps_done:
                output.say(
                    f"One answer in this draft can't be saved as it is: {output.visible(str(error))}"
                    " That question comes again; your other answers are kept."
                )
                progress.redo = step
    elif opened.latest_draft() is not None:
        output.say(
            "You have an unfinished record from before; 'thoughtlog add --resume' carries on"
            " with it, and 'thoughtlog drafts' lists every draft."
        )
    if output.attached_to_terminal(sys.stdin):  # a person at a terminal, not a script's answers
        from thoughtlog.commands.calm import offer_during_add

        progress.offer_calm = lambda: offer_during_add(ctx)
    try:
        answers = guided.thought_record(progress)
    except (typer.Abort, KeyboardInterrupt):
        if progress.steps_done == 0 and not progress.answers.situation:
            output.say("\nStopped; nothing was saved.")
        else:
            kept = _keep_draft(ctx, progress, draft_id)
            output.say(
                f"\nStopped. What you wrote so far is kept as a draft {kept}, not as a record;"
                " 'thoughtlog add --resume' carries on where you left off."
                if kept
                else "\nStopped. Your answers are shown above, to copy."
            )
        raise typer.Exit(1) from None
    try:
        record = entry.new_record(answers)
        return record, opened.add_record(record, finishing_draft=draft_id)
    except ThoughtlogError as error:
        from thoughtlog.storage import DraftAlreadySaved

        if isinstance(error, DraftAlreadySaved):
            kept = _keep_draft(ctx, progress, None)
            raise ThoughtlogError(
                f"Draft {draft_id} was saved as a record meanwhile (in another terminal?), so it"
                " isn't saved twice. "
                + (
                    f"Your answers here are kept as a draft {kept} in case they differ;"
                    " 'thoughtlog drafts' lists it."
                    if kept
                    else "Your answers here are shown above, in case they differ."
                )
            ) from None
        kept = _keep_draft(ctx, progress, draft_id)
        raise ThoughtlogError(
            f"{error} Every answer you gave is kept as a draft {kept}: 'thoughtlog add --resume'"
            " carries on, and asks again only what couldn't be saved."
            if kept
            else f"{error} Every answer you gave is shown above, to copy."
        ) from None


def _draft(opened, draft_id: int):
    """A draft by its id; one that isn't there is worded with the command that lists them."""
    from thoughtlog.errors import NotFound, ThoughtlogError

    try:
        return opened.get_draft(draft_id)
    except NotFound:
        raise ThoughtlogError(
            f"There is no draft {draft_id}. 'thoughtlog drafts' lists them."
        ) from None


def _answers(kept: dict):
    """A draft's answers as the guided flow takes them; keys from another version are left out."""
    from dataclasses import fields

    from thoughtlog.entry import RecordInput

    known = {f.name for f in fields(RecordInput)}
    return RecordInput(**{name: value for name, value in kept.items() if name in known})


def _keep_draft(ctx: typer.Context, progress, replacing: int | None) -> str | None:
    """Keep the answers so far as a draft in the journal or, if the journal can't take it now,
    in a private file beside it; return where it is, in words ("(number 3)"). None: nothing
    could hold it, and the answers were shown instead."""
    from dataclasses import asdict

    from thoughtlog import drafts
    from thoughtlog.commands import Session
    from thoughtlog.errors import JournalError

    answers = asdict(progress.answers)
    try:
        number = journal(ctx).save_draft(answers, progress.steps_done, replacing=replacing)
        return f"(number {number})"
    except JournalError:
        # The journal can't take it now (busy, read-only): a private file beside it can, until
        # the next add --resume or drafts moves it in.
        try:
            path = drafts.keep(ctx.find_object(Session).path, answers, progress.steps_done)
        except OSError as error:
            _show_to_copy(answers, error)
            return None
        return f"in a private file beside the journal ({path.name})"


def _show_to_copy(answers: dict, error: OSError) -> None:
    """The last resort, when neither the journal nor its folder can take a draft: the answers
    are shown, so that the person can copy them, rather than lost."""
    from thoughtlog import output

    output.say(
        f"No draft could be written ({error.strerror or error}), so here is every answer, to copy:"
    )
    for name, value in answers.items():
        if value not in (None, [], "", False):
            output.say(f"  {name}: {output.visible(str(value))}")


def _take_in_waiting_drafts(ctx: typer.Context) -> None:
    from thoughtlog import drafts
    from thoughtlog.commands import Session

    drafts.take_in(ctx.find_object(Session).path, journal(ctx))


def _offer_small_step(ctx: typer.Context, record) -> None:
    from thoughtlog import entry, output
    from thoughtlog.commands import guided

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


def _from_editor(ctx: typer.Context, record):
    """The record as the person leaves it in $EDITOR. A mistake, or text that isn't UTF-8,
    reopens the editor with their text; if they'd rather not, the text is kept in a file."""
    from thoughtlog import drafts, output, template
    from thoughtlog.commands import Session
    from thoughtlog.commands.guided import confirm
    from thoughtlog.editor import NotUtf8Text, edit_text
    from thoughtlog.errors import InvalidValue, ThoughtlogError

    text = template.render(record)
    while True:
        try:
            edited = edit_text(text)
            if edited is None:
                raise ThoughtlogError("The editor closed without a change, so nothing was saved.")
            return template.edited(record, edited)
        except (InvalidValue, NotUtf8Text) as error:
            edited = getattr(error, "text", None) or edited
            problem = " ".join(str(error).split())
            try:
                again = confirm(
                    f"{output.visible(problem)} Open the editor again to fix it?", default=True
                )
            except (typer.Abort, KeyboardInterrupt):
                again = False
            if not again:
                kept = drafts.keep_text(ctx.find_object(Session).path, edited)
                stopped = ThoughtlogError(
                    f"Nothing was saved; what you wrote in the editor is kept in {kept}."
                )
                stopped.exit_code = error.exit_code
                raise stopped from None
            text = f"# Please fix: {problem}\n" + "\n".join(
                line for line in edited.split("\n") if not line.startswith("# Please fix:")
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
    link_belief: LinkBelief = None,
    clear_thoughts: ClearThoughts = False,
    editor: Editor = False,
    as_json: Json = False,
) -> None:
    """Complete or correct a record. Only the parts you give change.

    --thought, --distortion and --tag replace their lists (a thought whose text is unchanged keeps
    its ratings and traps); --emotion and --emotion-after set one feeling at a time. With no
    options on a terminal, opens the record in $EDITOR.

    Example: thoughtlog edit 3 --reframe "She asked for views" --reframe-belief 60 --emotion-after anxious=45
    """
    from thoughtlog import entry, output

    given = entry.RecordInput(
        situation=situation,
        when=when,
        emotions=emotion or [],
        emotions_after=emotion_after or [],
        thoughts=thought,
        belief=belief,
        belief_after=belief_after,
        distortions=distortion,
        behaviour=behaviour,
        evidence_for=evidence_for,
        evidence_against=evidence_against,
        reframe=reframe,
        reframe_belief=reframe_belief,
        tags=tag,
        clear_thoughts=clear_thoughts,
    )

    opened = journal(ctx)
    record = opened.get_record(record_id)
    if link_belief is not None:
        from thoughtlog.storage import beliefs

        beliefs.get_belief(opened, link_belief)  # a missing belief says so before any change
        if given.is_empty() and not editor:
            beliefs.link_record(opened, record_id, link_belief)
            output.say(f"Record {record_id} is linked to belief {link_belief}.")
            return
    if editor or (given.is_empty() and sys.stdin.isatty()):
        opened.check_writable()  # before the editor opens, not after it closes
        updated = _from_editor(ctx, record)
    elif given.is_empty():
        from thoughtlog.errors import InvalidValue

        raise InvalidValue(
            f"Nothing to change: give the parts to change, such as --reframe, or --editor"
            f" to edit record {record_id} in full."
        )
    else:
        updated = entry.apply(record, given)
    opened.update_record(updated)
    if link_belief is not None:
        beliefs.link_record(opened, record_id, link_belief)
    if as_json:
        output.print_json(updated.to_dict())
        return
    output.say(_updated(record, updated))


def _updated(before, after) -> str:
    """What an edit did, in one line: "complete now" only when this edit completed the record."""
    said = f"Updated record {after.id}"
    if before.thoughts and not after.thoughts:
        said += "; its thoughts are removed"
    if after.complete and not before.complete:
        return said + "; it's complete now."
    if not after.complete:
        return said + "; it stays incomplete until it has a balanced thought."
    return said + "."


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
        from thoughtlog.commands.guided import confirm

        situation = output.visible(output.shorten(record.situation, 40))
        if not yes and not confirm(
            f"Remove record {record_id} ('{situation}') for good? This can't be undone"
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


class SearchIn(str, Enum):
    """What search looks in, besides (or instead of) the records."""

    records = "records"
    beliefs = "beliefs"
    scripts = "scripts"
    all = "all"

    @property
    def kind(self) -> str:
        return self.value.removesuffix("s")  # "beliefs" -> "belief", as storage.found names it


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
    within: Annotated[
        SearchIn | None,
        typer.Option(
            "--in",
            help="Search only records, beliefs or scripts; 'all' also makes --json one object"
            " with a list of each (without --in, --json lists the records alone, as it always has).",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Search every text of every record, best matches first, then your beliefs (with their
    evidence) and your scripts, each listed apart with its id.

    The best matches are picked among the newest 1,000 records that match (or as many as
    --limit asks for, when that is more), so that search stays quick in a journal of any
    length; --limit 5000 ranks and shows up to 5,000 matches. Lines of evidence and scripts are
    picked the same way; a belief's own words always count.

    Example: thoughtlog search "boss punish"
    """
    from thoughtlog import output
    from thoughtlog.storage.found import KINDS, search_kinds

    opened = journal(ctx)
    everything = within in (None, SearchIn.all)
    kinds = {kind.kind for kind in KINDS} if everything else {within.kind}
    records = everything or within is SearchIn.records
    hits = opened.search(query, limit=limit) if records else []
    # On screen a found item is named, not shown whole: --json alone reads it whole.
    others = search_kinds(opened, query, limit=limit, kinds=kinds, whole=as_json)
    if as_json:
        if within is SearchIn.all:  # {"records": [...], "beliefs": [...], "scripts": [...]}
            found = {"records": [hit.record.to_dict() for hit in hits]}
            for kind in KINDS:
                found[f"{kind.kind}s"] = [f.item.to_dict() for f in others if f.kind == kind.kind]
            output.print_json(found)
        elif within in (None, SearchIn.records):  # the records, as version 1 printed them
            output.print_json([hit.record.to_dict() for hit in hits])
        else:  # the beliefs or the scripts, as their own 'show --json' prints each
            output.print_json([f.item.to_dict() for f in others])
    elif not hits and not others:
        query = output.visible(query)  # what was typed may hold control characters
        output.say(f"Nothing matches '{query}'.")
    else:
        output.show_hits(hits)
        output.show_found(others, after_records=bool(hits))
        if len(hits) == limit:
            shown = "the best record" if limit == 1 else f"the best {limit} records"
            output.say(f"Showing {shown}; use --limit to see more.")


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


drafts_app = typer.Typer(
    help="Guided records kept as drafts: stopped part-way, or not saved when they were finished.\n\n"
    "Example: thoughtlog drafts      (then: thoughtlog add --draft 2, or thoughtlog drafts discard 2)",
    invoke_without_command=True,
    rich_markup_mode=None,
)
DraftId = Annotated[int, typer.Argument(help="The draft's id, as 'thoughtlog drafts' shows it.")]


@drafts_app.callback()
def drafts(ctx: typer.Context, as_json: Json = False) -> None:
    """List the drafts, newest first."""
    if ctx.invoked_subcommand is not None:
        return
    from thoughtlog import output
    from thoughtlog.errors import JournalError

    opened = journal(ctx)
    try:
        _take_in_waiting_drafts(ctx)
    except JournalError:
        pass  # a read-only or busy journal: its drafts are listed, those beside it wait
    kept = opened.list_drafts()
    if as_json:
        output.print_json(
            [
                {"id": i, "created_at": at, "steps_done": steps, "answers": answers}
                for i, answers, steps, at in kept
            ]
        )
    elif not kept:
        output.say("No drafts: every guided record was finished and saved.")
    else:
        output.print_lines(
            f"{i}\t{at}\t{output.visible(output.shorten(answers.get('situation') or '-', 60))}"
            for i, answers, _, at in kept
        )
        output.say(
            "'thoughtlog add --draft ID' carries on with one;"
            " 'thoughtlog drafts discard ID' removes one."
        )


@drafts_app.command("discard")
def discard_draft(ctx: typer.Context, draft_id: DraftId) -> None:
    """Remove a draft for good.

    Example: thoughtlog drafts discard 2
    """
    from thoughtlog import output
    from thoughtlog.errors import NotFound, ThoughtlogError

    try:
        journal(ctx).discard_draft(draft_id)
    except NotFound:
        raise ThoughtlogError(
            f"There is no draft {draft_id}. 'thoughtlog drafts' lists them."
        ) from None
    output.say(f"Draft {draft_id} was removed.")
