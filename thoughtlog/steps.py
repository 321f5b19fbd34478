"""A step's predicted and actual reaction: who it was with, what was feared, what came, checked."""

from __future__ import annotations

from dataclasses import dataclass

from thoughtlog.errors import InvalidValue
from thoughtlog.model import Experiment, rating, text_or_none

# How the other person reacted, kindest first; the last two are what the person feared.
REACTIONS = ("praise", "agreement", "neutral", "disagreement", "criticism", "punishment")
FEARED_REACTIONS = frozenset({"criticism", "punishment"})

# Offered when the guided questions ask what the person will try to stop doing.
SAFETY_EXAMPLES = (
    "over-apologising",
    "softening what I say",
    "speaking last",
    "asking permission first",
    "avoiding eye contact",
    "rehearsing every word",
    "taking it back straight away",
)

# Said to --safety-used (or the guided question) to mean "I used none of them".
NONE_WORDS = frozenset({"none", "nothing", "no"})


@dataclass
class StepInput:
    """Raw values for a step's new fields; None means 'not given'."""

    with_: str | None = None
    feared: str | None = None
    p_feared: str | int | None = None
    safety: list[str] | None = None
    reaction: str | None = None
    safety_used: list[str] | None = None
    surprise: str | int | None = None

    @property
    def plan_given(self) -> bool:
        return any(v is not None for v in (self.with_, self.feared, self.p_feared, self.safety))

    @property
    def outcome_given(self) -> bool:
        return any(v is not None for v in (self.reaction, self.safety_used, self.surprise))


def reaction(value: str | None) -> str | None:
    """A reaction kind from REACTIONS (any case), or None when not given."""
    if value is None or not value.strip():
        return None
    answer = value.strip().lower()
    if answer not in REACTIONS:
        raise InvalidValue(
            f"'{value}' isn't a reaction thoughtlog knows: use praise, agreement, neutral,"
            " disagreement, criticism or punishment."
        )
    return answer


def safety_list(values: list[str] | None, *, none_allowed: bool = False) -> list[str] | None:
    """Safety behaviours as a list of short texts; commas separate several in one value.

    With none_allowed, 'none' alone gives [] (the person said they used none), which is not the
    same as None (not said).
    """
    if values is None:
        return None
    items: list[str] = []
    for value in values:
        for part in value.split(","):
            text = text_or_none(part, "A safety behaviour")
            if text and text.lower() not in (i.lower() for i in items):
                items.append(text)
    if none_allowed and len(items) == 1 and items[0].lower() in NONE_WORDS:
        return []
    if none_allowed and any(i.lower() in NONE_WORDS for i in items):
        raise InvalidValue(
            "Say 'none' on its own when you used no safety behaviour, or name the ones you used."
        )
    return items or None


def with_text(value: str | None) -> str | None:
    """Who the step was with, kept lowercase so that 'Boss' and 'boss' count together."""
    text = text_or_none(value, "Who it was with")
    return " ".join(text.lower().split()) if text else None


def apply_plan(experiment: Experiment, given: StepInput) -> None:
    """Set the planning fields that were given: with, feared reaction, p_feared, safety."""
    if given.with_ is not None:
        experiment.with_ = with_text(given.with_)
    if given.feared is not None:
        experiment.feared_reaction = text_or_none(given.feared, "The feared reaction")
    if given.p_feared is not None:
        experiment.p_feared = rating(given.p_feared, "How likely the feared reaction seems")
    if given.safety is not None:
        experiment.safety_behaviours = safety_list(given.safety)


def apply_outcome(experiment: Experiment, given: StepInput) -> None:
    """Set the fields known once the step is taken: reaction, safety used, surprise."""
    if given.reaction is not None:
        experiment.reaction = reaction(given.reaction)
    if given.safety_used is not None:
        experiment.safety_used = safety_list(given.safety_used, none_allowed=True)
    if given.surprise is not None:
        experiment.surprise = rating(given.surprise, "How surprised you were")


def feared_came(experiment: Experiment) -> bool | None:
    """Whether the feared reaction came: criticism or punishment, or with no reaction given,
    came_true yes. None for a step not done, or done without saying."""
    if not experiment.done:
        return None
    if experiment.reaction is not None:
        return experiment.reaction in FEARED_REACTIONS
    if experiment.came_true is not None:
        return experiment.came_true == "yes"
    return None
