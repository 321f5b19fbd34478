"""Shell completion: through Typer's completion protocol, and in real bash, zsh and fish.

The protocol tests set what the shell scripts set (_THOUGHTLOG_COMPLETE=complete_bash with
COMP_WORDS and COMP_CWORD; complete_zsh or complete_fish with _TYPER_COMPLETE_ARGS) and run the app;
the shell tests source the script the app writes and let the shell itself ask.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thoughtlog.cli import app
from thoughtlog.distortions import CATALOGUE

SLUGS = [d.slug for d in CATALOGUE]


# --- a seeded journal ---------------------------------------------------------------------------


def _seed(path: Path) -> None:
    runner = CliRunner()
    env = {"THOUGHTLOG_DB": str(path), "NO_COLOR": "1"}

    def run(*args: str) -> None:
        result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr

    run(
        "add",
        "-s",
        "Team meeting, I wanted to disagree with the plan but stayed quiet",
        "-w",
        "2026-11-20 15:00",
        "-e",
        "anxious=80",
        "-e",
        "ashamed=40",
        "-t",
        "My boss will punish me",
        "-d",
        "fortune-telling",
        "--tag",
        "work",
        "--tag",
        "boss",
    )
    run(
        "add",
        "-s",
        "Dinner with my partner, [/b] he sighed",
        "-w",
        "2026-11-21 19:00",
        "-e",
        "angry=50",
        "-e",
        "on edge=30",
        "--tag",
        "partner",
    )
    run("add", "-s", "Call with mum", "-w", "2026-11-22 10:00", "-e", "sad=60", "--tag", "family")
    for n in range(4, 12):  # ids up to 11, so that '1' is a prefix of several
        run(
            "add",
            "-s",
            f"Standup number {n}",
            "-w",
            "2026-11-23 09:00",
            "-e",
            "anxious=30",
            "--tag",
            "work",
        )
    run("delete", "3")
    run(
        "experiment",
        "add",
        "--record",
        "1",
        "--plan",
        "Disagree once in Monday's meeting",
        "--when",
        "2026-11-24 10:00",
        "--confidence",
        "85",
        "--expected-distress",
        "70",
    )
    run(
        "experiment",
        "add",
        "--belief",
        "They'll laugh",
        "--plan",
        "Ask a question in standup",
        "--when",
        "2026-11-25 09:00",
    )
    run("experiment", "done", "2", "--outcome", "Fine", "--came-true", "no", "--distress", "10")
    run(
        "experiment",
        "add",
        "--belief",
        "No one will come",
        "--plan",
        "Invite Sam for coffee",
        "--when",
        "2026-11-26 12:00",
    )
    run("experiment", "delete", "3")


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "journal.db"
    _seed(path)
    return path


@pytest.fixture
def seeded(seeded_template: Path, journal_path: Path) -> Path:
    """The test's journal (THOUGHTLOG_DB), a copy of the seeded one."""
    journal_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copy(seeded_template, journal_path)
    return journal_path


# --- the completion protocol --------------------------------------------------------------------


def _invoke(env: dict[str, str]) -> str:
    result = CliRunner().invoke(app, [], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "", "completion must never print errors"
    return result.stdout


def bash(*words: str) -> list[str]:
    """What bash would offer for `thoughtlog WORDS...`; the last word is the one being completed."""
    comp_words = ["thoughtlog", *words]
    output = _invoke(
        {
            "_THOUGHTLOG_COMPLETE": "complete_bash",
            "COMP_WORDS": "\n".join(
                comp_words
            ),  # as the script passes "${COMP_WORDS[*]}" with IFS=\n
            "COMP_CWORD": str(len(comp_words) - 1),
        }
    )
    return [line for line in output.split("\n") if line]


def zsh(line: str) -> str:
    return _invoke({"_THOUGHTLOG_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line})


def fish(line: str) -> list[str]:
    output = _invoke(
        {
            "_THOUGHTLOG_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": line,
        }
    )
    return [line for line in output.split("\n") if line]


def test_command_names():
    commands = {"add", "list", "show", "edit", "delete", "restore", "experiment", "report"}
    assert commands <= set(bash(""))
    assert bash("li") == ["list"]
    assert bash("experiment", "") == [
        "add",
        "done",
        "log",
        "list",
        "show",
        "edit",
        "delete",
        "restore",
    ]


def test_options():
    options = {"--since", "--tag", "--distortion", "--emotion", "--incomplete"}
    assert options <= set(bash("list", "--"))
    assert "--came-true" in bash("experiment", "done", "1", "--c")


@pytest.mark.parametrize(
    "words",
    [
        ("list", "--distortion"),
        ("list", "-d"),
        ("add", "--distortion"),
        ("add", "-s", "x", "-t", "y", "-d"),
        ("edit", "1", "--distortion"),
    ],
    ids=" ".join,
)
def test_distortion_slugs(words):
    assert bash(*words, "") == SLUGS
    assert bash(*words, "mi") == ["mind-reading", "minimization"]


def test_distortion_slugs_need_no_journal(journal_path):
    assert bash("list", "--distortion", "fo") == ["fortune-telling"]
    assert not journal_path.exists()


def test_distortions_come_with_their_names_where_the_shell_shows_them():
    assert "fortune-telling\tFortune telling" in fish("thoughtlog list --distortion fo")


@pytest.mark.parametrize("command", [("list",), ("add",), ("edit", "1"), ("export",)], ids=" ".join)
def test_tags_from_the_journal(seeded, command):
    assert bash(*command, "--tag", "") == ["boss", "family", "partner", "work"]
    assert bash(*command, "--tag", "w") == ["work"]
    assert bash(*command, "--tag", "x") == []


def test_emotion_names_for_a_filter(seeded):
    assert bash("list", "--emotion", "") == ["angry", "anxious", "ashamed", "sad"]  # not 'on edge'
    assert bash("list", "-e", "an") == ["angry", "anxious"]


@pytest.mark.parametrize("option", ["--emotion", "-e", "--emotion-after"])
def test_emotion_names_for_name_equals_intensity(seeded, option):
    assert bash("add", option, "an") == ["angry=", "anxious="]
    assert bash("edit", "1", option, "as") == ["ashamed="]
    assert bash("add", option, "anxious=") == []


@pytest.mark.parametrize("command", ["show", "edit", "delete"])
def test_record_ids_leave_out_the_trash(seeded, command):
    assert bash(command, "") == ["11", "10", "9", "8", "7", "6", "5", "4", "2", "1"]
    assert bash(command, "1") == ["11", "10", "1"]
    assert bash(command, "x") == []


def test_record_ids_to_purge_include_the_trash(seeded):
    assert bash("delete", "--purge", "") == [str(n) for n in range(11, 0, -1)]


def test_record_ids_to_restore_are_those_in_the_trash(seeded):
    assert bash("restore", "") == ["3"]


def test_an_experiments_record(seeded):
    assert bash("experiment", "add", "--record", "1") == ["11", "10", "1"]
    assert bash("experiment", "edit", "1", "--record", "2") == ["2"]


@pytest.mark.parametrize(
    "command, expected",
    [
        ("show", ["2", "1"]),
        ("edit", ["2", "1"]),
        ("delete", ["2", "1"]),
        ("done", ["1"]),  # experiment 2 is done already
        ("restore", ["3"]),
    ],
)
def test_experiment_ids(seeded, command, expected):
    assert bash("experiment", command, "") == expected


def test_came_true(seeded):
    assert bash("experiment", "done", "1", "--came-true", "") == ["yes", "partly", "no"]
    assert bash("experiment", "edit", "2", "--came-true", "p") == ["partly"]


def test_ids_come_with_the_day_and_first_words_in_zsh(seeded):
    output = zsh("thoughtlog show ")
    assert output.startswith("_arguments '*: :((")
    assert '"1":"2026-11-20 Team meeting, I wanted to disagree with the…"' in output
    # a journal's text that looks like rich markup is shown as it is, not read as markup
    assert '"2":"2026-11-21 Dinner with my partner, [/b] he sighed"' in output


def test_ids_come_with_the_day_and_first_words_in_fish(seeded):
    expected = ["1\t2026-11-24 Disagree once in Monday's meeting"]
    assert fish("thoughtlog experiment done ") == expected
    assert "3\t2026-11-22 Call with mum" in fish("thoughtlog restore ")


def test_the_journal_named_by_db_wins(seeded, tmp_path):
    other = tmp_path / "other.db"
    result = CliRunner().invoke(
        app, ["--db", str(other), "add", "-s", "x", "--tag", "elsewhere"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    assert bash("--db", str(other), "list", "--tag", "") == ["elsewhere"]
    assert bash("--db", str(other), "show", "") == ["1"]
    assert bash("list", "--tag", "e") == []  # THOUGHTLOG_DB's journal has no such tag


def test_no_journal_offers_nothing_and_creates_nothing(journal_path, tmp_path):
    missing = tmp_path / "nowhere" / "journal.db"
    cases = [("show", ""), ("list", "--tag", ""), ("add", "-e", ""), ("experiment", "done", "")]
    for words in cases:
        assert bash(*words) == []
        assert bash("--db", str(missing), *words) == []
    assert not journal_path.exists() and not journal_path.parent.exists()
    assert not missing.parent.exists()


@pytest.mark.parametrize("content", [b"not a database at all", b""])
def test_a_file_that_is_not_a_journal_offers_nothing(journal_path, content):
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(content)
    assert bash("show", "") == []
    assert bash("list", "--tag", "") == []
    assert journal_path.read_bytes() == content


def test_another_programs_database_offers_nothing(journal_path):
    import sqlite3

    journal_path.parent.mkdir(parents=True)
    with sqlite3.connect(journal_path) as conn:
        conn.execute("CREATE TABLE records (id INTEGER PRIMARY KEY)")
    assert bash("show", "") == []
    assert bash("list", "--tag", "") == []


def test_completion_leaves_the_journal_as_it_was(seeded):
    before = seeded.read_bytes()
    listing = sorted(os.listdir(seeded.parent))
    bash("show", "")
    bash("list", "--tag", "")
    zsh("thoughtlog experiment show ")
    assert seeded.read_bytes() == before
    assert sorted(os.listdir(seeded.parent)) == listing  # no -wal or -shm left behind


def test_the_completion_module_is_light():
    """Command modules import it at start-up: it must not pull in the storage layer or rich."""
    code = (
        "import sys, thoughtlog.commands.completion\n"
        "heavy = ('thoughtlog.storage', 'thoughtlog.distortions', 'rich')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- in the real shells -------------------------------------------------------------------------


@pytest.fixture
def on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `thoughtlog` on PATH that runs this checkout with this Python, like the installed one."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    program = bin_dir / "thoughtlog"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m thoughtlog "$@"\n')
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return program


def _script(shell: str, folder: Path) -> Path:
    """The completion script the app writes for shell (what --show-completion prints)."""
    result = subprocess.run(
        ["thoughtlog"],
        env={**os.environ, "_THOUGHTLOG_COMPLETE": f"source_{shell}"},
        capture_output=True,
        text=True,
        check=True,
    )
    script = folder / f"thoughtlog.{shell}"
    script.write_text(result.stdout)
    return script


def _run_shell(argv: list[str]) -> str:
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.skipif(shutil.which("bash") is None or sys.platform == "win32", reason="no bash")
def test_completion_in_a_real_bash(seeded, on_path, tmp_path):
    script = _script("bash", tmp_path)

    def complete(*words: str) -> list[str]:
        quoted = " ".join(f"'{w}'" for w in ("thoughtlog", *words))
        program = (
            f"source '{script}'\n"
            f"COMP_WORDS=({quoted}); COMP_CWORD={len(words)}\n"
            "_thoughtlog_completion thoughtlog\n"
            "printf '%s\\n' \"${COMPREPLY[@]}\"\n"
        )
        return _run_shell(["bash", "--norc", "--noprofile", "-c", program]).splitlines()

    assert complete("list", "--distortion", "") == SLUGS
    assert complete("add", "-d", "fo") == ["fortune-telling"]
    assert complete("list", "--tag", "") == ["boss", "family", "partner", "work"]
    assert complete("add", "--emotion", "an") == ["angry=", "anxious="]
    assert complete("show", "1") == ["11", "10", "1"]
    assert complete("restore", "") == ["3"]
    assert complete("experiment", "done", "") == ["1"]
    assert complete("experiment", "sh") == ["show"]
    # the real script's `complete` line is in place too
    registered = _run_shell(
        ["bash", "--norc", "--noprofile", "-c", f"source '{script}'; complete -p thoughtlog"]
    )
    assert "_thoughtlog_completion" in registered


@pytest.mark.skipif(shutil.which("zsh") is None or sys.platform == "win32", reason="no zsh")
def test_completion_in_a_real_zsh(seeded, on_path, tmp_path):
    script = _script("zsh", tmp_path)
    # Stand-ins for the completion system's builtins, so zsh's own evaluation of the reply shows
    # what _arguments would be given.
    program = (
        "compdef() { : }\n"
        '_arguments() { print -rl -- "$@" }\n'
        "_files() { print _files }\n"
        f"source '{script}'\n"
        "words=(thoughtlog show ''); CURRENT=3; _thoughtlog_completion\n"
        "words=(thoughtlog list --distortion mi); CURRENT=4; _thoughtlog_completion\n"
    )
    lines = _run_shell(["zsh", "-f", "-c", program]).splitlines()
    assert lines[0].startswith('*: :(("11":"2026-11-23 Standup number 11" ')
    assert '"1":"2026-11-20 Team meeting, I wanted to disagree with the…"))' in lines[0]
    assert lines[1] == '*: :(("mind-reading":"Mind reading" "minimization":"Minimization"))'


@pytest.mark.skipif(shutil.which("fish") is None or sys.platform == "win32", reason="no fish")
def test_completion_in_a_real_fish(seeded, on_path, tmp_path):
    script = _script("fish", tmp_path)
    program = (
        f"source '{script}'\n"
        "complete -C 'thoughtlog list --distortion mi'\n"
        "complete -C 'thoughtlog experiment done '\n"
        "complete -C 'thoughtlog list --tag p'\n"
    )
    lines = _run_shell(["fish", "--no-config", "-c", program]).splitlines()
    assert lines == [
        "mind-reading\tMind reading",
        "minimization\tMinimization",
        "1\t2026-11-24 Disagree once in Monday's meeting",
        "partner",
    ]


def test_belief_ids_and_reactions(cli):
    for text in ("Old rule one", "Old rule two", "Old rule three"):
        assert cli("belief", "add", text).exit_code == 0
    cli("belief", "delete", "3")
    assert bash("belief", "show", "") == ["2", "1"]
    assert bash("belief", "restore", "") == ["3"]
    assert bash("experiment", "add", "--link-belief", "") == ["2", "1"]
    assert bash("edit", "1", "--link-belief", "1") == ["1"]
    assert bash("experiment", "done", "1", "--reaction", "c") == ["criticism"]
