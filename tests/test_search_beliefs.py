"""Search finds beliefs by their words, the new belief's and their evidence's, apart from records."""

from __future__ import annotations

import json

import pytest
from conftest import shown

from thoughtlog import output
from thoughtlog.beliefs import Belief, BeliefEvidence
from thoughtlog.storage import beliefs as stored
from thoughtlog.storage.found import KINDS, search_kinds

OLD = "If I contradict someone in authority, I'll be punished"
NEW = "Disagreeing respectfully is usually safe"


def add_belief(cli, text: str = OLD, *options: str) -> int:
    result = cli("belief", "add", text, *options, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["id"]


def add_record(cli, situation: str) -> int:
    result = cli("add", "--situation", situation, "--when", "2026-11-16 10:00")
    assert result.exit_code == 0, result.stderr
    return int(result.stdout)


def test_search_finds_a_belief_by_its_words_and_shows_it_apart_from_records(cli):
    record_id = add_record(cli, "Stayed quiet in the meeting: sure I'd be punished")
    belief_id = add_belief(cli)
    result = cli("search", "punished")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{record_id}  ")
    assert f"Belief {belief_id}  {OLD}" in lines
    assert lines[lines.index(f"Belief {belief_id}  {OLD}") - 1] == ""  # apart from the records
    assert "I'll be [punished]" in result.stdout


def test_search_finds_a_belief_by_the_new_belief_and_by_its_evidence(cli):
    belief_id = add_belief(cli, OLD, "--new", NEW)
    cli(
        "belief",
        "evidence",
        str(belief_id),
        "Maria moved the deadline when I said it couldn't hold",
    )
    for word, passage in [("respectfully", "[respectfully]"), ("deadlines", "the [deadline]")]:
        result = cli("search", word)
        assert result.stdout.splitlines()[0] == f"Belief {belief_id}  {OLD}", word
        assert passage in result.stdout, word
    assert "Nothing matches" not in result.stderr


def test_search_in_all_json_holds_records_and_beliefs_as_their_show_json_prints_them(cli):
    record_id = add_record(cli, "I was sure I'd be punished")
    belief_id = add_belief(cli)
    found = json.loads(cli("search", "punish", "--in", "all", "--json").stdout)
    assert found == {
        "records": [shown(cli, "show", record_id)],
        "beliefs": [shown(cli, "belief", "show", belief_id)],
        "scripts": [],
    }


def test_search_json_without_in_stays_the_list_of_records_scripts_have_always_read(cli):
    record_id = add_record(cli, "I was sure I'd be punished")
    add_belief(cli)
    assert json.loads(cli("search", "punish", "--json").stdout) == [shown(cli, "show", record_id)]
    assert json.loads(cli("search", "punish", "--in", "records", "--json").stdout) == [
        shown(cli, "show", record_id)
    ]


def test_search_in_one_kind_shows_that_kind_alone(cli):
    add_record(cli, "I was sure I'd be punished")
    belief_id = add_belief(cli)
    on_screen = cli("search", "punish", "--in", "beliefs")
    assert on_screen.stdout.splitlines()[0] == f"Belief {belief_id}  {OLD}"
    assert "I was sure" not in on_screen.stdout
    assert json.loads(cli("search", "punish", "--in", "beliefs", "--json").stdout) == [
        shown(cli, "belief", "show", belief_id)
    ]


def test_search_in_a_kind_that_does_not_exist_is_a_usage_error(cli, journal_path):
    add_belief(cli)
    result = cli("search", "punish", "--in", "dreams")
    assert result.exit_code == 2
    assert "dreams" in result.stderr and "Traceback" not in result.stderr


def test_search_json_has_every_kind_even_when_nothing_matches(cli):
    add_belief(cli)
    found = json.loads(cli("search", "volcano", "--in", "all", "--json").stdout)
    assert found == {"records": [], **{f"{kind.kind}s": [] for kind in KINDS}}


def test_search_leaves_out_a_belief_in_the_trash_until_it_is_restored(cli):
    belief_id = add_belief(cli)
    cli("belief", "delete", str(belief_id))
    assert json.loads(cli("search", "authority", "--in", "beliefs", "--json").stdout) == []
    cli("belief", "restore", str(belief_id))
    assert [
        b["id"] for b in json.loads(cli("search", "authority", "--in", "beliefs", "--json").stdout)
    ] == [belief_id]


@pytest.mark.parametrize("query", ['"authority', "authority's", "authority -", "AND"])
def test_search_reads_broken_syntax_as_plain_words_for_beliefs_too(cli, query):
    add_belief(cli)
    result = cli("search", query, "--in", "beliefs", "--json")
    assert result.exit_code == 0, result.stderr
    expected = [] if query == "AND" else [OLD]
    assert [b["text"] for b in json.loads(result.stdout)] == expected


def test_search_shows_a_belief_s_control_characters_visibly(cli, monkeypatch):
    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: True)
    monkeypatch.setenv("COLUMNS", "80")
    add_belief(cli, "They'll punish me \x1b[31m[bold]now[/bold]")
    result = cli("search", "punish")
    assert result.exit_code == 0, result.stderr
    assert "\x1b[31m" not in result.stdout and "\\x1b" in result.stdout
    assert "[bold]now[/bold]" in result.stdout


def test_search_kinds_ranks_beliefs_best_first_and_keeps_to_the_limit(journal):
    ids = [
        stored.add_belief(journal, Belief(text))
        for text in [
            "Speaking up at work is risky",
            "If I speak up, I'll be punished; speaking up means punishment",
            "People punish those who disagree",
        ]
    ]
    stored.add_evidence(
        journal,
        ids[0],
        BeliefEvidence(
            "2026-11-20T10:00:00+00:00",
            "Spoke up in the planning meeting about the release date and was not punished",
        ),
    )
    found = search_kinds(journal, "punish", limit=2)
    assert [f.kind for f in found] == ["belief", "belief"]
    assert found[0].item.id == ids[1]
    everything = search_kinds(journal, "punish", limit=20)
    assert (
        sorted(f.item.id for f in everything) == ids
    )  # each belief once, however many lines match
    evidence = next(f for f in everything if f.item.id == ids[0])
    assert evidence.snippet.startswith("Spoke up") and "\x02punished\x03" in evidence.snippet


def test_search_says_the_limit_counts_records_and_beliefs_still_follow(cli):
    add_record(cli, "Told off in the meeting, I thought")
    add_record(cli, "Sure I'd be told off again")
    belief_id = add_belief(cli, "If I speak up I'll be told off")
    result = cli("search", "told", "--limit", "1")
    assert result.stdout.count("Belief") == 1 and f"Belief {belief_id}" in result.stdout
    assert result.stderr == "Showing the best record; use --limit to see more.\n"
