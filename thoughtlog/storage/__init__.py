"""The journal on disk: the one package that knows the schema and speaks SQL.

Every other module works with the plain dataclasses of ``thoughtlog.model``. The journal is opened
with the standard ``sqlite3`` module (fast to import, so everyday commands start quickly); the
schema is created and upgraded with ``sqlite_utils.Migrations``, imported only when a migration is
pending.

The rooms: ``schema`` (the migrations), ``files`` (opening journal files safely), ``rows``
(records and experiments to and from rows), ``filters`` (what a caller asks for) and ``journal``
(the one facade, ``Journal``), ``care`` (check-ins, the safety plan, calm sessions) and ``due``
(what is due, read with nothing but sqlite3).

The names below are imported from their modules on first use, so that ``storage.due``, which runs
at every shell prompt, doesn't pay for the rest of the package.
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # typing is not imported here: storage.due runs at every shell prompt
if TYPE_CHECKING:
    from typing import Any

    from thoughtlog.storage.files import BUSY_TIMEOUT_MS, open_journal
    from thoughtlog.storage.filters import (
        HIGHLIGHT_END,
        HIGHLIGHT_START,
        SEARCH_WINDOW,
        ExperimentFilter,
        RecordFilter,
        SearchHit,
    )
    from thoughtlog.storage.health import Health, examine
    from thoughtlog.storage.journal import DraftAlreadySaved, Journal
    from thoughtlog.storage.rows import utc_now
    from thoughtlog.storage.schema import (
        MIGRATION_NAMES,
        MIGRATION_SET,
        MIGRATIONS,
        migration_set,
    )

# Each public name and the module of this package that holds it.
_HOME = {
    "BUSY_TIMEOUT_MS": "files",
    "open_journal": "files",
    "HIGHLIGHT_END": "filters",
    "HIGHLIGHT_START": "filters",
    "SEARCH_WINDOW": "filters",
    "ExperimentFilter": "filters",
    "RecordFilter": "filters",
    "SearchHit": "filters",
    "Health": "health",
    "examine": "health",
    "DraftAlreadySaved": "journal",
    "Journal": "journal",
    "utc_now": "rows",
    "MIGRATION_NAMES": "schema",
    "MIGRATION_SET": "schema",
    "MIGRATIONS": "schema",
    "migration_set": "schema",
}

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DraftAlreadySaved",
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "MIGRATIONS",
    "MIGRATION_NAMES",
    "MIGRATION_SET",
    "SEARCH_WINDOW",
    "ExperimentFilter",
    "Health",
    "Journal",
    "RecordFilter",
    "SearchHit",
    "migration_set",
    "examine",
    "open_journal",
    "utc_now",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})
