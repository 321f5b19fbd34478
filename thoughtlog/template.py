"""The plain-text template that `add --editor` and `edit --editor` open in $EDITOR, and its reader.

The template round-trips: reading back an untouched template gives the record it was made from,
field for field, whatever the text holds. The syntax (also in HEADER, for the person editing):

- ``[name]`` alone on a line starts a section; a line starting with ``#`` is a comment.
- Every other line is text. A text line that would read as something else (it starts with ``#``,
  ``[``, ``\\``, ``*`` or ``"``, starts or ends with a space, or holds a character that can't be
  shown, such as a tab) is written with a ``\\`` in front; after that ``\\``, ``\\\\`` is one
  backslash, ``\\n``, ``\\r``, ``\\t``, ``\\xNN``, ``\\uNNNN`` and ``\\UNNNNNNNN`` are that character,
  and a ``\\`` before any other character stands for that character.
- [emotions]: one feeling a line, its name then the intensity before and after (``-`` for not
  rated). A name that could be misread is given both numbers (``anxious=80 60 -``), or is written
  in double quotes, JSON style, when even that isn't clear (``"sad," 60 -``).
- [thoughts]: one a line; the first is the hot thought unless another line starts with ``*``.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime

from thoughtlog.entry import RecordInput, apply, new_record
from thoughtlog.errors import InvalidValue
from thoughtlog.model import Emotion, Record

HEADER = """\
# A thought record. Fill in the sections you want, then save and close the editor.
# Lines starting with # are ignored. Only [situation] is needed; the rest can wait.
# Ratings are 0-100, '-' for none. Close without saving any change to leave things as they were.
# A line of your text that starts with # [ \\ * or " is kept as text with a \\ in front of it.
# A feeling: its name, then before and after. The hot thought is the first, or the one marked *
"""

# (section, help line) in the order of the worksheet.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("when", "when it happened: 'yesterday 3pm', '2026-11-20 14:30'"),
    ("situation", "who, what, where"),
    (
        "emotions",
        "one per line: name, intensity before, and after once re-rated, e.g.  anxious 80 45",
    ),
    (
        "thoughts",
        "automatic thoughts, one per line; the first is the hot thought (or the one marked *)",
    ),
    ("belief", "how much you believe the hot thought: before, and after, e.g.  90 40"),
    ("distortions", "thinking traps in the hot thought, e.g.  fortune-telling, mind-reading"),
    ("behaviour", "what you did, or felt pushed to do"),
    ("evidence-for", "facts that support the hot thought"),
    ("evidence-against", "facts that don't support it"),
    ("reframe", "a more balanced thought"),
    ("reframe-belief", "how much you believe the balanced thought, 0-100"),
    ("tags", "people, places, themes, e.g.  work, boss"),
)
_TEXT_SECTIONS = ("situation", "behaviour", "evidence-for", "evidence-against", "reframe")

_SECTION_LINE = re.compile(r"^\[([a-z-]+)\]$")
_NUMBER = r"(?:\d+|-|–)"
_EMOTION_LINE = re.compile(
    rf"^(?P<name>.*?)\s*(?:[=:,]\s*)?(?P<before>{_NUMBER})"
    rf"(?:\s*(?:->|→|,)?\s*(?P<after>{_NUMBER}))?$",
    re.DOTALL,
)
_NUMBERS_ONLY = re.compile(rf"^\s*(?P<before>{_NUMBER})(?:\s*(?:->|→|,)?\s*(?P<after>{_NUMBER}))?$")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t"}
_HEX_LENGTH = {"x": 2, "u": 4, "U": 8}


# --- the line layer: any text as template lines, and back -----------------------------------------


def _needs_escape(line: str) -> bool:
    return bool(line) and (
        line[0] in '#[\\*"'
        or line[0].isspace()
        or line[-1].isspace()
        or not all(c == " " or c.isprintable() for c in line)
    )


def _escaped_char(c: str, at_edge: bool) -> str:
    if c == "\\":
        return "\\\\"
    if c == " " and not at_edge:
        return c
    if c.isprintable() and not c.isspace():
        return c
    code = ord(c)
    if code < 0x100:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c, f"\\x{code:02x}")
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def write_line(line: str) -> str:
    """One line of text as the template holds it: as it is, or escaped behind a backslash."""
    if not _needs_escape(line):
        return line
    last = len(line) - 1
    return "\\" + "".join(_escaped_char(c, i in (0, last)) for i, c in enumerate(line))


def read_line(raw: str) -> tuple[str, bool]:
    """A template line's text, and whether it was escaped (so never a comment, section or mark)."""
    line = raw.strip()
    if not line.startswith("\\"):
        return line, False
    body, text, i = line[1:], [], 0
    while i < len(body):
        c = body[i]
        if c != "\\" or i + 1 == len(body):
            text.append(c)
            i += 1
            continue
        code = body[i + 1]
        width = _HEX_LENGTH.get(code, 0)
        digits = body[i + 2 : i + 2 + width]
        if width and len(digits) == width and all(d in "0123456789abcdefABCDEF" for d in digits):
            text.append(chr(min(int(digits, 16), 0x10FFFF)))
            i += 2 + width
        else:
            text.append(_ESCAPES.get(code, code))
            i += 2
    return "".join(text), True


# --- rendering ------------------------------------------------------------------------------------


def _rated(value: int | None) -> str:
    return "-" if value is None else str(value)


def _emotion_text(emotion: Emotion) -> str:
    """The shortest emotion line that reads back as this very emotion."""
    numbers = (emotion.before, emotion.after)
    short = f"{emotion.name} {_rated(emotion.before)}"
    candidates = [short] if emotion.after is None and emotion.before is not None else []
    candidates.append(f"{emotion.name} {_rated(emotion.before)} {_rated(emotion.after)}")
    for candidate in candidates:
        line = write_line(candidate)
        if not line.startswith(('"', "\\")):
            try:
                name, before, after = _emotion_parts(*read_line(line))
            except InvalidValue:
                continue
            if (name, _number(before), _number(after)) == (emotion.name, *numbers):
                return line
    quoted = json.dumps(emotion.name, ensure_ascii=False)
    return f"{quoted} {_rated(emotion.before)} {_rated(emotion.after)}"


def _number(text: str | None) -> int | None:
    return None if text is None or text in "-–" else int(text)


def render(record: Record | None, *, when: str = "now") -> str:
    """The template, filled in from a record when editing one."""
    values: dict[str, list[str]] = {name: [] for name, _ in SECTIONS}
    values["when"] = [when]
    if record is not None:
        hot = record.hot_thought
        belief = (hot.belief_before, hot.belief_after) if hot else (None, None)
        values.update(
            {
                # With seconds and offset, so an edit never moves the record in time.
                "when": [record.occurred_at.isoformat(sep=" ", timespec="seconds")],
                "emotions": [_emotion_text(e) for e in record.emotions],
                "thoughts": [
                    ("* " if t is hot and i > 0 else "") + write_line(t.text)
                    for i, t in enumerate(record.thoughts)
                ],
                "belief": [_rated(belief[0]) + ("" if belief[1] is None else f" {belief[1]}")]
                if belief != (None, None)
                else [],
                "distortions": [", ".join(hot.distortions)] if hot and hot.distortions else [],
                "reframe-belief": [_rated(record.reframe_belief)]
                if record.reframe_belief is not None
                else [],
                "tags": [", ".join(record.tags)] if record.tags else [],
            }
        )
        for name in _TEXT_SECTIONS:
            text = getattr(record, name.replace("-", "_")) or ""
            values[name] = [write_line(line) for line in text.split("\n")] if text else []
    parts = [HEADER]
    for name, help_text in SECTIONS:
        body = "".join(line + "\n" for line in values[name])
        parts.append(f"[{name}]\n# {help_text}\n{body}")
    return "\n".join(parts)


# --- reading --------------------------------------------------------------------------------------


def _emotion_parts(text: str, escaped: bool) -> tuple[str, str, str | None]:
    """An emotion line to (name, before, after); '-' is 'not rated'."""
    if text.startswith('"') and not escaped:
        try:
            name, end = json.JSONDecoder().raw_decode(text)
        except ValueError:
            name, end = None, 0
        numbers = _NUMBERS_ONLY.match(text[end:]) if isinstance(name, str) else None
        if numbers:
            return name, numbers["before"], numbers["after"]  # type: ignore[return-value]
    match = _EMOTION_LINE.match(text)
    if not match or not match["name"].strip():
        raise InvalidValue(
            f"The emotion line '{text}' needs a name and an intensity, for example: anxious 80 45."
        )
    return match["name"], match["before"], match["after"]


def parse(text: str) -> RecordInput:
    """Read a filled-in template. Every section counts as given, so an emptied section clears it."""
    found: dict[str, list[tuple[str, bool]]] = {}
    current: str | None = None
    known = {name for name, _ in SECTIONS}
    for number, raw in enumerate(text.split("\n"), start=1):
        line, escaped = read_line(raw)
        if not escaped and line.startswith("#"):
            continue
        if not escaped and (match := _SECTION_LINE.match(line)):
            current = match[1]
            if current not in known:
                raise InvalidValue(
                    f"Line {number}: [{current}] is not a section of the template."
                    f" The sections are: {', '.join(sorted(known))}. To keep '{line}' as"
                    f" text, write it as \\{line}."
                )
            found.setdefault(current, [])
        elif line or escaped:
            if current is None:
                raise InvalidValue(f"Line {number}: '{line}' is outside any [section].")
            found[current].append((line, escaped))
        elif current is not None:
            found[current].append(("", False))  # a blank line inside a text stays in it

    def joined(name: str) -> str:
        return "\n".join(line for line, _ in found.get(name, [])).strip("\n")

    def listed(name: str) -> list[str]:
        return [
            part.strip()
            for line, _ in found.get(name, [])
            for part in line.split(",")
            if part.strip()
        ]

    belief = joined("belief").replace("->", " ").replace("→", " ").replace(",", " ").split()
    if len(belief) > 2:
        raise InvalidValue(
            f"[belief] takes one or two numbers (before and after), not '{joined('belief')}'."
        )
    belief = ["" if value in ("-", "–") else value for value in belief]
    names, emotions, emotions_after = [], [], []
    for line, escaped in found.get("emotions", []):
        if not line and not escaped:
            continue
        name, before, after = _emotion_parts(line, escaped)
        if before in "-–" and after is None:
            raise InvalidValue(
                f"The emotion line '{line}' needs an intensity, for example: anxious 80 45"
                " ('anxious - -' keeps a feeling not rated yet)."
            )
        names.append(name)
        if before not in "-–":
            emotions.append(f"{name}={before}")
        if after is not None and after not in "-–":
            emotions_after.append(f"{name}={after}")
    thoughts, hot = [], None
    for line, escaped in found.get("thoughts", []):
        if not escaped and line.startswith("*"):
            if hot is not None:
                raise InvalidValue("Mark one thought with * as the hot thought, not several.")
            hot = len(thoughts)
            line, escaped = read_line(line[1:])
        if line or escaped:
            thoughts.append(line)
    return RecordInput(
        situation=joined("situation"),
        when=joined("when") or None,
        emotion_names=names,
        emotions=emotions,
        emotions_after=emotions_after,
        thoughts=thoughts,
        hot=hot,
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
    if record.thoughts and not given.thoughts:
        raise InvalidValue(
            "[thoughts] is empty. Put the thoughts back to keep them; to remove every thought,"
            f" use 'thoughtlog edit {record.id} --clear-thoughts'."
        )
    # The template lists every emotion, so one deleted there is deleted from the record.
    return apply(replace(record, emotions=[]), given, now=now)
