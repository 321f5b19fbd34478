"""Bad values and ids: one clear line on stderr, the right exit code, no traceback, the journal unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import journal_content

from thoughtlog import entry, exchange
from thoughtlog.entry import ExperimentInput, RecordInput
from thoughtlog.storage import open_journal


@pytest.fixture
def seeded(journal_path: Path) -> Path:
    """Record 1 (with a hot thought), record 2 in the trash, experiment 1 planned, experiment 2 done."""
    with open_journal(journal_path) as opened:
        opened.add_record(
            entry.new_record(
                RecordInput(
                    situation="Team meeting, I stayed quiet",
                    emotions=["anxious=80"],
                    thoughts=["If I disagree my boss will reprimand me"],
                    belief="85",
                )
            )
        )
        opened.add_record(entry.new_record(RecordInput(situation="A record in the trash")))
        opened.trash_record(2)
        opened.add_experiment(
            entry.new_experiment(
                ExperimentInput(
                    belief="If I disagree my boss will reprimand me",
                    plan="Say one thing",
                    record_id=1,
                )
            )
        )
        done = entry.new_experiment(ExperimentInput(belief="They'll laugh", plan="Ask a question"))
        opened.add_experiment(done)
        opened.update_experiment(
            entry.complete_experiment(done, ExperimentInput(outcome="Fine", came_true="no"))
        )
    return journal_path


# (id, arguments, exit code, fragments the error line must hold: the value and what is accepted)
CASES = [
    ("intensity-140", ["add", "-s", "Meeting", "-e", "anxious=140"], 2, ["'140'", "0 to 100"]),
    ("intensity-negative", ["add", "-s", "Meeting", "-e", "anxious=-5"], 2, ["'-5'", "0 to 100"]),
    ("intensity-word", ["add", "-s", "Meeting", "-e", "anxious=lots"], 2, ["'lots'", "0 to 100"]),
    (
        "emotion-after-140",
        ["edit", "1", "--emotion-after", "anxious=140"],
        2,
        ["'140'", "0 to 100"],
    ),
    (
        "belief-101",
        ["add", "-s", "Meeting", "-t", "They'll judge me", "--belief", "101"],
        2,
        ["'101'", "0 to 100"],
    ),
    ("belief-after-101", ["edit", "1", "--belief-after", "101"], 2, ["'101'", "0 to 100"]),
    (
        "reframe-belief-word",
        ["add", "-s", "Meeting", "--reframe-belief", "abc"],
        2,
        ["'abc'", "0 to 100"],
    ),
    ("belief-fraction", ["edit", "1", "--belief", "55.5"], 2, ["'55.5'", "whole number"]),
    (
        "emotion-without-number",
        ["add", "-s", "Meeting", "-e", "anxious"],
        2,
        ["'anxious'", "anxious=80"],
    ),
    ("emotion-without-name", ["add", "-s", "Meeting", "-e", "=80"], 2, ["'=80'", "anxious=80"]),
    (
        "unknown-distortion",
        ["add", "-s", "Meeting", "-t", "They'll judge me", "-d", "catastrophe"],
        2,
        ["'catastrophe'", "catastrophizing"],
    ),
    (
        "ambiguous-distortion",
        ["add", "-s", "Meeting", "-t", "They'll judge me", "-d", "jumping-to-conclusions"],
        2,
        ["'jumping-to-conclusions'", "mind-reading", "fortune-telling"],
    ),
    (
        "unknown-distortion-on-edit",
        ["edit", "1", "-d", "catastrophe"],
        2,
        ["'catastrophe'", "catastrophizing"],
    ),
    (
        "unparsable-date",
        ["add", "-s", "Meeting", "--when", "the day after never"],
        2,
        ["'the day after never'", "yesterday 3pm"],
    ),
    (
        "unparsable-date-on-edit",
        ["edit", "1", "--when", "the day after never"],
        2,
        ["'the day after never'"],
    ),
    ("unparsable-since", ["list", "--since", "the day after never"], 2, ["'the day after never'"]),
    ("empty-situation", ["add", "--situation", ""], 2, ["situation"]),
    ("whitespace-situation", ["add", "--situation", "   "], 2, ["situation"]),
    ("empty-situation-on-edit", ["edit", "1", "--situation", "  "], 2, ["situation"]),
    (
        "belief-without-thought",
        ["add", "-s", "Meeting", "--belief", "80"],
        2,
        ["--belief", "--thought"],
    ),
    (
        "distortion-without-thought",
        ["add", "-s", "Meeting", "-d", "mind-reading"],
        2,
        ["--distortion", "--thought"],
    ),
    ("edit-nothing-to-change", ["edit", "1"], 2, ["--reframe"]),
    ("show-missing", ["show", "999"], 1, ["999", "thoughtlog list"]),
    ("edit-missing", ["edit", "999", "--reframe", "Balanced"], 1, ["999", "thoughtlog list"]),
    ("delete-missing", ["delete", "999"], 1, ["999", "thoughtlog list"]),
    ("purge-missing", ["delete", "999", "--purge", "--yes"], 1, ["999"]),
    ("restore-missing", ["restore", "999"], 1, ["999"]),
    ("show-trashed", ["show", "2"], 1, ["2", "trash", "thoughtlog restore 2"]),
    (
        "edit-trashed",
        ["edit", "2", "--reframe", "Balanced"],
        1,
        ["2", "trash", "thoughtlog restore 2"],
    ),
    ("delete-trashed", ["delete", "2"], 1, ["2", "trash"]),
    ("restore-not-trashed", ["restore", "1"], 1, ["1", "not in the trash"]),
    (
        "experiment-confidence-150",
        ["experiment", "add", "--belief", "B", "--plan", "P", "--confidence", "150"],
        2,
        ["'150'", "0 to 100"],
    ),
    (
        "experiment-expected-distress-word",
        ["experiment", "add", "--belief", "B", "--plan", "P", "--expected-distress", "x"],
        2,
        ["'x'", "0 to 100"],
    ),
    (
        "experiment-unparsable-when",
        ["experiment", "add", "--belief", "B", "--plan", "P", "--when", "someday"],
        2,
        ["'someday'"],
    ),
    (
        "experiment-came-true-maybe",
        ["experiment", "done", "1", "--outcome", "Fine", "--came-true", "maybe"],
        2,
        ["'maybe'", "yes, partly or no"],
    ),
    (
        "experiment-distress-150",
        ["experiment", "done", "1", "--outcome", "Fine", "--came-true", "no", "--distress", "150"],
        2,
        ["'150'", "0 to 100"],
    ),
    (
        "experiment-confidence-after-word",
        [
            "experiment",
            "done",
            "1",
            "--outcome",
            "Fine",
            "--came-true",
            "no",
            "--confidence-after",
            "high",
        ],
        2,
        ["'high'", "0 to 100"],
    ),
    (
        "experiment-done-without-came-true",
        ["experiment", "done", "1", "--outcome", "Fine"],
        2,
        ["--came-true"],
    ),
    (
        "experiment-done-twice",
        ["experiment", "done", "2", "--outcome", "Again", "--came-true", "no"],
        2,
        ["2", "already done", "experiment edit 2"],
    ),
    (
        "experiment-done-missing",
        ["experiment", "done", "999", "--outcome", "Fine", "--came-true", "no"],
        1,
        ["999"],
    ),
    ("experiment-show-missing", ["experiment", "show", "999"], 1, ["999", "experiment list"]),
    ("experiment-edit-missing", ["experiment", "edit", "999", "--plan", "P"], 1, ["999"]),
    ("experiment-delete-missing", ["experiment", "delete", "999"], 1, ["999"]),
    (
        "experiment-restore-not-trashed",
        ["experiment", "restore", "1"],
        1,
        ["1", "not in the trash"],
    ),
    (
        "experiment-record-missing",
        ["experiment", "add", "--record", "999", "--plan", "P"],
        1,
        ["999"],
    ),
    (
        "experiment-record-trashed",
        ["experiment", "add", "--record", "2", "--plan", "P"],
        1,
        ["2", "trash"],
    ),
    (
        "experiment-missing-plan",
        ["experiment", "add", "--belief", "My boss will reprimand me"],
        2,
        ["--plan"],
    ),
    (
        "experiment-missing-belief",
        ["experiment", "add", "--plan", "Say one thing"],
        2,
        ["--belief"],
    ),
    (
        "experiment-list-pending-and-done",
        ["experiment", "list", "--pending", "--done"],
        2,
        ["--pending", "--done"],
    ),
    # Huge text: up to 100,000 characters a field is kept; beyond that, refused, saying so.
    (
        "situation-10-million-characters",
        ["add", "-s", "x" * 10_000_000],
        2,
        ["situation is too long", "10,000,000 characters", "100,000 or fewer"],
    ),
    (
        "reframe-one-over-the-limit",
        ["edit", "1", "--reframe", "y" * 100_001],
        2,
        ["reframe is too long", "100,001 characters", "100,000 or fewer"],
    ),
    (
        "thought-too-long",
        ["add", "-s", "Meeting", "-t", "z" * 200_000],
        2,
        ["thought is too long", "200,000 characters"],
    ),
    (
        "experiment-plan-too-long",
        ["experiment", "add", "--belief", "B", "--plan", "p" * 100_001],
        2,
        ["plan is too long", "100,001 characters"],
    ),
    # Bytes that weren't UTF-8 (a Latin-1 terminal): Python hands them on as lone surrogates.
    (
        "situation-not-utf8",
        ["add", "-s", "Caf\udce9 with my sister"],
        2,
        ["situation", "aren't UTF-8", "UTF-8"],
    ),
    (
        "emotion-name-not-utf8",
        ["add", "-s", "Meeting", "-e", "d\udce9\udce7u=60"],
        2,
        ["feeling's name", "aren't UTF-8"],
    ),
    (
        "outcome-not-utf8",
        ["experiment", "done", "1", "--outcome", "Tr\udce8s bien", "--came-true", "no"],
        2,
        ["outcome", "aren't UTF-8"],
    ),
    # Import files that aren't what export writes (given on stdin, see STDIN; or a path).
    (
        "import-stdin-not-utf8",
        ["import", "-"],
        2,
        ["The input isn't UTF-8", "Nothing was imported"],
    ),
    ("import-stdin-utf16", ["import", "-"], 2, ["The input is UTF-16", "reads UTF-8"]),
    ("import-stdin-empty", ["import", "-"], 2, ["The input is empty"]),
    ("import-stdin-blank-lines", ["import", "-"], 2, ["The input is empty"]),
    (
        "import-truncated-json",
        ["import", "-"],
        2,
        ["isn't valid JSON", "line 1", "Nothing was imported"],
    ),
    (
        "import-json-array",
        ["import", "-"],
        2,
        ["isn't a thoughtlog export", '"format": "thoughtlog"'],
    ),
    (
        "import-json-records-not-a-list",
        ["import", "-"],
        2,
        ["isn't valid JSON", "expected '['"],
    ),
    (
        "import-json-record-not-an-object",
        ["import", "-"],
        2,
        ["Record 1 should be an object", "Nothing was imported"],
    ),
    (
        "import-json-lone-surrogate",
        ["import", "-"],
        2,
        ["Record 1, field situation", "aren't UTF-8"],
    ),
    (
        "import-json-situation-too-long",
        ["import", "-"],
        2,
        ["Record 1, field situation", "too long", "10,000,000 characters", "Nothing was imported"],
    ),
    (
        "import-csv-missing-columns",
        ["import", "-"],
        2,
        ["header doesn't match", "no column uuid, occurred_at", "Nothing was imported"],
    ),
    (
        "import-csv-cut-short",
        ["import", "-"],
        2,
        ["Row 1", "cells", "Nothing was imported"],
    ),
    ("import-binary", ["import", "-"], 2, ["The input holds binary data", "JSON or CSV"]),
    ("import-the-journal-itself", ["import", "JOURNAL"], 2, ["is a SQLite database", "export"]),
    ("import-missing-file", ["import", "no-such-export.json"], 1, ["There is no file at"]),
    # Never read a date wrong: each refused with the ISO form to use.
    (
        "when-day-32",
        ["add", "-s", "Meeting", "--when", "32 nov"],
        2,
        ["'32 nov'", "year-month-day"],
    ),
    (
        "when-day-99",
        ["add", "-s", "Meeting", "--when", "99 nov"],
        2,
        ["'99 nov'", "year-month-day"],
    ),
    (
        "when-two-ways",
        ["add", "-s", "Meeting", "--when", "01/02/2026"],
        2,
        ["could be 1 February or 2 January", "2026-02-01 or 2026-01-02"],
    ),
    (
        "when-next-year",
        ["add", "-s", "Meeting", "--when", "in 3 days"],
        2,
        ["'in 3 days' is more than a day in the future", "has happened"],
    ),
    (
        "edit-when-far-ahead",
        ["edit", "1", "--when", "2999-01-01"],
        2,
        ["more than a day in the future"],
    ),
    ("when-year-9999", ["add", "-s", "Meeting", "--when", "9999-01-01"], 2, ["outside the years"]),
    ("when-year-1", ["add", "-s", "Meeting", "--when", "0001-01-01"], 2, ["outside the years"]),
    ("since-year-1", ["list", "--since", "0001-01-01"], 2, ["'0001-01-01'", "1900 to 2999"]),
    ("until-year-9999", ["list", "--until", "9999-12-31"], 2, ["'9999-12-31'", "1900 to 2999"]),
    ("export-until-9999", ["export", "--until", "9999-12-31"], 2, ["outside the years"]),
    # One name per feeling, whatever its capitals.
    (
        "feeling-twice",
        ["add", "-s", "Meeting", "-e", "anxious=80", "-e", "Anxious=60"],
        2,
        ["'anxious' is given twice (anxious=80 and Anxious=60)", "once"],
    ),
    (
        "feeling-after-twice",
        ["edit", "1", "--emotion-after", "anxious=40", "--emotion-after", "ANXIOUS=30"],
        2,
        ["'anxious' is given twice"],
    ),
    # Tags: refused with the rule, never changed to fit.
    (
        "tag-slash",
        ["add", "-s", "Meeting", "--tag", "home / work"],
        2,
        ["'home / work'", "hyphens"],
    ),
    ("tag-emoji", ["add", "-s", "Meeting", "--tag", "🎉 party"], 2, ["'🎉 party'", "letters"]),
    ("edit-tag-emoji", ["edit", "1", "--tag", "😢"], 2, ["'😢' can't be used as a tag"]),
    # Removing every thought is asked for in so many words.
    ("edit-thought-empty", ["edit", "1", "--thought", ""], 2, ["--clear-thoughts"]),
    (
        "edit-clear-and-thought",
        ["edit", "1", "--clear-thoughts", "--thought", "New"],
        2,
        ["--clear-thoughts or --thought"],
    ),
]

_EXPORT = b'{"format": "thoughtlog", "version": 1, "records": [%s]}'
_HEADER = ",".join(exchange.COLUMNS).encode()

# What the import cases above read from stdin.
STDIN: dict[str, bytes] = {
    "import-stdin-not-utf8": _EXPORT
    % b'{"situation": "Caf\xe9 with my sister", "occurred_at": "2026-11-20T10:00:00+00:00"}',
    "import-stdin-utf16": (_HEADER + b"\n").decode().encode("utf-16"),
    "import-stdin-empty": b"",
    "import-stdin-blank-lines": b"\n  \n\n",
    "import-truncated-json": (
        _EXPORT % b'{"situation": "Team meeting", "occurred_at": "2026-11-20T10:00:00+00:00"}'
    )[:70],
    "import-json-array": b'[{"situation": "Team meeting"}]',
    "import-json-records-not-a-list": b'{"format": "thoughtlog", "version": 1, "records": {"a": 1}}',
    "import-json-record-not-an-object": _EXPORT % b'"Team meeting"',
    "import-json-lone-surrogate": _EXPORT
    % b'{"situation": "Caf\\udce9", "occurred_at": "2026-11-20T10:00:00+00:00"}',
    "import-json-situation-too-long": _EXPORT
    % (b'{"situation": "%s", "occurred_at": "2026-11-20T10:00:00+00:00"}' % (b"x" * 10_000_000)),
    "import-csv-missing-columns": b"id,situation\n1,Team meeting\n",
    "import-csv-cut-short": _HEADER + b'\n1,,2026-11-20T10:00:00+00:00,"Team meet',
    "import-binary": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)) * 4,
}


@pytest.mark.parametrize(("name", "args", "code", "fragments"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_clear_line_and_changes_nothing(cli, seeded, name, args, code, fragments):
    before = journal_content(seeded)
    result = cli(*[str(seeded) if arg == "JOURNAL" else arg for arg in args], input=STDIN.get(name))
    assert result.exit_code == code, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert journal_content(seeded) == before


def test_a_bad_value_on_a_fresh_install_does_not_create_the_journal(cli, journal_path):
    result = cli("add", "-s", "Meeting", "-e", "anxious=140")
    assert result.exit_code == 2
    assert not journal_path.exists()


def test_add_without_options_and_without_a_terminal_changes_nothing(cli, seeded):
    before = journal_content(seeded)
    result = cli("add", input="")
    assert result.exit_code == 2
    assert "--situation" in result.stderr and "--guided" in result.stderr
    assert journal_content(seeded) == before


def test_a_bad_value_among_good_ones_saves_none_of_them(cli, seeded):
    before = journal_content(seeded)
    result = cli(
        "edit",
        "1",
        "--reframe",
        "She asked for views",
        "--reframe-belief",
        "60",
        "--emotion-after",
        "anxious=450",
    )
    assert result.exit_code == 2
    assert journal_content(seeded) == before


@pytest.mark.parametrize(
    ("value", "line"),
    [
        (
            "140",
            "'140' is out of range: use a whole number from 0 to 100 for the intensity of 'anxious'.",
        ),
        (
            "lots",
            "'lots' isn't a number: use a whole number from 0 to 100 for the intensity of 'anxious'.",
        ),
        (
            "55.5",
            "'55.5' isn't a whole number: use a whole number from 0 to 100 for the intensity of 'anxious'.",
        ),
    ],
)
def test_a_rating_that_cant_be_used_says_what_it_isnt_and_what_to_use(cli, seeded, value, line):
    before = journal_content(seeded)
    result = cli("add", "-s", "Meeting", "-e", f"anxious={value}")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {line}\n"
    assert journal_content(seeded) == before


def test_stopping_at_the_purge_question_changes_nothing_and_says_so(cli, seeded):
    before = journal_content(seeded)
    result = cli("delete", "1", "--purge", input="")  # the end of input, as Ctrl-D gives
    assert result.exit_code == 1
    assert result.stderr.endswith("\nStopped; nothing was changed.\n")
    assert "Aborted" not in result.stderr
    assert journal_content(seeded) == before


def test_declining_a_purge_changes_nothing(cli, seeded):
    before = journal_content(seeded)
    result = cli("delete", "1", "--purge", input="n\n")
    assert "Nothing was removed" in result.stderr
    assert journal_content(seeded) == before


def test_text_right_at_the_limit_is_kept_whole(cli, journal_path, tmp_path):
    long = "I kept going over it. " * 4545 + "x" * 10  # 100,000 characters exactly
    assert len(long) == 100_000
    result = cli("add", "-s", long, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["situation"] == long.strip()
    export = tmp_path / "long.json"
    export.write_text(
        json.dumps(
            {
                "format": "thoughtlog",
                "version": 1,
                "records": [{"situation": long, "occurred_at": "2026-11-20T10:00:00+00:00"}],
            }
        ),
        encoding="utf-8",
    )
    result = cli("import", str(export))
    assert result.exit_code == 0, result.stderr
    assert "1 added" in result.stderr


def test_a_guided_answer_that_isnt_utf8_is_asked_again(journal_path):
    # A terminal set to Latin-1 sends 'é' as the byte 0xE9; Python keeps such bytes as lone
    # surrogates (surrogateescape), which SQLite can't store. The question is asked again instead
    # of the whole record failing at the end.
    answers = b"Caf\xe9 with my sister\nCafe with my sister\n" + b"\n" * 6
    result = subprocess.run(
        [sys.executable, "-m", "thoughtlog", "add", "--guided"],
        input=answers,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:surrogateescape"},
    )
    errors = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, errors
    assert "That answer has bytes that aren't UTF-8 text" in errors
    assert errors.count("What happened?") == 2
    assert "Saved as record 1" in errors
    with open_journal(journal_path) as opened:
        assert opened.get_record(1).situation == "Cafe with my sister"
