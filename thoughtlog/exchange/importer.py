"""Import: a JSON or CSV export read into the journal, merged by uuid, all of it or none of it.

Readers hand on one record at a time and the import saves them in batches, so memory stays flat
however long the file is.
"""

from __future__ import annotations

import io
import os
import queue
import stat
import sys
import threading
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from thoughtlog.beliefs import Belief
from thoughtlog.errors import InvalidValue
from thoughtlog.exchange.agenda_fields import AgendaCounts, AgendaPart, merge_agenda
from thoughtlog.exchange.care_format import CareCounts, CarePart, merge_care
from thoughtlog.exchange.csv_format import read_csv
from thoughtlog.exchange.fields import Read, content_uuid, record_content
from thoughtlog.exchange.json_format import read_json
from thoughtlog.model import Experiment, Record
from thoughtlog.scripts import Script

if TYPE_CHECKING:
    from thoughtlog.storage import Journal

BATCH_SIZE = 500
HEAD_SIZE = 4096  # what is looked at to tell the encoding and the format
READ_SIZE = 1 << 16


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
    beliefs: Counts = field(default_factory=Counts)
    scripts: Counts = field(default_factory=Counts)
    unlinked_experiments: int = 0  # their record_uuid names a record this journal doesn't have
    care: CareCounts = field(default_factory=CareCounts)
    agenda: AgendaCounts = field(default_factory=AgendaCounts)

    @property
    def added(self) -> int:
        return self.records.added + self.experiments.added + self.beliefs.added + self.scripts.added

    @property
    def updated(self) -> int:
        return (
            self.records.updated
            + self.experiments.updated
            + self.beliefs.updated
            + self.scripts.updated
        )

    @property
    def unchanged(self) -> int:
        return (
            self.records.unchanged
            + self.experiments.unchanged
            + self.beliefs.unchanged
            + self.scripts.unchanged
        )


def import_file(
    journal: Journal,
    source: BinaryIO,
    *,
    format: str | None = None,
    dry_run: bool = False,
    name: str = "The file",
    read_ahead: bool | None = None,
) -> ImportSummary:
    """Read a thoughtlog JSON or CSV file into the journal, all of it or (on any error) none of it.

    Records and experiments are matched by uuid: a match that differs is updated only when the
    incoming one is newer (updated_at), so the same file twice, or two machines' exports, never
    duplicate. A uuid met twice in the file is an error that names both places. A dry run does
    the same work in a transaction that is then rolled back.

    read_ahead: read and check the file in a thread of its own while saving (see _ReadAhead);
    by default, when the source never waits (see never_waits). A caller that wraps its source
    says so from the source it wrapped.
    """
    if read_ahead is None:
        read_ahead = never_waits(source)
    # Buffered afresh, so that the head can be looked at (peek) and then read again as text;
    # a buffered source fills the first read whole, even from a pipe.
    buffered = io.BufferedReader(source, buffer_size=READ_SIZE)  # type: ignore[arg-type]
    try:
        head = buffered.peek(HEAD_SIZE)[:HEAD_SIZE]
        _check_encoding(head, name)
        format = format or _detect_format(head, name)
        if format not in ("json", "csv"):
            raise InvalidValue(f"'{format}' isn't a format import reads: use json or csv.")
        text = io.TextIOWrapper(buffered, encoding="utf-8-sig", newline="")
        try:
            items = read_json(text) if format == "json" else read_csv(text)
            return _save_all(journal, items, dry_run=dry_run, name=name, read_ahead=read_ahead)
        finally:
            text.detach()
    finally:
        buffered.detach()  # the source stays open: it is the caller's to close (it may be stdin)


def never_waits(source: object) -> bool:
    """Whether reading source can never wait on someone else: bytes in memory, or a regular file.

    Only such a source is read ahead in a thread. A pipe or a terminal can keep a read waiting
    for as long as the other end likes, and a thread left waiting there after the import has
    stopped (Ctrl-C, a bad value) would hold the stream, and the process, until it ended.
    """
    return isinstance(source, io.BytesIO) or file_size(source) is not None


def file_size(source: object) -> int | None:
    """The size of a regular file, or None for a pipe, a terminal or a stream without a file."""
    try:
        status = os.fstat(source.fileno())  # type: ignore[attr-defined]
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _save_all(
    journal: Journal, items: Iterator[Read], *, dry_run: bool, name: str, read_ahead: bool
) -> ImportSummary:
    """Every item into the journal in one transaction; any bad one, and nothing is."""
    summary = ImportSummary()
    ahead = _ReadAhead(items) if read_ahead else None
    try:
        with journal.import_transaction(dry_run=dry_run):
            _import_items(journal, iter(ahead) if ahead else items, summary)
    except UnicodeDecodeError:
        raise InvalidValue(
            f"{name} isn't UTF-8 text (it may be Latin-1 or Windows-1252). Save it as UTF-8"
            " (in a spreadsheet, 'CSV UTF-8') and import it again. Nothing was imported."
        ) from None
    except InvalidValue as error:
        raise InvalidValue(f"{error} Nothing was imported.") from None
    finally:
        if ahead:
            ahead.close()
    return summary


class _ReadAhead:
    """The file read and checked in a thread of its own, a few chunks ahead of the saving.

    Reading and checking are Python's work; saving is mostly SQLite's, which lets go of the
    interpreter while it runs, so on a machine with two cores the two overlap. Items come out in
    the order read, and an error comes out where the reading met it, after every item before it:
    an import sees exactly what it would see reading the file itself. At most AHEAD chunks wait
    at a time, so memory stays flat.
    """

    CHUNK = 250
    AHEAD = 2
    _END = object()

    def __init__(self, items: Iterator[Read]):
        self._items = items
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=self.AHEAD)
        self._stopped = threading.Event()
        self._switch = sys.getswitchinterval()
        # Each call into SQLite gives the interpreter away and waits for it back: hand it over
        # sooner than the 5 ms Python's default lets the reading thread keep it.
        sys.setswitchinterval(min(self._switch, 0.0005))
        self._thread = threading.Thread(target=self._read, name="thoughtlog-import", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        from thoughtlog.storage.rows import record_rows

        chunk: list[Read] = []
        try:
            for read in self._items:
                if type(read.item) is Record:  # its rows too, so that saving has less to do
                    read = read._replace(rows=record_rows(read.item))
                chunk.append(read)
                if len(chunk) == self.CHUNK:
                    if not self._put(chunk):
                        return
                    chunk = []
        except BaseException as error:  # handed on, to be raised where it was met
            if self._put(chunk):
                self._put(error)
            return
        if self._put(chunk):
            self._put(self._END)

    def _put(self, item: Any) -> bool:
        """Hand on one chunk (or the end, or an error); False once the import has stopped."""
        while not self._stopped.is_set():
            try:
                self._queue.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Iterator[Read]:
        while True:
            item = self._queue.get()
            if item is self._END:
                return
            if isinstance(item, BaseException):
                raise item
            yield from item

    def close(self) -> None:
        """Stop reading (if it hasn't finished) and wait for the thread; the file is then free.

        The source never waits (see never_waits), so the thread is done as soon as it has read
        the chunk in hand.
        """
        self._stopped.set()
        self._thread.join()
        sys.setswitchinterval(self._switch)


def _import_items(journal: Journal, items: Iterator[Read], summary: ImportSummary) -> None:
    records = _Merge(
        journal.records_by_uuid,
        lambda reads: journal.insert_records(
            [read.item for read in reads], [read.rows for read in reads]
        ),
        journal.replace_records,
        record_content,
        summary.records,
    )
    experiments = _Merge(
        journal.experiments_by_uuid,
        lambda reads: journal.insert_experiments([read.item for read in reads]),
        journal.replace_experiments,
        _experiment_content,
        summary.experiments,
        before_saving=lambda chunk: _link_experiments(journal, chunk, summary),
    )
    beliefs: list[Read] = []  # a handful: merged once the records and steps they link are in
    scripts: list[Read] = []
    for read in items:
        if isinstance(read.item, CarePart):  # check-ins and the plan: merged whole, as read
            merge_care(journal, read.item, summary.care)
            continue
        if isinstance(read.item, AgendaPart):  # the agenda and sessions: few, merged whole
            merge_agenda(journal, read.item, summary.agenda)
            continue
        if isinstance(read.item, Record):
            records.take(read)
            continue
        if isinstance(read.item, Belief):
            beliefs.append(read)
            continue
        if isinstance(read.item, Script):  # merged last, once their beliefs and steps are in
            scripts.append(read)
            continue
        # The records are over (an export has them first): save the last of them. Experiments are
        # linked to their records by uuid, so they wait until every record is in, unless records
        # have come already (as in an export: then memory stays flat).
        records.save_taken()
        experiments.take(read, hold=not summary.records.total)
    records.save_taken()
    experiments.save_taken()
    if beliefs:
        from thoughtlog.storage.beliefs import merge_belief

        _merge_each(beliefs, lambda belief: merge_belief(journal, belief), summary.beliefs)
    if scripts:
        from thoughtlog.storage.scripts import merge_script

        _merge_each(scripts, lambda script: merge_script(journal, script), summary.scripts)


def _merge_each(reads: list[Read], merge: Callable[[Any], str], counts: Counts) -> None:
    """Beliefs, or scripts (a handful), merged one at a time by uuid; merge says whether each was
    added, updated or left unchanged. A new one is added; a known one takes the newer words and
    gains the ratings, evidence or rehearsals it lacks, so two journals that both rated (or
    rehearsed) it keep them all. A uuid met twice in the file is an error naming both places."""
    seen: dict[str, Read] = {}
    for read in reads:
        uuid = read.item.uuid
        if uuid and uuid in seen:
            raise _twice(read, seen[uuid].number)
        if uuid:
            seen[uuid] = read
        outcome = merge(read.item)
        setattr(counts, outcome, getattr(counts, outcome) + 1)


def _link_experiments(journal: Journal, chunk: list[Read], summary: ImportSummary) -> None:
    """Point each experiment at its record in this journal, found by the record's uuid."""
    experiments = [cast(Experiment, read.item) for read in chunk]
    record_ids = journal.record_ids_by_uuid([e.record_uuid for e in experiments if e.record_uuid])
    for experiment in experiments:
        if experiment.record_uuid:
            experiment.record_id = record_ids.get(experiment.record_uuid)
            summary.unlinked_experiments += experiment.record_id is None


class _Merge:
    """Records (or experiments) merged into the journal by uuid, a batch at a time.

    Add what is new, update what is newer, and leave the rest as it is. Each journal row the file
    meets is remembered with the place in the file that met it, so that a uuid met a second time,
    in this batch or an earlier one, is an error naming both places.
    """

    def __init__(
        self,
        find: Callable[[list[str]], dict[str, Any]],
        insert: Callable[[list[Read]], None],
        replace: Callable[[list[Any]], None],
        content: Callable[[Any], dict[str, Any]],
        counts: Counts,
        *,
        before_saving: Callable[[list[Read]], None] | None = None,
    ):
        self.find, self.insert, self.replace, self.content = find, insert, replace, content
        self.counts = counts
        self.before_saving = before_saving
        self.batch: list[Read] = []
        self.places = _Places()

    def take(self, read: Read, *, hold: bool = False) -> None:
        """Take one more; a full batch is saved, unless asked to hold everything until save_taken."""
        self.batch.append(read)
        if len(self.batch) >= BATCH_SIZE and not hold:
            self.save_taken()

    def save_taken(self) -> None:
        """Save everything taken so far."""
        for start in range(0, len(self.batch), BATCH_SIZE):
            self._save_batch(self.batch[start : start + BATCH_SIZE])
        self.batch = []

    def _save_batch(self, batch: list[Read]) -> None:
        if self.before_saving:
            self.before_saving(batch)
        saved = self.find([read.item.uuid for read in batch if read.item.uuid])
        in_batch: dict[str, Read] = {}
        new: list[Read] = []
        changed: list[Any] = []
        for read in batch:
            item = read.item
            if item.uuid is None:  # an experiment written by hand: always new
                new.append(read)
                continue
            first = in_batch.get(item.uuid)
            existing = saved.get(item.uuid)
            if first is None and existing is not None:
                first_number = self.places.place_of(existing.id)
                if first_number:
                    raise _twice(read, first_number)
            elif first is not None:
                raise _twice(read, first.number)
            in_batch[item.uuid] = read
            if existing is None:
                new.append(read)
                continue
            self.places.remember(existing.id, read.number)
            if self.content(item) == self.content(existing) or not _newer(item, existing):
                self.counts.unchanged += 1
            else:
                # Updated in place: keep the local id, and a trashed one stays in the trash.
                item.id, item.deleted_at = existing.id, existing.deleted_at
                if isinstance(item, Experiment):  # links by local id, which a file doesn't carry
                    item.belief_id, item.script_id = existing.belief_id, existing.script_id
                changed.append(item)
                self.counts.updated += 1
        self.insert(new)
        for read in new:
            self.places.remember(read.item.id, read.number)
        self.counts.added += len(new)
        self.replace(changed)


class _Places:
    """Where in the file each journal row was first met, by the row's id: 4 bytes a row.

    A dict from uuid to place would cost some 150 bytes a record, more than the rest of an import
    of 100,000 records needs. A journal's ids run from 1 with few gaps, so an array indexed by id
    does; an id beyond DENSE_IDS (only a journal edited by hand has one) goes to a dict instead.
    """

    DENSE_IDS = 1 << 24

    def __init__(self) -> None:
        self.dense = array("I")
        self.sparse: dict[int, int] = {}

    def place_of(self, row_id: int) -> int:
        """The place that met this row (1 or more), or 0 when none has yet."""
        if row_id < len(self.dense):
            return self.dense[row_id]
        return self.sparse.get(row_id, 0)

    def remember(self, row_id: int, place: int) -> None:
        if row_id >= self.DENSE_IDS:
            self.sparse[row_id] = place
            return
        if row_id >= len(self.dense):
            grow = max(row_id + 1 - len(self.dense), len(self.dense) // 2)
            self.dense.frombytes(bytes(grow * self.dense.itemsize))
        self.dense[row_id] = place


def _twice(read: Read, first: int) -> InvalidValue:
    """The error for a second item with a uuid already met in the file, naming both places."""
    kind = (
        "record"
        if isinstance(read.item, Record)
        else "belief"
        if isinstance(read.item, Belief)
        else "script"
        if isinstance(read.item, Script)
        else "experiment"
    )
    if isinstance(read.item, Record) and read.item.uuid == content_uuid(read.item):
        # Neither has a uuid of its own: theirs is made from their content, which is the same.
        return InvalidValue(
            f"{read.where} repeats {read.named(first)} word for word. Remove one of them and"
            " import again."
        )
    return InvalidValue(
        f"{read.where} has the same uuid as {read.named(first)} ({read.item.uuid}), and a uuid"
        f" names one {kind}, so import can't tell which to keep. Remove one of them (or give it"
        " a new uuid) and import again."
    )


def _experiment_content(experiment: Experiment) -> dict[str, Any]:
    content = experiment.to_dict()
    for key in ("id", "record_id", "belief_id", "script_id", "created_at", "updated_at"):
        del content[key]
    return content


def _newer(incoming: Record | Experiment, saved: Record | Experiment) -> bool:
    return _instant(incoming.updated_at) > _instant(saved.updated_at)


def _instant(text: str | None) -> datetime:
    if not text:
        return datetime.min.replace(tzinfo=UTC)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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
