"""The care part of the JSON export: check-ins, the safety plan and calm sessions, merged by uuid."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from thoughtlog import dates
from thoughtlog.calm import CalmSession
from thoughtlog.checkins import CheckIn
from thoughtlog.errors import InvalidValue
from thoughtlog.exchange.fields import checked_object, uuid_text
from thoughtlog.safety import PART_KEYS, SafetyPlan

if TYPE_CHECKING:
    from thoughtlog.storage import Journal

# The top-level keys of the export that hold care (format version 2).
CARE_KEYS = ("checkins", "safety_plan", "calm_sessions")
CHECKIN_KEYS = frozenset({"id", "uuid", "kind", "at", "answers", "total", "band", "item9"})
PLAN_KEYS = frozenset({"uuid", "updated_at", *PART_KEYS})
CALM_KEYS = frozenset({"id", "uuid", "exercise", "at", "before", "after"})


def care_export(journal: Journal) -> dict[str, Any]:
    """What the export writes under CARE_KEYS."""
    plan = journal.get_plan()
    return {
        "checkins": [checkin.to_dict() for checkin in journal.walk_checkins()],
        "safety_plan": plan.to_dict() if plan else None,
        "calm_sessions": [session.to_dict() for session in journal.walk_calm()],
    }


@dataclass
class CarePart:
    """One top-level care key of an export, read and checked, waiting to be merged."""

    checkins: list[CheckIn] = field(default_factory=list)
    plan: SafetyPlan | None = None
    calm_sessions: list[CalmSession] = field(default_factory=list)


def care_from_json(key: str, value: Any) -> CarePart:
    if key == "checkins":
        if not isinstance(value, list):
            raise InvalidValue("The export's 'checkins' should be a list.")
        return CarePart(
            checkins=[checkin_from_json(item, f"Check-in {n}") for n, item in enumerate(value, 1)]
        )
    if key == "calm_sessions":
        if not isinstance(value, list):
            raise InvalidValue("The export's 'calm_sessions' should be a list.")
        return CarePart(
            calm_sessions=[
                calm_from_json(item, f"Calm session {n}") for n, item in enumerate(value, 1)
            ]
        )
    if value is None:
        return CarePart()
    where = "The safety plan"
    fields = checked_object(value, where, PLAN_KEYS)
    plan = SafetyPlan.from_dict(fields)
    plan.uuid = uuid_text(fields.get("uuid") or "", where, "uuid") if fields.get("uuid") else ""
    if not plan.updated_at:
        raise InvalidValue(f"{where} has no 'updated_at'.")
    return CarePart(plan=plan)


def checkin_from_json(value: Any, where: str) -> CheckIn:
    """A check-in from its JSON shape; the total, band and item9 are worked out again, not trusted."""
    fields = checked_object(value, where, CHECKIN_KEYS)
    answers = fields.get("answers")
    if not isinstance(answers, list):
        raise InvalidValue(f"{where}: 'answers' should be a list of numbers.")
    try:
        at = dates.from_text(str(fields.get("at")))
        checkin = CheckIn(kind=str(fields.get("kind")), answers=answers, at=at)
    except (InvalidValue, ValueError) as error:
        raise InvalidValue(f"{where}: {error}") from None
    checkin.uuid = uuid_text(fields.get("uuid"), where, "uuid") if fields.get("uuid") else ""
    return checkin


def calm_from_json(value: Any, where: str) -> CalmSession:
    fields = checked_object(value, where, CALM_KEYS)
    ratings = {}
    for name in ("before", "after"):
        rated = fields.get(name)
        if rated is not None and (isinstance(rated, bool) or not isinstance(rated, int)):
            raise InvalidValue(f"{where}: '{name}' should be a whole number from 0 to 100.")
        ratings[name] = rated
    try:
        session = CalmSession(
            str(fields.get("exercise")), dates.from_text(str(fields.get("at"))), **ratings
        )
    except (InvalidValue, ValueError) as error:
        raise InvalidValue(f"{where}: {error}") from None
    session.uuid = uuid_text(fields.get("uuid"), where, "uuid") if fields.get("uuid") else ""
    return session


@dataclass
class CareCounts:
    checkins_added: int = 0
    checkins_unchanged: int = 0
    plan_taken: bool = False
    calm_added: int = 0
    # PHQ-9 check-ins added whose item 9 is above 0: the command shows care before anything else.
    item9_added: int = 0


def merge_care(journal: Journal, part: CarePart, counts: CareCounts) -> None:
    """Inside the import's transaction: add check-ins new to this journal, take a newer plan."""
    for checkin in part.checkins:
        if journal.import_checkin(checkin):
            counts.checkins_added += 1
            counts.item9_added += checkin.needs_care_first
        else:
            counts.checkins_unchanged += 1
    for session in part.calm_sessions:
        counts.calm_added += journal.import_calm(session)
    if part.plan is not None and journal.import_plan(part.plan):
        counts.plan_taken = True
