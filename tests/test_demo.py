"""`thoughtlog demo` and the six-month sample journal it shows."""

from __future__ import annotations

import html
import json
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from conftest import journal_content
from hypothesis import given, settings
from hypothesis import strategies as st

from thoughtlog import checkins, dates, sample
from thoughtlog.beliefs import Belief
from thoughtlog.errors import InvalidValue
from thoughtlog.progress import build_progress, progress_span
from thoughtlog.report import build_report, choose_span
from thoughtlog.storage import Journal, open_journal
from thoughtlog.storage.beliefs import list_beliefs

SUNDAY_NIGHT = "2026-11-29 23:50"  # the end of ISO week 2026-W48: the whole week has happened
MONDAY_MORNING = "2026-11-23 08:00"  # the start of 2026-W48: nothing of it yet
TUESDAY_NOON = "2026-11-24 12:00"


def at(text: str) -> datetime:
    return dates.local(datetime.fromisoformat(text))


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Where the demo's temporary folder goes, to check it is removed afterwards."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def sunday_night(monkeypatch):
    """The demo run at the very end of a week, so what it shows does not hang on today's date."""
    monkeypatch.setattr(dates, "now_local", lambda: at(SUNDAY_NIGHT))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The sample built once per moment for the tests that only read it."""
    folder = tmp_path_factory.mktemp("samples")
    paths = {}
    for now in (SUNDAY_NIGHT, MONDAY_MORNING, TUESDAY_NOON):
        paths[now] = folder / f"{now[:10]}.db"
        with open_journal(paths[now]) as journal:
            sample.build(journal, now=at(now))
    return paths


@pytest.fixture
def sample_at(built):
    def opened(now: str) -> Journal:
        return open_journal(built[now])

    return opened


def belief(journal: Journal) -> Belief:
    (only,) = list_beliefs(journal)
    from thoughtlog.storage.beliefs import get_belief

    return get_belief(journal, only.id)


# --- the command ----------------------------------------------------------------------------------


def test_demo_prints_a_report_and_never_touches_the_journal(cli, journal_path, private_tmp):
    result = cli("demo")
    assert result.exit_code == 0, result.output
    assert "sample data" in result.stderr
    assert "Thought record report" in result.stdout
    assert not journal_path.exists()
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize("extra", [[], ["--progress"]])
def test_demo_leaves_an_existing_journal_exactly_as_it_was(cli, journal_path, journal, extra):
    before = journal_content(journal_path)
    assert cli("demo", "--format", "json", *extra).exit_code == 0
    assert journal_content(journal_path) == before


def test_demo_report_shows_what_a_person_came_to_read(cli, sunday_night):
    report = json.loads(cli("demo", "--format", "json").stdout)
    assert report["period"]["label"] == "2026-W48"
    top_thought = report["recurring_thoughts"][0]
    assert top_thought["count"] >= 2 and len(top_thought["record_ids"]) == top_thought["count"]
    assert report["distortions"][0]["count"] > 0
    assert report["tags"][0]["tag"] == "work"
    anxious = next(e for e in report["emotions"] if e["name"] == "anxious")
    assert anxious["avg_after"] < anxious["avg_before"]
    assert report["experiments"]["done"] == 1 and report["experiments"]["planned"] == 2
    summary = " ".join(report["summary"])
    assert top_thought["text"] in summary
    assert "trigger was work" in summary
    assert "anxiety eased" in summary
    assert "The outcome you feared came true in 0 of 1 experiment" in summary


@pytest.mark.parametrize("format", ["terminal", "markdown", "html"])
def test_demo_renders_in_every_format(cli, format):
    result = cli("demo", "--format", format, "--week", "last")
    assert result.exit_code == 0
    assert "Recurring thoughts" in result.stdout


@pytest.mark.parametrize("format", ["terminal", "markdown", "html", "json"])
def test_demo_progress_renders_the_six_months_in_every_format(cli, sunday_night, format):
    result = cli("demo", "--progress", "--format", format)
    assert result.exit_code == 0, result.stderr
    assert "six made-up months" in result.stderr
    assert sample.OLD_RULE in html.unescape(result.stdout).replace("\u2019", "'")
    if format == "json":
        assert len(json.loads(result.stdout)["weeks"]) == sample.WEEKS
    if format == "html":
        assert result.stdout.count("<svg") >= 3


def test_demo_progress_writes_a_file_and_says_where(cli, tmp_path, sunday_night):
    target = tmp_path / "progress.html"
    result = cli("demo", "--progress", "--format", "html", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"written to {target}" in result.stderr


def test_demo_rejects_a_bad_week(cli, journal_path):
    result = cli("demo", "--week", "soon")
    assert result.exit_code == 2 and "'soon'" in result.stderr
    assert not journal_path.exists()


def test_demo_refuses_a_week_with_progress_in_one_line(cli, journal_path):
    result = cli("demo", "--progress", "--week", "last")
    assert result.exit_code == InvalidValue.exit_code
    assert result.stderr.startswith("Error: --week chooses a week of the weekly report")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not journal_path.exists()


def test_demo_on_a_monday_morning_points_to_a_whole_week(cli, monkeypatch):
    monkeypatch.setattr(dates, "now_local", lambda: at(MONDAY_MORNING))
    result = cli("demo", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["records"]["count"] == 0
    assert "thoughtlog demo --week last" in result.stderr


# --- nothing after now ----------------------------------------------------------------------------


def moments(journal: Journal) -> list[tuple[str, datetime]]:
    """Every moment the sample dates something at: records, steps, ratings, evidence, check-ins."""
    found = [("record", r.occurred_at) for r in journal.list_records()]
    for step in journal.list_experiments():
        found.append(("planned", step.planned_for))
        if step.done_at:
            found.append(("done", dates.from_text(step.done_at)))
    rule = belief(journal)
    found += [("rating", dates.from_text(r.at)) for r in rule.ratings]
    found += [("evidence", dates.from_text(e.at)) for e in rule.evidence]
    found += [("check-in", c.at) for c in journal.list_checkins()]
    return found


def planned_moments(planned: sample.Sample) -> list[datetime]:
    found = [r.occurred_at for r in planned.records] + [c.at for c in planned.checkins]
    for step, _ in planned.steps:
        found.append(step.planned_for)
        if step.done_at:
            found.append(dates.from_text(step.done_at))
    found += [dates.from_text(r.at) for r in planned.belief.ratings]
    found += [dates.from_text(e.at) for e in planned.belief.evidence]
    return found


@settings(max_examples=25, deadline=None)
@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)))
def test_for_any_now_the_sample_is_the_same_and_dates_nothing_later(naive):
    now = dates.local(naive, gap_ok=True)
    planned = sample.sample_at(now)
    assert max(planned_moments(planned)) <= now
    assert planned == sample.sample_at(now)
    assert len(planned.records) >= sum(len(week.split()) for week in sample.SCHEDULE[:-1])


@pytest.mark.parametrize("now", [MONDAY_MORNING, TUESDAY_NOON, SUNDAY_NIGHT])
def test_the_sample_dates_nothing_after_the_moment_it_runs(sample_at, now):
    with sample_at(now) as journal:
        later = [(kind, moment) for kind, moment in moments(journal) if moment > at(now)]
    assert later == []


def test_on_a_monday_morning_this_week_is_still_empty(sample_at):
    with sample_at(MONDAY_MORNING) as journal:
        report = build_report(journal, choose_span(now=at(MONDAY_MORNING)), now=at(MONDAY_MORNING))
    assert report["records"]["count"] == 0 and report["experiments"]["planned"] == 0
    assert report["previous_period"]["records"] > 0


def test_on_a_tuesday_a_step_planned_for_later_is_not_there_yet(sample_at):
    with sample_at(TUESDAY_NOON) as journal:
        this_week = [
            s for s in journal.list_experiments() if s.planned_for >= at("2026-11-23 00:00")
        ]
    # Tuesday's 11:00 step is planned; written down at 11:50, it is done; Friday's isn't there.
    assert [(s.planned_for.weekday(), s.status) for s in this_week] == [(1, "done")]


def test_on_a_sunday_night_the_whole_week_is_there_with_one_step_still_waiting(sample_at):
    with sample_at(SUNDAY_NIGHT) as journal:
        report = build_report(journal, choose_span(now=at(SUNDAY_NIGHT)), now=at(SUNDAY_NIGHT))
        waiting = [s for s in journal.list_experiments() if not s.done]
    assert report["records"]["count"] == len(sample.SCHEDULE[-1].split())
    assert [s.plan for s in waiting] == [sample.STEPS[-1].plan]


def test_the_sample_is_the_same_for_the_same_now(tmp_path, sample_at):
    now = at(SUNDAY_NIGHT)
    with open_journal(tmp_path / "again.db") as again, sample_at(SUNDAY_NIGHT) as first:
        sample.build(again, now=now)
        for journal in (again, first):
            assert journal.list_records()[-1].occurred_at.date().isoformat() == "2026-06-01"
        assert build_report(first, choose_span(now=now), now=now) == build_report(
            again, choose_span(now=now), now=now
        )
        assert build_progress(first, progress_span(now=now)) == build_progress(
            again, progress_span(now=now)
        )


# --- the story the six months tell ----------------------------------------------------------------


@pytest.fixture(scope="module")
def progress(built) -> dict:
    with open_journal(built[SUNDAY_NIGHT]) as journal:
        return build_progress(journal, progress_span(now=at(SUNDAY_NIGHT)))


def test_the_old_belief_fades_and_the_new_one_grows_month_by_month(progress):
    (rule,) = progress["beliefs"]
    assert rule["text"] == sample.OLD_RULE
    assert (rule["first"]["old"], rule["first"]["new"]) == (90, 10)
    assert (rule["last"]["old"], rule["last"]["new"]) == (40, 65)
    old = [r["old"] for r in rule["ratings"]]
    new = [r["new"] for r in rule["ratings"]]
    assert len(old) >= 6 and old == sorted(old, reverse=True) and new == sorted(new)


def test_the_feared_reaction_comes_in_few_steps(progress):
    steps = progress["steps"]
    assert steps["done"] >= 20
    assert 0 < steps["feared_came"] <= steps["done"] // 8
    withs = {row["with"] for row in steps["by_with"]}
    assert {"boss", "colleague", "partner"} <= withs


def test_predictions_come_closer_to_what_happens(progress):
    weeks = [w for w in progress["weeks"] if w["avg_p_feared"] is not None]
    half = len(weeks) // 2

    def gap(part: list[dict]) -> float:
        predicted = sum(w["avg_p_feared"] for w in part) / len(part)
        came = sum(w["feared_came"] for w in part) / sum(w["steps_done"] for w in part)
        return predicted - 100 * came

    assert weeks[0]["avg_p_feared"] >= 75 and weeks[-1]["avg_p_feared"] <= 35
    assert gap(weeks[half:]) < gap(weeks[:half]) / 1.5


def test_safety_behaviours_are_dropped_and_surprise_fades(sample_at):
    with sample_at(SUNDAY_NIGHT) as journal:
        done = [s for s in journal.list_experiments() if s.done]
    done.sort(key=lambda s: s.done_at)
    third = len(done) // 3
    early, late = done[:third], done[-third:]
    assert all(s.safety_used for s in early) and not any(s.safety_used for s in late)
    assert sum(s.surprise for s in late) < sum(s.surprise for s in early)
    assert {s.reaction for s in done} <= {
        "praise",
        "agreement",
        "neutral",
        "disagreement",
        "criticism",
    }


def test_the_sample_reads_as_written_by_a_person_not_a_template(sample_at):
    with sample_at(SUNDAY_NIGHT) as journal:
        records = journal.list_records()
        steps = journal.list_experiments()
        rule = belief(journal)
        taken = journal.list_checkins()
    assert len({r.situation for r in records}) >= 25
    assert len({(r.situation, r.hot_thought.text) for r in records}) >= len(records) * 0.6
    assert len({s.outcome for s in steps if s.done}) == sum(s.done for s in steps)
    assert len({e.text for e in rule.evidence}) == len(rule.evidence) >= 10
    assert 3 <= len(taken) and {c.kind for c in taken} <= set(checkins.KINDS)
    assert all(c.item9 in (None, 0) for c in taken)  # a demo never shows a crisis answer
