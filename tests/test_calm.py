"""thoughtlog calm: a short exercise with a visible rhythm, kept with how stirred up I felt; the
guided add offers it once, and never at the cost of the record."""

from __future__ import annotations

import json

import pytest
from conftest import journal_content, shown

from thoughtlog import calm, output
from thoughtlog.commands import calm as calm_command
from thoughtlog.errors import InvalidValue
from thoughtlog.storage import open_journal


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    """The breaths go by without sleeping; each pause is counted instead."""
    pauses: list[float] = []
    monkeypatch.setattr(calm_command, "sleep", pauses.append)
    return pauses


def test_breathing_shows_its_rhythm_in_plain_characters_and_keeps_the_ratings(
    cli, journal_path, no_waiting
):
    result = cli("calm", "--rounds", "2", "--before", "70", "--after", "45", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("Breathe in   ~ ~ ~ ~ \n") == 2
    assert result.stderr.count("Breathe out  . . . . . . \n") == 2
    assert "\x1b" not in result.stderr  # no colour or cursor codes, on a terminal or in a pipe
    assert len(no_waiting) == 2 * (calm.BREATH_IN_SECONDS + calm.BREATH_OUT_SECONDS)
    session = json.loads(result.stdout)
    assert (session["exercise"], session["before"], session["after"]) == ("breathing", 70, 45)
    with open_journal(journal_path) as opened:
        (kept,) = opened.list_calm()
    assert (kept.before, kept.after) == (70, 45)


def test_grounding_takes_the_steps_asked_for(cli):
    result = cli("calm", "--exercise", "grounding", "--steps", "2")
    assert result.exit_code == 0, result.stderr
    assert "Notice 5 things you can see." in result.stderr
    assert "Notice 4 things you can touch or feel." in result.stderr
    assert "Notice 3" not in result.stderr


def test_guided_calm_asks_before_and_after_and_waits_between_grounding_steps(cli, journal_path):
    result = cli("calm", "-x", "grounding", "--steps", "1", "--guided", input="80\n\n50\n")
    assert result.exit_code == 0, result.stderr
    assert "How stirred up do you feel right now, 0-100?" in result.stderr
    assert "Press Enter when you're ready." in result.stderr
    assert "From 80 to 50" in result.stderr
    with open_journal(journal_path) as opened:
        assert [(s.before, s.after) for s in opened.list_calm()] == [(80, 50)]


def test_calm_ratings_can_be_skipped(cli, journal_path):
    result = cli("calm", "--rounds", "1", "--guided", input="\n\n")
    assert result.exit_code == 0, result.stderr
    with open_journal(journal_path) as opened:
        assert [(s.before, s.after) for s in opened.list_calm()] == [(None, None)]


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--rounds", "0"], "--rounds goes from 1 to 10."),
        (["--rounds", "11"], "--rounds goes from 1 to 10."),
        (["-x", "grounding", "--steps", "6"], "--steps goes from 1 to 5."),
        (["--before", "101"], "for --before"),
        (["--after", "soon"], "for --after"),
    ],
)
def test_calm_refuses_a_bad_value_before_starting_and_keeps_nothing(
    cli, journal_path, no_waiting, options, said
):
    before = journal_content(journal_path)
    result = cli("calm", *options)
    assert result.exit_code == 2
    assert said in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert no_waiting == []
    assert journal_content(journal_path) == before


def test_calm_stopped_part_way_keeps_nothing(cli, journal_path, monkeypatch):
    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(calm_command, "sleep", interrupted)
    result = cli("calm", "--before", "60")
    assert result.exit_code == 1 and "nothing was changed" in result.stderr
    with open_journal(journal_path) as opened:
        assert opened.list_calm() == []


def test_a_session_refuses_a_rating_out_of_range():
    with pytest.raises(InvalidValue):
        calm.CalmSession("breathing", calm.datetime.now(), before=120)


# --- offered by the guided add -------------------------------------------------------------------

# A short record: what happened, when, a feeling and its strength, Enter; then the offer's
# answer is inserted by each test; then the rest skipped with Enter.
BEFORE_OFFER = ["Team meeting", "", "anxious", "85", ""]
REST = [""] * 20


@pytest.fixture
def at_a_terminal(monkeypatch):
    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: True)


def _add(cli, *offer: str):
    return cli("add", "--guided", input="\n".join([*BEFORE_OFFER, *offer, *REST]) + "\n")


def test_guided_add_offers_calm_after_a_strong_feeling_and_keeps_the_record(
    cli, journal_path, at_a_terminal
):
    result = _add(cli, "y", "90", "60")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("Would you like a minute of slow breathing") == 1
    assert "Breathe in" in result.stderr and "Back to your record." in result.stderr
    record = shown(cli, "show", "1")
    assert record["situation"] == "Team meeting"
    assert record["emotions"][0]["before"] == 85
    with open_journal(journal_path) as opened:
        assert [(s.before, s.after) for s in opened.list_calm()] == [(90, 60)]


def test_declining_calm_goes_straight_on_with_the_record(cli, journal_path, at_a_terminal):
    result = _add(cli, "")
    assert result.exit_code == 0, result.stderr
    assert "Breathe in" not in result.stderr
    assert shown(cli, "show", "1")["situation"] == "Team meeting"
    with open_journal(journal_path) as opened:
        assert opened.list_calm() == []


def test_ctrl_c_in_calm_keeps_the_records_answers(cli, monkeypatch, at_a_terminal):
    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(calm_command, "sleep", interrupted)
    result = _add(cli, "y", "90")
    assert result.exit_code == 0, result.stderr
    assert "nothing you wrote was lost" in result.stderr
    assert shown(cli, "show", "1")["emotions"][0]["before"] == 85


def test_no_offer_when_every_feeling_is_below_80(cli, at_a_terminal):
    answers = ["Team meeting", "", "anxious", "79", "", *REST]
    result = cli("add", "--guided", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "slow breathing" not in result.stderr


def test_answers_fed_by_a_script_are_never_interrupted_by_the_offer(cli):
    result = _add(cli)
    assert result.exit_code == 0, result.stderr
    assert "slow breathing" not in result.stderr
