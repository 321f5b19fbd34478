"""Bad values and ids: one clear line on stderr, the right exit code, no traceback, the journal unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import journal_content

from thoughtlog import entry
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
]


@pytest.mark.parametrize(("name", "args", "code", "fragments"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_clear_line_and_changes_nothing(cli, seeded, name, args, code, fragments):
    before = journal_content(seeded)
    result = cli(*args)
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


def test_declining_a_purge_changes_nothing(cli, seeded):
    before = journal_content(seeded)
    result = cli("delete", "1", "--purge", input="n\n")
    assert "Nothing was removed" in result.stderr
    assert journal_content(seeded) == before
