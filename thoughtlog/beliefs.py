"""Long-term beliefs: the old rule and the new one growing in its place, rated again and again."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from thoughtlog import dates
from thoughtlog.errors import InvalidValue
from thoughtlog.model import rating, text_or_none

# The downward arrow's question, asked until the person stops (Burns; Greenberger & Padesky).
DOWNWARD_ARROW = "If that were true, what would it mean about you?"

_SPARKS = "▁▂▃▄▅▆▇█"


@dataclass
class BeliefRating:
    at: str
    old: int | None = None
    new: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at, "old": self.old, "new": self.new}


@dataclass
class BeliefEvidence:
    at: str
    text: str
    experiment_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at, "text": self.text}


@dataclass
class Belief:
    text: str
    new_text: str | None = None
    ratings: list[BeliefRating] = field(default_factory=list)  # oldest first
    evidence: list[BeliefEvidence] = field(default_factory=list)  # oldest first
    record_ids: list[int] = field(default_factory=list)
    experiment_ids: list[int] = field(default_factory=list)
    # In an export, the links by uuid, which hold from one journal to another.
    record_uuids: list[str] = field(default_factory=list)
    experiment_uuids: list[str] = field(default_factory=list)
    id: int | None = None
    uuid: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    deleted_at: str | None = None

    @property
    def last_rating(self) -> BeliefRating | None:
        return self.ratings[-1] if self.ratings else None

    def to_dict(self) -> dict[str, Any]:
        """`belief show --json`, as DESIGN.md gives it."""
        return {
            "id": self.id,
            "uuid": self.uuid,
            "text": self.text,
            "new_text": self.new_text,
            "created_at": self.created_at,
            "ratings": [r.to_dict() for r in self.ratings],
            "evidence": [e.to_dict() for e in self.evidence],
            "record_ids": list(self.record_ids),
            "experiment_ids": list(self.experiment_ids),
        }

    def to_export(self) -> dict[str, Any]:
        """The belief as the JSON export holds it: linked by uuid, not by this journal's ids."""
        return {
            "uuid": self.uuid,
            "text": self.text,
            "new_text": self.new_text,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "ratings": [r.to_dict() for r in self.ratings],
            "evidence": [e.to_dict() for e in self.evidence],
            "record_uuids": list(self.record_uuids),
            "experiment_uuids": list(self.experiment_uuids),
        }


def belief_text(value: str | None) -> str:
    text = text_or_none(value, "The belief")
    if not text:
        raise InvalidValue(
            "A belief needs its words, for example"
            ' "If I contradict someone in authority, I\'ll be punished".'
        )
    return text


def new_belief(
    text: str | None,
    *,
    new_text: str | None = None,
    old_rating: str | int | None = None,
    new_rating: str | int | None = None,
    now: datetime | None = None,
) -> Belief:
    """A belief to save, with a first rating when either rating is given."""
    belief = Belief(text=belief_text(text), new_text=text_or_none(new_text, "The new belief"))
    first = dated_rating(old_rating, new_rating, now=now, required=False)
    if first:
        belief.ratings.append(first)
    return belief


def dated_rating(
    old: str | int | None,
    new: str | int | None,
    *,
    when: str | None = None,
    now: datetime | None = None,
    required: bool = True,
) -> BeliefRating | None:
    """A rating of the old belief (and the new one), at a moment already come."""
    old_value = rating(old, "How much you believe the old rule")
    new_value = rating(new, "How much you believe the new one")
    if old_value is None and new_value is None:
        if required:
            raise InvalidValue("Give a rating: --old N (0-100), and --new N for the new belief.")
        return None
    return BeliefRating(at=dates.to_text(moment(when, now=now)), old=old_value, new=new_value)


def moment(when: str | None, *, now: datetime | None = None) -> datetime:
    """When a rating or a piece of evidence belongs: now, or a moment already past."""
    now = now or dates.now_local()
    if when is None:
        return now
    at = dates.parse_when(when, now=now)
    if at > now:
        raise InvalidValue(
            f"--when '{when}' is still to come: give a moment already past, such as"
            " 'yesterday 6pm', or leave --when out for now."
        )
    return at


def evidence(text: str | None, *, when: str | None = None, now: datetime | None = None):
    kept = text_or_none(text, "The evidence")
    if not kept:
        raise InvalidValue(
            "Evidence needs a few words: a small fact that fits the new belief, such as"
            ' "My manager thanked me for raising the risk".'
        )
    return BeliefEvidence(at=dates.to_text(moment(when, now=now)), text=kept)


def sparkline(values: list[int | None]) -> str:
    """Ratings 0-100 as a line of block characters; a missing rating is a space."""
    return "".join(
        " " if v is None else _SPARKS[min(len(_SPARKS) - 1, v * len(_SPARKS) // 101)]
        for v in values
    )


def step_as_evidence(plan: str, outcome: str | None) -> str:
    """The words a step whose feared reaction didn't come is offered as, for the data log."""
    return f"{plan}: {outcome}" if outcome else plan
