"""The safety plan (guided and in $EDITOR) and help-now, which works whatever state the journal is in."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from conftest import journal_content

from thoughtlog import editor, safety
from thoughtlog.errors import InvalidValue
from thoughtlog.safety import SafetyPlan
from thoughtlog.storage import open_journal

CRISIS = "your local emergency number (112 in Europe, 911 in North America, 999 in the UK)"

# One answer line per prompt: a part's lines, each part ended by an empty line.
GUIDED_PLAN = "racing thoughts\n\nwalk round the block\n\n\nAna 555 0101\n\n\n\nmy cat\n\n"


def test_guided_plan_keeps_each_part_in_the_persons_words(cli, journal_path):
    result = cli("plan", "--guided", input=GUIDED_PLAN)
    assert result.exit_code == 0, result.stderr
    assert "Warning signs that a hard time may be coming." in result.stderr
    with open_journal(journal_path) as opened:
        kept = opened.get_plan()
    assert kept.parts["warning_signs"] == ["racing thoughts"]
    assert kept.parts["on_my_own"] == ["walk round the block"]
    assert kept.parts["ask_for_help"] == ["Ana 555 0101"]
    assert kept.parts["reasons_for_living"] == ["my cat"]


def test_guided_plan_offers_to_keep_what_was_written_before(cli, journal_path):
    cli("plan", "--guided", input=GUIDED_PLAN)
    # Keep the warning signs (Enter), replace what I can do, keep the rest empty or as it was.
    again = "\nn\nrun\n\n\n\n\n\n\n"
    result = cli("plan", "--guided", input=again)
    assert result.exit_code == 0, result.stderr
    assert "  - racing thoughts" in result.stderr
    with open_journal(journal_path) as opened:
        kept = opened.get_plan()
    assert kept.parts["warning_signs"] == ["racing thoughts"]
    assert kept.parts["on_my_own"] == ["run"]
    assert kept.parts["ask_for_help"] == ["Ana 555 0101"]


def test_plan_show_prints_the_parts_that_have_lines(cli):
    cli("plan", "--guided", input=GUIDED_PLAN)
    result = cli("plan", "show")
    assert "People I can ask for help:\n  - Ana 555 0101" in result.stdout
    assert "Making my surroundings safer" not in result.stdout


def test_plan_show_json_has_every_part(cli):
    cli("plan", "--guided", input=GUIDED_PLAN)
    shown = json.loads(cli("plan", "show", "--json").stdout)
    assert set(shown) == {"uuid", "updated_at", *safety.PART_KEYS}


def test_plan_show_without_a_plan_says_how_to_write_one(cli):
    result = cli("plan", "show")
    assert result.exit_code == 0 and "'thoughtlog plan' helps you write one" in result.stderr


def test_plan_off_a_terminal_without_options_explains_how(cli, journal_path):
    result = cli("plan")
    assert result.exit_code == 2 and "--editor" in result.stderr


def test_plan_in_the_editor_round_trips(cli, journal_path, monkeypatch):
    cli("plan", "--guided", input=GUIDED_PLAN)
    seen = []

    def edit(text: str) -> str:
        seen.append(text)
        return text.replace("- my cat", "- my cat\n- my sister's wedding in May")

    monkeypatch.setattr(editor, "edit_text", edit)
    result = cli("plan", "--editor")
    assert result.exit_code == 0, result.stderr
    assert "## My reasons for living\n- my cat\n" in seen[0]
    with open_journal(journal_path) as opened:
        assert opened.get_plan().parts["reasons_for_living"] == [
            "my cat",
            "my sister's wedding in May",
        ]


def test_plan_in_the_editor_refuses_an_unknown_heading_and_changes_nothing(
    cli, journal_path, monkeypatch
):
    cli("plan", "--guided", input=GUIDED_PLAN)
    before = journal_content(journal_path)
    monkeypatch.setattr(editor, "edit_text", lambda text: text + "\n## Shopping list\n- milk\n")
    result = cli("plan", "--editor")
    assert result.exit_code == 2
    assert "a heading the plan doesn't have: '## Shopping list'" in result.stderr
    assert journal_content(journal_path) == before


def test_plan_template_round_trips_any_plan():
    plan = SafetyPlan({key: [f"{key} one", f"{key} two"] for key in safety.PART_KEYS})
    assert safety.plan_from_template(safety.plan_template(plan)).parts == plan.parts


def test_plan_template_refuses_a_line_before_any_heading():
    with pytest.raises(InvalidValue, match="Line 1 comes before the first heading"):
        safety.plan_from_template("call Ana\n## People I can ask for help\n")


def test_the_plans_copy_is_private(cli, journal_path):
    cli("plan", "--guided", input=GUIDED_PLAN)
    copy = safety.copy_path(journal_path)
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600


# --- help-now -----------------------------------------------------------------------------------


@pytest.fixture
def with_plan(cli, journal_path) -> Path:
    assert cli("plan", "--guided", input=GUIDED_PLAN).exit_code == 0
    return journal_path


def _helps(result) -> None:
    assert result.exit_code == 0, result.stderr
    assert CRISIS in result.stdout
    assert result.stderr == ""


def test_help_now_shows_the_crisis_lines_and_the_plan(cli, with_plan):
    result = cli("help-now")
    _helps(result)
    assert "Ana 555 0101" in result.stdout and "my cat" in result.stdout
    assert result.stdout.index(CRISIS) < result.stdout.index("Ana 555 0101")


def test_help_now_with_no_journal_shows_the_crisis_lines_and_creates_nothing(cli, journal_path):
    result = cli("help-now")
    _helps(result)
    assert not journal_path.exists() and not journal_path.parent.exists()


def test_help_now_with_a_locked_journal(cli, with_plan):
    holder = sqlite3.connect(with_plan, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        result = cli("help-now")
    finally:
        holder.close()
    _helps(result)
    assert "Ana 555 0101" in result.stdout


def test_help_now_with_a_damaged_journal(cli, with_plan):
    data = bytearray(with_plan.read_bytes())
    data[100:4000] = b"\xff" * 3900
    with_plan.write_bytes(bytes(data))
    result = cli("help-now")
    _helps(result)
    assert "Ana 555 0101" in result.stdout


def test_help_now_with_a_file_that_is_not_a_journal(cli, journal_path):
    journal_path.parent.mkdir(parents=True)
    journal_path.write_text("shopping: milk, eggs\n")
    result = cli("help-now")
    _helps(result)
    assert journal_path.read_text() == "shopping: milk, eggs\n"


def test_help_now_with_a_folder_where_the_journal_should_be(cli, journal_path):
    journal_path.mkdir(parents=True)
    _helps(cli("help-now"))


def test_help_now_reads_the_journal_when_the_copy_is_gone(cli, with_plan):
    safety.copy_path(with_plan).unlink()
    result = cli("help-now")
    _helps(result)
    assert "Ana 555 0101" in result.stdout


def test_help_now_with_a_damaged_copy_still_shows_the_crisis_lines(cli, with_plan):
    safety.copy_path(with_plan).write_text("{not json")
    with_plan.unlink()
    _helps(cli("help-now"))


def test_help_now_shows_the_persons_text_visibly(cli, journal_path):
    with open_journal(journal_path) as opened:
        opened.save_plan(SafetyPlan({"ask_for_help": ["Ana\x1b[2J"]}))
    safety.keep_copy(journal_path, SafetyPlan({"ask_for_help": ["Ana\x1b[2J"]}))
    result = cli("help-now")
    assert "\x1b" not in result.stdout and "Ana\\x1b[2J" in result.stdout


def test_help_now_json_holds_the_crisis_lines_and_the_plan(cli, with_plan):
    shown = json.loads(cli("help-now", "--json").stdout)
    assert any("112 in Europe" in line for line in shown["crisis_lines"])
    assert shown["plan"]["ask_for_help"] == ["Ana 555 0101"]
