"""Any input gets an answer: every command and subcommand, driven in-process with generated
arguments (ids, numbers, dates, texts with control characters and markup, option mixes), ends with
exit code 0, 1 or 2, never a traceback or "unexpected problem", and leaves the journal as it was
whenever it ends in an error.

The options of each command are read from the app itself, so a new command or option is fuzzed
without a change here. By default each command gets a dozen examples, the same on every run;
THOUGHTLOG_FUZZ_EXAMPLES=2000 runs that many per command, from a fresh random seed.
"""

from __future__ import annotations

import json
import os
import string
from pathlib import Path

import pytest
import typer
from conftest import journal_content
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from thoughtlog import entry, output
from thoughtlog.cli import app
from thoughtlog.distortions import CATALOGUE
from thoughtlog.entry import ExperimentInput, RecordInput
from thoughtlog.storage import open_journal

_ON_DEMAND = os.environ.get("THOUGHTLOG_FUZZ_EXAMPLES")
FUZZ = settings(
    max_examples=int(_ON_DEMAND) if _ON_DEMAND else 12,
    derandomize=not _ON_DEMAND,  # the suite finds the same thing on every run; on demand, new ones
    deadline=None,
    database=None,
    # One journal per command lives through all its examples, as a person's does: what one
    # command adds, the next may show, edit or delete.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _commands() -> list[tuple[tuple[str, ...], typer.core.TyperCommand]]:
    found = []

    def walk(command, path: tuple[str, ...]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands is None:
            found.append((path, command))
            return
        ctx = typer.Context(command, info_name=path[-1] if path else "thoughtlog")
        for name in command.list_commands(ctx):
            walk(command.get_command(ctx, name), (*path, name))

    walk(typer.main.get_command(app), ())
    return found


COMMANDS = _commands()

# --- the values a person (or a slip of the keyboard) might give ---------------------------------

CONTROLS = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)])
ODD_TEXTS = [
    "[name redacted]",
    "[sigh]",
    "fine [/s]",
    "[/]",
    "[bold]x",
    ":smile:",
    "\x1b]0;title\x07",
    "\x1b[2J\x1b[H",
    "back\bspace\rover",
    "\u202eevil",
    "مرحبا بالعالم",
    "שלום",
    "😀 👩‍👩‍👧",
    "会議",
    "a" * 300,
    "",
    " ",
    "-",
    "--",
    "-s",
    "'",
    '"',
    "NEAR(a b)",
    "boss*",
    "a OR",
    "\\",
    "%s %d {0}",
]
texts = st.one_of(
    st.sampled_from(ODD_TEXTS),
    st.text(st.characters(codec="utf-8") | st.sampled_from(CONTROLS), max_size=40),
    st.text(string.ascii_letters + " []/=-", max_size=20),
)
HUGE = [2**31, 2**63 - 1, 2**63, 2**64, 10**30, -(2**63) - 1]
whole_numbers = st.one_of(
    st.integers(-3, 120), st.sampled_from(HUGE), st.integers(-(10**40), 10**40)
)
numbers = st.one_of(
    whole_numbers.map(str),
    st.sampled_from(["", "nan", "inf", "-inf", "1e3", "50.5", "lots", "٥٠", "0x10", " 7 ", "+5"]),
)
small_ids = st.integers(-1, 6).map(str)
ids = st.one_of(small_ids, small_ids, small_ids, st.sampled_from([str(n) for n in HUGE]), numbers)
DATES = [
    "yesterday 3pm",
    "monday 9am",
    "2026-11-20 14:30",
    "tomorrow",
    "2 weeks ago",
    "last",
    "2026-W47",
    "2026-W53",
    "2026-W00",
    "2026-02-30",
    "0000-01-01",
    "10000-01-01",
    "24:61",
    "not a date",
    "",
    "1000 years ago",
    "in 5000 years",
]
dates = st.one_of(
    st.sampled_from(DATES),
    st.dates().map(lambda day: day.isoformat()),
    st.datetimes().map(lambda moment: moment.isoformat(sep=" ", timespec="minutes")),
    st.builds(
        lambda year, week: f"{year:04d}-W{week:02d}", st.integers(1, 9999), st.integers(0, 54)
    ),
    texts,
)
slugs = st.one_of(
    st.sampled_from([d.slug for d in CATALOGUE]),
    st.sampled_from(["catastrophising", "black-and-white", "jumping-to-conclusions", "magic"]),
    texts,
)
emotions = st.one_of(
    st.builds(
        lambda name, number: f"{name}={number}", st.sampled_from(["anxious", "sad"]), numbers
    ),
    st.builds(lambda name, number: f"{name}={number}", texts, numbers),
    texts,
)
came_true = st.one_of(st.sampled_from(["yes", "partly", "no", "YES", "maybe"]), texts)
answers = st.lists(st.one_of(texts, numbers, st.sampled_from(["y", "n", "?", "1"])), max_size=14)

# Where a command writes a file: only ever inside the test's folder (what is at a path that is
# not a regular file is the subject of its own tests).
PLACES = ["new.out", "existing.out", "folder", "missing/folder/file.out", "-", ""]

CSV_COLUMNS = (
    "id uuid occurred_at situation emotions thoughts hot_thought belief_before belief_after"
    " distortions behaviour evidence_for evidence_against reframe reframe_belief tags created_at"
    " updated_at"
).split()
IMPORT_FILES = st.one_of(
    st.just(None),  # no such file
    st.binary(max_size=200),
    st.builds(
        lambda situation, when, extra: json.dumps(
            {
                "format": "thoughtlog",
                "version": 1,
                "records": [{"situation": situation, "occurred_at": when, **extra}],
                "experiments": [],
            }
        ).encode(),
        texts,
        dates,
        st.dictionaries(
            st.sampled_from(
                ["tags", "emotions", "thoughts", "reframe_belief", "uuid", "behaviour"]
            ),
            st.one_of(texts, whole_numbers, st.lists(texts, max_size=2)),
            max_size=3,
        ),
    ),
    st.builds(
        lambda cells: _csv([CSV_COLUMNS, cells]),
        st.lists(st.one_of(texts, dates, numbers), min_size=18, max_size=18),
    ),
)


def _csv(rows: list[list[str]]) -> bytes:
    import csv
    import io

    written = io.StringIO()
    csv.writer(written).writerows(rows)
    return written.getvalue().encode("utf-8", "surrogatepass")


def _values(param) -> st.SearchStrategy:  # type: ignore[no-untyped-def]
    """What to generate for one option or argument, chosen by its name and type."""
    name = param.name
    metavar = getattr(param, "metavar", None) or ""
    choices = getattr(getattr(param, "type", None), "choices", None) or getattr(
        getattr(param, "type_descriptor", None), "choices", None
    )
    if choices:
        return st.one_of(st.sampled_from([str(getattr(c, "value", c)) for c in choices]), texts)
    if name in ("when", "since", "until", "week"):
        return dates
    if name in ("emotion", "emotion_after"):
        return emotions
    if name == "distortion":
        return slugs
    if name == "came_true":
        return came_true
    if name in ("output", "destination"):
        return st.sampled_from(PLACES)
    if metavar == "N" or name == "limit":
        return numbers
    if name.endswith("_id") or name == "record":
        return ids
    return texts


# --- the journal every example works on ---------------------------------------------------------


@pytest.fixture
def lived_in(journal_path: Path, tmp_path: Path) -> Path:
    """A journal with a little of everything: records (one in the trash), a draft, experiments
    planned and done; and the folder where commands may write."""
    with open_journal(journal_path) as opened:
        for situation in ("Team meeting [sigh]", "fine [/s]", "A record in the trash"):
            opened.add_record(
                entry.new_record(
                    RecordInput(
                        situation=situation,
                        emotions=["anxious=80"],
                        thoughts=["If I disagree my boss will reprimand me \x1b[31m"],
                        belief="85",
                        distortions=["fortune-telling"],
                        tags=["work"],
                    )
                )
            )
        opened.trash_record(3)
        opened.add_experiment(
            entry.new_experiment(ExperimentInput(belief="[/]", plan="Say one thing", record_id=1))
        )
        done = entry.new_experiment(ExperimentInput(belief="They'll laugh", plan="Ask"))
        opened.add_experiment(done)
        opened.update_experiment(
            entry.complete_experiment(done, ExperimentInput(outcome="Fine", came_true="no"))
        )
    work = tmp_path / "work"
    (work / "folder").mkdir(parents=True)
    (work / "existing.out").write_text("keep me\n")
    return work


# What a command mostly needs, so that most examples get past the first check.
USUALLY_GIVEN = {"situation", "belief", "plan", "outcome", "came_true"}


def _arguments(command, draw) -> tuple[list[str], str | None, dict[str, str]]:  # type: ignore[no-untyped-def]
    """Generated arguments for a command, the input to type at its questions, and its env."""
    given: list[list[str]] = []  # each option with its value, or an argument, kept together
    env: dict[str, str] = {}
    for param in command.params:
        if param.name == "help" or getattr(param, "hidden", False):
            continue
        if param.param_type_name == "argument":
            if param.name == "file":
                given.append([draw(st.sampled_from(["{import}", "-", "missing.json"]))])
            elif draw(st.integers(0, 9)):  # now and then, leave out even a required argument
                given.append([draw(_values(param))])
            continue
        if getattr(param, "is_flag", False):
            if draw(st.integers(0, 3)) == 0:
                given.append([param.opts[0]])
                if param.name == "editor":
                    env["EDITOR"] = draw(st.sampled_from(["true", "false", "'unbalanced"]))
            continue
        if draw(st.integers(0, 2)) < (2 if param.name in USUALLY_GIVEN else 1):
            for _ in range(draw(st.integers(1, 2 if param.multiple else 1))):
                given.append([draw(st.sampled_from(param.opts)), draw(_values(param))])
    # Options go anywhere among the arguments, as a person types them.
    order = draw(st.permutations(range(len(given))))
    typed = "\n".join(draw(answers)) + "\n" if draw(st.booleans()) else None
    return [arg for i in order for arg in given[i]], typed, env


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(path) for path, _ in COMMANDS]
)
def test_any_input_gets_a_calm_answer_and_an_error_changes_nothing(
    lived_in, monkeypatch, path, command
):
    runner = CliRunner()

    @FUZZ
    @given(st.data())
    def run(data):  # type: ignore[no-untyped-def]
        args, typed, env = _arguments(command, data.draw)
        if "{import}" in args:
            args = [str(lived_in / "import.file") if arg == "{import}" else arg for arg in args]
            content = data.draw(IMPORT_FILES)
            (lived_in / "import.file").unlink(missing_ok=True)
            if content is not None:
                (lived_in / "import.file").write_bytes(content)
        args = [_in_work(arg, lived_in) for arg in args]
        # Piped, or on a terminal of any width (where rich draws the person's text).
        width = data.draw(st.sampled_from([None, "120", "80", "40", "20"]))
        monkeypatch.setattr(output, "attached_to_terminal", lambda stream: width is not None)
        if width is not None:
            env.update({"COLUMNS": width, "TERM": "xterm-256color"})
        note(f"thoughtlog {' '.join(map(repr, [*path, *args]))}  env={env} input={typed!r}")
        note("on a terminal" if width else "piped")
        journal = Path(os.environ["THOUGHTLOG_DB"])
        before = journal_content(journal)
        cwd = os.getcwd()
        os.chdir(lived_in)
        try:
            result = runner.invoke(app, [*path, *args], input=typed, env=env)
        finally:
            os.chdir(cwd)
        said = result.stdout + result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert result.exit_code in (0, 1, 2), said[-400:]
        assert "Traceback" not in said
        assert "unexpected problem" not in said, said[-400:]
        if result.exit_code != 0 and not _keeps_a_draft(path, args):
            assert journal_content(journal) == before

    run()


def _in_work(arg: str, work: Path) -> str:
    return str(work / arg) if arg in PLACES and arg not in ("-", "") else arg


def _keeps_a_draft(path: tuple[str, ...], args: list[str]) -> bool:
    """A guided record stopped part-way keeps what was typed, as a draft: by design."""
    return path == ("add",) and bool({"--guided", "-g", "--resume"} & set(args) or not args)


def test_the_fuzz_test_drives_every_command():
    driven = {" ".join(path) for path, _ in COMMANDS}
    assert {
        "add",
        "list",
        "show",
        "experiment add",
        "experiment done",
        "experiment log",
        "report",
        "import",
    } <= driven
    assert len(driven) >= 20


# --- found by the fuzz test, fixed, and kept as examples --------------------------------------------

FOUND = [  # (the command, what it showed)
    (["show", str(2**63)], "a record id of 2**63 (storage)"),
    (["delete", "--", str(-(2**63) - 1)], "a record id below -2**63 (storage)"),
    (["experiment", "show", str(2**63)], "an experiment id of 2**63 (storage)"),
    (["experiment", "restore", str(2**64)], "an experiment id of 2**64 (storage)"),
    (
        ["experiment", "add", "--belief", "b", "--plan", "p", "--record", str(2**63)],
        "a --record of 2**63 (storage)",
    ),
    (["list", "--limit", str(2**63)], "a --limit of 2**63 (storage)"),
    (["list", "--since", "0001-01-01"], "year 1 in --since (dates)"),
    (["list", "--until", "9999-12-31"], "the last day of year 9999 in --until (dates)"),
    (["add", "-s", "x", "--when", "0001-01-01 12:00"], "year 1 in --when (dates)"),
    (["add", "-s", "x", "--when", "3000 years ago"], "a --when before year 1 (dates)"),
    (
        ["experiment", "add", "--belief", "b", "--plan", "p", "--when", "0001-01-01"],
        "year 1 in an experiment's --when (dates)",
    ),
    (["report", "--week", "9999-W52"], "year 9999 in --week (dates)"),
    (["report", "--week", "0001-01-02"], "the first week of year 1 in --week (dates)"),
    (
        ["report", "--since", "1000-01-01"],
        "a span whose previous span reaches before year 1 (report)",
    ),
    (["add", "--editor"], 'EDITOR="\'vi", an unbalanced quote (editor)'),
]


@pytest.mark.parametrize("args", [args for args, _ in FOUND], ids=[what for _, what in FOUND])
def test_values_the_fuzz_test_found_get_a_calm_answer(cli, lived_in, args):
    journal = Path(os.environ["THOUGHTLOG_DB"])
    before = journal_content(journal)
    result = CliRunner().invoke(app, args, env={"EDITOR": "'vi"}, input="n\n")
    assert result.exit_code in (0, 1, 2)
    assert "unexpected problem" not in result.stderr
    if result.exit_code:
        assert journal_content(journal) == before
