"""A long-term belief read from the JSON export, every field checked."""

from __future__ import annotations

from typing import Any

from thoughtlog.beliefs import Belief, BeliefEvidence, BeliefRating
from thoughtlog.errors import InvalidValue
from thoughtlog.exchange.fields import (
    checked_object,
    list_value,
    rating_value,
    text_value,
    timestamp_value,
    uuid_text,
    uuid_value,
)
from thoughtlog.storage import utc_now

BELIEF_KEYS = frozenset(
    {
        "id", "uuid", "text", "new_text", "created_at", "updated_at", "ratings", "evidence",
        "record_uuids", "experiment_uuids", "record_ids", "experiment_ids",
    }
)  # fmt: skip
RATING_KEYS = frozenset({"at", "old", "new"})
EVIDENCE_KEYS = frozenset({"at", "text"})


def belief_from_json(value: Any, where: str) -> Belief:
    """A belief with its ratings and evidence; record_ids and experiment_ids are another
    journal's ids and are not read (record_uuids and experiment_uuids link it here)."""
    fields = checked_object(value, where, BELIEF_KEYS)
    text = text_value(fields, "text", where)
    if text is None:
        raise InvalidValue(f"{where} has no text, and every belief needs one.")
    now = utc_now()
    return Belief(
        uuid=uuid_value(fields, where),
        text=text,
        new_text=text_value(fields, "new_text", where),
        created_at=timestamp_value(fields, "created_at", where) or now,
        updated_at=timestamp_value(fields, "updated_at", where) or now,
        ratings=[
            _rating(item, f"{where}, rating {number}")
            for number, item in enumerate(list_value(fields.get("ratings"), where, "ratings"), 1)
        ],
        evidence=[
            _evidence(item, f"{where}, evidence {number}")
            for number, item in enumerate(list_value(fields.get("evidence"), where, "evidence"), 1)
        ],
        record_uuids=[
            uuid_text(u, where, "record_uuids")
            for u in list_value(fields.get("record_uuids"), where, "record_uuids")
        ],
        experiment_uuids=[
            uuid_text(u, where, "experiment_uuids")
            for u in list_value(fields.get("experiment_uuids"), where, "experiment_uuids")
        ],
    )


def _at(fields: dict[str, Any], where: str) -> str:
    at = timestamp_value(fields, "at", where)
    if at is None:
        raise InvalidValue(f"{where} has no 'at': say when it was, as an ISO date and time.")
    return at


def _rating(value: Any, where: str) -> BeliefRating:
    fields = checked_object(value, where, RATING_KEYS)
    rating = BeliefRating(
        at=_at(fields, where),
        old=rating_value(fields, "old", where),
        new=rating_value(fields, "new", where),
    )
    if rating.old is None and rating.new is None:
        raise InvalidValue(f"{where} has neither an old nor a new rating: give one, 0-100.")
    return rating


def _evidence(value: Any, where: str) -> BeliefEvidence:
    fields = checked_object(value, where, EVIDENCE_KEYS)
    return BeliefEvidence(
        at=_at(fields, where),
        text=text_value(fields, "text", where, required=True),  # type: ignore[arg-type]
    )
