"""Import: a JSON or CSV export read into the journal, merged by uuid, all of it or none of it.

Readers hand on one record at a time and the import saves them in batches, so memory stays flat
however long the file is.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any, BinaryIO, TypeVar

from thoughtlog.errors import InvalidValue
from thoughtlog.exchange.csv_format import read_csv
from thoughtlog.exchange.fields import record_content
from thoughtlog.exchange.json_format import read_json
from thoughtlog.model import Experiment, Record

if TYPE_CHECKING:
    from thoughtlog.storage import Journal

BATCH_SIZE = 500


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
        record_content,
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
