"""The progress report: the JSON contract of DESIGN.md, week by week, every figure worked out by
hand on small journals built for it."""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thoughtlog import dates
from thoughtlog.beliefs import Belief, BeliefRating
from thoughtlog.errors import InvalidValue
from thoughtlog.model import Experiment, Record, Thought
from thoughtlog.progress import build_progress, progress_span
from thoughtlog.storage import beliefs as belief_rows

NOW = dates.local(datetime(2026, 11, 25, 12, 0))  # a Wednesday of 2026-W48
WEEK_KEYS = [
    "week",
    "records",
    "steps_done",
    "feared_came",
    "avg_p_feared",
    "avg_expected_distress",
    "avg_actual_distress",
    "belief_paired",
    "avg_belief_before",
    "avg_belief_after",
]


def at(text: str) -> datetime:
    return dates.local(datetime.fromisoformat(text))


def record(journal, when: str, hot: str, belief=(None, None), distortions=()) -> int:
    return journal.add_record(
        Record(
            situation="A meeting at work.",
            occurred_at=at(when),
            thoughts=[Thought(hot, belief[0], belief[1], hot=True, distortions=list(distortions))],
            reframe="A balanced thought.",
        )
    )


def step(journal, done: str, **fields) -> int:
    return journal.add_experiment(
        Experiment(
            belief="If I disagree, I'll be punished",
            plan="Disagree once",
            planned_for=at(done),
            status="done",
            done_at=dates.to_text(at(done)),
            **fields,
        )
    )


def span(since: str, until: str):
    return progress_span(since=since, until=until, now=NOW)


def test_progress_covers_whole_iso_weeks_oldest_first_with_every_week_present(journal):
    report = build_progress(journal, span("2026-11-04", "2026-11-18"))
    # From the Monday of the first day's week to the Sunday of the last day's week.
    assert report["period"] == {"start": "2026-11-02", "end": "2026-11-22"}
    assert [week["week"] for week in report["weeks"]] == ["2026-W45", "2026-W46", "2026-W47"]
    assert list(report) == [
        "period",
        "weeks",
        "steps",
        "beliefs",
        "recurring_thoughts",
        "distortions",
        "checkins",
        "scripts",
    ]


def test_a_week_without_entries_counts_zero_and_averages_null(journal):
    report = build_progress(journal, span("2026-11-02", "2026-11-08"))
    assert report["weeks"] == [
        {
            "week": "2026-W45",
            "records": 0,
            "steps_done": 0,
            "feared_came": None,
            "avg_p_feared": None,
            "avg_expected_distress": None,
            "avg_actual_distress": None,
            "belief_paired": 0,
            "avg_belief_before": None,
            "avg_belief_after": None,
        }
    ]
    assert report["steps"] == {"done": 0, "feared_came": 0, "avg_p_feared": None, "by_with": []}
    assert report["beliefs"] == report["recurring_thoughts"] == report["distortions"] == []


def test_progress_defaults_to_the_last_26_weeks_up_to_this_week(journal):
    report = build_progress(journal, progress_span(now=NOW))
    weeks = [week["week"] for week in report["weeks"]]
    assert len(weeks) == 26
    assert weeks[-1] == "2026-W48" and weeks[0] == "2026-W23"
    assert report["period"] == {"start": "2026-06-01", "end": "2026-11-29"}


def test_progress_refuses_a_start_after_the_end_and_an_unreadable_date():
    with pytest.raises(InvalidValue, match="after --until"):
        span("2026-11-20", "2026-11-10")
    with pytest.raises(InvalidValue, match="--since"):
        span("the day the sky fell", "2026-11-10")
    with pytest.raises(InvalidValue, match=r"after today \(2026-11-25\)"):
        progress_span(since="2026-12-20", now=NOW)


@pytest.fixture
def two_weeks(journal):
    """2026-W46 and W47, and a record on each side of the span that must not count."""
    record(journal, "2026-11-08 23:30", "Outside, the Sunday before", (90, 10))
    record(journal, "2026-11-23 00:30", "Outside, the Monday after", (90, 10))
    # W46: two records; the belief paired on one only (80 -> 40), the other rated before only.
    record(journal, "2026-11-09 09:00", "My boss will punish me if I disagree", (80, 40),
           ["fortune-telling"])  # fmt: skip
    record(journal, "2026-11-15 23:59", "If I disagree my boss will punish me", (60, None),
           ["fortune-telling", "mind-reading"])  # fmt: skip
    # W47: one record, no ratings at all.
    record(journal, "2026-11-18 12:00", "My boss will punish me for disagreeing", (None, None),
           ["fortune-telling"])  # fmt: skip
    # W46: three steps; the reaction decides, else came_true.
    step(journal, "2026-11-10 10:00", with_="boss", p_feared=80, reaction="criticism",
         expected_distress=70, actual_distress=30)  # fmt: skip
    step(journal, "2026-11-11 10:00", with_="boss", p_feared=60, reaction="agreement",
         came_true="yes", expected_distress=50)  # fmt: skip  # no actual: not paired
    step(journal, "2026-11-12 10:00", with_="partner", came_true="yes")
    # W47: one step that said nothing about the reaction.
    step(journal, "2026-11-17 10:00", p_feared=40)
    return journal


def test_each_week_counts_its_records_steps_and_feared_reactions(two_weeks):
    w46, w47 = build_progress(two_weeks, span("2026-11-09", "2026-11-22"))["weeks"]
    assert {key: w46[key] for key in WEEK_KEYS} == {
        "week": "2026-W46",
        "records": 2,
        "steps_done": 3,
        "feared_came": 2,  # criticism, and came_true yes with no reaction
        "avg_p_feared": 70.0,
        "avg_expected_distress": 70.0,  # only the step with both
        "avg_actual_distress": 30.0,
        "belief_paired": 1,
        "avg_belief_before": 80.0,
        "avg_belief_after": 40.0,
    }
    assert w47 == {
        "week": "2026-W47",
        "records": 1,
        "steps_done": 1,
        "feared_came": None,  # the one step didn't say
        "avg_p_feared": 40.0,
        "avg_expected_distress": None,
        "avg_actual_distress": None,
        "belief_paired": 0,
        "avg_belief_before": None,
        "avg_belief_after": None,
    }


def test_a_week_with_before_ratings_only_shows_their_average_and_no_after(journal):
    record(journal, "2026-11-10 09:00", "They'll laugh at me", (70, None))
    record(journal, "2026-11-11 09:00", "They'll laugh at me again", (50, None))
    (week,) = build_progress(journal, span("2026-11-09", "2026-11-15"))["weeks"]
    assert (week["belief_paired"], week["avg_belief_before"], week["avg_belief_after"]) == (
        0,
        60.0,
        None,
    )


def test_the_steps_total_the_span_with_a_breakdown_by_with(two_weeks):
    steps = build_progress(two_weeks, span("2026-11-09", "2026-11-22"))["steps"]
    assert steps == {
        "done": 4,
        "feared_came": 2,
        "avg_p_feared": 60.0,  # 80, 60, 40
        "by_with": [
            {"with": "boss", "done": 2, "feared_came": 1},
            {"with": "partner", "done": 1, "feared_came": 1},
        ],
    }


def test_a_recurring_thought_is_counted_week_by_week_with_its_belief(two_weeks):
    (thought,) = build_progress(two_weeks, span("2026-11-09", "2026-11-22"))["recurring_thoughts"]
    assert thought["count"] == 3
    assert thought["weekly_counts"] == [2, 1]
    assert thought["weekly_belief"] == [70.0, None]  # (80 + 60) / 2; none rated in W47
    assert "punish" in thought["text"]


def test_a_thought_written_once_is_not_recurring(journal):
    record(journal, "2026-11-10 09:00", "I will forget my words")
    assert build_progress(journal, span("2026-11-09", "2026-11-15"))["recurring_thoughts"] == []


def test_thinking_traps_are_counted_week_by_week_most_frequent_first(two_weeks):
    traps = build_progress(two_weeks, span("2026-11-09", "2026-11-22"))["distortions"]
    assert traps == [
        {"slug": "fortune-telling", "count": 3, "weekly_counts": [2, 1]},
        {"slug": "mind-reading", "count": 1, "weekly_counts": [1, 0]},
    ]


def test_records_and_steps_just_outside_the_span_are_left_out(two_weeks):
    step(two_weeks, "2026-11-08 23:59", reaction="punishment")
    step(two_weeks, "2026-11-23 00:00", reaction="punishment")
    report = build_progress(two_weeks, span("2026-11-09", "2026-11-22"))
    assert sum(week["records"] for week in report["weeks"]) == 3
    assert report["steps"]["done"] == 4


def test_a_belief_shows_its_first_last_and_every_rating_in_the_span(journal):
    rules = [
        Belief(text="If I speak up I'll be punished"),
        Belief(text="Rated only before the span"),
        Belief(text="Moved to the trash"),
    ]
    ids = [belief_rows.add_belief(journal, belief) for belief in rules]
    for belief_id, when, old, new in [
        (ids[0], "2026-11-01T09:00:00+00:00", 95, 5),  # before the span
        (ids[0], "2026-11-09T09:00:00+00:00", 90, 10),
        (ids[0], "2026-11-16T09:00:00+00:00", 70, None),
        (ids[0], "2026-11-20T09:00:00+00:00", 60, 40),
        (ids[1], "2026-11-01T09:00:00+00:00", 50, 50),
        (ids[2], "2026-11-10T09:00:00+00:00", 50, 50),
    ]:
        belief_rows.rate_belief(journal, belief_id, BeliefRating(at=when, old=old, new=new))
    belief_rows.move_belief(journal, ids[2], to_trash=True)
    beliefs = build_progress(journal, span("2026-11-09", "2026-11-22"))["beliefs"]
    assert beliefs == [
        {
            "id": ids[0],
            "text": "If I speak up I'll be punished",
            "first": {"at": "2026-11-09T09:00:00+00:00", "old": 90, "new": 10},
            "last": {"at": "2026-11-20T09:00:00+00:00", "old": 60, "new": 40},
            "ratings": [
                {"at": "2026-11-09T09:00:00+00:00", "old": 90, "new": 10},
                {"at": "2026-11-16T09:00:00+00:00", "old": 70, "new": None},
                {"at": "2026-11-20T09:00:00+00:00", "old": 60, "new": 40},
            ],
        }
    ]


# --- the command and its formats ------------------------------------------------------------------

SPAN = ("--since", "2026-11-09", "--until", "2026-11-22")


def test_progress_json_is_the_core_report(cli, two_weeks):
    result = cli("progress", *SPAN, "--format", "json")
    assert result.exit_code == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed == build_progress(two_weeks, span("2026-11-09", "2026-11-22"))


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (("--since", "2026-11-20", "--until", "2026-11-10"), "after --until"),
        (("--since", "someday soon-ish"), "--since"),
        (("--until", "the 45th of Nevember"), "--until"),
    ],
)
def test_progress_refuses_a_bad_span_in_one_calm_line(cli, journal_path, options, words):
    result = cli("progress", *options)
    assert result.exit_code == 2  # a bad value, as the weekly report's --since and --until
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert words in result.stderr and "Traceback" not in result.stderr


def test_progress_refuses_an_unknown_format_as_a_usage_error(cli):
    assert cli("progress", "--format", "pdf").exit_code == 2


def test_progress_output_file_is_readable_by_its_owner_alone(cli, two_weeks, tmp_path):
    target = tmp_path / "progress.html"
    result = cli("progress", *SPAN, "--format", "html", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert str(target) in result.stderr
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_progress_markdown_draws_each_week_as_a_sparkline(cli, two_weeks):
    page = cli("progress", *SPAN, "--format", "markdown").stdout
    assert page.startswith("# Progress: 2026-W46 to 2026-W47")
    rows = {line.split("|")[1].strip(): line for line in page.splitlines() if line.startswith("| ")}
    # Records 2 then 1; the feared reaction came twice in W46, unsaid in W47 (a gap).
    assert rows["Thought records"].endswith("| 3 | █▅ |")
    assert rows["Feared reaction came"].endswith("| 2 | █· |")
    assert rows["Fortune telling"].endswith("| 3 | █▅ |")


def test_progress_html_is_a_self_contained_page_with_line_charts_that_prints_on_a4(cli, two_weeks):
    page = cli("progress", *SPAN, "--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<polyline" in page and "size: A4" in page and "@media print" in page
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_progress_on_a_terminal_draws_tables_with_sparklines(cli, two_weeks, monkeypatch):
    from thoughtlog import output

    monkeypatch.setattr(output, "is_terminal", lambda: True)
    result = cli("progress", *SPAN)
    assert result.exit_code == 0
    assert "Week by week" in result.stdout and "█▅" in result.stdout


@pytest.mark.parametrize("format", ["terminal", "markdown", "html"])
def test_progress_shows_the_persons_text_as_text(cli, journal, format, monkeypatch):
    from thoughtlog import output

    monkeypatch.setattr(output, "is_terminal", lambda: format == "terminal")
    hostile = "[bold]*I'll* fail\x1b[31m <b>again</b>"
    record(journal, "2026-11-10 09:00", hostile)
    record(journal, "2026-11-11 09:00", hostile)
    page = cli("progress", *SPAN, "--format", format).stdout
    assert "\x1b[31m" not in page and "\\x1b" in page  # the person's, written out
    if format == "terminal":
        assert "[bold]*I'll* fail" in page  # never read as markup
    if format == "html":
        assert "<b>again" not in page and "&lt;b&gt;again" in page
    if format == "markdown":
        assert r"\[bold\]\*I'll\* fail" in page


@pytest.mark.parametrize("format", ["terminal", "markdown", "html", "json"])
def test_an_empty_span_says_so_kindly(cli, format):
    result = cli("progress", *SPAN, "--format", format)
    assert result.exit_code == 0 and result.stderr == ""
    if format != "json":
        assert "Nothing written" in result.stdout


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    weeks=st.integers(min_value=1, max_value=120),
    last=st.dates(date(2000, 1, 1), date(2030, 12, 31)),
)
def test_every_iso_week_of_any_span_is_present_once_oldest_first(journal, weeks, last):
    first = last - timedelta(weeks=weeks - 1)
    report = build_progress(journal, span(first.isoformat(), last.isoformat()))
    names = [week["week"] for week in report["weeks"]]
    assert len(names) == weeks and len(set(names)) == weeks
    expected = [
        "{}-W{:02d}".format(*(first + timedelta(weeks=n)).isocalendar()[:2]) for n in range(weeks)
    ]
    assert names == expected


def test_a_record_written_in_another_timezone_at_the_spans_edge_is_counted_once(journal):
    # Sunday 23:30 where it was written is already Monday 10:30 in UTC: in the span by the clock,
    # in the week before by its own day. It is counted in the span's first week, not lost.
    journal.add_record(
        Record(
            situation="A late call abroad.",
            occurred_at=datetime(2026, 11, 8, 23, 30, tzinfo=timezone(timedelta(hours=-11))),
            thoughts=[
                Thought("They'll think I'm rude", 70, 30, hot=True, distortions=["mind-reading"])
            ],
            reframe="A balanced thought.",
        )
    )
    report = build_progress(journal, span("2026-11-09", "2026-11-15"))
    (week,) = report["weeks"]
    assert (week["records"], week["belief_paired"], week["avg_belief_before"]) == (1, 1, 70.0)
    assert report["distortions"] == [{"slug": "mind-reading", "count": 1, "weekly_counts": [1]}]


def test_a_thought_counts_in_the_week_of_its_own_day_whatever_order_the_clock_puts_it_in(journal):
    """Read in UTC order, a thought written on Sunday evening far west of UTC comes after one
    written early on Monday nearer UTC: each still counts in the week of the day it was lived."""
    hot = "They'll think I'm rude"
    for lived in (
        datetime(2026, 11, 16, 1, 0, tzinfo=UTC),  # Monday of W47, 01:00 UTC
        datetime(2026, 11, 15, 23, 0, tzinfo=timezone(timedelta(hours=-10))),  # W46, 09:00 UTC
        datetime(2026, 11, 15, 22, 30, tzinfo=timezone(timedelta(hours=-11))),  # W46, 09:30 UTC
        datetime(2026, 11, 17, 9, 0, tzinfo=UTC),  # W47 again
    ):
        journal.add_record(
            Record(situation="A call.", occurred_at=lived, thoughts=[Thought(hot, 60, hot=True)])
        )
    (thought,) = build_progress(journal, span("2026-11-09", "2026-11-22"))["recurring_thoughts"]
    assert (thought["count"], thought["weekly_counts"]) == (4, [2, 2])
    assert thought["weekly_belief"] == [60.0, 60.0]


def test_ten_years_of_weeks_fit_one_sparkline_on_a_terminal(journal):
    from thoughtlog.report_formats import SPARK_WIDTH, spark
    from thoughtlog.report_sections import Line

    weeks = [None] * 260 + [n % 9 for n in range(260)]
    line = spark(Line(tuple(weeks), 8))
    assert len(line) == SPARK_WIDTH
    assert set(line[: SPARK_WIDTH // 2]) == {"·"}  # five empty years stay a gap
    assert "·" not in line[SPARK_WIDTH // 2 :]


def test_the_progress_report_agrees_with_the_weekly_report_over_the_same_span(two_weeks):
    from thoughtlog.report import build_report, choose_span

    progress = build_progress(two_weeks, span("2026-11-09", "2026-11-22"))
    report = build_report(two_weeks, choose_span(since="2026-11-09", until="2026-11-22", now=NOW))
    weeks = progress["weeks"]
    assert sum(week["records"] for week in weeks) == report["records"]["count"]
    assert sum(week["belief_paired"] for week in weeks) == report["belief"]["paired"]
    assert progress["steps"]["done"] == report["experiments"]["done"]
    assert progress["steps"]["feared_came"] == report["experiments"]["feared_came"]
    assert progress["steps"]["by_with"] == report["experiments"]["by_with"]
    assert {(t["text"], t["count"]) for t in progress["recurring_thoughts"]} == {
        (t["text"], t["count"]) for t in report["recurring_thoughts"]
    }
    assert {d["slug"]: d["count"] for d in progress["distortions"]} == {
        d["slug"]: d["count"] for d in report["distortions"]
    }


def test_the_summary_says_what_changed_in_plain_words(cli, two_weeks):
    belief_id = belief_rows.add_belief(two_weeks, Belief(text="If I speak up I'll be punished"))
    for when, old in (("2026-11-09T09:00:00+00:00", 90), ("2026-11-20T09:00:00+00:00", 60)):
        belief_rows.rate_belief(two_weeks, belief_id, BeliefRating(at=when, old=old))
    page = cli("progress", *SPAN, "--format", "markdown").stdout
    summary = page.split("## Summary", 1)[1].split("##", 1)[0]
    assert "You wrote 3 thought records and took 4 steps in 2 of 2 weeks." in summary
    assert (
        "The reaction you feared came twice; you had thought it 60% likely on average." in summary
    )
    assert "went from 90 to 60 out of 100." in summary
    assert "| #1 If I speak up I'll be punished | old rule | 90 → 60 | ▇▅ |" in page  # of 100


@pytest.mark.parametrize("columns", ["30", "40", "44", "60", "120"])
def test_a_narrow_terminal_never_cuts_a_word_or_a_sparkline(cli, two_weeks, monkeypatch, columns):
    from thoughtlog import output

    monkeypatch.setattr(output, "is_terminal", lambda: True)
    page = cli("progress", *SPAN, env={"COLUMNS": columns}).stdout
    assert "…" not in page
    shown = re.sub(r"\x1b\[[0-9;]*m", "", page)  # the styles take no room on screen
    assert "█▅" in shown and {"Fortune", "telling"} <= set(shown.split())
    assert max(map(len, shown.splitlines())) <= int(columns)
    # A table is drawn whole, to its right-hand border, or not at all.
    for line in shown.splitlines():
        if line.startswith(tuple("┏┃┡│└")):
            assert line.rstrip()[-1] in "┓┃┩│┘", line
    steps = shown.split("Steps, by who they were with", 1)[1].split("Long-term", 1)[0]
    assert {"boss", "partner", "Done", "Feared", "reaction", "came"} <= set(steps.split())


# --- check-in totals ------------------------------------------------------------------------------


def checkin(journal, kind: str, when: str, answers: list[int]) -> int:
    from thoughtlog.checkins import CheckIn

    return journal.add_checkin(CheckIn(kind=kind, answers=answers, at=at(when)))


PHQ9_CALM = [0, 1, 0, 1, 0, 0, 1, 0, 0]  # 3, minimal
PHQ9_LOW = [2, 2, 1, 1, 1, 1, 1, 1, 1]  # 11, moderate, item 9 above 0


@pytest.fixture
def checked_in(journal):
    """Over W45 to W47: PHQ-9 twice in W45 (the later counts) and once in W47, nothing in W46;
    GAD-7 once in W46; one PHQ-9 before the span that is left out."""
    checkin(journal, "phq9", "2026-10-20 09:00", PHQ9_LOW)  # before the span
    checkin(journal, "phq9", "2026-11-02 09:00", [3] * 9)  # 27, severe
    checkin(journal, "phq9", "2026-11-05 20:00", PHQ9_LOW)
    checkin(journal, "gad7", "2026-11-10 09:00", [1] * 7)  # 7, mild
    checkin(journal, "phq9", "2026-11-18 09:00", PHQ9_CALM)
    return journal


def test_progress_shows_each_questionnaires_latest_total_a_week_with_null_between(checked_in):
    progress = build_progress(checked_in, span("2026-11-02", "2026-11-22"))
    phq9, gad7 = progress["checkins"]
    assert phq9 == {
        "kind": "phq9",
        "weekly_total": [11, None, 3],
        "first": {"at": "2026-11-02T09:00:00+00:00", "total": 27, "band": "severe"},
        "last": {"at": "2026-11-18T09:00:00+00:00", "total": 3, "band": "minimal"},
        "item9_weeks": ["2026-W45"],
    }
    assert gad7["kind"] == "gad7" and gad7["weekly_total"] == [None, 7, None]
    assert gad7["first"] == gad7["last"] and gad7["last"]["band"] == "mild"
    assert gad7["item9_weeks"] == []


def test_progress_has_an_empty_checkins_list_without_any(two_weeks):
    assert build_progress(two_weeks, span("2026-11-09", "2026-11-22"))["checkins"] == []


def test_who5_totals_are_its_percentage_score(journal):
    checkin(journal, "who5", "2026-11-10 09:00", [2, 2, 1, 1, 1])  # raw 7, 28%
    (who5,) = build_progress(journal, span("2026-11-09", "2026-11-15"))["checkins"]
    assert who5["weekly_total"] == [28]
    assert who5["last"]["band"] == "poor wellbeing, depression likely"


def test_progress_json_on_the_command_line_holds_the_checkins(cli, checked_in):
    result = cli("progress", "--since", "2026-11-02", "--until", "2026-11-22", "--format", "json")
    assert result.exit_code == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed == build_progress(checked_in, span("2026-11-02", "2026-11-22"))
    assert printed["checkins"][0]["weekly_total"] == [11, None, 3]


@pytest.mark.parametrize("format", ["terminal", "markdown", "html"])
def test_progress_says_kindly_in_which_weeks_phq9_item9_was_above_0(
    cli, checked_in, format, monkeypatch
):
    from thoughtlog import output

    monkeypatch.setattr(output, "is_terminal", lambda: format == "terminal")
    monkeypatch.setenv("COLUMNS", "200")
    result = cli("progress", "--since", "2026-11-02", "--until", "2026-11-22", "--format", format)
    assert result.exit_code == 0, result.stderr
    page = " ".join(result.stdout.split())  # a terminal may wrap the line
    assert "Check-ins" in page and "PHQ-9" in page and "GAD-7" in page
    assert "27 (severe)" in page and "3 (minimal)" in page and "7 (mild)" in page
    assert "In 2026-W45, you said you had thoughts of being better off dead" in page
    assert "thoughtlog help-now" in page


@pytest.mark.parametrize("format", ["terminal", "markdown", "html"])
def test_progress_has_no_item9_line_when_it_was_0_all_along(cli, journal, format, monkeypatch):
    from thoughtlog import output

    monkeypatch.setattr(output, "is_terminal", lambda: format == "terminal")
    checkin(journal, "phq9", "2026-11-10 09:00", PHQ9_CALM)
    checkin(journal, "phq9", "2026-11-17 09:00", PHQ9_CALM)
    page = cli("progress", *SPAN, "--format", format).stdout
    assert "Check-ins" in page and "3 (minimal)" in page
    assert "better off dead" not in page and "help-now" not in page


@pytest.mark.parametrize("format", ["terminal", "markdown", "html"])
def test_progress_shows_no_checkins_section_without_checkins(cli, two_weeks, format, monkeypatch):
    from thoughtlog import output

    monkeypatch.setattr(output, "is_terminal", lambda: format == "terminal")
    page = cli("progress", *SPAN, "--format", format).stdout
    assert "Week by week" in page and "Check-ins" not in page
