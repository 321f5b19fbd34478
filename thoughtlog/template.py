"""The plain-text template that `add --editor` and `edit --editor` open in $EDITOR, and its reader."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from thoughtlog.entry import RecordInput, apply, new_record
from thoughtlog.errors import InvalidValue
from thoughtlog.model import Record

HEADER = """\
# A thought record. Fill in the sections you want, then save and close the editor.
# Lines starting with # are ignored. Only [situation] is needed; the rest can wait.
# Ratings are 0-100. Close without saving any change to leave things as they were.
"""

# (section, help line) in the order of the worksheet.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("when", "when it happened: 'yesterday 3pm', '2026-11-20 14:30'"),
    ("situation", "who, what, where"),
    (
        "emotions",
        "one per line: name, intensity before, and after once re-rated, e.g.  anxious 80 45",
    ),
    ("thoughts", "automatic thoughts, one per line; the first is the hot thought"),
    ("belief", "how much you believe the hot thought: before, and after, e.g.  90 40"),
    ("distortions", "thinking traps in the hot thought, e.g.  fortune-telling, mind-reading"),
    ("behaviour", "what you did, or felt pushed to do"),
    ("evidence-for", "facts that support the hot thought"),
    ("evidence-against", "facts that don't support it"),
    ("reframe", "a more balanced thought"),
    ("reframe-belief", "how much you believe the balanced thought, 0-100"),
    ("tags", "people, places, themes, e.g.  work, boss"),
)

_SECTION_LINE = re.compile(r"^\[([a-z-]+)\]\s*$")


def render(record: Record | None, *, when: str = "now") -> str:
    """The template, filled in from a record when editing one."""
    values: dict[str, list[str]] = {name: [] for name, _ in SECTIONS}
    values["when"] = [when]
    if record is not None:
        hot = record.hot_thought
        values.update(
            {
                # With seconds and offset, so an edit never moves the record in time.
                "when": [record.occurred_at.isoformat(sep=" ", timespec="seconds")],
                "situation": [record.situation],
                "emotions": [
                    " ".join(
                        [e.name, "-" if e.before is None else str(e.before)]
                        + ([] if e.after is None else [str(e.after)])
                    )
                    for e in record.emotions
                ],
                "thoughts": [t.text for t in record.thoughts],
                "belief": [
                    " ".join(str(v) for v in (hot.belief_before, hot.belief_after) if v is not None)
                ]
                if hot
                else [],
                "distortions": [", ".join(hot.distortions)] if hot and hot.distortions else [],
                "behaviour": [record.behaviour or ""],
                "evidence-for": [record.evidence_for or ""],
                "evidence-against": [record.evidence_against or ""],
                "reframe": [record.reframe or ""],
                "reframe-belief": [
                    str(record.reframe_belief) if record.reframe_belief is not None else ""
                ],
                "tags": [", ".join(record.tags)],
            }
        )
    parts = [HEADER]
    for name, help_text in SECTIONS:
        body = "\n".join(line for line in values[name] if line)
        parts.append(f"[{name}]\n# {help_text}\n{body}\n" if body else f"[{name}]\n# {help_text}\n")
    return "\n".join(parts)


def _emotion_line(line: str) -> tuple[str, list[str]]:
    """'anxious 80 45' (or 'anxious = 80 -> 45') to ('anxious', ['80', '45']); '-' is 'not rated'."""
    words = re.sub(r"->|→|[=:,]", " ", line).split()
    numbers: list[str] = []
    while words and len(numbers) < 2 and (re.search(r"\d", words[-1]) or words[-1] in "-–"):
        numbers.insert(0, words.pop())
    if not words or not [n for n in numbers if n not in "-–"]:
        raise InvalidValue(
            f"The emotion line '{line}' needs a name and an intensity, for example: anxious 80 45."
        )
    return " ".join(words), numbers


def parse(text: str) -> RecordInput:
    """Read a filled-in template. Every section counts as given, so an emptied section clears it."""
    found: dict[str, list[str]] = {}
    current: str | None = None
    known = {name for name, _ in SECTIONS}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line.lstrip().startswith("#"):
            continue
        if match := _SECTION_LINE.match(line.strip()):
            current = match[1]
            if current not in known:
                raise InvalidValue(
                    f"Line {number}: [{current}] is not a section of the template."
                    f" The sections are: {', '.join(sorted(known))}."
                )
            found.setdefault(current, [])
        elif line.strip():
            if current is None:
                raise InvalidValue(f"Line {number}: '{line.strip()}' is outside any [section].")
            found[current].append(line.strip())

    def joined(name: str) -> str:
        return "\n".join(found.get(name, []))

    def listed(name: str) -> list[str]:
        return [
            part.strip() for line in found.get(name, []) for part in line.split(",") if part.strip()
        ]

    belief = joined("belief").replace("->", " ").replace("→", " ").replace(",", " ").split()
    if len(belief) > 2:
        raise InvalidValue(
            f"[belief] takes one or two numbers (before and after), not '{joined('belief')}'."
        )
    emotions, emotions_after = [], []
    for line in found.get("emotions", []):
        name, numbers = _emotion_line(line)
        if numbers[0] not in "-–":
            emotions.append(f"{name}={numbers[0]}")
        if len(numbers) > 1:
            emotions_after.append(f"{name}={numbers[1]}")
    return RecordInput(
        situation=joined("situation"),
        when=joined("when") or None,
        emotions=emotions,
        emotions_after=emotions_after,
        thoughts=list(found.get("thoughts", [])),
        # "" rather than None: an emptied section clears its rating.
        belief=belief[0] if belief else "",
        belief_after=belief[1] if len(belief) > 1 else "",
        distortions=listed("distortions"),
        behaviour=joined("behaviour"),
        evidence_for=joined("evidence-for"),
        evidence_against=joined("evidence-against"),
        reframe=joined("reframe"),
        reframe_belief=joined("reframe-belief"),
        tags=listed("tags"),
    )


def edited(record: Record | None, text: str, *, now: datetime | None = None) -> Record:
    """The record as the person left it in the editor: a new one, or this one rewritten."""
    given = parse(text)
    if record is None:
        return new_record(given, now=now)
    # The template lists every emotion, so one deleted there is deleted from the record.
    return apply(replace(record, emotions=[]), given, now=now)
