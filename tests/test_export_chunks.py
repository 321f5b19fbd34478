"""The export built a chunk of records at a time, on one connection or on two at once."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from conftest import raw_connect
from test_export import TZ

from thoughtlog import exchange
from thoughtlog.model import Emotion, Record, Thought
from thoughtlog.storage import RecordFilter, chunks
from thoughtlog.storage.chunks import chunk_ranges

CHUNK = 3  # small chunks, so a few dozen records make many of them
PARALLEL_CHUNKS = 10
# An encrypted journal is exported on one connection: another would need its key.
two_connections = pytest.mark.plain_journal("an encrypted journal keeps to one connection")


@pytest.fixture(autouse=True)
def few_chunks_are_enough(monkeypatch):
    monkeypatch.setattr(chunks, "PARALLEL_CHUNKS", PARALLEL_CHUNKS)


def varied(number: int) -> Record:
    """Records unlike each other in what they hold, so that a chunk out of place would show."""
    return Record(
        situation=f'{"=" * (number % 7 == 0)}Record {number}: "quotes", commas; a line\nbreak ✓',
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


def exported(
    journal, filters: RecordFilter | None = None, format: str = "json"
) -> tuple[list[int], str]:
    """The export's runs of records: how many in each, and all their text."""
    if format == "csv":
        runs = list(journal.record_csv_runs(filters, **exchange.csv_syntax(), chunk=CHUNK))
        return [count for count, _ in runs], "".join(text for _, text in runs)
    runs = list(journal.record_json_runs(filters, separator=exchange.RECORD_SEPARATOR, chunk=CHUNK))
    return [count for count, _ in runs], exchange.RECORD_SEPARATOR.join(t for _, t in runs)


def one_connection(journal, monkeypatch) -> None:
    monkeypatch.setattr(journal, "_second_path", lambda: None)


def helpers_started(monkeypatch) -> list[chunks._Helper]:
    """The helper processes the export starts and keeps, as they are started."""
    started: list[chunks._Helper] = []
    start = chunks._Helper.start

    def keeping(*args, **kwargs):
        helper = start(*args, **kwargs)
        if helper is not None:
            started.append(helper)
        return helper

    monkeypatch.setattr(chunks._Helper, "start", keeping)
    return started


@two_connections
@pytest.mark.parametrize("format", ["json", "csv"])
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
    big_journal, monkeypatch, filters, format
):
    started = helpers_started(monkeypatch)
    counts, text = exported(big_journal, filters, format)
    assert len(started) == 1  # built by two processes
    one_connection(big_journal, monkeypatch)
    assert exported(big_journal, filters, format) == (counts, text)
    assert sum(counts) > 0 and len(counts) > 1


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
    monkeypatch.setattr(big_journal, "_second_path", lambda: big_journal.path)
    started = helpers_started(monkeypatch)
    # Every record, in the chunks of both processes, all but the first built after the saves.
    changed = list(big_journal.iter_records())
    runs = big_journal.record_json_runs(separator=exchange.RECORD_SEPARATOR, chunk=CHUNK)
    first = next(runs)
    for record in changed:
        record.situation = "Changed while the export ran"
        big_journal.update_record(record)
    big_journal.add_record(varied(1000))
    rest = list(runs)
    counts = [first[0]] + [count for count, _ in rest]
    text = exchange.RECORD_SEPARATOR.join([first[1]] + [t for _, t in rest])
    assert len(started) == 1
    assert (counts, text) == before


@two_connections
def test_export_stopped_early_leaves_no_process_or_connection_behind(big_journal, monkeypatch):
    # As when the disk fills up under the writer: the building stops with it.
    started = helpers_started(monkeypatch)
    runs = big_journal.record_json_runs(separator=exchange.RECORD_SEPARATOR, chunk=CHUNK)
    next(runs)
    runs.close()
    (helper,) = started
    assert helper.process.poll() is not None
    with pytest.raises(Exception, match="closed"):
        helper.reader.execute("SELECT 1")


@two_connections
def test_export_is_whole_when_the_helper_process_ends_midway(big_journal, monkeypatch):
    one_connection(big_journal, monkeypatch)
    expected = exported(big_journal, format="csv")
    monkeypatch.setattr(big_journal, "_second_path", lambda: big_journal.path)
    started = helpers_started(monkeypatch)
    runs = big_journal.record_csv_runs(**exchange.csv_syntax(), chunk=CHUNK)
    first = next(runs)
    started[0].process.kill()
    rest = [first, *runs]
    assert ([count for count, _ in rest], "".join(text for _, text in rest)) == expected


@two_connections
def test_export_while_another_thoughtlog_writes_keeps_to_one_connection(
    big_journal, journal_path, monkeypatch
):
    one_connection(big_journal, monkeypatch)
    expected = exported(big_journal)
    monkeypatch.setattr(big_journal, "_second_path", lambda: big_journal.path)
    started = helpers_started(monkeypatch)
    writer = raw_connect(journal_path)
    writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as an import does for a while
    try:
        assert exported(big_journal) == expected
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert started == []
    assert big_journal.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_chunks_step_over_the_gaps_purged_records_leave(journal):
    ids = [journal.add_record(varied(number)) for number in range(12)]
    for record_id in ids[2:9]:
        journal.trash_record(record_id)
        journal.purge_record(record_id)
    assert chunk_ranges(journal.conn, 3) == [(1, 3), (10, 12)]
