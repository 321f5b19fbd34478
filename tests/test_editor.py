"""add --editor and edit --editor with $EDITOR, and the template they open."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import shown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thoughtlog import entry, model, template
from thoughtlog.distortions import CATALOGUE
from thoughtlog.entry import RecordInput
from thoughtlog.errors import InvalidValue

# A stand-in editor: `python editor.py PLAN FILE`. PLAN is a JSON list of steps, one per time the
# editor is opened: {"write": text}, {"replace": [[old, new], ...]}, {"keep": true} (close without a
# change) or {"fail": true} (exit 1). Each run logs what it was given, and the file's and folder's modes.
EDITOR_SCRIPT = textwrap.dedent(
    """
    import json, os, stat, sys
    plan_path, target = sys.argv[1], sys.argv[2]
    log_path = plan_path + ".log"
    log = json.load(open(log_path)) if os.path.exists(log_path) else []
    steps = json.load(open(plan_path))
    step = steps[min(len(log), len(steps) - 1)]
    raw = open(target, "rb").read()
    text = raw.decode("utf-8", "surrogateescape")
    log.append({
        "path": target, "given": text, "bytes": raw.decode("utf-8", "backslashreplace"),
        "file_mode": stat.S_IMODE(os.stat(target).st_mode),
        "folder_mode": stat.S_IMODE(os.stat(os.path.dirname(target)).st_mode),
    })
    json.dump(log, open(log_path, "w"))
    if step.get("fail"):
        sys.exit(1)
    if "write" in step:
        text = step["write"]
    if "write_bytes" in step:
        open(target, "wb").write(step["write_bytes"].encode("latin-1"))
        sys.exit(0)
    for old, new in step.get("replace", []):
        old = old.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")
        assert old in text, old
        text = text.replace(old, new)
    if not step.get("keep"):
        open(target, "wb").write(text.encode("utf-8", "surrogateescape"))
    """
)


class Editor:
    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch):
        self.script = folder / "editor.py"
        self.script.write_text(EDITOR_SCRIPT)
        self.plan = folder / "plan.json"
        self.monkeypatch = monkeypatch

    def will(self, *steps: dict) -> None:
        self.plan.write_text(json.dumps(list(steps)))
        log = Path(str(self.plan) + ".log")
        log.unlink(missing_ok=True)
        self.monkeypatch.setenv("EDITOR", f"{sys.executable} {self.script} {self.plan}")

    @property
    def log(self) -> list[dict]:
        path = Path(str(self.plan) + ".log")
        return json.loads(path.read_text()) if path.exists() else []


@pytest.fixture
def editor(tmp_path, monkeypatch) -> Editor:
    folder = tmp_path / "editor"
    folder.mkdir()
    return Editor(folder, monkeypatch)


FILLED = """\
[when]
2026-11-16 10:00
[situation]
Weekly team meeting; I stayed silent
[emotions]
anxious 80 45
let down 50
[thoughts]
If I disagree my boss will punish me
I'm a coward
[belief]
85 40
[distortions]
fortune-telling, mind reading
[behaviour]
Stayed quiet
[evidence-for]
She frowned at Sam once
[evidence-against]
She thanked Sam afterwards
[reframe]
Disagreeing politely is normal
[reframe-belief]
60
[tags]
work, Boss
"""


def test_add_editor_saves_the_filled_template(cli, editor):
    editor.will({"write": FILLED})
    result = cli("add", "--editor")
    assert result.exit_code == 0, result.stderr
    record = shown(cli, "show", int(result.stdout))
    assert record["situation"] == "Weekly team meeting; I stayed silent"
    assert record["occurred_at"].startswith("2026-11-16T10:00:00")
    assert record["emotions"] == [
        {"name": "anxious", "before": 80, "after": 45},
        {"name": "let down", "before": 50, "after": None},
    ]
    assert record["thoughts"] == [
        {
            "text": "If I disagree my boss will punish me",
            "belief_before": 85,
            "belief_after": 40,
            "hot": True,
            "distortions": ["fortune-telling", "mind-reading"],
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
    assert record["evidence_for"] == "She frowned at Sam once"
    assert record["evidence_against"] == "She thanked Sam afterwards"
    assert record["reframe"] == "Disagreeing politely is normal"
    assert record["reframe_belief"] == 60
    assert record["tags"] == ["work", "boss"]


def test_add_editor_opens_the_blank_template(cli, editor):
    editor.will(
        {"replace": [["[situation]\n# who, what, where\n", "[situation]\nLunch with my sister\n"]]}
    )
    result = cli("add", "--editor")
    assert result.exit_code == 0, result.stderr
    given = editor.log[0]["given"]
    for name, _ in template.SECTIONS:
        assert f"[{name}]" in given
    record = shown(cli, "show", "1")
    assert record["situation"] == "Lunch with my sister"
    assert record["complete"] is False


def test_add_editor_closed_without_a_change_saves_nothing(cli, editor, journal_path):
    editor.will({"keep": True})
    result = cli("add", "--editor")
    assert result.exit_code == 1
    assert "without a change" in result.stderr and "nothing was saved" in result.stderr
    assert json.loads(cli("list", "--json").stdout) == []


def test_an_editor_that_fails_saves_nothing(cli, editor):
    editor.will({"fail": True})
    result = cli("add", "--editor")
    assert result.exit_code == 1
    assert "stopped with an error" in result.stderr
    assert json.loads(cli("list", "--json").stdout) == []


def test_an_editor_that_cannot_start_is_a_clear_error(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    result = cli("add", "--editor")
    assert result.exit_code == 1
    assert "Couldn't start the editor" in result.stderr and "$EDITOR" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_editor_file_is_private_and_removed_afterwards(cli, editor):
    editor.will({"write": FILLED})
    assert cli("add", "--editor").exit_code == 0
    run = editor.log[0]
    assert run["file_mode"] == 0o600
    assert run["folder_mode"] == 0o700
    assert not Path(run["path"]).exists()
    assert not Path(run["path"]).parent.exists()


def test_a_mistake_in_the_template_reopens_the_editor_with_the_text(cli, editor):
    bad = FILLED.replace("anxious 80 45", "anxious")
    editor.will({"write": bad}, {"replace": [["\nanxious\n", "\nanxious 80 45\n"]]})
    result = cli("add", "--editor", input="y\n")
    assert result.exit_code == 0, result.stderr
    assert "'anxious'" in result.stderr
    second = editor.log[1]["given"]
    assert second.startswith("# Please fix:")
    assert "Weekly team meeting; I stayed silent" in second  # what the person wrote is kept
    assert shown(cli, "show", "1")["emotions"][0] == {
        "name": "anxious",
        "before": 80,
        "after": 45,
    }


def test_a_mistake_in_the_template_not_fixed_saves_nothing(cli, editor):
    editor.will({"write": FILLED.replace("[reframe-belief]\n60", "[reframe-belief]\n150")})
    result = cli("add", "--editor", input="n\n")
    assert result.exit_code == 2
    assert "'150'" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(cli("list", "--json").stdout) == []
    kept = Path(result.stderr.split("is kept in ")[1].rstrip(".\n"))
    assert "Weekly team meeting; I stayed silent" in kept.read_text(encoding="utf-8")
    assert oct(kept.stat().st_mode & 0o777) == "0o600"


def test_an_editor_that_saves_text_that_isnt_utf8_reopens_it_exactly(cli, editor):
    latin1 = FILLED.replace("Stayed quiet", "Stayed quiet at the caf\xe9").encode("latin-1")
    editor.will(
        {"write_bytes": latin1.decode("latin-1")},
        {"replace": [["caf\udce9", "cafe"]]},
    )
    result = cli("add", "--editor", input="y\n")
    assert result.exit_code == 0, result.stderr
    assert "The editor saved text that isn't UTF-8 (on line 16)" in result.stderr
    assert "Open the editor again to fix it?" in result.stderr
    reopened = editor.log[1]
    assert reopened["bytes"].startswith("# Please fix:")
    assert "caf\\xe9" in reopened["bytes"]  # the very byte the person saved, given back
    assert shown(cli, "show", "1")["behaviour"] == "Stayed quiet at the cafe"


def test_text_that_isnt_utf8_is_kept_in_a_file_when_not_reopened(cli, editor):
    latin1 = FILLED.replace("Stayed quiet", "Stayed quiet at the caf\xe9").encode("latin-1")
    editor.will({"write_bytes": latin1.decode("latin-1")})
    result = cli("add", "--editor", input="n\n")
    assert result.exit_code == 1
    assert result.stderr.count("Error: ") == 1
    error = result.stderr.split("Error: ")[1]
    assert error.startswith("Nothing was saved; what you wrote in the editor is kept in")
    kept = Path(error.split("is kept in ")[1].rstrip(".\n"))
    assert kept.read_bytes() == latin1
    assert json.loads(cli("list", "--json").stdout) == []


@pytest.mark.parametrize("variable", ["EDITOR", "VISUAL"])
def test_an_editor_setting_with_an_unclosed_quote_is_one_calm_line(cli, monkeypatch, variable):
    monkeypatch.setenv(variable, '"/usr/bin/my editor --wait')
    result = cli("add", "--editor")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: ${variable} has a quote that isn't closed, so thoughtlog can't tell which"
        ' editor to start: set it as you would type it in a shell, such as "code --wait".\n'
    )
    assert json.loads(cli("list", "--json").stdout) == []


def test_edit_editor_changes_the_record(cli, editor):
    editor.will({"write": FILLED})
    cli("add", "--editor")
    before = shown(cli, "show", "1")
    editor.will(
        {
            "replace": [
                [
                    "Disagreeing politely is normal",
                    "My boss asked for views; disagreeing is part of the job",
                ],
                ["let down 50\n", ""],
                ["work, boss", "work, meetings"],
            ]
        }
    )
    result = cli("edit", "1", "--editor")
    assert result.exit_code == 0, result.stderr
    opened_with = editor.log[0]["given"]
    assert "Weekly team meeting; I stayed silent" in opened_with and "anxious 80 45" in opened_with
    after = shown(cli, "show", "1")
    assert after["reframe"] == "My boss asked for views; disagreeing is part of the job"
    assert after["emotions"] == [
        {"name": "anxious", "before": 80, "after": 45}
    ]  # deleted line, deleted feeling
    assert after["tags"] == ["work", "meetings"]
    for key in (
        "situation",
        "occurred_at",
        "thoughts",
        "behaviour",
        "evidence_for",
        "evidence_against",
        "reframe_belief",
        "uuid",
        "created_at",
    ):
        assert after[key] == before[key], key


def test_edit_editor_closed_without_a_change_leaves_the_record(cli, editor):
    record_id = int(cli("add", "-s", "Meeting", "-e", "anxious=80").stdout)
    before = shown(cli, "show", record_id)
    editor.will({"keep": True})
    result = cli("edit", str(record_id), "--editor")
    assert result.exit_code == 1
    assert shown(cli, "show", record_id) == before


def test_edit_editor_saved_unchanged_keeps_every_field(cli, editor):
    editor.will({"write": FILLED})
    cli("add", "--editor")
    before = shown(cli, "show", "1")
    editor.will({"replace": [["[tags]", "# looked it over\n[tags]"]]})
    assert cli("edit", "1", "--editor").exit_code == 0
    after = shown(cli, "show", "1")
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }


def test_edit_editor_keeps_the_time_of_a_record_from_another_timezone(cli, editor):
    record_id = int(
        cli("add", "-s", "Meeting abroad", "--when", "2026-11-20T14:30:00+05:00").stdout
    )
    before = shown(cli, "show", record_id)["occurred_at"]
    editor.will({"replace": [["[tags]", "# looked it over\n[tags]"]]})
    assert cli("edit", str(record_id), "--editor").exit_code == 0
    assert shown(cli, "show", record_id)["occurred_at"] == before


# --- the template ---------------------------------------------------------------------------------


def _full_record():
    record = entry.new_record(
        RecordInput(
            situation="Weekly team meeting; I stayed silent",
            when="2026-11-16 10:00",
            emotions=["anxious=80", "let down=50"],
            emotions_after=["anxious=45"],
            thoughts=["If I disagree my boss will punish me", "I'm a coward"],
            belief="85",
            belief_after="40",
            distortions=["fortune-telling", "mind-reading"],
            behaviour="Stayed quiet",
            evidence_for="She frowned at Sam once",
            evidence_against="She thanked Sam afterwards",
            reframe="Disagreeing politely is normal",
            reframe_belief="60",
            tags=["work", "boss"],
        )
    )
    record.id = 7
    return record


def test_template_round_trip_gives_the_same_record():
    record = _full_record()
    assert template.edited(record, template.render(record)).to_dict() == record.to_dict()


def test_template_round_trip_into_a_new_record_gives_the_same_content():
    record = _full_record()
    copy = template.edited(None, template.render(record))
    assert {k: v for k, v in copy.to_dict().items() if k != "id"} == {
        k: v for k, v in record.to_dict().items() if k != "id"
    }


def test_template_round_trip_of_a_quick_capture():
    record = entry.new_record(
        RecordInput(situation="Boss ignored my email", when="2026-11-16 10:00")
    )
    assert template.edited(record, template.render(record)).to_dict() == record.to_dict()


def test_template_round_trip_keeps_seconds():
    record = entry.new_record(RecordInput(situation="Just now", when="2026-11-16T10:00:17"))
    assert template.edited(record, template.render(record)).occurred_at == record.occurred_at


def test_template_round_trip_keeps_a_feeling_rated_only_afterwards():
    record = entry.new_record(
        RecordInput(situation="Meeting", when="2026-11-16 10:00", emotions_after=["anxious=45"])
    )
    emotions = template.edited(record, template.render(record)).emotions
    assert [(e.name, e.before, e.after) for e in emotions] == [("anxious", None, 45)]


def test_emptying_a_section_clears_it():
    record = _full_record()
    text = (
        template.render(record)
        .replace("\nDisagreeing politely is normal\n", "\n")
        .replace("\nStayed quiet\n", "\n")
    )
    updated = template.edited(record, text)
    assert updated.reframe is None and updated.behaviour is None
    assert updated.complete is False


def test_emptying_a_rating_section_clears_the_rating():
    record = _full_record()
    text = template.render(record).replace("\n85 40\n", "\n").replace("\n60\n", "\n")
    updated = template.edited(record, text)
    assert updated.reframe_belief is None
    assert (updated.hot_thought.belief_before, updated.hot_thought.belief_after) == (None, None)


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("[situation]\nMeeting\n[mood]\nanxious\n", ["Line 3", "[mood]", "sections"]),
        ("Meeting\n[situation]\nMeeting\n", ["Line 1", "'Meeting'", "[section]"]),
        ("[situation]\nMeeting\n[emotions]\nanxious\n", ["'anxious'", "anxious 80 45"]),
        (
            "[situation]\nMeeting\n[thoughts]\nThey'll judge me\n[belief]\n90 40 10\n",
            ["[belief]", "'90 40 10'"],
        ),
        ("[situation]\nMeeting\n[reframe-belief]\n150\n", ["'150'", "0 to 100"]),
        ("[situation]\nMeeting\n[emotions]\nanxious 180\n", ["'180'", "0 to 100"]),
        (
            "[situation]\nMeeting\n[thoughts]\nThey'll judge me\n[distortions]\ncatastrophe\n",
            ["'catastrophe'", "catastrophizing"],
        ),
        ("[situation]\nMeeting\n[when]\nthe day after never\n", ["'the day after never'"]),
        ("[situation]\n\n[when]\nnow\n", ["situation"]),
        ("[situation]\nMeeting\n[belief]\n80\n", ["--belief", "--thought"]),
    ],
)
def test_bad_lines_in_the_template_give_clear_errors(text, fragments):
    with pytest.raises(InvalidValue) as raised:
        template.edited(None, text)
    message = str(raised.value)
    for fragment in fragments:
        assert fragment in message, message


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("anxious 80", ("anxious", 80, None)),
        ("anxious 80 45", ("anxious", 80, 45)),
        ("anxious = 80 -> 45", ("anxious", 80, 45)),
        ("Let Down: 60, 20", ("let down", 60, 20)),
        ("anxious 80 → 45", ("anxious", 80, 45)),
    ],
)
def test_template_emotion_lines_can_be_written_several_ways(line, expected):
    record = template.edited(None, f"[situation]\nMeeting\n[emotions]\n{line}\n")
    assert [(e.name, e.before, e.after) for e in record.emotions] == [expected]


# --- the round trip, for any text -------------------------------------------------------------------

_TRICKY_LINES = [
    "# not a comment",
    "[tags]",
    "[situation]",
    "[sigh]",
    "\\back\\slash",
    "* starred",
    '"quoted"',
    "  indented",
    "trailing  ",
    "tab\there",
    "",
    "\r",
    "carriage\r",
    "anxious 80 45",
    "\u2028line separator",
    "\x1b]0;title\x07",
]
_TRICKY_NAMES = [
    "worry about covid19",
    "e1",
    "anxious=80",
    "e 1",
    "x,",
    "x ->",
    '"q"',
    "a 5 6",
    "#sad",
    "[tags]",
    "-",
    "80",
]


def _valid(function, text):
    try:
        return function(text)
    except InvalidValue:
        return None


_texts = st.lists(st.one_of(st.text(), st.sampled_from(_TRICKY_LINES)), min_size=1).map(
    lambda lines: "\n".join(lines).strip()
)
_required_texts = _texts.filter(bool)
_ratings = st.one_of(st.none(), st.integers(0, 100))
_names = (
    st.one_of(st.text(min_size=1), st.sampled_from(_TRICKY_NAMES))
    .map(lambda text: _valid(model.emotion_name, text))
    .filter(bool)
)
_emotions = st.lists(
    st.tuples(_names, _ratings, _ratings),  # an import may hold a feeling not rated at all
    unique_by=lambda e: e[0],
    max_size=4,
).map(lambda items: [model.Emotion(*item) for item in items])
_thoughts = st.lists(
    st.builds(
        model.Thought,
        text=_required_texts,
        belief_before=_ratings,
        belief_after=_ratings,
        distortions=st.lists(st.sampled_from([d.slug for d in CATALOGUE]), unique=True),
    ),
    max_size=4,
)
_tags = st.lists(
    st.one_of(st.text(min_size=1), st.sampled_from(["work", "my boss", "Ünïcode", "日本"]))
    .map(lambda text: _valid(model.tag_name, text))
    .filter(bool),
    unique=True,
    max_size=4,
)
_moments = st.datetimes(
    min_value=datetime(1990, 1, 1),
    max_value=datetime(2025, 12, 31),
    timezones=st.integers(-14 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q))),
).map(lambda moment: moment.replace(microsecond=0))


@st.composite
def _records(draw):
    thoughts = draw(_thoughts)
    if thoughts:
        model.mark_hot(thoughts, thoughts[draw(st.integers(0, len(thoughts) - 1))])
    return model.Record(
        situation=draw(_required_texts),
        occurred_at=draw(_moments),
        emotions=draw(_emotions),
        thoughts=thoughts,
        behaviour=draw(st.one_of(st.none(), _required_texts)),
        evidence_for=draw(st.one_of(st.none(), _required_texts)),
        evidence_against=draw(st.one_of(st.none(), _required_texts)),
        reframe=draw(st.one_of(st.none(), _required_texts)),
        reframe_belief=draw(_ratings),
        tags=draw(_tags),
        id=7,
    )


# 60 examples in the suite; THOUGHTLOG_EXAMPLES=2000 runs more on demand.
@settings(
    max_examples=int(os.environ.get("THOUGHTLOG_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(record=_records())
def test_an_untouched_template_gives_back_the_same_record_for_any_text(record):
    assert template.edited(record, template.render(record)).to_dict() == record.to_dict()


@pytest.mark.parametrize("line", _TRICKY_LINES[:-1])
def test_a_text_line_that_looks_like_template_syntax_is_kept_as_text(line):
    record = entry.new_record(
        RecordInput(
            situation=f"Meeting\n{line}\nafter",
            when="2026-11-16 10:00",
            thoughts=["first", f"hot {line}".strip()],
            reframe="ok",
        )
    )
    model.mark_hot(record.thoughts, record.thoughts[1])
    back = template.edited(record, template.render(record))
    assert back.situation == record.situation
    assert [(t.text, t.hot) for t in back.thoughts] == [(t.text, t.hot) for t in record.thoughts]


@pytest.mark.parametrize("name", ["worry about covid19", "e1", "anxious=80", "let down"])
def test_feeling_names_with_digits_or_equals_survive_the_editor(cli, editor, name):
    record_id = int(cli("add", "-s", "Meeting", "-e", f"{name}=60").stdout)
    before = shown(cli, "show", record_id)
    assert before["emotions"] == [{"name": name, "before": 60, "after": None}]
    editor.will({"replace": [["[tags]", "# looked it over\n[tags]"]]})
    result = cli("edit", str(record_id), "--editor")
    assert result.exit_code == 0, result.stderr
    assert shown(cli, "show", record_id)["emotions"] == before["emotions"]


def test_edit_editor_keeps_hash_and_bracket_lines_and_the_hot_thought(cli, editor):
    record_id = int(
        cli(
            "add",
            "-s",
            "Standup\n# the boss looked at me\n[tags]",
            "-t",
            "#1 rule: never contradict",
            "-t",
            "They'll laugh",
            "--belief",
            "90",
        ).stdout
    )
    before = shown(cli, "show", record_id)
    editor.will({"replace": [["[tags]\n# people", "# looked it over\n[tags]\n# people"]]})
    assert cli("edit", str(record_id), "--editor").exit_code == 0
    after = shown(cli, "show", record_id)
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }


def test_emptying_the_thoughts_in_the_editor_is_refused_with_the_option_to_use():
    record = _full_record()
    text = template.render(record).replace("If I disagree my boss will punish me\n", "")
    text = text.replace("I'm a coward\n", "")
    with pytest.raises(InvalidValue, match="--clear-thoughts"):
        template.edited(record, text)


def test_a_person_can_write_a_bracket_line_as_text_with_a_backslash():
    record = template.edited(None, "[situation]\n\\[sigh]\nthe meeting\n")
    assert record.situation == "[sigh]\nthe meeting"


def test_a_feeling_listed_twice_in_the_template_is_one_clear_line():
    with pytest.raises(InvalidValue) as raised:
        template.edited(None, "[situation]\nMeeting\n[emotions]\nanxious 80\nAnxious 60\n")
    assert str(raised.value) == (
        "'anxious' is given twice (anxious and Anxious): give each feeling once in [emotions]."
    )
