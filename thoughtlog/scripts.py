"""Assertive scripts (Describe, Express, Specify, Consequences) and the rehearsals that practise them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from thoughtlog import dates
from thoughtlog.beliefs import moment
from thoughtlog.errors import InvalidValue
from thoughtlog.model import rating, text_or_none

# Who a script was practised with: a role-play with a therapist or a friend, or on one's own.
REHEARSAL_KINDS = ("therapist", "friend", "mirror", "alone")


@dataclass(frozen=True)
class Part:
    """One part of a script: its field, its heading, and a short hint on how to write it."""

    key: str
    heading: str
    hint: str


# Our own words for each part, kept short enough to read on a bad day.
PARTS = (
    Part("describe", "Describe", "What happens, as a camera would see it: facts, not judgements."),
    Part("express", "Express", 'How it leaves you, in a sentence that starts "I feel…".'),
    Part("specify", "Specify", "One small change you ask for: one at a time is plenty."),
    Part("consequences", "Consequences", "The good that could follow, for both of you."),
)
PART_KEYS = tuple(part.key for part in PARTS)


@dataclass
class Rehearsal:
    at: str
    with_: str
    before: int | None = None
    after: int | None = None
    note: str | None = None
    uuid: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "with": self.with_,
            "before": self.before,
            "after": self.after,
            "note": self.note,
        }


@dataclass
class Script:
    describe: str | None = None
    express: str | None = None
    specify: str | None = None
    consequences: str | None = None
    with_: str | None = None  # who it is for: "my team lead"
    situation: str | None = None
    belief_id: int | None = None
    rehearsals: list[Rehearsal] = field(default_factory=list)  # oldest first
    experiment_ids: list[int] = field(default_factory=list)
    # In an export, the links by uuid, which hold from one journal to another.
    belief_uuid: str | None = None
    experiment_uuids: list[str] = field(default_factory=list)
    id: int | None = None
    uuid: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    deleted_at: str | None = None

    @property
    def parts(self) -> list[tuple[Part, str]]:
        """The parts written so far, in their order, with their text."""
        return [(part, text) for part in PARTS if (text := getattr(self, part.key))]

    @property
    def title(self) -> str:
        """A few words that name the script: its situation, or who it is for, or its first part."""
        return self.situation or (f"With {self.with_}" if self.with_ else self.parts[0][1])

    def to_dict(self) -> dict[str, Any]:
        """`script show --json`, as DESIGN.md gives it."""
        return {
            "id": self.id,
            "uuid": self.uuid,
            "with": self.with_,
            "situation": self.situation,
            "describe": self.describe,
            "express": self.express,
            "specify": self.specify,
            "consequences": self.consequences,
            "belief_id": self.belief_id,
            "rehearsals": [r.to_dict() for r in self.rehearsals],
            "experiment_ids": list(self.experiment_ids),
        }

    def to_export(self) -> dict[str, Any]:
        """The script as the JSON export holds it: linked by uuid, not by this journal's ids."""
        return {
            "uuid": self.uuid,
            "with": self.with_,
            "situation": self.situation,
            **{key: getattr(self, key) for key in PART_KEYS},
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "rehearsals": [{"uuid": r.uuid, **r.to_dict()} for r in self.rehearsals],
            "belief_uuid": self.belief_uuid,
            "experiment_uuids": list(self.experiment_uuids),
        }


@dataclass
class ScriptInput:
    """Raw values for a script; None means 'not given'."""

    with_: str | None = None
    situation: str | None = None
    describe: str | None = None
    express: str | None = None
    specify: str | None = None
    consequences: str | None = None

    @property
    def empty(self) -> bool:
        return all(v is None for v in vars(self).values())


def new_script(given: ScriptInput) -> Script:
    """A script to save: at least one of its four parts must say something."""
    return apply(Script(), given)


def apply(script: Script, given: ScriptInput) -> Script:
    """The script with the values given; a part given empty is cleared, but not every part."""
    if given.with_ is not None:
        script.with_ = text_or_none(given.with_, "Who it is for")
    if given.situation is not None:
        script.situation = text_or_none(given.situation, "The situation")
    for part in PARTS:
        if (value := getattr(given, part.key)) is not None:
            setattr(script, part.key, text_or_none(value, part.heading))
    if not script.parts:
        raise InvalidValue(
            "A script needs at least one part in words: start with --describe, the facts of what"
            ' happens, such as "In the last three meetings my point was talked over".'
        )
    return script


def rehearsal(
    kind: str | None,
    *,
    before: str | int | None = None,
    after: str | int | None = None,
    note: str | None = None,
    when: str | None = None,
    now: datetime | None = None,
) -> Rehearsal:
    """A rehearsal or role-play, with how confident the person felt before and after it."""
    chosen = (kind or "").strip().lower()
    if chosen not in REHEARSAL_KINDS:
        shown = f"'{kind}' isn't" if kind else "Say"
        raise InvalidValue(
            f"{shown} who you practised with: use --with therapist, friend, mirror or alone."
        )
    return Rehearsal(
        at=dates.to_text(moment(when, now=now)),
        with_=chosen,
        before=rating(before, "How confident you felt before"),
        after=rating(after, "How confident you felt after"),
        note=text_or_none(note, "The note"),
    )


def confidence_change(script: Script) -> tuple[int | None, int | None]:
    """The first confidence given before a rehearsal and the last given after one."""
    befores = [r.before for r in script.rehearsals if r.before is not None]
    afters = [r.after for r in script.rehearsals if r.after is not None]
    return (befores[0] if befores else None, afters[-1] if afters else None)
