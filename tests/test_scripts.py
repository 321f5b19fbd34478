"""Assertive scripts: written in four parts, rehearsed with confidence before and after, used in a step."""

from __future__ import annotations

import json
import re

import pytest
from conftest import journal_content, shown
from hypothesis import given, settings
from hypothesis import strategies as st

from thoughtlog import output, scripts
from thoughtlog.errors import InvalidValue, NotFound
from thoughtlog.storage import scripts as stored

MEETING = (
    "--with", "my team lead",
    "--situation", "Raising my point in the team meeting",
    "--describe", "In the last three meetings my point was talked over before I finished.",
    "--express", "I feel unheard, and I stop offering ideas.",
    "--specify", "I'd like to finish my point before questions.",
    "--consequences", "We'd hear every idea, and I'd speak up more.",
)  # fmt: skip
_STYLE = re.compile(r"\x1b\[[0-9;]*m")


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def add_script(cli, *options: str) -> int:
    result = cli("script", "add", *(options or MEETING), "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["id"]


def add_step(cli, *options: str):
    return cli(
        "experiment", "add", "-b", "If I speak up I'll be dismissed", "-p", "Raise it", *options
    )


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: True)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "80")


# --- writing and rehearsing -------------------------------------------------------------------


def test_script_add_keeps_the_four_parts_in_the_designs_shape(cli):
    script = shown(cli, "script", "show", add_script(cli))
    assert list(script) == [
        "id", "uuid", "with", "situation", "describe", "express", "specify", "consequences",
        "belief_id", "rehearsals", "experiment_ids",
    ]  # fmt: skip
    assert script["with"] == "my team lead"
    assert script["express"] == "I feel unheard, and I stop offering ideas."
    assert (script["rehearsals"], script["experiment_ids"], script["belief_id"]) == ([], [], None)


def test_two_rehearsals_with_a_therapist_are_kept_oldest_first(cli):
    script_id = add_script(cli)
    first = cli("script", "rehearse", str(script_id), "--with", "Therapist", "--before", "45",
                "--after", "70", "--note", "Slower this time")  # fmt: skip
    assert first.exit_code == 0, first.stderr
    assert "from 45 to 70" in first.stderr
    earlier = cli("script", "rehearse", str(script_id), "--with", "therapist", "--before", "30",
                  "--after", "55", "--when", "2026-11-20 15:00")  # fmt: skip
    assert earlier.exit_code == 0, earlier.stderr
    rehearsals = shown(cli, "script", "show", script_id)["rehearsals"]
    assert [(r["with"], r["before"], r["after"]) for r in rehearsals] == [
        ("therapist", 30, 55),
        ("therapist", 45, 70),
    ]
    assert list(rehearsals[1]) == ["at", "with", "before", "after", "note"]
    assert rehearsals[0]["at"].startswith("2026-11-20T15:00")
    assert rehearsals[1]["note"] == "Slower this time"


@pytest.mark.parametrize(
    ("args", "named", "code"),
    [
        (("--with", "friend", "--before", "101"), "'101' is out of range", InvalidValue.exit_code),
        (("--with", "friend", "--after", "-1"), "'-1' is out of range", InvalidValue.exit_code),
        (("--with", "wall"), "'wall' isn't who you practised with", InvalidValue.exit_code),
        ((), "therapist, friend, mirror or alone", InvalidValue.exit_code),
        (("--with", "mirror", "--when", "tomorrow"), "still to come", InvalidValue.exit_code),
    ],
)
def test_rehearse_refuses_a_bad_value_and_changes_nothing(cli, journal_path, args, named, code):
    script_id = add_script(cli)
    before = journal_content(journal_path)
    result = cli("script", "rehearse", str(script_id), *args)
    assert result.exit_code == code
    assert named in result.stderr and result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert journal_content(journal_path) == before


def test_a_script_that_does_not_exist_is_named_calmly(cli, journal_path):
    add_script(cli)
    before = journal_content(journal_path)
    for command in (
        ("rehearse", "7", "--with", "alone"),
        ("show", "7"),
        ("edit", "7", "--specify", "x"),
    ):
        result = cli("script", *command)
        assert result.exit_code == NotFound.exit_code
        assert (
            result.stderr
            == "Error: There is no script 7. 'thoughtlog script list' shows your scripts.\n"
        )
    assert journal_content(journal_path) == before


def test_an_empty_script_is_refused_and_saves_nothing(cli, journal_path):
    cli("script", "list")
    before = journal_content(journal_path)
    for args in ((), ("--situation", "Monday"), ("--describe", "   ", "--express", "")):
        result = cli("script", "add", *args)
        assert result.exit_code == InvalidValue.exit_code
        assert "at least one part" in result.stderr and result.stderr.count("\n") == 1
    assert journal_content(journal_path) == before


def test_edit_may_clear_a_part_but_not_every_part(cli, journal_path):
    script_id = add_script(cli, "--describe", "Talked over", "--specify", "Let me finish")
    assert cli("script", "edit", str(script_id), "--specify", "").exit_code == 0
    assert shown(cli, "script", "show", script_id)["specify"] is None
    before = journal_content(journal_path)
    result = cli("script", "edit", str(script_id), "--describe", "")
    assert result.exit_code == InvalidValue.exit_code
    assert journal_content(journal_path) == before


def test_list_delete_and_restore(cli):
    script_id = add_script(cli)
    assert len(json.loads(cli("script", "list", "--json").stdout)) == 1
    assert cli("script", "delete", str(script_id)).exit_code == 0
    assert json.loads(cli("script", "list", "--json").stdout) == []
    assert [s["id"] for s in json.loads(cli("script", "list", "--trash", "--json").stdout)] == [1]
    assert cli("script", "restore", str(script_id)).exit_code == 0
    listed = cli("script", "list").stdout
    assert "Raising my point in the team meeting" in listed


# --- the guided script ------------------------------------------------------------------------


def test_guided_add_asks_each_part_with_its_hint(cli):
    result = cli(
        "script", "add", "--guided",
        input=answers("my team lead", "Monday's meeting", "Talked over twice", "I feel unheard",
                      "Let me finish my point", "We hear every idea"),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for hint in ("facts, not judgements", "I feel…", "One small change", "The good that"):
        assert hint in result.stderr
    script = shown(cli, "script", "show", 1)
    assert (script["with"], script["describe"], script["consequences"]) == (
        "my team lead",
        "Talked over twice",
        "We hear every idea",
    )


def test_an_empty_answer_stops_the_guided_script_and_keeps_what_was_written(cli):
    result = cli(
        "script", "add", "--guided", input=answers("", "", "Talked over", "I feel small", "")
    )
    assert result.exit_code == 0, result.stderr
    script = shown(cli, "script", "show", 1)
    assert (script["describe"], script["express"], script["specify"]) == (
        "Talked over",
        "I feel small",
        None,
    )
    ended = cli("script", "add", "--guided", input=answers("", "", "Cut off again"))  # Ctrl-D
    assert ended.exit_code == 0, ended.stderr
    assert shown(cli, "script", "show", 2)["describe"] == "Cut off again"


def test_a_guided_script_with_nothing_written_saves_nothing(cli, journal_path):
    cli("script", "list")
    before = journal_content(journal_path)
    result = cli("script", "add", "--guided", input=answers("", "", ""))
    assert result.exit_code == InvalidValue.exit_code
    assert result.stderr.endswith(
        "Error: Nothing was written in any part, so nothing was saved."
        " 'thoughtlog script add' starts again whenever you're ready.\n"
    )
    assert journal_content(journal_path) == before


# --- links: beliefs and steps -----------------------------------------------------------------


def test_a_step_names_the_script_it_used_and_show_says_so(cli):
    script_id = add_script(cli)
    planned = add_step(cli, "--script", str(script_id), "--json")
    assert planned.exit_code == 0, planned.stderr
    step_id = json.loads(planned.stdout)["id"]
    logged = cli("experiment", "log", "-b", "B", "-p", "Spoke first", "--outcome", "Fine",
                 "--came-true", "no", "--script", str(script_id))  # fmt: skip
    assert logged.exit_code == 0, logged.stderr
    other = json.loads(add_step(cli, "--json").stdout)["id"]
    assert cli("experiment", "edit", str(other), "--script", str(script_id)).exit_code == 0
    assert shown(cli, "script", "show", script_id)["experiment_ids"] == [step_id, 2, other]
    page = cli("experiment", "show", str(step_id)).stdout
    assert "Script used: 1: Raising my point in the team meeting" in page
    assert "Used in steps" in cli("script", "show", str(script_id)).stdout


@pytest.mark.parametrize("command", ["add", "log", "edit"])
def test_a_step_cannot_name_a_script_in_the_trash_or_missing(cli, journal_path, command):
    script_id = add_script(cli)
    add_step(cli)
    cli("script", "delete", str(script_id))
    args = {
        "add": ("experiment", "add", "-b", "B", "-p", "P"),
        "log": ("experiment", "log", "-b", "B", "-p", "P", "--outcome", "O", "--came-true", "no"),
        "edit": ("experiment", "edit", "1"),
    }[command]
    before = journal_content(journal_path)
    for script, said in ((script_id, "is in the trash"), (9, "There is no script 9")):
        result = cli(*args, "--script", str(script))
        assert result.exit_code == NotFound.exit_code
        assert said in result.stderr and result.stderr.count("\n") == 1
    assert journal_content(journal_path) == before


def test_a_script_links_to_a_belief_and_refuses_a_missing_or_trashed_one(cli, journal_path):
    belief = json.loads(cli("belief", "add", "If I speak up I'll be dismissed", "--json").stdout)
    script_id = add_script(cli, "--describe", "Talked over", "--link-belief", str(belief["id"]))
    assert shown(cli, "script", "show", script_id)["belief_id"] == belief["id"]
    cli("belief", "delete", str(belief["id"]))
    before = journal_content(journal_path)
    trashed = cli("script", "add", "--describe", "Again", "--link-belief", str(belief["id"]))
    assert trashed.exit_code == NotFound.exit_code and "in the trash" in trashed.stderr
    missing = cli("script", "edit", str(script_id), "--link-belief", "8")
    assert missing.exit_code == NotFound.exit_code and "no belief 8" in missing.stderr
    assert journal_content(journal_path) == before


def test_belief_show_names_the_scripts_practised_against_it_outside_the_trash(cli):
    belief = json.loads(cli("belief", "add", "If I speak up I'll be dismissed", "--json").stdout)
    kept = add_script(cli, *MEETING, "--link-belief", str(belief["id"]))
    trashed = add_script(cli, "--describe", "At dinner", "--link-belief", str(belief["id"]))
    cli("script", "delete", str(trashed))
    shown_belief = cli("belief", "show", str(belief["id"])).stdout
    assert "Scripts practised against it:" in shown_belief
    assert f"  {kept}. Raising my point in the team meeting" in shown_belief
    assert "At dinner" not in shown_belief


# --- on a terminal ----------------------------------------------------------------------------

ODD = "[b]bold[/b] \x1b[31mred\x1b[0m 🙂 نقطة مهمة \u202eevil"


def test_the_persons_odd_text_reaches_the_terminal_visibly(cli, terminal):
    script_id = add_script(cli, "--situation", ODD, "--describe", ODD, "--with", ODD)
    cli("script", "rehearse", str(script_id), "--with", "mirror", "--note", ODD)
    for view in (("show", "1"), ("show", "1", "--card"), ("list",)):
        page = cli("script", *view).stdout.replace("…", "")
        bare = _STYLE.sub("", page)
        assert "\x1b[31m" not in page and "\u202e" not in bare, view
        assert "[b]bold[/b]" in bare and "\\x1b[31mred" in bare, view
        if view != ("list",):  # the list shortens the situation to its first words
            assert "🙂" in bare and "نقطة" in bare and "\\u202eevil" in bare, view
    assert shown(cli, "script", "show", 1)["describe"] == ODD  # the stored text stays exact


@pytest.mark.parametrize("columns", ["80", "40", "pipe"])
def test_the_card_fits_forty_columns_and_keeps_every_word(cli, terminal, monkeypatch, columns):
    if columns == "pipe":
        monkeypatch.setattr(output, "attached_to_terminal", lambda stream: False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    long_word = "Supercalifragilisticexpialidocious-and-then-some-more"
    script_id = add_script(cli, *MEETING[:4], "--describe", f"🙂 {long_word} " + "word " * 30)
    card = _STYLE.sub("", cli("script", "show", str(script_id), "--card").stdout)
    lines = card.splitlines()
    assert max(output.cell_width(line) for line in lines) <= 40
    assert lines[0] == "Raising my point in the team meeting"
    assert [line for line in lines if line.isupper()] == ["DESCRIBE"]
    assert "".join(line.strip() for line in lines).count(long_word) == 1


def test_a_card_wraps_wide_characters_by_their_width():
    script = scripts.Script(describe="語" * 50, situation="会議")
    lines = output.wrapped(script.describe, 38)  # type: ignore[arg-type]
    assert [output.cell_width(line) for line in lines] == [38, 38, 24]


# --- the core ---------------------------------------------------------------------------------


def test_the_store_keeps_rehearsals_oldest_first_and_the_confidence_change(journal):
    script = scripts.new_script(scripts.ScriptInput(describe="Talked over"))
    stored.add_script(journal, script)
    stored.rehearse(journal, script.id, scripts.rehearsal("alone", before=50, after=60))
    stored.rehearse(
        journal, script.id, scripts.rehearsal("friend", before=20, after=40, when="2026-01-05")
    )
    kept = stored.get_script(journal, script.id)
    assert [r.with_ for r in kept.rehearsals] == ["friend", "alone"]
    assert scripts.confidence_change(kept) == (20, 60)
    assert kept.title == "Talked over"


def test_delete_and_restore_print_the_script_as_json(cli):
    script_id = add_script(cli)
    deleted = json.loads(cli("script", "delete", str(script_id), "--json").stdout)
    restored = json.loads(cli("script", "restore", str(script_id), "--json").stdout)
    assert deleted == restored == shown(cli, "script", "show", script_id)


# --- export, import and search ----------------------------------------------------------------


def _export(cli, tmp_path, db=None, name="export.json"):
    path = tmp_path / name
    args = ("--db", str(db)) if db else ()
    result = cli(*args, "export", "--format", "json", "--output", str(path))
    assert result.exit_code == 0, result.stderr
    return path


def test_scripts_travel_in_the_json_export_with_their_links(cli, tmp_path):
    belief = json.loads(cli("belief", "add", "If I speak up I'll be dismissed", "--json").stdout)
    script_id = add_script(cli, *MEETING, "--link-belief", str(belief["id"]))
    cli(
        "script",
        "rehearse",
        str(script_id),
        "--with",
        "therapist",
        "--before",
        "30",
        "--after",
        "55",
    )
    add_step(cli, "--script", str(script_id))
    path = _export(cli, tmp_path)
    exported = json.loads(path.read_text(encoding="utf-8"))["scripts"]
    assert (
        exported[0]["belief_uuid"] == belief["uuid"] and len(exported[0]["experiment_uuids"]) == 1
    )
    other = tmp_path / "other.db"
    imported = cli("--db", str(other), "import", str(path))
    assert imported.exit_code == 0, imported.stderr
    assert "with 1 belief and 1 script" in imported.stderr
    mine = shown(cli, "script", "show", script_id)
    theirs = shown(cli, "--db", str(other), "script", "show", 1)
    assert theirs == mine
    again = cli("--db", str(other), "import", str(path), "--json")
    assert json.loads(again.stdout)["scripts"] == {"added": 0, "updated": 0, "unchanged": 1}
    assert shown(cli, "--db", str(other), "script", "show", 1)["rehearsals"] == mine["rehearsals"]


def test_two_journals_that_both_rehearsed_a_script_merge_every_rehearsal(cli, tmp_path):
    script_id = add_script(cli)
    cli("script", "rehearse", str(script_id), "--with", "therapist", "--before", "30",
        "--after", "55", "--when", "2026-11-20 15:00")  # fmt: skip
    laptop = tmp_path / "laptop.db"
    cli("--db", str(laptop), "import", str(_export(cli, tmp_path, name="first.json")))
    cli("script", "rehearse", str(script_id), "--with", "therapist", "--before", "45",
        "--after", "70", "--when", "2026-11-27 15:00")  # fmt: skip
    cli("--db", str(laptop), "script", "rehearse", "1", "--with", "mirror", "--before", "40",
        "--after", "60", "--when", "2026-11-24 08:00")  # fmt: skip
    cli("--db", str(laptop), "script", "edit", "1", "--specify", "Let me finish, then questions")
    merged = cli("import", str(_export(cli, tmp_path, db=laptop, name="laptop.json")))
    assert merged.exit_code == 0, merged.stderr
    script = shown(cli, "script", "show", script_id)
    assert [(r["with"], r["before"]) for r in script["rehearsals"]] == [
        ("therapist", 30),
        ("mirror", 40),
        ("therapist", 45),
    ]
    assert script["specify"] == "Let me finish, then questions"  # the newer words
    back = cli("--db", str(laptop), "import", str(_export(cli, tmp_path, name="merged.json")))
    assert back.exit_code == 0, back.stderr
    assert (
        shown(cli, "--db", str(laptop), "script", "show", 1)["rehearsals"] == script["rehearsals"]
    )


@pytest.mark.parametrize(
    ("script", "named"),
    [
        (
            {
                "describe": "D",
                "rehearsals": [{"at": "2026-11-20T08:00:00+01:00", "with": "friend", "after": 101}],
            },
            "Script 1, rehearsal 1",
        ),  # fmt: skip
        (
            {"describe": "D", "rehearsals": [{"at": "2026-11-20T08:00:00+01:00", "with": "wall"}]},
            "field with: 'wall'",
        ),  # fmt: skip
        ({"situation": "Only a situation"}, "every script needs one"),
    ],
)
def test_an_imported_script_with_a_bad_value_imports_nothing(
    cli, journal_path, tmp_path, script, named
):
    document = {
        "format": "thoughtlog",
        "version": 2,
        "records": [{"situation": "Bus", "occurred_at": "2026-11-20T08:00:00+01:00"}],
        "scripts": [script],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    cli("script", "list")
    before = journal_content(journal_path)
    result = cli("import", str(path))
    assert result.exit_code == InvalidValue.exit_code
    assert named in result.stderr and "Nothing was imported" in result.stderr
    assert journal_content(journal_path) == before


def test_search_finds_the_words_of_a_script(cli):
    add_script(cli)
    add_script(cli, "--describe", "Cut off at dinner")
    found = cli("search", "finish questions")
    assert found.exit_code == 0, found.stderr
    assert "Script 1  Raising my point in the team meeting" in found.stdout
    assert "[finish] my point before [questions]" in found.stdout
    assert "Script 2" not in found.stdout
    as_json = json.loads(cli("search", "finish", "--in", "scripts", "--json").stdout)
    assert as_json == [json.loads(cli("script", "show", "1", "--json").stdout)]
    cli("script", "delete", "1")
    assert "Nothing matches" in cli("search", "finish").stderr
    assert "Script 2" in cli("search", "dinner").stdout


# --- the progress report ----------------------------------------------------------------------


def _practised(journal):
    """Two scripts: one rehearsed twice with a therapist and used in a step, one only written."""
    from thoughtlog.model import Experiment

    meeting = scripts.new_script(scripts.ScriptInput(situation="Team meeting", describe="D"))
    stored.add_script(journal, meeting)
    stored.add_script(journal, scripts.new_script(scripts.ScriptInput(describe="Dinner")))
    for when, before, after in (("2026-11-10 15:00", 30, 55), ("2026-11-17 15:00", 45, 70)):
        rehearsal = scripts.rehearsal("therapist", before=before, after=after, when=when)
        stored.rehearse(journal, meeting.id, rehearsal)
    journal.add_experiment(
        Experiment(
            belief="If I speak up I'll be dismissed",
            plan="Raise my point",
            status="done",
            done_at="2026-11-19T10:00:00+00:00",
            came_true="no",
            script_id=meeting.id,
        )
    )
    return meeting.id


def test_progress_counts_scripts_written_rehearsed_and_used_with_the_confidence(journal):
    from thoughtlog.progress import build_progress, progress_span

    script_id = _practised(journal)
    report = build_progress(journal, progress_span(since="2026-11-01", until="2026-12-06"))
    practised = report["scripts"]
    assert {k: practised[k] for k in ("written", "rehearsed", "rehearsals", "used", "steps_done")} == {
        "written": 2, "rehearsed": 1, "rehearsals": 2, "used": 1, "steps_done": 1,
    }  # fmt: skip
    (script,) = practised["by_script"]
    assert (script["id"], script["title"], script["steps_done"]) == (script_id, "Team meeting", 1)
    assert (script["first"]["before"], script["first"]["after"]) == (30, 55)
    assert (script["last"]["before"], script["last"]["after"]) == (45, 70)
    before = build_progress(journal, progress_span(since="2026-10-01", until="2026-10-31"))
    assert before["scripts"]["rehearsals"] == before["scripts"]["used"] == 0


@pytest.mark.parametrize("form", ["terminal", "markdown", "html", "json"])
def test_every_progress_format_shows_the_scripts(cli, journal, form, monkeypatch, terminal):
    _practised(journal)
    if form != "terminal":
        monkeypatch.setattr(output, "attached_to_terminal", lambda stream: False)
    args = () if form == "terminal" else ("--format", form)
    result = cli("progress", "--since", "2026-11-01", "--until", "2026-12-06", *args)
    assert result.exit_code == 0, result.stderr
    if form == "json":
        assert json.loads(result.stdout)["scripts"]["by_script"][0]["last"]["after"] == 70
        return
    page = _STYLE.sub("", result.stdout)
    assert "Scripts and rehearsal" in page
    assert "You wrote 2 scripts, rehearsed 1 script twice and used 1 script in 1 step" in " ".join(
        page.split()
    )
    assert "30 → 45" in page and "55 → 70" in page


# --- completion, the schema and round trips ---------------------------------------------------


@pytest.mark.plain_journal(
    "completion offers nothing on an encrypted journal rather than ask for its passphrase"
)
def test_script_ids_and_rehearsal_kinds_complete(cli):
    from test_completion import bash

    for described in ("Talked over", "Cut off", "Spoken for"):
        add_script(cli, "--describe", described)
    cli("script", "delete", "3")
    assert bash("script", "show", "") == ["2", "1"]
    assert bash("script", "restore", "") == ["3"]
    assert bash("experiment", "add", "--script", "") == ["2", "1"]
    assert bash("script", "rehearse", "1", "--with", "f") == ["friend"]


@pytest.mark.plain_journal("writes through the stdlib sqlite3, whose errors SQLCipher's are not")
def test_the_schema_itself_refuses_a_rating_out_of_range_or_an_unknown_kind(journal):
    import sqlite3

    script = scripts.new_script(scripts.ScriptInput(describe="Talked over"))
    stored.add_script(journal, script)
    for kind, after in (("therapist", 101), ("wall", 50)):
        rehearsal = scripts.Rehearsal(at="2026-11-20T10:00:00+00:00", with_=kind, after=after)
        with pytest.raises(sqlite3.IntegrityError):
            stored.rehearse(journal, script.id, rehearsal)
    assert stored.get_script(journal, script.id).rehearsals == []


_words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@settings(max_examples=25, deadline=None)
@given(
    parts=st.lists(st.one_of(st.none(), _words.filter(str.strip)), min_size=4, max_size=4).filter(
        lambda parts: any(parts)
    ),
    ratings=st.lists(
        st.tuples(st.sampled_from(scripts.REHEARSAL_KINDS), st.none() | st.integers(0, 100)),
        max_size=3,
    ),
)
def test_any_script_survives_the_json_round_trip(parts, ratings):
    from thoughtlog.exchange.script_fields import script_from_json

    script = scripts.Script(
        **dict(zip(scripts.PART_KEYS, parts)),
        uuid="1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        rehearsals=[
            scripts.Rehearsal(f"2026-11-{day + 10}T10:00:00+00:00", kind, after=after)
            for day, (kind, after) in enumerate(ratings)
        ],
    )
    read = script_from_json(json.loads(json.dumps(script.to_export())), "Script 1")
    assert [getattr(read, k) for k in scripts.PART_KEYS] == parts
    assert [r.to_dict() for r in read.rehearsals] == [r.to_dict() for r in script.rehearsals]


def test_a_guided_step_keeps_the_script_it_named(cli):
    script_id = add_script(cli)
    result = cli(
        "experiment", "add", "--guided", "--script", str(script_id),
        input=answers("B", "", "P", "", "", "", "", ""),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert shown(cli, "script", "show", script_id)["experiment_ids"] == [1]
