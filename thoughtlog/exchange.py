"""Export and import: the journal written as CSV, JSON or markdown, and those files read back in.

Writers take an iterator of records and write to a text stream as they go, and readers hand on one
record at a time, so memory stays flat however long the journal grows. Readers check every field
with the validators of ``thoughtlog.model`` and name the row, field and value of the first bad one.

The record CSV (``export --format csv``) has one row per record and the columns of ``COLUMNS``.
A list inside a cell is joined with ``"; "``:

- emotions: ``anxious=80→45; sad=60; calm=→30; tired`` (a name, then ``=`` the intensity before
  ``→`` after; either rating may be missing, and import accepts ``->`` for the arrow);
- thoughts: ``I'll be reprimanded=80→45 [fortune-telling, mind-reading]; She's annoyed=60``
  (the text, ``=`` belief before ``→`` after, then the thought's thinking traps in brackets).
  The first thought is the hot thought unless another one starts with ``*``;
- hot_thought, belief_before, belief_after and distortions repeat the hot thought in columns of
  their own, for spreadsheets. On import they must agree with the thoughts cell, or, when that
  cell is empty, they make the record's one thought;
- tags: ``work; boss``.

In emotions and thoughts cells a backslash keeps the next character as text, so any text
survives: ``\\;``, ``\\=``, ``\\[``, ``\\\\`` and a leading ``\\*``.

A spreadsheet runs a cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return as a
formula, so every CSV cell that starts with one (after any apostrophes) gets one apostrophe more
in front. Import takes exactly one away again, which makes the round trip exact.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import uuid as uuidlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, TextIO, TypeVar

from thoughtlog import dates, distortions, worksheet
from thoughtlog.errors import InvalidValue, ThoughtlogError
from thoughtlog.model import (
    Emotion,
    Experiment,
    Record,
    Thought,
    came_true,
    emotion_name,
    rating,
    tag_name,
    text_or_none,
)

if TYPE_CHECKING:
    from thoughtlog.storage import Journal

FORMAT_NAME = "thoughtlog"
FORMAT_VERSION = 1

# fmt: off
COLUMNS = (
    "id", "uuid", "occurred_at", "situation", "emotions", "thoughts", "hot_thought",
    "belief_before", "belief_after", "distortions", "behaviour", "evidence_for",
    "evidence_against", "reframe", "reframe_belief", "tags", "created_at", "updated_at",
)

# The long tables: one row per item, each carrying the record's id and uuid.
TABLES: dict[str, tuple[str, ...]] = {
    "emotions": ("record_id", "uuid", "occurred_at", "emotion", "intensity_before",
                 "intensity_after"),
    "thoughts": ("record_id", "uuid", "occurred_at", "position", "thought", "hot",
                 "belief_before", "belief_after"),
    "distortions": ("record_id", "uuid", "occurred_at", "thought_position", "distortion"),
    "tags": ("record_id", "uuid", "occurred_at", "tag"),
    "experiments": ("id", "uuid", "record_id", "record_uuid", "belief", "confidence_before",
                    "plan", "planned_for", "expected_distress", "status", "done_at", "outcome",
                    "came_true", "actual_distress", "learned", "confidence_after", "created_at",
                    "updated_at"),
}

# The fields of the JSON shape; import refuses others rather than silently dropping them.
RECORD_KEYS = frozenset({
    "id", "uuid", "occurred_at", "created_at", "updated_at", "situation", "behaviour", "emotions",
    "thoughts", "evidence_for", "evidence_against", "reframe", "reframe_belief", "tags", "complete",
})
EMOTION_KEYS = frozenset({"name", "before", "after"})
THOUGHT_KEYS = frozenset({"text", "belief_before", "belief_after", "hot", "distortions"})
EXPERIMENT_KEYS = frozenset(TABLES["experiments"])
# fmt: on

ARROW = "→"
LIST_SEPARATOR = "; "
BATCH_SIZE = 500
# Records without a uuid (written by hand) get one made from their content, so that importing
# the same file twice still finds them the second time.
HAND_WRITTEN = uuidlib.UUID("5d0c1f64-0b8e-4c55-9d43-64c1b3f0a7e2")

_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_FORMULA_START = frozenset("'=+-@\t\r")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")
_RATINGS = re.compile(r"(?P<before>[^→>]*?)(?:(?:→|->)(?P<after>.*))?")


# --- writing ------------------------------------------------------------------------------------


def write_records_csv(records: Iterable[Record], out: TextIO) -> int:
    """The record CSV, one row per record; returns how many records were written.

    Only the cells a person wrote can start like a formula, so only they go through _safe; the
    ids, numbers, dates, thinking-trap slugs and tags (letters, digits and inner hyphens) cannot.
    """
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for record in records:
        hot = record.hot_thought
        writer.writerow(
            (
                record.id,
                record.uuid,
                dates.to_text(record.occurred_at),
                _safe(record.situation),
                _safe(_emotions_cell(record.emotions)),
                _safe(_thoughts_cell(record.thoughts, hot)),
                _safe(hot.text) if hot else None,
                hot.belief_before if hot else None,
                hot.belief_after if hot else None,
                LIST_SEPARATOR.join(hot.distortions) if hot else None,
                _safe(record.behaviour),
                _safe(record.evidence_for),
                _safe(record.evidence_against),
                _safe(record.reframe),
                record.reframe_belief,
                LIST_SEPARATOR.join(record.tags),
                record.created_at,
                record.updated_at,
            )
        )
        count += 1
    return count


def write_csv_table(
    table: str, records: Iterable[Record], experiments: Iterable[Experiment], out: TextIO
) -> int:
    """One long table (see TABLES) for pandas and statistics; returns how many rows were written."""
    if table not in TABLES:
        raise InvalidValue(f"'{table}' isn't a table thoughtlog exports: use {_choices(TABLES)}.")
    writer = csv.writer(out)
    writer.writerow(TABLES[table])
    count = 0
    for row in (
        _experiment_rows(experiments) if table == "experiments" else _record_rows(table, records)
    ):
        writer.writerow(_safe(cell) for cell in row)
        count += 1
    return count


def _record_rows(table: str, records: Iterable[Record]) -> Iterator[Sequence[Any]]:
    for record in records:
        key = (record.id, record.uuid, dates.to_text(record.occurred_at))
        if table == "emotions":
            yield from ((*key, e.name, e.before, e.after) for e in record.emotions)
        elif table == "tags":
            yield from ((*key, tag) for tag in record.tags)
        else:
            for position, thought in enumerate(record.thoughts, start=1):
                if table == "thoughts":
                    yield (
                        *key,
                        position,
                        thought.text,
                        "true" if thought.hot else "false",
                        thought.belief_before,
                        thought.belief_after,
                    )
                else:
                    yield from ((*key, position, slug) for slug in thought.distortions)


def _experiment_rows(experiments: Iterable[Experiment]) -> Iterator[Sequence[Any]]:
    for experiment in experiments:
        values = experiment.to_dict()
        yield [values[column] for column in TABLES["experiments"]]


def write_json(
    records: Iterable[Record],
    experiments: Iterable[Experiment],
    out: TextIO,
    *,
    exported_at: datetime | None = None,
) -> tuple[int, int]:
    """The lossless JSON export, one record per line as it goes; returns (records, experiments)."""
    exported = dates.to_text(exported_at or dates.now_local())
    out.write(
        f'{{"format": "{FORMAT_NAME}", "version": {FORMAT_VERSION}, "exported_at": "{exported}",\n'
        ' "records": ['
    )
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per record
    counts = []
    for items in (records, experiments):
        count = 0
        for item in items:
            out.write(",\n  " if count else "\n  ")
            out.write(encode(item.to_dict()))
            count += 1
        counts.append(count)
        out.write("\n ]" if count else "]")
        if items is records:
            out.write(',\n "experiments": [')
    out.write("}\n")
    return counts[0], counts[1]


def write_markdown(records: Iterable[Record], out: TextIO) -> int:
    """The records as readable worksheets, laid out as `show` lays them out."""
    out.write("# Thought records\n")
    count = 0
    for record in records:
        out.write(f"\n## {worksheet.title(record)}\n")
        for section in worksheet.sections(record):
            out.write(f"\n### {section.heading}\n\n")
            as_list = len(section.lines) > 1 or section.heading in (
                "Emotions",
                "Automatic thoughts",
            )
            for line in section.lines:
                if not as_list:
                    out.write(f"{line}\n")
                elif line.startswith("  "):
                    out.write(f"  - {line.strip()}\n")
                else:
                    out.write(f"- {line}\n")
        count += 1
    if not count:
        out.write("\nNo records match.\n")
    return count


def _safe(value: Any) -> str:
    """The cell as text, with an apostrophe in front if a spreadsheet would run it as a formula."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    # The first character settles most cells without the pattern (this runs for every cell).
    return "'" + text if text[:1] in _FORMULA_START and _FORMULA.match(text) else text


def _restore(cell: str) -> str:
    """Undo _safe: take one apostrophe from a cell that _safe neutralised."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


_TO_ESCAPE = re.compile(r"([\\;=\[])")


def _escape(text: str) -> str:
    text = _TO_ESCAPE.sub(r"\\\1", text)
    return "\\" + text if text.startswith("*") else text


def _ratings_text(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return ""
    return (
        "="
        + ("" if before is None else str(before))
        + ("" if after is None else ARROW + str(after))
    )


def _emotions_cell(emotions: Sequence[Emotion]) -> str:
    return LIST_SEPARATOR.join(_escape(e.name) + _ratings_text(e.before, e.after) for e in emotions)


def _thoughts_cell(thoughts: Sequence[Thought], hot: Thought | None) -> str:
    items = []
    for position, thought in enumerate(thoughts):
        marker = "*" if thought is hot and position > 0 else ""
        traps = f" [{', '.join(thought.distortions)}]" if thought.distortions else ""
        items.append(
            marker
            + _escape(thought.text)
            + _ratings_text(thought.belief_before, thought.belief_after)
            + traps
        )
    return LIST_SEPARATOR.join(items)


@contextmanager
def private_file(path: Path, *, byte_order_mark: bool = False) -> Iterator[TextIO]:
    """A UTF-8 text file readable by its owner alone, put in place only once it is complete.

    It is written beside the target under a temporary name created with mode 0600 and then
    renamed, so the export never passes through a moment of wider permissions (whatever the
    umask, and even when it replaces a file that had them) and never leaves half a file behind.
    """
    if path.is_dir():
        raise ThoughtlogError(f"{path} is a folder: give --output a file name inside it.")
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent or ".", prefix=f".{path.name}.", suffix=".part"
        )
    except OSError as error:
        raise ThoughtlogError(f"Couldn't write {path}: {error.strerror or error}.") from None
    try:
        os.fchmod(descriptor, 0o600)
        with open(descriptor, "w", encoding="utf-8", newline="") as out:
            if byte_order_mark:
                out.write("\ufeff")
            yield out
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- reading ------------------------------------------------------------------------------------


@dataclass
class Counts:
    """How many of one kind (records or experiments) an import added, updated and left alone."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


@dataclass
class ImportSummary:
    """What an import did (or, in a dry run, would do)."""

    records: Counts = field(default_factory=Counts)
    experiments: Counts = field(default_factory=Counts)
    unlinked_experiments: int = 0  # their record_uuid names a record this journal doesn't have

    @property
    def added(self) -> int:
        return self.records.added + self.experiments.added

    @property
    def updated(self) -> int:
        return self.records.updated + self.experiments.updated

    @property
    def unchanged(self) -> int:
        return self.records.unchanged + self.experiments.unchanged


def import_file(
    journal: Journal,
    source: BinaryIO,
    *,
    format: str | None = None,
    dry_run: bool = False,
    name: str = "The file",
) -> ImportSummary:
    """Read a thoughtlog JSON or CSV file into the journal, all of it or (on any error) none of it.

    Records and experiments are matched by uuid: a match that differs is updated only when the
    incoming one is newer (updated_at), so the same file twice, or two machines' exports, never
    duplicate. A dry run does the same work in a transaction that is then rolled back.
    """
    head = source.read(4096)
    _check_encoding(head, name)
    format = format or _detect_format(head, name)
    if format not in ("json", "csv"):
        raise InvalidValue(f"'{format}' isn't a format import reads: use json or csv.")
    text = io.TextIOWrapper(
        io.BufferedReader(_Rewound(head, source)), encoding="utf-8-sig", newline=""
    )
    items = read_json(text) if format == "json" else read_csv(text)
    summary = ImportSummary()
    try:
        with journal.import_transaction(dry_run=dry_run):
            _import_items(journal, items, summary)
    except UnicodeDecodeError:
        raise InvalidValue(
            f"{name} isn't UTF-8 text (it may be Latin-1 or Windows-1252). Save it as UTF-8"
            " (in a spreadsheet, 'CSV UTF-8') and import it again. Nothing was imported."
        ) from None
    except InvalidValue as error:
        raise InvalidValue(f"{error} Nothing was imported.") from None
    return summary


def _import_items(
    journal: Journal, items: Iterator[Record | Experiment], summary: ImportSummary
) -> None:
    batch: list[Record] = []
    experiments: list[Experiment] = []
    for item in items:
        if isinstance(item, Experiment):
            if batch:  # the records are over (an export has them first): save the last of them
                _merge_records(journal, batch, summary.records)
                batch = []
            experiments.append(item)
            # Experiments are linked to their records by uuid, so they wait until every record is
            # in, unless records have come already (they come first in an export: memory stays flat).
            if summary.records.total and len(experiments) == BATCH_SIZE:
                _merge_experiments(journal, experiments, summary)
                experiments = []
            continue
        batch.append(item)
        if len(batch) == BATCH_SIZE:
            _merge_records(journal, batch, summary.records)
            batch = []
    _merge_records(journal, batch, summary.records)
    for start in range(0, len(experiments), BATCH_SIZE):
        _merge_experiments(journal, experiments[start : start + BATCH_SIZE], summary)


def _merge_experiments(journal: Journal, chunk: list[Experiment], summary: ImportSummary) -> None:
    record_ids = journal.record_ids_by_uuid([e.record_uuid for e in chunk if e.record_uuid])
    for experiment in chunk:
        if experiment.record_uuid:
            experiment.record_id = record_ids.get(experiment.record_uuid)
            summary.unlinked_experiments += experiment.record_id is None
    _merge(
        chunk,
        journal.experiments_by_uuid,
        journal.insert_experiments,
        journal.replace_experiments,
        _experiment_content,
        summary.experiments,
    )


def _merge_records(journal: Journal, batch: list[Record], counts: Counts) -> None:
    _merge(
        batch,
        journal.records_by_uuid,
        journal.insert_records,
        journal.replace_records,
        _record_content,
        counts,
    )


Saved = TypeVar("Saved", Record, Experiment)


def _merge(
    batch: list[Saved],
    find: Callable[[list[str]], dict[str, Saved]],
    insert: Callable[[list[Saved]], None],
    replace: Callable[[list[Saved]], None],
    content: Callable[[Saved], dict[str, Any]],
    counts: Counts,
) -> None:
    """Add what is new, update what is newer, and leave the rest as it is."""
    saved = find([item.uuid for item in batch])  # type: ignore[misc]
    new: list[Saved] = []
    changed: list[Saved] = []
    for item in batch:
        existing = saved.get(item.uuid)  # type: ignore[arg-type]
        if existing is not None and existing.id is None:
            # The same uuid twice in one file: save the first so that the second is matched to it.
            insert(new)
            replace(changed)
            new, changed = [], []
        if existing is None:
            new.append(item)
            counts.added += 1
        elif content(item) == content(existing) or not _newer(item, existing):
            counts.unchanged += 1
            continue
        else:
            # Updated in place: keep the local id, and a trashed one stays in the trash.
            item.id, item.deleted_at = existing.id, existing.deleted_at
            changed.append(item)
            counts.updated += 1
        saved[item.uuid] = item  # type: ignore[index]
    insert(new)
    replace(changed)


def _record_content(record: Record) -> dict[str, Any]:
    """What a record says, leaving out its local id and when it was written."""
    content = record.to_dict()
    for key in ("id", "created_at", "updated_at", "complete"):
        del content[key]
    return content


def _experiment_content(experiment: Experiment) -> dict[str, Any]:
    content = experiment.to_dict()
    for key in ("id", "record_id", "created_at", "updated_at"):
        del content[key]
    return content


def _newer(incoming: Record | Experiment, saved: Record | Experiment) -> bool:
    return _instant(incoming.updated_at) > _instant(saved.updated_at)


def _instant(text: str | None) -> datetime:
    if not text:
        return datetime.min.replace(tzinfo=UTC)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class _Rewound(io.RawIOBase):
    """A byte stream that gives back the head already read for sniffing, then the rest of source."""

    def __init__(self, head: bytes, source: IO[bytes]):
        self.head = head
        self.source = source

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.head[: len(buffer)] if self.head else self.source.read(len(buffer))
        self.head = self.head[len(data) :] if self.head else b""
        buffer[: len(data)] = data
        return len(data)


def _check_encoding(head: bytes, name: str) -> None:
    if head.startswith(b"SQLite format 3\x00"):
        raise InvalidValue(
            f"{name} is a SQLite database (a journal or a backup?), not an export. To merge it,"
            " export it first: thoughtlog --db FILE export --format json -o FILE.json."
            " Nothing was imported."
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _wide_text(head):
        raise InvalidValue(
            f"{name} is UTF-16 or UTF-32 text, and thoughtlog reads UTF-8. Save it as UTF-8"
            " (in a spreadsheet, 'CSV UTF-8') and import it again. Nothing was imported."
        )
    if b"\x00" in head:
        raise InvalidValue(
            f"{name} holds binary data, not text: import reads the JSON or CSV that"
            " 'thoughtlog export' writes. Nothing was imported."
        )


def _wide_text(head: bytes) -> bool:
    """UTF-16 or UTF-32 text without a byte-order mark: NUL bytes everywhere, yet readable."""
    if head.count(b"\x00") <= len(head) // 4:
        return False
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        text = head[: len(head) // 4 * 4].decode(encoding, errors="replace")
        readable = sum(c.isprintable() and c != "\ufffd" or c in "\t\r\n" for c in text)
        if text and readable >= 0.95 * len(text):
            return True
    return False


def _detect_format(head: bytes, name: str) -> str:
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not start:
        raise InvalidValue(f"{name} is empty, so there is nothing to import.")
    if start[:1] in (b"{", b"[") or name.lower().endswith(".json"):
        return "json"
    return "csv"


# --- reading: JSON ------------------------------------------------------------------------------


def read_json(text: TextIO) -> Iterator[Record | Experiment]:
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
                yield record_from_json(value, f"Record {number}")
        elif key == "experiments":
            for number, value in enumerate(stream.array(), start=1):
                yield experiment_from_json(value, f"Experiment {number}")
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
        ' {"format": "thoughtlog", "version": 1, ...}, as \'thoughtlog export --format json\''
        " writes it."
    )


def _check_version(version: Any) -> None:
    if version == FORMAT_VERSION and not isinstance(version, bool):
        return
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise InvalidValue(
            f"This export is version {version}, written by a newer thoughtlog; this one reads"
            f" version {FORMAT_VERSION}. Upgrade thoughtlog to import it."
        )
    raise InvalidValue(
        f"This export says it is version '{version}', which thoughtlog doesn't know;"
        f" it reads version {FORMAT_VERSION}."
    )


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
        self.decoder = json.JSONDecoder()

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
            while self.position < len(self.buffer) and self.buffer[self.position] in " \t\r\n":
                self.position += 1
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
                value, end = self.decoder.raw_decode(self.buffer, self.position)
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
    fields = _object(value, where, RECORD_KEYS)
    emotions = [
        _emotion(_object(item, f"{where}, emotion {number}", EMOTION_KEYS), where)
        for number, item in enumerate(_list(fields.get("emotions"), where, "emotions"), start=1)
    ]
    thoughts = [
        _thought(_object(item, f"{where}, thought {number}", THOUGHT_KEYS), where)
        for number, item in enumerate(_list(fields.get("thoughts"), where, "thoughts"), start=1)
    ]
    return _record(fields, emotions, thoughts, where)


def experiment_from_json(value: Any, where: str) -> Experiment:
    """A behavioural experiment from its JSON shape, every field checked."""
    fields = _object(value, where, EXPERIMENT_KEYS)
    belief = _text(fields, "belief", where, required=True)
    plan = _text(fields, "plan", where, required=True)
    done_at = _timestamp(fields, "done_at", where)
    status = fields.get("status") or ("done" if done_at else "planned")
    if status not in ("planned", "done"):
        raise _bad(where, "status", status, "use planned or done.")
    with _Field(where, "came_true"):
        answer = came_true(_string(fields.get("came_true"), where, "came_true"))
    record_uuid = fields.get("record_uuid")
    now = _now()
    return Experiment(
        uuid=_uuid(fields, where),
        record_uuid=_uuid_text(record_uuid, where, "record_uuid") if record_uuid else None,
        belief=belief,  # type: ignore[arg-type]
        confidence_before=_rating(fields, "confidence_before", where),
        plan=plan,  # type: ignore[arg-type]
        planned_for=_moment(fields, "planned_for", where),
        expected_distress=_rating(fields, "expected_distress", where),
        status=status,
        done_at=done_at,
        outcome=_text(fields, "outcome", where),
        came_true=answer,
        actual_distress=_rating(fields, "actual_distress", where),
        learned=_text(fields, "learned", where),
        confidence_after=_rating(fields, "confidence_after", where),
        created_at=_timestamp(fields, "created_at", where) or now,
        updated_at=_timestamp(fields, "updated_at", where) or now,
    )


# --- reading: CSV -------------------------------------------------------------------------------


def read_csv(text: TextIO) -> Iterator[Record]:
    """The records of a record CSV as export writes it, checked one row at a time."""
    # A long reframe or situation is one cell; the csv module's default cap (128 KiB) would
    # reject a cell that thoughtlog itself wrote.
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    reader = csv.reader(text)
    try:
        header = next(reader, None)
        if header is None:
            raise InvalidValue("The CSV is empty, so there is nothing to import.")
        header = [_restore(name).strip() for name in header]
        missing = [column for column in COLUMNS if column not in header]
        unknown = [column for column in header if column not in COLUMNS]
        if missing or unknown or len(header) != len(COLUMNS):
            problems = []
            if missing:
                problems.append(f"it has no column {', '.join(missing)}")
            if unknown:
                problems.append(f"it has columns thoughtlog doesn't know: {', '.join(unknown)}")
            if not problems:
                problems.append("a column appears twice")
            raise InvalidValue(
                f"The CSV's header doesn't match a thoughtlog export ({'; '.join(problems)})."
                f" Import reads the CSV that 'thoughtlog export --format csv' writes, with the"
                f" columns {', '.join(COLUMNS)}."
            )
        for number, row in enumerate(reader, start=1):
            if not row:
                continue  # a blank line, which spreadsheets sometimes add at the end
            where = f"Row {number} (line {reader.line_num})"
            if len(row) != len(header):
                raise InvalidValue(
                    f"{where} has {len(row)} cells, but the header has {len(header)}."
                )
            yield _record_from_row(dict(zip(header, map(_restore, row), strict=True)), where)
    except csv.Error as error:
        raise InvalidValue(
            f"The CSV couldn't be read at line {reader.line_num}: {error}."
        ) from None


def _record_from_row(cells: dict[str, str], where: str) -> Record:
    fields: dict[str, Any] = {key: value for key, value in cells.items() if value != ""}
    fields["tags"] = [tag for tag in _split(cells["tags"], where, "tags") if tag.strip()]
    emotions = [
        _emotion(_emotion_item(item, where), where)
        for item in _split(cells["emotions"], where, "emotions")
    ]
    thought_items = [
        _thought_item(item, where) for item in _split(cells["thoughts"], where, "thoughts")
    ]
    summary = {
        "text": text_or_none(cells["hot_thought"], f"{where}, field hot_thought: the text")
        and cells["hot_thought"],
        "belief_before": cells["belief_before"],
        "belief_after": cells["belief_after"],
        "distortions": [d for d in _split(cells["distortions"], where, "distortions") if d.strip()],
    }
    if not thought_items and summary["text"]:
        thought_items = [dict(summary, hot=True)]
    thoughts = [_thought(item, where) for item in thought_items]
    hot = next((t for t in thoughts if t.hot), thoughts[0] if thoughts else None)
    _check_agrees(hot, _thought(dict(summary, text=summary["text"] or "-"), where), summary, where)
    return _record(fields, emotions, thoughts, where)


def _check_agrees(
    hot: Thought | None, columns: Thought, summary: dict[str, Any], where: str
) -> None:
    """The hot-thought columns repeat the thoughts cell; a difference means one was edited alone."""
    shown = {
        "hot_thought": (hot.text if hot else None, summary["text"]),
        "belief_before": (hot.belief_before if hot else None, columns.belief_before),
        "belief_after": (hot.belief_after if hot else None, columns.belief_after),
        "distortions": (hot.distortions if hot else [], columns.distortions),
    }
    for column, (in_thoughts, in_column) in shown.items():
        if in_thoughts != in_column:
            raise InvalidValue(
                f"{where}, field {column}: '{_cell_text(in_column)}' doesn't match the hot thought"
                f" in the thoughts column ('{_cell_text(in_thoughts)}'). Change both, or empty"
                " the thoughts cell to let these columns make the thought."
            )


def _cell_text(value: Any) -> str:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return "" if value is None else str(value)


def _split(cell: str, where: str, column: str) -> list[str]:
    """The items of a list cell: split at each '; ' whose semicolon isn't escaped."""
    if not cell.strip():
        return []
    items: list[str] = []
    start = 0
    for match in _SPECIAL[";"].finditer(cell):
        if match[0] == ";":
            items.append(cell[start : match.start()])
            # The separator is "; ": its space is not part of the next item.
            start = match.end() + (1 if cell.startswith(" ", match.end()) else 0)
    items.append(cell[start:])
    return items


def _find(item: str, char: str) -> int:
    """Where char first appears unescaped in item, or -1."""
    for match in _SPECIAL[char].finditer(item):
        if match[0] == char:
            return match.start()
    return -1


# An escape pair, or the character that is special where the pair isn't: found by re in C, not
# by a Python loop over every character of every cell.
_SPECIAL = {char: re.compile(r"\\.|" + re.escape(char), re.DOTALL) for char in ";=["}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def _ratings(text: str, where: str, column: str, item: str) -> tuple[str | None, str | None]:
    match = _RATINGS.fullmatch(text)
    if match is None:
        raise _bad(where, column, item, "write ratings as =80→45, =80 or =→45.")
    return match["before"] or None, match["after"] or None


def _emotion_item(item: str, where: str) -> dict[str, Any]:
    split = _find(item, "=")
    name, ratings = (item, "") if split < 0 else (item[:split], item[split + 1 :])
    before, after = _ratings(ratings, where, "emotions", item)
    return {"name": _unescape(name), "before": before, "after": after}


def _thought_item(item: str, where: str) -> dict[str, Any]:
    rest, traps = item, []
    bracket = _find(item, "[")
    if bracket >= 0:
        if not item.endswith("]"):
            raise _bad(
                where,
                "thoughts",
                item,
                "thinking traps go in brackets at the end: [fortune-telling, labeling].",
            )
        rest = item[:bracket].removesuffix(" ")
        traps = [trap for trap in item[bracket + 1 : -1].split(",") if trap.strip()]
    split = _find(rest, "=")
    rest, ratings = (rest, "") if split < 0 else (rest[:split], rest[split + 1 :])
    before, after = _ratings(ratings, where, "thoughts", item)
    hot = rest.startswith("*")
    return {
        "text": _unescape(rest[1:] if hot else rest),
        "belief_before": before,
        "belief_after": after,
        "hot": hot,
        "distortions": traps,
    }


# --- reading: the checks both formats share ------------------------------------------------------


def _record(
    fields: dict[str, Any], emotions: list[Emotion], thoughts: list[Thought], where: str
) -> Record:
    if not any(t.hot for t in thoughts) and thoughts:
        thoughts[0].hot = True
    hot = next((t for t in thoughts if t.hot), None)
    for thought in thoughts:
        thought.hot = thought is hot  # one hot thought, as the journal keeps it
    now = _now()
    situation = _text(fields, "situation", where, required=True)
    occurred_at = _moment(fields, "occurred_at", where, required=True)
    tags: list[str] = []
    for value in _list(fields.get("tags"), where, "tags"):
        with _Field(where, "tags"):
            tag = tag_name(_string(value, where, "tags") or "")
        if tag not in tags:
            tags.append(tag)
    record = Record(
        uuid=_uuid(fields, where),
        situation=situation,  # type: ignore[arg-type]
        occurred_at=occurred_at,  # type: ignore[arg-type]
        emotions=emotions,
        thoughts=thoughts,
        behaviour=_text(fields, "behaviour", where),
        evidence_for=_text(fields, "evidence_for", where),
        evidence_against=_text(fields, "evidence_against", where),
        reframe=_text(fields, "reframe", where),
        reframe_belief=_rating(fields, "reframe_belief", where),
        tags=tags,
        created_at=_timestamp(fields, "created_at", where) or now,
        updated_at=_timestamp(fields, "updated_at", where) or now,
    )
    if record.uuid is None:
        content = json.dumps(_record_content(record), sort_keys=True, ensure_ascii=False)
        record.uuid = str(uuidlib.uuid5(HAND_WRITTEN, content))
    return record


def _emotion(fields: dict[str, Any], where: str) -> Emotion:
    with _Field(where, "emotions"):
        name = emotion_name(_string(fields.get("name"), where, "emotions") or "")
        before = rating(fields.get("before"), f"The intensity of '{name}'")
        after = rating(fields.get("after"), f"The intensity of '{name}' afterwards")
    return Emotion(name, before, after)


def _thought(fields: dict[str, Any], where: str) -> Thought:
    text = _text(fields, "text", where, required=True, column="thoughts")
    hot = fields.get("hot", False)
    if not isinstance(hot, bool):
        raise _bad(where, "thoughts", hot, "hot is true or false.")
    slugs: list[str] = []
    for name in _list(fields.get("distortions"), where, "distortions"):
        with _Field(where, "distortions"):
            slug = distortions.resolve(_string(name, where, "distortions") or "")
        if slug not in slugs:
            slugs.append(slug)
    with _Field(where, "thoughts"):
        before = rating(fields.get("belief_before"), "The belief")
        after = rating(fields.get("belief_after"), "The belief afterwards")
    return Thought(text, before, after, hot, slugs)  # type: ignore[arg-type]


class _Field:
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


def _bad(where: str, field: str, value: Any, hint: str) -> InvalidValue:
    return InvalidValue(f"{where}, field {field}: '{value}' isn't accepted; {hint}")


def _object(value: Any, where: str, keys: frozenset[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidValue(f"{where} should be an object {{...}}, not {json.dumps(value)[:60]}.")
    unknown = sorted(set(value) - keys)
    if unknown:
        raise InvalidValue(
            f"{where} has a field thoughtlog doesn't know: '{unknown[0]}'."
            f" It knows {', '.join(sorted(keys))}."
        )
    return value


def _list(value: Any, where: str, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _bad(where, field, value, "it should be a list [...].")
    return value


def _string(value: Any, where: str, field: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise _bad(where, field, value, "it should be text in double quotes.")
    return value


def _text(
    fields: dict[str, Any],
    key: str,
    where: str,
    *,
    required: bool = False,
    column: str | None = None,
) -> str | None:
    """Free text, kept character for character; blank counts as not written."""
    value = _string(fields.get(key), where, column or key)
    if value and "\x00" in value:
        raise _bad(
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


def _rating(fields: dict[str, Any], key: str, where: str) -> int | None:
    with _Field(where, key):
        return rating(fields.get(key), "The rating")


def _moment(
    fields: dict[str, Any], key: str, where: str, *, required: bool = False
) -> datetime | None:
    value = _string(fields.get(key), where, key)
    if not value or not value.strip():
        if required:
            raise InvalidValue(f"{where} has no {key}, and every record needs one.")
        return None
    try:
        return dates.local(datetime.fromisoformat(value.strip()))
    except ValueError:
        raise _bad(
            where, key, value, "write dates as ISO 8601, such as 2026-11-20T14:30:00+01:00."
        ) from None


def _timestamp(fields: dict[str, Any], key: str, where: str) -> str | None:
    """A timestamp the journal keeps as text: checked, then kept exactly as written."""
    value = _string(fields.get(key), where, key)
    if value:
        _moment(fields, key, where)
    return value or None


def _uuid(fields: dict[str, Any], where: str) -> str | None:
    value = fields.get("uuid")
    return _uuid_text(value, where, "uuid") if value else None


def _uuid_text(value: Any, where: str, field: str) -> str:
    try:
        return str(uuidlib.UUID(_string(value, where, field)))
    except ValueError:
        raise _bad(
            where, field, value, "it should be a uuid such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427."
        ) from None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _choices(names: Iterable[str]) -> str:
    names = list(names)
    return ", ".join(names[:-1]) + " or " + names[-1]
