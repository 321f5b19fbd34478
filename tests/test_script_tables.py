"""The tidy CSV tables of scripts and their rehearsals, for pandas and statistics."""

from __future__ import annotations

import csv
import io

import pytest

from thoughtlog import scripts
from thoughtlog.exchange.csv_format import TABLES
from thoughtlog.storage import scripts as stored_scripts


def _table(cli, name: str) -> tuple[list[str], list[dict[str, str]]]:
    result = cli("export", "--format", "csv", "--table", name)
    assert result.exit_code == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout))
    return list(reader.fieldnames or []), list(reader)


def _script(journal, **given) -> int:
    return stored_scripts.add_script(journal, scripts.new_script(scripts.ScriptInput(**given)))


def test_the_scripts_table_has_one_row_per_script_outside_the_trash(cli, journal):
    first = _script(journal, with_="my team lead", situation="Monday meeting",
                    describe="I was talked over", specify="Let me finish")  # fmt: skip
    trashed = _script(journal, describe="Gone")
    stored_scripts.move_script(journal, trashed, to_trash=True)
    columns, rows = _table(cli, "scripts")
    assert columns == list(TABLES["scripts"]) == [
        "script_id", "uuid", "with", "situation", "describe", "express", "specify",
        "consequences", "belief_id", "created_at", "updated_at",
    ]  # fmt: skip
    (row,) = rows
    assert row["script_id"] == str(first)
    assert (row["with"], row["situation"], row["describe"], row["express"], row["specify"]) == (
        "my team lead", "Monday meeting", "I was talked over", "", "Let me finish",
    )  # fmt: skip
    assert len(row["uuid"]) == 36 and row["created_at"]


def test_the_rehearsals_table_has_one_row_per_rehearsal_with_its_scripts_id(cli, journal):
    first = _script(journal, describe="First")
    second = _script(journal, describe="Second")
    for script_id, kind, before, after, when in [
        (first, "therapist", "30", "55", "3 days ago"),
        (first, "mirror", None, "70", "2 days ago"),
        (second, "alone", "40", None, "yesterday"),
    ]:
        stored_scripts.rehearse(
            journal,
            script_id,
            scripts.rehearsal(kind, before=before, after=after, when=when, note=f"{kind} note"),
        )
    columns, rows = _table(cli, "rehearsals")
    assert columns == ["script_id", "uuid", "at", "with", "before", "after", "note"]
    assert [(r["script_id"], r["with"], r["before"], r["after"], r["note"]) for r in rows] == [
        (str(first), "therapist", "30", "55", "therapist note"),
        (str(first), "mirror", "", "70", "mirror note"),
        (str(second), "alone", "40", "", "alone note"),
    ]
    uuids = {r["script_id"]: r["uuid"] for r in _table(cli, "scripts")[1]}
    assert all(r["uuid"] == uuids[r["script_id"]] for r in rows)  # the script's, to join on


# A tab or carriage return can't start a script's words: they are trimmed when written.
@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_script_and_rehearsal_cells_a_spreadsheet_would_run_are_neutralised(cli, journal, start):
    formula = f'{start}HYPERLINK("http://evil")'
    script_id = _script(journal, with_=formula, situation=formula, describe=formula,
                        consequences=formula)  # fmt: skip
    stored_scripts.rehearse(journal, script_id, scripts.rehearsal("friend", note=formula))
    (row,) = _table(cli, "scripts")[1]
    for column in ("with", "situation", "describe", "consequences"):
        assert row[column] == f"'{formula}", column
    (rehearsal,) = _table(cli, "rehearsals")[1]
    assert rehearsal["note"] == f"'{formula}"


def test_the_tables_of_an_empty_journal_are_their_header_alone(cli):
    for name in ("scripts", "rehearsals"):
        columns, rows = _table(cli, name)
        assert columns == list(TABLES[name]) and rows == []
