"""The field checks both readers share: every value of an imported record or experiment, checked.

A reader turns its syntax (a JSON object, a CSV row) into plain fields, and these checks turn the
fields into a Record or an Experiment with the validators of ``thoughtlog.model``, naming the row,
field and value of the first bad one.
"""

from __future__ import annotations

import json
import re
import uuid as uuidlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from thoughtlog import dates, distortions
from thoughtlog.errors import InvalidValue
from thoughtlog.model import (
    Emotion,
    Experiment,
    Record,
    Thought,
    checked_text,
    emotion_name,
    mark_hot,
    rating,
    tag_name,
    text_or_none,
)
from thoughtlog.storage import utc_now

# The fields of an experiment, in the order the experiments table and the JSON shape give them.
# fmt: off
EXPERIMENT_FIELDS = (
    "id", "uuid", "record_id", "record_uuid", "belief", "confidence_before", "plan", "planned_for",
    "expected_distress", "status", "done_at", "outcome", "came_true", "actual_distress", "learned",
    "confidence_after", "with", "feared_reaction", "p_feared", "safety_behaviours", "reaction",
    "safety_used", "surprise", "belief_id", "script_id", "created_at", "updated_at",
)
# fmt: on

_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

# Records without a uuid (written by hand) get one made from their content, so that importing
# the same file twice still finds them the second time.
HAND_WRITTEN = uuidlib.UUID("5d0c1f64-0b8e-4c55-9d43-64c1b3f0a7e2")


class Read(NamedTuple):
    """A record or experiment as a reader hands it on, with its place in the file."""

    item: Record | Experiment
    number: int  # among the file's records (or experiments), or the CSV's rows, from 1
    where: str  # how messages name it: "Record 3", "Row 3 (line 4)"
    rows: Any = None  # a record's rows (storage's RecordRows), when worked out ahead of saving

    def named(self, number: int) -> str:
        """How a message names another place of the same kind: "record 3", "row 3"."""
        return f"{self.where.split(' ', 1)[0].lower()} {number}"


def check_record(
    fields: dict[str, Any], emotions: list[Emotion], thoughts: list[Thought], where: str
) -> Record:
    mark_hot(thoughts)  # one hot thought, as the journal keeps it
    situation = text_value(fields, "situation", where, required=True)
    occurred_at = moment_value(fields, "occurred_at", where, required=True)
    tags: list[str] = []
    for value in list_value(fields.get("tags"), where, "tags"):
        tag = _tag(value, where)
        if tag not in tags:
            tags.append(tag)
    created_at = timestamp_value(fields, "created_at", where)
    updated_at = timestamp_value(fields, "updated_at", where)
    if created_at is None or updated_at is None:
        now = utc_now()
        created_at, updated_at = created_at or now, updated_at or now
    record = Record(
        uuid=uuid_value(fields, where),
        situation=situation,  # type: ignore[arg-type]
        occurred_at=occurred_at,  # type: ignore[arg-type]
        emotions=emotions,
        thoughts=thoughts,
        behaviour=text_value(fields, "behaviour", where),
        evidence_for=text_value(fields, "evidence_for", where),
        evidence_against=text_value(fields, "evidence_against", where),
        reframe=text_value(fields, "reframe", where),
        reframe_belief=rating_value(fields, "reframe_belief", where),
        tags=tags,
        created_at=created_at,
        updated_at=updated_at,
    )
    if record.uuid is None:
        record.uuid = content_uuid(record)
    return record


def _tag(value: Any, where: str) -> str:
    if type(value) is str:
        try:
            return tag_name(value)
        except InvalidValue:
            pass  # said again below, with the row and field
    with FieldErrors(where, "tags"):
        return tag_name(string_value(value, where, "tags") or "")


def check_emotion(fields: dict[str, Any], where: str) -> Emotion:
    name, before, after = fields.get("name"), fields.get("before"), fields.get("after")
    # Most emotions are a plain name with ratings that are whole numbers from 0 to 100 or none:
    # taken as they are. Anything else goes through the model's checks, which say what is wrong.
    if type(name) is str and _plain_rating(before) and _plain_rating(after):
        try:
            return Emotion(emotion_name(name), before, after)
        except InvalidValue:
            pass
    with FieldErrors(where, "emotions"):
        name = emotion_name(string_value(name, where, "emotions") or "")
        before = rating(before, f"The intensity of '{name}'")
        after = rating(after, f"The intensity of '{name}' afterwards")
    return Emotion(name, before, after)


def check_thought(fields: dict[str, Any], where: str) -> Thought:
    text = text_value(fields, "text", where, required=True, column="thoughts")
    hot = fields.get("hot", False)
    if not isinstance(hot, bool):
        raise bad_value(where, "thoughts", hot, "hot is true or false.")
    slugs: list[str] = []
    for name in list_value(fields.get("distortions"), where, "distortions"):
        slug = _distortion(name, where)
        if slug not in slugs:
            slugs.append(slug)
    before, after = fields.get("belief_before"), fields.get("belief_after")
    if not (_plain_rating(before) and _plain_rating(after)):
        with FieldErrors(where, "thoughts"):
            before = rating(before, "The belief")
            after = rating(after, "The belief afterwards")
    return Thought(text, before, after, hot, slugs)  # type: ignore[arg-type]


def _distortion(name: Any, where: str) -> str:
    if type(name) is str:
        try:
            return distortions.resolve(name)
        except InvalidValue:
            pass  # said again below, with the row and field
    with FieldErrors(where, "distortions"):
        return distortions.resolve(string_value(name, where, "distortions") or "")


def _plain_rating(value: Any) -> bool:
    """A rating the model's check would keep as it is: none, or a whole number from 0 to 100."""
    return value is None or (type(value) is int and 0 <= value <= 100)


def plain_number(text: str) -> int | str:
    """A cell's digits as the number they write ("80" becomes 80); any other text stays text,
    for the checks to read (and, if it is no rating, to quote in their message)."""
    return int(text) if len(text) <= 3 and text.isdigit() and text.isascii() else text


class FieldErrors:
    """Say where a validator's complaint comes from: the row and the field.

    A plain class rather than @contextmanager: an import enters one per field, and this is the
    cheaper of the two by several microseconds each time.
    """

    __slots__ = ("where", "field")

    def __init__(self, where: str, field: str):
        self.where, self.field = where, field

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, traceback: object) -> None:
        if isinstance(error, InvalidValue):
            raise InvalidValue(f"{self.where}, field {self.field}: {error}") from None


def bad_value(where: str, field: str, value: Any, hint: str) -> InvalidValue:
    return InvalidValue(f"{where}, field {field}: '{value}' isn't accepted; {hint}")


def checked_object(value: Any, where: str, keys: frozenset[str]) -> dict[str, Any]:
    if type(value) is dict and keys.issuperset(value):
        return value
    if not isinstance(value, dict):
        raise InvalidValue(f"{where} should be an object {{...}}, not {json.dumps(value)[:60]}.")
    unknown = sorted(set(value) - keys)
    if unknown:
        raise InvalidValue(
            f"{where} has a field thoughtlog doesn't know: '{unknown[0]}'."
            f" It knows {', '.join(sorted(keys))}."
        )
    return value


def list_value(value: Any, where: str, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise bad_value(where, field, value, "it should be a list [...].")
    return value


def string_value(value: Any, where: str, field: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise bad_value(where, field, value, "it should be text in double quotes.")
    return value


def text_value(
    fields: dict[str, Any],
    key: str,
    where: str,
    *,
    required: bool = False,
    column: str | None = None,
) -> str | None:
    """Free text, kept character for character; blank counts as not written."""
    value = fields.get(key)
    if value is None and not required:
        return None
    if type(value) is str and "\x00" not in value:
        try:
            if checked_text(value.strip()):
                return value
        except InvalidValue:
            pass  # said again below, with the row and field
    value = string_value(value, where, column or key)
    if value and "\x00" in value:
        raise bad_value(
            where, column or key, value.replace("\x00", "\\0"), "text can't hold a NUL character."
        )
    if value is None or text_or_none(value, f"{where}, field {column or key}: the text") is None:
        if required:
            raise InvalidValue(
                f"{where} has no {'thought text' if column else key}, and every "
                f"{'thought' if column else 'record'} needs one."
            )
        return None
    return value


def rating_value(fields: dict[str, Any], key: str, where: str) -> int | None:
    value = fields.get(key)
    if _plain_rating(value):
        return value
    with FieldErrors(where, key):
        return rating(value, "The rating")


def moment_value(
    fields: dict[str, Any], key: str, where: str, *, required: bool = False
) -> datetime | None:
    value = fields.get(key)
    if type(value) is str:
        try:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:
                return moment
        except ValueError:
            pass  # said below, after another try without surrounding space
    value = string_value(value, where, key)
    if not value or not value.strip():
        if required:
            raise InvalidValue(f"{where} has no {key}, and every record needs one.")
        return None
    try:
        return dates.local(datetime.fromisoformat(value.strip()))
    except (ValueError, OverflowError):
        raise bad_value(
            where, key, value, "write dates as ISO 8601, such as 2026-11-20T14:30:00+01:00."
        ) from None


def timestamp_value(fields: dict[str, Any], key: str, where: str) -> str | None:
    """A timestamp the journal keeps as text: checked, then kept exactly as written."""
    value = string_value(fields.get(key), where, key)
    if value:
        moment_value(fields, key, where)
    return value or None


def uuid_value(fields: dict[str, Any], where: str) -> str | None:
    value = fields.get("uuid")
    return uuid_text(value, where, "uuid") if value else None


def uuid_text(value: Any, where: str, field: str) -> str:
    if type(value) is str and _CANONICAL_UUID.fullmatch(value):
        return value  # already as str(UUID(value)) would write it
    try:
        return str(uuidlib.UUID(string_value(value, where, field)))
    except ValueError:
        raise bad_value(
            where, field, value, "it should be a uuid such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427."
        ) from None


def choices(names: Iterable[str]) -> str:
    names = list(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def record_content(record: Record) -> dict[str, Any]:
    """What a record says, leaving out its local id and when it was written."""
    content = record.to_dict()
    for key in ("id", "created_at", "updated_at", "complete"):
        del content[key]
    return content


def content_uuid(record: Record) -> str:
    """The uuid of a record written without one: made from what it says, so the same every time."""
    content = record_content(record) | {"uuid": None}  # as it was before it had one
    return str(uuidlib.uuid5(HAND_WRITTEN, json.dumps(content, sort_keys=True, ensure_ascii=False)))
