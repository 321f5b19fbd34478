"""The SQLite error classes the storage code catches, for whichever SQLite opened the journal.

A plain journal is opened with the standard ``sqlite3``; an encrypted one with ``sqlcipher3``,
whose exceptions are not subclasses of the standard ones. The storage code catches
``engine.DatabaseError`` and its kin, which name the standard classes until ``cipher`` imports
``sqlcipher3`` and adds its classes beside them. ``except`` reads these names when it runs, so a
plain journal never imports sqlcipher3 and an encrypted one is caught by the same lines.
"""

from __future__ import annotations

import sqlite3
from types import ModuleType

Error: type[Exception] | tuple[type[Exception], ...] = sqlite3.Error
DatabaseError: type[Exception] | tuple[type[Exception], ...] = sqlite3.DatabaseError
OperationalError: type[Exception] | tuple[type[Exception], ...] = sqlite3.OperationalError


def also_catch(module: ModuleType) -> None:
    """Catch module's (sqlcipher3's) errors wherever the standard sqlite3's are caught."""
    global Error, DatabaseError, OperationalError
    Error = (sqlite3.Error, module.Error)
    DatabaseError = (sqlite3.DatabaseError, module.DatabaseError)
    OperationalError = (sqlite3.OperationalError, module.OperationalError)
