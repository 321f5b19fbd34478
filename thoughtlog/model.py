"""The thought record and behavioural experiment as plain data, with the checks every value passes."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from thoughtlog.errors import InvalidValue

CAME_TRUE = ("yes", "partly", "no")


def rating(value: Any, what: str) -> int | None:
    """A 0-100 rating (intensity, belief, confidence, distress), or None when not given.

    what names the rating as a sentence would start ("The intensity of 'anxious'"); the message
    says what the value isn't, then what to use: "'140' is out of range: use a whole number from
    0 to 100 for the intensity of 'anxious'".
    """
    if value is None or value == "":
        return None
    rated = what[0].lower() + what[1:] if what[1:2].islower() else what
    try:
        number = float(value) if not isinstance(value, bool) else float("nan")
    except (TypeError, ValueError):
        number = float("nan")
    if number != number:
        problem = "isn't a number"
    elif not 0 <= number <= 100:
        problem = "is out of range"
    elif number != int(number):
        problem = "isn't a whole number"
    else:
        return int(number)
    raise InvalidValue(f"'{value}' {problem}: use a whole number from 0 to 100 for {rated}.")


MAX_TEXT_LENGTH = 100_000  # characters in one text: some 15,000 words, far more than a record needs
_UNDECODABLE = re.compile("[\ud800-\udfff]")  # how Python keeps bytes that weren't UTF-8


def checked_text(text: str, what: str = "That text") -> str:
    """Text the journal can keep: within MAX_TEXT_LENGTH, and UTF-8 rather than undecodable bytes."""
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidValue(
            f"{what} is too long ({len(text):,} characters):"
            f" keep it to {MAX_TEXT_LENGTH:,} or fewer."
        )
    if not text.isascii() and _UNDECODABLE.search(text):
        raise InvalidValue(
            f"{what} has bytes that aren't UTF-8 text; set your terminal (or file) to UTF-8"
            " and write it again."
        )
    return text


def text_or_none(value: str | None, what: str = "That text") -> str | None:
    """Trimmed text, or None for empty, so that 'not written yet' is always stored as NULL."""
    if value is None:
        return None
    value = checked_text(value.strip(), what)
    return value or None


def parse_emotion(text: str) -> tuple[str, int]:
    """'anxious=80' to ('anxious', 80); a name without a number is an error.

    The number follows the last '=', so a feeling whose name holds '=' can still be rated.
    """
    name, sep, number = text.rpartition("=")
    if not sep:
        name, number = text, ""
    if not name.strip():
        raise InvalidValue(
            f"The emotion '{text}' needs a name before the number, for example anxious=80."
        )
    name = emotion_name(name)
    if not sep or not number.strip():
        raise InvalidValue(
            f"The emotion '{text}' needs an intensity: write it as NAME=N, for example anxious=80."
        )
    return name, rating(number.strip(), f"The intensity of '{name}'")  # type: ignore[return-value]


@lru_cache(maxsize=4096)  # an import meets the same few names again and again
def emotion_name(text: str) -> str:
    """A feeling's name as the journal keeps it: lowercase, with single spaces between words."""
    name = re.sub(r"\s+", " ", checked_text(text, "The feeling's name").strip().lower())
    if not name:
        raise InvalidValue("An emotion needs a name, for example anxious=80.")
    return name


def once_each(names: list[str], given: list[str], where: str) -> None:
    """A feeling named twice (in any case) is a mistake to point out, not to settle silently.

    where says how the feelings were given, as a sentence ends: "with --emotion".
    """
    seen: dict[str, str] = {}
    for name, text in zip(names, given, strict=True):
        if name in seen:
            raise InvalidValue(
                f"'{name}' is given twice ({seen[name]} and {text}): give each feeling once"
                f" {where}."
            )
        seen[name] = text


TAG_RULE = (
    "a tag holds letters and digits (any language), with hyphens between words;"
    " capitals become lowercase and spaces become hyphens, for example work or my-boss"
)


@lru_cache(maxsize=4096)
def tag_name(text: str) -> str:
    """A tag as the journal keeps it, following TAG_RULE: 'My Boss' becomes 'my-boss'.

    Text the rule can't keep ('home / work', '🎉 party') is refused, never trimmed to fit.
    """
    words = re.sub(r"[\s_-]+", "-", text.strip().lower().removeprefix("#")).strip("-")
    if not words or any(c != "-" and unicodedata.category(c)[0] not in "LMN" for c in words):
        raise InvalidValue(
            f"'{text}' can't be used as a tag: {TAG_RULE}. Separate several tags with commas."
        )
    return words


def tag_names(texts: list[str]) -> list[str]:
    tags: list[str] = []
    for text in texts:
        for part in text.split(","):
            if part.strip() and (tag := tag_name(part)) not in tags:
                tags.append(tag)
    return tags


@dataclass
class Emotion:
    name: str
    before: int | None = None
    after: int | None = None


@dataclass
class Thought:
    text: str
    belief_before: int | None = None
    belief_after: int | None = None
    hot: bool = False
    distortions: list[str] = field(default_factory=list)


def hot_of(thoughts: list[Thought]) -> Thought | None:
    """The one rule for which thought is hot: the first marked hot, else the first, else none."""
    return next((t for t in thoughts if t.hot), thoughts[0] if thoughts else None)


def mark_hot(thoughts: list[Thought], hot: Thought | None = None) -> Thought | None:
    """Mark exactly one thought hot (the one given, else the one hot_of names) and return it."""
    hot = hot if hot is not None else hot_of(thoughts)
    for thought in thoughts:
        thought.hot = thought is hot
    return hot


@dataclass
class Record:
    situation: str
    occurred_at: datetime
    emotions: list[Emotion] = field(default_factory=list)
    thoughts: list[Thought] = field(default_factory=list)
    behaviour: str | None = None
    evidence_for: str | None = None
    evidence_against: str | None = None
    reframe: str | None = None
    reframe_belief: int | None = None
    tags: list[str] = field(default_factory=list)
    id: int | None = None
    uuid: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    deleted_at: str | None = None

    @property
    def hot_thought(self) -> Thought | None:
        """The thought marked hot; see hot_of for the rule."""
        return hot_of(self.thoughts)

    @property
    def complete(self) -> bool:
        """A record is complete once it has a balanced reframe."""
        return bool(self.reframe)

    def to_dict(self) -> dict[str, Any]:
        """The record as `show --json` prints it and the JSON export holds it."""
        return {
            "id": self.id,
            "uuid": self.uuid,
            "occurred_at": self.occurred_at.isoformat(timespec="seconds"),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "situation": self.situation,
            "behaviour": self.behaviour,
            "emotions": [
                {"name": e.name, "before": e.before, "after": e.after} for e in self.emotions
            ],
            "thoughts": [
                {
                    "text": t.text,
                    "belief_before": t.belief_before,
                    "belief_after": t.belief_after,
                    "hot": t.hot,
                    "distortions": list(t.distortions),
                }
                for t in self.thoughts
            ],
            "evidence_for": self.evidence_for,
            "evidence_against": self.evidence_against,
            "reframe": self.reframe,
            "reframe_belief": self.reframe_belief,
            "tags": list(self.tags),
            "complete": self.complete,
        }


@dataclass
class Experiment:
    belief: str
    plan: str
    confidence_before: int | None = None
    planned_for: datetime | None = None
    expected_distress: int | None = None
    record_id: int | None = None
    status: str = "planned"
    done_at: str | None = None
    outcome: str | None = None
    came_true: str | None = None
    actual_distress: int | None = None
    learned: str | None = None
    confidence_after: int | None = None
    # What was feared and what came (see steps.py): all optional, as a quick plan needs none.
    with_: str | None = None
    feared_reaction: str | None = None
    p_feared: int | None = None
    safety_behaviours: list[str] | None = None
    reaction: str | None = None
    safety_used: list[str] | None = None  # [] means "none": said, not merely left out
    surprise: int | None = None
    belief_id: int | None = None
    script_id: int | None = None
    id: int | None = None
    uuid: str | None = None
    record_uuid: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    deleted_at: str | None = None

    @property
    def done(self) -> bool:
        return self.status == "done"

    def is_due(self, now: datetime) -> bool:
        """A planned step whose date has passed."""
        return not self.done and self.planned_for is not None and self.planned_for <= now

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "record_id": self.record_id,
            "record_uuid": self.record_uuid,
            "belief": self.belief,
            "confidence_before": self.confidence_before,
            "plan": self.plan,
            "planned_for": self.planned_for.isoformat(timespec="seconds")
            if self.planned_for
            else None,
            "expected_distress": self.expected_distress,
            "status": self.status,
            "done_at": self.done_at,
            "outcome": self.outcome,
            "came_true": self.came_true,
            "actual_distress": self.actual_distress,
            "learned": self.learned,
            "confidence_after": self.confidence_after,
            "with": self.with_,
            "feared_reaction": self.feared_reaction,
            "p_feared": self.p_feared,
            "safety_behaviours": _copy(self.safety_behaviours),
            "reaction": self.reaction,
            "safety_used": _copy(self.safety_used),
            "surprise": self.surprise,
            "belief_id": self.belief_id,
            "script_id": self.script_id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


def _copy(items: list[str] | None) -> list[str] | None:
    return None if items is None else list(items)


def came_true(value: str | None) -> str | None:
    if value is None:
        return None
    answer = value.strip().lower()
    if answer not in CAME_TRUE:
        raise InvalidValue(
            f"'{value}' isn't an answer thoughtlog knows for came-true: use yes, partly or no."
        )
    return answer
