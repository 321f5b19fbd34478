"""Thought records through the command line: add (with options and guided), list, show, edit, delete, search."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from conftest import raw_connect, shown

HOT = "If I disagree my boss will think I'm difficult and punish me"
SITUATION = "Weekly team meeting: my boss proposed a plan I disagree with and I stayed silent"
REFRAME = "Disagreeing politely is part of my job; my boss has welcomed other views before"

# The assertiveness example of the design, captured in full.
ASSERTIVE = [
    "--situation",
    SITUATION,
    "--when",
    "2026-11-16 10:00",
    "--emotion",
    "anxious=80",
    "--thought",
    HOT,
    "--belief",
    "85",
    "--distortion",
    "fortune-telling",
    "--distortion",
    "mind-reading",
    "--behaviour",
    "Stayed quiet and nodded along",
    "--evidence-for",
    "As a child, contradicting my father meant punishment",
    "--evidence-against",
    "My boss thanked a colleague who disagreed last week",
    "--reframe",
    REFRAME,
    "--reframe-belief",
    "60",
    "--emotion-after",
    "anxious=45",
    "--belief-after",
    "40",
    "--tag",
    "work",
    "--tag",
    "boss",
]


def add(cli, *args: str) -> int:
    result = cli("add", *args)
    assert result.exit_code == 0, result.stderr
    return int(result.stdout)


def listed(cli, *args: str) -> list[int]:
    result = cli("list", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return [record["id"] for record in json.loads(result.stdout)]


def searched(cli, query: str) -> list[int]:
    result = cli("search", query, "--json")
    assert result.exit_code == 0, result.stderr
    return [record["id"] for record in json.loads(result.stdout)["records"]]


# --- add ------------------------------------------------------------------------------------------


def test_add_prints_only_the_new_id_when_piped(cli):
    first = cli("add", "--situation", "Team meeting, I stayed quiet")
    second = cli("add", "--situation", "Lunch with my sister")
    assert (first.exit_code, first.stdout) == (0, "1\n")
    assert (second.exit_code, second.stdout) == (0, "2\n")


def test_add_saves_every_option(cli):
    record = shown(cli, "show", add(cli, *ASSERTIVE))
    assert record["situation"] == SITUATION
    assert record["occurred_at"].startswith("2026-11-16T10:00:00")
    assert record["emotions"] == [{"name": "anxious", "before": 80, "after": 45}]
    assert record["thoughts"] == [
        {
            "text": HOT,
            "belief_before": 85,
            "belief_after": 40,
            "hot": True,
            "distortions": ["fortune-telling", "mind-reading"],
        },
    ]
    assert record["behaviour"] == "Stayed quiet and nodded along"
    assert record["evidence_for"] == "As a child, contradicting my father meant punishment"
    assert record["evidence_against"] == "My boss thanked a colleague who disagreed last week"
    assert record["reframe"] == REFRAME
    assert record["reframe_belief"] == 60
    assert record["tags"] == ["work", "boss"]
    assert record["complete"] is True
    assert record["uuid"] and record["created_at"] and record["updated_at"]


def test_add_with_several_thoughts_makes_the_first_the_hot_one(cli):
    record = shown(
        cli,
        "show",
        add(
            cli,
            "-s",
            "Meeting",
            "-t",
            "They'll think I'm stupid",
            "-t",
            "I'm a coward",
            "--belief",
            "70",
            "-d",
            "labeling",
        ),
    )
    assert [(t["text"], t["hot"]) for t in record["thoughts"]] == [
        ("They'll think I'm stupid", True),
        ("I'm a coward", False),
    ]
    assert record["thoughts"][0]["belief_before"] == 70
    assert record["thoughts"][0]["distortions"] == ["labeling"]
    assert record["thoughts"][1]["distortions"] == []


def test_add_tidies_tags_and_resolves_distortion_spellings(cli):
    record = shown(
        cli,
        "show",
        add(
            cli,
            "-s",
            "Meeting",
            "-t",
            "It'll be a disaster",
            "-d",
            "catastrophising",
            "-d",
            "black and white",
            "--tag",
            "Work",
            "--tag",
            "My Boss, #office",
        ),
    )
    assert record["tags"] == ["work", "my-boss", "office"]
    assert record["thoughts"][0]["distortions"] == ["catastrophizing", "all-or-nothing"]


def test_add_without_when_is_dated_now(cli):
    before = datetime.now(UTC).replace(microsecond=0)
    record = shown(cli, "show", add(cli, "-s", "Just now"))
    occurred = datetime.fromisoformat(record["occurred_at"])
    assert occurred.tzinfo is not None
    assert before <= occurred <= datetime.now(UTC)


def test_add_json_prints_the_saved_record_with_its_id(cli):
    add(cli, "-s", "An earlier record")
    result = cli("add", *ASSERTIVE, "--json")
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    assert printed["id"] == 2
    assert printed == shown(cli, "show", "2")


def test_quick_capture_stays_incomplete_until_a_reframe_is_added(cli):
    result = cli(
        "add", "-s", "Boss ignored my email", "-e", "hurt=60", "-t", "She doesn't respect me"
    )
    assert result.exit_code == 0
    assert "incomplete" in result.stderr and "thoughtlog edit 1 --reframe" in result.stderr
    assert shown(cli, "show", "1")["complete"] is False
    add(cli, "-s", "A complete one", "--reframe", "It was fine")
    assert listed(cli, "--incomplete") == [1]

    edited = cli(
        "edit",
        "1",
        "--reframe",
        "She is busy; she replied to me yesterday",
        "--reframe-belief",
        "70",
    )
    assert edited.exit_code == 0
    assert "complete now" in edited.stderr
    assert listed(cli, "--incomplete") == []
    assert shown(cli, "show", "1")["complete"] is True


def test_assertiveness_example_can_be_found_with_list_show_and_search(cli):
    add(cli, "-s", "Dinner with friends", "--when", "2026-11-14 19:00", "-e", "content=20")
    record_id = add(cli, *ASSERTIVE)
    add(cli, "-s", "Call with mum", "--when", "2026-11-12 18:00", "-e", "guilty=50")

    plain = cli("list")
    assert plain.exit_code == 0
    assert "Weekly team meeting" in plain.stdout and "anxious 80 → 45" in plain.stdout
    assert listed(cli, "--tag", "work", "--distortion", "mind-reading", "--emotion", "anxious") == [
        record_id
    ]

    worksheet = cli("show", str(record_id))
    assert worksheet.exit_code == 0
    for text in (
        SITUATION,
        HOT,
        "fortune-telling, mind-reading",
        "belief 85 → 40",
        "anxious 80 → 45",
        REFRAME + " (belief 60)",
        "work, boss",
        "complete",
    ):
        assert text in worksheet.stdout, text

    assert searched(cli, "punish") == [record_id]
    assert searched(cli, "colleague") == [record_id]


def test_an_incomplete_record_is_completed_with_edit(cli):
    record_id = add(
        cli,
        "--situation",
        SITUATION,
        "--emotion",
        "anxious=80",
        "--thought",
        HOT,
        "--belief",
        "85",
        "-d",
        "fortune-telling",
        "-d",
        "mind-reading",
    )
    assert listed(cli, "--incomplete") == [record_id]
    result = cli(
        "edit",
        str(record_id),
        "--evidence-against",
        "My boss thanked a colleague who disagreed",
        "--reframe",
        REFRAME,
        "--reframe-belief",
        "60",
        "--emotion-after",
        "anxious=45",
        "--belief-after",
        "40",
    )
    assert result.exit_code == 0
    record = shown(cli, "show", record_id)
    assert record["complete"] is True
    assert record["emotions"] == [{"name": "anxious", "before": 80, "after": 45}]
    assert (record["thoughts"][0]["belief_before"], record["thoughts"][0]["belief_after"]) == (
        85,
        40,
    )
    assert record["thoughts"][0]["distortions"] == ["fortune-telling", "mind-reading"]
    assert listed(cli, "--incomplete") == []


# --- the guided add -------------------------------------------------------------------------------


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# Every answer of a guided record, in the order of the questions, then a small step planned.
FULL_GUIDED_ANSWERS = (
    "Team meeting, I stayed quiet",  # what happened
    "2026-11-16 10:00",  # when
    "anxious",
    "80",
    "ashamed",
    "60",
    "",  # feelings, each with its strength, then Enter
    "I'm a coward",
    "If I disagree my boss will reprimand me",
    "",  # thoughts, then Enter
    "2",  # the hot thought is the second
    "85",  # belief in it
    "5, fortune-telling",  # thinking traps: a number and a name
    "Stayed quiet",  # behaviour
    "She frowned when Sam disagreed",  # evidence for
    "She thanked Sam afterwards",  # evidence against
    "Disagreeing politely is normal at work",  # reframe
    "60",  # belief in the reframe
    "40",  # belief in the hot thought now
    "45",
    "30",  # anxious and ashamed re-rated
    "work, Boss",  # tags
    "y",  # plan a small step
    "",  # the belief: Enter keeps the hot thought
    "85",  # confidence
    "Say one thing in Monday's meeting",  # the step
    "2026-11-30 10:00",  # when
    "70",  # expected distress
    "",  # with whom, the feared reaction, the safety behaviours: each skipped
    "",
    "",
)
FULL_GUIDED = answers(*FULL_GUIDED_ANSWERS)


def test_guided_add_saves_every_answer(cli):
    result = cli("add", "--guided", input=FULL_GUIDED)
    assert result.exit_code == 0, result.stderr
    assert "Saved as record 1" in result.stderr
    assert "Saved as experiment 1" in result.stderr
    record = shown(cli, "show", "1")
    assert record["situation"] == "Team meeting, I stayed quiet"
    assert record["occurred_at"].startswith("2026-11-16T10:00:00")
    assert record["emotions"] == [
        {"name": "anxious", "before": 80, "after": 45},
        {"name": "ashamed", "before": 60, "after": 30},
    ]
    assert record["thoughts"] == [
        {
            "text": "If I disagree my boss will reprimand me",
            "belief_before": 85,
            "belief_after": 40,
            "hot": True,
            "distortions": ["mind-reading", "fortune-telling"],
        },
        {
            "text": "I'm a coward",
            "belief_before": None,
            "belief_after": None,
            "hot": False,
            "distortions": [],
        },
    ]
    assert record["behaviour"] == "Stayed quiet"
    assert record["evidence_for"] == "She frowned when Sam disagreed"
    assert record["evidence_against"] == "She thanked Sam afterwards"
    assert record["reframe"] == "Disagreeing politely is normal at work"
    assert record["reframe_belief"] == 60
    assert record["tags"] == ["work", "boss"]
    assert record["complete"] is True

    experiment = json.loads(cli("experiment", "show", "1", "--json").stdout)
    assert experiment["belief"] == "If I disagree my boss will reprimand me"
    assert experiment["record_id"] == 1
    assert experiment["confidence_before"] == 85
    assert experiment["plan"] == "Say one thing in Monday's meeting"
    assert experiment["planned_for"].startswith("2026-11-30T10:00:00")
    assert experiment["expected_distress"] == 70
    assert experiment["status"] == "planned"


def test_guided_add_asks_its_questions_on_stderr_and_keeps_stdout_clean(cli):
    result = cli("add", "--guided", input=FULL_GUIDED)
    # (the test runner echoes the typed answers to stdout; the questions themselves go to stderr)
    assert "What happened?" in result.stderr
    assert "What happened?" not in result.stdout
    assert "Would you like to plan a small step" in result.stderr


def test_guided_add_explains_a_bad_answer_and_asks_again(cli):
    result = cli(
        "add",
        "--guided",
        input=answers(
            "Team meeting, I stayed quiet",
            "the day after never",
            "2026-11-16 10:00",
            "anxious",
            "140",
            "80",
            "",
            "",  # no thought
            "",  # behaviour
            "",  # reframe: later
            "",  # tags
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert "Couldn't read 'the day after never' as a date" in result.stderr
    assert "'140'" in result.stderr and "0 to 100" in result.stderr
    assert result.stderr.count("When was it?") == 2
    assert result.stderr.count("How strong was 'anxious'?") == 2
    record = shown(cli, "show", "1")
    assert record["occurred_at"].startswith("2026-11-16T10:00:00")
    assert record["emotions"] == [{"name": "anxious", "before": 80, "after": None}]
    assert record["complete"] is False
    assert "Traceback" not in result.stderr


def test_guided_add_explains_a_thinking_trap_on_request(cli):
    result = cli(
        "add",
        "--guided",
        input=answers(
            "Team meeting",
            "",
            "",
            "They'll think I'm difficult",
            "",
            "70",
            "?5",
            "5",  # explain number 5, then choose it
            "",
            "",
            "",
            "",
            "",
            "n",
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert "Mind reading: Concluding what others think of you without checking." in result.stderr
    assert "My boss went quiet, so she must think I'm difficult." in result.stderr
    assert shown(cli, "show", "1")["thoughts"][0]["distortions"] == ["mind-reading"]


def test_guided_add_explains_an_unknown_thinking_trap_and_asks_again(cli):
    result = cli(
        "add",
        "--guided",
        input=answers(
            "Team meeting",
            "",
            "",
            "It'll be a disaster",
            "",
            "",
            "catastrophe",
            "catastrophizing",
            "",
            "",
            "",
            "",
            "",
            "n",
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert "Did you mean 'catastrophizing'?" in result.stderr
    assert shown(cli, "show", "1")["thoughts"][0]["distortions"] == ["catastrophizing"]


def test_guided_add_accepts_the_trap_names_it_lists(cli):
    result = cli(
        "add",
        "--guided",
        input=answers(
            "Team meeting",
            "",
            "",
            "They'll think I'm difficult",
            "",
            "",
            "Mind reading, Fortune telling",
            "",
            "",
            "",
            "",
            "",
            "n",
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert shown(cli, "show", "1")["thoughts"][0]["distortions"] == [
        "mind-reading",
        "fortune-telling",
    ]


def test_guided_add_without_a_small_step_plans_nothing(cli):
    result = cli(
        "add",
        "--guided",
        input=answers(
            "Team meeting",
            "",
            "anxious",
            "70",
            "",
            "They'll judge me",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "n",
        ),
    )
    assert result.exit_code == 0, result.stderr
    assert "Saved as record 1" in result.stderr
    assert json.loads(cli("experiment", "list", "--json").stdout) == []


def test_guided_add_can_be_a_quick_capture(cli):
    result = cli("add", "--guided", input=answers("Boss ignored my email", "", "", "", "", "", ""))
    assert result.exit_code == 0, result.stderr
    assert "incomplete" in result.stderr
    record = shown(cli, "show", "1")
    assert record["situation"] == "Boss ignored my email"
    assert record["complete"] is False
    assert record["thoughts"] == [] and record["emotions"] == [] and record["tags"] == []


def test_guided_add_insists_on_a_situation(cli):
    result = cli("add", "--guided", input=answers("", "Team meeting", "", "", "", "", "", ""))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("What happened?") == 2
    assert shown(cli, "show", "1")["situation"] == "Team meeting"


# --- stopping the guided add part-way --------------------------------------------------------------

# The step of the thought record each answer of FULL_GUIDED_ANSWERS belongs to; after these, the
# record is saved and the small step is planned. When a stopped record is carried on, its step
# starts again: in the feelings and thoughts the answers given are listed and the questions go on;
# in the other steps each question answered before is asked again, offering that answer, which
# Enter keeps.
GUIDED_STEPS = (
    "situation",
    "when",
    *["feelings"] * 5,
    *["thoughts"] * 3,
    "hot thought",
    "hot thought",
    "thinking traps",
    "behaviour",
    "evidence",
    "evidence",
    *["reframe"] * 5,
    "tags",
)
LISTING_STEPS = {"feelings", "thoughts"}
QUESTIONS = range(len(FULL_GUIDED_ANSWERS))


def _asked_again(question: int) -> int:
    """How many questions answered before this one its step asks again when carried on."""
    step = GUIDED_STEPS[question]
    return 0 if step in LISTING_STEPS else GUIDED_STEPS[:question].count(step)


def _stop_with_ctrl_c_at(monkeypatch, question: int) -> None:
    """Make the person press Ctrl-C at this question (counting from 0), whatever it is."""
    from thoughtlog.commands import guided

    asked = iter(range(len(FULL_GUIDED_ANSWERS) + 1))

    def stopping(*args, _ask=guided.prompt_line, **kwargs):
        if next(asked) == question:
            raise KeyboardInterrupt
        return _ask(*args, **kwargs)

    monkeypatch.setattr(guided, "prompt_line", stopping)


def _the_same_record(first: dict, second: dict) -> bool:
    def kept(record: dict) -> dict:
        return {
            k: v for k, v in record.items() if k not in ("id", "uuid", "created_at", "updated_at")
        }

    return kept(first) == kept(second)


@pytest.mark.parametrize("how", ["end of input", "Ctrl-C"])
@pytest.mark.parametrize("question", QUESTIONS)
def test_the_guided_add_can_be_left_at_any_question_without_losing_an_answer(
    cli, monkeypatch, question, how
):
    given = FULL_GUIDED_ANSWERS[:question]
    if how == "Ctrl-C":
        with monkeypatch.context() as patched:  # undone after this run; the journal's setting stays
            _stop_with_ctrl_c_at(patched, question)
            stopped = cli("add", "--guided", input=FULL_GUIDED)
    else:
        stopped = cli("add", "--guided", input=answers(*given) if given else "")
    assert stopped.exit_code == 1
    assert "Traceback" not in stopped.stderr and "Aborted" not in stopped.stderr

    if question == 0:  # nothing written yet: nothing kept
        assert stopped.stderr.endswith("Stopped; nothing was saved.\n")
        assert listed(cli) == []
        nothing = cli("add", "--resume", input="")
        assert nothing.exit_code == 1 and "no unfinished record" in nothing.stderr
        return
    if question >= len(GUIDED_STEPS):  # the record is saved; only the small step is left
        assert "Saved as record 1." in stopped.stderr
        assert "Stopped. Record 1 is saved; no step was planned." in stopped.stderr
        assert "'thoughtlog experiment add --record 1'" in stopped.stderr
        assert json.loads(cli("experiment", "list", "--json").stdout) == []
    else:
        assert "What you wrote so far is kept as a draft" in stopped.stderr
        assert "'thoughtlog add --resume'" in stopped.stderr
        assert listed(cli) == []
        rest = ("",) * _asked_again(question) + FULL_GUIDED_ANSWERS[question:]
        resumed = cli("add", "--resume", input=answers(*rest))
        assert resumed.exit_code == 0, resumed.stderr
        assert "Carrying on from where you stopped." in resumed.stderr
        assert "Saved as record 1." in resumed.stderr and "Saved as experiment 1." in resumed.stderr
        again = cli("add", "--resume", input="")
        assert again.exit_code == 1 and "no unfinished record" in again.stderr  # the draft is gone

    whole = cli("add", "--guided", input=FULL_GUIDED)  # the same answers, never stopped
    assert whole.exit_code == 0, whole.stderr
    assert _the_same_record(shown(cli, "show", "1"), shown(cli, "show", "2"))


def test_a_feeling_named_before_stopping_is_kept_and_its_strength_asked_first(cli):
    cli(
        "add", "--guided", input=answers(*FULL_GUIDED_ANSWERS[:5])
    )  # stopped at "ashamed"'s strength
    resumed = cli("add", "--resume", input=answers(*FULL_GUIDED_ANSWERS[5:]))
    assert "so far: anxious 80" in resumed.stderr
    assert resumed.stderr.index("so far: anxious 80") < resumed.stderr.index(
        "How strong was 'ashamed'?"
    )
    assert shown(cli, "show", "1")["emotions"][1] == {
        "name": "ashamed",
        "before": 60,
        "after": 30,
    }


def test_a_balanced_thought_written_before_stopping_is_offered_again(cli):
    cli("add", "--guided", input=answers(*FULL_GUIDED_ANSWERS[:17]))  # stopped at its belief
    resumed = cli("add", "--resume", input=answers("", *FULL_GUIDED_ANSWERS[17:]))
    assert (
        "What's a more balanced way to see it? (Enter to come back to this later)"
        " [Disagreeing politely is normal at work]:" in resumed.stderr
    )
    assert shown(cli, "show", "1")["reframe"] == "Disagreeing politely is normal at work"


def test_a_guided_add_says_it_can_be_stopped(cli):
    result = cli("add", "--guided", input=FULL_GUIDED)
    assert "You can stop at any question with Ctrl-C; what you've written is kept." in result.stderr


def test_starting_a_new_guided_record_mentions_the_unfinished_one(cli):
    cli("add", "--guided", input=answers("Team meeting"))
    result = cli("add", "--guided", input=answers(*FULL_GUIDED_ANSWERS))
    assert (
        "You have an unfinished record from before; 'thoughtlog add --resume' carries on with it,"
        " and 'thoughtlog drafts' lists every draft." in result.stderr
    )


# --- list -----------------------------------------------------------------------------------------


def _add_through_the_core(journal_path, **fields) -> int:
    from thoughtlog import entry
    from thoughtlog.storage import open_journal

    with open_journal(journal_path) as opened:
        return opened.add_record(entry.new_record(entry.RecordInput(**fields)))


@pytest.fixture
def three_records(journal_path) -> dict[str, int]:
    """Three records added out of date order, with different tags, traps and feelings."""
    return {
        "middle": _add_through_the_core(
            journal_path,
            situation="Team meeting",
            when="2026-11-16 10:00",
            emotions=["anxious=80"],
            thoughts=["Boss will punish me"],
            distortions=["fortune-telling"],
            tags=["work"],
            reframe="She listens",
        ),
        "newest": _add_through_the_core(
            journal_path,
            situation="Dinner with partner",
            when="2026-11-20 18:00",
            emotions=["angry=50"],
            thoughts=["He never listens"],
            distortions=["overgeneralization"],
            tags=["partner"],
        ),
        "oldest": _add_through_the_core(
            journal_path,
            situation="Presentation",
            when="2026-11-10 09:00",
            emotions=["anxious=60", "ashamed=30"],
            thoughts=["I'll mess up"],
            distortions=["catastrophizing"],
            tags=["work"],
        ),
    }


def test_list_shows_newest_first(cli, three_records):
    assert listed(cli) == [
        three_records["newest"],
        three_records["middle"],
        three_records["oldest"],
    ]
    plain = cli("list").stdout
    assert (
        plain.index("Dinner with partner")
        < plain.index("Team meeting")
        < plain.index("Presentation")
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--since", "2026-11-16"], ["newest", "middle"]),
        (["--until", "2026-11-16"], ["middle", "oldest"]),
        (["--since", "2026-11-11", "--until", "2026-11-19"], ["middle"]),
        (["--tag", "work"], ["middle", "oldest"]),
        (["--tag", "Work", "--tag", "partner"], []),
        (["--distortion", "fortune-telling"], ["middle"]),
        (["--distortion", "catastrophising"], ["oldest"]),
        (["--emotion", "anxious"], ["middle", "oldest"]),
        (["--emotion", "Ashamed"], ["oldest"]),
        (["--incomplete"], ["newest", "oldest"]),
        (["--limit", "2"], ["newest", "middle"]),
        (["--limit", "0"], ["newest", "middle", "oldest"]),
    ],
)
def test_list_filters(cli, three_records, args, expected):
    assert listed(cli, *args) == [three_records[name] for name in expected]


def test_list_says_when_it_is_showing_only_the_newest(cli, three_records):
    result = cli("list", "--limit", "2")
    assert "Showing the newest 2" in result.stderr
    assert "Presentation" not in result.stdout


def test_list_until_a_date_and_time_stops_at_that_time(cli, three_records):
    assert listed(cli, "--until", "2026-11-20 12:00") == [
        three_records["middle"],
        three_records["oldest"],
    ]


def test_list_json_is_an_array_of_show_json_objects(cli, three_records):
    result = cli("list", "--json")
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == listed(cli)
    for record in records:
        assert record == shown(cli, "show", record["id"])


def test_list_trash_shows_only_trashed_records(cli, three_records):
    cli("delete", str(three_records["middle"]))
    assert listed(cli, "--trash") == [three_records["middle"]]
    assert listed(cli) == [three_records["newest"], three_records["oldest"]]


def test_list_of_an_empty_journal_says_so_and_prints_no_data(cli):
    result = cli("list")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No records yet" in result.stderr
    assert json.loads(cli("list", "--json").stdout) == []


def test_list_incomplete_with_every_record_complete_says_none_is_waiting(cli):
    add(cli, *ASSERTIVE)
    result = cli("list", "--incomplete")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "No records are waiting for a balanced thought.\n"


def test_list_trash_when_the_trash_is_empty_says_so(cli, three_records):
    result = cli("list", "--trash")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "The trash is empty.\n"


def test_list_with_filters_that_match_nothing_says_so(cli, three_records):
    result = cli("list", "--tag", "holiday")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "No records match.\n"


def test_output_is_plain_text_when_piped(cli, monkeypatch, three_records):
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    cli(
        "experiment",
        "add",
        "--record",
        str(three_records["middle"]),
        "--plan",
        "Say one thing",
        "--when",
        "2026-11-18 10:00",
        "--expected-distress",
        "60",
    )
    for args in (
        ["list"],
        ["show", "1"],
        ["search", "meeting"],
        ["distortions"],
        ["experiment", "list"],
        ["experiment", "show", "1"],
        ["list", "--json"],
    ):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stdout.strip(), args
        assert "\x1b" not in result.stdout + result.stderr, args
        assert "╭" not in result.stdout and "┃" not in result.stdout, args


# --- show -----------------------------------------------------------------------------------------


def test_show_lays_the_record_out_like_the_worksheet(cli):
    record_id = add(cli, *ASSERTIVE)
    result = cli("show", str(record_id))
    assert result.exit_code == 0
    headings = [
        "Situation",
        "Emotions",
        "Automatic thoughts",
        "What I did",
        "Evidence for",
        "Evidence against",
        "Balanced thought",
        "Tags",
    ]
    lines = result.stdout.splitlines()
    positions = [lines.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert lines[0].startswith(f"Record {record_id}")
    assert "Mon 16 Nov 2026, 10:00" in lines[0]
    assert "Stayed quiet and nodded along" in result.stdout
    assert "As a child, contradicting my father meant punishment" in result.stdout


def test_show_of_an_incomplete_record_says_how_to_complete_it(cli):
    record_id = add(cli, "-s", "Boss ignored my email")
    result = cli("show", str(record_id))
    assert "incomplete" in result.stdout
    assert f"thoughtlog edit {record_id} --reframe" in result.stdout
    assert "not noted" in result.stdout


def test_show_lists_the_small_steps_planned_from_the_record(cli):
    record_id = add(cli, *ASSERTIVE)
    cli(
        "experiment",
        "add",
        "--record",
        str(record_id),
        "--plan",
        "Say one thing in Monday's meeting",
    )
    result = cli("show", str(record_id))
    assert "Small steps" in result.stdout
    assert "experiment 1: Say one thing in Monday's meeting (planned)" in result.stdout


def test_show_json_holds_the_whole_record(cli):
    record_id = add(cli, *ASSERTIVE)
    record = shown(cli, "show", record_id)
    assert set(record) >= {
        "id",
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
    assert record["id"] == record_id


# --- edit -----------------------------------------------------------------------------------------


def test_edit_changes_only_the_parts_given(cli):
    record_id = add(cli, *ASSERTIVE)
    before = shown(cli, "show", record_id)
    result = cli("edit", str(record_id), "--behaviour", "Said nothing, then wrote an email")
    assert result.exit_code == 0
    after = shown(cli, "show", record_id)
    assert after["behaviour"] == "Said nothing, then wrote an email"
    assert after["updated_at"] != before["updated_at"]
    for key in set(before) - {"behaviour", "updated_at"}:
        assert after[key] == before[key], key


def test_edit_thought_replaces_the_thoughts_and_the_first_is_hot(cli):
    record_id = add(
        cli, "-s", "Meeting", "-t", "They'll judge me", "--belief", "70", "-t", "I'm a coward"
    )
    cli(
        "edit",
        str(record_id),
        "-t",
        "I'm a coward",
        "-t",
        "They'll judge me",
        "-t",
        "I always freeze",
    )
    thoughts = shown(cli, "show", record_id)["thoughts"]
    assert [(t["text"], t["hot"]) for t in thoughts] == [
        ("I'm a coward", True),
        ("They'll judge me", False),
        ("I always freeze", False),
    ]
    assert thoughts[1]["belief_before"] == 70  # a thought kept keeps its rating


def test_edit_distortion_replaces_the_hot_thought_s_traps(cli):
    record_id = add(cli, *ASSERTIVE)
    cli("edit", str(record_id), "-d", "catastrophizing")
    assert shown(cli, "show", record_id)["thoughts"][0]["distortions"] == ["catastrophizing"]
    assert listed(cli, "--distortion", "mind-reading") == []
    assert listed(cli, "--distortion", "catastrophizing") == [record_id]


def test_edit_tag_replaces_the_tags(cli):
    record_id = add(cli, *ASSERTIVE)
    cli("edit", str(record_id), "--tag", "office")
    assert shown(cli, "show", record_id)["tags"] == ["office"]
    assert listed(cli, "--tag", "work") == []


def test_edit_emotion_sets_one_feeling_and_keeps_the_others(cli):
    record_id = add(cli, "-s", "Meeting", "-e", "anxious=80", "-e", "ashamed=40")
    cli("edit", str(record_id), "-e", "ashamed=55", "-e", "angry=20")
    assert shown(cli, "show", record_id)["emotions"] == [
        {"name": "anxious", "before": 80, "after": None},
        {"name": "ashamed", "before": 55, "after": None},
        {"name": "angry", "before": 20, "after": None},
    ]


def test_edit_belief_changes_the_hot_thought(cli):
    record_id = add(cli, "-s", "Meeting", "-t", "They'll judge me", "-t", "Second thought")
    cli("edit", str(record_id), "--belief", "75", "--belief-after", "30")
    thoughts = shown(cli, "show", record_id)["thoughts"]
    assert (thoughts[0]["belief_before"], thoughts[0]["belief_after"]) == (75, 30)
    assert (thoughts[1]["belief_before"], thoughts[1]["belief_after"]) == (None, None)


def test_edit_json_prints_the_updated_record(cli):
    record_id = add(cli, "-s", "Meeting")
    result = cli("edit", str(record_id), "--reframe", "It went fine", "--json")
    assert json.loads(result.stdout) == shown(cli, "show", record_id)


# --- delete, restore, purge -----------------------------------------------------------------------


def test_delete_moves_a_record_to_the_trash_and_restore_brings_it_back(cli):
    record_id = add(cli, *ASSERTIVE)
    before = shown(cli, "show", record_id)
    result = cli("delete", str(record_id))
    assert result.exit_code == 0
    assert f"thoughtlog restore {record_id}" in result.stderr
    assert listed(cli) == []
    hidden = cli("show", str(record_id))
    assert hidden.exit_code == 1
    assert "in the trash" in hidden.stderr

    back = cli("restore", str(record_id))
    assert back.exit_code == 0
    assert listed(cli) == [record_id]
    assert shown(cli, "show", record_id) == before


def test_purge_asks_first_and_answering_no_keeps_the_record(cli):
    record_id = add(cli, *ASSERTIVE)
    result = cli("delete", str(record_id), "--purge", input="n\n")
    assert "for good?" in result.stderr
    assert "Nothing was removed" in result.stderr
    assert shown(cli, "show", record_id)["situation"] == SITUATION


def test_purge_answering_yes_removes_the_record_for_good(cli):
    record_id = add(cli, *ASSERTIVE)
    result = cli("delete", str(record_id), "--purge", input="y\n")
    assert result.exit_code == 0
    assert "removed for good" in result.stderr
    assert cli("show", str(record_id)).exit_code == 1
    assert listed(cli, "--trash") == []
    assert searched(cli, "punish") == []
    assert cli("restore", str(record_id)).exit_code == 1


def test_purge_with_yes_does_not_ask(cli):
    record_id = add(cli, "-s", "Meeting")
    cli("delete", str(record_id))
    result = cli("delete", str(record_id), "--purge", "--yes")
    assert result.exit_code == 0
    assert "for good?" not in result.stderr
    assert listed(cli, "--trash") == []


def test_purging_a_record_keeps_its_experiment_unlinked_and_says_so(cli):
    record_id = add(cli, *ASSERTIVE)
    cli("experiment", "add", "--record", str(record_id), "--plan", "Say one thing")
    result = cli("delete", str(record_id), "--purge", "--yes")
    assert result.exit_code == 0
    assert "experiment is kept, no longer linked" in result.stderr
    experiment = json.loads(cli("experiment", "show", "1", "--json").stdout)
    assert experiment["record_id"] is None
    assert experiment["belief"] == HOT


def test_trashing_a_record_says_its_experiment_is_kept(cli):
    record_id = add(cli, *ASSERTIVE)
    cli("experiment", "add", "--record", str(record_id), "--plan", "Say one thing")
    result = cli("delete", str(record_id))
    assert "experiment is kept" in result.stderr
    assert json.loads(cli("experiment", "show", "1", "--json").stdout)["record_id"] == record_id


# --- search ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "word"),
    [
        ("--situation", "zebra"),
        ("--thought", "giraffe"),
        ("--behaviour", "walrus"),
        ("--evidence-for", "pelican"),
        ("--evidence-against", "octopus"),
        ("--reframe", "flamingo"),
    ],
)
def test_search_looks_in_every_text(cli, option, word):
    add(cli, "-s", "Something unrelated")
    args = (
        ["-s", f"A {word} story"]
        if option == "--situation"
        else ["-s", "Something happened", option, f"A {word} story"]
    )
    if option != "--thought" and option != "--situation":
        args += ["-t", "A thought"]
    record_id = add(cli, *args)
    assert searched(cli, word) == [record_id]


def test_search_matches_other_forms_of_a_word(cli):
    record_id = add(cli, "-s", "Meeting", "-t", "If I disagree my boss will reprimand me")
    assert searched(cli, "reprimanded") == [record_id]
    assert searched(cli, "disagreeing") == [record_id]


def test_search_follows_an_edit(cli):
    record_id = add(cli, "-s", "Meeting", "-t", "My boss will reprimand me")
    cli("edit", str(record_id), "-t", "My colleague will laugh at me")
    assert searched(cli, "reprimand") == []
    assert searched(cli, "laugh") == [record_id]


def test_search_skips_trashed_records_until_restored(cli):
    record_id = add(cli, "-s", "Meeting about the budget")
    cli("delete", str(record_id))
    assert searched(cli, "budget") == []
    cli("restore", str(record_id))
    assert searched(cli, "budget") == [record_id]


@pytest.mark.parametrize("query", ["boss's", '"unclosed', "AND", "-work", "boss's reply ("])
def test_search_treats_broken_query_syntax_as_plain_words(cli, query):
    add(cli, "-s", "Nothing relevant here")
    record_id = add(
        cli,
        "-s",
        "At work my boss and I argued about the unclosed ticket",
        "-t",
        "She'll reply angrily",
    )
    result = cli("search", "--json", "--", query)  # "--" so that "-work" is not read as an option
    assert result.exit_code == 0, result.stderr
    assert "Error" not in result.stderr
    assert [r["id"] for r in json.loads(result.stdout)["records"]] == [record_id]


def test_search_highlights_the_match_with_brackets_when_piped(cli):
    add(cli, "-s", "Team meeting", "-t", "If I disagree my boss will reprimand me")
    result = cli("search", "reprimanded")
    assert result.exit_code == 0
    assert "[reprimand]" in result.stdout
    assert result.stdout.startswith("1 ")
    assert "\x02" not in result.stdout and "\x03" not in result.stdout


def test_search_with_no_match_says_so(cli):
    add(cli, "-s", "Team meeting")
    result = cli("search", "volcano")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "Nothing matches 'volcano'" in result.stderr


def test_search_json_prints_the_matching_records(cli):
    record_id = add(cli, *ASSERTIVE)
    result = cli("search", "punish", "--json")
    assert json.loads(result.stdout)["records"] == [shown(cli, "show", record_id)]


def test_output_cut_short_by_a_closed_pipe_ends_quietly(journal_path):
    import os
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "thoughtlog", "distortions"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "THOUGHTLOG_DB": str(journal_path)},
    )
    process.stdout.close()  # the reader is gone before anything is written
    errors = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Error" not in errors and "Traceback" not in errors, errors


# --- never lose a word: answers checked as typed, drafts kept when a save fails ---------------------

# The guided answers up to the tags, which each test gives its own way.
BEFORE_TAGS = FULL_GUIDED_ANSWERS[:21]
NO_SMALL_STEP = ("n",)


def test_guided_add_asks_again_kindly_for_a_tag_it_cannot_keep(cli):
    result = cli("add", "--guided", input=answers(*BEFORE_TAGS, "😢", "sad, work", *NO_SMALL_STEP))
    assert result.exit_code == 0, result.stderr
    assert "'😢' can't be used as a tag: a tag holds letters and digits" in result.stderr
    assert result.stderr.count("Any tags?") == 2
    assert shown(cli, "show", "1")["tags"] == ["sad", "work"]


def test_guided_add_reads_a_feeling_typed_with_its_strength(cli):
    given = ("Meeting", "", "anxious=80", "", "", "", "", "", "", "", *NO_SMALL_STEP)
    result = cli("add", "--guided", input=answers(*given))
    assert result.exit_code == 0, result.stderr
    assert "How strong was 'anxious'?" not in result.stderr
    assert shown(cli, "show", "1")["emotions"] == [{"name": "anxious", "before": 80, "after": None}]


def test_guided_add_asks_again_for_a_feeling_with_an_equals_sign_and_no_strength(cli):
    given = ("Meeting", "", "anxious=", "anxious", "70", "", "", "", "", "", "", "")
    result = cli("add", "--guided", input=answers(*given, *NO_SMALL_STEP))
    assert result.exit_code == 0, result.stderr
    assert "or name and strength together, such as anxious=80" in result.stderr
    assert shown(cli, "show", "1")["emotions"] == [{"name": "anxious", "before": 70, "after": None}]


def test_guided_add_asks_again_for_a_feeling_named_twice(cli):
    given = ("Meeting", "", "anxious", "80", "Anxious", "ashamed", "40", "", "", "", "", "", "")
    result = cli("add", "--guided", input=answers(*given, *NO_SMALL_STEP))
    assert result.exit_code == 0, result.stderr
    assert "You've named 'anxious' already." in result.stderr
    assert [e["name"] for e in shown(cli, "show", "1")["emotions"]] == ["anxious", "ashamed"]


def test_guided_add_asks_again_for_a_day_far_in_the_future(cli):
    given = ("Meeting", "2999-01-01", "2026-11-16 10:00", "", "", "", "", "", "", "")
    result = cli("add", "--guided", input=answers(*given, *NO_SMALL_STEP))
    assert result.exit_code == 0, result.stderr
    assert "is more than a day in the future" in result.stderr
    assert shown(cli, "show", "1")["occurred_at"].startswith("2026-11-16T10:00:00")


def test_guided_add_writes_nothing_to_stdout_while_asking(cli):
    result = cli("add", "--guided", input=FULL_GUIDED)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""


def test_purge_confirmation_writes_nothing_to_stdout(cli):
    cli("add", "-s", "Meeting")
    result = cli("delete", "1", "--purge", input="y\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "for good? This can't be undone [y/N]:" in result.stderr


def test_a_guided_record_the_busy_journal_cannot_save_is_kept_whole_as_a_draft(
    cli, monkeypatch, journal_path
):

    from thoughtlog.commands import guided
    from thoughtlog.storage import files

    monkeypatch.setattr(files, "BUSY_TIMEOUT_MS", 50)
    holder = []
    asked = guided.prompt_line

    def another_writer_at_the_last_question(question):
        if question.startswith("Any tags?"):  # someone else starts a long write just now
            holder.append(raw_connect(journal_path, isolation_level=None))
            holder[0].execute("BEGIN IMMEDIATE")
        return asked(question)

    monkeypatch.setattr(guided, "prompt_line", another_writer_at_the_last_question)
    result = cli("add", "--guided", input=FULL_GUIDED)
    assert result.exit_code == 1
    assert "stayed busy" in result.stderr
    assert "Every answer you gave is kept as a draft in a private file beside" in result.stderr
    assert "'thoughtlog add --resume'" in result.stderr
    holder[0].execute("ROLLBACK")
    holder[0].close()
    monkeypatch.setattr(guided, "prompt_line", asked)

    listing = cli("drafts")
    assert listing.exit_code == 0, listing.stderr
    assert "Team meeting, I stayed quiet" in listing.stdout
    resumed = cli("add", "--resume", input=answers(*NO_SMALL_STEP))
    assert resumed.exit_code == 0, resumed.stderr
    assert "Saved as record 1." in resumed.stderr
    whole = cli("add", "--guided", input=answers(*FULL_GUIDED_ANSWERS[:22], *NO_SMALL_STEP))
    assert whole.exit_code == 0, whole.stderr
    assert _the_same_record(shown(cli, "show", "1"), shown(cli, "show", "2"))
    assert cli("drafts", "--json").stdout.strip() == "[]"


def test_a_guided_record_refused_at_the_save_is_kept_as_a_draft_and_resumed(cli, monkeypatch):
    from thoughtlog import entry
    from thoughtlog.errors import InvalidValue

    made = entry.new_record

    def refused(*args, **kwargs):
        raise InvalidValue("That record can't be saved just now.")

    with monkeypatch.context() as patched:
        patched.setattr(entry, "new_record", refused)
        result = cli("add", "--guided", input=FULL_GUIDED)
    assert entry.new_record is made
    assert result.exit_code == 1

    assert "Every answer you gave is kept as a draft (number 1)" in result.stderr
    assert listed(cli) == []
    resumed = cli("add", "--resume", input=answers(*NO_SMALL_STEP))
    assert resumed.exit_code == 0, resumed.stderr
    assert shown(cli, "show", "1")["tags"] == ["work", "boss"]


def test_resuming_a_draft_whose_answer_cannot_be_saved_asks_that_question_again(cli, journal):
    from dataclasses import asdict

    from thoughtlog.entry import RecordInput

    # A draft kept by an earlier version, whose tag the journal no longer accepts.
    kept = RecordInput(situation="Meeting", when="2026-11-16T10:00:00+00:00", tags=["😢"])
    journal.save_draft(asdict(kept), steps_done=10)
    resumed = cli("add", "--resume", input=answers("sad", *NO_SMALL_STEP))
    assert resumed.exit_code == 0, resumed.stderr
    assert "One answer in this draft can't be saved as it is: '😢' can't be used" in resumed.stderr
    assert "Any tags? People, places or themes, separated by commas (e.g. work, boss) [😢]:" in (
        resumed.stderr
    )
    record = shown(cli, "show", "1")
    assert (record["situation"], record["tags"]) == ("Meeting", ["sad"])
    assert json.loads(cli("drafts", "--json").stdout) == []


def test_drafts_lists_each_draft_and_discard_removes_one(cli):
    cli("add", "--guided", input=answers("Team meeting"))
    cli("add", "--guided", input=answers("Lunch with my sister", "yesterday 1pm"))
    listing = cli("drafts")
    assert listing.exit_code == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["2", "1"]
    assert lines[0].endswith("Lunch with my sister") and lines[1].endswith("Team meeting")
    assert "'thoughtlog drafts discard ID' removes one" in listing.stderr
    kept = json.loads(cli("drafts", "--json").stdout)
    assert [(d["id"], d["answers"]["situation"]) for d in kept] == [
        (2, "Lunch with my sister"),
        (1, "Team meeting"),
    ]

    discarded = cli("drafts", "discard", "2")
    assert discarded.exit_code == 0, discarded.stderr
    assert "Draft 2 was removed." in discarded.stderr
    assert [d["id"] for d in json.loads(cli("drafts", "--json").stdout)] == [1]
    again = cli("drafts", "discard", "2")
    assert again.exit_code == 1
    assert again.stderr == "Error: There is no draft 2. 'thoughtlog drafts' lists them.\n"


def test_add_draft_carries_on_with_the_draft_named(cli):
    cli("add", "--guided", input=answers("Team meeting"))
    cli("add", "--guided", input=answers("Lunch with my sister"))
    rest = ("2026-11-16 10:00", "", "", "", "", "", "", "", *NO_SMALL_STEP)
    resumed = cli("add", "--draft", "1", input=answers(*rest))
    assert resumed.exit_code == 0, resumed.stderr
    assert shown(cli, "show", "1")["situation"] == "Team meeting"
    assert [d["id"] for d in json.loads(cli("drafts", "--json").stdout)] == [2]


def test_no_draft_shows_a_calm_line(cli):
    result = cli("drafts")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No drafts" in result.stderr


def test_a_draft_carried_on_in_two_terminals_is_saved_once(cli, monkeypatch, journal_path):
    from thoughtlog import entry
    from thoughtlog.commands import guided
    from thoughtlog.entry import RecordInput
    from thoughtlog.storage import open_journal

    cli("add", "--guided", input=answers(*FULL_GUIDED_ANSWERS[:2]))  # stopped at the feelings
    asked = guided.prompt_line
    finished_elsewhere = []

    def the_other_terminal_saves_it_first(question):
        if not finished_elsewhere:
            with open_journal(journal_path) as other:
                record = entry.new_record(RecordInput(situation="Team meeting, I stayed quiet"))
                finished_elsewhere.append(other.add_record(record, finishing_draft=1))
        return asked(question)

    monkeypatch.setattr(guided, "prompt_line", the_other_terminal_saves_it_first)
    second = cli("add", "--resume", input=answers(*FULL_GUIDED_ANSWERS[2:]))
    assert second.exit_code == 1
    assert "Draft 1 was saved as a record meanwhile" in second.stderr
    assert "isn't saved twice" in second.stderr
    assert listed(cli) == [1]
    assert len(json.loads(cli("drafts", "--json").stdout)) == 1  # this terminal's answers, kept


def test_a_draft_claimed_by_one_save_is_not_saved_by_another(journal):
    from thoughtlog import entry
    from thoughtlog.entry import RecordInput
    from thoughtlog.storage import DraftAlreadySaved, RecordFilter

    draft_id = journal.save_draft({"situation": "Meeting"}, 1)
    first = entry.new_record(RecordInput(situation="Meeting"))
    second = entry.new_record(RecordInput(situation="Meeting"))
    journal.add_record(first, finishing_draft=draft_id)
    with pytest.raises(DraftAlreadySaved):
        journal.add_record(second, finishing_draft=draft_id)
    assert [r.id for r in journal.list_records(RecordFilter())] == [first.id]


# --- edits that keep what wasn't changed ---------------------------------------------------------


def test_edit_thought_keeps_the_ratings_and_traps_of_a_thought_whose_text_is_unchanged(cli):
    cli(
        "add",
        "-s",
        "Meeting",
        "-t",
        "If I disagree my boss will punish me",
        "--belief",
        "85",
        "--belief-after",
        "40",
        "-d",
        "fortune-telling",
    )
    result = cli(
        "edit", "1", "--thought", "If I disagree my boss will punish me", "--thought", "I'm weak"
    )
    assert result.exit_code == 0, result.stderr
    assert shown(cli, "show", "1")["thoughts"] == [
        {
            "text": "If I disagree my boss will punish me",
            "belief_before": 85,
            "belief_after": 40,
            "hot": True,
            "distortions": ["fortune-telling"],
        },
        {
            "text": "I'm weak",
            "belief_before": None,
            "belief_after": None,
            "hot": False,
            "distortions": [],
        },
    ]


def test_removing_every_thought_takes_clear_thoughts_and_never_says_complete(cli):
    cli("add", "-s", "Meeting", "-t", "They'll laugh", "--belief", "80", "-r", "Most people don't")
    refused = cli("edit", "1", "--thought", "")
    assert refused.exit_code == 2
    assert "--clear-thoughts" in refused.stderr
    assert len(shown(cli, "show", "1")["thoughts"]) == 1

    cleared = cli("edit", "1", "--clear-thoughts")
    assert cleared.exit_code == 0, cleared.stderr
    assert cleared.stderr == "Updated record 1; its thoughts are removed.\n"
    assert shown(cli, "show", "1")["thoughts"] == []


def test_an_edit_says_complete_now_only_when_it_completes_the_record(cli):
    cli("add", "-s", "Meeting", "-r", "Most people don't")
    result = cli("edit", "1", "--behaviour", "Stayed quiet")
    assert result.stderr == "Updated record 1.\n"


def test_an_emotion_given_with_other_capitals_names_the_same_feeling(cli):
    cli("add", "-s", "Meeting", "-e", "anxious=80")
    assert cli("edit", "1", "--emotion-after", "Anxious=40").exit_code == 0
    assert shown(cli, "show", "1")["emotions"] == [{"name": "anxious", "before": 80, "after": 40}]


def test_a_feeling_whose_name_holds_an_equals_sign_takes_the_number_after_the_last(cli):
    cli("add", "-s", "Meeting", "-e", "anxious=80=60")
    assert shown(cli, "show", "1")["emotions"] == [
        {"name": "anxious=80", "before": 60, "after": None}
    ]


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("Work", "work"),
        ("My Boss", "my-boss"),
        ("#family", "family"),
        ("my_boss", "my-boss"),
        ("team - lead", "team-lead"),
        ("Ünïcode", "ünïcode"),
        ("日本", "日本"),
        ("covid19", "covid19"),
    ],
)
def test_tags_follow_the_documented_rule(cli, given, kept):
    assert cli("add", "-s", "Meeting", "--tag", given).exit_code == 0
    assert shown(cli, "show", "1")["tags"] == [kept]


@pytest.mark.parametrize("given", ["home / work", "🎉 party", "😢", "a.b", "me&you", "-"])
def test_a_tag_the_rule_cant_keep_is_refused_never_changed(cli, given):
    result = cli("add", "-s", "Meeting", "--tag", given)
    assert result.exit_code == 2
    assert f"'{given}' can't be used as a tag" in result.stderr
    assert "letters and digits" in result.stderr
    assert listed(cli) == []


def test_resuming_a_draft_with_a_feeling_named_twice_keeps_it_once(cli, journal):
    from dataclasses import asdict

    from thoughtlog.entry import RecordInput

    # Kept by an earlier version, which let the same feeling be named twice.
    kept = RecordInput(
        situation="Meeting",
        when="2026-11-16T10:00:00+00:00",
        emotions=["anxious=80", "Anxious=60"],
        thoughts=[],
        tags=[],
    )
    journal.save_draft(asdict(kept), steps_done=10)
    resumed = cli("add", "--resume", input=answers("", *NO_SMALL_STEP))
    assert resumed.exit_code == 0, resumed.stderr
    assert "'anxious' is given twice" in resumed.stderr
    assert "'Anxious=60' can't be kept as it is: 'anxious' was named twice" in resumed.stderr
    assert shown(cli, "show", "1")["emotions"] == [{"name": "anxious", "before": 80, "after": None}]


def test_answers_no_draft_can_hold_are_shown_to_copy(cli, monkeypatch, journal_path):
    from thoughtlog import drafts
    from thoughtlog.errors import JournalError
    from thoughtlog.storage import Journal

    def busy(*args, **kwargs):
        raise JournalError("The journal stayed busy with another thoughtlog for too long.")

    def no_room(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Journal, "add_record", busy)
    monkeypatch.setattr(Journal, "save_draft", busy)
    monkeypatch.setattr(drafts, "keep", no_room)
    result = cli("add", "--guided", input=FULL_GUIDED)
    assert result.exit_code == 1
    assert "No draft could be written (No space left on device)" in result.stderr
    assert "situation: Team meeting, I stayed quiet" in result.stderr
    assert "reframe: Disagreeing politely is normal at work" in result.stderr
    assert "Every answer you gave is shown above, to copy." in result.stderr


def test_a_draft_whose_feeling_name_holds_an_equals_sign_resumes_and_saves(cli, journal):
    from dataclasses import asdict

    from thoughtlog.entry import RecordInput

    # The guided add once kept the name 'anxious=80' typed as a feeling, then its strength 70;
    # every resume of that draft then failed.
    kept = RecordInput(
        situation="Meeting",
        when="2026-11-16T10:00:00+00:00",
        emotions=["anxious=80=70"],
        thoughts=[],
        tags=[],
    )
    journal.save_draft(asdict(kept), steps_done=10)
    resumed = cli("add", "--resume", input=answers(*NO_SMALL_STEP))
    assert resumed.exit_code == 0, resumed.stderr
    assert shown(cli, "show", "1")["emotions"] == [
        {"name": "anxious=80", "before": 70, "after": None}
    ]
