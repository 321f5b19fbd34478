"""The personal safety plan and the crisis lines: what help-now shows, even with no journal at all."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thoughtlog.errors import InvalidValue
from thoughtlog.model import checked_text

# The six parts of a safety plan (after Stanley and Brown), then reasons for living: the key each
# part has in the journal and the JSON, and the heading a person reads.
PARTS: tuple[tuple[str, str], ...] = (
    ("warning_signs", "Warning signs that a hard time may be coming"),
    ("on_my_own", "Things I can do on my own to feel a little better"),
    ("distractions", "People and places that take my mind off it"),
    ("ask_for_help", "People I can ask for help"),
    ("professionals", "Professionals and crisis lines I can contact"),
    ("safer_surroundings", "Making my surroundings safer"),
    ("reasons_for_living", "My reasons for living"),
)
PART_KEYS = tuple(key for key, _ in PARTS)

# The same lines the README gives under "Not a treatment, not a crisis service".
CRISIS_LINES = (
    "If you are in danger, or thinking of harming yourself, please contact someone now:",
    "  your local emergency number (112 in Europe, 911 in North America, 999 in the UK),",
    "  a crisis line where you live (findahelpline.com lists them by country),",
    "  or someone you trust.",
)


@dataclass
class SafetyPlan:
    """A person's own plan: each part a list of short lines, in their words."""

    parts: dict[str, list[str]] = field(default_factory=dict)
    updated_at: str = ""
    uuid: str = ""

    def __post_init__(self) -> None:
        unknown = set(self.parts) - set(PART_KEYS)
        if unknown:
            raise InvalidValue(f"A safety plan has no part called '{sorted(unknown)[0]}'.")
        self.parts = {
            key: [checked_text(line, "A line of the plan").strip() for line in lines]
            for key, lines in self.parts.items()
        }
        self.parts = {key: [line for line in lines if line] for key, lines in self.parts.items()}

    @property
    def empty(self) -> bool:
        return not any(self.parts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "updated_at": self.updated_at,
            **{key: list(self.parts.get(key, [])) for key in PART_KEYS},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SafetyPlan:
        parts = {}
        for key in PART_KEYS:
            lines = data.get(key) or []
            if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
                raise InvalidValue(f"The safety plan's '{key}' should be a list of lines.")
            parts[key] = lines
        return cls(
            parts, updated_at=str(data.get("updated_at") or ""), uuid=str(data.get("uuid") or "")
        )


def plan_lines(plan: SafetyPlan | None) -> list[str]:
    """The plan as lines to read, part by part; parts left empty are left out."""
    if plan is None or plan.empty:
        return []
    lines = ["Your safety plan"]
    for key, heading in PARTS:
        if plan.parts.get(key):
            lines += ["", f"{heading}:"] + [f"  - {line}" for line in plan.parts[key]]
    return lines


# --- the copy beside the journal ----------------------------------------------------------------
# help-now must work when the journal can't be opened (missing, locked, damaged), so every save of
# the plan also writes a private copy beside the journal, read without SQLite.


def copy_path(journal_path: Path) -> Path:
    return journal_path.with_name(journal_path.name + ".safety-plan.json")


def keep_copy(journal_path: Path, plan: SafetyPlan) -> None:
    """Write the plan's copy, owner-only, replacing the last one in one step."""
    target = copy_path(journal_path)
    partial = target.with_name(target.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(plan.to_dict(), out, ensure_ascii=False, indent=1)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, target)


def read_copy(journal_path: Path) -> SafetyPlan | None:
    """The plan's copy, or None if there is none or it can't be read (never an error: help-now
    must still show the crisis lines)."""
    try:
        data = json.loads(copy_path(journal_path).read_text(encoding="utf-8"))
        return SafetyPlan.from_dict(data) if isinstance(data, dict) else None
    except (OSError, ValueError, InvalidValue):
        return None


# --- the plan in $EDITOR ------------------------------------------------------------------------

_TEMPLATE_HEAD = (
    "# Your safety plan, in your own words: one line for each thing, under its heading.\n"
    "# Lines starting with # are left out. Save and close the editor to keep it.\n"
)


def plan_template(plan: SafetyPlan | None) -> str:
    """The plan as text to edit: a heading per part, a line per item under it."""
    parts = plan.parts if plan else {}
    blocks = [_TEMPLATE_HEAD]
    for key, heading in PARTS:
        lines = parts.get(key) or []
        blocks.append(f"## {heading}\n" + "".join(f"- {line}\n" for line in lines))
    return "\n".join(blocks)


def plan_from_template(text: str) -> SafetyPlan:
    """The plan from its edited text; a line before any heading, or an unknown heading, is
    refused with the line it is on."""
    by_heading = {heading.casefold(): key for key, heading in PARTS}
    parts: dict[str, list[str]] = {key: [] for key in PART_KEYS}
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("##")):
            continue
        if line.startswith("##"):
            heading = line.lstrip("#").strip().rstrip(":").casefold()
            if heading not in by_heading:
                raise InvalidValue(
                    f"Line {number} is a heading the plan doesn't have: '{line}'."
                    " Keep the headings as they were written."
                )
            current = by_heading[heading]
            continue
        if current is None:
            raise InvalidValue(f"Line {number} comes before the first heading: put it under one.")
        parts[current].append(line[2:] if line.startswith("- ") else line.lstrip("-").strip())
    return SafetyPlan(parts)
