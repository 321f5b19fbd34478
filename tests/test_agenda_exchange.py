"""The agenda and the session pages written travel in the JSON export and merge by uuid."""

from __future__ import annotations

import json

from conftest import journal_content


def _export(cli, path) -> dict:
    result = cli("export", "--format", "json", "--output", str(path))
    assert result.exit_code == 0, result.stderr
    return json.loads(path.read_text(encoding="utf-8"))


def _agenda(cli, *db: str) -> list[dict]:
    result = cli(*db, "agenda", "list", "--all", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_export_holds_the_agenda_and_the_sessions_written(cli, tmp_path):
    cli("agenda", "add", "Speaking last")
    cli("agenda", "add", "The Monday meeting")
    cli("agenda", "done", "1")
    assert cli("session", "--output", str(tmp_path / "page.md")).exit_code == 0
    exported = _export(cli, tmp_path / "out.json")
    assert [item["text"] for item in exported["agenda"]] == ["Speaking last", "The Monday meeting"]
    assert exported["agenda"][0]["done_at"] and exported["agenda"][1]["done_at"] is None
    assert len(exported["sessions"]) == 1
    assert set(exported["sessions"][0]) == {"id", "uuid", "written_at", "since", "until"}


def test_importing_into_another_journal_keeps_everything_and_twice_duplicates_nothing(
    cli, tmp_path
):
    cli("agenda", "add", "Speaking last")
    cli("agenda", "done", "1")
    cli("agenda", "add", "The Monday meeting")
    cli("session", "--output", str(tmp_path / "page.md"))
    exported = tmp_path / "out.json"
    _export(cli, exported)
    other = ["--db", str(tmp_path / "other.db")]
    for _ in range(2):
        result = cli(*other, "import", str(exported))
        assert result.exit_code == 0, result.stderr
    moved = _agenda(cli, *other)
    assert [(i["uuid"], i["text"], i["done_at"]) for i in moved] == [
        (i["uuid"], i["text"], i["done_at"]) for i in _agenda(cli)
    ]
    assert json.loads(cli(*other, "session", "-f", "json").stdout)["period"]["from_last_session"]


def test_an_item_done_in_the_file_is_marked_done_on_import(cli, tmp_path):
    cli("agenda", "add", "Speaking last")
    before = tmp_path / "before.json"
    _export(cli, before)
    other = ["--db", str(tmp_path / "other.db")]
    cli(*other, "import", str(before))
    cli("agenda", "done", "1")
    after = tmp_path / "after.json"
    _export(cli, after)
    result = cli(*other, "import", str(after), "--json")
    assert json.loads(result.stdout)["agenda"]["updated"] == 1
    assert _agenda(cli, *other)[0]["done_at"] == _agenda(cli)[0]["done_at"]


def test_an_agenda_item_without_words_is_refused_and_nothing_is_imported(
    cli, journal_path, tmp_path
):
    cli("agenda", "add", "Kept as it was")
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "thoughtlog",
                "version": 2,
                "records": [{"situation": "A meeting", "occurred_at": "2026-11-20T10:00:00+00:00"}],
                "agenda": [{"text": "  ", "created_at": "2026-11-20T10:00:00+00:00"}],
            }
        )
    )
    before = journal_content(journal_path)
    result = cli("import", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Agenda item 1:")
    assert "Nothing was imported" in result.stderr
    assert journal_content(journal_path) == before
