"""The weekly report's figures on steps: the feared reaction against the prediction, safety
behaviours, and who the steps involved."""

from __future__ import annotations

import json

import pytest

from thoughtlog import dates, entry
from thoughtlog.entry import ExperimentInput
from thoughtlog.report import build_report, week_span
from thoughtlog.steps import StepInput


def _taken(journal, day: str, **step) -> None:
    came_true = step.pop("came_true", "no")
    journal.add_experiment(
        entry.logged_experiment(
            ExperimentInput(
                belief="If I disagree, I'll be punished",
                plan="Disagree once",
                outcome="What happened",
                came_true=came_true,
                step=StepInput(**step),
            ),
            done_at=dates.from_text(f"{day}T10:00:00+00:00"),
        )
    )


@pytest.fixture
def week_of_steps(journal):
    """Week 47 of 2026: five steps done, and one the week before that must not count."""
    _taken(journal, "2026-11-16", with_="boss", p_feared="80", reaction="agreement",
           safety_used=["none"])  # fmt: skip
    _taken(journal, "2026-11-17", with_="Boss", p_feared="60", reaction="criticism",
           came_true="partly", safety_used=["softening"])  # fmt: skip
    _taken(journal, "2026-11-18", with_="partner", came_true="yes")  # no reaction: came_true
    _taken(journal, "2026-11-19", p_feared="40", reaction="neutral", came_true="yes",
           safety_used=["none"])  # fmt: skip  # the reaction decides, not came_true
    _taken(journal, "2026-11-20", reaction="punishment", safety_used=["none"])  # no p_feared
    _taken(journal, "2026-11-12", with_="boss", p_feared="90", reaction="punishment")
    return journal


def test_the_feared_reaction_came_in_k_of_n_steps_by_the_reaction_then_came_true(week_of_steps):
    steps = build_report(week_of_steps, week_span("2026-W47"))["experiments"]
    assert (steps["feared_came"], steps["feared_answered"]) == (3, 5)


def test_the_average_p_feared_sits_beside_the_rate_over_the_same_steps(week_of_steps):
    steps = build_report(week_of_steps, week_span("2026-W47"))["experiments"]
    # Predicted on three steps (80, 60, 40); the feared reaction came in one of them (the 60).
    assert steps["p_feared_paired"] == 3
    assert steps["avg_p_feared"] == 60.0
    assert steps["feared_came_rate"] == 33.3


def test_steps_without_safety_behaviours_count_only_those_said_to_have_none(week_of_steps):
    steps = build_report(week_of_steps, week_span("2026-W47"))["experiments"]
    assert (steps["without_safety"], steps["safety_answered"]) == (3, 4)


def test_steps_are_broken_down_by_who_they_involved(week_of_steps):
    steps = build_report(week_of_steps, week_span("2026-W47"))["experiments"]
    assert steps["by_with"] == [
        {"with": "boss", "done": 2, "feared_came": 1},
        {"with": "partner", "done": 1, "feared_came": 1},
    ]


def test_a_week_without_predictions_makes_no_comparison(journal):
    _taken(journal, "2026-11-16", came_true="no")
    steps = build_report(journal, week_span("2026-W47"))["experiments"]
    assert (steps["p_feared_paired"], steps["avg_p_feared"], steps["feared_came_rate"]) == (
        0,
        None,
        None,
    )
    summary = build_report(journal, week_span("2026-W47"))["summary"]
    assert not any("likely" in sentence for sentence in summary)


def test_the_summary_says_the_rate_beside_the_prediction(week_of_steps):
    summary = build_report(week_of_steps, week_span("2026-W47"))["summary"]
    assert "The reaction you feared came in 3 of 5 steps." in summary
    assert (
        "You had thought it 60% likely on average; it came 33.3% of the time"
        " (the 3 steps you predicted)." in summary
    )
    assert "3 steps of 4 taken without any safety behaviour." in summary


def test_the_json_report_carries_the_step_figures(cli, week_of_steps):
    result = cli("report", "--week", "2026-W47", "--format", "json")
    assert result.exit_code == 0, result.stderr
    steps = json.loads(result.stdout)["experiments"]
    assert steps["feared_came"] == 3 and steps["by_with"][0]["with"] == "boss"


@pytest.mark.parametrize("format_", ["markdown", "html", "terminal"])
def test_every_format_draws_the_step_figures(cli, week_of_steps, format_):
    result = cli("report", "--week", "2026-W47", "--format", format_)
    assert result.exit_code == 0, result.stderr
    for shown in (
        "feared reaction came (of 5)",
        "predicted likelihood",
        "observed rate",
        "without safety behaviours (of 4)",
        "Steps by who they involved",
        "partner",
    ):
        assert shown in result.stdout, shown


def test_who_a_step_involved_is_escaped_in_the_html_report(cli, journal):
    _taken(journal, "2026-11-16", with_="<b>boss</b>")
    page = cli("report", "--week", "2026-W47", "--format", "html").stdout
    assert "<b>boss</b>" not in page and "&lt;b&gt;boss&lt;/b&gt;" in page
