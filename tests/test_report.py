"""The weekly report: its JSON contract, its spans, its formats and its errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import time
from datetime import datetime, timedelta

import pytest
from conftest import journal_content

from thoughtlog import dates
from thoughtlog.errors import InvalidValue
from thoughtlog.model import Emotion, Experiment, Record, Thought
from thoughtlog.output import json_text
from thoughtlog.report import build_report, choose_span, week_span

SLUGS = ["fortune-telling", "labeling", "mind-reading", "catastrophizing", "should-statements"]


def at(text: str) -> datetime:
    """A local moment from 'YYYY-MM-DD HH:MM'."""
    return dates.local(datetime.fromisoformat(text))


def add(
    journal,
    when: str,
    hot: str,
    *,
    emotions=(),
    belief=(None, None),
    distortions=(),
    reframe: str | None = "A kinder, balanced thought.",
    tags=(),
) -> int:
    return journal.add_record(
        Record(
            situation="A moment at work.",
            occurred_at=at(when),
            emotions=[Emotion(name, before, after) for name, before, after in emotions],
            thoughts=[Thought(hot, belief[0], belief[1], hot=True, distortions=list(distortions))],
            reframe=reframe,
            tags=list(tags),
        )
    )


def experiment(
    journal,
    planned: str,
    *,
    done: str | None = None,
    came_true: str | None = None,
    expected: int | None = None,
    actual: int | None = None,
) -> int:
    return journal.add_experiment(
        Experiment(
            belief="If I disagree my boss will reprimand me",
            plan="Disagree once in the meeting",
            planned_for=at(planned),
            expected_distress=expected,
            status="done" if done else "planned",
            done_at=dates.to_text(at(done)) if done else None,
            came_true=came_true,
            actual_distress=actual,
        )
    )


@pytest.fixture
def week_47(journal):
    """Week 2026-W47 (16-22 Nov) and the week before, with answers worked out by hand."""
    ids = {
        "outside_before": add(
            journal,
            "2026-11-05 10:00",
            "My boss will think I'm difficult",
            distortions=["labeling"],
            tags=["work"],
        ),
        "p1": add(
            journal,
            "2026-11-11 10:00",
            "My boss will think I'm difficult",
            emotions=[("anxious", 85, None)],
            distortions=["mind-reading"],
            tags=["work"],
        ),
        "p2": add(
            journal, "2026-11-12 18:00", "I'm a coward", distortions=["labeling"], tags=["family"]
        ),
        "r1": add(
            journal,
            "2026-11-16 09:00",
            "My boss will think I'm difficult",
            emotions=[("anxious", 80, 40), ("ashamed", 60, 30)],
            belief=(90, 50),
            distortions=["mind-reading", "fortune-telling"],
            tags=["work", "boss"],
        ),
        "r2": add(
            journal,
            "2026-11-17 14:00",
            "The boss is going to see me as difficult",
            emotions=[("anxious", 70, 50)],
            belief=(80, 40),
            distortions=["mind-reading"],
            tags=["work"],
        ),
        "r3": add(
            journal,
            "2026-11-17 20:00",
            "I'll never finish this project",
            emotions=[("angry", 50, None)],
            belief=(70, None),
            distortions=["fortune-telling"],
            reframe=None,
            tags=["home"],
        ),
        "r4": add(
            journal,
            "2026-11-21 23:30",
            "If I disagree my boss will reprimand me",
            emotions=[("anxious", 90, 60)],
            belief=(100, 60),
            distortions=["fortune-telling", "catastrophizing"],
            tags=["work"],
        ),
        "outside_after": add(
            journal,
            "2026-11-23 00:00",
            "My boss will think I'm difficult",
            emotions=[("anxious", 10, 5)],
            distortions=["labeling"],
            tags=["work"],
        ),
    }
    experiment(
        journal, "2026-11-16 10:00", done="2026-11-16 11:00", came_true="no", expected=80, actual=30
    )
    # Planned the week before but done in this one: counts as done here, not as planned.
    experiment(
        journal,
        "2026-11-14 10:00",
        done="2026-11-17 09:00",
        came_true="partly",
        expected=70,
        actual=50,
    )
    experiment(journal, "2026-11-20 10:00", expected=60)
    # Planned in this week, done in the next.
    experiment(
        journal,
        "2026-11-20 11:00",
        done="2026-11-23 09:00",
        came_true="yes",
        expected=90,
        actual=95,
    )
    # Done without an expected distress: counted, but left out of the expected/actual comparison.
    experiment(journal, "2026-11-18 10:00", done="2026-11-18 12:00", came_true="yes", actual=90)
    return ids


def test_json_report_holds_the_contract_field_by_field(cli, week_47):
    result = cli("report", "--week", "2026-W47", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    ids = week_47

    assert {
        "period",
        "previous_period",
        "records",
        "emotions",
        "distortions",
        "tags",
        "recurring_thoughts",
        "belief",
        "experiments",
    } <= report.keys()
    assert {k: report["period"][k] for k in ("start", "end", "label")} == {
        "start": "2026-11-16",
        "end": "2026-11-22",
        "label": "2026-W47",
    }
    assert {k: report["previous_period"][k] for k in ("start", "end")} == {
        "start": "2026-11-09",
        "end": "2026-11-15",
    }
    assert report["records"] == {
        "count": 4,
        "completed": 3,
        "days": 3,
        "incomplete_ids": [ids["r3"]],
    }
    assert report["emotions"] == [
        {"name": "anxious", "count": 3, "paired": 3, "avg_before": 80.0, "avg_after": 50.0},
        {"name": "ashamed", "count": 1, "paired": 1, "avg_before": 60.0, "avg_after": 30.0},
        {"name": "angry", "count": 1, "paired": 0, "avg_before": 50.0, "avg_after": None},
    ]
    assert [
        {k: row[k] for k in ("slug", "count", "previous_count")} for row in report["distortions"]
    ] == [
        {"slug": "fortune-telling", "count": 3, "previous_count": 0},
        {"slug": "mind-reading", "count": 2, "previous_count": 1},
        {"slug": "catastrophizing", "count": 1, "previous_count": 0},
        {"slug": "labeling", "count": 0, "previous_count": 1},
    ]
    assert [{k: row[k] for k in ("tag", "count", "avg_intensity")} for row in report["tags"]] == [
        {"tag": "work", "count": 3, "avg_intensity": 75.0},
        {"tag": "boss", "count": 1, "avg_intensity": 70.0},
        {"tag": "home", "count": 1, "avg_intensity": 50.0},
    ]
    assert report["recurring_thoughts"] == [
        {
            "text": "My boss will think I'm difficult",
            "count": 2,
            "previous_count": 1,
            "record_ids": [ids["r1"], ids["r2"]],
        },
    ]
    # r3 was never re-rated: its 70 is left out of both averages.
    assert report["belief"] == {"paired": 3, "avg_before": 90.0, "avg_after": 50.0}
    assert report["experiments"] == {
        "planned": 4,
        "done": 3,
        "came_true": {"yes": 1, "partly": 1, "no": 1},
        "avg_expected_distress": 75.0,
        "avg_actual_distress": 40.0,
        # No reaction given: came_true yes counts as the feared reaction coming.
        "feared_came": 1,
        "feared_answered": 3,
        "p_feared_paired": 0,
        "avg_p_feared": None,
        "feared_came_rate": None,
        "safety_answered": 0,
        "without_safety": 0,
        "by_with": [],
    }


def test_averages_are_rounded_to_one_decimal(journal):
    for before in (70, 71, 71):
        add(journal, "2026-11-17 09:00", "I'll be late", emotions=[("anxious", before, None)])
    report = build_report(journal, week_span("2026-W47"))
    assert report["emotions"][0]["avg_before"] == 70.7


def test_summary_is_written_from_the_figures(journal, week_47):
    summary = build_report(journal, week_span("2026-W47"), now=at("2026-11-18 12:00"))["summary"]
    assert summary == [
        "You wrote 4 thought records on 3 days; 1 is still waiting for a balanced thought.",
        "The thought \u201cMy boss will think I'm difficult\u201d came up twice, up from 1 the week before.",
        "Fortune telling came up 3 times, none the week before.",
        "Your most frequent trigger was work (3 records), where your feelings averaged 75 out of 100.",
        "Your anxiety eased from 80 to 50 on average after reframing, across the 3 times you rated"
        " it again.",
        "Your belief in the hot thought eased from 90 to 50 out of 100 after reframing, across the"
        " 3 times you rated it again.",
        "The outcome you feared came true in 1 of 3 experiments, and partly in 1.",
        "You expected distress of 75 and felt 40 on average.",
    ]


def test_when_counts_records_by_weekday_and_time_of_day(journal, week_47):
    when = build_report(journal, week_span("2026-W47"))["when"]
    assert when["times_of_day"] == ["night", "morning", "afternoon", "evening"]
    assert when["counts"][0] == [0, 1, 0, 0]  # Monday 09:00
    assert when["counts"][1] == [0, 0, 1, 1]  # Tuesday 14:00 and 20:00
    assert when["counts"][5] == [0, 0, 0, 1]  # Saturday 23:30
    assert sum(map(sum, when["counts"])) == 4


# --- spans ----------------------------------------------------------------------------------------

NOW = "2026-11-18 12:00"  # a Wednesday in 2026-W47


@pytest.mark.parametrize(
    ("value", "label", "start", "end"),
    [
        ("this", "2026-W47", "2026-11-16", "2026-11-22"),
        ("last", "2026-W46", "2026-11-09", "2026-11-15"),
        ("2026-W47", "2026-W47", "2026-11-16", "2026-11-22"),
        ("2026-w5", "2026-W05", "2026-01-26", "2026-02-01"),
        ("2026-11-18", "2026-W47", "2026-11-16", "2026-11-22"),
        ("2026-11-22", "2026-W47", "2026-11-16", "2026-11-22"),
        ("2026-11-23", "2026-W48", "2026-11-23", "2026-11-29"),
        ("yesterday", "2026-W47", "2026-11-16", "2026-11-22"),
    ],
)
def test_week_values_name_the_iso_week(value, label, start, end):
    span = week_span(value, now=at(NOW))
    assert span.as_dict() == {"start": start, "end": end, "label": label}


def test_report_covers_the_current_week_by_default():
    span = choose_span(now=at(NOW))
    assert span.label == "2026-W47"
    assert span.start == at("2026-11-16 00:00") and span.end == at("2026-11-23 00:00")


def test_weeks_cross_the_year_boundary():
    last_of_2026 = week_span("2027-01-01")
    assert last_of_2026.as_dict() == {
        "start": "2026-12-28",
        "end": "2027-01-03",
        "label": "2026-W53",
    }
    assert week_span("2027-W01").previous().label == "2026-W53"
    assert week_span("2026-W01").as_dict() == {
        "start": "2025-12-29",
        "end": "2026-01-04",
        "label": "2026-W01",
    }
    assert week_span("2026-W01").previous().as_dict() == {
        "start": "2025-12-22",
        "end": "2025-12-28",
        "label": "2025-W52",
    }


def test_since_and_until_compare_with_the_same_length_before():
    span = choose_span(since="2026-11-01", until="2026-11-10", now=at(NOW))
    assert span.as_dict() == {
        "start": "2026-11-01",
        "end": "2026-11-10",
        "label": "2026-11-01 to 2026-11-10",
    }
    assert span.previous().as_dict()["start"] == "2026-10-22"
    assert span.previous().as_dict()["end"] == "2026-10-31"


def test_since_alone_runs_to_the_end_of_today():
    span = choose_span(since="2026-11-01", now=at(NOW))
    assert (span.first_day.isoformat(), span.last_day.isoformat()) == ("2026-11-01", "2026-11-18")


def test_records_on_the_edges_of_a_span(journal):
    add(journal, "2026-11-15 23:59", "Before")
    add(journal, "2026-11-16 00:00", "First moment")
    add(journal, "2026-11-22 23:59", "Last minute")
    add(journal, "2026-11-23 00:00", "After")
    report = build_report(journal, week_span("2026-W47"))
    assert report["records"]["count"] == 2
    assert report["previous_period"]["records"] == 1


@pytest.fixture
def london(monkeypatch):
    """Local time is Europe/London for the test, and whatever it was afterwards."""
    with monkeypatch.context() as patch:
        patch.setenv("TZ", "Europe/London")
        time.tzset()
        yield
    time.tzset()


def test_weeks_stay_monday_to_monday_across_the_clocks_going_forward(journal, london):
    # Clocks went forward at 01:00 on Sunday 29 March 2026, so that week is 167 hours long.
    span = week_span("2026-03-25")
    assert span.label == "2026-W13"
    assert span.start.utcoffset() == timedelta(0) and span.end.utcoffset() == timedelta(hours=1)
    assert span.end - span.start == timedelta(hours=167)
    add(journal, "2026-03-29 23:30", "Late on Sunday, summer time")
    add(journal, "2026-03-30 00:30", "Early on Monday, the next week")
    add(journal, "2026-03-23 00:15", "Early on Monday, this week")
    report = build_report(journal, span)
    assert report["records"]["count"] == 2
    assert report["period"]["end"] == "2026-03-29"
    assert week_span("2026-W14").previous() == span


def test_weeks_stay_monday_to_monday_across_the_clocks_going_back(journal, london):
    # Clocks went back at 02:00 on Sunday 25 October 2026: a 169-hour week.
    span = week_span("2026-W43")
    assert span.end - span.start == timedelta(hours=169)
    add(journal, "2026-10-25 23:30", "Late on Sunday, winter time")
    add(journal, "2026-10-26 00:10", "Monday")
    assert build_report(journal, span)["records"]["count"] == 1
    custom = choose_span(since="2026-10-26", until="2026-11-01")
    assert custom.previous().as_dict()["start"] == "2026-10-19"


# --- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--week", "someday"], ["'someday'", "2026-W47", "last"]),
        (["--week", "2026-W54"], ["2026-W54", "2026-W53"]),
        (["--week", "47"], ["'47'", "2026-W47"]),
        (["--since", "the dawn of time"], ["--since", "'the dawn of time'"]),
        (["--until", "later"], ["--until", "'later'"]),
        (
            ["--since", "2026-11-20", "--until", "2026-11-01"],
            ["--since '2026-11-20'", "--until '2026-11-01'", "earlier than the end"],
        ),
        (["--week", "last", "--since", "2026-11-01"], ["--week", "--since"]),
    ],
)
def test_bad_span_values_get_one_line_and_exit_code_2(cli, journal_path, week_47, args, words):
    before = journal_content(journal_path)
    result = cli("report", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    for word in words:
        assert word in result.stderr
    assert journal_content(journal_path) == before


def test_core_rejects_bad_week():
    with pytest.raises(InvalidValue, match="2026-W47"):
        week_span("next-ish")


# --- formats --------------------------------------------------------------------------------------


def test_markdown_report_has_every_section(cli, week_47):
    result = cli("report", "--week", "2026-W47", "--format", "markdown")
    assert result.exit_code == 0
    for heading in (
        "# Thought record report: 2026-W47",
        "## Summary",
        "## Recurring thoughts",
        "## Distortions",
        "## Emotions",
        "## Triggers",
        "## Belief in the hot thought",
        "## Experiments",
        "## When",
    ):
        assert heading in result.stdout
    assert "| My boss will think I'm difficult | 2 | 1 |" in result.stdout


def test_html_report_is_a_self_contained_page(cli, week_47):
    result = cli("report", "--week", "2026-W47", "--format", "html")
    page = result.stdout
    assert result.exit_code == 0
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<style>" in page and "<svg" in page and "@media print" in page
    assert "http" not in page.replace('lang="en"', "") and "src=" not in page
    assert "My boss will think I&#x27;m difficult" in page


def test_html_escapes_what_the_person_wrote(journal, cli):
    add(journal, "2026-11-16 09:00", "<script>alert(1)</script> they'll laugh", tags=["work"])
    add(journal, "2026-11-17 09:00", "<script>alert(1)</script> they'll laugh", tags=["work"])
    page = cli("report", "--week", "2026-W47", "--format", "html").stdout
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_terminal_format_is_plain_text_when_piped(cli, week_47):
    result = cli("report", "--week", "2026-W47")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "Fortune telling came up 3 times" in result.stdout


def test_terminal_format_uses_rich_on_a_terminal(cli, week_47, monkeypatch):
    from thoughtlog import output

    monkeypatch.setattr(output, "is_terminal", lambda: True)
    result = cli("report", "--week", "2026-W47")
    assert result.exit_code == 0
    assert "Summary" in result.stdout and "Recurring thoughts" in result.stdout
    assert "┃" in result.stdout or "│" in result.stdout


def test_output_file_is_readable_by_its_owner_alone(cli, week_47, tmp_path):
    target = tmp_path / "week.html"
    result = cli("report", "--week", "2026-W47", "--format", "html", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert str(target) in result.stderr
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_existing_output_file_is_made_private(cli, week_47, tmp_path):
    target = tmp_path / "week.md"
    target.write_text("old")
    target.chmod(0o644)
    cli("report", "--week", "2026-W47", "--format", "markdown", "--output", str(target))
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert "old" not in target.read_text()


@pytest.mark.parametrize("format", ["terminal", "markdown", "json", "html"])
def test_an_empty_week_says_so_kindly(cli, format):
    result = cli("report", "--week", "2026-W47", "--format", format)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "No thought records that week." in result.stdout


def test_empty_week_json_keeps_the_contract(cli):
    report = json.loads(cli("report", "--week", "2026-W47", "--format", "json").stdout)
    assert report["records"] == {"count": 0, "completed": 0, "days": 0, "incomplete_ids": []}
    assert (
        report["emotions"]
        == report["distortions"]
        == report["tags"]
        == report["recurring_thoughts"]
        == []
    )
    assert report["belief"] == {"paired": 0, "avg_before": None, "avg_after": None}
    assert report["experiments"]["came_true"] == {"yes": 0, "partly": 0, "no": 0}


def test_report_does_not_change_the_journal(cli, journal_path, week_47):
    before = journal_content(journal_path)
    cli("report", "--week", "2026-W47", "--format", "json")
    assert journal_content(journal_path) == before


def test_report_has_help_with_an_example(cli):
    result = cli("report", "--help")
    assert result.exit_code == 0 and "Example:" in result.stdout and "--week" in result.stdout


# --- before and after reframing: paired --------------------------------------------------------


@pytest.fixture
def one_rerated(journal):
    """One record re-rated 90 -> 70 and four at 10 never re-rated: the feeling eased."""
    add(
        journal,
        "2026-11-16 09:00",
        "I'll mess up the presentation",
        emotions=[("anxious", 90, 70)],
        belief=(90, 70),
    )
    for day in (17, 18, 19, 20):
        add(
            journal,
            f"2026-11-{day} 09:00",
            "Something small went wrong",
            emotions=[("anxious", 10, None)],
            belief=(10, None),
            reframe=None,
        )


EASING = (
    "Your anxiety eased from 90 to 70 on average after reframing, across the one time you rated"
    " it again."
)


def test_ratings_never_rerated_cannot_turn_an_easing_into_a_rise(journal, one_rerated):
    report = build_report(journal, week_span("2026-W47"))
    assert report["emotions"] == [
        {"name": "anxious", "count": 5, "paired": 1, "avg_before": 90.0, "avg_after": 70.0}
    ]
    assert report["belief"] == {"paired": 1, "avg_before": 90.0, "avg_after": 70.0}
    assert EASING in report["summary"]
    assert (
        "Your belief in the hot thought eased from 90 to 70 out of 100 after reframing, across the"
        " one time you rated it again." in report["summary"]
    )
    assert not any("rose" in sentence for sentence in report["summary"])


def flat(text: str) -> str:
    """Text with its line wrapping (rich's or html's) undone, to find a sentence in it."""
    return " ".join(text.replace("<br>", " ").split())


@pytest.mark.parametrize("format", ["terminal", "markdown", "html", "json"])
def test_every_format_tells_the_paired_easing(cli, one_rerated, format, monkeypatch):
    from thoughtlog import output

    monkeypatch.setattr(output, "is_terminal", lambda: format == "terminal")
    monkeypatch.setenv("COLUMNS", "300")
    result = cli("report", "--week", "2026-W47", "--format", format)
    assert result.exit_code == 0
    assert EASING in flat(result.stdout)
    assert "rose" not in result.stdout
    assert not re.search(r"\b26\b", result.stdout)  # the unpaired average of every rating before


def test_markdown_table_shows_how_many_ratings_are_compared(cli, one_rerated):
    page = cli("report", "--week", "2026-W47", "--format", "markdown").stdout
    assert "| Emotion | Times | Rated again | Before | After |  |" in page
    assert "| anxious | 5 | 1 | 90 | 70 |" in page
    assert "Compared across 1 record where you rated your belief again after reframing." in page


def test_without_a_pair_there_is_no_after_and_no_claim_of_change(cli, journal):
    add(
        journal,
        "2026-11-16 09:00",
        "I'll mess up",
        emotions=[("anxious", 80, None)],
        belief=(90, None),
    )
    add(
        journal, "2026-11-17 09:00", "I'll mess up", emotions=[("sad", None, 40)], belief=(None, 30)
    )
    report = json.loads(cli("report", "--week", "2026-W47", "--format", "json").stdout)
    assert report["emotions"] == [
        {"name": "anxious", "count": 1, "paired": 0, "avg_before": 80.0, "avg_after": None},
        {"name": "sad", "count": 1, "paired": 0, "avg_before": None, "avg_after": None},
    ]
    assert report["belief"] == {"paired": 0, "avg_before": 90.0, "avg_after": None}
    for format in ("markdown", "html", "json"):
        page = cli("report", "--week", "2026-W47", "--format", format).stdout
        for claim in ("eased", "rose", "stayed at", "rated it again"):
            assert claim not in page
        if format == "markdown":
            assert "Not yet rated again after reframing" in page


# --- the person's words, shown safely ------------------------------------------------------------

ODD_THOUGHTS = [
    "# [sigh] I'll *fail* again",
    "fine [/s] <img src=x onerror=alert(1)> [link](https://example.com)",
    "- 1. > everyone | saw \x1b[31mit",
]


@pytest.fixture
def odd_words(journal):
    for day, thought in enumerate(ODD_THOUGHTS * 2):
        add(journal, f"2026-11-{16 + day % 3} 09:00", thought, tags=["work"])


def test_terminal_shows_brackets_as_typed_and_control_codes_written_out(
    cli, odd_words, monkeypatch
):
    from thoughtlog import output

    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "300")
    result = cli("report", "--week", "2026-W47")
    assert result.exit_code == 0
    assert "# [sigh] I'll *fail* again" in result.stdout
    assert "fine [/s] <img src=x onerror=alert(1)>" in result.stdout
    assert "saw \\x1b[31mit" in result.stdout and "\x1b[31mit" not in result.stdout


def test_markdown_report_keeps_the_persons_text_literal(cli, odd_words):
    markdown = pytest.importorskip("markdown")
    page = cli("report", "--week", "2026-W47", "--format", "markdown").stdout
    html = markdown.markdown(page, extensions=["tables"])
    assert html.count("<h1>") == 1 and "<img" not in html and "<a " not in html
    assert "<em>" not in html and "<blockquote>" not in html and "<ol>" not in html
    assert "# [sigh] I'll *fail* again" in html  # shown as text, as typed


@pytest.mark.parametrize("format", ["markdown", "html", "terminal"])
def test_no_format_sends_the_persons_control_codes_to_a_terminal(cli, odd_words, format):
    page = cli("report", "--week", "2026-W47", "--format", format).stdout
    assert "\x1b" not in page and "x1b" in page  # written out (in markdown, escaped too)


def test_html_breaks_a_long_unbroken_word_inside_its_cell(cli, journal):
    word = "https://example.com/" + "x" * 100
    for day in (16, 17):
        add(journal, f"2026-11-{day} 09:00", f"They'll read {word}", tags=["work"])
    page = cli("report", "--week", "2026-W47", "--format", "html").stdout
    assert word in page
    assert "overflow-wrap: anywhere" in page  # words break anywhere rather than widen the page
    assert "th { font-weight: 600; color: #555; overflow-wrap: normal; }" in page  # not headings


def test_the_summary_quotes_a_long_thought_shortened(journal):
    thought = "If I say anything at all in the meeting " * 5
    for day in (16, 17):
        add(journal, f"2026-11-{day} 09:00", thought, tags=["work"])
    summary = build_report(journal, week_span("2026-W47"))["summary"]
    quoted = next(sentence for sentence in summary if sentence.startswith("The thought"))
    assert "\u2026\u201d came up twice" in quoted and len(quoted) < 140


# --- one layout, three drawings ------------------------------------------------------------------


def test_every_section_of_the_layout_is_drawn_in_every_format(journal, week_47, monkeypatch):
    import io

    from rich.console import Console

    from thoughtlog import report_formats
    from thoughtlog.report_sections import Bars, layout

    report = build_report(journal, week_span("2026-W47"))
    page = layout(report)
    assert [s.title for s in page.sections][:3] == ["Summary", "Records", "Recurring thoughts"]
    screen = io.StringIO()
    report_formats.draw(report, Console(file=screen, width=200, color_system=None))
    drawings = {
        "terminal": screen.getvalue(),
        "markdown": report_formats.to_markdown(report),
        "html": report_formats.to_html(report).replace("&#x27;", "'"),
    }
    for name, drawing in drawings.items():
        for section in page.sections:
            assert section.title in drawing, (name, section.title)
            for note in section.notes:
                assert note.split(";")[0] in drawing, (name, note)
            for row in section.rows:
                assert isinstance(row[0], str) and row[0] in drawing, (name, row[0])
    bars = [cell for s in page.sections for row in s.rows for cell in row if isinstance(cell, Bars)]
    assert drawings["html"].count("<rect") >= sum(len(cell.bars) for cell in bars)


def test_html_prints_headings_with_their_section_and_bars_in_colour(cli, week_47):
    page = cli("report", "--week", "2026-W47", "--format", "html").stdout
    css = page[page.index("<style>") : page.index("</style>")]
    assert "print-color-adjust: exact" in css
    assert re.search(r"h1, h2 \{[^}]*break-after: avoid", css)
    assert re.search(r"\.legend \{[^}]*break-after: avoid", css)
    assert re.search(r"tr, p \{[^}]*break-inside: avoid", css)
    # Bars and legend swatches are shapes with a fill, which print without background colours.
    assert "background" not in css
    assert page.count('<p class="legend">') == page.count('<p class="legend"><span><svg')


# --- when a step was taken -----------------------------------------------------------------------


def test_a_step_recorded_later_counts_in_the_week_it_was_taken(cli, journal):
    planned = experiment(journal, "2026-11-13 10:00", expected=70)
    result = cli(
        "experiment", "done", str(planned), "--outcome", "She agreed", "--came-true", "no",
        "--distress", "30", "--when", "2026-11-17 10:00",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert journal.get_experiment(planned).done_at.startswith("2026-11-17T10:00")
    taken = json.loads(cli("report", "--week", "2026-W47", "--format", "json").stdout)
    assert taken["experiments"]["done"] == 1 and taken["experiments"]["planned"] == 0
    assert taken["experiments"]["came_true"] == {"yes": 0, "partly": 0, "no": 1}
    this_week = json.loads(cli("report", "--format", "json").stdout)
    assert this_week["experiments"]["done"] == 0


def test_a_step_cannot_be_done_in_the_future(cli, journal, journal_path):
    planned = experiment(journal, "2026-11-13 10:00")
    before = journal_content(journal_path)
    result = cli(
        "experiment", "done", str(planned), "--outcome", "o", "--came-true", "no",
        "--when", "tomorrow 9am",
    )  # fmt: skip
    assert result.exit_code != 0 and result.stdout == ""
    assert result.stderr.startswith("Error: --when 'tomorrow 9am' is still to come")
    assert journal_content(journal_path) == before


WORRIES = (
    "money work home sleep health family friends exams car rent food noise cat dog boss".split()
)
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    not (BROWSER and shutil.which("pdftotext")), reason="needs chromium and poppler"
)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_report_never_leaves_a_heading_alone_at_the_foot_of_a_page(
    journal, tmp_path, paper
):
    import subprocess

    from thoughtlog.report_formats import to_html
    from thoughtlog.report_sections import layout

    # 45 records put a heading at the foot of a page, on A4 and on Letter, when nothing keeps it
    # with its section (found by printing 6 to 90 records on both; one paper is enough here).
    for n in range(45):
        journal.add_record(
            Record(
                situation="A moment.",
                occurred_at=at("2026-11-16 08:00") + timedelta(minutes=400 * n),
                emotions=[Emotion(f"feeling{n % 12}", 80, 50 if n % 2 else None)],
                thoughts=[
                    Thought(f"Worry about {WORRIES[n % 15]}", 80, 40, True, SLUGS[: 1 + n % 5])
                ],
                reframe="A kinder thought.",
                tags=[f"tag{n % 16}", "work"],
            )
        )
    experiment(
        journal, "2026-11-17 09:00", done="2026-11-17 10:00", came_true="no", expected=70, actual=20
    )
    report = build_report(journal, week_span("2026-W47"))
    page = tmp_path / "report.html"
    page.write_text(to_html(report).replace("<style>", "<style>@page { size: A4; }"))
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}",
         "--no-pdf-header-footer", str(page)],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    pages = text.stdout.split("\f")[:-1]
    assert len(pages) > 1
    headings = [section.title for section in layout(report).sections]
    for number, printed in enumerate(pages[:-1], 1):
        last = [line.strip() for line in printed.splitlines() if line.strip()][-1]
        assert not last.startswith(tuple(headings)), f"page {number} ends with {last!r}"


def test_the_report_reads_only_its_spans_through_indexes(journal, week_47):
    """No table is scanned whole: a weekly report costs the same in a journal of any size, and a
    long one what its span holds."""
    statements: list[str] = []
    journal.conn.set_trace_callback(statements.append)
    try:
        build_report(journal, week_span("2026-W47"))
    finally:
        journal.conn.set_trace_callback(None)
    queries = [sql for sql in statements if sql.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert len(queries) >= 10
    for sql in queries:
        plan = [row[3] for row in journal.conn.execute("EXPLAIN QUERY PLAN " + sql)]
        scans = [step for step in plan if step.startswith("SCAN") and "CONSTANT ROW" not in step]
        assert not scans, (sql, plan)


def test_a_long_report_reads_records_feelings_and_thoughts_from_their_indexes(journal, week_47):
    """Over ten years every record of the span is read: the report's queries find what they
    need in the indexes (m008) and leave the rows, with the person's long texts, alone. Only the
    counts of completed records (the reframe) and the thoughts' own words read rows."""
    statements: list[str] = []
    journal.conn.set_trace_callback(statements.append)
    try:
        build_report(journal, choose_span(since="2016-11-01", until="2026-11-30"))
    finally:
        journal.conn.set_trace_callback(None)
    queries = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    steps = []
    for sql in queries:
        for row in journal.conn.execute("EXPLAIN QUERY PLAN " + sql):
            steps.append((row[3], sql))
    reads_rows = {
        "r": lambda sql: "r.reframe" in sql,
        "e": lambda sql: False,
        "t": lambda sql: "t.text" in sql,
    }
    seen = set()
    for step, sql in steps:
        for alias, index in (
            ("r", "records_by_occurred"),
            ("e", "emotions_by_record"),
            ("t", "thoughts_by_record"),
        ):
            if step.startswith(f"SEARCH {alias} USING") and index in step:
                seen.add(alias)
                if not reads_rows[alias](sql):
                    assert f"COVERING INDEX {index}" in step, (sql, step)
    assert seen == {"r", "e", "t"}


@pytest.mark.parametrize("report", ["weekly", "progress"])
def test_a_report_reads_its_span_with_a_small_page_cache_and_gives_the_default_back(
    journal, week_47, monkeypatch, report
):
    """Over years each page is read about once: SQLite's default cache (2,000 KiB) would only
    grow with the span, and its sorters keep as much in memory as the cache holds."""
    from thoughtlog.progress import build_progress, progress_span
    from thoughtlog.storage import progress_figures, report_figures

    def cache_kib() -> int:
        return -journal.conn.execute("PRAGMA cache_size").fetchone()[0]

    seen: list[int] = []
    module, name = {
        "weekly": (report_figures, "record_counts"),
        "progress": (progress_figures, "weekly_records"),
    }[report]
    read = getattr(module, name)

    def noted(*args):
        seen.append(cache_kib())
        return read(*args)

    monkeypatch.setattr(module, name, noted)
    before = cache_kib()
    if report == "weekly":
        build_report(journal, week_span("2026-W47"))
    else:
        build_progress(journal, progress_span(since="2016-11-01", now=at("2026-11-20 12:00")))
    assert seen and set(seen) == {report_figures.SPAN_CACHE_KIB}
    assert cache_kib() == before  # SQLite's default (2,000 KiB; SQLCipher's is larger), given back
    assert before > report_figures.SPAN_CACHE_KIB


def test_record_ids_beyond_two_billion_are_listed_exactly(journal):
    """Ids are held 4 bytes apiece while they fit, and 8 beyond."""
    small = add(journal, "2026-11-17 09:00", "My boss will think I'm difficult")
    # A record in the trash with a large id: SQLite numbers the next one after it.
    journal.conn.execute(
        "INSERT INTO records (id, uuid, occurred_at, occurred_utc, situation, created_at,"
        " updated_at, deleted_at) VALUES (2999999999, 'trashed', ?1, ?2, 'Gone.', ?1, ?1, ?1)",
        [dates.to_text(at("2026-11-01 09:00")), dates.to_utc_text(at("2026-11-01 09:00"))],
    )
    large = add(
        journal, "2026-11-18 09:00", "My manager will think I'm being difficult", reframe=None
    )
    assert large == 3_000_000_000
    report = build_report(journal, week_span("2026-W47"))
    assert report["records"]["incomplete_ids"] == [large]
    (thought,) = report["recurring_thoughts"]
    assert thought["record_ids"] == [small, large]
    assert json.loads(json_text(report))["recurring_thoughts"][0]["record_ids"] == [small, large]


def test_day_weekday_and_hour_are_those_the_person_lived(journal):
    from datetime import timezone

    new_york = timezone(timedelta(hours=-5))
    # 23:30 on Tuesday in New York is Wednesday 04:30 in UTC: it counts as a Tuesday evening.
    journal.add_record(
        Record(situation="Late call.", occurred_at=datetime(2026, 11, 17, 23, 30, tzinfo=new_york))
    )
    add(journal, "2026-11-18 09:00", "Morning worry")
    report = build_report(journal, week_span("2026-W47"))
    assert report["records"]["days"] == 2
    assert report["when"]["counts"][1] == [0, 0, 0, 1]  # Tuesday evening
    assert report["when"]["counts"][2] == [0, 1, 0, 0]  # Wednesday morning
