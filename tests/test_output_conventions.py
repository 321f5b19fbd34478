"""Where output goes and how it looks: data on stdout, messages on stderr, rich only on a terminal,
no colour under NO_COLOR, plain text under TERM=dumb and in pipes, --json wherever there is data,
and the documented exit codes (0 done, 1 an error, 2 a bad value or usage)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from thoughtlog import entry, output
from thoughtlog.cli import app
from thoughtlog.entry import ExperimentInput, RecordInput
from thoughtlog.storage import open_journal

HOT = "If I disagree my boss will reprimand me"


@pytest.fixture
def seeded(journal_path: Path) -> Path:
    """Three records this week with one hot thought; experiment 1 planned, experiment 2 done."""
    with open_journal(journal_path) as opened:
        for situation in ("Team meeting, I stayed quiet", "Planning call", "A one-to-one"):
            opened.add_record(
                entry.new_record(
                    RecordInput(
                        situation=situation,
                        emotions=["anxious=80"],
                        emotions_after=["anxious=40"],
                        thoughts=[HOT],
                        belief="85",
                        belief_after="40",
                        distortions=["fortune-telling"],
                        reframe="Disagreeing politely is part of the job",
                        tags=["work", "boss"],
                    )
                )
            )
        opened.add_experiment(
            entry.new_experiment(ExperimentInput(belief=HOT, plan="Say one thing", record_id=1))
        )
        done = entry.new_experiment(ExperimentInput(belief="They'll laugh", plan="Ask a question"))
        opened.add_experiment(done)
        opened.update_experiment(
            entry.complete_experiment(done, ExperimentInput(outcome="Fine", came_true="no"))
        )
    return journal_path


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdout and stderr stand in for a colour terminal (conftest sets NO_COLOR; this lifts it)."""
    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def colour_codes(text: str) -> list[str]:
    """The SGR sequences in text that set a foreground or background colour."""
    found = []
    for params in _SGR.findall(text):
        codes = [int(code) for code in params.split(";") if code]
        position = 0
        while position < len(codes):
            code = codes[position]
            if code in (38, 48):  # 38;5;N or 38;2;R;G;B
                found.append(params)
                break
            if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                found.append(params)
                break
            position += 1
    return found


# --- data on stdout, messages on stderr -----------------------------------------------------------

DATA_COMMANDS = [
    ["list"],
    ["show", "1"],
    ["search", "boss"],
    ["distortions"],
    ["experiment", "list"],
    ["experiment", "show", "1"],
    ["report"],
    ["export"],
    ["check"],
    ["path"],
]


@pytest.mark.parametrize("args", DATA_COMMANDS, ids=" ".join)
def test_a_command_that_shows_data_puts_it_on_stdout_and_nothing_on_stderr(cli, seeded, args):
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""


MESSAGE_COMMANDS = [
    (["edit", "1", "--behaviour", "Stayed quiet"], "Updated record 1"),
    (["delete", "2"], "Record 2 is in the trash"),
    (["experiment", "edit", "1", "--plan", "Say two things"], "Updated experiment 1"),
    (["experiment", "delete", "1"], "Experiment 1 is in the trash"),
    (["export", "--output", "{tmp}/out.csv"], "Exported 3 records to"),
    (["report", "--output", "{tmp}/week.md"], "Report written to"),
    (["backup", "{tmp}/copy.db"], "Backed up to"),
]


@pytest.mark.parametrize(
    ("args", "message"), MESSAGE_COMMANDS, ids=[" ".join(a[:2]) for a, _ in MESSAGE_COMMANDS]
)
def test_a_confirmation_goes_to_stderr_and_leaves_stdout_empty(
    cli, seeded, tmp_path, args, message
):
    result = cli(*[arg.format(tmp=tmp_path) for arg in args])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert message in result.stderr


def test_restore_confirms_on_stderr(cli, seeded):
    cli("delete", "2")
    result = cli("restore", "2")
    assert result.stdout == "" and "Record 2 is back" in result.stderr


def test_import_says_what_it_did_on_stderr(cli, seeded, tmp_path):
    backup = tmp_path / "backup.json"
    cli("export", "--format", "json", "--output", str(backup))
    result = cli("import", str(backup))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("Imported 3 records and 2 experiments: 0 added")


def test_add_prints_the_new_id_as_data_when_piped(cli, seeded):
    result = cli("add", "-s", "Lunch with the team", "-e", "calm=20", "-r", "It went fine")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "4\n" and result.stderr == ""


def test_add_says_saved_as_on_a_terminal(cli, seeded, terminal):
    result = cli("add", "-s", "Lunch with the team", "-r", "It went fine")
    assert result.stdout == "" and result.stderr == "Saved as record 4.\n"


def test_an_empty_list_is_said_on_stderr_and_stdout_stays_empty(cli, journal_path):
    result = cli("list")
    assert result.exit_code == 0
    assert result.stdout == "" and "No records yet" in result.stderr


# --- --json wherever there is data --------------------------------------------------------------

# Commands that show no data (they change the journal and confirm it on stderr), and those whose
# --format takes json.
NO_DATA = {
    "delete",
    "restore",
    "backup",
    "experiment delete",
    "experiment restore",
    "belief delete",
    "belief restore",
    "drafts discard",
    "encrypt",
    "decrypt",
    "passphrase",
    "lock",
}
FORMAT_JSON = {"export", "report", "demo", "progress"}


def _commands() -> list[tuple[str, typer.core.TyperCommand]]:
    found = []

    def walk(command, path: tuple[str, ...]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands is None:
            found.append((" ".join(path), command))
            return
        ctx = typer.Context(command, info_name=path[-1] if path else "thoughtlog")
        for name in command.list_commands(ctx):
            walk(command.get_command(ctx, name), (*path, name))

    walk(typer.main.get_command(app), ())
    return found


SHOWING_DATA = [(name, command) for name, command in _commands() if name not in NO_DATA]


@pytest.mark.parametrize(("name", "command"), SHOWING_DATA, ids=[name for name, _ in SHOWING_DATA])
def test_every_command_that_shows_data_takes_json(name, command):
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    if name in FORMAT_JSON:
        fmt = next(p for p in command.params if "--format" in p.opts)
        assert "json" in [getattr(c, "value", c) for c in fmt.type.choices]
        return
    assert "--json" in options, f"thoughtlog {name} shows data but has no --json"


def test_list_and_search_json_hold_records_as_show_json_prints_them(cli, seeded):
    shown = json.loads(cli("show", "1", "--json").stdout)
    listed = json.loads(cli("list", "--json").stdout)
    found = json.loads(cli("search", "stayed quiet", "--json").stdout)
    assert listed[-1] == shown
    assert found["records"] == [shown]


def test_experiment_list_json_holds_experiments_as_show_json_prints_them(cli, seeded):
    listed = json.loads(cli("experiment", "list", "--json").stdout)
    assert json.loads(cli("experiment", "show", "1", "--json").stdout) in listed


def test_check_json_gives_the_verdict(cli, seeded):
    result = cli("check", "--json")
    assert result.exit_code == 0 and result.stderr == ""
    verdict = json.loads(result.stdout)
    assert {k: verdict[k] for k in ("path", "healthy", "problems")} == {
        "path": str(seeded),
        "healthy": True,
        "problems": [],
    }


def test_path_json_gives_the_path(cli, journal_path):
    assert json.loads(cli("path", "--json").stdout) == {"path": str(journal_path)}


def test_import_json_gives_the_counts_and_no_message(cli, seeded, tmp_path):
    backup = tmp_path / "backup.json"
    cli("export", "--format", "json", "--output", str(backup))
    result = cli("import", str(backup), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout) == {
        "dry_run": True,
        "records": {"added": 0, "updated": 0, "unchanged": 3},
        "experiments": {"added": 0, "updated": 0, "unchanged": 2},
        "beliefs": {"added": 0, "updated": 0, "unchanged": 0},
        "unlinked_experiments": 0,
        "checkins": {"added": 0, "unchanged": 0},
        "safety_plan_updated": False,
    }


def test_distortions_json_is_the_catalogue(cli):
    catalogue = json.loads(cli("distortions", "--json").stdout)
    assert len(catalogue) == 13
    assert set(catalogue[0]) >= {"slug", "name", "meaning", "example"}


# --- rich on a terminal, plain text in a pipe, colour as NO_COLOR and TERM say ------------------


def test_piped_list_is_plain_aligned_text(cli, seeded):
    lines = cli("list").stdout.splitlines()
    assert "\x1b" not in "\n".join(lines) and "│" not in "\n".join(lines)
    column = lines[0].index("when")
    assert lines[0].startswith("id  ")
    for line in lines[1:]:
        assert line[column - 2 : column] == "  " and line[column] != " "


def test_list_on_a_terminal_is_a_rich_table(cli, seeded, terminal):
    result = cli("list")
    assert result.exit_code == 0
    assert "┃" in result.stdout or "│" in result.stdout
    assert "\x1b[" in result.stdout


TERMINAL_VIEWS = [
    ["list"],
    ["show", "1"],
    ["search", "boss"],
    ["distortions"],
    ["experiment", "list"],
    ["experiment", "show", "1"],
    ["experiment", "show", "2"],
    ["report"],
    ["demo"],
]


@pytest.mark.parametrize("args", TERMINAL_VIEWS, ids=" ".join)
def test_every_view_draws_on_a_terminal(cli, seeded, terminal, args):
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" in result.stdout
    assert "unexpected problem" not in result.stderr


def test_show_on_a_terminal_has_colour(cli, seeded, terminal):
    assert colour_codes(cli("show", "1").stdout)


@pytest.mark.parametrize("args", [["show", "1"], ["search", "boss"], ["report"]], ids=" ".join)
def test_no_colour_under_no_color_yet_still_rich(cli, seeded, terminal, monkeypatch, args):
    monkeypatch.setenv("NO_COLOR", "1")
    result = cli(*args)
    assert result.exit_code == 0
    assert colour_codes(result.stdout) == []
    assert "│" in result.stdout or "╭" in result.stdout or "\x1b[1m" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "1"],
        ["search", "boss"],
        ["distortions"],
        ["experiment", "show", "1"],
        ["report"],
    ],
    ids=" ".join,
)
def test_term_dumb_gets_the_plain_text_of_a_pipe(cli, seeded, terminal, monkeypatch, args):
    monkeypatch.setenv("TERM", "dumb")
    on_dumb_terminal = cli(*args).stdout
    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: False)
    assert "\x1b" not in on_dumb_terminal
    assert on_dumb_terminal == cli(*args).stdout


# --- exit codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [["list"], ["show", "1"], ["path"], ["check"], ["distortions"]], ids=" ".join
)
def test_exit_code_0_when_done(cli, seeded, args):
    assert cli(*args).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [["show", "99"], ["experiment", "show", "99"], ["restore", "1"], ["import", "no-such-file"]],
    ids=" ".join,
)
def test_exit_code_1_for_an_error(cli, seeded, args):
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("Error: ")


def test_exit_code_2_for_a_bad_value(cli, seeded):
    result = cli("add", "-s", "Meeting", "-e", "anxious=140")
    assert result.exit_code == 2
    assert result.stdout == "" and result.stderr.startswith("Error: ")


USAGE_ERRORS = [  # what was typed, the one line, and the command whose --help is offered
    ("show abc", "The record id can't be 'abc': use a whole number.", "show"),
    ("experiment show x", "The experiment id can't be 'x': use a whole number.", "experiment show"),
    ("show", "The record id is missing.", "show"),
    ("show 1.5", "The record id can't be '1.5': use a whole number.", "show"),
    ("show it's", "The record id can't be 'it's': use a whole number.", "show"),
    ("list --bogus", "No such option: --bogus", "list"),
    ("list --limit -3", "--limit can't be '-3': use 0 or more.", "list"),
    (
        "report --format xx",
        "--format can't be 'xx': use terminal, markdown, json or html.",
        "report",
    ),
    ("nosuch", "No such command 'nosuch'.", ""),
    ("--bogus list", "No such option: --bogus", ""),
]


@pytest.mark.parametrize(
    ("typed", "line", "command"), USAGE_ERRORS, ids=[u[0] for u in USAGE_ERRORS]
)
def test_a_usage_error_is_one_calm_line_a_help_hint_and_exit_code_2(
    cli, seeded, typed, line, command
):
    result = cli(*typed.split())
    assert result.exit_code == 2
    assert result.stdout == ""
    hint = f"Try '{' '.join(['thoughtlog', *command.split()])} --help' for help."
    assert result.stderr.splitlines() == [f"Error: {line}", hint]


def test_a_usage_error_never_shows_control_characters_it_was_given(cli, seeded):
    result = cli("show", "\x1b[31mred")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\\x1b" in result.stderr


# --- every command through a pipe: no escape codes ----------------------------------------------

PIPED = [
    ["list"],
    ["list", "--json"],
    ["show", "1"],
    ["show", "1", "--json"],
    ["search", "boss"],
    ["report"],
    ["report", "--format", "markdown"],
    ["report", "--format", "json"],
    ["report", "--format", "html"],
    ["experiment", "list"],
    ["experiment", "list", "--ladder"],
    ["experiment", "show", "1"],
    ["experiment", "show", "2"],
    ["distortions"],
    ["export"],
    ["export", "--format", "json"],
    ["export", "--format", "markdown"],
    ["export", "--table", "emotions"],
    ["check"],
    ["path"],
    ["demo"],
    ["show", "abc"],
    ["show", "99"],
    ["list", "--bogus"],
    [],
    ["experiment"],
]


def test_no_command_writes_escape_codes_into_a_pipe(seeded, monkeypatch):
    """Every command, and --help of every command, with stdout and stderr piped, from a colour
    terminal's environment: neither stream holds an escape code. In-process: the process adds
    nothing here that the next test doesn't check."""
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    runs = PIPED + [[*name.split(), "--help"] for name, _ in _commands()]
    runs += [["experiment", "--help"], ["--help"], []]
    runner = CliRunner()
    results = [(args, runner.invoke(app, args, input="")) for args in runs]
    assert all(result.exit_code in (0, 1, 2) for _, result in results)
    escaped = [
        " ".join(args) or "(no arguments)"
        for args, result in results
        if "\x1b" in result.stdout or "\x1b" in result.stderr
    ]
    assert escaped == []
    assert all(result.stdout or result.stderr for _, result in results)


@pytest.mark.parametrize("args", [["list"], ["report"], ["--help"], []], ids=" ".join)
def test_a_real_piped_process_writes_no_escape_codes(seeded, args):
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    result = subprocess.run(
        [sys.executable, "-m", "thoughtlog", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert result.returncode in (0, 1, 2)
    assert result.stdout or result.stderr
    assert b"\x1b" not in result.stdout and b"\x1b" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [["list"], ["export", "--format", "json"], ["report", "--format", "json"], ["import", "-"]],
    ids=" ".join,
)
def test_piped_commands_do_not_import_rich(seeded, args):
    data = b'{"format": "thoughtlog", "version": 1, "records": [], "experiments": []}'
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "thoughtlog", *args],
        input=data,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-500:]
    lines = result.stderr.decode().splitlines()
    imported = [line.split("|")[-1].strip() for line in lines if line.startswith("import time:")]
    assert imported and not [name for name in imported if name.split(".")[0] == "rich"]
