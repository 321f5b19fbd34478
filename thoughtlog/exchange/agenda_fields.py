"""The agenda and the session pages written, in the JSON export: written, read, merged by uuid."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from thoughtlog.agenda import AgendaItem, SessionWritten, agenda_text
from thoughtlog.errors import InvalidValue
from thoughtlog.exchange.fields import checked_object, timestamp_value, uuid_text

if TYPE_CHECKING:
    from thoughtlog.storage import Journal

# The top-level keys of the export that hold them (format version 2; older readers skip them).
AGENDA_KEYS = ("agenda", "sessions")
ITEM_KEYS = frozenset({"id", "uuid", "text", "created_at", "done_at"})
SESSION_KEYS = frozenset({"id", "uuid", "written_at", "since", "until"})


def agenda_export(journal: Journal) -> dict[str, Any]:
    """What the export writes under AGENDA_KEYS: every item (done or not) and every page written."""
    from thoughtlog.storage import agenda

    return {
        "agenda": [item.to_dict() for item in agenda.walk_items(journal)],
        "sessions": [written.to_dict() for written in agenda.walk_sessions(journal)],
    }


@dataclass
class AgendaPart:
    """One top-level key of an export, read and checked, waiting to be merged."""

    items: list[AgendaItem] = field(default_factory=list)
    sessions: list[SessionWritten] = field(default_factory=list)


def agenda_from_json(key: str, value: Any) -> AgendaPart:
    if not isinstance(value, list):
        raise InvalidValue(f"The export's '{key}' should be a list.")
    if key == "agenda":
        return AgendaPart(items=[_item(v, f"Agenda item {n}") for n, v in enumerate(value, 1)])
    return AgendaPart(sessions=[_session(v, f"Session {n}") for n, v in enumerate(value, 1)])


def _uuid(fields: dict[str, Any], where: str) -> str:
    return uuid_text(fields["uuid"], where, "uuid") if fields.get("uuid") else ""


def _required(fields: dict[str, Any], key: str, where: str) -> str:
    moment = timestamp_value(fields, key, where)
    if moment is None:
        raise InvalidValue(f"{where} has no '{key}': say when, as an ISO date and time.")
    return moment


def _item(value: Any, where: str) -> AgendaItem:
    fields = checked_object(value, where, ITEM_KEYS)
    words = fields.get("text")
    if not isinstance(words, str):
        raise InvalidValue(f"{where} has no text, and every agenda item needs some.")
    try:
        text = agenda_text(words)
    except InvalidValue as error:
        raise InvalidValue(f"{where}: {error}") from None
    return AgendaItem(
        text=text,
        uuid=_uuid(fields, where),
        created_at=_required(fields, "created_at", where),
        done_at=timestamp_value(fields, "done_at", where),
    )


def _session(value: Any, where: str) -> SessionWritten:
    fields = checked_object(value, where, SESSION_KEYS)
    return SessionWritten(
        written_at=_required(fields, "written_at", where),
        since=_required(fields, "since", where),
        until=_required(fields, "until", where),
        uuid=_uuid(fields, where),
    )


@dataclass
class AgendaCounts:
    added: int = 0
    updated: int = 0  # marked done by the file
    unchanged: int = 0
    sessions_added: int = 0


def merge_agenda(journal: Journal, part: AgendaPart, counts: AgendaCounts) -> None:
    """Inside the import's transaction: add what is new by uuid; an item done in either journal
    is done in the merged one."""
    from thoughtlog.storage import agenda

    for item in part.items:
        outcome = agenda.import_item(journal, item)
        setattr(counts, outcome, getattr(counts, outcome) + 1)
    for written in part.sessions:
        counts.sessions_added += agenda.import_session(journal, written)
