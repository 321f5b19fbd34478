"""The agenda: things to bring up next session, added, listed, done, completed at <TAB>."""

from __future__ import annotations

import json

import pytest
from conftest import journal_content

from thoughtlog.commands.completion import complete_open_agenda_id


def _ids(cli, *options: str) -> list[int]:
    result = cli("agenda", "list", "--json", *options)
    assert result.exit_code == 0, result.stderr
    return [item["id"] for item in json.loads(result.stdout)]


def test_agenda_add_prints_the_new_id_and_list_shows_open_items_oldest_first(cli):
    assert cli("agenda", "add", "The meeting where I spoke up").stdout == "1\n"
    assert cli("agenda", "add", "Speaking last").stdout == "2\n"
    listed = cli("agenda", "list")
    assert listed.exit_code == 0
    assert listed.stdout.index("The meeting where I spoke up") < listed.stdout.index(
        "Speaking last"
    )


def test_agenda_done_takes_an_item_off_the_list_but_all_still_shows_it(cli):
    cli("agenda", "add", "First")
    cli("agenda", "add", "Second")
    result = cli("agenda", "done", "1")
    assert result.exit_code == 0
    assert "done" in result.stderr
    assert _ids(cli) == [2]
    everything = json.loads(cli("agenda", "list", "--all", "--json").stdout)
    assert [item["id"] for item in everything] == [1, 2]
    assert everything[0]["done_at"] and everything[1]["done_at"] is None


def test_agenda_done_on_an_unknown_id_is_one_calm_line_and_exit_1(cli, journal_path):
    cli("agenda", "add", "First")
    before = journal_content(journal_path)
    result = cli("agenda", "done", "7")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: There is no agenda item 7. 'thoughtlog agenda list' shows your agenda items.\n"
    )
    assert journal_content(journal_path) == before


def test_agenda_done_twice_says_so_and_changes_nothing(cli, journal_path):
    cli("agenda", "add", "First")
    cli("agenda", "done", "1")
    before = journal_content(journal_path)
    result = cli("agenda", "done", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Agenda item 1 is done already")
    assert len(result.stderr.splitlines()) == 1
    assert journal_content(journal_path) == before


def test_agenda_add_refuses_empty_words(cli, journal_path):
    result = cli("agenda", "add", "   ")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: An agenda item needs a few words")
    assert not _ids(cli, "--all")


def test_agenda_add_without_words_off_a_terminal_says_how(cli):
    result = cli("agenda", "add")
    assert result.exit_code == 2
    assert "thoughtlog agenda add" in result.stderr


def test_agenda_add_asks_for_the_words_on_a_terminal(cli, monkeypatch):
    monkeypatch.setattr("thoughtlog.commands.agenda.on_a_terminal", lambda: True)
    result = cli("agenda", "add", "--json", input="\nWhy I apologise so much\n")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["text"] == "Why I apologise so much"


def test_an_empty_agenda_says_how_to_add(cli):
    result = cli("agenda", "list")
    assert result.exit_code == 0
    assert "thoughtlog agenda add" in result.stderr


@pytest.mark.plain_journal(
    "completion offers nothing on an encrypted journal rather than ask for its passphrase"
)
def test_agenda_done_completes_the_open_ids_only(cli, journal_path):
    for words in ("First", "Second", "Third"):
        cli("agenda", "add", words)
    cli("agenda", "done", "2")

    class Context:
        params: dict = {}

        def find_root(self):
            return self

    offered = complete_open_agenda_id(Context(), "")
    assert [choice[0] for choice in offered] == ["3", "1"]
    assert "First" in offered[1][1]


# --- the migration ------------------------------------------------------------------------------


def _use(monkeypatch, migrations: tuple) -> None:
    from thoughtlog.storage import files, schema

    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    monkeypatch.setattr(files, "MIGRATION_NAMES", tuple(m.__name__ for m in migrations))


def _tables(path) -> set[str]:
    from thoughtlog.storage import open_journal

    with open_journal(path) as opened:
        return {row[0] for row in opened.conn.execute("SELECT name FROM sqlite_master")}


def _without_agenda() -> tuple:
    from thoughtlog.storage import schema

    return tuple(m for m in schema.MIGRATIONS if m.__name__ != "m010_agenda_and_sessions")


@pytest.mark.plain_journal("builds an older plain journal")
def test_a_journal_made_before_the_agenda_gains_it_on_open(cli, journal_path):
    with pytest.MonkeyPatch.context() as before_the_agenda:
        _use(before_the_agenda, _without_agenda())
        assert cli("add", "-s", "Meeting").exit_code == 0
        assert "agenda" not in _tables(journal_path)
    assert cli("agenda", "add", "Speaking last").exit_code == 0
    assert {"agenda", "sessions"} <= _tables(journal_path)
    assert "Meeting" in cli("list").stdout


def test_a_migration_that_lands_before_the_agenda_still_applies_after_it(
    cli, monkeypatch, journal_path
):
    from thoughtlog.storage import schema

    def m009_elsewhere(db) -> None:  # stands in for one another change adds before m010
        db.execute("CREATE TABLE elsewhere (id INTEGER PRIMARY KEY)")

    cli("agenda", "add", "Speaking last")  # a journal that has m010 already
    _use(monkeypatch, (*_without_agenda(), m009_elsewhere, schema.m010_agenda_and_sessions))
    assert cli("agenda", "list", "--json").exit_code == 0
    assert {"elsewhere", "agenda"} <= _tables(journal_path)
