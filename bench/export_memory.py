"""Measures export and import at 1,000 and 100,000 records: peak memory and records per second.

Run from the repository root: python bench/export_memory.py [SIZE ...]

Each journal is built through the core (Journal.insert_records, in one transaction), then
`python -m thoughtlog export` and `import` run as child processes. A child's peak resident memory
comes from resource.getrusage(RUSAGE_CHILDREN) read in a small go-between process that runs only
that one command, because RUSAGE_CHILDREN reports the largest child so far, not the latest one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from thoughtlog.model import Emotion, Experiment, Record, Thought
from thoughtlog.storage import open_journal

OUT = Path(__file__).parent / "out"
SIZES = (1_000, 100_000)

MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def sample_record(number: int, start: datetime) -> Record:
    return Record(
        situation=f"Team meeting #{number}; my boss asked whether anyone disagreed with the plan",
        occurred_at=start + timedelta(hours=7 * number),
        emotions=[Emotion("anxious", 80, 45), Emotion("ashamed", 60, 30)],
        thoughts=[
            Thought(
                "If I disagree I'll be reprimanded, like when I was a child",
                85,
                40,
                True,
                ["fortune-telling", "catastrophizing"],
            ),
            Thought("She already thinks I'm difficult", 60, 30, False, ["mind-reading"]),
        ],
        behaviour="Stayed quiet and agreed",
        evidence_for="She frowned when someone objected last month",
        evidence_against="Nobody was reprimanded for asking questions; Sam was thanked",
        reframe="Disagreeing politely is part of the job, and my boss has welcomed it before",
        reframe_belief=70,
        tags=["work", "boss"],
    )


def build(path: Path, size: int) -> float:
    """A journal of size records (and one experiment per 50), written in one transaction."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    began = time.perf_counter()
    start = datetime(2020, 1, 6, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    with open_journal(path) as journal, journal.transaction():
        for first in range(0, size, 1_000):
            batch = [sample_record(n, start) for n in range(first, min(first + 1_000, size))]
            journal.insert_records(batch)
            journal.insert_experiments(
                [
                    Experiment(
                        belief="If I disagree my boss will reprimand me",
                        plan="Say one thing in the meeting",
                        confidence_before=80,
                        expected_distress=70,
                        record_id=record.id,
                        uuid=f"00000000-0000-4000-8000-{record.id:012d}",
                        created_at=record.created_at,
                        updated_at=record.updated_at,
                    )
                    for record in batch[::50]
                ]
            )
    return time.perf_counter() - began


def run(*arguments: str) -> tuple[float, int]:
    """Seconds taken and peak memory (KiB) of one thoughtlog command in a child process."""
    began = time.perf_counter()
    peak = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "thoughtlog", *arguments],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return time.perf_counter() - began, int(peak)


def main(sizes: tuple[int, ...]) -> None:
    OUT.mkdir(exist_ok=True)
    _, baseline = run("--version")
    print(f"python -m thoughtlog --version: peak {baseline / 1024:.0f} MiB")
    results = []
    for size in sizes:
        journal = OUT / f"journal-{size}.db"
        seconds = build(journal, size)
        print(f"\n{size:,} records: built in {seconds:.1f} s ({size / seconds:,.0f} records/s)")
        for format in ("csv", "json"):
            export = OUT / f"export-{size}.{format}"
            seconds, peak = run(
                "--db", str(journal), "export", "--format", format, "-o", str(export)
            )
            megabytes = export.stat().st_size / 1e6
            print(
                f"  export {format:4}: {seconds:6.1f} s  {size / seconds:9,.0f} records/s"
                f"  peak {peak / 1024:5.0f} MiB  ({megabytes:.0f} MB file)"
            )
            results.append(
                {"size": size, "step": f"export {format}", "seconds": seconds, "peak_kib": peak}
            )
        for format in ("csv", "json"):
            target = OUT / f"imported-{size}-{format}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            seconds, peak = run("--db", str(target), "import", str(OUT / f"export-{size}.{format}"))
            print(
                f"  import {format:4}: {seconds:6.1f} s  {size / seconds:9,.0f} records/s"
                f"  peak {peak / 1024:5.0f} MiB  (into an empty journal)"
            )
            results.append(
                {"size": size, "step": f"import {format}", "seconds": seconds, "peak_kib": peak}
            )
            seconds, peak = run("--db", str(target), "import", str(OUT / f"export-{size}.{format}"))
            print(
                f"  again {format:4}: {seconds:6.1f} s  {size / seconds:9,.0f} records/s"
                f"  peak {peak / 1024:5.0f} MiB  (every record unchanged)"
            )
            results.append(
                {"size": size, "step": f"re-import {format}", "seconds": seconds, "peak_kib": peak}
            )
    (OUT / "export_memory.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main(tuple(int(size) for size in sys.argv[1:]) or SIZES)
