"""The agenda (things to bring up at the next therapy session) and the session pages written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from thoughtlog.errors import InvalidValue, ThoughtlogError
from thoughtlog.model import text_or_none


@dataclass
class AgendaItem:
    """One thing to bring up next time; done once it has been talked over."""

    text: str
    id: int | None = None
    uuid: str = ""
    created_at: str = ""
    done_at: str | None = None

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "text": self.text,
            "created_at": self.created_at,
            "done_at": self.done_at,
        }


@dataclass
class SessionWritten:
    """A session page that was written (not previewed): when, and the span it covered."""

    written_at: str
    since: str
    until: str
    id: int | None = None
    uuid: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "written_at": self.written_at,
            "since": self.since,
            "until": self.until,
        }


def agenda_text(value: str | None) -> str:
    """The words of an agenda item, trimmed; empty is refused."""
    text = text_or_none(value, "An agenda item")
    if text is None:
        raise InvalidValue(
            "An agenda item needs a few words, such as 'the meeting where I spoke up'."
        )
    return text


class AgendaItemDone(ThoughtlogError):
    """The agenda item was talked over already."""

    def __init__(self, *, item_id: int, done_at: str):
        self.item_id = item_id
        self.done_at = done_at
        super().__init__(item_id, done_at)

    def __str__(self) -> str:
        return (
            f"Agenda item {self.item_id} is done already (since {self.done_at[:10]});"
            " nothing was changed."
        )
