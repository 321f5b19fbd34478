"""Long-term beliefs: named, rated again and again, given evidence, linked to records and steps."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from conftest import journal_content, shown
from hypothesis import given, settings
from hypothesis import strategies as st

from thoughtlog import beliefs
from thoughtlog.errors import InvalidValue, NotFound
from thoughtlog.storage import beliefs as stored

OLD = "If I contradict someone in authority, I'll be punished"
NEW = "Disagreeing respectfully is usually safe"


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def add_belief(cli, *options: str) -> int:
    result = cli("belief", "add", OLD, *options, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["id"]


def _ready(cli) -> None:
    cli("belief", "list")  # the journal exists before the command that must change nothing


# --- through the command line -------------------------------------------------------------------


def test_belief_add_keeps_both_beliefs_and_a_first_rating(cli):
    belief_id = add_belief(cli, "--new", NEW, "--rating", "90", "--new-rating", "10")
    belief = shown(cli, "belief", "show", belief_id)
    assert (belief["text"], belief["new_text"]) == (OLD, NEW)
    assert [(r["old"], r["new"]) for r in belief["ratings"]] == [(90, 10)]
    assert set(belief) == {
        "id", "uuid", "text", "new_text", "created_at", "ratings", "evidence", "record_ids",
        "experiment_ids",
    }  # fmt: skip


def test_belief_rate_adds_dated_ratings_shown_oldest_first(cli):
    belief_id = add_belief(cli, "--rating", "90")
    assert cli("belief", "rate", str(belief_id), "--old", "60", "--new", "40").exit_code == 0
    rated = cli("belief", "rate", str(belief_id), "--old", "75", "--when", "2026-10-01 09:00")
    assert rated.exit_code == 0, rated.stderr
    ratings = shown(cli, "belief", "show", belief_id)["ratings"]
    assert [r["old"] for r in ratings] == [75, 90, 60]
    assert ratings[0]["at"].startswith("2026-10-01T09:00")


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--old", "140"), "'140'"),
        (("--new", "soon"), "'soon'"),
        ((), "--old"),
        (("--old", "50", "--when", "tomorrow"), "still to come"),
    ],
)
def test_belief_rate_refuses_a_bad_rating_and_changes_nothing(cli, journal_path, args, named):
    belief_id = add_belief(cli)
    before = journal_content(journal_path)
    result = cli("belief", "rate", str(belief_id), *args)
    assert result.exit_code == InvalidValue.exit_code
    assert named in result.stderr and result.stderr.count("\n") == 1
    assert journal_content(journal_path) == before


def test_a_rating_for_a_belief_in_the_trash_is_refused_kindly(cli, journal_path):
    belief_id = add_belief(cli)
    cli("belief", "delete", str(belief_id))
    before = journal_content(journal_path)
    result = cli("belief", "rate", str(belief_id), "--old", "40")
    assert result.exit_code == NotFound.exit_code
    assert f"'thoughtlog belief restore {belief_id}'" in result.stderr
    assert journal_content(journal_path) == before
    assert cli("belief", "restore", str(belief_id)).exit_code == 0
    assert cli("belief", "rate", str(belief_id), "--old", "40").exit_code == 0


def test_link_belief_to_a_missing_id_is_refused_and_saves_nothing(cli, journal_path):
    _ready(cli)
    before = journal_content(journal_path)
    for command in (
        ("add", "--situation", "Meeting", "--link-belief", "7"),
        ("experiment", "add", "--belief", "B", "--plan", "P", "--link-belief", "7"),
        ("experiment", "log", "--belief", "B", "--plan", "P", "--outcome", "O",
         "--came-true", "no", "--link-belief", "7"),
    ):  # fmt: skip
        result = cli(*command)
        assert result.exit_code == NotFound.exit_code, command
        assert "There is no belief 7. 'thoughtlog belief list'" in result.stderr
    assert journal_content(journal_path) == before


def test_records_and_steps_link_to_a_belief_and_show_lists_them(cli):
    belief_id = add_belief(cli)
    record = cli("add", "--situation", "Meeting", "--link-belief", str(belief_id), "--json")
    record_id = json.loads(record.stdout)["id"]
    other = json.loads(cli("add", "--situation", "Call", "--json").stdout)["id"]
    assert cli("edit", str(other), "--link-belief", str(belief_id)).exit_code == 0
    step = cli("experiment", "add", "-b", "B", "-p", "P", "--link-belief", str(belief_id), "--json")
    step_id = json.loads(step.stdout)["id"]
    untied = json.loads(cli("experiment", "add", "-b", "B", "-p", "Q", "--json").stdout)["id"]
    assert cli("experiment", "edit", str(untied), "--link-belief", str(belief_id)).exit_code == 0
    belief = shown(cli, "belief", "show", belief_id)
    assert belief["record_ids"] == [record_id, other]
    assert belief["experiment_ids"] == [step_id, untied]
    assert shown(cli, "experiment", "show", step_id)["belief_id"] == belief_id


def test_belief_show_draws_the_trajectory_beside_the_steps_and_the_evidence(cli):
    belief_id = add_belief(cli, "--new", NEW, "--rating", "90", "--new-rating", "10")
    cli("belief", "rate", str(belief_id), "--old", "50", "--new", "60")
    cli(
        "experiment", "log", "-b", "B", "-p", "Disagreed about the deadline", "--outcome", "OK",
        "--came-true", "no", "--reaction", "agreement", "--link-belief", str(belief_id),
    )  # fmt: skip
    cli("belief", "evidence", str(belief_id), "My manager thanked me")
    page = cli("belief", "show", str(belief_id)).stdout
    assert "Old belief  █▄  90 → 50" in page
    assert "New belief  ▁▅  10 → 60" in page
    assert "Disagreed about the deadline (feared reaction didn't come)" in page
    assert "My manager thanked me" in page


def test_steps_whose_feared_reaction_did_not_come_are_offered_as_evidence(cli):
    belief_id = add_belief(cli)
    for plan, reaction in (("Spoke first", "neutral"), ("Said no", "criticism")):
        cli(
            "experiment", "log", "-b", "B", "-p", plan, "--outcome", "It went", "--came-true",
            "no", "--reaction", reaction, "--link-belief", str(belief_id),
        )  # fmt: skip
    result = cli("belief", "evidence", str(belief_id), "--guided", input=answers("y"))
    assert result.exit_code == 0, result.stderr
    assert "Spoke first" in result.stderr and "Said no" not in result.stderr  # criticism came
    (found,) = shown(cli, "belief", "show", belief_id)["evidence"]
    assert found["text"] == "Spoke first: It went"
    again = cli("belief", "evidence", str(belief_id), "--guided", input="")
    assert again.exit_code == InvalidValue.exit_code  # offered once: nothing is left to offer


def test_guided_belief_add_walks_the_downward_arrow(cli):
    result = cli(
        "belief",
        "add",
        "--guided",
        input=answers(
            "y",
            "My boss will think I'm difficult",
            "She'll stop trusting me",
            "I'll lose my job",
            "",  # the bottom reached
            "",  # Enter takes the last answer as the belief
            "80",
            NEW,
            "20",
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("what would it mean about you?") == 3
    belief = shown(cli, "belief", "show", 1)
    assert (belief["text"], belief["new_text"]) == ("I'll lose my job", NEW)
    assert [(r["old"], r["new"]) for r in belief["ratings"]] == [(80, 20)]


def test_belief_edit_list_delete_and_restore(cli):
    belief_id = add_belief(cli, "--rating", "70")
    assert cli("belief", "edit", str(belief_id), "--new", NEW).exit_code == 0
    assert shown(cli, "belief", "show", belief_id)["new_text"] == NEW
    listed = cli("belief", "list").stdout
    assert "70" in listed and "If I contradict" in listed
    cli("belief", "delete", str(belief_id))
    assert json.loads(cli("belief", "list", "--json").stdout) == []
    assert [b["id"] for b in json.loads(cli("belief", "list", "--trash", "--json").stdout)] == [
        belief_id
    ]
    cli("belief", "restore", str(belief_id))
    assert len(json.loads(cli("belief", "list", "--json").stdout)) == 1


def test_belief_add_needs_words(cli, journal_path):
    _ready(cli)
    before = journal_content(journal_path)
    result = cli("belief", "add", "   ")
    assert result.exit_code == InvalidValue.exit_code and "needs its words" in result.stderr
    assert journal_content(journal_path) == before


def test_the_persons_words_reach_the_terminal_visibly(cli):
    belief_id = add_belief(cli)
    cli("belief", "edit", str(belief_id), "--text", "Rule\x1b[31m red")
    page = cli("belief", "show", str(belief_id)).stdout
    assert "\x1b" not in page


# --- the core -----------------------------------------------------------------------------------


def test_sparkline_spans_the_scale_and_leaves_gaps():
    assert beliefs.sparkline([0, 50, 100, None]) == "▁▄█ "


def test_the_store_keeps_ratings_oldest_first_whatever_order_they_came(journal):
    belief = beliefs.new_belief(OLD, old_rating=90)
    stored.add_belief(journal, belief)
    stored.rate_belief(journal, belief.id, beliefs.dated_rating(60, None, when="2026-01-05"))
    kept = stored.get_belief(journal, belief.id)
    assert [r.old for r in kept.ratings] == [60, 90]


# --- export and import --------------------------------------------------------------------------


def _export(cli, tmp_path, db=None, name="export.json"):
    path = tmp_path / name
    args = ("--db", str(db)) if db else ()
    result = cli(*args, "export", "--format", "json", "--output", str(path))
    assert result.exit_code == 0, result.stderr
    return path


def test_beliefs_travel_in_the_json_export_with_their_links(cli, tmp_path):
    belief_id = add_belief(cli, "--new", NEW, "--rating", "90", "--new-rating", "10")
    cli("add", "--situation", "Meeting", "--link-belief", str(belief_id))
    cli("experiment", "add", "-b", "B", "-p", "P", "--link-belief", str(belief_id))
    cli("belief", "evidence", str(belief_id), "She thanked me", "--when", "2026-11-20 09:00")
    other = tmp_path / "other.db"
    imported = cli("--db", str(other), "import", str(_export(cli, tmp_path)))
    assert imported.exit_code == 0, imported.stderr
    assert "1 belief" in imported.stderr
    mine = shown(cli, "belief", "show", belief_id)
    theirs = shown(cli, "--db", str(other), "belief", "show", 1)
    for key in ("uuid", "text", "new_text", "ratings", "evidence", "record_ids", "experiment_ids"):
        assert theirs[key] == mine[key], key
    again = cli("--db", str(other), "import", str(_export(cli, tmp_path)))
    assert "0 added" in again.stderr  # matched by uuid: nothing doubled
    assert shown(cli, "--db", str(other), "belief", "show", 1)["ratings"] == mine["ratings"]


def test_two_journals_that_both_rated_a_belief_merge_every_rating(cli, tmp_path):
    belief_id = add_belief(cli, "--rating", "90")
    laptop = tmp_path / "laptop.db"
    cli("--db", str(laptop), "import", str(_export(cli, tmp_path, name="first.json")))
    cli("belief", "rate", str(belief_id), "--old", "70", "--when", "2026-11-02 09:00")
    cli("--db", str(laptop), "belief", "rate", "1", "--old", "60", "--when", "2026-11-09 09:00")
    cli("--db", str(laptop), "belief", "evidence", "1", "Spoke first", "--when", "2026-11-09")
    merged = cli("import", str(_export(cli, tmp_path, db=laptop, name="laptop.json")))
    assert merged.exit_code == 0, merged.stderr
    belief = shown(cli, "belief", "show", belief_id)
    assert sorted(r["old"] for r in belief["ratings"]) == [60, 70, 90]
    assert [e["text"] for e in belief["evidence"]] == ["Spoke first"]
    assert len(json.loads(cli("belief", "list", "--json").stdout)) == 1


def test_an_imported_belief_rating_out_of_range_imports_nothing(cli, journal_path, tmp_path):
    document = {
        "format": "thoughtlog",
        "version": 2,
        "records": [{"situation": "Bus", "occurred_at": "2026-11-20T08:00:00+01:00"}],
        "beliefs": [{"text": OLD, "ratings": [{"at": "2026-11-20T08:00:00+01:00", "old": 140}]}],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    _ready(cli)
    before = journal_content(journal_path)
    result = cli("import", str(path))
    assert result.exit_code == InvalidValue.exit_code
    assert "Belief 1, rating 1" in result.stderr and "Nothing was imported" in result.stderr
    assert journal_content(journal_path) == before


def test_the_csv_tables_of_beliefs_and_their_ratings(cli):
    import csv
    import io

    belief_id = add_belief(cli, "--new", NEW, "--rating", "90", "--new-rating", "10")
    cli("belief", "rate", str(belief_id), "--old", "=60")  # refused: not a number
    cli("belief", "rate", str(belief_id), "--old", "60")
    table = cli("export", "--format", "csv", "--table", "beliefs").stdout
    (row,) = csv.DictReader(io.StringIO(table))
    assert (row["belief_id"], row["text"], row["new_text"]) == (str(belief_id), OLD, NEW)
    ratings = cli("export", "--format", "csv", "--table", "belief_ratings").stdout
    assert [(r["old"], r["new"]) for r in csv.DictReader(io.StringIO(ratings))] == [
        ("90", "10"),
        ("60", ""),
    ]


def test_a_step_of_a_belief_in_the_trash_can_still_be_done_but_not_newly_linked(cli):
    belief_id = add_belief(cli)
    step = cli("experiment", "add", "-b", "B", "-p", "P", "--link-belief", str(belief_id), "--json")
    step_id = json.loads(step.stdout)["id"]
    other = json.loads(cli("experiment", "add", "-b", "B", "-p", "Q", "--json").stdout)["id"]
    cli("belief", "delete", str(belief_id))
    done = cli("experiment", "done", str(step_id), "--outcome", "Fine", "--came-true", "no")
    assert done.exit_code == 0, done.stderr
    linked = cli("experiment", "edit", str(other), "--link-belief", str(belief_id))
    assert linked.exit_code == NotFound.exit_code and "in the trash" in linked.stderr


_ratings = st.lists(
    st.tuples(
        st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2026, 11, 1)),
        st.one_of(st.none(), st.integers(0, 100)),
        st.integers(0, 100),
    ),
    max_size=5,
)


@settings(max_examples=30, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
        str.strip
    ),
    ratings=_ratings,
)
def test_any_belief_survives_the_json_round_trip(text, ratings):
    from thoughtlog import dates
    from thoughtlog.exchange.belief_fields import belief_from_json

    belief = beliefs.Belief(
        text=text,
        uuid="1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        ratings=[
            beliefs.BeliefRating(dates.to_text(at.replace(tzinfo=UTC)), old, new)
            for at, old, new in ratings
        ],
    )
    read = belief_from_json(json.loads(json.dumps(belief.to_export())), "Belief 1")
    assert (read.text, read.uuid) == (belief.text, belief.uuid)
    assert read.ratings == belief.ratings


def test_a_guided_step_keeps_the_belief_it_was_linked_to(cli):
    belief_id = add_belief(cli)
    result = cli(
        "experiment", "add", "--guided", "--link-belief", str(belief_id),
        input=answers("B", "", "P", "", "", "", "", ""),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert shown(cli, "belief", "show", belief_id)["experiment_ids"] == [1]
