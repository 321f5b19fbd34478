"""Import: round trips through JSON and CSV, idempotent merges, bad files that change nothing."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
import threading
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import journal_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thoughtlog import exchange
from thoughtlog.distortions import CATALOGUE
from thoughtlog.errors import InvalidValue
from thoughtlog.model import Emotion, Experiment, Record, Thought, emotion_name, tag_name
from thoughtlog.storage import open_journal

TZ = timezone(timedelta(hours=1))


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
        reframe="Disagreeing politely is part of the job",
        reframe_belief=70,
        tags=["work", "boss"],
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def fill(journal) -> Record:
    """Two records and two experiments, one of them linked, as a small real journal holds them."""
    first = meeting()
    journal.add_record(first)
    journal.add_record(
        meeting(
            situation="Lunch alone, saw colleagues laughing",
            occurred_at=datetime(2026, 11, 17, 12, 5, tzinfo=TZ),
            emotions=[Emotion("lonely", 70)],
            thoughts=[Thought("They're laughing at me", 90)],
            reframe=None,
            reframe_belief=None,
            tags=[],
        )
    )
    journal.add_experiment(
        Experiment(
            belief="If I disagree my boss will reprimand me",
            plan="Say one thing in Monday's meeting",
            confidence_before=80,
            expected_distress=70,
            record_id=first.id,
            planned_for=datetime(2026, 11, 23, 9, 0, tzinfo=TZ),
        )
    )
    journal.add_experiment(Experiment(belief="Nobody will come", plan="Invite two friends"))
    return first


def export_json(cli) -> dict:
    exported = json.loads(cli("export", "--format", "json").stdout)
    del exported["exported_at"]
    return exported


def write(path: Path, text: str, encoding: str = "utf-8") -> str:
    path.write_text(text, encoding=encoding, newline="")
    return str(path)


def export_document(
    records: list[dict], experiments: list[dict] | None = None, version: int = 1
) -> str:
    return json.dumps(
        {
            "format": "thoughtlog",
            "version": version,
            "exported_at": "2026-11-23T10:00:00+01:00",
            "records": records,
            "experiments": experiments or [],
        }
    )


# --- round trips --------------------------------------------------------------------------------


def test_json_round_trip_into_an_empty_journal_gives_the_same_json(
    cli, journal, tmp_path, monkeypatch
):
    fill(journal)
    before = export_json(cli)
    cli("export", "--format", "json", "-o", str(tmp_path / "journal.json"))
    monkeypatch.setenv("THOUGHTLOG_DB", str(tmp_path / "other" / "journal.db"))
    result = cli("import", str(tmp_path / "journal.json"))
    assert result.exit_code == 0
    assert (
        result.stderr == "Imported 2 records and 2 experiments: 4 added, 0 updated, 0 unchanged.\n"
    )
    assert export_json(cli) == before


def test_csv_round_trip_keeps_every_record_field(cli, journal, tmp_path, monkeypatch):
    journal.add_record(
        meeting(thoughts=[Thought("First", 10), Thought("Hot; one", 20, 5, True, ["blaming"])])
    )
    fill(journal)
    before = export_json(cli)["records"]
    cli("export", "-o", str(tmp_path / "journal.csv"), "--excel")
    monkeypatch.setenv("THOUGHTLOG_DB", str(tmp_path / "other" / "journal.db"))
    result = cli("import", str(tmp_path / "journal.csv"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Imported 3 records: 3 added, 0 updated, 0 unchanged.\n"
    assert export_json(cli)["records"] == before


def test_csv_read_back_by_pythons_csv_module_matches_the_journal(cli, journal):
    record = meeting(situation='She said "no, never",\nthen left =(', behaviour="@home\r\n-ish")
    journal.add_record(record)
    # stdout_bytes, because the runner's .stdout turns CSV's \r\n line ends into \n everywhere.
    (row,) = csv.DictReader(io.StringIO(cli("export").stdout_bytes.decode("utf-8"), newline=""))
    assert row["situation"] == record.situation
    assert row["behaviour"] == "'" + record.behaviour  # neutralised, and nothing else changed
    assert row["uuid"] == record.uuid
    assert row["reframe_belief"] == str(record.reframe_belief)


# A journal's text as the tool keeps it: any character but NUL (which SQLite's length() and so the
# schema's checks stop at), emoji and line breaks included, and the characters CSV and
# spreadsheets care about, often at the start.
awkward = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        st.sampled_from(list("=+-@'\t\r\n;,\"\\[]*→ 😟🙂")),
    ),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip())
optional = st.none() | awkward
ratings = st.none() | st.integers(0, 100)
names = awkward.map(emotion_name)
tags = (
    st.text(alphabet="abcdefghij-_ Ü", min_size=1, max_size=8)
    .filter(lambda text: any(c.isalpha() for c in text))
    .map(tag_name)
)
thoughts = st.builds(
    Thought,
    text=awkward,
    belief_before=ratings,
    belief_after=ratings,
    hot=st.booleans(),
    distortions=st.lists(st.sampled_from([d.slug for d in CATALOGUE]), max_size=3, unique=True),
)
records = st.builds(
    Record,
    situation=awkward,
    occurred_at=st.datetimes(datetime(2000, 1, 1), datetime(2099, 12, 31)).map(
        lambda moment: moment.replace(microsecond=0, tzinfo=TZ)
    ),
    emotions=st.lists(st.builds(Emotion, name=names, before=ratings, after=ratings), max_size=3),
    thoughts=st.lists(thoughts, max_size=3),
    behaviour=optional,
    evidence_for=optional,
    evidence_against=optional,
    reframe=optional,
    reframe_belief=ratings,
    tags=st.lists(tags, max_size=3, unique=True),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records, min_size=1, max_size=3), st.sampled_from(["csv", "json"]))
def test_any_text_survives_a_round_trip(written: list[Record], format: str):
    with tempfile.TemporaryDirectory() as folder:
        with (
            open_journal(Path(folder) / "a.db") as source,
            open_journal(Path(folder) / "b.db") as target,
        ):
            for record in written:
                source.add_record(record)
            exported = io.StringIO()
            if format == "csv":
                exchange.write_records_csv(
                    source.record_csv_runs(**exchange.csv_syntax()),
                    exported,
                )
            else:
                exchange.write_json(
                    source.record_json_runs(separator=exchange.RECORD_SEPARATOR),
                    source.experiment_json_texts(),
                    exported,
                )
            data = io.BytesIO(exported.getvalue().encode("utf-8"))
            summary = exchange.import_file(target, data, format=format)
            assert summary.records.added == len(written)
            mine = [r.to_dict() | {"id": None} for r in source.iter_records()]
            theirs = [r.to_dict() | {"id": None} for r in target.iter_records()]
            assert theirs == mine


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records, min_size=1, max_size=4))
def test_csv_export_is_plain_csv_with_no_cell_a_spreadsheet_would_run(written: list[Record]):
    with tempfile.TemporaryDirectory() as folder, open_journal(Path(folder) / "a.db") as journal:
        for record in written:
            journal.add_record(record)
        exported = io.StringIO(newline="")
        exchange.write_records_csv(journal.record_csv_runs(**exchange.csv_syntax()), exported)
    rows = list(csv.reader(io.StringIO(exported.getvalue(), newline="")))
    again = io.StringIO(newline="")
    csv.writer(again).writerows(rows)
    assert again.getvalue() == exported.getvalue()  # byte for byte what the csv module writes
    assert len(rows) == len(written) + 1
    assert not [
        cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")
    ]


# Offsets whole minutes away from UTC, east and west, with the seconds a record keeps.
moments = st.builds(
    lambda moment, minutes: moment.replace(tzinfo=timezone(timedelta(minutes=minutes))),
    st.datetimes(datetime(1970, 1, 1), datetime(2099, 12, 31)).map(
        lambda moment: moment.replace(microsecond=0)
    ),
    st.integers(-14 * 60, 14 * 60),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records, min_size=1, max_size=4), st.lists(moments, min_size=4, max_size=4))
def test_json_export_holds_each_record_exactly_as_show_json_shapes_it(
    written: list[Record], when: list[datetime]
):
    # SQLite builds the export's objects; Record.to_dict is what `show --json` prints.
    with tempfile.TemporaryDirectory() as folder, open_journal(Path(folder) / "a.db") as journal:
        for record, moment in zip(written, when, strict=False):
            record.occurred_at = moment
            journal.add_record(record)
        # Runs joined by a line break: a JSON text holds none of its own, so each line is a record.
        exported = [
            json.loads(text)
            for _, run in journal.record_json_runs(separator="\n")
            for text in run.split("\n")
        ]
        expected = [record.to_dict() for record in journal.iter_records()]
        assert exported == expected
        # Written again, they must be the same text: key order, and true where 1 would compare equal.
        assert json.dumps(exported) == json.dumps(expected)


# --- idempotence and merging --------------------------------------------------------------------


def test_importing_the_same_file_twice_adds_nothing(cli, journal, journal_path, tmp_path):
    fill(journal)
    for format in ("json", "csv"):
        path = str(tmp_path / f"journal.{format}")
        cli("export", "--format", format, "-o", path)
        before = journal_content(journal_path)
        result = cli("import", path)
        assert result.exit_code == 0
        assert " 0 added, 0 updated" in result.stderr
        assert journal_content(journal_path) == before


def test_two_machines_merge_without_duplicates(cli, journal, tmp_path, monkeypatch):
    fill(journal)
    cli("export", "--format", "json", "-o", str(tmp_path / "laptop.json"))
    monkeypatch.setenv("THOUGHTLOG_DB", str(tmp_path / "desktop" / "journal.db"))
    with open_journal(tmp_path / "desktop" / "journal.db") as desktop:
        desktop.add_record(meeting(situation="Phone call with my mother", tags=["family"]))
    cli("import", str(tmp_path / "laptop.json"))
    cli("export", "--format", "json", "-o", str(tmp_path / "desktop.json"))

    monkeypatch.setenv("THOUGHTLOG_DB", str(tmp_path / "laptop" / "journal.db"))
    cli("import", str(tmp_path / "laptop.json"))
    result = cli("import", str(tmp_path / "desktop.json"))
    assert (
        result.stderr == "Imported 3 records and 2 experiments: 1 added, 0 updated, 4 unchanged.\n"
    )
    merged = export_json(cli)
    assert sorted(r["situation"] for r in merged["records"]) == [
        "Lunch alone, saw colleagues laughing",
        "Phone call with my mother",
        "Team meeting; my boss asked for objections",
    ]
    assert len(merged["experiments"]) == 2


def test_a_newer_incoming_record_updates_the_saved_one(cli, journal, journal_path, tmp_path):
    record = meeting()
    journal.add_record(record)
    exported = json.loads(cli("export", "--format", "json").stdout)
    exported["records"][0]["reframe"] = "Speaking up went fine last time"
    exported["records"][0]["updated_at"] = "2099-01-01T00:00:00+00:00"
    result = cli("import", write(tmp_path / "newer.json", json.dumps(exported)))
    assert result.stderr == "Imported 1 record: 0 added, 1 updated, 0 unchanged.\n"
    saved = journal.get_record(record.id)
    assert saved.reframe == "Speaking up went fine last time"
    assert saved.updated_at == "2099-01-01T00:00:00+00:00"
    assert journal.count_records() == 1


def test_an_older_incoming_record_leaves_the_saved_one(cli, journal, journal_path, tmp_path):
    journal.add_record(meeting())
    exported = json.loads(cli("export", "--format", "json").stdout)
    exported["records"][0]["reframe"] = "An old draft"
    exported["records"][0]["updated_at"] = "2001-01-01T00:00:00+00:00"
    before = journal_content(journal_path)
    result = cli("import", write(tmp_path / "older.json", json.dumps(exported)))
    assert result.stderr == "Imported 1 record: 0 added, 0 updated, 1 unchanged.\n"
    assert journal_content(journal_path) == before


def test_dry_run_reports_the_same_summary_and_writes_nothing(
    cli, journal, journal_path, tmp_path, monkeypatch
):
    fill(journal)
    path = str(tmp_path / "journal.json")
    cli("export", "--format", "json", "-o", path)
    monkeypatch.setenv("THOUGHTLOG_DB", str(tmp_path / "other" / "journal.db"))
    cli("export")  # creates the empty journal, so that "unchanged" below means unchanged
    before = journal_content(tmp_path / "other" / "journal.db")
    result = cli("import", path, "--dry-run")
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "Would import 2 records and 2 experiments: 4 added, 0 updated, 0 unchanged."
    )
    assert "nothing was written" in result.stderr
    assert journal_content(tmp_path / "other" / "journal.db") == before


def test_experiments_find_their_record_by_uuid(cli, journal, tmp_path, monkeypatch):
    first = fill(journal)
    path = str(tmp_path / "journal.json")
    cli("export", "--format", "json", "-o", path)
    target = tmp_path / "other" / "journal.db"
    with open_journal(target) as other:
        other.add_record(meeting(situation="Already here"))  # so that ids differ between journals
    monkeypatch.setenv("THOUGHTLOG_DB", str(target))
    cli("import", path)
    with open_journal(target) as other:
        linked = [e for e in other.list_experiments() if e.record_uuid]
        assert [e.record_uuid for e in linked] == [first.uuid]
        assert other.get_record(linked[0].record_id).uuid == first.uuid


def test_an_experiment_whose_record_is_missing_is_kept_unlinked(cli, journal, tmp_path):
    experiment = {
        "uuid": "6f1c4b8e-4d2a-4e3b-9a57-0c1d2e3f4a5b",
        "record_uuid": "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
        "belief": "They'll laugh",
        "plan": "Tell the joke",
    }
    result = cli("import", write(tmp_path / "x.json", export_document([], [experiment])))
    assert result.exit_code == 0
    assert "1 experiment came from records that aren't in this journal" in result.stderr
    (saved,) = journal.list_experiments()
    assert saved.record_id is None and saved.plan == "Tell the joke"


def test_a_hand_written_record_without_uuid_is_not_duplicated(cli, journal, tmp_path):
    path = write(
        tmp_path / "hand.json",
        export_document(
            [{"situation": "Dinner with my parents", "occurred_at": "2026-11-20T19:00:00+01:00"}]
        ),
    )
    assert "1 added" in cli("import", path).stderr
    assert "1 unchanged" in cli("import", path).stderr
    assert journal.count_records() == 1


def test_import_reads_stdin(cli, journal, tmp_path):
    source = export_document(
        [{"situation": "Bus ride", "occurred_at": "2026-11-20T08:00:00+01:00"}]
    )
    result = cli("import", "-", input=source)
    assert result.exit_code == 0
    assert journal.list_records()[0].situation == "Bus ride"


def test_a_csv_without_thoughts_cell_takes_the_hot_thought_columns(cli, journal, tmp_path):
    header = ",".join(exchange.COLUMNS)
    row = ",,2026-11-20T08:00:00+01:00,Bus ride,anxious=50,,They all stare,70,,mind reading,,,,,,,,"
    result = cli("import", write(tmp_path / "hand.csv", f"{header}\n{row}\n"))
    assert result.exit_code == 0, result.stderr
    (thought,) = journal.list_records()[0].thoughts
    assert (thought.text, thought.belief_before, thought.distortions) == (
        "They all stare",
        70,
        ["mind-reading"],
    )


# --- bad files change nothing -------------------------------------------------------------------


def assert_refused(cli, journal_path, path: str, *expected: str, code: int = 2) -> None:
    before = journal_content(journal_path)
    result = cli("import", path)
    assert result.exit_code == code
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for words in expected:
        assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert journal_content(journal_path) == before


def test_bad_json_is_refused(cli, journal, journal_path, tmp_path):
    fill(journal)
    text = export_document([{"situation": "Bus", "occurred_at": "2026-11-20T08:00:00+01:00"}])
    assert_refused(
        cli, journal_path, write(tmp_path / "bad.json", text[:-30]), "isn't valid JSON", "line 1"
    )


def test_a_wrong_version_is_refused(cli, journal, journal_path, tmp_path):
    fill(journal)
    text = export_document(
        [{"situation": "Bus", "occurred_at": "2026-11-20T08:00:00+01:00"}], version=3
    )
    assert_refused(
        cli,
        journal_path,
        write(tmp_path / "v3.json", text),
        "version 3",
        "Upgrade thoughtlog",
        "Nothing was imported",
    )


def test_json_that_is_not_an_export_is_refused(cli, journal, journal_path, tmp_path):
    assert_refused(
        cli, journal_path, write(tmp_path / "list.json", "[]"), "isn't a thoughtlog export"
    )


def test_a_missing_situation_is_refused(cli, journal, journal_path, tmp_path):
    fill(journal)
    text = export_document(
        [
            {"situation": "Bus", "occurred_at": "2026-11-20T08:00:00+01:00"},
            {"situation": "  ", "occurred_at": "2026-11-20T09:00:00+01:00"},
        ]
    )
    assert_refused(cli, journal_path, write(tmp_path / "x.json", text), "Record 2 has no situation")


def test_an_intensity_of_140_is_refused_naming_row_field_and_value(
    cli, journal, journal_path, tmp_path
):
    fill(journal)
    exported = json.loads(cli("export", "--format", "json").stdout)
    exported["records"][1]["emotions"][0]["before"] = 140
    assert_refused(
        cli,
        journal_path,
        write(tmp_path / "x.json", json.dumps(exported)),
        "Record 2, field emotions",
        "'140'",
        "0 to 100",
        "Nothing was imported",
    )


def test_a_bad_row_late_in_a_big_csv_imports_nothing(cli, journal, journal_path, tmp_path):
    fill(journal)
    header = ",".join(exchange.COLUMNS)
    good = ",,2026-11-20T08:00:00+01:00,Bus ride {n},anxious=50,,,,,,,,,,,,,"
    lines = [header] + [good.format(n=n) for n in range(1, 9000)]
    lines.append(",,2026-11-20T08:00:00+01:00,Bus ride,anxious=140,,,,,,,,,,,,,")
    path = write(tmp_path / "big.csv", "\n".join(lines) + "\n")
    assert_refused(
        cli, journal_path, path, "Row 9000", "field emotions", "'140'", "Nothing was imported"
    )


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"occurred_at": "yesterday"}, "field occurred_at: 'yesterday'"),
        ({"occurred_at": ""}, "has no occurred_at"),
        (
            {"thoughts": "Nobody likes me=80 [crystal-balling]"},
            "'crystal-balling' is not a thinking trap",
        ),
        ({"thoughts": "Nobody likes me=lots"}, "'lots'"),
        ({"reframe_belief": "abc"}, "field reframe_belief"),
        ({"tags": "###"}, "field tags"),
        ({"uuid": "not-a-uuid"}, "field uuid: 'not-a-uuid'"),
        ({"belief_before": "20"}, "field belief_before: '20' doesn't match"),
    ],
)
def test_a_bad_csv_cell_names_its_field(cli, journal, journal_path, tmp_path, cells, expected):
    journal.add_record(meeting())
    (row,) = csv.DictReader(io.StringIO(cli("export").stdout))
    row |= cells
    out = io.StringIO()
    writer = csv.DictWriter(out, exchange.COLUMNS)
    writer.writeheader()
    writer.writerow(row)
    assert_refused(
        cli, journal_path, write(tmp_path / "x.csv", out.getvalue()), "Row 1 (line 2)", expected
    )


def test_a_csv_with_missing_columns_is_refused(cli, journal, journal_path, tmp_path):
    fill(journal)
    path = write(
        tmp_path / "x.csv", "id,uuid,occurred_at,situation\n,,2026-11-20T08:00:00+01:00,Bus\n"
    )
    assert_refused(
        cli, journal_path, path, "has no column emotions, thoughts", "export --format csv"
    )


def test_a_long_table_is_not_mistaken_for_records(cli, journal, journal_path, tmp_path):
    fill(journal)
    path = str(tmp_path / "tags.csv")
    cli("export", "--table", "tags", "-o", path)
    assert_refused(cli, journal_path, path, "doesn't match a thoughtlog export")


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1"])
def test_a_file_in_another_encoding_is_refused(cli, journal, journal_path, tmp_path, encoding):
    fill(journal)
    (row,) = list(csv.reader(io.StringIO(cli("export").stdout)))[1:2]
    row[3] = "Café with my sister, née Müller"
    out = io.StringIO()
    csv.writer(out).writerows([exchange.COLUMNS, row])
    path = tmp_path / "x.csv"
    path.write_bytes(out.getvalue().replace(row[1], "").encode(encoding, errors="replace"))
    assert_refused(
        cli, journal_path, str(path), "isn't UTF-8" if encoding == "latin-1" else "is UTF-16"
    )


def test_an_empty_file_is_refused(cli, journal, journal_path, tmp_path):
    assert_refused(cli, journal_path, write(tmp_path / "empty.csv", ""), "is empty")


def test_a_missing_file_is_refused(cli, journal, journal_path, tmp_path):
    assert_refused(cli, journal_path, str(tmp_path / "nope.json"), "There is no file at", code=1)


def test_unknown_fields_are_refused_rather_than_dropped(cli, journal, journal_path, tmp_path):
    text = export_document(
        [{"situation": "Bus", "occurred_at": "2026-11-20T08:00:00+01:00", "reframes": "x"}]
    )
    assert_refused(cli, journal_path, write(tmp_path / "x.json", text), "doesn't know: 'reframes'")


def test_the_core_raises_invalid_value_for_a_bad_file(journal):
    with pytest.raises(InvalidValue, match="Record 1 has no occurred_at"):
        exchange.import_file(journal, io.BytesIO(export_document([{"situation": "Bus"}]).encode()))
    assert journal.count_records() == 0


# --- one uuid, one record -----------------------------------------------------------------------

TWICE = "1b4e28ba-2fa1-41d2-883f-0016d3cca427"


def bus(n: int, **fields) -> dict:
    return {"situation": f"Bus ride {n}", "occurred_at": "2026-11-20T08:00:00+01:00"} | fields


def test_a_uuid_twice_in_a_json_file_names_both_records_and_imports_nothing(
    cli, journal, journal_path, tmp_path
):
    fill(journal)
    text = export_document([bus(1, uuid=TWICE), bus(2), bus(3, uuid=TWICE)])
    assert_refused(
        cli,
        journal_path,
        write(tmp_path / "x.json", text),
        f"Record 3 has the same uuid as record 1 ({TWICE})",
        "Remove one of them",
        "Nothing was imported",
    )


def test_a_uuid_twice_in_a_csv_names_both_rows(cli, journal, journal_path, tmp_path):
    journal.add_record(meeting())
    (row,) = csv.DictReader(io.StringIO(cli("export").stdout))
    out = io.StringIO()
    writer = csv.DictWriter(out, exchange.COLUMNS)
    writer.writeheader()
    writer.writerows([row, row | {"uuid": TWICE}, row | {"situation": "Later"}])
    assert_refused(
        cli,
        journal_path,
        write(tmp_path / "x.csv", out.getvalue()),
        f"Row 3 (line 4) has the same uuid as row 1 ({row['uuid']})",
    )


def test_a_uuid_twice_far_apart_is_found_across_batches(journal):
    far = exchange.importer.BATCH_SIZE * 2 + 7
    records = [bus(n, uuid=TWICE if n in (5, far) else None) for n in range(1, far + 1)]
    for record in records:
        if record["uuid"] is None:
            del record["uuid"]
    source = io.BytesIO(export_document(records).encode())
    with pytest.raises(InvalidValue, match=f"Record {far} has the same uuid as record 5"):
        exchange.import_file(journal, source)
    assert journal.count_records() == 0


def test_a_uuid_twice_is_found_when_the_journal_already_has_it(
    cli, journal, journal_path, tmp_path
):
    first = fill(journal)
    exported = json.loads(cli("export", "--format", "json").stdout)
    exported["records"].append(dict(exported["records"][0], situation="Edited elsewhere"))
    assert_refused(
        cli,
        journal_path,
        write(tmp_path / "x.json", json.dumps(exported)),
        f"Record 3 has the same uuid as record 1 ({first.uuid})",
    )


def test_an_experiment_uuid_twice_names_both_experiments(cli, journal, journal_path, tmp_path):
    experiment = {"uuid": TWICE, "belief": "They'll laugh", "plan": "Tell the joke"}
    text = export_document([bus(1)], [experiment, dict(experiment, plan="Tell two jokes")])
    assert_refused(
        cli,
        journal_path,
        write(tmp_path / "x.json", text),
        "Experiment 2 has the same uuid as experiment 1",
    )


def test_a_hand_written_record_written_twice_is_named_as_repeated(
    cli, journal, journal_path, tmp_path
):
    text = export_document([bus(1), bus(2), bus(1)])
    assert_refused(
        cli,
        journal_path,
        write(tmp_path / "x.json", text),
        "Record 3 repeats record 1 word for word",
    )


def test_places_are_remembered_for_dense_and_far_apart_ids():
    places = exchange.importer._Places()
    for row_id, place in [(1, 4), (70_000, 9), (10**12, 11), (3, 1)]:
        places.remember(row_id, place)
    assert [places.place_of(i) for i in (1, 2, 3, 70_000, 10**12, 10**12 + 1)] == [
        4,
        0,
        1,
        9,
        11,
        0,
    ]


# --- CSV from spreadsheets: semicolons and tabs -------------------------------------------------


def resaved(csv_text: str, delimiter: str, *, quote_all: bool = False) -> str:
    """The CSV as a spreadsheet saves it with another delimiter (LibreOffice, a European Excel)."""
    out = io.StringIO()
    writer = csv.writer(
        out, delimiter=delimiter, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    writer.writerows(csv.reader(io.StringIO(csv_text, newline="")))
    return out.getvalue()


@pytest.mark.parametrize(
    ("delimiter", "quote_all"),
    [(";", False), (";", True), ("\t", False)],
    ids=["semicolon", "semicolon-quoted", "tab"],
)
def test_a_semicolon_or_tab_separated_csv_imports(
    cli, journal, tmp_path, monkeypatch, delimiter, quote_all
):
    journal.add_record(
        meeting(thoughts=[Thought("First; really", 10), Thought("Hot\tone", 20, 5, True)])
    )
    fill(journal)
    before = export_json(cli)["records"]
    exported = cli("export").stdout_bytes.decode("utf-8")
    path = write(tmp_path / "saved.csv", resaved(exported, delimiter, quote_all=quote_all))
    monkeypatch.setenv("THOUGHTLOG_DB", str(tmp_path / "other" / "journal.db"))
    result = cli("import", path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Imported 3 records: 3 added, 0 updated, 0 unchanged.\n"
    assert export_json(cli)["records"] == before


def test_a_semicolon_header_that_doesnt_match_lists_the_columns(
    cli, journal, journal_path, tmp_path
):
    fill(journal)
    path = write(tmp_path / "x.csv", "id;uuid;when;situation\n;;2026-11-20T08:00:00+01:00;Bus\n")
    before = journal_content(journal_path)
    result = cli("import", path)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "it has no column occurred_at, emotions, thoughts" in line
    assert "columns thoughtlog doesn't know: when" in line
    assert "with the columns " + ", ".join(exchange.COLUMNS) in line
    assert journal_content(journal_path) == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records, min_size=1, max_size=3), st.sampled_from([";", "\t"]))
def test_any_text_survives_a_round_trip_through_a_spreadsheets_delimiter(
    written: list[Record], delimiter: str
):
    with tempfile.TemporaryDirectory() as folder:
        with (
            open_journal(Path(folder) / "a.db") as source,
            open_journal(Path(folder) / "b.db") as target,
        ):
            for record in written:
                source.add_record(record)
            exported = io.StringIO(newline="")
            exchange.write_records_csv(
                source.record_csv_runs(**exchange.csv_syntax()),
                exported,
            )
            data = io.BytesIO(resaved(exported.getvalue(), delimiter).encode("utf-8"))
            summary = exchange.import_file(target, data, format="csv")
            assert summary.records.added == len(written)
            mine = [r.to_dict() | {"id": None} for r in source.iter_records()]
            theirs = [r.to_dict() | {"id": None} for r in target.iter_records()]
            assert theirs == mine


# --- reading ahead in a thread of its own -------------------------------------------------------


def _reading_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "thoughtlog-import"]


def test_a_bad_record_read_ahead_is_named_after_every_record_before_it(journal):
    """The file is read ahead of the saving: still the first problem in the file is the one told,
    and nothing is imported. Here a uuid repeated within the first batch comes before a bad
    intensity that the reading thread met long before the batch was saved."""
    ahead = exchange.importer._ReadAhead.CHUNK * exchange.importer._ReadAhead.AHEAD
    far = exchange.importer.BATCH_SIZE + ahead + 3
    records = [bus(n, uuid=str(uuid.uuid4())) for n in range(1, far + 1)]
    records[9]["uuid"] = records[2]["uuid"]
    records[-1]["emotions"] = [{"name": "anxious", "before": 140}]
    source = io.BytesIO(export_document(records).encode())
    with pytest.raises(InvalidValue, match="Record 10 has the same uuid as record 3"):
        exchange.import_file(journal, source)
    records[9]["uuid"] = str(uuid.uuid4())
    source = io.BytesIO(export_document(records).encode())
    with pytest.raises(InvalidValue, match=f"Record {far}, field emotions: '140' is out of range"):
        exchange.import_file(journal, source)
    assert journal.count_records() == 0
    assert _reading_threads() == []


class _BrokenSource(io.RawIOBase):
    """A file that can be read for a while, then fails as a disk or a network share can."""

    def __init__(self, data: bytes, good: int):
        self.data, self.good, self.at = data, good, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.at >= self.good:
            raise OSError(5, "Input/output error")
        piece = self.data[self.at : min(self.at + len(buffer), self.good)]
        buffer[: len(piece)] = piece
        self.at += len(piece)
        return len(piece)


def test_a_file_that_fails_while_read_ahead_raises_its_own_error_and_imports_nothing(journal):
    data = export_document([bus(n) for n in range(1, 3000)]).encode()
    switch = sys.getswitchinterval()
    with pytest.raises(OSError, match="Input/output error"):
        exchange.import_file(journal, _BrokenSource(data, len(data) // 2))
    assert journal.count_records() == 0
    assert _reading_threads() == []
    assert sys.getswitchinterval() == switch


def test_an_import_stopped_while_saving_stops_its_reading_thread(journal, monkeypatch):
    """Ctrl-C arrives in the main thread, which saves: the reading stops and nothing is kept."""
    saves = []
    save = journal.insert_records

    def interrupted(records, rows=None):
        saves.append(len(records))
        if len(saves) == 2:
            raise KeyboardInterrupt
        save(records, rows)

    monkeypatch.setattr(journal, "insert_records", interrupted)
    source = io.BytesIO(export_document([bus(n) for n in range(1, 5000)]).encode())
    with pytest.raises(KeyboardInterrupt):
        exchange.import_file(journal, source)
    assert _reading_threads() == []
    assert journal.count_records() == 0


def test_only_a_source_that_never_waits_is_read_ahead(tmp_path):
    """A pipe or a terminal could leave the reading thread waiting after an import has stopped,
    holding the stream; a regular file or bytes in memory can't."""
    from thoughtlog.exchange.importer import never_waits

    path = tmp_path / "export.json"
    path.write_text("{}")
    with path.open("rb") as regular:
        assert never_waits(regular)
    assert never_waits(io.BytesIO(b"{}"))
    reading, writing = os.pipe()
    with os.fdopen(reading, "rb") as pipe, os.fdopen(writing, "wb"):
        assert not never_waits(pipe)
    assert not never_waits(object())


def test_an_import_from_a_pipe_is_read_in_the_main_thread(journal, monkeypatch):
    started = []
    monkeypatch.setattr(exchange.importer._ReadAhead, "__init__", lambda *a: started.append(a))
    reading, writing = os.pipe()
    with os.fdopen(writing, "wb") as into:
        into.write(export_document([bus(1), bus(2)]).encode())
    with os.fdopen(reading, "rb") as pipe:
        exchange.import_file(journal, pipe)
    assert started == []
    assert journal.count_records() == 2
