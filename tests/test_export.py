"""Export: the record CSV, the long tables, the JSON and markdown, filters and private files."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime, timedelta, timezone

import pytest

from thoughtlog import exchange
from thoughtlog.model import Emotion, Experiment, Record, Thought

TZ = timezone(timedelta(hours=1))

DESIGN_COLUMNS = [
    "id",
    "uuid",
    "occurred_at",
    "situation",
    "emotions",
    "thoughts",
    "hot_thought",
    "belief_before",
    "belief_after",
    "distortions",
    "behaviour",
    "evidence_for",
    "evidence_against",
    "reframe",
    "reframe_belief",
    "tags",
    "created_at",
    "updated_at",
]


def meeting(**changes) -> Record:
    record = Record(
        situation="Team meeting; my boss asked for objections",
        occurred_at=datetime(2026, 11, 16, 9, 30, tzinfo=TZ),
        emotions=[Emotion("anxious", 80, 45), Emotion("ashamed", 60)],
        thoughts=[
            Thought("If I disagree I'll be reprimanded", 85, 40, True, ["fortune-telling"]),
            Thought("She thinks I'm difficult", 60, None, False, ["mind-reading", "labeling"]),
        ],
        behaviour="Stayed quiet",
        evidence_for="She frowned last time",
        evidence_against="Nobody was reprimanded for asking questions",
        reframe="Disagreeing politely is part of the job",
        reframe_belief=70,
        tags=["work", "boss"],
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_the_design_columns_in_order(cli, journal):
    journal.add_record(meeting())
    result = cli("export")
    assert result.exit_code == 0
    assert next(csv.reader(io.StringIO(result.stdout))) == DESIGN_COLUMNS


def test_csv_has_one_row_per_record_that_matches_the_journal(cli, journal):
    first = meeting()
    journal.add_record(first)
    journal.add_record(
        meeting(
            situation="Lunch, alone",
            thoughts=[],
            emotions=[],
            tags=[],
            reframe=None,
            reframe_belief=None,
            occurred_at=datetime(2026, 11, 17, 12, 0, tzinfo=TZ),
        )
    )
    exported = rows(cli("export").stdout)
    assert len(exported) == 2
    row = exported[0]
    assert row == {
        "id": str(first.id),
        "uuid": first.uuid,
        "occurred_at": "2026-11-16T09:30:00+01:00",
        "situation": "Team meeting; my boss asked for objections",
        "emotions": "anxious=80→45; ashamed=60",
        "thoughts": "If I disagree I'll be reprimanded=85→40 [fortune-telling]; "
        "She thinks I'm difficult=60 [mind-reading, labeling]",
        "hot_thought": "If I disagree I'll be reprimanded",
        "belief_before": "85",
        "belief_after": "40",
        "distortions": "fortune-telling",
        "behaviour": "Stayed quiet",
        "evidence_for": "She frowned last time",
        "evidence_against": "Nobody was reprimanded for asking questions",
        "reframe": "Disagreeing politely is part of the job",
        "reframe_belief": "70",
        "tags": "work; boss",
        "created_at": first.created_at,
        "updated_at": first.updated_at,
    }
    assert exported[1]["situation"] == "Lunch, alone"
    assert exported[1]["thoughts"] == exported[1]["reframe"] == ""


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas(cli, journal, start):
    journal.add_record(meeting(situation=f'{start}HYPERLINK("http://evil")', tags=[]))
    row = rows(cli("export").stdout)[0]
    assert row["situation"] == f'\'{start}HYPERLINK("http://evil")'


def test_csv_marks_a_hot_thought_that_is_not_the_first(cli, journal):
    journal.add_record(
        meeting(thoughts=[Thought("First"), Thought("*Second; with = and [x]", hot=True)])
    )
    row = rows(cli("export").stdout)[0]
    assert row["thoughts"] == r"First; *\*Second\; with \= and \[x]"
    assert row["hot_thought"] == "*Second; with = and [x]"


def test_excel_adds_a_byte_order_mark(cli, journal):
    journal.add_record(meeting())
    assert cli("export", "--excel").stdout_bytes.startswith(b"\xef\xbb\xbfid,uuid,")
    assert cli("export").stdout_bytes.startswith(b"id,uuid,")


def test_export_file_is_readable_by_the_owner_alone(cli, journal, tmp_path):
    journal.add_record(meeting())
    target = tmp_path / "journal.csv"
    target.write_text("an older export")
    target.chmod(0o644)
    old_umask = os.umask(0)
    try:
        result = cli("export", "--output", str(target))
    finally:
        os.umask(old_umask)
    assert result.exit_code == 0
    assert "Exported 1 record to" in result.stderr
    assert target.stat().st_mode & 0o777 == 0o600
    assert rows(target.read_text(encoding="utf-8"))[0]["situation"].startswith("Team meeting")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_to_a_missing_folder_says_so(cli, journal, tmp_path):
    result = cli("export", "-o", str(tmp_path / "nowhere" / "out.csv"))
    assert result.exit_code == 1
    assert "Couldn't write" in result.stderr


def test_filters_narrow_every_export(cli, journal):
    journal.add_record(meeting(occurred_at=datetime(2026, 11, 2, 9, 0, tzinfo=TZ), tags=["home"]))
    journal.add_record(meeting(occurred_at=datetime(2026, 11, 16, 9, 0, tzinfo=TZ), tags=["work"]))
    journal.add_record(meeting(occurred_at=datetime(2026, 11, 20, 9, 0, tzinfo=TZ), tags=["work"]))

    def days(*options: str) -> list[str]:
        return [r["occurred_at"][:10] for r in rows(cli("export", *options).stdout)]

    assert days("--since", "2026-11-10") == ["2026-11-16", "2026-11-20"]
    assert days("--until", "2026-11-16") == ["2026-11-02", "2026-11-16"]
    assert days("--tag", "work", "--until", "2026-11-18") == ["2026-11-16"]
    exported = json.loads(cli("export", "--format", "json", "--tag", "home").stdout)
    assert [r["tags"] for r in exported["records"]] == [["home"]]


def test_json_has_the_design_shape(cli, journal):
    record = meeting()
    journal.add_record(record)
    journal.add_experiment(
        Experiment(
            belief="If I disagree my boss will reprimand me",
            plan="Say one thing",
            confidence_before=80,
            expected_distress=70,
            record_id=record.id,
        )
    )
    exported = json.loads(cli("export", "--format", "json").stdout)
    assert list(exported)[:3] == ["format", "version", "exported_at"]
    assert (exported["format"], exported["version"]) == ("thoughtlog", 2)
    assert exported["records"] == [journal.get_record(record.id).to_dict()]
    assert set(exported["records"][0]) >= {
        "uuid",
        "occurred_at",
        "created_at",
        "updated_at",
        "situation",
        "behaviour",
        "emotions",
        "thoughts",
        "evidence_for",
        "evidence_against",
        "reframe",
        "reframe_belief",
        "tags",
    }
    assert exported["records"][0]["thoughts"][0] == {
        "text": "If I disagree I'll be reprimanded",
        "belief_before": 85,
        "belief_after": 40,
        "hot": True,
        "distortions": ["fortune-telling"],
    }
    (experiment,) = exported["experiments"]
    assert experiment["record_uuid"] == record.uuid
    assert set(experiment) >= {
        "uuid",
        "record_uuid",
        "belief",
        "confidence_before",
        "plan",
        "planned_for",
        "expected_distress",
        "status",
        "done_at",
        "outcome",
        "came_true",
        "actual_distress",
        "learned",
        "confidence_after",
        "with",
        "feared_reaction",
        "p_feared",
        "safety_behaviours",
        "reaction",
        "safety_used",
        "surprise",
    }


def test_json_experiments_are_exactly_as_show_json_shapes_them(cli, journal):
    record = meeting()
    journal.add_record(record)
    journal.add_experiment(Experiment(belief="Nobody will come 😟", plan="Invite two friends"))
    journal.add_experiment(
        Experiment(
            belief='She\'ll say "no"\n\tand leave',
            plan="=Ask once",
            confidence_before=80,
            planned_for=datetime(2026, 11, 20, 18, 30, tzinfo=timezone(timedelta(hours=-5))),
            expected_distress=70,
            record_id=record.id,
            status="done",
            done_at="2026-11-20T19:00:00+00:00",
            outcome="She said yes",
            came_true="no",
            actual_distress=30,
            learned="Asking is survivable",
            confidence_after=20,
            with_="my sister",
            feared_reaction="She frowns",
            p_feared=60,
            safety_behaviours=["rehearse", "look away"],
            reaction="praise",
            safety_used=[],
            surprise=70,
        )
    )
    exported = json.loads(cli("export", "--format", "json").stdout)["experiments"]
    expected = [experiment.to_dict() for experiment in journal.iter_experiments()]
    # Written again, the same text: the same keys in the same order, [] apart from null.
    assert json.dumps(exported) == json.dumps(expected)
    assert [e["safety_used"] for e in exported] == [None, []]


def test_json_of_an_empty_journal_is_still_an_export(cli):
    exported = json.loads(cli("export", "--format", "json").stdout)
    assert (exported["records"], exported["experiments"]) == ([], [])


def test_json_is_written_record_by_record():
    out = io.StringIO()
    written_before: list[int] = []

    def records():
        for day in range(1, 4):
            written_before.append(len(out.getvalue()))
            record = meeting(occurred_at=datetime(2026, 11, day, tzinfo=TZ), uuid=f"uuid-{day}")
            yield 1, json.dumps(record.to_dict())

    exchange.write_json(records(), iter([]), out)
    assert written_before[0] < written_before[1] < written_before[2]
    assert len(json.loads(out.getvalue())["records"]) == 3


def test_markdown_lays_out_each_record_as_a_worksheet(cli, journal):
    journal.add_record(meeting())
    text = cli("export", "--format", "markdown").stdout
    assert text.startswith("# Thought records\n")
    assert "## Record 1 · Mon 16 Nov 2026, 09:30 · complete" in text
    for heading in (
        "Situation",
        "Emotions",
        "Automatic thoughts",
        "Evidence for",
        "Balanced thought",
    ):
        assert f"### {heading}\n" in text
    assert "- anxious 80 → 45\n" in text
    assert "  - thinking traps: mind-reading, labeling\n" in text


def test_emotions_table_has_one_row_per_emotion(cli, journal):
    record = meeting()
    journal.add_record(record)
    table = rows(cli("export", "--table", "emotions").stdout)
    assert table == [
        {
            "record_id": "1",
            "uuid": record.uuid,
            "occurred_at": "2026-11-16T09:30:00+01:00",
            "emotion": "anxious",
            "intensity_before": "80",
            "intensity_after": "45",
        },
        {
            "record_id": "1",
            "uuid": record.uuid,
            "occurred_at": "2026-11-16T09:30:00+01:00",
            "emotion": "ashamed",
            "intensity_before": "60",
            "intensity_after": "",
        },
    ]


def test_thoughts_distortions_and_tags_tables_have_one_row_per_item(cli, journal):
    journal.add_record(meeting())
    thoughts = rows(cli("export", "--table", "thoughts").stdout)
    assert [(t["position"], t["hot"], t["belief_before"]) for t in thoughts] == [
        ("1", "true", "85"),
        ("2", "false", "60"),
    ]
    traps = rows(cli("export", "--table", "distortions").stdout)
    assert [(t["thought_position"], t["distortion"]) for t in traps] == [
        ("1", "fortune-telling"),
        ("2", "mind-reading"),
        ("2", "labeling"),
    ]
    assert [t["tag"] for t in rows(cli("export", "--table", "tags").stdout)] == ["work", "boss"]
    assert all(set(r) >= {"record_id", "uuid"} for r in thoughts + traps)


def test_experiments_table_carries_the_record_id_and_uuid(cli, journal):
    record = meeting()
    journal.add_record(record)
    journal.add_experiment(
        Experiment(belief="I'll be reprimanded", plan="=Say one thing", record_id=record.id)
    )
    journal.add_experiment(Experiment(belief="Nobody will come", plan="Invite two friends"))
    table = rows(cli("export", "--table", "experiments").stdout)
    assert [(e["record_id"], e["record_uuid"]) for e in table] == [("1", record.uuid), ("", "")]
    assert table[0]["plan"] == "'=Say one thing"


def test_table_and_excel_go_with_csv_only(cli):
    result = cli("export", "--format", "json", "--table", "tags")
    assert result.exit_code == 2
    assert "--table goes with --format csv" in result.stderr
    result = cli("export", "--format", "markdown", "--excel")
    assert result.exit_code == 2
    assert "--excel goes with --format csv" in result.stderr


def test_export_rejects_a_date_it_cannot_read(cli):
    result = cli("export", "--since", "the day after never")
    assert result.exit_code == 2
    assert "the day after never" in result.stderr


def test_export_to_stdout_leaves_stdout_usable(cli, journal):
    journal.add_record(meeting())
    result = cli("export", "--format", "json")
    assert result.stdout.endswith("}\n")


def test_export_reads_each_records_parts_through_indexes_without_sorting_them(journal):
    from thoughtlog.storage import RecordFilter

    for day in range(1, 4):
        journal.add_record(meeting(occurred_at=datetime(2026, 11, day, tzinfo=TZ)))
    statements: list[str] = []
    journal.conn.set_trace_callback(statements.append)
    for filters in (None, RecordFilter(tags=["work"], since=datetime(2026, 11, 2, tzinfo=TZ))):
        list(journal.record_json_runs(filters, separator=exchange.RECORD_SEPARATOR))
        list(journal.record_csv_runs(filters, **exchange.csv_syntax()))
    journal.conn.set_trace_callback(None)
    plans = [
        row[3]
        for sql in statements
        if sql.lstrip().upper().startswith("SELECT")
        for row in journal.conn.execute("EXPLAIN QUERY PLAN " + sql)
    ]
    # A sort here would be one per record (or per thought): tags and thinking traps come in
    # the order written through an index on their record or thought alone.
    assert [plan for plan in plans if "TEMP B-TREE" in plan] == []
    for table in ("emotions", "thoughts", "thought_distortions", "record_tags"):
        assert not [plan for plan in plans if plan.startswith(f"SCAN {table}")]
