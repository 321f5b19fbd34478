"""Steps with a predicted and an actual reaction: who, what was feared, how likely, what came."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from conftest import journal_content, shown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from thoughtlog import dates, entry, steps, storage
from thoughtlog.entry import ExperimentInput
from thoughtlog.errors import InvalidValue
from thoughtlog.model import Experiment
from thoughtlog.steps import StepInput
from thoughtlog.storage import open_journal


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


PLAN = ("--belief", "If I disagree, I'll be punished", "--plan", "Disagree once on Monday")


def add_step(cli, *options: str) -> int:
    result = cli("experiment", "add", *PLAN, *options, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["id"]


# --- through the command line -------------------------------------------------------------------


def test_experiment_add_keeps_who_what_is_feared_how_likely_and_the_safety_behaviours(cli):
    step_id = add_step(
        cli,
        "--with",
        "Boss",
        "--feared",
        "She criticises me in front of the team",
        "--p-feared",
        "70",
        "--safety",
        "over-apologising",
        "--safety",
        "softening, speaking last",
    )
    step = shown(cli, "experiment", "show", step_id)
    assert step["with"] == "boss"
    assert step["feared_reaction"] == "She criticises me in front of the team"
    assert step["p_feared"] == 70
    assert step["safety_behaviours"] == ["over-apologising", "softening", "speaking last"]
    assert (step["reaction"], step["safety_used"], step["surprise"]) == (None, None, None)


def test_experiment_done_keeps_the_reaction_the_safety_used_and_the_surprise(cli):
    step_id = add_step(cli, "--safety", "over-apologising")
    done = cli(
        "experiment",
        "done",
        str(step_id),
        "--outcome",
        "She said 'fair point'",
        "--came-true",
        "no",
        "--reaction",
        "Agreement",
        "--safety-used",
        "none",
        "--surprise",
        "80",
        "--when",
        "yesterday 3pm",
    )
    assert done.exit_code == 0, done.stderr
    step = shown(cli, "experiment", "show", step_id)
    assert (step["reaction"], step["safety_used"], step["surprise"]) == ("agreement", [], 80)
    assert dates.from_text(step["done_at"]).hour == 15


def test_experiment_show_lays_out_the_reaction_feared_beside_the_reaction_that_came(cli):
    step_id = add_step(cli, "--with", "boss", "--feared", "A telling-off", "--p-feared", "60")
    cli(
        "experiment",
        "done",
        str(step_id),
        "--outcome",
        "Fine",
        "--came-true",
        "no",
        "--reaction",
        "neutral",
        "--safety-used",
        "softening",
    )
    shown_text = cli("experiment", "show", str(step_id)).stdout
    assert "Reaction feared: A telling-off" in shown_text
    assert "How likely it seemed: 60" in shown_text
    assert "Their reaction: neutral" in shown_text
    assert "Safety behaviours used: softening" in shown_text


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (("--p-feared", "140"), "'140'"),
        (("--p-feared", "likely"), "'likely'"),
        (("--p-feared", "12.5"), "'12.5'"),
    ],
)
def test_experiment_add_refuses_a_rating_out_of_range_and_saves_nothing(
    cli, journal_path, options, named
):
    cli("experiment", "list")  # the journal exists before the command that fails
    before = journal_content(journal_path)
    result = cli("experiment", "add", *PLAN, *options)
    assert result.exit_code == InvalidValue.exit_code
    assert result.stderr.startswith("Error: ") and named in result.stderr
    assert result.stderr.count("\n") == 1
    assert journal_content(journal_path) == before


def test_experiment_done_refuses_an_unknown_reaction_and_changes_nothing(cli, journal_path):
    step_id = add_step(cli)
    before = journal_content(journal_path)
    result = cli(
        "experiment", "done", str(step_id), "--outcome", "x", "--came-true", "no",
        "--reaction", "shouting",
    )  # fmt: skip
    assert result.exit_code == InvalidValue.exit_code
    assert "'shouting'" in result.stderr and "criticism or punishment" in result.stderr
    assert result.stderr.count("\n") == 1
    assert journal_content(journal_path) == before


def test_safety_used_none_beside_a_named_behaviour_is_refused(cli, journal_path):
    step_id = add_step(cli)
    before = journal_content(journal_path)
    result = cli(
        "experiment", "done", str(step_id), "--outcome", "x", "--came-true", "no",
        "--safety-used", "none", "--safety-used", "softening",
    )  # fmt: skip
    assert result.exit_code == InvalidValue.exit_code and "'none' on its own" in result.stderr
    assert journal_content(journal_path) == before


def test_experiment_log_records_a_step_already_taken_in_one_go(cli):
    result = cli(
        "experiment", "log", *PLAN, "--when", "yesterday 11am", "--with", "colleague",
        "--feared", "He laughs at me", "--p-feared", "50", "--outcome", "He nodded",
        "--came-true", "no", "--reaction", "agreement", "--surprise", "60", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    step = json.loads(result.stdout)
    assert step["status"] == "done"
    assert step["planned_for"] == step["done_at"]
    assert dates.from_text(step["done_at"]).hour == 11
    assert (step["with"], step["p_feared"], step["reaction"]) == ("colleague", 50, "agreement")
    assert shown(cli, "experiment", "show", step["id"]) == step


def test_experiment_log_refuses_a_time_still_to_come(cli, journal_path):
    cli("experiment", "list")
    before = journal_content(journal_path)
    result = cli(
        "experiment", "log", *PLAN, "--when", "tomorrow 9am", "--outcome", "x",
        "--came-true", "no",
    )  # fmt: skip
    assert result.exit_code == InvalidValue.exit_code and "still to come" in result.stderr
    assert journal_content(journal_path) == before


def test_experiment_log_needs_the_outcome(cli, journal_path):
    result = cli("experiment", "log", *PLAN)
    assert result.exit_code == InvalidValue.exit_code and "--came-true" in result.stderr
    assert json.loads(cli("experiment", "list", "--json").stdout) == []


def test_experiment_log_without_options_and_without_a_terminal_says_what_to_give(cli):
    result = cli("experiment", "log", input="")
    assert result.exit_code != 0
    assert "--belief" in result.stderr and "Traceback" not in result.stderr


def test_experiment_edit_changes_a_reaction_and_keeps_the_rest(cli):
    step_id = add_step(cli, "--with", "boss", "--p-feared", "70")
    cli("experiment", "done", str(step_id), "--outcome", "x", "--came-true", "partly")
    edited = cli("experiment", "edit", str(step_id), "--reaction", "criticism", "--json")
    assert edited.exit_code == 0, edited.stderr
    step = json.loads(edited.stdout)
    assert (step["reaction"], step["with"], step["p_feared"]) == ("criticism", "boss", 70)


# --- the guided questions -----------------------------------------------------------------------


def test_guided_experiment_add_asks_gently_for_the_feared_reaction_and_safety_behaviours(cli):
    result = cli(
        "experiment",
        "add",
        "--guided",
        input=answers(
            "If I disagree, I'll be punished",
            "85",
            "Disagree once on Monday",
            "",  # when: skipped
            "70",
            "my boss",  # with whom
            "She tells me off in front of everyone",
            "140",  # out of range: asked again
            "75",
            "over-apologising, speaking last",
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert "'140'" in result.stderr
    assert "over-apologising" in result.stderr and "speaking last" in result.stderr  # offered
    step = shown(cli, "experiment", "show", 1)
    assert step["with"] == "my boss"
    assert step["feared_reaction"] == "She tells me off in front of everyone"
    assert step["p_feared"] == 75
    assert step["safety_behaviours"] == ["over-apologising", "speaking last"]


def test_guided_experiment_add_skips_how_likely_when_no_reaction_is_feared(cli):
    result = cli(
        "experiment", "add", "--guided",
        input=answers("B", "", "P", "", "", "", "", ""),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    step = shown(cli, "experiment", "show", 1)
    assert [step[k] for k in ("with", "feared_reaction", "p_feared", "safety_behaviours")] == [
        None
    ] * 4


def test_guided_experiment_done_shows_the_prediction_and_asks_about_the_reaction(cli):
    step_id = add_step(
        cli, "--feared", "A telling-off", "--p-feared", "80", "--safety", "over-apologising"
    )
    result = cli(
        "experiment",
        "done",
        str(step_id),
        "--guided",
        input=answers(
            "She agreed",
            "no",
            "yelled",  # not a reaction it knows: asked again
            "praise",
            "none",
            "90",
            "30",
            "It went fine",
            "40",
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert "A telling-off" in result.stderr and "80% likely" in result.stderr
    assert "'yelled'" in result.stderr and "over-apologising" in result.stderr
    step = shown(cli, "experiment", "show", step_id)
    assert (step["reaction"], step["safety_used"], step["surprise"]) == ("praise", [], 90)
    assert step["actual_distress"] == 30


def test_guided_experiment_log_asks_for_the_plan_and_what_came(cli):
    result = cli(
        "experiment",
        "log",
        "--guided",
        input=answers(
            "If I say no, they'll be angry",
            "80",
            "Said no to extra work",
            "60",
            "colleague",
            "",  # no feared reaction: how likely isn't asked
            "",
            "He said OK",
            "no",
            "neutral",
            "",
            "",
            "20",
            "",
            "",
        ),
    )
    assert result.exit_code == 0, result.stderr
    step = shown(cli, "experiment", "show", 1)
    assert step["status"] == "done" and step["reaction"] == "neutral"
    assert (step["with"], step["expected_distress"], step["actual_distress"]) == (
        "colleague",
        60,
        20,
    )


# --- the journal: migration and storage ---------------------------------------------------------


def test_a_journal_from_before_steps_had_reactions_is_upgraded_in_place(journal_path):
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(journal_path)
    storage.schema.migration_set().apply(db, stop_before="m006_steps_with_reactions")
    db.execute(
        "INSERT INTO experiments (id, uuid, belief, plan, status, done_at, outcome, came_true,"
        " created_at, updated_at) VALUES (1, 'u-1', 'I will be punished', 'Speak up', 'done',"
        " '2026-11-16T10:00:00+00:00', 'Fine', 'no', '2026-11-16T09:00:00+00:00',"
        " '2026-11-16T10:00:00+00:00')"
    )
    db.conn.commit()
    db.close()
    with open_journal(journal_path) as opened:
        old = opened.get_experiment(1)
        assert (old.belief, old.came_true, old.done_at) == (
            "I will be punished",
            "no",
            "2026-11-16T10:00:00+00:00",
        )
        assert (old.with_, old.reaction, old.safety_used) == (None, None, None)
        opened.update_experiment(
            entry.plan_experiment(old, ExperimentInput(step=StepInput(reaction="agreement")))
        )
        assert opened.get_experiment(1).reaction == "agreement"


def test_the_journal_itself_refuses_a_reaction_it_does_not_know(journal):
    import sqlite3

    journal.add_experiment(Experiment(belief="B", plan="P"))
    with pytest.raises(sqlite3.IntegrityError):
        journal.conn.execute("UPDATE experiments SET reaction = 'shouting'")


# --- the core -----------------------------------------------------------------------------------


def test_feared_came_reads_the_reaction_first_then_came_true():
    def done(**fields) -> Experiment:
        return Experiment(belief="B", plan="P", status="done", **fields)

    assert steps.feared_came(done(reaction="criticism", came_true="no")) is True
    assert steps.feared_came(done(reaction="agreement", came_true="yes")) is False
    assert steps.feared_came(done(came_true="yes")) is True
    assert steps.feared_came(done(came_true="partly")) is False
    assert steps.feared_came(done()) is None
    assert steps.feared_came(Experiment(belief="B", plan="P", reaction="punishment")) is None


def test_logged_experiment_is_planned_and_done_when_it_was_taken():
    taken = dates.now_local() - timedelta(days=2)
    step = entry.logged_experiment(
        ExperimentInput(
            belief="B",
            plan="P",
            outcome="O",
            came_true="no",
            step=StepInput(with_="Partner", safety_used=["none"]),
        ),
        done_at=taken,
    )
    assert step.done and step.planned_for == taken
    assert step.done_at == dates.to_text(taken)
    assert (step.with_, step.safety_used) == ("partner", [])


def test_an_unknown_reaction_names_every_kind_it_knows():
    with pytest.raises(InvalidValue) as refused:
        steps.reaction("yelling")
    assert all(kind in str(refused.value) for kind in steps.REACTIONS)


# --- export and import --------------------------------------------------------------------------


def _full_step(cli) -> int:
    step_id = add_step(
        cli, "--with", "boss", "--feared", "A telling-off", "--p-feared", "70",
        "--safety", "softening",
    )  # fmt: skip
    cli(
        "experiment", "done", str(step_id), "--outcome", "Fine", "--came-true", "no",
        "--reaction", "agreement", "--safety-used", "none", "--surprise", "65",
    )  # fmt: skip
    return step_id


def test_the_json_export_carries_the_step_fields_and_imports_them_back(cli, tmp_path):
    step_id = _full_step(cli)
    exported = cli("export", "--format", "json").stdout
    assert json.loads(exported)["version"] == 2
    target = tmp_path / "other.db"
    (tmp_path / "export.json").write_text(exported, encoding="utf-8")
    imported = cli("--db", str(target), "import", str(tmp_path / "export.json"))
    assert imported.exit_code == 0, imported.stderr
    mine = shown(cli, "experiment", "show", step_id)
    theirs = shown(cli, "--db", str(target), "experiment", "show", step_id)
    keys = ("with", "feared_reaction", "p_feared", "safety_behaviours", "reaction", "safety_used")
    assert [theirs[k] for k in (*keys, "surprise")] == [mine[k] for k in (*keys, "surprise")]
    assert theirs["safety_used"] == []


def test_a_version_1_export_still_imports(cli, tmp_path):
    document = {
        "format": "thoughtlog",
        "version": 1,
        "records": [],
        "experiments": [
            {
                "belief": "B",
                "plan": "P",
                "status": "done",
                "done_at": "2026-11-16T10:00:00+00:00",
                "came_true": "no",
                "outcome": "Fine",
            }
        ],
    }
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = cli("import", str(path))
    assert result.exit_code == 0, result.stderr
    (step,) = json.loads(cli("experiment", "list", "--json").stdout)
    assert step["status"] == "done" and step["reaction"] is None


def test_an_import_with_an_unknown_reaction_names_the_experiment_and_imports_nothing(
    cli, journal_path, tmp_path
):
    document = {
        "format": "thoughtlog",
        "version": 2,
        "experiments": [{"belief": "B", "plan": "P", "reaction": "yelling"}],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    cli("experiment", "list")
    before = journal_content(journal_path)
    result = cli("import", str(path))
    assert result.exit_code == InvalidValue.exit_code
    assert "Experiment 1" in result.stderr and "'yelling'" in result.stderr
    assert journal_content(journal_path) == before


def test_the_experiments_csv_table_has_the_step_columns(cli):
    _full_step(cli)
    table = cli("export", "--format", "csv", "--table", "experiments").stdout
    (row,) = list(csv.DictReader(io.StringIO(table)))
    assert row["with"] == "boss" and row["p_feared"] == "70"
    assert row["safety_behaviours"] == "softening" and row["reaction"] == "agreement"
    assert row["safety_used"] == "none" and row["surprise"] == "65"


_texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    lambda t: t.strip() and "," not in t
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    with_=st.one_of(st.none(), _texts),
    p_feared=st.one_of(st.none(), st.integers(0, 100)),
    safety=st.one_of(st.none(), st.lists(_texts, max_size=3)),
    kind=st.one_of(st.none(), st.sampled_from(steps.REACTIONS)),
)
def test_any_step_survives_the_json_round_trip(journal_path, with_, p_feared, safety, kind):
    from thoughtlog.exchange.json_format import experiment_from_json

    step = entry.new_experiment(
        ExperimentInput(
            belief="B",
            plan="P",
            step=StepInput(with_=with_, p_feared=p_feared, safety=safety, reaction=kind),
        )
    )
    read = experiment_from_json(
        json.loads(json.dumps({k: v for k, v in step.to_dict().items() if k != "record_id"})),
        "Experiment 1",
    )
    for name in ("with_", "p_feared", "safety_behaviours", "reaction"):
        assert getattr(read, name) == getattr(step, name)
