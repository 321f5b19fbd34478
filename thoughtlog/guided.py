"""The guided thought record and experiment: one gentle question at a time, on the terminal.

Questions go to stderr so that stdout stays for data; a wrong answer is explained and asked again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import typer

from thoughtlog import dates
from thoughtlog.distortions import CATALOGUE, resolve
from thoughtlog.entry import ExperimentInput, RecordInput
from thoughtlog.errors import InvalidValue
from thoughtlog.model import Experiment, came_true, checked_text, emotion_name, rating

T = TypeVar("T")


def tell(text: str = "") -> None:
    typer.echo(text, err=True)


def ask(question: str, check: Callable[[str], T] = str, *, default: str = "") -> T:  # type: ignore[assignment]
    """Ask until the answer passes the check; Enter gives the default (an answer kept from
    before, when a stopped record is carried on)."""
    while True:
        answer = typer.prompt(question, default=default, show_default=bool(default), err=True)
        try:
            return check(checked_text(answer, "That answer").strip())
        except InvalidValue as error:
            tell(f"  {error}")


def ask_rating(
    question: str, *, required: bool = False, kept: str | int | None = None
) -> int | None:
    def check(answer: str) -> int | None:
        if required and not answer:
            raise InvalidValue("A number from 0 to 100, please.")
        return rating(answer, "That rating")

    return ask(question + " (0-100)", check, default="" if kept is None else str(kept))


def _required(what: str) -> Callable[[str], str]:
    def check(answer: str) -> str:
        if not answer:
            raise InvalidValue(f"A few words about {what} are enough.")
        return answer

    return check


@dataclass
class GuidedRecord:
    """The answers so far and how many steps are done: what a draft keeps when a person stops."""

    answers: RecordInput = field(
        default_factory=lambda: RecordInput(thoughts=[], distortions=[], tags=[])
    )
    steps_done: int = 0


def thought_record(progress: GuidedRecord) -> RecordInput:
    """Walk the seven columns of the thought record, from wherever progress left off."""
    if progress.steps_done == 0:
        tell(
            "Let's write this down, one step at a time. Press Enter to skip anything you'd rather leave."
        )
        tell("You can stop at any question with Ctrl-C; what you've written is kept.")
        tell()
    else:
        tell("Carrying on from where you stopped.")
    for number, step in enumerate(_STEPS):
        if number >= progress.steps_done:
            step(progress.answers)
            progress.steps_done = number + 1
    return progress.answers


def _situation(given: RecordInput) -> None:
    given.situation = ask("What happened? (who, what, where)", _required("what happened"))


def _when(given: RecordInput) -> None:
    # Kept as the moment it names, so a draft resumed tomorrow still means the same time.
    given.when = dates.to_text(ask("When was it?", dates.parse_when, default="now"))


def _feelings(given: RecordInput) -> None:
    tell()
    tell("What did you feel? Name one feeling at a time, such as anxious, ashamed or angry.")
    for number, text in enumerate(given.emotions):  # when resuming
        name, _, strength = text.partition("=")
        if strength:
            tell(f"  so far: {name} {strength}")
        else:  # stopped before its strength was given
            given.emotions[number] = f"{name}={_strength(name)}"
    while True:
        name = ask("Feeling (Enter when done)", lambda a: emotion_name(a) if a else "")
        if not name:
            return
        given.emotions.append(f"{name}=")  # kept even if the person stops at the next question
        given.emotions[-1] = f"{name}={_strength(name)}"


def _strength(name: str) -> int:
    return ask_rating(f"How strong was '{name}'?", required=True)  # type: ignore[return-value]


def _thoughts(given: RecordInput) -> None:
    tell()
    tell("What went through your mind just then? One thought at a time.")
    for text in given.thoughts or []:
        tell(f"  so far: {text}")
    while True:
        thought = ask("Thought (Enter when done)")
        if not thought:
            return
        given.thoughts.append(thought)  # type: ignore[union-attr]


def _hot_thought(given: RecordInput) -> None:
    thoughts = given.thoughts or []
    if len(thoughts) > 1:
        for number, text in enumerate(thoughts, start=1):
            tell(f"  {number}. {text}")

        def check(answer: str) -> int:
            if answer.isdigit() and 1 <= int(answer) <= len(thoughts):
                return int(answer)
            raise InvalidValue(f"Type a number from 1 to {len(thoughts)}.")

        hot = ask("Which one hurt the most? That's the hot thought", check, default="1")
        thoughts.insert(0, thoughts.pop(hot - 1))
    if thoughts:
        given.belief = ask_rating("How much do you believe it right now?", kept=given.belief)


def _distortions(given: RecordInput) -> None:
    if given.thoughts:
        tell()
        given.distortions = ask_distortions()


def _behaviour(given: RecordInput) -> None:
    given.behaviour = ask("What did you do, or feel pushed to do?")


def _evidence(given: RecordInput) -> None:
    if given.thoughts:
        tell()
        tell("Now look at the hot thought like a fair witness would.")
        given.evidence_for = ask("What facts support it?", default=given.evidence_for or "")
        given.evidence_against = ask(
            "What facts don't fit it?", default=given.evidence_against or ""
        )


def _reframe(given: RecordInput) -> None:
    # Each answer is kept as soon as it is given, and offered again if the step is carried on.
    tell()
    given.reframe = (
        ask(
            "What's a more balanced way to see it? (Enter to come back to this later)",
            default=given.reframe or "",
        )
        or None
    )
    if not given.reframe:
        return
    given.reframe_belief = ask_rating(
        "How much do you believe the balanced thought?", kept=given.reframe_belief
    )
    if given.thoughts:
        given.belief_after = ask_rating(
            "And the hot thought, how much do you believe it now?", kept=given.belief_after
        )
    after = dict(text.split("=", 1) for text in given.emotions_after)
    for text in given.emotions:
        name = text.partition("=")[0]
        now = ask_rating(f"How strong is '{name}' now?", kept=after.get(name))
        if now is None:
            after.pop(name, None)
        else:
            after[name] = str(now)
        given.emotions_after = [f"{feeling}={strength}" for feeling, strength in after.items()]


def _tags(given: RecordInput) -> None:
    tell()
    given.tags = [ask("Any tags? People, places or themes, separated by commas (e.g. work, boss)")]


_STEPS = (
    _situation,
    _when,
    _feelings,
    _thoughts,
    _hot_thought,
    _distortions,
    _behaviour,
    _evidence,
    _reframe,
    _tags,
)


def ask_distortions() -> list[str]:
    tell(
        "Thinking traps are common patterns in anxious or low thoughts. Do any fit the hot thought?"
    )
    for number, distortion in enumerate(CATALOGUE, start=1):
        tell(f"  {number:>2}. {distortion.name}")

    def check(answer: str) -> list[str]:
        if answer.startswith("?"):
            d = _pick(answer[1:].strip())
            tell(f"  {d.name}: {d.meaning}\n  For example: “{d.example}”")
            raise InvalidValue("Choose numbers or names when you're ready, or press Enter to skip.")
        parts = [p.strip() for p in answer.split(",") if p.strip()]
        # "5 6" is two numbers; "mind reading" is one name.
        parts = [q for p in parts for q in (p.split() if re.fullmatch(r"[\d\s]+", p) else [p])]
        return [_pick(part).slug for part in parts]

    return ask("Numbers or names, separated by commas (?N explains one; Enter to skip)", check)


def _pick(text: str):
    if text.isdigit():
        if 1 <= int(text) <= len(CATALOGUE):
            return CATALOGUE[int(text) - 1]
        raise InvalidValue(f"There is no number {text}: choose from 1 to {len(CATALOGUE)}.")
    slug = resolve(text)
    return next(d for d in CATALOGUE if d.slug == slug)


def wants_small_step() -> bool:
    tell()
    return typer.confirm(
        "Would you like to plan a small step to test the hot thought?", default=False, err=True
    )


def experiment_plan(*, belief: str | None = None, record_id: int | None = None) -> ExperimentInput:
    """Ask for the belief under test, the small step, when, and the predictions."""
    tell("A small step tests a belief: you predict what will happen, then find out.")
    given = ExperimentInput(record_id=record_id)
    given.belief = ask("What belief will you test?", _required("the belief"), default=belief or "")
    given.confidence = ask_rating("How sure are you that it's true?")
    given.plan = ask("What small step will you take?", _required("the small step"))

    def check_when(answer: str) -> str:
        if answer:
            dates.parse_when(answer, prefer="future")
        return answer

    given.when = ask("When will you take it? (e.g. 'monday 9am')", check_when) or None
    given.expected_distress = ask_rating("How distressing do you expect it to be?")
    return given


def experiment_outcome(experiment: Experiment) -> ExperimentInput:
    """Ask what happened, beside what was predicted."""
    tell(f"The belief you tested: {experiment.belief}")
    if experiment.confidence_before is not None:
        tell(f"You were {experiment.confidence_before}% sure of it.")
    tell(f"Your small step: {experiment.plan}")
    tell()
    given = ExperimentInput()
    given.outcome = ask("What happened?", _required("what happened"))
    given.came_true = ask("Did the outcome you feared come true? (yes / partly / no)", came_true)
    given.distress = ask_rating("How distressing was it when you took the step?")
    given.learned = ask("What did you learn?")
    given.confidence_after = ask_rating("How sure are you of the belief now?")
    return given
