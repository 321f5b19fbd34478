"""Drafts of guided entries kept in a private folder beside the journal, when the journal itself
can't take them (busy past the timeout, read-only), until it can.

A draft is normally saved in the journal; this is the way of last resort, so that what a person
typed is never lost to a journal that was busy at the wrong moment.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol


class DraftKeeper(Protocol):
    def save_draft(
        self, answers: dict[str, Any], steps_done: int, *, replacing: int | None = None
    ) -> int: ...


def folder(journal_path: Path) -> Path:
    """Where drafts wait: '<journal>-drafts', beside the journal, readable by its owner alone."""
    return journal_path.with_name(journal_path.name + "-drafts")


def keep(journal_path: Path, answers: dict[str, Any], steps_done: int) -> Path:
    """Write a draft to its own private file, whole or not at all; return the file."""
    place = folder(journal_path)
    place.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = place / f"{stamp}-{uuid.uuid4().hex[:8]}.json"
    partial = path.with_suffix(".part")
    content = json.dumps({"answers": answers, "steps_done": steps_done}, ensure_ascii=False)
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def keep_text(journal_path: Path, text: str, name: str = "record") -> Path:
    """Keep text the journal couldn't take (an editor's, say) in a private file; return it.

    Bytes that weren't UTF-8 (held as surrogate escapes) are written back as they were.
    """
    place = folder(journal_path)
    place.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = place / f"{name}-{stamp}-{uuid.uuid4().hex[:8]}.txt"
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(text.encode("utf-8", "surrogateescape"))
    return path


def waiting(journal_path: Path) -> list[Path]:
    """The drafts waiting beside the journal, oldest first."""
    place = folder(journal_path)
    return sorted(place.glob("*.json")) if place.is_dir() else []


def take_in(journal_path: Path, journal: DraftKeeper) -> int:
    """Move the drafts waiting beside the journal into it; return how many moved.

    Each file is removed only once its draft is saved in the journal, so a crash in between can
    leave a copy, never a loss.
    """
    moved = 0
    for path in waiting(journal_path):
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            answers, steps_done = kept["answers"], int(kept["steps_done"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not one of ours, or unreadable: left where it is for the person to see
        journal.save_draft(answers, steps_done)
        path.unlink(missing_ok=True)
        moved += 1
    return moved
