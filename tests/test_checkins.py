"""Check-ins: PHQ-9, GAD-7 and WHO-5 scored by their guides, item 9 cared for first, bad answers refused."""

from __future__ import annotations

import json

import pytest
from conftest import journal_content
from hypothesis import given, settings
from hypothesis import strategies as st

from thoughtlog import checkins, dates, safety
from thoughtlog.checkins import CheckIn
from thoughtlog.errors import InvalidValue
from thoughtlog.storage import open_journal


def _answers_for(kind: str, total: int) -> list[int]:
    """Answers in item order that add up to a raw total (item 9 left at 0 where it can be)."""
    form = checkins.questionnaire(kind)
    answers = [0] * len(form.items)
    remaining = total
    for index in range(len(answers)):
        answers[index] = min(form.highest, remaining)
        remaining -= answers[index]
    assert remaining == 0
    return answers


# Every band edge of each scoring guide: (kind, raw total, shown total, band).
EDGES = [
    ("phq9", 0, 0, "minimal"),
    ("phq9", 4, 4, "minimal"),
    ("phq9", 5, 5, "mild"),
    ("phq9", 9, 9, "mild"),
    ("phq9", 10, 10, "moderate"),
    ("phq9", 14, 14, "moderate"),
    ("phq9", 15, 15, "moderately severe"),
    ("phq9", 19, 19, "moderately severe"),
    ("phq9", 20, 20, "severe"),
    ("phq9", 27, 27, "severe"),
    ("gad7", 0, 0, "minimal"),
    ("gad7", 4, 4, "minimal"),
    ("gad7", 5, 5, "mild"),
    ("gad7", 9, 9, "mild"),
    ("gad7", 10, 10, "moderate"),
    ("gad7", 14, 14, "moderate"),
    ("gad7", 15, 15, "severe"),
    ("gad7", 21, 21, "severe"),
    ("who5", 0, 0, "poor wellbeing, depression likely"),
    ("who5", 7, 28, "poor wellbeing, depression likely"),
    ("who5", 8, 32, "poor wellbeing"),
    ("who5", 12, 48, "poor wellbeing"),
    ("who5", 13, 52, "not low"),
    ("who5", 25, 100, "not low"),
]


@pytest.mark.parametrize(("kind", "raw", "total", "band"), EDGES)
def test_checkin_scores_every_band_edge_as_its_guide_does(cli, kind, raw, total, band):
    answers = ",".join(map(str, _answers_for(kind, raw)))
    result = cli("checkin", kind, "--answers", answers, "--json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["total"], shown["band"]) == (total, band)


def test_checkin_json_has_the_designed_shape(cli):
    result = cli("checkin", "gad7", "--answers", "1,2,1,0,0,1,1", "--json")
    shown = json.loads(result.stdout)
    assert set(shown) == {"id", "uuid", "kind", "at", "answers", "total", "band", "item9"}
    assert shown["kind"] == "gad7" and shown["answers"] == [1, 2, 1, 0, 0, 1, 1]
    assert shown["item9"] is None and shown["total"] == 6


def test_checkin_says_a_score_is_not_a_diagnosis(cli):
    result = cli("checkin", "phq9", "--answers", "0,0,0,0,0,0,0,0,0")
    assert result.exit_code == 0
    assert "A score is not a diagnosis" in result.stdout
    assert "PHQ-9: 0 out of 27" in result.stdout


def test_who5_credits_its_source(cli):
    result = cli("checkin", "who5", "--answers", "3,3,3,3,3")
    assert "WHO Collaborating Centre in Mental Health, Psychiatric Research Unit," in result.stdout
    assert "Frederiksborg General Hospital" in result.stdout
    assert "60 out of 100 (raw 15 of 25)" in result.stdout


@pytest.mark.parametrize(
    ("kind", "answers", "said"),
    [
        ("phq9", "0,0,0,0,0,0,0,0,4", "Answer 9 can't be 4"),
        ("gad7", "1,2,3", "needs 7 answers"),
        ("phq9", "0,0,0,0,0,0,0,0,0,0", "needs 9 answers"),
        ("who5", "1,2,x,1,1", "Answer 3 can't be 'x'"),
        ("who5", "1,2,-1,1,1", "Answer 3 can't be '-1'"),
        ("gad7", "", "Answer 1 can't be ''"),
    ],
)
def test_checkin_refuses_bad_answers_calmly_and_changes_nothing(
    cli, journal_path, kind, answers, said
):
    before = journal_content(journal_path)
    result = cli("checkin", kind, "--answers", answers)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and said in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
    assert journal_content(journal_path) == before


def test_checkin_without_answers_off_a_terminal_explains_how(cli):
    result = cli("checkin", "phq9")
    assert result.exit_code == 2
    assert "give --answers" in result.stderr


def test_guided_checkin_asks_each_item_in_its_own_words_and_asks_again_after_a_bad_answer(cli):
    result = cli("checkin", "gad7", "--guided", "--json", input="1\n4\n2\n1\n0\n0\n1\n1\n")
    assert result.exit_code == 0, result.stderr
    for item in checkins.GAD7.items:
        assert item in result.stderr
    assert "0 Not at all   1 Several days   2 More than half the days" in result.stderr
    assert "A number from 0 to 3, please." in result.stderr
    assert json.loads(result.stdout)["answers"] == [1, 2, 1, 0, 0, 1, 1]


def test_guided_checkin_stopped_part_way_keeps_nothing(cli, journal_path):
    result = cli("checkin", "phq9", "--guided", input="1\n2\n")
    assert result.exit_code == 1
    assert "nothing was changed" in result.stderr
    with open_journal(journal_path) as opened:
        assert opened.list_checkins() == []


# --- item 9 -------------------------------------------------------------------------------------

ITEM9_ANSWERS = "0,0,0,0,0,0,0,0,1"
CRISIS = "your local emergency number (112 in Europe, 911 in North America, 999 in the UK)"


def _care_comes_first(stderr: str) -> None:
    assert CRISIS in stderr
    assert "you don't have to carry them alone" in stderr


def test_item9_by_answers_shows_crisis_lines_first_and_its_own_line(cli):
    result = cli("checkin", "phq9", "--answers", ITEM9_ANSWERS)
    assert result.exit_code == 0
    _care_comes_first(result.stderr)
    assert (
        "Thoughts of being better off dead or of hurting yourself: several days." in result.stdout
    )


def test_item9_when_guided_shows_crisis_lines_before_the_score(cli):
    result = cli("checkin", "phq9", "--guided", input="0\n0\n0\n0\n0\n0\n0\n0\n2\n")
    assert result.exit_code == 0, result.stderr
    _care_comes_first(result.stderr)
    # The questions come first, then the care, and only after it anything about a score.
    assert result.stderr.index(checkins.PHQ9.items[8]) < result.stderr.index(CRISIS)
    assert "out of 27" not in result.stderr


def test_item9_with_json_still_shows_the_care_and_keeps_json_clean(cli):
    result = cli("checkin", "phq9", "--answers", ITEM9_ANSWERS, "--json")
    _care_comes_first(result.stderr)
    assert json.loads(result.stdout)["item9"] == 1


def test_item9_shows_the_persons_own_plan_first(cli, journal_path):
    with open_journal(journal_path) as opened:
        opened.save_plan(safety.SafetyPlan({"ask_for_help": ["My sister Ana, 555 0101"]}))
    result = cli("checkin", "phq9", "--answers", ITEM9_ANSWERS)
    assert "My sister Ana, 555 0101" in result.stderr
    assert result.stderr.index("My sister Ana") < result.stderr.index(CRISIS)


def test_item9_of_zero_brings_no_crisis_message_but_keeps_its_own_line(cli):
    result = cli("checkin", "phq9", "--answers", "1,1,1,1,1,1,1,1,0")
    assert CRISIS not in result.stderr
    assert "Thoughts of being better off dead or of hurting yourself: not at all." in result.stdout


def test_checkin_list_shows_item9_on_its_own_line(cli):
    cli("checkin", "phq9", "--answers", "0,0,0,0,0,0,0,0,3")
    cli("checkin", "gad7", "--answers", "0,0,0,0,0,0,0")
    result = cli("checkin", "list")
    lines = result.stdout.splitlines()
    assert "GAD-7: 0 of 21 (minimal)" in lines[0]
    assert "PHQ-9: 3 of 27 (minimal)" in lines[1]
    assert (
        lines[2].strip().startswith("Thoughts of being better off dead")
        and "nearly every day" in lines[2]
    )


def test_checkin_show_lists_every_answer(cli):
    cli("checkin", "gad7", "--answers", "3,2,1,0,0,1,1")
    result = cli("checkin", "show", "1")
    assert "1. Feeling nervous, anxious or on edge: Nearly every day (3)" in result.stdout


def test_checkin_show_of_a_missing_one_says_where_to_look(cli):
    result = cli("checkin", "show", "4")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Error: There is no check-in 4. 'thoughtlog checkin list' shows your check-ins.\n"
    )


def test_checkin_list_refuses_an_unknown_kind(cli):
    result = cli("checkin", "list", "--kind", "phq8")
    assert result.exit_code == 2 and "There is no check-in called 'phq8'" in result.stderr


def test_checkin_list_json_is_newest_first(cli):
    cli("checkin", "who5", "--answers", "1,1,1,1,1")
    cli("checkin", "who5", "--answers", "2,2,2,2,2")
    found = json.loads(cli("checkin", "list", "--json").stdout)
    assert [c["total"] for c in found] == [40, 20]


# --- the core -----------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(checkins.KINDS), st.data())
def test_any_valid_answers_round_trip_through_the_journal(tmp_path_factory, kind, data):
    form = checkins.questionnaire(kind)
    answers = data.draw(
        st.lists(st.integers(0, form.highest), min_size=len(form.items), max_size=len(form.items))
    )
    path = tmp_path_factory.mktemp("j") / "journal.db"
    with open_journal(path) as opened:
        checkin_id = opened.add_checkin(CheckIn(kind, answers, dates.now_local()))
        back = opened.get_checkin(checkin_id)
    assert back.answers == answers
    assert back.total == form.total(answers)
    assert form.bands[0].low <= back.total <= form.bands[-1].high


def test_core_refuses_an_answer_above_its_scale():
    with pytest.raises(InvalidValue):
        CheckIn("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 4], dates.now_local())


def test_bands_cover_every_possible_total_without_gaps():
    for form in checkins.QUESTIONNAIRES.values():
        covered = [t for band in form.bands for t in range(band.low, band.high + 1)]
        assert covered == list(range(0, form.most + 1))


def test_a_read_only_journal_is_said_before_the_first_question(cli, journal_path, monkeypatch):
    import thoughtlog.storage.journal as journal_module

    open_journal(journal_path).close()
    # As a file marked read-only is to anyone but root (tests/test_files_not_ours.py tries that).
    monkeypatch.setattr(journal_module, "writable", lambda path: False)
    result = cli("checkin", "gad7", "--guided", input="1\n" * 7)
    assert result.exit_code == 1
    assert "read-only" in result.stderr
    assert checkins.GAD7.items[0] not in result.stderr
