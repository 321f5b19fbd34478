"""Commands for behavioural experiments: thoughtlog experiment add|done|log|list|show|edit|delete|restore."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from thoughtlog.commands import journal
from thoughtlog.commands.completion import (
    complete_came_true,
    complete_experiment_id,
    complete_planned_experiment_id,
    complete_record_id,
    complete_trashed_experiment_id,
)
from thoughtlog.commands.steps import (
    Feared,
    LinkBelief,
    PFeared,
    Reaction,
    Safety,
    SafetyUsed,
    ScriptLink,
    Surprise,
    With,
    check_script,
    log,
)

experiment_app = typer.Typer(
    help="Small steps that test a belief: a prediction now, the outcome afterwards.\n\n"
    'Example: thoughtlog experiment add --record 3 --plan "Disagree once in Monday\'s meeting"',
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
)

Belief = Annotated[
    str | None,
    typer.Option(
        "--belief",
        "-b",
        help="The belief under test, e.g. 'If I disagree, my boss will reprimand me'.",
    ),
]
Confidence = Annotated[
    str | None,
    typer.Option("--confidence", metavar="N", help="How sure you are of the belief, 0-100."),
]
Plan = Annotated[str | None, typer.Option("--plan", "-p", help="The small step you will take.")]
When = Annotated[
    str | None, typer.Option("--when", "-w", help="When you'll take it: 'monday 9am', 'tomorrow'.")
]
ExpectedDistress = Annotated[
    str | None,
    typer.Option(
        "--expected-distress", metavar="N", help="How distressing you expect it to be, 0-100."
    ),
]
RecordLink = Annotated[
    int | None,
    typer.Option(
        "--record", help="The thought record it comes from.", autocompletion=complete_record_id
    ),
]
Outcome = Annotated[str | None, typer.Option("--outcome", "-o", help="What happened.")]
CameTrue = Annotated[
    str | None,
    typer.Option(
        "--came-true",
        metavar="yes|partly|no",
        help="Did the outcome you feared come true?",
        autocompletion=complete_came_true,
    ),
]
Distress = Annotated[
    str | None,
    typer.Option("--distress", metavar="N", help="How distressing it really was, 0-100."),
]
Learned = Annotated[str | None, typer.Option("--learned", "-l", help="What you learned.")]
ConfidenceAfter = Annotated[
    str | None,
    typer.Option(
        "--confidence-after", metavar="N", help="How sure you are of the belief now, 0-100."
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ExperimentId = Annotated[
    int,
    typer.Argument(
        help="The experiment's id, as 'thoughtlog experiment list' shows it.",
        autocompletion=complete_experiment_id,
    ),
]
PlannedExperimentId = Annotated[
    int,
    typer.Argument(
        help="The experiment's id, as 'thoughtlog experiment list' shows it.",
        autocompletion=complete_planned_experiment_id,
    ),
]
TrashedExperimentId = Annotated[
    int,
    typer.Argument(
        help="The experiment's id, as 'thoughtlog experiment list' shows it.",
        autocompletion=complete_trashed_experiment_id,
    ),
]


def experiment_input(options: dict):
    """The experiment's values among a command's options, its step fields included."""
    from thoughtlog.commands.steps import step_input
    from thoughtlog.entry import ExperimentInput

    return ExperimentInput(
        belief=options.get("belief"),
        confidence=options.get("confidence"),
        plan=options.get("plan"),
        when=options.get("when"),
        expected_distress=options.get("expected_distress"),
        record_id=options.get("record"),
        outcome=options.get("outcome"),
        came_true=options.get("came_true"),
        distress=options.get("distress"),
        learned=options.get("learned"),
        confidence_after=options.get("confidence_after"),
        belief_id=options.get("link_belief"),
        script_id=options.get("script"),
        step=step_input(options),
    )


def _report_saved(experiment, as_json: bool, message: str) -> None:
    from thoughtlog import output

    if as_json:
        output.print_json(experiment.to_dict())
    elif output.is_terminal():
        output.say(message)
    else:
        output.print_lines([str(experiment.id)])


@experiment_app.command("add")
def add(
    ctx: typer.Context,
    belief: Belief = None,
    confidence: Confidence = None,
    plan: Plan = None,
    when: When = None,
    expected_distress: ExpectedDistress = None,
    record: RecordLink = None,
    with_: With = None,
    feared: Feared = None,
    p_feared: PFeared = None,
    safety: Safety = None,
    link_belief: LinkBelief = None,
    script: ScriptLink = None,
    guided: Annotated[
        bool, typer.Option("--guided", "-g", help="Ask step by step (the default on a terminal).")
    ] = False,
    as_json: Json = False,
) -> None:
    """Plan a small step that tests a belief, with your prediction.

    With --record, the belief defaults to that record's hot thought.

    Example: thoughtlog experiment add --record 3 --confidence 85 --plan "Disagree once in Monday's meeting"
    --when "monday 10am" --expected-distress 70
    """
    given = experiment_input(locals())
    from thoughtlog import entry
    from thoughtlog.errors import InvalidValue

    opened = journal(ctx)
    check_script(opened, script)
    hot_thought = None
    if record is not None:
        hot = opened.get_record(record).hot_thought
        hot_thought = hot.text if hot else None
    if given.empty or (given.plan is None and (guided or sys.stdin.isatty())):
        if not (guided or sys.stdin.isatty()):
            raise InvalidValue(
                "Nothing to save: give --belief and --plan, or run 'thoughtlog experiment add'"
                " in a terminal (or with --guided) to be asked step by step."
            )
        from thoughtlog.commands import guided as guide

        given = guide.experiment_plan(belief=given.belief or hot_thought, record_id=record)
        given.belief_id, given.script_id = link_belief, script
    elif given.belief is None:
        given.belief = hot_thought
    experiment = entry.new_experiment(given)
    opened.add_experiment(experiment)
    _report_saved(
        experiment,
        as_json,
        f"Saved as experiment {experiment.id}. Afterwards, record what happened with"
        f" 'thoughtlog experiment done {experiment.id}'.",
    )


@experiment_app.command("done")
def done(
    ctx: typer.Context,
    experiment_id: PlannedExperimentId,
    outcome: Outcome = None,
    came_true: CameTrue = None,
    distress: Distress = None,
    learned: Learned = None,
    confidence_after: ConfidenceAfter = None,
    reaction: Reaction = None,
    safety_used: SafetyUsed = None,
    surprise: Surprise = None,
    taken: Annotated[
        str | None,
        typer.Option(
            "--when",
            "-w",
            metavar="WHEN",
            help="When you took the step, such as 'yesterday 6pm' (default: now).",
        ),
    ] = None,
    guided: Annotated[
        bool, typer.Option("--guided", "-g", help="Ask step by step (the default on a terminal).")
    ] = False,
    as_json: Json = False,
) -> None:
    """Record what happened when you took the step, beside what you predicted.

    Example: thoughtlog experiment done 1 --outcome "She said 'good point'" --came-true no
    --distress 40 --learned "Disagreeing went fine" --confidence-after 35
    """
    given = experiment_input(locals())
    from thoughtlog import entry
    from thoughtlog.errors import InvalidValue

    done_at = entry.when_done(taken)  # a date that doesn't read fails before any question
    opened = journal(ctx)
    experiment = opened.get_experiment(experiment_id)
    if experiment.done:  # say so before asking any question
        raise entry.already_done(experiment)
    if given.empty:
        if not (guided or sys.stdin.isatty()):
            raise InvalidValue(
                "Nothing to save: give --outcome and --came-true, or run this in a terminal"
                " (or with --guided) to be asked step by step."
            )
        from thoughtlog.commands import guided as guide

        given = guide.experiment_outcome(experiment)
    entry.complete_experiment(experiment, given, now=done_at)
    opened.update_experiment(experiment)
    _report_saved(experiment, as_json, _done_message(experiment))


def _done_message(experiment) -> str:
    message = f"Experiment {experiment.id} is done."
    before, after = experiment.confidence_before, experiment.confidence_after
    if before is not None and after is not None:
        message += f" Your confidence in the belief went from {before} to {after}."
    return message


experiment_app.command("log")(log)


@experiment_app.command("list")
def list_experiments(
    ctx: typer.Context,
    pending: Annotated[bool, typer.Option("--pending", help="Only steps not done yet.")] = False,
    done_only: Annotated[bool, typer.Option("--done", help="Only steps already done.")] = False,
    ladder: Annotated[
        bool, typer.Option("--ladder", help="Pending steps from least to most expected distress.")
    ] = False,
    since: Annotated[str | None, typer.Option("--since", help="Planned from this date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Planned up to this date.")] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="How many at most (0 for all).")
    ] = 0,
    as_json: Json = False,
) -> None:
    """List experiments, newest first; a planned step whose time has passed shows as due.

    Example: thoughtlog experiment list --ladder
    """
    from thoughtlog import dates, output
    from thoughtlog.errors import InvalidValue
    from thoughtlog.storage import ExperimentFilter

    if pending and done_only:
        raise InvalidValue("Choose --pending or --done, not both.")
    filters = ExperimentFilter(
        status="planned" if pending else "done" if done_only else None,
        since=dates.parse_bound(since, end=False) if since else None,
        until=dates.parse_bound(until, end=True) if until else None,
        ladder=ladder,
        limit=limit or None,
    )
    experiments = journal(ctx).list_experiments(filters)
    if as_json:
        output.print_json([e.to_dict() for e in experiments])
    elif not experiments:
        output.say(_nothing_listed(pending or ladder, filtered=bool(done_only or since or until)))
    else:
        output.show_experiments(experiments, dates.now_local())


def _nothing_listed(pending: bool, *, filtered: bool) -> str:
    """What an empty list says: nothing planned yet, nothing waiting, or nothing that matches."""
    if filtered:
        return "No experiments match."
    if pending:
        return "No small steps are waiting to be taken. 'thoughtlog experiment add' plans one."
    return "No experiments yet. 'thoughtlog experiment add' plans a small step."


@experiment_app.command("show")
def show(ctx: typer.Context, experiment_id: ExperimentId, as_json: Json = False) -> None:
    """Show an experiment: the prediction beside the outcome.

    Example: thoughtlog experiment show 1
    """
    from thoughtlog import dates, output

    opened = journal(ctx)
    experiment = opened.get_experiment(experiment_id)
    if as_json:
        output.print_json(experiment.to_dict())
        return
    script = None
    if experiment.script_id is not None:
        from thoughtlog.storage.scripts import script_title

        title = script_title(opened, experiment.script_id)
        script = f"{experiment.script_id}: {title}" if title else None
    output.show_experiment(experiment, dates.now_local(), script=script)


@experiment_app.command("edit")
def edit(
    ctx: typer.Context,
    experiment_id: ExperimentId,
    belief: Belief = None,
    confidence: Confidence = None,
    plan: Plan = None,
    when: When = None,
    expected_distress: ExpectedDistress = None,
    record: RecordLink = None,
    with_: With = None,
    feared: Feared = None,
    p_feared: PFeared = None,
    safety: Safety = None,
    link_belief: LinkBelief = None,
    script: ScriptLink = None,
    outcome: Outcome = None,
    came_true: CameTrue = None,
    distress: Distress = None,
    learned: Learned = None,
    confidence_after: ConfidenceAfter = None,
    reaction: Reaction = None,
    safety_used: SafetyUsed = None,
    surprise: Surprise = None,
    done_when: Annotated[
        str | None,
        typer.Option(
            "--done-when",
            metavar="WHEN",
            help="When you really took a step already done, such as 'yesterday 6pm'.",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Correct an experiment's plan or outcome. Only the parts you give change.

    Example: thoughtlog experiment edit 1 --when "tuesday 10am"
    """
    given = experiment_input(locals())
    from thoughtlog import entry, output
    from thoughtlog.errors import InvalidValue

    if given.empty and done_when is None:
        raise InvalidValue("Nothing to change: give the parts to change, such as --when or --plan.")
    # A date that doesn't read, or is still to come, fails before the journal is opened.
    taken = entry.when_done(done_when, option="--done-when") if done_when is not None else None
    opened = journal(ctx)
    if link_belief is not None:  # a belief in the trash takes no new steps
        from thoughtlog.storage.beliefs import get_belief

        get_belief(opened, link_belief)
    check_script(opened, script)
    current = opened.get_experiment(experiment_id)
    if taken is not None:  # on the step as it was: an edit can't make a step done and retime it
        entry.retime_done(current, taken)
    experiment = entry.plan_experiment(current, given)
    opened.update_experiment(experiment)
    if as_json:
        output.print_json(experiment.to_dict())
    else:
        output.say(f"Updated experiment {experiment_id}.")


@experiment_app.command("delete")
def delete(
    ctx: typer.Context,
    experiment_id: ExperimentId,
    purge: Annotated[
        bool, typer.Option("--purge", help="Remove it for good instead (asks first).")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Don't ask before --purge.")] = False,
) -> None:
    """Move an experiment to the trash ('thoughtlog experiment restore' brings it back).

    Example: thoughtlog experiment delete 2
    """
    from thoughtlog import output

    opened = journal(ctx)
    if purge:
        opened.get_experiment(experiment_id, include_trash=True)
        from thoughtlog.commands.guided import confirm

        if not yes and not confirm(
            f"Remove experiment {experiment_id} for good? This can't be undone"
        ):
            output.say("Nothing was removed.")
            raise typer.Exit(1)
        opened.purge_experiment(experiment_id)
        output.say(f"Experiment {experiment_id} was removed for good.")
    else:
        opened.trash_experiment(experiment_id)
        output.say(
            f"Experiment {experiment_id} is in the trash;"
            f" 'thoughtlog experiment restore {experiment_id}' brings it back."
        )


@experiment_app.command("restore")
def restore(ctx: typer.Context, experiment_id: TrashedExperimentId) -> None:
    """Bring an experiment back from the trash.

    Example: thoughtlog experiment restore 2
    """
    from thoughtlog import output

    journal(ctx).restore_experiment(experiment_id)
    output.say(f"Experiment {experiment_id} is back.")
