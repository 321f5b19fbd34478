"""Check-ins: thoughtlog checkin phq9|gad7|who5|list|show, and the care shown first after item 9."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from thoughtlog.commands import Session, journal

if TYPE_CHECKING:
    from thoughtlog.checkins import CheckIn

checkin_app = typer.Typer(
    help="Standard check-ins (PHQ-9, GAD-7, WHO-5), answered one question at a time.\n\n"
    "A score is not a diagnosis. Example: thoughtlog checkin phq9",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
)

Answers = Annotated[
    str | None,
    typer.Option(
        "--answers",
        metavar="0,1,...",
        help="Every answer at once, in question order, separated by commas.",
    ),
]
Guided = Annotated[
    bool, typer.Option("--guided", help="Ask one question at a time, even when not in a terminal.")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the check-in as JSON.")]


def _take(ctx: typer.Context, kind: str, answers: str | None, guided: bool, as_json: bool) -> None:
    from thoughtlog import checkins, dates
    from thoughtlog.errors import InvalidValue

    if answers is not None:
        given = checkins.parse_answers(kind, answers)
    elif guided or sys.stdin.isatty():
        journal(ctx).check_writable()  # before the first question, not after the last
        given = _ask(kind)
    else:
        raise InvalidValue(
            f"Nothing to save: give --answers, or run 'thoughtlog checkin {kind}' in a terminal"
            " (or with --guided) to be asked one question at a time."
        )
    checkin = checkins.CheckIn(kind=kind, answers=given, at=dates.now_local())
    if checkin.needs_care_first:
        care_first(ctx)
    journal(ctx).add_checkin(checkin)
    show(checkin, as_json=as_json)


def _ask(kind: str) -> list[int]:
    from thoughtlog import checkins
    from thoughtlog.commands.guided import ask, tell
    from thoughtlog.errors import InvalidValue

    form = checkins.questionnaire(kind)
    highest = form.highest

    def answer(text: str) -> int:
        if not (text.isdigit() and text.isascii() and int(text) <= highest):
            raise InvalidValue(f"A number from 0 to {highest}, please.")
        return int(text)

    tell(f"{form.title}. You can stop at any time with Ctrl-C; nothing is kept until the end.")
    tell(form.stem)
    tell(checkins.scale_line(kind))
    given = []
    for number, item in enumerate(form.items, 1):
        tell()
        tell(f"{number} of {len(form.items)}. {item}")
        given.append(ask(f"  0-{highest}", answer))
    tell()
    return given


@checkin_app.command("phq9")
def phq9(
    ctx: typer.Context, answers: Answers = None, guided: Guided = False, as_json: AsJson = False
) -> None:
    """The PHQ-9: nine questions about the last two weeks, each answered 0-3.

    Example: thoughtlog checkin phq9 --answers 1,1,0,2,0,1,0,0,0
    """
    _take(ctx, "phq9", answers, guided, as_json)


@checkin_app.command("gad7")
def gad7(
    ctx: typer.Context, answers: Answers = None, guided: Guided = False, as_json: AsJson = False
) -> None:
    """The GAD-7: seven questions about worry over the last two weeks, each answered 0-3.

    Example: thoughtlog checkin gad7 --answers 1,2,1,0,0,1,1
    """
    _take(ctx, "gad7", answers, guided, as_json)


@checkin_app.command("who5")
def who5(
    ctx: typer.Context, answers: Answers = None, guided: Guided = False, as_json: AsJson = False
) -> None:
    """The WHO-5 Well-Being Index: five statements about the last two weeks, each answered 0-5.

    Example: thoughtlog checkin who5 --answers 3,2,2,1,3
    """
    _take(ctx, "who5", answers, guided, as_json)


@checkin_app.command("list")
def list_checkins(
    ctx: typer.Context,
    kind: Annotated[
        str | None, typer.Option("--kind", metavar="phq9|gad7|who5", help="Only this check-in.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Your check-ins, newest first.

    Example: thoughtlog checkin list --kind phq9
    """
    from thoughtlog import checkins, output

    if kind is not None:
        checkins.questionnaire(kind)
    found = journal(ctx).list_checkins(kind=kind)
    if as_json:
        output.print_json([checkin.to_dict() for checkin in found])
        return
    if not found:
        output.say("No check-ins yet. 'thoughtlog checkin phq9' (or gad7, who5) starts one.")
        return
    lines = []
    for checkin in found:
        lines.append(f"{checkin.id}  {checkin.at:%Y-%m-%d %H:%M}  " + _brief(checkin))
        if checkin.item9 is not None:
            lines.append("    " + checkins.item9_line(checkin.item9))
    output.print_lines(lines)


def _brief(checkin: CheckIn) -> str:
    form = checkin.questionnaire
    return f"{form.title}: {checkin.total} of {form.most} ({checkin.band})"


@checkin_app.command("show")
def show_checkin(
    ctx: typer.Context,
    checkin_id: Annotated[int, typer.Argument(metavar="ID", help="The check-in's number.")],
    as_json: AsJson = False,
) -> None:
    """One check-in: every question with its answer, and what its scoring guide says.

    Example: thoughtlog checkin show 2
    """
    show(journal(ctx).get_checkin(checkin_id), as_json=as_json, every_answer=True)


def show(checkin: CheckIn, *, as_json: bool, every_answer: bool = False) -> None:
    from thoughtlog import checkins, output

    if as_json:
        output.print_json(checkin.to_dict())
        return
    form = checkin.questionnaire
    lines = [f"{form.title}, {checkin.at:%A %d %B %Y, %H:%M}"]
    if every_answer:
        lines += [
            f"  {number}. {item}: {form.answers[answer]} ({answer})"
            for number, (item, answer) in enumerate(
                zip(form.items, checkin.answers, strict=True), 1
            )
        ]
    lines += checkins.summary_lines(checkin)
    lines += [checkins.NOT_A_DIAGNOSIS, form.credit]
    output.print_lines(lines)


def care_first(ctx: typer.Context) -> None:
    """The person's own safety plan, if they have one, and the crisis lines: shown before anything
    else, on stderr so that they reach the person even when stdout goes to a file."""
    from thoughtlog import output, safety

    plan = None
    try:
        plan = journal(ctx).get_plan()
    except Exception:  # the plan's copy is there for a journal that can't be read
        plan = None
    if plan is None:
        plan = safety.read_copy(ctx.find_object(Session).path)
    lines = [
        "Thank you for answering that honestly. Thoughts of being better off dead or of hurting"
        " yourself can be very heavy to carry, and you don't have to carry them alone.",
        "",
    ]
    plan_lines = safety.plan_lines(plan)
    if plan_lines:
        lines += [*plan_lines, ""]
    lines += list(safety.CRISIS_LINES)
    if not plan_lines:
        lines += [
            "",
            "When you feel able, 'thoughtlog plan' helps you write a plan for hard times.",
        ]
    for line in lines:
        output.say(line)
    output.say("")
