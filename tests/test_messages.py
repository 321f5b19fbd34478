"""docs/messages.md lists every message as the code says it, and every message keeps a calm tone."""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path

import pytest
from conftest import assert_generated_file_is_current

ROOT = Path(__file__).resolve().parent.parent
MESSAGES_MD = ROOT / "docs" / "messages.md"
EXTRACTOR = ROOT / "docs" / "messages.py"


def _extractor():
    spec = importlib.util.spec_from_file_location("thoughtlog_messages", EXTRACTOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


MESSAGES = _extractor().collect()


def test_the_message_list_is_up_to_date(tmp_path):
    # Regenerate it as a person would, from another folder: not a byte may change.
    assert_generated_file_is_current(EXTRACTOR, MESSAGES_MD, tmp_path, dict(os.environ))


def test_the_list_holds_every_kind_of_message():
    texts = {(m.module, m.kind, m.text) for m in MESSAGES}
    for expected in [
        ("thoughtlog/commands/records.py", "says", "Saved as record {record_id}."),  # output.say
        ("thoughtlog/commands/guided.py", "asks", "What happened? (who, what, where)"),
        (
            "thoughtlog/commands/__init__.py",
            "says",  # NotFound, worded by the command layer for cli.py's handler
            "There is no {kind} {number}. '{command} list' shows your {kind}s.",
        ),
        ("thoughtlog/entry.py", "error", "Belief in the hot thought"),  # a piece, for rating()
        ("thoughtlog/report.py", "report", "stayed at {number(before)}"),  # the report's sentences
    ]:
        assert expected in texts
    assert not any(m.text.startswith("Write the record") for m in MESSAGES)  # no help texts


# Words that read, to someone already having a hard time, as blame, a verdict, a diagnosis or
# a raised voice. Each is checked as a whole word, case aside, in the text of every message with
# its {values} left out.
#
# - Blame and verdicts on what was typed: "invalid", "illegal", "wrong", "bad", "incorrect",
#   "mistake", "failed"/"fail"/"failure", "fatal", "abort"/"aborted". Say what the value isn't
#   and what works instead: "'140' is out of range: use a whole number from 0 to 100".
# - Orders: "must" (and "mustn't"), "you should", "you need to", "you forgot". A message says
#   what a value takes or what will work. "should" alone stays allowed: it describes files, as
#   in "it should be a list [...]", never the person.
# - Diagnosis: "diagnosis", "disorder", "symptom", "patient", "dysfunctional", "irrational",
#   "unhealthy", "abnormal", "depression". thoughtlog records what the person names; it never
#   names a condition for them. Feeling words the person chooses ("anxious") are not diagnoses.
# - Praise and judgement, which the report must not hand out: "good job", "well done", "great",
#   "excellent", "proud", "worse", "worst".
# - Talking down: "simply", "obviously", "clearly", "of course".
# - "error:" inside a message: the command line puts "Error: " in front of every error itself.
#   Words like "an error" stay allowed ("the editor stopped with an error" is a fact).
# - Shouting: exclamation marks, and words in capitals other than the names of formats, encodings
#   and placeholders (CSV, JSON, UTF-8, ISO, NUL, NAME=N, FILE, SSH keys).
UNKIND = {
    "blames": r"invalid|illegal|wrong|bad|incorrect|mistakes?|fail|failed|failure|fatal"
    r"|aborted|abort",
    "orders": r"must|mustn't|mustn’t|you should|you need to|you forgot",
    "diagnoses": r"diagnos\w*|disorders?|symptoms?|patients?|dysfunctional|irrational|unhealthy"
    r"|abnormal|depression",
    "judges": r"good job|well done|great|excellent|proud|worse|worst",
    "talks down": r"simply|obviously|clearly|of course",
}
CAPITALS_ALLOWED = {"CSV", "JSON", "UTF", "ISO", "NUL", "NAME", "FILE", "HTML", "ID", "SSH"}


def _unkind(module: str, text: str) -> list[str]:
    if module == "thoughtlog/cli.py" and text.startswith("Error: "):
        text = text.removeprefix("Error: ")  # the command line's one prefix
    words = re.sub(r"\{[^{}]*\}", " ", text)  # the values filled in are not the message's words
    found = [
        f"{reason} ('{match.group(0)}')"
        for reason, pattern in UNKIND.items()
        for match in [re.search(rf"(?<![\w'-])(?:{pattern})(?![\w-])", words, re.IGNORECASE)]
        if match
    ]
    if re.search(r"(?<![\w-])error:", words, re.IGNORECASE):
        found.append("says 'error:' (the command line adds 'Error: ' itself)")
    if "!" in words:
        found.append("has an exclamation mark")
    plain = re.sub(r"\$\w+|--[\w-]+", " ", words)  # $EDITOR, --db
    shouted = [w for w in re.findall(r"\b[A-Z]{2,}\b", plain) if w not in CAPITALS_ALLOWED]
    if shouted:
        found.append(f"shouts ({', '.join(shouted)})")
    return found


def test_no_message_blames_diagnoses_judges_or_shouts():
    problems = [
        f"{m.module} · {m.function}: {m.text!r} {', '.join(reasons)}"
        for m in MESSAGES
        if (reasons := _unkind(m.module, m.text))
    ]
    assert not problems, "Messages to read again:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "text",
    [
        "Invalid intensity.",
        "You must give a number.",
        "You should try again",
        "The import failed",
        "Great week!",
        "Error: that went wrong",
        "Value OUT OF RANGE",
        "You may have an anxiety disorder",
    ],
)
def test_the_tone_check_notices_unkind_words(text):
    assert _unkind("thoughtlog/model.py", text)


@pytest.mark.parametrize(
    "text",
    [
        "'140' is out of range: use a whole number from 0 to 100 for that rating.",
        "{name} isn't UTF-8 text. Save it as UTF-8 (in a spreadsheet, 'CSV UTF-8').",
        "Record 3, field tags: it should be a list [...].",
        "The editor '{command[0]}' stopped with an error, so nothing was changed.",
        "Couldn't read {path}: {error.strerror or error}.",
    ],
)
def test_the_tone_check_lets_calm_messages_be(text):
    assert not _unkind("thoughtlog/model.py", text)
