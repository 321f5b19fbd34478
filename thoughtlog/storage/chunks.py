"""The JSON export's records built a chunk at a time, on both cores of a small machine for a big journal.

SQLite builds each record's JSON text (rows.py) and joins a chunk's records into one text, so
Python only writes the chunks out. That building is nearly all of an export's time. For a big
journal, a second process (chunk_builder.py) builds every other chunk while this one builds the
rest, and the writer takes them in the order of the records.

Why a process and not a thread, though Python's sqlite3 lets go of the interpreter lock while
SQLite works: the SQLite that Python is linked with on common Linux systems takes one lock of the
whole process for every memory allocation (it is built without per-connection lookaside memory),
and building JSON allocates all the time. Measured on 100,000 records on two idle cores: one
connection 1.88 s; two threads 1.32 s for 2.58 s of processor time, and from 1.7 to 2.9 s as soon
as anything else ran; two processes 0.96 s for 1.90 s.

Memory stays flat: the other process writes a chunk into a pipe and waits until it is read, so
at most a chunk or two are on their way, and it needs its own few megabytes whatever the size.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from thoughtlog.storage.files import BUSY_TIMEOUT_MS

# The ids one chunk covers: enough that a statement per chunk costs nothing beside building its
# records, few enough that a chunk on its way is a few hundred kilobytes.
CHUNK = 250
# Below this many chunks' worth of ids, starting a second process costs about what it saves.
PARALLEL_CHUNKS = 40
# The chunks this process builds alone while the helper starts: the helper is ready after about
# one chunk's time, or eight when it imports what finishes a chunk (a tenth of a second).
HEAD_START = 1
HEAD_START_FINISHED = 8
# The page cache of each extra reader, in KiB (SQLite's default is 2,000): a chunk reads its
# records' pages once and in order, so a small cache loses nothing.
READER_CACHE_KIB = 256
_LAST_ID = 2**63 - 1
_BUILDER = Path(__file__).with_name("chunk_builder.py")

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
    path: Path | None = None,
    finish: str | None = None,
) -> Iterator[Run]:
    """The runs of text sql builds, chunk by chunk in id order (chunks with no record left out).

    sql: a statement that takes params and then the first and last id of a chunk, and returns one
    row: how many records it picked, and their text joined. path: the journal's file, which other
    connections may open to read it; given, and the journal big, two processes build the chunks.
    finish: "module:function", a function that turns a chunk's text into what is written, run
    beside SQLite in the process that builds the chunk (for the CSV, the quoting of its cells).
    """
    step = _function(finish) if finish else None
    helper = _Helper.start(conn, path, sql, params, chunk, finish) if path is not None else None
    if helper is None:
        for count, text in _one_connection(conn, sql, params, chunk):
            yield count, step(text) if step else text
        return
    with helper:
        ranges = chunk_ranges(helper.reader, chunk)
        # While the helper starts (and, to finish chunks, imports), this process builds the first
        # few; from there on they take turns.
        head = HEAD_START_FINISHED if finish else HEAD_START
        helper.hand_over(ranges[head + 1 :: 2])
        for index, (first, last) in enumerate(ranges):
            run = helper.take() if index > head and (index - head) % 2 else None
            if run is None:  # this process's chunk, or the helper's when it couldn't build it
                count, text = _build(helper.reader, sql, params, first, last)
                run = count, step(text) if step and count else text
            if run[0]:
                yield run


def _function(name: str) -> Callable[[str], str]:
    from importlib import import_module

    module, function = name.split(":")
    return getattr(import_module(module), function)


def _build(conn: sqlite3.Connection, sql: str, params: Sequence[Any], first: int, last: int) -> Run:
    ((count, text),) = conn.execute(sql, [*params, first, last]).fetchall()
    return count, text


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
            run = _build(conn, sql, params, first, last)
            if run[0]:
                yield run
    finally:
        if began and conn.in_transaction:
            conn.execute("ROLLBACK")  # it only read


def open_reader(path: Path) -> sqlite3.Connection:
    """Another connection that reads the journal, as the helper's does."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA query_only = ON")
    conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
    return conn


class _Helper:
    """The other process (chunk_builder.py) and this process's own reader, both reading the
    journal in the same state.

    The exchange, a line at a time: the job (the journal's path, the statement, its parameters)
    goes in; "waiting" comes back once it has opened the journal; "begin" goes in and "reading"
    comes back once its read transaction has begun; then its ranges of ids go in, and for each
    range "count bytes" comes back followed by that many bytes of UTF-8 text.
    """

    def __init__(self, process: subprocess.Popen[bytes], reader: sqlite3.Connection):
        self.process = process
        self.reader = reader
        self.working = True

    @classmethod
    def start(
        cls,
        conn: sqlite3.Connection,
        path: Path,
        sql: str,
        params: Sequence[Any],
        chunk: int,
        finish: str | None,
    ) -> _Helper | None:
        """The helper, reading; or None where one connection must do: a small journal, a writer
        holding the write lock, or a process that can't be started here."""
        first, last = conn.execute("SELECT min(id), max(id) FROM records").fetchone()
        if first is None or last - first + 1 < PARALLEL_CHUNKS * chunk or conn.in_transaction:
            return None
        if not sys.executable:  # embedded somewhere without a Python to start
            return None
        job = {
            "path": str(path),
            "timeout": BUSY_TIMEOUT_MS / 1000,
            "cache_kib": READER_CACHE_KIB,
            "sql": sql,
            "params": list(params),
            "finish": finish,
        }
        try:
            process = subprocess.Popen(
                [sys.executable, "-I", str(_BUILDER)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return None
        reader = None
        try:
            _tell(process, json.dumps(job))
            if _heard(process) != b"waiting\n":
                raise _Stopped
            reader = _same_state(conn, path, process)
        except (_Stopped, OSError):
            _end(process)
            if reader is not None:
                reader.close()
            return None
        except BaseException:
            _end(process)
            raise
        if reader is None:
            _end(process)
            return None
        return cls(process, reader)

    def hand_over(self, ranges: list[tuple[int, int]]) -> None:
        try:
            _tell(self.process, json.dumps(ranges))
            self.process.stdin.close()  # type: ignore[union-attr]
        except OSError:
            self.working = False

    def take(self) -> Run | None:
        """The helper's next chunk, or None once it can't give it (this process builds it then)."""
        if not self.working:
            return None
        try:
            count, size = map(int, _heard(self.process).split())
            data = _read(self.process.stdout, size)  # type: ignore[arg-type]
            return count, data.decode("utf-8")
        except (ValueError, OSError, _Stopped):
            # Ended, or text that isn't UTF-8: this process builds the rest, and meets the same
            # problem the way a one-connection export would.
            self.working = False
            _end(self.process)
            return None

    def __enter__(self) -> _Helper:
        return self

    def __exit__(self, *exc: object) -> None:
        _end(self.process)  # done, or the writer stopped (a full disk, Ctrl-C): it stops too
        self.reader.close()


def _same_state(
    conn: sqlite3.Connection, path: Path, process: subprocess.Popen[bytes]
) -> sqlite3.Connection | None:
    """This process's reader, with the helper's read transaction and its own begun on the same
    state of the journal; None when another thoughtlog holds the write lock.

    A read transaction sees the journal as of the last commit before its first read, and each
    connection has its own. To make the two the same, both begin theirs while conn holds the
    write lock (BEGIN IMMEDIATE), so that no commit can land between them; then conn lets the
    lock go, having written nothing. Writers wait for the lock no longer than that takes (a few
    milliseconds), and then write as usual, unseen by the export, as by one statement.
    """
    (waited,) = conn.execute("PRAGMA busy_timeout").fetchone()
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return None  # an import, say, holds it: the export keeps to one connection, as ever
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(waited)}")
    reader = None
    try:
        reader = open_reader(path)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM sqlite_schema").fetchall()  # the read starts here
        _tell(process, "begin")
        if _heard(process) != b"reading\n":
            raise _Stopped
    except BaseException:
        if reader is not None:
            reader.close()
        raise
    finally:
        conn.execute("ROLLBACK")
    return reader


class _Stopped(Exception):
    """The helper ended, or said what it shouldn't have."""


def _tell(process: subprocess.Popen[bytes], line: str) -> None:
    process.stdin.write(line.encode("utf-8") + b"\n")  # type: ignore[union-attr]
    process.stdin.flush()  # type: ignore[union-attr]


def _heard(process: subprocess.Popen[bytes]) -> bytes:
    line = process.stdout.readline()  # type: ignore[union-attr]
    if not line:
        raise _Stopped
    return line


def _read(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise _Stopped
    return data


def _end(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout):
        if stream is not None and not stream.closed:
            try:
                stream.close()
            except OSError:
                pass  # a pipe the helper left with unread bytes: nothing more to say to it
