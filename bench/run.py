"""thoughtlog's benchmark: every target of DESIGN.md's "Performance and reliability, version 2".

Run it with the Python that thoughtlog is installed in (a virtualenv with `pip install -e .` will
do), from any folder:

    python bench/run.py            # journals of 1,000 and 100,000 records, 15 pairs of runs
    python bench/run.py --quick    # 200 and 5,000 records, 5 pairs: a check in a minute or two
    python bench/run.py --write    # also writes bench/RESULTS.md, with the machine it ran on

    --small N / --large N   the two journal sizes     --pairs N   pairs of runs per comparison
    --rebuild               build the journals again instead of reusing the cached ones
    --startup-only          only the comparisons with the floors and the growth (no long runs)
    --strict                exit 1 when a target is missed (otherwise 0: this is a report)

A full run takes about eight minutes on a 2-core machine, and up to twenty when others share it;
the 100,000-record journal is built once (15 to 80 s) and cached. Everything it writes, apart from RESULTS.md, goes to bench/out/ (ignored by
git).

The two floors

- F0, the physical floor (bench/out/floor0.py): the interpreter imports sqlite3, opens a file and
  inserts one row. Nothing a Python command does can be quicker.
- F1, the framework floor (bench/out/floor1.py): a bare Typer app, on the Typer this Python has
  (pyproject.toml keeps it to one without pydantic), whose one command, `add TEXT --db PATH` under
  a no-op callback (a command group, as thoughtlog is), inserts one row with the sqlite3 module.

How it measures

- Pair by pair. Every comparison runs its two commands alternately, A B A B ..., after one warm-up
  of each: the floor and a thoughtlog command, or one command on the small journal and on the large
  one. Each pair gives a ratio (B's time over A's, run moments apart, so a change in the machine's
  load touches both); the figure is the median of those ratios. Wall time is what the targets use;
  the median ratio of CPU time (user + system) is shown beside it, as a steadier guide when the
  machine is shared.
- Every command runs as a whole process, with stdin, stdout and stderr on /dev/null (not a
  terminal: `report` prints its plain form, as when piped). Wall time is from start to exit; peak
  memory is the child's ru_maxrss from os.wait4. Both are taken by a small go-between Python
  (GO_BETWEEN), because Linux counts a child's peak from the size of the process that forked it.
- Every process, floors included, starts as `python -S` with PYTHONPATH naming thoughtlog's folder
  and the site-packages of this Python. An interpreter's site step costs each process the same,
  except that .pth files of how this copy happens to be installed (an editable install imports
  pathlib and urllib for its finder) would weigh on the floors more than on a regular install.
  thoughtlog runs as its `thoughtlog` console script (`python -S SCRIPT`), or `-m thoughtlog` when
  it has none. thoughtlog's modules are compiled to bytecode before anything is timed, as pip does
  on installing, since this machine may set PYTHONDONTWRITEBYTECODE.
- Journals are built through thoughtlog's core by bench/journals.py (ten years of realistic records
  ending now, the same handful in the current and the last week at every size, one experiment per
  ten records, a fixed seed) and cached in bench/out/journals/, keyed on thoughtlog's version, the
  storage code, the generator and the ISO week. Runs work on fresh copies in bench/out/work/.
  `add` adds a record to the copy each run; `show` shows the newest record.
- Long runs (a report over ten years, export, import) run a few times each without pairing: their
  figure is seconds (or records a second, startup included), the median of the runs.
- A transfer that misses its target is then taken apart (bench/out/parts.py): an import's reading
  and checking, and its saving of what was read; an export's building in SQLite, and the CSV's
  quoting in Python; each timed alone, in CPU seconds, on one connection. A part slower alone than
  the target is the measured reason for the miss, printed beside it.

Targets (DESIGN.md; each measured in this one run, at the large journal)

- Everyday commands: add (with options), show ID, list (the 20 newest), search WORD,
  experiment list --pending, and belief show once it exists: at most 1.25 x F1.
- The weekly report (`report`, this week): at most 1.6 x F1.
- `due`, meant for shell prompts, once it exists: at most 1.5 x F0.
- No growth: each of those at the large journal at most 1.1 x the same at the small one (the
  current week holds the same records in both).
- Any span: `report` (and `progress`, once it exists) over the journal's ten years: at most 3 s,
  and peak memory at most 1.2 x that of the same command over a week (report) or its default
  span (progress) on the same journal.
- Import at least 20,000 records a second and export at least 50,000 (JSON and CSV), with peak
  memory at most 1.2 x that of the same step at the small journal.

A "## Notes" section in RESULTS.md (say, why a target is missed) is kept by --write.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import platform
import re
import shutil
import site
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from importlib import metadata
from pathlib import Path

try:
    import thoughtlog
except ImportError:
    sys.exit("thoughtlog can't be imported: run the benchmark with the Python it is installed in.")

import journals  # bench/journals.py, beside this file

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
JOURNALS = OUT / "journals"
WORK = OUT / "work"
RESULTS = HERE / "RESULTS.md"
PACKAGE = Path(thoughtlog.__file__).resolve().parent

SMALL, LARGE, PAIRS, LONG_RUNS = 1_000, 100_000, 15, 3
QUICK_SMALL, QUICK_LARGE, QUICK_PAIRS, QUICK_LONG_RUNS = 200, 5_000, 5, 1

EVERYDAY_LIMIT, REPORT_LIMIT, DUE_LIMIT, NO_GROWTH = 1.25, 1.6, 1.5, 1.1
SPAN_SECONDS, FLAT_MEMORY = 3.0, 1.2
EXPORT_RATE, IMPORT_RATE = 50_000, 20_000

SEARCH = journals.SEARCH_WORD
ADD = [
    "add",
    "--situation",
    "Team meeting, I stayed quiet",
    "--when",
    "yesterday 3pm",
    "--emotion",
    "anxious=80",
    "--thought",
    "If I disagree my boss will think I'm difficult and punish me",
    "--belief",
    "90",
    "--distortion",
    "fortune-telling",
    "--distortion",
    "mind-reading",
    "--tag",
    "work",
    "--tag",
    "boss",
]

FLOOR0_SOURCE = '''\
"""F0, the physical floor: import sqlite3, open a file, insert one row. Written by bench/run.py."""

import sqlite3
import sys

conn = sqlite3.connect(sys.argv[2])
with conn:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL,"
        " created_at TEXT DEFAULT CURRENT_TIMESTAMP)"
    )
    row_id = conn.execute("INSERT INTO notes (text) VALUES (?)", [sys.argv[1]]).lastrowid
conn.close()
print(row_id)
'''

FLOOR1_SOURCE = '''\
"""F1, the framework floor: a bare Typer app that inserts one row. Written by bench/run.py."""

import sqlite3

import typer

app = typer.Typer()


@app.callback()
def main() -> None:
    """A command group, as thoughtlog is, with nothing of its own to do."""


@app.command()
def add(text: str, db: str = typer.Option(..., "--db")) -> None:
    """Insert one row and print its id."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL,"
            " created_at TEXT DEFAULT CURRENT_TIMESTAMP)"
        )
        row_id = conn.execute("INSERT INTO notes (text) VALUES (?)", [text]).lastrowid
    conn.close()
    typer.echo(row_id)


if __name__ == "__main__":
    app()
'''

# Starts one command and prints its wall time, exit code, peak memory and CPU time. It runs in a
# small Python of its own (-S: no site packages) because Linux starts a child's ru_maxrss from the
# resident size of the process that forked it: spawned straight from this script, which holds
# journals and results, every command would seem to use at least as much memory as this script.
GO_BETWEEN = """
import os, subprocess, sys, time
began = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - began
code = os.waitstatus_to_exitcode(status)
print(seconds, code, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


# The parts of a transfer, timed apart in one process (CPU seconds), to say what a miss is made
# of: an import's reading and checking, and its saving of what was read; a CSV export's cells as
# SQLite builds them, and their quoting in Python. Each on one connection, in one thread.
PARTS_SOURCE = '''\
"""The parts of an import or an export, timed apart. Written by bench/run.py."""

import gc
import json
import sys
import time

from thoughtlog.storage import RecordFilter, open_journal

step, form, source, journal_file = sys.argv[1:5]
journal = open_journal(journal_file)
parts = {}
if step == "import":
    from thoughtlog.exchange import importer
    from thoughtlog.exchange.csv_format import read_csv
    from thoughtlog.exchange.json_format import read_json
    from thoughtlog.model import Record
    from thoughtlog.storage.rows import record_rows

    read = read_json if form == "json" else read_csv
    # Held all at once here, so that saving can be timed apart, the records would have Python's
    # cycle collector walk them again and again, which an import (a chunk at a time) never
    # does: it is paused while they are read, and they are then set aside where it never looks.
    gc.disable()
    began = time.process_time()
    with open(source, encoding="utf-8-sig", newline="") as text:
        items = [
            item._replace(rows=record_rows(item.item)) if type(item.item) is Record else item
            for item in read(text)
        ]
    parts["read and check"] = time.process_time() - began
    gc.freeze()
    gc.enable()
    began = time.process_time()
    with journal.import_transaction():
        importer._import_items(journal, iter(items), importer.ImportSummary())
    parts["save what was read"] = time.process_time() - began
elif form == "json":
    from thoughtlog.exchange.json_format import RECORD_SEPARATOR
    from thoughtlog.storage import chunks
    from thoughtlog.storage.rows import record_json_chunk

    where, params = RecordFilter().where()
    sql = record_json_chunk(where, RECORD_SEPARATOR)
    began = time.process_time()
    for _ in chunks._one_connection(journal.conn, sql, params, chunks.CHUNK):
        pass
    parts["SQLite builds the records"] = time.process_time() - began
else:
    from thoughtlog.exchange import csv_syntax
    from thoughtlog.exchange.csv_format import record_lines
    from thoughtlog.storage import chunks
    from thoughtlog.storage.rows import record_csv_chunk

    syntax = csv_syntax()
    where, params = RecordFilter().where()
    sql = record_csv_chunk(where, arrow=syntax["arrow"], separator=syntax["separator"])
    cells = quoting = 0.0
    began = time.process_time()
    for _, text in chunks._one_connection(journal.conn, sql, params, chunks.CHUNK):
        built = time.process_time()
        record_lines(text)
        quoting += time.process_time() - built
    parts["SQLite builds the cells"] = time.process_time() - began - quoting
    parts["Python quotes them"] = quoting
print(json.dumps(parts))
'''


def child_environment() -> dict[str, str]:
    """This environment, less anything that would choose another journal, with PYTHONPATH set
    so that `python -S` finds thoughtlog and its dependencies without running any .pth file."""
    paths = [str(PACKAGE.parent)]
    paths += [p for p in site.getsitepackages() if p not in paths and Path(p).is_dir()]
    env = {k: v for k, v in os.environ.items() if not k.startswith("THOUGHTLOG_")}
    env.pop("PYTHONSTARTUP", None)
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


CHILD_ENV = child_environment()
PYTHON = [sys.executable, "-S"]


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- running one process ------------------------------------------------------------------------


@dataclass
class Sample:
    seconds: float  # wall time, start to exit
    peak_kib: int
    cpu_seconds: float  # user + system time of the command itself


class CommandFailed(Exception):
    def __init__(self, argv: list[str], code: int):
        super().__init__(f"exit {code}: {' '.join(argv)}")
        self.argv = argv


def run_once(argv: list[str]) -> Sample:
    """Run one command as a whole process: its wall time, peak memory (KiB on Linux), CPU time."""
    measured = subprocess.run(
        [sys.executable, "-S", "-c", GO_BETWEEN, *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=CHILD_ENV,
        cwd=WORK,
        check=True,
    ).stdout.split()
    seconds, code, peak_kib, cpu_seconds = float(measured[0]), int(measured[1]), *measured[2:]
    if code:
        raise CommandFailed(argv, code)
    return Sample(seconds, int(peak_kib), float(cpu_seconds))


def succeeds(argv: list[str]) -> bool:
    finished = subprocess.run(argv, capture_output=True, env=CHILD_ENV, cwd=WORK)
    return finished.returncode == 0


def thoughtlog_launcher() -> tuple[list[str], str]:
    """How a person starts thoughtlog: the console script next to this Python, if installed."""
    script = Path(sys.executable).parent / "thoughtlog"
    if script.is_file() and script.read_bytes()[:2] == b"#!":
        return [*PYTHON, str(script)], "its console script, `python -S SCRIPT`"
    return [*PYTHON, "-m", "thoughtlog"], "`python -S -m thoughtlog`"


# --- comparisons, pair by pair ------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values)


@dataclass
class Pairs:
    """Two commands run alternately: A (the baseline) then B, again and again."""

    what: str  # the command measured (B)
    baseline: str  # what it is compared with (A)
    a: list[Sample] = field(default_factory=list)
    b: list[Sample] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return median([b.seconds / a.seconds for a, b in zip(self.a, self.b)])

    @property
    def cpu_ratio(self) -> float:
        return median([b.cpu_seconds / a.cpu_seconds for a, b in zip(self.a, self.b)])

    def ms(self, side: str) -> float:
        return median([s.seconds for s in getattr(self, side)]) * 1000

    def peak_mib(self, side: str) -> float:
        return max(s.peak_kib for s in getattr(self, side)) / 1024


def compare(what: str, a: list[str], baseline: str, b: list[str], pairs: int) -> Pairs:
    progress(f"  {what} against {baseline}: {pairs} pairs")
    result = Pairs(what, baseline)
    run_once(a), run_once(b)  # warm-up: the files both read are in the page cache
    for _ in range(pairs):
        result.a.append(run_once(a))
        result.b.append(run_once(b))
    return result


@dataclass
class Runs:
    """A long run (a report over years, export, import) timed a few times, not paired."""

    what: str
    size: int
    samples: list[Sample] = field(default_factory=list)
    file_bytes: int | None = None

    @property
    def seconds(self) -> float:
        return median([s.seconds for s in self.samples])

    @property
    def cpu_seconds(self) -> float:
        return median([s.cpu_seconds for s in self.samples])

    @property
    def peak_mib(self) -> float:
        return max(s.peak_kib for s in self.samples) / 1024


# --- journals -----------------------------------------------------------------------------------


@dataclass
class Prepared:
    path: Path  # the cached journal; runs work on copies of it
    built: journals.Built
    cached: bool


def cache_key() -> str:
    """Changes with thoughtlog's version, its storage code, the generator and the ISO week."""
    year, week, _ = datetime.now().astimezone().isocalendar()
    digest = hashlib.sha256(f"{thoughtlog.__version__}|{year}-W{week:02d}".encode())
    storage = [PACKAGE / "storage.py", *sorted((PACKAGE / "storage").rglob("*.py"))]
    for source in [*storage, Path(journals.__file__)]:
        if source.is_file():
            digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def prepare_journals(sizes: list[int], rebuild: bool) -> dict[int, Prepared]:
    """A journal of each size (and always an empty one, to import into), cached or built now."""
    JOURNALS.mkdir(parents=True, exist_ok=True)
    key = cache_key()
    prepared = {}
    for size in sorted({0, *sizes}):
        path = JOURNALS / f"journal-{size}-{key}.db"
        about = path.with_suffix(".json")
        if not rebuild and path.exists() and about.exists():
            built = journals.Built(**json.loads(about.read_text()))
            prepared[size] = Prepared(path, built, cached=True)
            continue
        for stale in JOURNALS.glob(f"journal-{size}-*"):
            stale.unlink()
        progress(f"Building a journal of {size:,} records ...")
        built = journals.build(path, size)
        about.write_text(json.dumps(asdict(built)))
        prepared[size] = Prepared(path, built, cached=False)
    return prepared


def fresh_copy(source: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    return target


# --- the measurements ---------------------------------------------------------------------------


@dataclass
class Measured:
    floors: Pairs | None = None  # F1 against F0
    against_floor: dict[str, Pairs] = field(default_factory=dict)  # at the large journal
    growth: dict[str, Pairs] = field(default_factory=dict)  # small journal against large
    spans: dict[str, Runs] = field(default_factory=dict)
    transfers: dict[tuple[str, int], Runs] = field(default_factory=dict)
    parts: dict[str, dict[str, float]] = field(default_factory=dict)  # of transfers that missed
    skipped: list[str] = field(default_factory=list)  # what this thoughtlog can't be asked yet


def everyday_commands(
    launcher: list[str], journal: Path, newest_id: int | None, has: set[str]
) -> dict[str, tuple[list[str], str]]:
    """Each command measured against a floor: its arguments, and which floor (F0 or F1)."""
    base = [*launcher, "--db", str(journal)]
    commands = {
        "add": ([*base, *ADD], "F1"),
        "show ID": ([*base, "show", str(newest_id or 1)], "F1"),
        "list": ([*base, "list"], "F1"),
        f"search {SEARCH}": ([*base, "search", SEARCH], "F1"),
        "experiment list --pending": ([*base, "experiment", "list", "--pending"], "F1"),
        "report": ([*base, "report"], "F1"),
    }
    if "belief show" in has:
        commands["belief show ID"] = ([*base, "belief", "show", "1"], "F1")
    if "due" in has:
        commands["due"] = ([*base, "due"], "F0")
    return commands


def optional_commands(launcher: list[str], journal: Path) -> set[str]:
    """Which of the commands the design adds later this thoughtlog has and can run here."""
    base = [*launcher, "--db", str(journal)]
    has = set()
    if succeeds([*base, "due"]):
        has.add("due")
    if succeeds([*base, "belief", "show", "1"]):
        has.add("belief show")
    if succeeds([*base, "progress", "--help"]):
        has.add("progress")
    return has


def measure(
    prepared: dict[int, Prepared],
    small: int,
    large: int,
    pairs: int,
    long_runs: int,
    startup_only: bool = False,
) -> tuple[Measured, set[str]]:
    launcher, _ = thoughtlog_launcher()
    measured = Measured()
    floor0 = [*PYTHON, str(OUT / "floor0.py"), "Team meeting", str(WORK / "floor0.db")]
    floor1 = [*PYTHON, str(OUT / "floor1.py"), "add", "Team meeting", "--db", str(WORK / "f1.db")]
    floors = {"F0": floor0, "F1": floor1}
    journal = {
        size: fresh_copy(prepared[size].path, WORK / f"journal-{size}.db")
        for size in {small, large}
    }
    has = optional_commands(launcher, journal[large])
    if "due" not in has:
        measured.skipped.append("`due` ≤ 1.5 × F0: skipped, thoughtlog has no `due` command yet.")
    if "belief show" not in has:
        measured.skipped.append(
            "`belief show ID` ≤ 1.25 × F1: skipped, thoughtlog has no `belief show` yet"
            " (or this journal holds no belief)."
        )
    if "progress" not in has:
        measured.skipped.append(
            "`progress` over ten years ≤ 3 s: skipped, thoughtlog has no `progress` command yet."
        )

    progress("Floors")
    measured.floors = compare("F1", floor0, "F0", floor1, pairs)

    progress(f"Against the floors, at {large:,} records")
    at_large = everyday_commands(launcher, journal[large], prepared[large].built.newest_id, has)
    for what, (argv, floor) in at_large.items():
        measured.against_floor[what] = compare(what, floors[floor], floor, argv, pairs)
    for flag in ("--help", "--version"):
        measured.against_floor[flag] = compare(flag, floor1, "F1", [*launcher, flag], pairs)

    progress(f"Growth, {small:,} against {large:,} records")
    at_small = everyday_commands(launcher, journal[small], prepared[small].built.newest_id, has)
    for what, (argv, _) in at_small.items():
        measured.growth[what] = compare(what, argv, f"{small:,} records", at_large[what][0], pairs)

    if startup_only:
        return measured, has
    progress(f"Any span, at {large:,} records")
    ten_years = (datetime.now() - timedelta(days=365 * journals.YEARS + 14)).date().isoformat()
    spans = {
        "report over ten years": ["report", "--since", ten_years],
        "report (this week)": ["report"],
    }
    if "progress" in has:
        spans["progress over ten years"] = ["progress", "--since", ten_years]
        spans["progress (six months)"] = ["progress"]
    for what, arguments in spans.items():
        progress(f"  {what}: {long_runs} runs")
        runs = Runs(what, large)
        for _ in range(long_runs):
            runs.samples.append(run_once([*launcher, "--db", str(journal[large]), *arguments]))
            if runs.samples[-1].seconds > 10 * SPAN_SECONDS:
                break  # a miss that large needs no second opinion, and each run takes minutes
        measured.spans[what] = runs

    measured.transfers = time_transfers(prepared, [small, large], long_runs, launcher)
    measured.parts = time_parts(prepared, large, measured.transfers)
    return measured, has


def time_parts(
    prepared: dict[int, Prepared], large: int, transfers: dict[tuple[str, int], Runs]
) -> dict[str, dict[str, float]]:
    """For each transfer that missed its target at the large journal, its parts timed apart."""
    (OUT / "parts.py").write_text(PARTS_SOURCE)
    found = {}
    for (what, size), timing in transfers.items():
        rate = EXPORT_RATE if what.startswith("export") else IMPORT_RATE
        if size != large or size / timing.seconds >= rate:
            continue
        progress(f"Parts of {what}: {large:,} records")
        step, form = what.split()
        source = OUT / f"export-{large}.{form}"
        if step == "import":
            journal = fresh_copy(prepared[0].path, WORK / "parts.db")
        else:
            journal = fresh_copy(prepared[large].path, WORK / "parts.db")
        ran = subprocess.run(
            [*PYTHON, str(OUT / "parts.py"), step, form, str(source), str(journal)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=CHILD_ENV,
            cwd=WORK,
        )
        if ran.returncode == 0:
            found[what] = json.loads(ran.stdout)
        else:
            progress(f"  (its parts could not be timed: {ran.stderr.strip()[-200:]})")
    return found


def time_transfers(
    prepared: dict[int, Prepared], sizes: list[int], runs: int, launcher: list[str]
) -> dict[tuple[str, int], Runs]:
    """Export (CSV, JSON), then import each export into an empty journal, at both sizes."""
    timings: dict[tuple[str, int], Runs] = {}

    def record(what: str, size: int, sample: Sample, file: Path) -> None:
        timing = timings.setdefault((what, size), Runs(what, size))
        timing.samples.append(sample)
        timing.file_bytes = file.stat().st_size

    for size in sizes:
        source = fresh_copy(prepared[size].path, WORK / f"export-source-{size}.db")
        for form in ("csv", "json"):
            progress(f"Export {form}: {size:,} records, {runs} runs")
            exported = OUT / f"export-{size}.{form}"
            argv = [*launcher, "--db", str(source), "export", "--format", form, "-o", str(exported)]
            for _ in range(runs):
                record(f"export {form}", size, run_once(argv), exported)
        for form in ("json", "csv"):
            progress(f"Import {form}: {size:,} records, {runs} runs")
            exported = OUT / f"export-{size}.{form}"
            for _ in range(runs):
                journal = fresh_copy(prepared[0].path, WORK / f"import-{size}.db")
                argv = [*launcher, "--db", str(journal), "import", str(exported)]
                record(f"import {form}", size, run_once(argv), exported)
    return timings


# --- targets ------------------------------------------------------------------------------------


@dataclass
class Target:
    what: str
    measured: float
    limit: float
    unit: str  # "×", "s" or "rec/s"

    @property
    def met(self) -> bool:
        return self.measured >= self.limit if self.unit == "rec/s" else self.measured <= self.limit

    def cells(self) -> list[str]:
        if self.unit == "rec/s":
            measured, limit = f"{self.measured:,.0f} rec/s", f"≥ {self.limit:,.0f} rec/s"
        elif self.unit == "s":
            measured, limit = f"{self.measured:.2f} s", f"≤ {self.limit:g} s"
        else:
            measured, limit = f"{self.measured:.2f} ×", f"≤ {self.limit:g} ×"
        return [self.what, measured, limit, "met" if self.met else "**MISSED**"]


def targets(measured: Measured, small: int, large: int) -> list[Target]:
    result = []
    for what, pairs in measured.against_floor.items():
        if what.startswith("--"):
            continue  # shown for reference; the design sets no target for them
        limit = {"report": REPORT_LIMIT, "due": DUE_LIMIT}.get(what, EVERYDAY_LIMIT)
        result.append(
            Target(f"`{what}` at {large:,} records ÷ {pairs.baseline}", pairs.ratio, limit, "×")
        )
    for what, pairs in measured.growth.items():
        result.append(
            Target(f"`{what}`: {large:,} ÷ {small:,} records", pairs.ratio, NO_GROWTH, "×")
        )
    for command, short in (("report", "report (this week)"), ("progress", "progress (six months)")):
        long = measured.spans.get(f"{command} over ten years")
        if long is None:
            continue
        result.append(
            Target(
                f"`{command}` over ten years of {large:,} records", long.seconds, SPAN_SECONDS, "s"
            )
        )
        base = measured.spans[short]
        result.append(
            Target(
                f"`{command}` over ten years: peak memory ÷ {short.split(' ', 1)[1][1:-1]}",
                long.peak_mib / base.peak_mib,
                FLAT_MEMORY,
                "×",
            )
        )
    for what, rate in (
        ("export csv", EXPORT_RATE),
        ("export json", EXPORT_RATE),
        ("import json", IMPORT_RATE),
        ("import csv", IMPORT_RATE),
    ):
        big, little = measured.transfers.get((what, large)), measured.transfers.get((what, small))
        if big is None:
            continue
        result.append(Target(f"`{what}` of {large:,} records", large / big.seconds, rate, "rec/s"))
        if little:
            result.append(
                Target(
                    f"`{what}`: peak memory at {large:,} ÷ at {small:,} records",
                    big.peak_mib / little.peak_mib,
                    FLAT_MEMORY,
                    "×",
                )
            )
    return result


# --- the report ---------------------------------------------------------------------------------


def table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """A Markdown table, padded so that it reads as well in a terminal."""
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        padded = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = [
        "-" * (width + 1) + ":" if i in right else "-" * (width + 2)
        for i, width in enumerate(widths)
    ]
    return [line(headers), "|" + "|".join(rule) + "|", *(line(row) for row in rows)]


def journals_section(prepared: dict[int, Prepared], sizes: list[int]) -> list[str]:
    rows = []
    for size in sizes:
        built, path = prepared[size].built, prepared[size].path
        rows.append(
            [
                f"{size:,}",
                f"{built.experiments:,} ({built.pending} pending)",
                f"{built.with_word / size:.0%}" if size else "—",
                f"{built.seconds:.1f} s",
                f"{path.stat().st_size / 1e6:.1f}",
                "cached" if prepared[size].cached else "built now",
            ]
        )
    headers = ["records", "experiments", f"mention '{SEARCH}'", "build time", "file MB", ""]
    return [
        "## Journals",
        "",
        *table(headers, rows, right={0, 1, 2, 3, 4}),
        "",
        f"Ten years of records ending now, built through the core by bench/journals.py; the current"
        f" and the last week hold the same {journals.THIS_WEEK + journals.LAST_WEEK} records at"
        " every size.",
    ]


def pairs_rows(comparisons: dict[str, Pairs]) -> list[list[str]]:
    return [
        [
            f"`{what}`" if not what.startswith("F") else what,
            pairs.baseline,
            f"{pairs.ms('a'):.0f}",
            f"{pairs.ms('b'):.0f}",
            f"{pairs.ratio:.2f}",
            f"{pairs.cpu_ratio:.2f}",
            f"{pairs.peak_mib('b'):.1f}",
        ]
        for what, pairs in comparisons.items()
    ]


PAIRS_HEADERS = ["command", "against", "its ms", "command ms", "× (wall)", "× (CPU)", "peak MiB"]


def floors_section(measured: Measured, pairs: int, large: int, launcher: str) -> list[str]:
    floors = measured.floors
    assert floors is not None
    return [
        "## Against the floors",
        "",
        f"Each command and its floor run alternately, {pairs} pairs after a warm-up of each; × is the"
        " median of the pairs' ratios (command ÷ floor), wall time and CPU time (user + system)."
        " ms are the medians of each side. Output to /dev/null. thoughtlog runs as"
        f" {launcher}; the journal holds {large:,} records.",
        "",
        f"The floors: F0 {floors.ms('a'):.0f} ms, F1 {floors.ms('b'):.0f} ms; F1 ÷ F0 ="
        f" {floors.ratio:.2f} × (CPU {floors.cpu_ratio:.2f} ×).",
        "",
        *table(PAIRS_HEADERS, pairs_rows(measured.against_floor), right={2, 3, 4, 5, 6}),
        "",
        "`--help` and `--version` are shown for reference; the design sets no target for them.",
    ]


def growth_section(measured: Measured, pairs: int, small: int, large: int) -> list[str]:
    headers = [
        "command",
        "against",
        f"ms at {small:,}",
        f"ms at {large:,}",
        "× (wall)",
        "× (CPU)",
        "peak MiB",
    ]
    return [
        "## Growth with the journal",
        "",
        f"Each command at {small:,} and at {large:,} records, run alternately, {pairs} pairs; × is"
        " the median of the pairs' ratios (large ÷ small).",
        "",
        *table(headers, pairs_rows(measured.growth), right={2, 3, 4, 5, 6}),
    ]


def spans_section(measured: Measured, runs: int, large: int) -> list[str]:
    if not measured.spans:
        return []
    rows = [
        [f"`{what}`", str(len(timing.samples)), f"{timing.seconds:.2f}", f"{timing.peak_mib:.1f}"]
        for what, timing in measured.spans.items()
    ]
    return [
        "## Any span",
        "",
        f"The whole process, median of up to {runs} runs (one when it takes over ten times the"
        f" {SPAN_SECONDS:g} s target), on the journal of {large:,} records.",
        "",
        *table(["command", "runs", "median s", "peak MiB"], rows, right={1, 2, 3}),
    ]


def transfers_section(measured: Measured, runs: int) -> list[str]:
    if not measured.transfers:
        return []
    rows = [
        [
            f"`{timing.what}`",
            f"{timing.size:,}",
            f"{timing.seconds:.2f}",
            f"{timing.size / timing.seconds:,.0f}",
            f"{timing.size / timing.cpu_seconds:,.0f}",
            f"{timing.peak_mib:.1f}",
            f"{timing.file_bytes / 1e6:.1f}" if timing.file_bytes else "—",
        ]
        for timing in sorted(measured.transfers.values(), key=lambda t: (t.what, t.size))
    ]
    return [
        "## Export and import",
        "",
        f"The whole process, median of {runs} run(s); records/s = records ÷ median wall time,"
        " startup included (the target); per CPU s = records ÷ median CPU time (user + system),"
        " steadier when the machine is shared. Each import goes into a fresh empty journal.",
        "",
        *table(
            ["step", "records", "median s", "records/s", "per CPU s", "peak MiB", "file MB"],
            rows,
            right={1, 2, 3, 4, 5, 6},
        ),
    ]


def parts_section(measured: Measured, large: int) -> list[str]:
    if not measured.parts:
        return []
    rows = [
        [f"`{what}`", part, f"{seconds:.2f}", f"{large / seconds:,.0f}"]
        for what, parts in measured.parts.items()
        for part, seconds in parts.items()
    ]
    return [
        "### What a missed transfer is made of",
        "",
        f"Each transfer that missed its target, its parts timed apart at {large:,} records, one"
        " after the other in one process, on one connection (bench/out/parts.py): CPU seconds,"
        " and the records a second that part alone would allow. A part whose rate is below the"
        " target is a floor no overlap of the others can lift.",
        "",
        *table(["step", "part", "CPU s", "records/s alone"], rows, right={2, 3}),
    ]


def miss_reason(target: Target, measured: Measured, large: int) -> str:
    """The measured parts of a missed transfer, as a clause; empty for any other target."""
    what = target.what.split("`")[1] if target.what.startswith("`") else ""
    parts = measured.parts.get(what)
    if not parts or "peak memory" in target.what:
        return ""
    said = ", ".join(
        f"{part} {seconds:.2f} s ({large / seconds:,.0f} rec/s alone)"
        for part, seconds in parts.items()
    )
    return f"; measured parts, CPU: {said}"


def targets_section(
    checks: list[Target], skipped: list[str], quick: bool, measured: Measured, large: int
) -> list[str]:
    lines = ["## Targets", ""]
    if quick:
        lines += ["A quick run on small journals: these verdicts are only indicative.", ""]
    lines += table(
        ["target", "measured", "limit", "verdict"], [t.cells() for t in checks], right={1, 2}
    )
    missed = [t for t in checks if not t.met]
    lines.append("")
    lines += [f"- {line}" for line in skipped]
    if skipped:
        lines.append("")
    if missed:
        lines.append(f"**{len(missed)} of {len(checks)} targets missed:**")
        lines.append("")
        lines += [
            f"- {t.what}: {t.cells()[1]} (limit {t.cells()[2]}){miss_reason(t, measured, large)}"
            for t in missed
        ]
    else:
        lines.append(f"**All {len(checks)} targets measured were met.**")
    return lines


# --- the machine --------------------------------------------------------------------------------


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def load_average() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0


def load_note(at_start: float, at_end: float) -> str:
    """The machine's load around the run: a busy machine makes every figure noisier."""
    note = (
        f"Load average (1 min): {at_start:.2f} at the start, {at_end:.2f} at the end,"
        f" on {cpu_count()} CPUs"
    )
    if max(at_start, at_end) > cpu_count() / 2:
        return (
            note + ": the machine was shared with other work; the pairwise ratios are what to read."
        )
    return note + "."


def proc_field(path: str, name: str) -> str | None:
    """A field of /proc/cpuinfo or /proc/meminfo, where there is one."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def machine() -> list[str]:
    cpu = proc_field("/proc/cpuinfo", "model name") or platform.processor() or platform.machine()
    memory = proc_field("/proc/meminfo", "MemTotal")
    ram = f"{int(memory.split()[0]) / 1024**2:.1f} GiB" if memory else "unknown"
    try:
        system = platform.freedesktop_os_release()["PRETTY_NAME"]
    except (OSError, KeyError):
        system = platform.system()
    versions = []
    for name in ("typer", "sqlite-utils", "rich", "python-dateutil", "rapidfuzz"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} not installed")
    requires = " ".join(metadata.requires("typer") or [])
    pydantic = "requires pydantic!" if "pydantic" in requires else "no pydantic"
    return [
        f"- CPU: {cpu}, {cpu_count()} logical CPUs available; memory {ram}",
        f"- OS: {system}, kernel {platform.release()} ({platform.machine()})",
        f"- Python {platform.python_version()} ({platform.python_implementation()}),"
        f" SQLite library {sqlite3.sqlite_version}",
        f"- {', '.join(versions)} (this Typer: {pydantic})",
        f"- thoughtlog {thoughtlog.__version__}{git_state()}",
    ]


def git_state() -> str:
    def git(*arguments: str) -> str:
        return subprocess.run(
            ["git", "-C", str(HERE.parent), *arguments], capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        changed = git("status", "--porcelain", "--", "thoughtlog")
        return f" at commit {git('rev-parse', '--short', 'HEAD')}" + (
            " with uncommitted changes" if changed else ""
        )
    except (OSError, subprocess.CalledProcessError):
        return ""


def kept_notes() -> list[str]:
    """The hand-written '## Notes' section of the current RESULTS.md, to carry over."""
    if not RESULTS.exists():
        return []
    found = re.search(r"^## Notes\n.*?(?=^## |\Z)", RESULTS.read_text(), re.S | re.M)
    return ["", found.group(0).rstrip()] if found else []


# --- main ---------------------------------------------------------------------------------------


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark thoughtlog against the floors and targets of DESIGN.md. See the"
        " docstring of bench/run.py for how it measures.",
    )
    parser.add_argument("--small", type=int, help=f"the small journal's records ({SMALL:,})")
    parser.add_argument("--large", type=int, help=f"the large journal's records ({LARGE:,})")
    parser.add_argument("--pairs", type=int, help=f"pairs of runs per comparison ({PAIRS})")
    quick = f"a quick check: {QUICK_SMALL:,} and {QUICK_LARGE:,} records, {QUICK_PAIRS} pairs"
    parser.add_argument("--quick", action="store_true", help=quick)
    parser.add_argument("--rebuild", action="store_true", help="build the journals again")
    parser.add_argument(
        "--startup-only",
        action="store_true",
        help="only the floors and growth comparisons, not the reports over years, export, import",
    )
    parser.add_argument("--write", action="store_true", help="also write bench/RESULTS.md")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    arguments = parser.parse_args()
    q = arguments.quick
    arguments.small = (
        arguments.small if arguments.small is not None else (QUICK_SMALL if q else SMALL)
    )
    arguments.large = (
        arguments.large if arguments.large is not None else (QUICK_LARGE if q else LARGE)
    )
    arguments.pairs = arguments.pairs or (QUICK_PAIRS if q else PAIRS)
    arguments.long_runs = QUICK_LONG_RUNS if q else LONG_RUNS
    if not 0 < arguments.small < arguments.large:
        parser.error(
            "--small and --large take record counts, the small one above 0 and below the large one"
        )
    if arguments.pairs < 1:
        parser.error("--pairs takes a number of 1 or more")
    return arguments


def main() -> int:
    arguments = parse_arguments()
    small, large, pairs, long_runs = (
        arguments.small,
        arguments.large,
        arguments.pairs,
        arguments.long_runs,
    )
    began, started, load_at_start = time.perf_counter(), datetime.now().astimezone(), load_average()
    _, launcher_name = thoughtlog_launcher()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    (OUT / "floor0.py").write_text(FLOOR0_SOURCE)
    (OUT / "floor1.py").write_text(FLOOR1_SOURCE)
    compileall.compile_dir(PACKAGE, quiet=1)  # as pip does when it installs

    prepared = prepare_journals([small, large], arguments.rebuild)
    try:
        measured, _ = measure(prepared, small, large, pairs, long_runs, arguments.startup_only)
    except CommandFailed as failure:
        shown = subprocess.run(
            failure.argv, capture_output=True, text=True, env=CHILD_ENV, cwd=WORK
        )
        print(f"A command failed ({failure}):\n{shown.stderr.strip()}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(WORK, ignore_errors=True)

    checks = targets(measured, small, large)
    minutes = (time.perf_counter() - began) / 60
    about_run = (
        f"{started:%Y-%m-%d %H:%M %Z}; journals of {small:,} and {large:,} records;"
        f" {pairs} pairs per comparison; took {minutes:.1f} min"
    )
    body = [
        "## Machine",
        "",
        *machine(),
        f"- {load_note(load_at_start, load_average())}",
        "",
        *journals_section(prepared, [small, large]),
        "",
        *floors_section(measured, pairs, large, launcher_name),
        "",
        *growth_section(measured, pairs, small, large),
        "",
        *spans_section(measured, long_runs, large),
        "",
        *transfers_section(measured, long_runs),
        "",
        *parts_section(measured, large),
        "",
        *targets_section(checks, measured.skipped, arguments.quick, measured, large),
    ]
    print("\n".join([f"thoughtlog {thoughtlog.__version__} benchmark: {about_run}.", "", *body]))
    if arguments.write:
        RESULTS.write_text(
            "\n".join(
                [
                    "# thoughtlog benchmark results",
                    "",
                    f"Written by `python bench/run.py --write`: {about_run}. How it measures and"
                    " what each target means: the docstring of `bench/run.py`.",
                    "",
                    *body,
                    *kept_notes(),
                    "",
                ]
            )
        )
        progress(f"Wrote {RESULTS}")
    return 1 if arguments.strict and any(not t.met for t in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
