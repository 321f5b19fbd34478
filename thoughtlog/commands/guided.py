"""The guided thought record and experiment: one gentle question at a time, on the terminal.

Questions go to stderr so that stdout stays for data (not even a space); every answer is checked
as it is typed, and one that can't be kept is explained and asked again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import typer

from thoughtlog import dates, entry
from thoughtlog.distortions import CATALOGUE, resolve
from thoughtlog.entry import ExperimentInput, RecordInput
from thoughtlog.errors import InvalidValue
from thoughtlog.model import (
    Experiment,
    came_true,
    checked_text,
    emotion_name,
    parse_emotion,
    rating,
    tag_names,
)
from thoughtlog.output import visible

if TYPE_CHECKING:
    from thoughtlog.scripts import ScriptInput

T = TypeVar("T")


def tell(text: str = "") -> None:
    from thoughtlog.output import for_stderr

    typer.echo(for_stderr(text), err=True)


def prompt_line(question: str) -> str:
    """Show a question on stderr and read one line of answer.

    Typer's prompt writes a space to stdout before reading; this writes nothing there, so a
    command's output stays data alone even while it asks.
    """
    typer.echo(question, nl=False, err=True)
    try:
        return input()
    except EOFError:
        raise typer.Abort() from None


def confirm(question: str, *, default: bool = False) -> bool:
    """A yes-or-no question on stderr; Enter gives the default."""
    while True:
        answer = prompt_line(f"{question} [{'Y/n' if default else 'y/N'}]: ").strip().lower()
        if not answer:
            return default
        if answer in ("y", "yes", "n", "no"):
            return answer.startswith("y")
        tell("  Type y for yes or n for no, please.")


def ask(question: str, check: Callable[[str], T] = str, *, default: str = "") -> T:  # type: ignore[assignment]
    """Ask until the answer passes the check; Enter gives the default (an answer kept from
    before, when a stopped record is carried on)."""
    while True:
        shown = f" [{visible(default)}]" if default else ""  # an answer kept from before
        answer = prompt_line(f"{question}{shown}: ")
        try:
            return check(checked_text(answer or default, "That answer").strip())
        except InvalidValue as error:
            tell(f"  {visible(str(error))}")


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
    redo: int | None = None  # a step done before whose answer can't be saved: asked again
    # Offered a calming exercise, once, after a feeling rated CALM_OFFERED_AT or more.
    offer_calm: Callable[[], None] | None = None
    calm_offered: bool = False


CALM_OFFERED_AT = 80


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
        if number == progress.redo:
            step(progress.answers)
            progress.redo = None
        elif number >= progress.steps_done:
            step(progress.answers)
            progress.steps_done = number + 1
        else:
            continue
        if step is _feelings:
            _maybe_offer_calm(progress)
    return progress.answers


def _maybe_offer_calm(progress: GuidedRecord) -> None:
    if progress.offer_calm is None or progress.calm_offered:
        return
    strengths = [text.rpartition("=")[2] for text in progress.answers.emotions]
    if any(s.isdigit() and int(s) >= CALM_OFFERED_AT for s in strengths):
        progress.calm_offered = True
        progress.offer_calm()


def refused_answer(answers: RecordInput) -> tuple[int, InvalidValue] | None:
    """The first step whose answers can't be saved as they are, and why; None when all can.

    A draft kept from before may hold such an answer (a rule that changed, a save refused): the
    person is asked that step again rather than meeting the same error on every resume.
    """
    for number in range(len(_STEPS)):
        asked = {name for step in _STEPS[: number + 1] for name in _ANSWERS[step]}
        values = {name: getattr(answers, name) for name in asked}
        # A feeling still waiting for its strength is asked for it when the step is carried on.
        values["emotions"] = [e for e in values.get("emotions", []) if not e.endswith("=")]
        try:
            entry.new_record(RecordInput(**values))
        except InvalidValue as error:
            return number, error
    return None


def _situation(given: RecordInput) -> None:
    given.situation = ask(
        "What happened? (who, what, where)",
        _required("what happened"),
        default=given.situation or "",
    )


def _when(given: RecordInput) -> None:
    # Kept as the moment it names, so a draft resumed tomorrow still means the same time.
    given.when = dates.to_text(ask("When was it?", entry.occurred, default=given.when or "now"))


def _feelings(given: RecordInput) -> None:
    tell()
    tell("What did you feel? Name one feeling at a time, such as anxious, ashamed or angry.")
    kept: list[str] = []
    for text in given.emotions:  # when resuming
        name, _, strength = text.rpartition("=")
        try:
            name = emotion_name(name)
            if name in (k.rpartition("=")[0] for k in kept):
                raise InvalidValue(f"'{name}' was named twice; it's kept once.")
            if strength:
                rating(strength, f"The intensity of '{name}'")
        except InvalidValue as error:
            tell(f"  '{visible(text)}' can't be kept as it is: {visible(str(error))}")
            continue
        if strength:
            tell(f"  so far: {visible(name)} {strength}")
            kept.append(f"{name}={strength}")
        else:  # stopped before its strength was given
            kept.append(f"{name}={_strength(name)}")
    given.emotions[:] = kept

    def check(answer: str) -> tuple[str, int | None]:
        if not answer:
            return "", None
        if "=" in answer:
            try:
                name, strength = parse_emotion(answer)
            except InvalidValue:
                raise InvalidValue(
                    "Type just the feeling's name (you'll be asked how strong it was),"
                    " or name and strength together, such as anxious=80."
                ) from None
        else:
            name, strength = emotion_name(answer), None
        if name in (text.rpartition("=")[0] for text in given.emotions):
            raise InvalidValue(
                f"You've named '{name}' already. Name another feeling, or press Enter when done."
            )
        return name, strength

    while True:
        name, strength = ask("Feeling (Enter when done)", check)
        if not name:
            return
        if strength is None:
            given.emotions.append(f"{name}=")  # kept even if the person stops at the next question
            strength = _strength(name)
            given.emotions[-1] = f"{name}={strength}"
        else:
            given.emotions.append(f"{name}={strength}")


def _strength(name: str) -> int:
    return ask_rating(f"How strong was '{visible(name)}'?", required=True)  # type: ignore[return-value]


def _thoughts(given: RecordInput) -> None:
    tell()
    tell("What went through your mind just then? One thought at a time.")
    kept: list[str] = []
    for text in given.thoughts or []:  # when resuming
        try:
            checked_text(text, "That thought")
        except InvalidValue as error:
            tell(f"  A thought can't be kept as it is: {visible(str(error))}")
            continue
        tell(f"  so far: {visible(text)}")
        kept.append(text)
    given.thoughts = kept
    while True:
        thought = ask("Thought (Enter when done)")
        if not thought:
            return
        given.thoughts.append(thought)  # type: ignore[union-attr]


def _hot_thought(given: RecordInput) -> None:
    thoughts = given.thoughts or []
    if len(thoughts) > 1:
        for number, text in enumerate(thoughts, start=1):
            tell(f"  {number}. {visible(text)}")

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
    after = dict(text.rsplit("=", 1) for text in given.emotions_after)
    for text in given.emotions:
        name = text.rpartition("=")[0]
        now = ask_rating(f"How strong is '{visible(name)}' now?", kept=after.get(name))
        if now is None:
            after.pop(name, None)
        else:
            after[name] = str(now)
        given.emotions_after = [f"{feeling}={strength}" for feeling, strength in after.items()]


def _tags(given: RecordInput) -> None:
    tell()

    def check(answer: str) -> str:
        tag_names([answer])
        return answer

    given.tags = [
        ask(
            "Any tags? People, places or themes, separated by commas (e.g. work, boss)",
            check,
            default=", ".join(given.tags or []),
        )
    ]


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
# The answers each step gives, to tell which step to ask again when one can't be saved.
_ANSWERS = {
    _situation: ("situation",),
    _when: ("when",),
    _feelings: ("emotions",),
    _thoughts: ("thoughts",),
    _hot_thought: ("belief",),
    _distortions: ("distortions",),
    _behaviour: ("behaviour",),
    _evidence: ("evidence_for", "evidence_against"),
    _reframe: ("reframe", "reframe_belief", "belief_after", "emotions_after"),
    _tags: ("tags",),
}


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
    return confirm("Would you like to plan a small step to test the hot thought?")


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
    _step_prediction(given)
    return given


def _step_prediction(given: ExperimentInput) -> None:
    """Who it involves, the reaction feared, how likely, the safety behaviours to drop: each
    skipped with Enter."""
    from thoughtlog import steps

    tell("A few more questions, each skipped with Enter.")
    given.step.with_ = ask("Who does it involve? (boss, colleague, partner, parent...)") or None
    given.step.feared = ask("What reaction do you fear, as someone watching would see it?") or None
    if given.step.feared:
        given.step.p_feared = ask_rating("How likely does that reaction seem now?")
    tell("Safety behaviours are what we do to feel safer, and they keep the fear going: for")
    tell(f"example {', '.join(steps.SAFETY_EXAMPLES[:-1])} or {steps.SAFETY_EXAMPLES[-1]}.")

    def check_safety(answer: str) -> list[str] | None:
        return [answer] if steps.safety_list([answer]) else None

    given.step.safety = ask(
        "Is there one you'll try to drop this time? (several with commas)", check_safety
    )


def _step_reaction(given: ExperimentInput, planned_safety: list[str] | None) -> None:
    """How they reacted, the safety behaviours still used, and the surprise: each skippable."""
    from thoughtlog import steps

    def check_reaction(answer: str) -> str | None:
        return steps.reaction(answer)

    given.step.reaction = ask(
        f"How did they react? ({' / '.join(steps.REACTIONS)}; Enter to skip)", check_reaction
    )
    if planned_safety:
        tell(f"You meant to drop: {visible(', '.join(planned_safety))}.")

    def check_used(answer: str) -> list[str] | None:
        return [answer] if steps.safety_list([answer], none_allowed=True) is not None else None

    given.step.safety_used = ask(
        "Did you still use any safety behaviour? Name it, or say 'none' (Enter to skip)",
        check_used,
    )
    given.step.surprise = ask_rating("How surprised were you by what happened?")


def step_taken() -> ExperimentInput:
    """Ask about a step already taken: the belief, the step, what was feared and what came."""
    tell("A step you've already taken: what you feared, and what really happened.")
    given = ExperimentInput()
    given.belief = ask("What belief did it test?", _required("the belief"))
    given.confidence = ask_rating("How sure were you that it's true, beforehand?")
    given.plan = ask("What did you do?", _required("what you did"))
    given.expected_distress = ask_rating("How distressing did you expect it to be?")
    _step_prediction(given)
    tell()
    _outcome_questions(given, given.step.safety)
    return given


def experiment_outcome(experiment: Experiment) -> ExperimentInput:
    """Ask what happened, beside what was predicted."""
    tell(f"The belief you tested: {visible(experiment.belief)}")
    if experiment.confidence_before is not None:
        tell(f"You were {experiment.confidence_before}% sure of it.")
    tell(f"Your small step: {visible(experiment.plan)}")
    tell()
    if experiment.feared_reaction:
        tell(f"The reaction you feared: {visible(experiment.feared_reaction)}")
    if experiment.p_feared is not None:
        tell(f"It seemed {experiment.p_feared}% likely.")
    tell()
    given = ExperimentInput()
    _outcome_questions(given, experiment.safety_behaviours)
    return given


def _outcome_questions(given: ExperimentInput, planned_safety: list[str] | None) -> None:
    given.outcome = ask("What happened?", _required("what happened"))
    given.came_true = ask("Did the outcome you feared come true? (yes / partly / no)", came_true)
    _step_reaction(given, planned_safety)
    given.distress = ask_rating("How distressing was it when you took the step?")
    given.learned = ask("What did you learn?")
    given.confidence_after = ask_rating("How sure are you of the belief now?")


def belief() -> tuple[str, str | None, int | None, int | None]:
    """Ask for a long-term belief, with an optional downward arrow to find it, the new belief
    growing in its place, and how much each is believed now."""
    from thoughtlog.beliefs import DOWNWARD_ARROW

    tell("A long-term belief is the rule behind many hot thoughts.")
    found = ""
    if confirm("Would you like to find it with the downward arrow, from a hot thought?"):
        answer = ask("A hot thought that keeps coming back", _required("the thought"))
        while answer:
            found = answer
            answer = ask(f"  {DOWNWARD_ARROW} (Enter to stop)")
    text = ask("The belief, in your words", _required("the belief"), default=found)
    old = ask_rating("How much do you believe it now?")
    new_text = ask("The new belief growing in its place (Enter to skip)") or None
    new = ask_rating("How much do you believe the new one?") if new_text else None
    return text, new_text, old, new


def evidence_from_steps(
    offers: list[tuple[int, str, str | None, str]],
) -> list[tuple[int, str, str | None, str]]:
    """Offer each step whose feared reaction didn't come as evidence; keep those accepted."""
    tell("These steps went better than you feared:")
    chosen = []
    for offer in offers:
        step_id, plan, outcome, _ = offer
        tell(f"  Step {step_id}: {visible(plan)}" + (f" ({visible(outcome)})" if outcome else ""))
        if confirm("  Add it to the evidence?", default=True):
            chosen.append(offer)
    return chosen


def script(given: ScriptInput) -> ScriptInput:
    """Ask for the parts of an assertive script not already given, one at a time, each with its
    hint. An empty answer, or Ctrl-D, stops there: what was written so far is kept. (tell breaks
    each line between words at the width of the terminal it reaches.)"""
    from thoughtlog.scripts import PARTS

    tell("A script gets one thing ready to say, in four short parts.")
    tell("You can stop after any part: press Enter on an empty line, and what you wrote is kept.")
    try:
        if given.with_ is None:
            given.with_ = ask("Who is it for? (Enter to skip)") or None
        if given.situation is None:
            given.situation = ask("When will you say it? (Enter to skip)") or None
        for part in PARTS:
            if getattr(given, part.key) is not None:
                continue
            tell()
            tell(f"{part.heading}: {part.hint}")
            answer = ask(part.heading)
            if not answer:
                break
            setattr(given, part.key, answer)
    except typer.Abort:  # Ctrl-D: stop here, keeping what was written
        tell()
    return given
