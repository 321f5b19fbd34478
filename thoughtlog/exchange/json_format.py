"""JSON: the lossless export, written a record at a time, and read back with a streaming parser."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, TextIO

from thoughtlog import dates, steps
from thoughtlog.beliefs import Belief
from thoughtlog.errors import InvalidValue
from thoughtlog.exchange.agenda_fields import AGENDA_KEYS, agenda_from_json
from thoughtlog.exchange.belief_fields import belief_from_json
from thoughtlog.exchange.care_format import CARE_KEYS, care_from_json
from thoughtlog.exchange.fields import (
    EXPERIMENT_FIELDS,
    FieldErrors,
    Read,
    bad_value,
    check_emotion,
    check_record,
    check_thought,
    checked_object,
    list_value,
    moment_value,
    rating_value,
    string_value,
    text_value,
    timestamp_value,
    uuid_text,
    uuid_value,
)
from thoughtlog.exchange.script_fields import SCRIPTS_KEY, script_from_json, scripts_json
from thoughtlog.model import Experiment, Record, came_true, text_or_none
from thoughtlog.scripts import Script
from thoughtlog.storage import utc_now

FORMAT_NAME = "thoughtlog"
FORMAT_VERSION = 2
# Version 1 (records and experiments alone) still imports; version 2 adds steps' reactions,
# beliefs (belief_fields.py) and care (care_format.py).
READABLE_VERSIONS = (1, 2)

# The fields of the JSON shape; import refuses others rather than silently dropping them.
# fmt: off
RECORD_KEYS = frozenset({
    "id", "uuid", "occurred_at", "created_at", "updated_at", "situation", "behaviour", "emotions",
    "thoughts", "evidence_for", "evidence_against", "reframe", "reframe_belief", "tags", "complete",
})
EMOTION_KEYS = frozenset({"name", "before", "after"})
THOUGHT_KEYS = frozenset({"text", "belief_before", "belief_after", "hot", "distortions"})
EXPERIMENT_KEYS = frozenset(EXPERIMENT_FIELDS)
# fmt: on


# --- writing ------------------------------------------------------------------------------------


# Between two records of the export, as the records are written one per line.
RECORD_SEPARATOR = ",\n  "


def write_json(
    records: Iterable[tuple[int, str]],
    experiments: Iterable[str],
    out: TextIO,
    *,
    exported_at: datetime | None = None,
    beliefs: Iterable[Belief] = (),
    care: dict[str, Any] | None = None,
    scripts: Iterable[Script] = (),
) -> tuple[int, int]:
    """The lossless JSON export, one record per line as it goes; returns (records, experiments).

    records: runs of records, each (how many, their JSON objects as text joined by
    RECORD_SEPARATOR), as the journal's record_json_runs builds them (the shape of to_dict);
    experiments: each one's JSON object as text (experiment_json_texts). Written as they are.
    """
    exported = dates.to_text(exported_at or dates.now_local())
    out.write(
        f'{{"format": "{FORMAT_NAME}", "version": {FORMAT_VERSION}, "exported_at": "{exported}",\n'
        ' "records": ['
    )
    # One encoder, not one per record; a record's dict holds no cycle, so none is looked for.
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    record_count = 0
    for count, text in records:
        out.write(RECORD_SEPARATOR if record_count else "\n  ")
        out.write(text)  # as it is: a run is a chunk of a few hundred records
        record_count += count
    out.write("\n ]" if record_count else "]")
    out.write(',\n "experiments": [')
    experiment_count = 0
    for text in experiments:
        out.write((RECORD_SEPARATOR if experiment_count else "\n  ") + text)
        experiment_count += 1
    out.write("\n ]" if experiment_count else "]")
    written = [encode(belief.to_export()) for belief in beliefs]  # few: a person has a handful
    out.write(
        ',\n "beliefs": [' + "".join((",\n  " if i else "\n  ") + b for i, b in enumerate(written))
    )
    out.write("\n ]" if written else "]")
    out.write(f',\n "{SCRIPTS_KEY}": ' + scripts_json(scripts, encode))
    for key, value in (care or {}).items():  # care: a few lines, written whole
        out.write(f',\n "{key}": ' + json.dumps(value, ensure_ascii=False))
    out.write("}\n")
    return record_count, experiment_count


# --- reading ------------------------------------------------------------------------------------


def read_json(text: TextIO) -> Iterator[Read]:
    """The records, then the experiments, of a thoughtlog JSON export, checked one at a time."""
    stream = _JsonStream(text)
    if stream.peek() != "{":
        raise _not_an_export()
    stream.skip("{")
    seen: set[str] = set()
    while stream.peek() != "}":
        if seen:
            stream.skip(",")
        key = stream.value()
        if not isinstance(key, str):
            raise stream.error("expected a key in double quotes")
        stream.skip(":")
        seen.add(key)
        if key == "records":
            for number, value in enumerate(stream.array(), start=1):
                where = f"Record {number}"
                yield Read(record_from_json(value, where), number, where)
        elif key == "experiments":
            for number, value in enumerate(stream.array(), start=1):
                where = f"Experiment {number}"
                yield Read(experiment_from_json(value, where), number, where)
        elif key == "beliefs":
            for number, value in enumerate(stream.array(), start=1):
                where = f"Belief {number}"
                yield Read(belief_from_json(value, where), number, where)  # type: ignore[arg-type]
        elif key == SCRIPTS_KEY:
            for number, value in enumerate(stream.array(), start=1):
                where = f"Script {number}"
                yield Read(script_from_json(value, where), number, where)  # type: ignore[arg-type]
        elif key in CARE_KEYS:
            yield Read(care_from_json(key, stream.value()), 0, key)  # type: ignore[arg-type]
        elif key in AGENDA_KEYS:
            yield Read(agenda_from_json(key, stream.value()), 0, key)  # type: ignore[arg-type]
        elif key == "format":
            if stream.value() != FORMAT_NAME:
                raise _not_an_export()
        elif key == "version":
            _check_version(stream.value())
        else:
            stream.value()  # exported_at, and whatever a later version adds beside the records
    stream.skip("}")
    if stream.peek():
        raise stream.error("extra data after the end")
    if "format" not in seen or "version" not in seen:
        raise _not_an_export()


def _not_an_export() -> InvalidValue:
    return InvalidValue(
        "This JSON isn't a thoughtlog export: it should start with"
        ' {"format": "thoughtlog", "version": 2, ...}, as \'thoughtlog export --format json\''
        " writes it."
    )


def _check_version(version: Any) -> None:
    if version in READABLE_VERSIONS and not isinstance(version, bool):
        return
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise InvalidValue(
            f"This export is version {version}, written by a newer thoughtlog; this one reads"
            f" versions 1 to {FORMAT_VERSION}. Upgrade thoughtlog to import it."
        )
    raise InvalidValue(
        f"This export says it is version '{version}', which thoughtlog doesn't know;"
        f" it reads versions 1 to {FORMAT_VERSION}."
    )


_WHITE_SPACE = re.compile(r"[ \t\r\n]*")


class _JsonStream:
    """Walks a JSON document a value at a time, reading the text in chunks as it goes.

    The standard library only parses whole documents, and a journal of 100,000 records parsed at
    once costs several hundred megabytes; decoding each record on its own keeps memory flat.
    """

    CHUNK = 1 << 16

    def __init__(self, text: TextIO):
        self.text = text
        self.buffer = ""
        self.position = 0
        self.lines_before = 0  # newlines in the text already dropped from the buffer
        self.finished = False
        self.scan = json.JSONDecoder().scan_once  # one value at a position: (value, end)

    def _read_more(self) -> bool:
        if self.finished:
            return False
        # Read at least as much again as is buffered, so that one huge value costs linear time.
        chunk = self.text.read(max(self.CHUNK, len(self.buffer) - self.position))
        if not chunk:
            self.finished = True
            return False
        self.lines_before += self.buffer.count("\n", 0, self.position)
        self.buffer = self.buffer[self.position :] + chunk
        self.position = 0
        return True

    def peek(self) -> str:
        """The next character that isn't white space ('' at the end), without taking it."""
        while True:
            self.position = _WHITE_SPACE.match(self.buffer, self.position).end()  # type: ignore[union-attr]
            if self.position < len(self.buffer) or not self._read_more():
                return self.buffer[self.position : self.position + 1]

    def skip(self, expected: str) -> None:
        if self.peek() != expected:
            raise self.error(f"expected '{expected}'")
        self.position += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                try:
                    value, end = self.scan(self.buffer, self.position)
                except StopIteration as stop:  # what raw_decode says, without its extra frame
                    raise json.JSONDecodeError("Expecting value", self.buffer, stop.value) from None
            except json.JSONDecodeError as error:
                # Only an error at the end of what has been read (or an open string) can be a
                # value that goes on in the next chunk; anything else is a broken file.
                cut_short = error.pos >= len(self.buffer) - 16 or error.msg.startswith(
                    "Unterminated"
                )
                if cut_short and self._read_more():
                    continue
                raise self.error(error.msg, error.pos) from None
            # A number at the very end of the buffer may have more digits in the next chunk.
            if end == len(self.buffer) and self._read_more():
                continue
            self.position = end
            return value

    def array(self) -> Iterator[Any]:
        self.skip("[")
        if self.peek() == "]":
            self.position += 1
            return
        while True:
            yield self.value()
            if self.peek() == "]":
                self.position += 1
                return
            self.skip(",")

    def error(self, message: str, position: int | None = None) -> InvalidValue:
        position = self.position if position is None else position
        line = self.lines_before + self.buffer.count("\n", 0, position) + 1
        column = position - (self.buffer.rfind("\n", 0, position) + 1) + 1
        return InvalidValue(
            f"The file isn't valid JSON: {message} at line {line}, column {column}."
        )


def record_from_json(value: Any, where: str) -> Record:
    """A record from its JSON shape (as `show --json` prints it), every field checked."""
    fields = checked_object(value, where, RECORD_KEYS)
    emotions = [
        check_emotion(_part(item, where, "emotion", number, EMOTION_KEYS), where)
        for number, item in enumerate(
            list_value(fields.get("emotions"), where, "emotions"), start=1
        )
    ]
    thoughts = [
        check_thought(_part(item, where, "thought", number, THOUGHT_KEYS), where)
        for number, item in enumerate(
            list_value(fields.get("thoughts"), where, "thoughts"), start=1
        )
    ]
    return check_record(fields, emotions, thoughts, where)


def _part(value: Any, where: str, kind: str, number: int, keys: frozenset[str]) -> dict[str, Any]:
    """An emotion or thought of a record, checked to be an object with known fields; its name in
    a message ("Record 3, emotion 2") is written only when there is something to say."""
    if type(value) is dict and keys.issuperset(value):
        return value
    return checked_object(value, f"{where}, {kind} {number}", keys)


def experiment_from_json(value: Any, where: str) -> Experiment:
    """A behavioural experiment from its JSON shape, every field checked."""
    fields = checked_object(value, where, EXPERIMENT_KEYS)
    belief = text_value(fields, "belief", where, required=True)
    plan = text_value(fields, "plan", where, required=True)
    done_at = timestamp_value(fields, "done_at", where)
    status = fields.get("status") or ("done" if done_at else "planned")
    if status not in ("planned", "done"):
        raise bad_value(where, "status", status, "use planned or done.")
    with FieldErrors(where, "came_true"):
        answer = came_true(string_value(fields.get("came_true"), where, "came_true"))
    record_uuid = fields.get("record_uuid")
    now = utc_now()
    return Experiment(
        uuid=uuid_value(fields, where),
        record_uuid=uuid_text(record_uuid, where, "record_uuid") if record_uuid else None,
        belief=belief,  # type: ignore[arg-type]
        confidence_before=rating_value(fields, "confidence_before", where),
        plan=plan,  # type: ignore[arg-type]
        planned_for=moment_value(fields, "planned_for", where),
        expected_distress=rating_value(fields, "expected_distress", where),
        status=status,
        done_at=done_at,
        outcome=text_value(fields, "outcome", where),
        came_true=answer,
        actual_distress=rating_value(fields, "actual_distress", where),
        learned=text_value(fields, "learned", where),
        confidence_after=rating_value(fields, "confidence_after", where),
        with_=_step_text(fields, "with", where, steps.with_text),
        feared_reaction=_step_text(fields, "feared_reaction", where, text_or_none),
        p_feared=rating_value(fields, "p_feared", where),
        safety_behaviours=_safety(fields, "safety_behaviours", where),
        reaction=_step_text(fields, "reaction", where, steps.reaction),
        safety_used=_safety(fields, "safety_used", where),
        surprise=rating_value(fields, "surprise", where),
        # belief_id and script_id are this journal's own ids: a file's are not read.
        created_at=timestamp_value(fields, "created_at", where) or now,
        updated_at=timestamp_value(fields, "updated_at", where) or now,
    )


def _step_text(fields: dict[str, Any], key: str, where: str, check: Any) -> str | None:
    with FieldErrors(where, key):
        return check(string_value(fields.get(key), where, key))


def _safety(fields: dict[str, Any], key: str, where: str) -> list[str] | None:
    """A list of safety behaviours; [] (none used) stays apart from absent (not said)."""
    value = fields.get(key)
    if value is None:
        return None
    items = [string_value(item, where, key) for item in list_value(value, where, key)]
    with FieldErrors(where, key):
        kept = steps.safety_list([item for item in items if item is not None])
    return kept or []
