"""Everyday commands start quickly: none of them imports pydantic, which costs over 100 ms a run.

Typer 0.29 and later validate every parameter through pydantic and import it on every run;
pyproject.toml keeps Typer below that. Each command runs here as its own process, as the
`thoughtlog` console script starts it, because what a process imports is what is tested.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata

import pytest

# What the `thoughtlog` console script does (its entry point as installed), then a note of every
# module the run imported and whether the cycle collector was on while the command ran.
RUN_AND_LIST_MODULES = """
import gc, sys
from importlib.metadata import entry_points
modules_file = sys.argv.pop(1)
sys.argv[0] = "thoughtlog"
(script,) = entry_points(group="console_scripts", name="thoughtlog")
main = script.load()
try:
    main()
except SystemExit as stop:
    code = stop.code or 0
else:
    code = 0
ran = {"code": code, "modules": sorted(sys.modules), "gc": gc.isenabled()}
import json  # only now, so that the list above holds what the command imported
with open(modules_file, "w") as out:
    json.dump(ran, out)
"""

EVERYDAY = [
    ["add", "-s", "Team meeting", "-e", "anxious=70", "-t", "They'll think I'm slow"],
    ["list"],
    ["show", "1"],
    ["search", "meeting"],
    ["report"],
    ["experiment", "list"],
]


@pytest.fixture
def seeded_journal(cli):
    result = cli("add", "-s", "Weekly meeting", "-e", "anxious=80", "-t", "I'll be reprimanded")
    assert result.exit_code == 0, result.stderr
    result = cli("experiment", "add", "--record", "1", "-p", "Speak once", "-w", "tomorrow")
    assert result.exit_code == 0, result.stderr


def run_command(tmp_path, arguments: list[str]) -> dict:
    modules_file = tmp_path / "modules.json"
    finished = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, str(modules_file), *arguments],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    ran = json.loads(modules_file.read_text())
    assert ran["code"] == 0, finished.stderr
    return ran


@pytest.mark.parametrize("arguments", EVERYDAY, ids=[" ".join(a[:2]) for a in EVERYDAY])
def test_an_everyday_command_never_imports_pydantic_or_encryption(
    tmp_path, seeded_journal, arguments
):
    """Nor, on a plain journal, SQLCipher, age or the keyring: only encrypted journals pay for them.
    Nor json, for the commands that print records as text (checked here, in the same process,
    rather than in a process more)."""
    imported = set(run_command(tmp_path, arguments)["modules"])
    assert "thoughtlog.cli" in imported  # the command really ran through the app
    heavy = ("pydantic", "pydantic_core", "sqlcipher3", "pyrage", "keyring")
    if arguments[0] in ("add", "list", "search", "report"):
        heavy += ("json",)
    assert not {name for name in imported if name.split(".")[0] in heavy}


def test_a_command_runs_with_the_cycle_collector_on(tmp_path, seeded_journal):
    """Start-up pauses it while the app is imported; a long import or report needs it back."""
    assert run_command(tmp_path, ["list"])["gc"] is True


def test_the_installed_typer_does_not_require_pydantic():
    """A Typer that depends on pydantic imports it on every run: pyproject.toml rules it out."""
    required = [requirement.split(";")[0] for requirement in metadata.requires("typer") or []]
    assert not [r for r in required if r.replace("_", "-").lower().startswith("pydantic")]


def test_the_session_page_does_not_import_the_weekly_reports_thought_grouping(
    tmp_path, seeded_journal
):
    """Grouping recurring thoughts (and its stemmer) costs 20-30 ms and only the weekly report
    uses it."""
    imported = set(run_command(tmp_path, ["session", "--preview"])["modules"])
    assert "thoughtlog.session" in imported  # the page really was built
    assert not {"thoughtlog.recurring", "snowballstemmer"} & imported


@pytest.mark.parametrize("command", ["report", "progress"])
def test_a_span_from_a_day_written_year_month_day_does_not_import_dateutil(
    tmp_path, seeded_journal, command
):
    """Such a day is read without dateutil's parser, whose import would make `--since` cost more
    time and memory than the span itself."""
    imported = set(run_command(tmp_path, [command, "--since", "2016-11-20"])["modules"])
    assert f"thoughtlog.{command}" in imported  # the report really was built
    assert not {name for name in imported if name.split(".")[0] == "dateutil"}


def test_belief_show_names_its_scripts_without_loading_the_scripts_module(
    tmp_path, cli, seeded_journal
):
    """The scripts against a belief are named in SQL: the module that makes and checks scripts
    (about 3 ms of dataclasses) is for the script commands."""
    assert cli("belief", "add", "I'll be punished", "--rating", "80").exit_code == 0
    written = cli("script", "add", "--link-belief", "1", "--describe", "The deadline moved")
    assert written.exit_code == 0, written.stderr
    imported = set(run_command(tmp_path, ["belief", "show", "1"])["modules"])
    assert "thoughtlog.storage.beliefs" in imported  # the belief really was shown
    assert "thoughtlog.scripts" not in imported
