"""The journal on disk: the one package that knows the schema and speaks SQL.

Every other module works with the plain dataclasses of ``thoughtlog.model``. The journal is opened
with the standard ``sqlite3`` module (fast to import, so everyday commands start quickly); the
schema is created and upgraded with ``sqlite_utils.Migrations``, imported only when a migration is
pending.

The rooms: ``schema`` (the migrations), ``files`` (opening journal files safely), ``rows``
(records and experiments to and from rows), ``filters`` (what a caller asks for) and ``journal``
(the one facade, ``Journal``).
"""

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
from thoughtlog.storage.journal import Journal
from thoughtlog.storage.rows import utc_now
from thoughtlog.storage.schema import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS, migration_set

__all__ = [
    "BUSY_TIMEOUT_MS",
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
