"""Assertive scripts in the JSON export: written whole, and read back with every field checked
(the importer merges them by uuid)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from thoughtlog.errors import InvalidValue
from thoughtlog.exchange.fields import (
    bad_value,
    checked_object,
    list_value,
    rating_value,
    string_value,
    text_value,
    timestamp_value,
    uuid_text,
    uuid_value,
)
from thoughtlog.scripts import PART_KEYS, REHEARSAL_KINDS, Rehearsal, Script
from thoughtlog.storage import utc_now

if TYPE_CHECKING:
    pass

SCRIPTS_KEY = "scripts"
SCRIPT_KEYS = frozenset(
    {
        "id", "uuid", "with", "situation", *PART_KEYS, "created_at", "updated_at", "rehearsals",
        "belief_uuid", "experiment_uuids", "belief_id", "experiment_ids",
    }
)  # fmt: skip
REHEARSAL_KEYS = frozenset({"uuid", "at", "with", "before", "after", "note"})


def scripts_json(scripts: Iterable[Script], encode: Callable[[Any], str]) -> str:
    """The export's "scripts" array, one script a line: a person keeps a handful."""
    written = [encode(script.to_export()) for script in scripts]
    return (
        "["
        + "".join((",\n  " if i else "\n  ") + s for i, s in enumerate(written))
        + ("\n ]" if written else "]")
    )


def script_from_json(value: Any, where: str) -> Script:
    """A script with its rehearsals; belief_id and experiment_ids are another journal's ids and
    are not read (belief_uuid and experiment_uuids link it here)."""
    fields = checked_object(value, where, SCRIPT_KEYS)
    now = utc_now()
    script = Script(
        uuid=uuid_value(fields, where),
        with_=text_value(fields, "with", where),
        situation=text_value(fields, "situation", where),
        **{key: text_value(fields, key, where) for key in PART_KEYS},
        created_at=timestamp_value(fields, "created_at", where) or now,
        updated_at=timestamp_value(fields, "updated_at", where) or now,
        rehearsals=[
            _rehearsal(item, f"{where}, rehearsal {number}")
            for number, item in enumerate(
                list_value(fields.get("rehearsals"), where, "rehearsals"), 1
            )
        ],
        experiment_uuids=[
            uuid_text(u, where, "experiment_uuids")
            for u in list_value(fields.get("experiment_uuids"), where, "experiment_uuids")
        ],
    )
    belief_uuid = fields.get("belief_uuid")
    script.belief_uuid = uuid_text(belief_uuid, where, "belief_uuid") if belief_uuid else None
    if not script.parts:
        raise InvalidValue(
            f"{where} has none of describe, express, specify or consequences, and every script"
            " needs one."
        )
    return script


def _rehearsal(value: Any, where: str) -> Rehearsal:
    fields = checked_object(value, where, REHEARSAL_KEYS)
    at = timestamp_value(fields, "at", where)
    if at is None:
        raise InvalidValue(f"{where} has no 'at': say when it was, as an ISO date and time.")
    kind = string_value(fields.get("with"), where, "with")
    if kind not in REHEARSAL_KINDS:
        raise bad_value(where, "with", kind, f"use {', '.join(REHEARSAL_KINDS)}.")
    return Rehearsal(
        at=at,
        with_=kind,  # type: ignore[arg-type]
        before=rating_value(fields, "before", where),
        after=rating_value(fields, "after", where),
        note=text_value(fields, "note", where),
        uuid=uuid_value(fields, where),
    )
