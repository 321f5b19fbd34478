"""The export built a chunk of records at a time, on one connection or on two at once."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta

import pytest
from conftest import raw_connect
from test_export import TZ

from thoughtlog import exchange
from thoughtlog.model import Emotion, Record, Thought
from thoughtlog.storage import RecordFilter
from thoughtlog.storage.chunks import PARALLEL_CHUNKS, chunk_ranges

CHUNK = 4  # small chunks, so a few dozen records make many of them
# An encrypted journal is exported on one connection: a second would need its key.
two_connections = pytest.mark.plain_journal("an encrypted journal keeps to one connection")


def varied(number: int) -> Record:
    """Records unlike each other in what they hold, so that a chunk out of place would show."""
    return Record(
        situation=f'Record {number}: "quotes", commas; and a line\nbreak ✓',
        occurred_at=datetime(2026, 1, 1, 8, tzinfo=TZ) + timedelta(days=number),
        emotions=[Emotion(f"feeling {number}", number % 101, None)][: number % 2 + 0],
        thoughts=[Thought(f"thought {n} of {number}", 50, 20, n == 1) for n in range(number % 3)],
        reframe="done" if number % 4 else None,
        tags=["work"] if number % 3 == 0 else [],
    )


@pytest.fixture
def big_journal(journal):
    """Enough ids for the export to be built on two connections, with trashed records among them."""
    for number in range(PARALLEL_CHUNKS * CHUNK + 7):
        record_id = journal.add_record(varied(number))
        if number % 5 == 4:
            journal.trash_record(record_id)
    return journal


def exported(journal, filters: RecordFilter | None = None) -> tuple[list[int], str]:
    runs = list(journal.record_json_runs(filters, separator=exchange.RECORD_SEPARATOR, chunk=CHUNK))
    return [count for count, _ in runs], exchange.RECORD_SEPARATOR.join(t for _, t in runs)


def one_connection(journal, monkeypatch) -> None:
    monkeypatch.setattr(journal, "_second_reader", lambda: None)


def readers_opened(journal, monkeypatch) -> list[object]:
    """The extra connections the export opens, as they are opened."""
    opened: list[object] = []
    connect = journal._second_reader()
    assert connect is not None  # a plain journal thoughtlog can write: two connections may read

    def counting():
        conn = connect()
        opened.append(conn)
        return conn

    monkeypatch.setattr(journal, "_second_reader", lambda: counting)
    return opened


@two_connections
@pytest.mark.parametrize(
    "filters",
    [
        None,
        RecordFilter(since=datetime(2026, 1, 9, tzinfo=TZ)),
        RecordFilter(until=datetime(2026, 1, 30, tzinfo=TZ), tags=["work"]),
        RecordFilter(trash=True),
    ],
)
def test_export_on_two_connections_is_byte_for_byte_the_one_connection_export(
    big_journal, monkeypatch, filters
):
    opened = readers_opened(big_journal, monkeypatch)
    counts, text = exported(big_journal, filters)
    assert len(opened) == 2  # the two-connection path was taken
    one_connection(big_journal, monkeypatch)
    assert exported(big_journal, filters) == (counts, text)
    assert sum(counts) == len(text.split(exchange.RECORD_SEPARATOR + "{")) > 0


def test_export_holds_every_record_once_in_id_order(big_journal):
    _, text = exported(big_journal)
    records = json.loads("[" + text + "]")
    ids = [record["id"] for record in records]
    assert ids == sorted(ids) == [r.id for r in big_journal.iter_records()]


@two_connections
def test_export_on_two_connections_sees_the_journal_as_it_was_when_it_began(
    big_journal, monkeypatch
):
    # Saves landing while the export runs belong to the next export, in every chunk alike.
    one_connection(big_journal, monkeypatch)
    before = exported(big_journal)
    monkeypatch.undo()
    last = list(big_journal.iter_records())[-1]  # in the last chunk, built after the saves
    runs = big_journal.record_json_runs(separator=exchange.RECORD_SEPARATOR, chunk=CHUNK)
    first = next(runs)
    last.situation = "Changed while the export ran"
    big_journal.update_record(last)
    big_journal.add_record(varied(1000))
    rest = list(runs)
    counts = [first[0]] + [count for count, _ in rest]
    text = exchange.RECORD_SEPARATOR.join([first[1]] + [t for _, t in rest])
    assert (counts, text) == before


@two_connections
def test_export_stopped_early_leaves_no_thread_or_connection_behind(big_journal, monkeypatch):
    # As when the disk fills up under the writer: the building stops with it.
    opened = readers_opened(big_journal, monkeypatch)
    runs = big_journal.record_json_runs(separator=exchange.RECORD_SEPARATOR, chunk=CHUNK)
    next(runs)
    runs.close()
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("export-")]
    for conn in opened:
        with pytest.raises(Exception, match="closed"):
            conn.execute("SELECT 1")


@two_connections
def test_export_while_another_thoughtlog_writes_keeps_to_one_connection(
    big_journal, journal_path, monkeypatch
):
    one_connection(big_journal, monkeypatch)
    expected = exported(big_journal)
    monkeypatch.undo()
    opened = readers_opened(big_journal, monkeypatch)
    writer = raw_connect(journal_path)
    writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as an import does for a while
    try:
        assert exported(big_journal) == expected
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert opened == []
    assert big_journal.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_chunks_step_over_the_gaps_purged_records_leave(journal):
    ids = [journal.add_record(varied(number)) for number in range(12)]
    for record_id in ids[2:9]:
        journal.trash_record(record_id)
        journal.purge_record(record_id)
    assert chunk_ranges(journal.conn, 3) == [(1, 3), (10, 12)]
