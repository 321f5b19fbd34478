"""`thoughtlog demo` and the sample journal it shows."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime

import pytest
from conftest import journal_content

from thoughtlog import dates, sample
from thoughtlog.report import build_report, choose_span
from thoughtlog.storage import open_journal


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Where the demo's temporary folder goes, to check it is removed afterwards."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_demo_prints_a_report_and_never_touches_the_journal(cli, journal_path, private_tmp):
    result = cli("demo")
    assert result.exit_code == 0, result.output
    assert "sample data" in result.stderr
    assert "Thought record report" in result.stdout
    assert not journal_path.exists()
    assert list(private_tmp.iterdir()) == []


def test_demo_leaves_an_existing_journal_exactly_as_it_was(cli, journal_path, journal):
    before = journal_content(journal_path)
    assert cli("demo", "--format", "json").exit_code == 0
    assert journal_content(journal_path) == before


def test_demo_report_shows_what_a_person_came_to_read(cli):
    result = cli("demo", "--format", "json")
    report = json.loads(result.stdout)
    top_thought = report["recurring_thoughts"][0]
    assert top_thought["count"] >= 2 and len(top_thought["record_ids"]) == top_thought["count"]
    assert report["distortions"][0]["count"] > 0
    assert report["tags"][0]["tag"] == "work"
    anxious = next(e for e in report["emotions"] if e["name"] == "anxious")
    assert anxious["avg_after"] < anxious["avg_before"]
    assert report["experiments"]["done"] >= 2
    summary = " ".join(report["summary"])
    assert top_thought["text"] in summary
    assert report["distortions"][0]["name"] in summary
    assert "trigger was work" in summary
    assert "anxiety eased" in summary
    assert "The outcome you feared came true in 0 of 2 experiments" in summary


@pytest.mark.parametrize("format", ["terminal", "markdown", "html"])
def test_demo_renders_in_every_format(cli, format):
    result = cli("demo", "--format", format, "--week", "last")
    assert result.exit_code == 0
    assert "Recurring thoughts" in result.stdout


def test_demo_rejects_a_bad_week(cli, journal_path):
    result = cli("demo", "--week", "soon")
    assert result.exit_code == 2 and "'soon'" in result.stderr
    assert not journal_path.exists()


def sample_report(tmp_path, now: datetime, name: str) -> dict:
    with open_journal(tmp_path / name) as journal:
        sample.build(journal, now=now)
        return build_report(journal, choose_span(now=now), now=now)


@pytest.mark.parametrize("now", ["2026-11-23 00:30", "2026-11-26 15:00", "2026-11-29 23:50"])
def test_the_current_week_has_content_whatever_the_day(tmp_path, now):
    report = sample_report(tmp_path, dates.local(datetime.fromisoformat(now)), "sample.db")
    assert report["period"]["label"] == "2026-W48"
    assert report["records"]["count"] == 6
    assert report["previous_period"]["records"] == 4


def test_the_sample_is_the_same_for_the_same_now(tmp_path):
    now = dates.local(datetime(2026, 11, 25, 9, 0))
    first = sample_report(tmp_path, now, "first.db")
    second = sample_report(tmp_path, now, "second.db")
    assert first == second
    with open_journal(tmp_path / "first.db") as journal:
        assert len(journal.list_records()) == sum(len(week) for week in sample.SCHEDULE)
        assert journal.list_records()[-1].occurred_at.date().isoformat() == "2026-10-19"


def test_demo_compares_feelings_and_belief_over_the_same_ratings(tmp_path):
    now = dates.local(datetime(2026, 11, 25, 9, 0))
    with open_journal(tmp_path / "sample.db") as journal:
        sample.build(journal, now=now)
        span = choose_span(now=now)
        report = build_report(journal, span, now=now)
        records = [r for r in journal.list_records() if span.holds(r.occurred_at)]
    pairs = [
        (e.before, e.after)
        for r in records
        for e in r.emotions
        if e.name == "anxious" and e.after is not None
    ]
    anxious = next(e for e in report["emotions"] if e["name"] == "anxious")
    assert 0 < anxious["paired"] == len(pairs) < anxious["count"]  # the sample has an unpaired one
    assert anxious["avg_before"] == round(sum(b for b, _ in pairs) / len(pairs), 1)
    assert anxious["avg_after"] == round(sum(a for _, a in pairs) / len(pairs), 1)
    assert report["belief"]["paired"] == sum(
        r.hot_thought.belief_after is not None for r in records
    )
