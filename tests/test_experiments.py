"""Behavioural experiments: plan a small step with a prediction, record the outcome, climb the ladder."""

from __future__ import annotations

import json

import pytest
from conftest import journal_content, shown

from thoughtlog.errors import InvalidValue

HOT = "If I disagree, my boss will reprimand me"
PAST = "2020-01-06 10:00"  # long gone: a planned step then is due
FUTURE = "2099-01-05 10:00"  # far ahead: a planned step then is not due yet


def add_record(cli, *args: str) -> int:
    result = cli("add", *args)
    assert result.exit_code == 0, result.stderr
    return int(result.stdout)


def add_experiment(cli, *args: str) -> int:
    result = cli("experiment", "add", *args)
    assert result.exit_code == 0, result.stderr
    return int(result.stdout)


def listed(cli, *args: str) -> list[int]:
    result = cli("experiment", "list", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return [e["id"] for e in json.loads(result.stdout)]


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


@pytest.fixture
def meeting(cli) -> int:
    """The record the issue's example starts from: staying silent in the meeting."""
    return add_record(
        cli,
        "-s",
        "Team meeting: I stayed silent while the new plan was discussed",
        "--when",
        "2026-11-16 10:00",
        "-e",
        "anxious=80",
        "-t",
        HOT,
        "-t",
        "They'll see I'm not good enough",
        "--belief",
        "85",
        "-d",
        "fortune-telling",
        "--tag",
        "work",
    )


# --- add ------------------------------------------------------------------------------------------


def test_experiment_add_saves_every_option_and_prints_the_id(cli):
    result = cli(
        "experiment",
        "add",
        "--belief",
        "If I ask a question, they'll laugh",
        "--confidence",
        "70",
        "--plan",
        "Ask one question in the lecture",
        "--when",
        "2026-11-24 14:00",
        "--expected-distress",
        "55",
    )
    assert (result.exit_code, result.stdout) == (0, "1\n")
    experiment = shown(cli, "experiment", "show", "1")
    assert experiment["belief"] == "If I ask a question, they'll laugh"
    assert experiment["confidence_before"] == 70
    assert experiment["plan"] == "Ask one question in the lecture"
    assert experiment["planned_for"].startswith("2026-11-24T14:00:00")
    assert experiment["expected_distress"] == 55
    assert experiment["status"] == "planned"
    assert experiment["record_id"] is None
    assert experiment["uuid"]
    for key in (
        "outcome",
        "came_true",
        "actual_distress",
        "learned",
        "confidence_after",
        "done_at",
    ):
        assert experiment[key] is None, key


def test_experiment_add_json_prints_the_experiment_with_its_id(cli):
    result = cli("experiment", "add", "--belief", "B", "--plan", "P", "--json")
    printed = json.loads(result.stdout)
    assert printed["id"] == 1
    assert printed == shown(cli, "experiment", "show", "1")


def test_experiment_add_from_a_record_tests_its_hot_thought(cli, meeting):
    experiment_id = add_experiment(
        cli,
        "--record",
        str(meeting),
        "--confidence",
        "85",
        "--plan",
        "Disagree once",
        "--expected-distress",
        "70",
    )
    experiment = shown(cli, "experiment", "show", experiment_id)
    assert experiment["belief"] == HOT
    assert experiment["record_id"] == meeting
    record = json.loads(cli("show", str(meeting), "--json").stdout)
    assert experiment["record_uuid"] == record["uuid"]


def test_experiment_add_from_a_record_keeps_a_belief_given(cli, meeting):
    experiment_id = add_experiment(
        cli, "--record", str(meeting), "--belief", "My boss will shout", "--plan", "Disagree once"
    )
    assert shown(cli, "experiment", "show", experiment_id)["belief"] == "My boss will shout"


def test_experiment_add_bare_weekday_means_the_coming_one(cli):
    from thoughtlog import dates

    experiment_id = add_experiment(cli, "--belief", "B", "--plan", "P", "--when", "friday 9am")
    planned = dates.from_text(shown(cli, "experiment", "show", experiment_id)["planned_for"])
    today = dates.now_local().date()
    assert planned.weekday() == 4
    assert 0 <= (planned.date() - today).days < 7


def test_guided_experiment_add_asks_every_question(cli):
    result = cli(
        "experiment",
        "add",
        "--guided",
        input=answers(
            "If I say no, my friend will be angry",  # belief
            "90",  # confidence
            "Say no to the Saturday move",  # the step
            "2026-11-28 09:00",  # when
            "65",  # expected distress
            "",  # with whom: skipped
            "",  # the feared reaction: skipped
            "",  # safety behaviours: skipped
        ),
    )
    assert result.exit_code == 0, result.stderr
    experiment = shown(cli, "experiment", "show", "1")
    assert experiment["belief"] == "If I say no, my friend will be angry"
    assert experiment["confidence_before"] == 90
    assert experiment["plan"] == "Say no to the Saturday move"
    assert experiment["planned_for"].startswith("2026-11-28T09:00:00")
    assert experiment["expected_distress"] == 65


def test_guided_experiment_add_from_a_record_offers_its_hot_thought(cli, meeting):
    result = cli(
        "experiment",
        "add",
        "--guided",
        "--record",
        str(meeting),
        input=answers(
            "",  # Enter keeps the hot thought
            "85",
            "Disagree once in Monday's meeting",
            "",
            "70",
            "",
            "",
            "",
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert HOT in result.stderr  # shown as the default
    experiment = shown(cli, "experiment", "show", "1")
    assert experiment["belief"] == HOT
    assert experiment["record_id"] == meeting
    assert experiment["planned_for"] is None


def test_guided_experiment_add_explains_a_bad_answer_and_asks_again(cli):
    result = cli(
        "experiment",
        "add",
        "--guided",
        input=answers(
            "They'll laugh",
            "150",
            "80",
            "",
            "Ask a question",
            "someday",
            "2026-11-28 09:00",
            "x",
            "40",
            "",
            "",
            "",
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert "'150'" in result.stderr and "'someday'" in result.stderr and "'x'" in result.stderr
    assert "A few words about the small step" in result.stderr
    experiment = shown(cli, "experiment", "show", "1")
    assert (experiment["confidence_before"], experiment["expected_distress"]) == (80, 40)
    assert experiment["plan"] == "Ask a question"


def test_experiment_add_without_options_and_without_a_terminal_is_an_error(cli):
    result = cli("experiment", "add", input="")
    assert result.exit_code == 2
    assert "--belief" in result.stderr and "--plan" in result.stderr
    assert listed(cli) == []


# --- done -----------------------------------------------------------------------------------------


def test_experiment_done_records_the_outcome(cli):
    experiment_id = add_experiment(
        cli, "--belief", "They'll laugh", "--confidence", "80", "--plan", "Ask"
    )
    result = cli(
        "experiment",
        "done",
        str(experiment_id),
        "--outcome",
        "The lecturer said it was a good question",
        "--came-true",
        "No",
        "--distress",
        "30",
        "--learned",
        "Questions are welcome",
        "--confidence-after",
        "20",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{experiment_id}\n"
    experiment = shown(cli, "experiment", "show", experiment_id)
    assert experiment["status"] == "done"
    assert experiment["outcome"] == "The lecturer said it was a good question"
    assert experiment["came_true"] == "no"
    assert experiment["actual_distress"] == 30
    assert experiment["learned"] == "Questions are welcome"
    assert experiment["confidence_after"] == 20
    assert experiment["done_at"]


@pytest.mark.parametrize("answer", ["yes", "partly", "no"])
def test_experiment_done_accepts_each_came_true_answer(cli, answer):
    experiment_id = add_experiment(cli, "--belief", "B", "--plan", "P")
    assert (
        cli(
            "experiment", "done", str(experiment_id), "--outcome", "O", "--came-true", answer
        ).exit_code
        == 0
    )
    assert shown(cli, "experiment", "show", experiment_id)["came_true"] == answer


def test_experiment_done_json_prints_the_experiment(cli):
    experiment_id = add_experiment(cli, "--belief", "B", "--plan", "P")
    result = cli(
        "experiment",
        "done",
        str(experiment_id),
        "--outcome",
        "O",
        "--came-true",
        "partly",
        "--json",
    )
    assert json.loads(result.stdout) == shown(cli, "experiment", "show", experiment_id)


def test_guided_experiment_done_asks_every_question(cli):
    experiment_id = add_experiment(
        cli, "--belief", HOT, "--confidence", "85", "--plan", "Disagree once"
    )
    result = cli(
        "experiment",
        "done",
        str(experiment_id),
        "--guided",
        input=answers(
            "",  # what happened is required: asked again
            "I said I saw a risk; she said 'good point'",
            "maybe",
            "no",  # a bad answer, then a good one
            "",  # their reaction: skipped
            "",  # safety behaviours used: skipped
            "",  # surprise: skipped
            "40",
            "Disagreeing politely went fine",
            "35",
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert HOT in result.stderr and "85% sure" in result.stderr  # the prediction is shown first
    assert "'maybe'" in result.stderr
    experiment = shown(cli, "experiment", "show", experiment_id)
    assert experiment["outcome"] == "I said I saw a risk; she said 'good point'"
    assert experiment["came_true"] == "no"
    assert experiment["actual_distress"] == 40
    assert experiment["learned"] == "Disagreeing politely went fine"
    assert experiment["confidence_after"] == 35
    assert experiment["status"] == "done"


def test_experiment_done_on_a_terminal_says_how_confidence_changed(cli, monkeypatch):
    from thoughtlog import output

    experiment_id = add_experiment(cli, "--belief", "B", "--confidence", "85", "--plan", "P")
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    result = cli(
        "experiment",
        "done",
        str(experiment_id),
        "--outcome",
        "O",
        "--came-true",
        "no",
        "--confidence-after",
        "35",
    )
    assert "from 85 to 35" in result.stderr


# --- list -----------------------------------------------------------------------------------------


@pytest.fixture
def ladder(journal_path) -> dict[str, int]:
    """Four planned steps (one without a rating) and one done, added through the core."""
    from thoughtlog import entry
    from thoughtlog.entry import ExperimentInput
    from thoughtlog.storage import open_journal

    steps = {
        "hard": ("Disagree with the boss", "2026-11-20 10:00", "70"),
        "easy": ("Say good morning", "2026-11-25 10:00", "30"),
        "middle": ("Ask a question", "2026-11-10 10:00", "50"),
        "unrated": ("Something", "2026-11-12 10:00", None),
        "done": ("Nod once", "2026-11-01 10:00", "10"),
    }
    ids = {}
    with open_journal(journal_path) as opened:
        for name, (plan, when, distress) in steps.items():
            experiment = entry.new_experiment(
                ExperimentInput(belief="B", plan=plan, when=when, expected_distress=distress)
            )
            ids[name] = opened.add_experiment(experiment)
        done = opened.get_experiment(ids["done"])
        opened.update_experiment(
            entry.complete_experiment(done, ExperimentInput(outcome="O", came_true="no"))
        )
    return ids


def test_experiment_ladder_orders_pending_steps_by_expected_distress(cli, ladder):
    assert listed(cli, "--ladder") == [
        ladder["easy"],
        ladder["middle"],
        ladder["hard"],
        ladder["unrated"],
    ]
    plain = cli("experiment", "list", "--ladder").stdout
    assert (
        plain.index("Say good morning")
        < plain.index("Ask a question")
        < plain.index("Disagree with the boss")
    )
    assert "Nod once" not in plain


def test_experiment_list_is_newest_plan_first(cli, ladder):
    assert listed(cli) == [ladder[n] for n in ("easy", "hard", "unrated", "middle", "done")]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--pending"], ["easy", "hard", "unrated", "middle"]),
        (["--done"], ["done"]),
        (["--since", "2026-11-12"], ["easy", "hard", "unrated"]),
        (["--until", "2026-11-12"], ["unrated", "middle", "done"]),
        (["--since", "2026-11-11", "--until", "2026-11-20"], ["hard", "unrated"]),
        (["--pending", "--since", "2026-11-20"], ["easy", "hard"]),
        (["--limit", "2"], ["easy", "hard"]),
    ],
)
def test_experiment_list_filters(cli, ladder, args, expected):
    assert listed(cli, *args) == [ladder[name] for name in expected]


def test_experiment_list_json_is_an_array_of_show_json_objects(cli, ladder):
    experiments = json.loads(cli("experiment", "list", "--json").stdout)
    assert len(experiments) == 5
    for experiment in experiments:
        assert experiment == shown(cli, "experiment", "show", experiment["id"])


def test_a_planned_step_whose_date_has_passed_shows_as_due(cli):
    due = add_experiment(cli, "--belief", "B", "--plan", "Overdue step", "--when", PAST)
    ahead = add_experiment(cli, "--belief", "B", "--plan", "Later step", "--when", FUTURE)
    lines = cli("experiment", "list").stdout.splitlines()
    due_line = next(line for line in lines if "Overdue step" in line)
    ahead_line = next(line for line in lines if "Later step" in line)
    assert "due" in due_line.split()
    assert "planned" in ahead_line.split() and "due" not in ahead_line.split()
    assert "· due" in cli("experiment", "show", str(due)).stdout
    assert "· planned" in cli("experiment", "show", str(ahead)).stdout


def test_a_done_step_is_never_due(cli):
    experiment_id = add_experiment(cli, "--belief", "B", "--plan", "Old step", "--when", PAST)
    cli("experiment", "done", str(experiment_id), "--outcome", "O", "--came-true", "partly")
    line = next(
        line for line in cli("experiment", "list").stdout.splitlines() if "Old step" in line
    )
    assert "done, came true: partly" in line
    assert "due" not in line.split()


def test_experiment_list_of_nothing_says_so(cli):
    result = cli("experiment", "list")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "No experiments yet. 'thoughtlog experiment add' plans a small step.\n"


@pytest.mark.parametrize("option", ["--pending", "--ladder"])
def test_experiment_list_with_nothing_pending_says_no_step_is_waiting(cli, option):
    added = cli("experiment", "add", "--belief", "They'll laugh", "--plan", "Ask a question")
    cli("experiment", "done", added.stdout.strip(), "--outcome", "Fine", "--came-true", "no")
    result = cli("experiment", "list", option)
    assert result.exit_code == 0 and result.stdout == ""
    assert (
        result.stderr
        == "No small steps are waiting to be taken. 'thoughtlog experiment add' plans one.\n"
    )


def test_stopping_a_guided_experiment_part_way_saves_nothing_and_says_so(cli):
    result = cli(
        "experiment", "add", "--guided", input="If I disagree, my boss will reprimand me\n85\n"
    )
    assert result.exit_code == 1
    assert result.stderr.endswith("\nStopped; nothing was changed.\n")
    assert "Aborted" not in result.stderr
    assert json.loads(cli("experiment", "list", "--json").stdout) == []


# --- show, edit, delete, restore ------------------------------------------------------------------


def test_experiment_show_puts_the_prediction_beside_the_outcome(cli, meeting):
    experiment_id = add_experiment(
        cli,
        "--record",
        str(meeting),
        "--confidence",
        "85",
        "--plan",
        "Disagree once",
        "--when",
        "2026-11-23 10:00",
        "--expected-distress",
        "70",
    )
    planned = cli("experiment", "show", str(experiment_id)).stdout
    assert "Prediction" in planned and "Outcome (not yet)" in planned
    for text in (
        HOT,
        "Confidence in it: 85",
        "Small step: Disagree once",
        "Mon 23 Nov 2026, 10:00",
        "Expected distress: 70",
        f"From record: {meeting}",
    ):
        assert text in planned, text

    cli(
        "experiment",
        "done",
        str(experiment_id),
        "--outcome",
        "She said 'good point'",
        "--came-true",
        "no",
        "--distress",
        "40",
        "--learned",
        "It went fine",
        "--confidence-after",
        "35",
    )
    done = cli("experiment", "show", str(experiment_id)).stdout
    for text in (
        "What happened: She said 'good point'",
        "Feared outcome came true: no",
        "Actual distress: 40",
        "What I learned: It went fine",
        "Confidence now: 35",
        "Expected distress: 70",
    ):
        assert text in done, text
    assert "Outcome (not yet)" not in done


def test_experiment_edit_changes_only_the_parts_given(cli):
    experiment_id = add_experiment(
        cli,
        "--belief",
        "B",
        "--confidence",
        "60",
        "--plan",
        "Ask once",
        "--when",
        "2026-11-24 10:00",
        "--expected-distress",
        "50",
    )
    before = shown(cli, "experiment", "show", experiment_id)
    result = cli(
        "experiment",
        "edit",
        str(experiment_id),
        "--when",
        "2026-11-25 11:30",
        "--expected-distress",
        "45",
    )
    assert result.exit_code == 0, result.stderr
    after = shown(cli, "experiment", "show", experiment_id)
    assert after["planned_for"].startswith("2026-11-25T11:30:00")
    assert after["expected_distress"] == 45
    for key in set(before) - {"planned_for", "expected_distress", "updated_at"}:
        assert after[key] == before[key], key


def test_experiment_edit_corrects_an_outcome(cli):
    experiment_id = add_experiment(cli, "--belief", "B", "--plan", "P")
    cli(
        "experiment",
        "done",
        str(experiment_id),
        "--outcome",
        "O",
        "--came-true",
        "no",
        "--distress",
        "40",
    )
    done_at = shown(cli, "experiment", "show", experiment_id)["done_at"]
    assert (
        cli(
            "experiment", "edit", str(experiment_id), "--came-true", "partly", "--distress", "45"
        ).exit_code
        == 0
    )
    experiment = shown(cli, "experiment", "show", experiment_id)
    assert (experiment["came_true"], experiment["actual_distress"]) == ("partly", 45)
    assert experiment["done_at"] == done_at
    assert experiment["outcome"] == "O"


def done_step(cli) -> int:
    experiment_id = add_experiment(cli, "--belief", "B", "--plan", "P")
    result = cli("experiment", "done", str(experiment_id), "--outcome", "O", "--came-true", "no")
    assert result.exit_code == 0, result.stderr
    return experiment_id


def test_experiment_edit_done_when_moves_the_moment_a_step_was_taken(cli):
    experiment_id = done_step(cli)
    before = shown(cli, "experiment", "show", experiment_id)
    result = cli("experiment", "edit", str(experiment_id), "--done-when", "2026-11-20 18:15")
    assert result.exit_code == 0, result.stderr
    after = shown(cli, "experiment", "show", experiment_id)
    assert after["done_at"].startswith("2026-11-20T18:15:00")
    for key in set(before) - {"done_at", "updated_at"}:
        assert after[key] == before[key], key


def test_experiment_edit_done_when_counts_the_step_in_the_week_it_was_taken(cli):
    experiment_id = done_step(cli)
    cli("experiment", "edit", str(experiment_id), "--done-when", "2026-11-18 10:00")
    report = json.loads(cli("report", "--week", "2026-11-18", "--format", "json").stdout)
    assert report["experiments"]["done"] == 1


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (FUTURE, "--done-when '2099-01-05 10:00' is still to come"),
        ("someday soon", "'someday soon'"),
    ],
)
def test_experiment_edit_refuses_a_done_when_still_to_come_or_unreadable(
    cli, journal_path, when, expected
):
    experiment_id = done_step(cli)
    before = journal_content(journal_path)
    result = cli("experiment", "edit", str(experiment_id), "--done-when", when, "--distress", "30")
    assert result.exit_code == InvalidValue.exit_code
    assert result.stderr.startswith("Error: ") and expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert journal_content(journal_path) == before


def test_experiment_edit_refuses_done_when_on_a_step_not_done(cli, journal_path):
    experiment_id = add_experiment(cli, "--belief", "B", "--plan", "P")
    before = journal_content(journal_path)
    result = cli(
        "experiment", "edit", str(experiment_id), "--came-true", "no", "--done-when", "yesterday"
    )
    assert result.exit_code == InvalidValue.exit_code
    assert f"Experiment {experiment_id} isn't done yet" in result.stderr
    assert f"thoughtlog experiment done {experiment_id} --when" in result.stderr
    assert journal_content(journal_path) == before


def test_experiment_edit_links_it_to_a_record(cli, meeting):
    experiment_id = add_experiment(cli, "--belief", "B", "--plan", "P")
    cli("experiment", "edit", str(experiment_id), "--record", str(meeting))
    assert shown(cli, "experiment", "show", experiment_id)["record_id"] == meeting


def test_experiment_delete_moves_it_to_the_trash_and_restore_brings_it_back(cli):
    experiment_id = add_experiment(cli, "--belief", "B", "--plan", "P")
    before = shown(cli, "experiment", "show", experiment_id)
    result = cli("experiment", "delete", str(experiment_id))
    assert result.exit_code == 0
    assert f"thoughtlog experiment restore {experiment_id}" in result.stderr
    assert listed(cli) == []
    hidden = cli("experiment", "show", str(experiment_id))
    assert hidden.exit_code == 1 and "in the trash" in hidden.stderr
    assert cli("experiment", "restore", str(experiment_id)).exit_code == 0
    assert shown(cli, "experiment", "show", experiment_id) == before


def test_experiment_purge_asks_first(cli):
    experiment_id = add_experiment(cli, "--belief", "B", "--plan", "P")
    kept = cli("experiment", "delete", str(experiment_id), "--purge", input="n\n")
    assert "Nothing was removed" in kept.stderr
    assert kept.stdout == ""  # the question is asked on stderr: stdout carries data alone
    assert listed(cli) == [experiment_id]
    removed = cli("experiment", "delete", str(experiment_id), "--purge", input="y\n")
    assert removed.exit_code == 0
    assert cli("experiment", "show", str(experiment_id)).exit_code == 1
    assert cli("experiment", "restore", str(experiment_id)).exit_code == 1


# --- the end-to-end example ---------------------------------------------------------------


def test_end_to_end_the_meeting_record_and_its_experiment(cli, meeting):
    experiment_id = add_experiment(
        cli,
        "--record",
        str(meeting),
        "--confidence",
        "85",
        "--plan",
        "Disagree once in Monday's meeting",
        "--when",
        "2026-11-23 10:00",
        "--expected-distress",
        "70",
    )
    assert shown(cli, "experiment", "show", experiment_id)["belief"] == HOT

    # a week later
    done = cli(
        "experiment",
        "done",
        str(experiment_id),
        "--outcome",
        "I said I saw a risk; she said 'good point'",
        "--came-true",
        "no",
        "--distress",
        "40",
        "--learned",
        "Disagreeing politely went fine",
        "--confidence-after",
        "35",
    )
    assert done.exit_code == 0, done.stderr

    experiment = shown(cli, "experiment", "show", experiment_id)
    assert (experiment["confidence_before"], experiment["expected_distress"]) == (85, 70)
    assert (
        experiment["came_true"],
        experiment["actual_distress"],
        experiment["confidence_after"],
    ) == ("no", 40, 35)
    assert experiment["record_id"] == meeting

    records = cli("list").stdout
    assert "Team meeting: I stayed silent" in records
    experiments = cli("experiment", "list").stdout
    line = next(line for line in experiments.splitlines() if "Disagree once" in line)
    assert "done, came true: no" in line and "70" in line.split()

    record_sheet = cli("show", str(meeting)).stdout
    assert f"experiment {experiment_id}: Disagree once in Monday's meeting (done)" in record_sheet
    experiment_sheet = cli("experiment", "show", str(experiment_id)).stdout
    assert HOT in experiment_sheet and "Feared outcome came true: no" in experiment_sheet
    assert listed(cli, "--done") == [experiment_id]
    assert listed(cli, "--pending") == []
