"""thoughtlog's benchmark: everyday commands, export and import, against a bare Typer floor.

Run it with the Python that thoughtlog is installed in (for example a virtualenv with
`pip install -e .`), from any folder:

    python bench/run.py            # journals of 0, 1,000, 10,000 and 100,000 records, 7 runs
    python bench/run.py --quick    # 0 and 1,000 records, 3 runs: a smoke check in a minute
    python bench/run.py --write    # also writes bench/RESULTS.md, with the machine it ran on

    --sizes 0,1000,100000   the journal sizes       --runs N   runs of each everyday command
    --rebuild               build the journals again instead of reusing the cached ones
    --strict                exit 1 when a target is not met (otherwise 0: this is a report)

A full run takes four to eight minutes; the 100,000-record journal is built once (15 to 45 s) and
cached. Everything it writes, apart from RESULTS.md, goes to bench/out/ (ignored by git).

How it measures

- Journals are built through thoughtlog's core by bench/journals.py (realistic records over ten
  years ending now, a handful in the current week, one experiment per ten records, a fixed seed)
  and cached in bench/out/journals/, keyed on thoughtlog's version, its schema migrations, the
  generator's source and the ISO week (so that `report` always has a current week). Every run
  works on fresh copies in bench/out/work/.
- Every command runs as a whole process, as a person runs it: the `thoughtlog` console script
  beside this Python (or `python -m thoughtlog` when there is none), started as
  `python SCRIPT --db JOURNAL ...`, with stdin, stdout and stderr on /dev/null (not a terminal,
  as when the output is piped). Wall time is from start to exit; peak memory is the child's
  ru_maxrss as os.wait4 reports it. Both are taken by a small go-between Python (GO_BETWEEN)
  that starts the command, since Linux counts a child's peak from the size of its parent.
- One warm-up round, then N rounds. Each round runs every everyday command at every size, the
  floor, --help and --version once, in a new order each round (a fixed seed), so that drift in
  the machine's load touches all of them alike. The tables give the median wall time (the
  ratios use it), the fastest, the median CPU time (user + system: a steadier guide when the
  machine is busy) and the highest peak memory of the N runs.
- The floor is bench/out/floor.py, written by this script: a bare Typer app with one command,
  `add TEXT --db PATH` (under a no-op callback, so that it is a command group as thoughtlog is),
  that connects with the standard sqlite3 module, creates a table if needed and inserts one row.
  It is started exactly as thoughtlog is: `python floor.py add TEXT --db PATH`.
- The 0-record journal is created (migrated) before anything is timed, so no run pays for
  creating a journal. `add` adds one record per run to each journal; at 0 records, `show` shows
  the record that the warm-up `add` wrote.
- Export and import run at every size but 0: a warm-up, then min(3, N) runs. Records a second is
  the records divided by the median time of the whole process (startup included, nothing
  subtracted). `import` reads the file that `export` has just written into a fresh copy of the
  empty journal each run; `import json again` then imports the same file once more.

Targets (each a ratio from this one run; they are set at 100,000 records, the largest size)

- add (with options), show ID, list (the 20 newest), search WORD, experiment list --pending:
  median at most 1.3 x the floor.
- report (terminal format, the current week): at most 2 x the floor; report --format json: 1.5 x.
- No growth: each of those seven at 100,000 records at most 1.1 x the same command at 0 records.
- export --format csv and --format json of 100,000 records: at least 50,000 records a second, and
  peak memory at most 1.2 x that of exporting 1,000 records.
- import of the 100,000-record JSON export into an empty journal: at least 20,000 records a
  second, and peak memory at most 1.2 x that of importing 1,000 records.
- --help and --version: at most 1.2 x the floor.

A "## Notes" section in RESULTS.md (say, why a target is not met yet) is kept by --write.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path

try:
    import thoughtlog
    from thoughtlog.storage import MIGRATION_NAMES
except ImportError:
    sys.exit("thoughtlog can't be imported: run the benchmark with the Python it is installed in.")

import journals  # bench/journals.py, beside this file

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
JOURNALS = OUT / "journals"
WORK = OUT / "work"
FLOOR = OUT / "floor.py"
RESULTS = HERE / "RESULTS.md"

SIZES = (0, 1_000, 10_000, 100_000)
QUICK_SIZES = (0, 1_000)
RUNS, QUICK_RUNS, TRANSFER_RUNS = 7, 3, 3
MEMORY_BASE = 1_000  # export and import memory at the largest size is compared with this size

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
# The everyday commands, and how many times the floor's median each may take at the largest size.
EVERYDAY = {
    "add": 1.3,
    "show ID": 1.3,
    "list": 1.3,
    f"search {SEARCH}": 1.3,
    "experiment list --pending": 1.3,
    "report": 2.0,
    "report --format json": 1.5,
}
STARTUP = {"--help": 1.2, "--version": 1.2}
NO_GROWTH = 1.1
EXPORT_RATE, IMPORT_RATE, FLAT_MEMORY = 50_000, 20_000, 1.2

FLOOR_SOURCE = '''\
"""The benchmark's floor: a bare Typer app that inserts one row with the standard sqlite3 module.

Written by bench/run.py, which runs it as: python floor.py add TEXT --db PATH
"""

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

# The commands see this environment, less anything that would choose another journal.
CHILD_ENV = {k: v for k, v in os.environ.items() if k not in ("THOUGHTLOG_DB", "THOUGHTLOG_DEBUG")}


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


@dataclass
class Timing:
    label: str
    size: int | None  # None: the command opens no journal
    samples: list[Sample] = field(default_factory=list)
    file_bytes: int | None = None  # the file an export wrote or an import read

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def fastest(self) -> float:
        return min(s.seconds for s in self.samples)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(s.cpu_seconds for s in self.samples)

    @property
    def peak_mib(self) -> float:
        return max(s.peak_kib for s in self.samples) / 1024


def thoughtlog_launcher() -> tuple[list[str], str]:
    """How a person starts thoughtlog: the console script next to this Python, if installed."""
    script = Path(sys.executable).parent / "thoughtlog"
    if script.is_file() and script.read_bytes()[:2] == b"#!":
        return [sys.executable, str(script)], "the `thoughtlog` console script (`python SCRIPT`)"
    return [sys.executable, "-m", "thoughtlog"], "`python -m thoughtlog`"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- journals -----------------------------------------------------------------------------------


@dataclass
class Prepared:
    path: Path  # the cached journal; runs work on copies of it
    built: journals.Built
    cached: bool


def cache_key() -> str:
    year, week, _ = datetime.now().astimezone().isocalendar()
    generator = hashlib.sha256(Path(journals.__file__).read_bytes()).hexdigest()
    parts = [thoughtlog.__version__, *MIGRATION_NAMES, generator, f"{year}-W{week:02d}"]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


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


# --- the two phases -----------------------------------------------------------------------------


def everyday_commands(newest_id: int | None) -> list[tuple[str, list[str]]]:
    commands = [
        ("add", ADD),
        ("show ID", ["show", str(newest_id or 1)]),  # 1 at 0 records: the warm-up add wrote it
        ("list", ["list"]),
        (f"search {SEARCH}", ["search", SEARCH]),
        ("experiment list --pending", ["experiment", "list", "--pending"]),
        ("report", ["report"]),
        ("report --format json", ["report", "--format", "json"]),
    ]
    assert [label for label, _ in commands] == list(EVERYDAY)
    return commands


Everyday = dict[tuple[str, int | None], Timing]
Transfers = dict[tuple[str, int], Timing]


def time_everyday(
    prepared: dict[int, Prepared], sizes: list[int], runs: int, launcher: list[str]
) -> Everyday:
    """The floor, --help, --version and every everyday command at every size, round by round."""
    floor = [
        sys.executable,
        str(FLOOR),
        "add",
        "Team meeting, I stayed quiet",
        "--db",
        str(WORK / "floor.db"),
    ]
    plan: list[tuple[str, int | None, list[str]]] = [("floor", None, floor)]
    plan += [(flag, None, [*launcher, flag]) for flag in STARTUP]
    for size in sizes:
        journal = fresh_copy(prepared[size].path, WORK / f"journal-{size}.db")
        for label, arguments in everyday_commands(prepared[size].built.newest_id):
            plan.append((label, size, [*launcher, "--db", str(journal), *arguments]))
    timings = {(label, size): Timing(label, size) for label, size, _ in plan}
    for round_number in range(runs + 1):
        if round_number:  # a new order each round, so that no command always runs at one moment
            random.Random(round_number).shuffle(plan)
        progress(
            f"Everyday commands: round {round_number} of {runs}"
            if round_number
            else "Everyday commands: warm-up round"
        )
        for label, size, argv in plan:
            sample = run_once(argv)
            if round_number:
                timings[(label, size)].samples.append(sample)
    return timings


def time_transfers(
    prepared: dict[int, Prepared], sizes: list[int], runs: int, launcher: list[str]
) -> Transfers:
    """Export (CSV, JSON) and import (JSON, CSV, and JSON again) at every size but 0."""
    timings: Transfers = {}

    def record(label: str, size: int, sample: Sample, file: Path) -> None:
        timing = timings.setdefault((label, size), Timing(label, size))
        timing.samples.append(sample)
        timing.file_bytes = file.stat().st_size

    for size in [s for s in sizes if s]:
        source = fresh_copy(prepared[size].path, WORK / f"export-source-{size}.db")
        for form in ("csv", "json"):
            progress(f"Export {form}: {size:,} records")
            exported = OUT / f"export-{size}.{form}"
            argv = [*launcher, "--db", str(source), "export", "--format", form, "-o", str(exported)]
            for round_number in range(runs + 1):
                sample = run_once(argv)
                if round_number:
                    record(f"export {form}", size, sample, exported)
        for form in ("json", "csv"):
            progress(f"Import {form}: {size:,} records")
            exported = OUT / f"export-{size}.{form}"
            for round_number in range(runs + 1):
                journal = fresh_copy(prepared[0].path, WORK / f"import-{size}.db")
                argv = [*launcher, "--db", str(journal), "import", str(exported)]
                first = run_once(argv)
                again = run_once(argv) if form == "json" else None
                if round_number:
                    record(f"import {form}", size, first, exported)
                    if again:
                        record(f"import {form} again", size, again, exported)
    return timings


# --- targets ------------------------------------------------------------------------------------


@dataclass
class Target:
    what: str
    measured: float | None  # None: this run did not measure it (a size was left out)
    limit: float
    at_least: bool = False  # a rate to reach rather than a ratio to stay under
    why_missing: str = ""

    @property
    def met(self) -> bool | None:
        if self.measured is None:
            return None
        return self.measured >= self.limit if self.at_least else self.measured <= self.limit

    def cells(self) -> list[str]:
        if self.at_least:
            measured = "—" if self.measured is None else f"{self.measured:,.0f} rec/s"
            limit = f"≥ {self.limit:,.0f} rec/s"
        else:
            measured = "—" if self.measured is None else f"{self.measured:.2f} ×"
            limit = f"≤ {self.limit:g} ×"
        verdicts = {True: "met", False: "**NOT MET**", None: f"not measured{self.why_missing}"}
        return [self.what, measured, limit, verdicts[self.met]]


def memory_base(sizes: list[int]) -> int:
    return MEMORY_BASE if MEMORY_BASE in sizes else min((s for s in sizes if s), default=0)


def targets(everyday: Everyday, transfers: Transfers, sizes: list[int]) -> list[Target]:
    top, base = max(sizes), memory_base(sizes)
    floor = everyday[("floor", None)].seconds
    result = [
        Target(
            f"`{label}` at {top:,} records ÷ floor", everyday[(label, top)].seconds / floor, limit
        )
        for label, limit in EVERYDAY.items()
    ]
    for label in EVERYDAY:
        grown = None
        if 0 in sizes and top:
            grown = everyday[(label, top)].seconds / everyday[(label, 0)].seconds
        result.append(
            Target(
                f"`{label}`: {top:,} ÷ 0 records",
                grown,
                NO_GROWTH,
                why_missing=" (needs size 0 and a larger one)",
            )
        )
    for label, rate in (
        ("export csv", EXPORT_RATE),
        ("export json", EXPORT_RATE),
        ("import json", IMPORT_RATE),
    ):
        large, small = transfers.get((label, top)), transfers.get((label, base))
        rate_measured = top / large.seconds if large else None
        result.append(
            Target(
                f"`{label}` of {top:,} records",
                rate_measured,
                rate,
                at_least=True,
                why_missing=" (needs a size above 0)",
            )
        )
        flat = large.peak_mib / small.peak_mib if large and small and top != base else None
        what = f"`{label}`: peak memory at {top:,} ÷ at {base:,} records"
        if top == base:
            what = f"`{label}`: peak memory, largest size ÷ {MEMORY_BASE:,} records"
        result.append(Target(what, flat, FLAT_MEMORY, why_missing=" (needs two sizes above 0)"))
    result += [
        Target(f"`{flag}` ÷ floor", everyday[(flag, None)].seconds / floor, limit)
        for flag, limit in STARTUP.items()
    ]
    return result


# --- the report ---------------------------------------------------------------------------------


def table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """A Markdown table, padded so that it reads as well in a terminal."""
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        return (
            "| "
            + " | ".join(
                cell.rjust(width) if i in right else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(cells, widths))
            )
            + " |"
        )

    rule = (
        "|"
        + "|".join(
            "-" * (width + 1) + ":" if i in right else "-" * (width + 2)
            for i, width in enumerate(widths)
        )
        + "|"
    )
    return [line(headers), rule, *(line(row) for row in rows)]


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
                f"{size / built.seconds:,.0f}" if size else "—",
                f"{path.stat().st_size / 1e6:.1f}",
                "cached" if prepared[size].cached else "built now",
            ]
        )
    headers = [
        "records",
        "experiments",
        f"mention '{SEARCH}'",
        "build time",
        "records/s",
        "file MB",
        "",
    ]
    return [
        "## Journals",
        "",
        *table(headers, rows, right={0, 1, 2, 3, 4, 5}),
        "",
        "Built through the core (`entry.new_record`, `Journal.insert_records` in one transaction);"
        " a cached journal shows the time of the build that made it.",
    ]


def everyday_section(everyday: Everyday, sizes: list[int], runs: int, launcher: str) -> list[str]:
    floor = everyday[("floor", None)].seconds

    def row(label: str, size: int | None) -> list[str]:
        timing, at_zero = everyday[(label, size)], everyday.get((label, 0))
        growth = f"{timing.seconds / at_zero.seconds:.2f}" if size is not None and at_zero else ""
        return [
            label if size is None else f"`{label}`",
            "—" if size is None else f"{size:,}",
            f"{timing.seconds * 1000:.0f}",
            f"{timing.fastest * 1000:.0f}",
            f"{timing.cpu_seconds * 1000:.0f}",
            f"{timing.peak_mib:.1f}",
            f"{timing.seconds / floor:.2f}",
            growth,
        ]

    rows = [row(label, None) for label in ["floor", *STARTUP]]
    rows += [row(label, size) for label in EVERYDAY for size in sizes]
    headers = [
        "command",
        "records",
        "median ms",
        "fastest ms",
        "CPU ms",
        "peak MiB",
        "× floor",
        "× at 0 records",
    ]
    return [
        "## Everyday commands",
        "",
        f"Wall time of the whole process, median and fastest of {runs} runs after a warm-up, in a"
        " new order each round; the ratios use the medians. CPU ms: median user + system time,"
        " which a busy machine disturbs less. Output to /dev/null (not a terminal, so `report`"
        f" prints its plain form, as when piped). Launched as {launcher}; the floor as"
        " `python bench/out/floor.py add TEXT --db PATH`.",
        "",
        *table(headers, rows, right={1, 2, 3, 4, 5, 6, 7}),
    ]


def transfers_section(transfers: Transfers, sizes: list[int]) -> list[str]:
    if not transfers:
        return []
    base = memory_base(sizes)
    rows = []
    for (label, size), timing in sorted(transfers.items()):
        small = transfers.get((label, base))
        rows.append(
            [
                f"`{label}`",
                f"{size:,}",
                f"{timing.seconds:.2f}",
                f"{size / timing.seconds:,.0f}",
                f"{timing.peak_mib:.1f}",
                f"{timing.peak_mib / small.peak_mib:.2f}" if small else "—",
                f"{timing.file_bytes / 1e6:.1f}" if timing.file_bytes else "—",
            ]
        )
    runs = len(next(iter(transfers.values())).samples)
    headers = [
        "step",
        "records",
        "median s",
        "records/s",
        "peak MiB",
        f"× peak at {base:,}",
        "file MB",
    ]
    return [
        "## Export and import",
        "",
        f"Median of {runs} runs after a warm-up, whole process; records/s = records ÷ median time,"
        " startup included. Each import goes into a fresh empty journal; `import json again`"
        " imports the same file a second time, when every record is already there.",
        "",
        *table(headers, rows, right={1, 2, 3, 4, 5, 6}),
    ]


def targets_section(checks: list[Target], sizes: list[int]) -> list[str]:
    lines = ["## Targets", ""]
    if max(sizes) != SIZES[-1]:
        lines += [
            f"The targets are set at {SIZES[-1]:,} records; this run's largest journal has"
            f" {max(sizes):,}, so these verdicts are only indicative.",
            "",
        ]
    lines += table(
        ["target", "measured", "limit", "verdict"], [t.cells() for t in checks], right={1, 2}
    )
    missed = [t.what for t in checks if t.met is False]
    lines.append("")
    if missed:
        lines += [f"**{len(missed)} of {len(checks)} targets not met:**", ""]
        lines += [f"- {what}" for what in missed]
    elif any(t.met is None for t in checks):
        lines.append("Every target measured was met; some were not measured in this run.")
    else:
        lines.append("**All targets met.**")
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
        return note + ": the machine was busy with other work, so these figures are noisier."
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
    for name in ("typer", "click", "sqlite-utils", "rich", "python-dateutil", "rapidfuzz"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} not installed")
    return [
        f"- CPU: {cpu}, {cpu_count()} logical CPUs available; memory {ram}",
        f"- OS: {system}, kernel {platform.release()} ({platform.machine()})",
        f"- Python {platform.python_version()} ({platform.python_implementation()}),"
        f" SQLite library {sqlite3.sqlite_version}",
        f"- {', '.join(versions)}",
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
        description="Benchmark thoughtlog's everyday commands, export and import against a bare"
        " Typer app. See the docstring of bench/run.py for how it measures and the targets.",
    )
    parser.add_argument("--sizes", help="journal sizes, comma-separated (0,1000,10000,100000)")
    parser.add_argument("--runs", type=int, help=f"timed runs of each everyday command ({RUNS})")
    quick = f"a smoke check: sizes {','.join(map(str, QUICK_SIZES))}, {QUICK_RUNS} runs"
    parser.add_argument("--quick", action="store_true", help=quick)
    parser.add_argument("--rebuild", action="store_true", help="build the journals again")
    parser.add_argument("--write", action="store_true", help="also write bench/RESULTS.md")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is not met")
    arguments = parser.parse_args()
    if arguments.sizes:
        parts = [part for part in arguments.sizes.split(",") if part.strip()]
        try:
            arguments.sizes = sorted({int(part) for part in parts})
        except ValueError:
            parser.error(f"--sizes takes whole numbers separated by commas: '{arguments.sizes}'")
        if not arguments.sizes or min(arguments.sizes) < 0:
            parser.error("--sizes takes record counts of 0 or more")
    else:
        arguments.sizes = list(QUICK_SIZES if arguments.quick else SIZES)
    if arguments.runs is None:
        arguments.runs = QUICK_RUNS if arguments.quick else RUNS
    if arguments.runs < 1:
        parser.error("--runs takes a number of 1 or more")
    return arguments


def main() -> int:
    arguments = parse_arguments()
    sizes, runs = arguments.sizes, arguments.runs
    began, started, load_at_start = time.perf_counter(), datetime.now().astimezone(), load_average()
    launcher, launcher_name = thoughtlog_launcher()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    FLOOR.write_text(FLOOR_SOURCE)

    prepared = prepare_journals(sizes, arguments.rebuild)
    try:
        everyday = time_everyday(prepared, sizes, runs, launcher)
        transfers = time_transfers(prepared, sizes, min(TRANSFER_RUNS, runs), launcher)
    except CommandFailed as failure:
        shown = subprocess.run(
            failure.argv, capture_output=True, text=True, env=CHILD_ENV, cwd=WORK
        )
        print(f"A command failed ({failure}):\n{shown.stderr.strip()}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(WORK, ignore_errors=True)

    checks = targets(everyday, transfers, sizes)
    minutes = (time.perf_counter() - began) / 60
    about_run = (
        f"{started:%Y-%m-%d %H:%M %Z}; sizes {', '.join(f'{s:,}' for s in sizes)};"
        f" {runs} runs; took {minutes:.1f} min"
    )
    body = [
        "## Machine",
        "",
        *machine(),
        f"- {load_note(load_at_start, load_average())}",
        "",
        *journals_section(prepared, sizes),
        "",
        *everyday_section(everyday, sizes, runs, launcher_name),
        "",
        *transfers_section(transfers, sizes),
        "",
        *targets_section(checks, sizes),
    ]
    print("\n".join([f"thoughtlog {thoughtlog.__version__} benchmark: {about_run}.", "", *body]))
    if arguments.write:
        RESULTS.write_text(
            "\n".join(
                [
                    "# thoughtlog benchmark results",
                    "",
                    f"Written by `python bench/run.py --write`: {about_run}. How it measures and what each"
                    " target means: the docstring of `bench/run.py`.",
                    "",
                    *body,
                    *kept_notes(),
                    "",
                ]
            )
        )
        progress(f"Wrote {RESULTS}")
    return 1 if arguments.strict and any(t.met is False for t in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
