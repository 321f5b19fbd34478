"""The JSON export's records built a chunk at a time, by two connections at once for a big journal.

SQLite builds each record's JSON text (rows.py) and joins a chunk's records into one text, so
Python only writes the chunks out. That building is nearly all of an export's time, and Python's
sqlite3 lets go of the interpreter lock while SQLite runs a statement: two connections in two
threads build alternate chunks on the two cores of a small machine, and the writer takes them in
the order of the records. A queue of one chunk a thread keeps memory flat.

Joined by SQLite, a chunk costs the threads one hand-over of the interpreter lock rather than one
a record, which would keep them waiting on the writer.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

# The ids one chunk covers: enough that a statement per chunk costs nothing beside building its
# records, few enough that the chunks built ahead (two a thread) stay a few megabytes.
CHUNK = 250
# Below this many chunks' worth of ids, a second thread costs about what it saves, so one
# connection builds them all.
PARALLEL_CHUNKS = 10
_LAST_ID = 2**63 - 1

Run = tuple[int, str]  # how many records a chunk holds, and their text joined


def chunk_ranges(conn: sqlite3.Connection, chunk: int) -> list[tuple[int, int]]:
    """The ranges of ids (first, last) to build chunk by chunk, in order, as conn sees the journal.

    A range of `chunk` ids holds at most `chunk` records, whatever was purged; each range starts at
    an id that exists, so the gaps a purge leaves cost one lookup, not a chunk each.
    """
    ranges = []
    (first,) = conn.execute("SELECT min(id) FROM records").fetchone()
    while first is not None:
        last = min(first + chunk - 1, _LAST_ID)
        ranges.append((first, last))
        if last == _LAST_ID:
            break
        (first,) = conn.execute("SELECT min(id) FROM records WHERE id > ?", [last]).fetchone()
    return ranges


def built_in_chunks(
    conn: sqlite3.Connection,
    sql: str,
    params: Sequence[Any],
    *,
    chunk: int = CHUNK,
    reader: Callable[[], sqlite3.Connection] | None = None,
) -> Iterator[Run]:
    """The runs of text sql builds, chunk by chunk in id order (chunks with no record left out).

    sql: a statement that takes params and then the first and last id of a chunk, and returns one
    row: how many records it picked, and their text joined. reader: opens another connection to
    the same journal; given, and the journal big, two such connections build the chunks at once.
    """
    readers = _same_snapshot(conn, reader) if reader is not None and _big(conn, chunk) else None
    if readers is None:
        yield from _one_connection(conn, sql, params, chunk)
        return
    try:
        ranges = chunk_ranges(readers[0], chunk)
    except BaseException:
        _release(readers)
        raise
    yield from _two_connections(readers, ranges, sql, params)


def _big(conn: sqlite3.Connection, chunk: int) -> bool:
    """Whether the journal holds enough ids to be worth a second thread (two lookups)."""
    first, last = conn.execute("SELECT min(id), max(id) FROM records").fetchone()
    return first is not None and last - first + 1 >= PARALLEL_CHUNKS * chunk


def _one_connection(
    conn: sqlite3.Connection, sql: str, params: Sequence[Any], chunk: int
) -> Iterator[Run]:
    # One read transaction, so every chunk comes from the same state of the journal, as the one
    # statement of an export did before it was cut into chunks.
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")
    try:
        for first, last in chunk_ranges(conn, chunk):
            ((count, text),) = conn.execute(sql, [*params, first, last]).fetchall()
            if count:
                yield count, text
    finally:
        if began and conn.in_transaction:
            conn.execute("ROLLBACK")  # it only read


def _same_snapshot(
    conn: sqlite3.Connection, reader: Callable[[], sqlite3.Connection]
) -> list[sqlite3.Connection] | None:
    """Two new connections reading the journal as it stands now, the same for both; or None when
    that can't be had at once (another thoughtlog is writing), and one connection must do.

    A read transaction sees the journal as of the last commit before its first read, and each
    connection has its own. To make the two the same, both start theirs while conn holds the
    write lock (BEGIN IMMEDIATE), so that no commit can land between the two; then conn lets the
    lock go, having written nothing. Writers wait for that lock no longer than it takes to open
    two connections, and from then on write as usual, unseen by the export, as with one statement.
    """
    if conn.in_transaction:
        return None
    (waited,) = conn.execute("PRAGMA busy_timeout").fetchone()
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return None  # busy: the writer keeps the lock, and the export keeps to one connection
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(waited)}")
    readers: list[sqlite3.Connection] = []
    try:
        for _ in range(2):
            readers.append(reader())
            readers[-1].execute("BEGIN")
            readers[-1].execute("SELECT count(*) FROM sqlite_schema").fetchall()  # starts the read
    except BaseException:
        for one in readers:
            one.close()
        raise
    finally:
        conn.execute("ROLLBACK")
    return readers


def _release(readers: list[sqlite3.Connection]) -> None:
    for one in readers:
        one.close()  # closing ends the read transaction; nothing was written


def _two_connections(
    readers: list[sqlite3.Connection],
    ranges: list[tuple[int, int]],
    sql: str,
    params: Sequence[Any],
) -> Iterator[Run]:
    """Reader i builds chunks i, i + 2, i + 4, ... and hands each on through a queue of one;
    the chunks are taken from the two queues in turn, so they come out in order."""
    stop = threading.Event()
    handed: list[queue.Queue[Run | BaseException]] = [queue.Queue(maxsize=1) for _ in readers]

    def hand_on(number: int, item: Run | BaseException) -> None:
        while not stop.is_set():
            try:
                handed[number].put(item, timeout=0.05)
                return
            except queue.Full:
                continue

    def build(number: int) -> None:
        conn = readers[number]
        try:
            for first, last in ranges[number :: len(readers)]:
                if stop.is_set():
                    return
                ((count, text),) = conn.execute(sql, [*params, first, last]).fetchall()
                hand_on(number, (count, text))
        except BaseException as error:  # handed on, and raised where the chunks are taken
            hand_on(number, error)

    threads = [
        threading.Thread(target=build, args=(number,), name=f"export-{number}", daemon=True)
        for number in range(len(readers))
    ]
    try:
        for thread in threads:
            thread.start()
        for index in range(len(ranges)):
            item = handed[index % len(readers)].get()
            if isinstance(item, BaseException):
                raise item
            if item[0]:
                yield item
    finally:
        # The writer stopped (done, a full disk, Ctrl-C): end the threads' work at once.
        stop.set()
        for conn in readers:
            conn.interrupt()
        for thread in threads:
            thread.join()
        _release(readers)
