"""Check-ins and the safety plan travel in the JSON export (version 2) and merge back by uuid."""

from __future__ import annotations

import json

from thoughtlog.safety import SafetyPlan
from thoughtlog.storage import open_journal

CRISIS = "your local emergency number (112 in Europe, 911 in North America, 999 in the UK)"


def _export(cli, tmp_path, name="out.json"):
    target = tmp_path / name
    result = cli("export", "--format", "json", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    return target


def test_export_carries_checkins_and_the_plan_as_version_2(cli, journal_path, tmp_path):
    cli("checkin", "gad7", "--answers", "1,2,1,0,0,1,1")
    with open_journal(journal_path) as opened:
        opened.save_plan(SafetyPlan({"reasons_for_living": ["my cat"]}))
    exported = json.loads(_export(cli, tmp_path).read_text())
    assert exported["version"] == 2
    (checkin,) = exported["checkins"]
    assert checkin["answers"] == [1, 2, 1, 0, 0, 1, 1] and checkin["band"] == "mild"
    assert exported["safety_plan"]["reasons_for_living"] == ["my cat"]


def test_import_into_another_journal_merges_by_uuid_and_never_duplicates(cli, tmp_path):
    cli("checkin", "who5", "--answers", "3,3,3,3,3")
    with open_journal(tmp_path / "journal" / "journal.db") as opened:
        opened.save_plan(SafetyPlan({"ask_for_help": ["Ana"]}))
    exported = _export(cli, tmp_path)
    other = tmp_path / "other.db"
    first = cli("--db", str(other), "import", str(exported))
    assert first.exit_code == 0, first.stderr
    assert "Check-ins: 1 added, 0 already here." in first.stderr
    assert "safety plan was brought up to date" in first.stderr
    again = cli("--db", str(other), "import", str(exported), "--json")
    counts = json.loads(again.stdout)
    assert counts["checkins"] == {"added": 0, "unchanged": 1}
    assert counts["safety_plan_updated"] is False
    with open_journal(other) as opened:
        assert len(opened.list_checkins()) == 1
        assert opened.get_plan().parts["ask_for_help"] == ["Ana"]
    # The copy help-now reads came with it.
    assert "Ana" in cli("--db", str(other), "help-now").stdout


def test_importing_an_item9_checkin_shows_the_crisis_lines_first(cli, tmp_path):
    cli("checkin", "phq9", "--answers", "0,0,0,0,0,0,0,0,2")
    exported = _export(cli, tmp_path)
    result = cli("--db", str(tmp_path / "other.db"), "import", str(exported))
    assert result.exit_code == 0
    assert result.stderr.index(CRISIS) < result.stderr.index("Imported")


def test_a_dry_run_import_of_item9_changes_nothing_and_shows_no_alarm(cli, tmp_path):
    cli("checkin", "phq9", "--answers", "0,0,0,0,0,0,0,0,2")
    exported = _export(cli, tmp_path)
    other = tmp_path / "other.db"
    result = cli("--db", str(other), "import", str(exported), "--dry-run")
    assert result.exit_code == 0 and CRISIS not in result.stderr
    with open_journal(other) as opened:
        assert opened.list_checkins() == []


def test_a_version_1_export_still_imports(cli, tmp_path):
    old = tmp_path / "old.json"
    old.write_text(
        '{"format": "thoughtlog", "version": 1, "exported_at": "2026-01-01T10:00:00+00:00",'
        ' "records": [{"situation": "Team meeting", "occurred_at": "2026-01-01T09:00:00+00:00",'
        ' "emotions": [{"name": "anxious", "before": 70}]}], "experiments": []}'
    )
    result = cli("import", str(old))
    assert result.exit_code == 0, result.stderr
    assert "1 added" in result.stderr


def test_import_refuses_a_checkin_answer_out_of_its_scale_and_imports_nothing(
    cli, journal_path, tmp_path
):
    cli("checkin", "gad7", "--answers", "0,0,0,0,0,0,0")
    exported = _export(cli, tmp_path)
    data = json.loads(exported.read_text())
    data["checkins"][0]["answers"][3] = 4
    data["checkins"][0]["uuid"] = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    exported.write_text(json.dumps(data))
    result = cli("import", str(exported))
    assert result.exit_code == 2
    assert "Check-in 1: Answer 4 can't be 4" in result.stderr
    assert "Nothing was imported." in result.stderr
    with open_journal(journal_path) as opened:
        assert len(opened.list_checkins()) == 1


def test_an_older_plan_in_a_file_never_replaces_a_newer_one(cli, journal_path, tmp_path):
    with open_journal(journal_path) as opened:
        opened.save_plan(SafetyPlan({"ask_for_help": ["old"]}))
    exported = _export(cli, tmp_path)
    with open_journal(journal_path) as opened:
        opened.save_plan(SafetyPlan({"ask_for_help": ["new"]}, uuid=opened.get_plan().uuid))
    cli("import", str(exported))
    with open_journal(journal_path) as opened:
        assert opened.get_plan().parts["ask_for_help"] == ["new"]


def test_calm_sessions_travel_and_merge_once(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("thoughtlog.commands.calm.sleep", lambda seconds: None)
    cli("calm", "--rounds", "1", "--before", "70", "--after", "40")
    exported = _export(cli, tmp_path)
    assert json.loads(exported.read_text())["calm_sessions"][0]["before"] == 70
    other = tmp_path / "other.db"
    cli("--db", str(other), "import", str(exported))
    cli("--db", str(other), "import", str(exported))
    with open_journal(other) as opened:
        assert [(s.before, s.after) for s in opened.list_calm()] == [(70, 40)]
