"""Never lose a word: many thoughtlogs writing at once, and imports killed part-way.

These run thoughtlog in real, separate processes, because the promises are about processes: SQLite's
locking between them, and what a journal holds after one dies with SIGKILL.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thoughtlog.cli import app
from thoughtlog.model import Emotion, Record, Thought
from thoughtlog.storage import open_journal

WRITERS = 8
RECORDS_EACH = 25

# One writer: imports thoughtlog, says it is ready, waits for the word, then runs `thoughtlog add`
# RECORDS_EACH times through the CLI's own entry point. Each call opens the journal, saves one record
# in one transaction and closes the journal, as a separate `thoughtlog add` would.
WRITER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from thoughtlog.cli import app

    db, number, count, ready, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]), Path(sys.argv[5])
    ready.touch()
    while not go.exists():
        time.sleep(0.001)
    started, failures = time.time(), []
    for i in range(count):
        args = ["--db", db, "add", "-s", f"writer {number} entry {i}", "-r", "Balanced", "-e", "anxious=50"]
        try:
            code = app(args, prog_name="thoughtlog", standalone_mode=False)
        except BaseException as error:
            code = repr(error)
        if code not in (None, 0):
            failures.append([i, str(code)])
    sys.stdout.flush()
    print(json.dumps({"started": started, "finished": time.time(), "failures": failures}))
    """
)


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_eight_processes_adding_at_the_same_moment_all_succeed(tmp_path, journal_path):
    with open_journal(journal_path):
        pass  # the journal exists, as it does on any day but the first
    _all_write_at_once(tmp_path, journal_path, RECORDS_EACH)


def test_eight_processes_starting_a_new_journal_at_the_same_moment_all_succeed(
    tmp_path, journal_path
):
    _all_write_at_once(tmp_path, journal_path, 3)


def _all_write_at_once(tmp_path: Path, journal_path: Path, each: int) -> None:
    ready = [tmp_path / f"ready-{n}" for n in range(WRITERS)]
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                str(journal_path),
                str(n),
                str(each),
                str(ready[n]),
                str(go),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    try:
        deadline = time.monotonic() + 60
        while not all(path.exists() for path in ready):
            assert time.monotonic() < deadline, "the writers didn't start"
            assert all(w.poll() is None for w in writers), [w.communicate() for w in writers]
            time.sleep(0.01)
        go.touch()  # all at the same moment
        results = [w.communicate(timeout=120) for w in writers]
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.wait()

    ids: list[int] = []
    spans = []
    for writer, (out, err) in zip(writers, results):
        assert writer.returncode == 0, err
        assert err == "", err  # no error, no warning, not even a retry message
        *printed, summary = out.splitlines()
        report = json.loads(summary)
        assert report["failures"] == []
        ids += [int(line) for line in printed]
        spans.append((report["started"], report["finished"]))
    # They really wrote at the same time: every writer started before any had finished.
    assert max(start for start, _ in spans) < min(end for _, end in spans)

    total = WRITERS * each
    assert sorted(ids) == list(range(1, total + 1))
    with sqlite3.connect(journal_path) as conn:
        situations = [row[0] for row in conn.execute("SELECT situation FROM records")]
        assert conn.execute("SELECT count(*) FROM emotions").fetchone()[0] == total
        assert conn.execute("SELECT count(*) FROM records_fts").fetchone()[0] == total
    assert sorted(situations) == sorted(
        f"writer {n} entry {i}" for n in range(WRITERS) for i in range(each)
    )
    assert _integrity(journal_path) == "ok"
    check = CliRunner().invoke(app, ["--db", str(journal_path), "check"], catch_exceptions=False)
    assert check.exit_code == 0 and "healthy" in check.stdout, check.output


# --- an import killed part-way ------------------------------------------------------------------

IMPORTED = 10_000
EXISTING = 3
KILLS = 6


@pytest.fixture(scope="module")
def big_export(tmp_path_factory) -> Path:
    """A JSON export of 20,000 records, written once by `thoughtlog export --format json`."""
    folder = tmp_path_factory.mktemp("big")
    source = folder / "source.db"
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    records = [
        Record(
            situation=f"Team meeting {i}, I wanted to disagree but stayed quiet",
            occurred_at=start + timedelta(minutes=37 * i),
            emotions=[Emotion("anxious", 80, 45), Emotion("ashamed", 40)],
            thoughts=[
                Thought("If I disagree my boss will punish me", 90, 40, True, ["fortune-telling"])
            ],
            evidence_against="She asked for other views",
            reframe="Disagreeing politely is part of the job" if i % 2 else None,
            tags=["work", "boss"],
        )
        for i in range(IMPORTED)
    ]
    with open_journal(source) as journal:
        with journal.transaction():
            journal.insert_records(records)
    export = folder / "export.json"
    result = CliRunner().invoke(
        app,
        ["--db", str(source), "export", "--format", "json", "-o", str(export)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return export


@pytest.fixture(scope="module")
def small_journal(tmp_path_factory) -> Path:
    """A journal with three records of its own, closed cleanly (no -wal file beside it)."""
    path = tmp_path_factory.mktemp("small") / "journal.db"
    runner = CliRunner()
    for i in range(EXISTING):
        result = runner.invoke(
            app, ["--db", str(path), "add", "-s", f"My own record {i}"], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
    return path


def _import(journal: Path, export: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "thoughtlog", "--db", str(journal), "import", str(export)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _count(journal: Path) -> int:
    with sqlite3.connect(journal) as conn:
        return conn.execute("SELECT count(*) FROM records").fetchone()[0]


def test_an_import_killed_at_any_moment_leaves_none_or_all_of_it(
    tmp_path, big_export, small_journal
):
    # One whole import first: it works, and it tells how long the kills have to spread over.
    whole = tmp_path / "whole.db"
    shutil.copyfile(small_journal, whole)
    began = time.monotonic()
    process = _import(whole, big_export)
    _, err = process.communicate(timeout=300)
    duration = time.monotonic() - began
    assert process.returncode == 0, err
    assert _count(whole) == EXISTING + IMPORTED

    rng = random.Random(7)
    outcomes = []
    for round_number in range(KILLS):
        journal = tmp_path / f"round-{round_number}.db"
        shutil.copyfile(small_journal, journal)
        delay = duration * rng.uniform(0.05, 1.0)
        process = _import(journal, big_export)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        wal = journal.with_name(journal.name + "-wal")
        # Changes written to the -wal file but never committed: the kill landed inside the import.
        wal_size = wal.stat().st_size if wal.exists() else 0

        assert _integrity(journal) == "ok", f"round {round_number}, killed after {delay:.2f}s"
        count = _count(journal)
        assert count in (EXISTING, EXISTING + IMPORTED), f"round {round_number}: {count} records"
        with sqlite3.connect(journal) as conn:
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            own = conn.execute(
                "SELECT situation FROM records WHERE id <= ? ORDER BY id", [EXISTING]
            )
            assert [row[0] for row in own] == [f"My own record {i}" for i in range(EXISTING)]
        if count == EXISTING + IMPORTED:
            outcomes.append("after")
        elif process.returncode == -signal.SIGKILL and wal_size > 0:
            outcomes.append("during")
        else:
            outcomes.append("before")
    # The kills fell across the import, and some of them in the middle of writing it.
    assert "during" in outcomes, (outcomes, duration)
