"""Opening journal files safely: created private, refused when not ours, read-only when need be."""

from __future__ import annotations

import functools
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from thoughtlog.errors import JournalDamaged, JournalError, NotAJournalFile
from thoughtlog.storage import cipher, engine
from thoughtlog.storage.cipher import PassphraseSource, looks_encrypted
from thoughtlog.storage.schema import MIGRATION_NAMES, MIGRATION_SET

if TYPE_CHECKING:
    from thoughtlog.storage.journal import Journal

BUSY_TIMEOUT_MS = 10_000

Method = TypeVar("Method", bound=Callable[..., Any])
_GENERATOR = 0x20  # inspect.CO_GENERATOR, without importing inspect on every command


def open_journal(
    path: str | os.PathLike[str], *, passphrase: PassphraseSource | None = None
) -> Journal:
    """Open (creating if need be) the journal at path, upgrading its schema; refuse files not ours.

    An encrypted journal is opened with the key passphrase gives (by default the command in
    THOUGHTLOG_PASSPHRASE_CMD or the keyring; never a prompt, which is the command layer's).
    """
    from thoughtlog.storage.journal import Journal

    path = Path(path)
    found = existing_file(path)
    created = found is None
    if created:
        create_private_file(path)
    elif found.st_size == 0 and os.access(path, os.W_OK):
        os.chmod(path, 0o600)  # an empty file is about to become a journal: make it private
    can_write = created or writable(path)  # if not, reading works and writing says why not
    key = None
    try:
        if found is not None and looks_encrypted(path, found.st_size):
            conn, key = cipher.connect(
                path,
                path if can_write else read_only_uri(path),
                uri=not can_write,
                timeout=BUSY_TIMEOUT_MS / 1000,
                passphrase=passphrase,
            )
        else:
            conn = sqlite3.connect(
                path if can_write else read_only_uri(path),
                uri=not can_write,
                isolation_level=None,
                timeout=BUSY_TIMEOUT_MS / 1000,
            )
    except sqlite3.Error as error:
        raise JournalError(f"Couldn't open the journal at {path}: {error}.") from None
    try:
        applied = applied_migrations(conn, path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        journal = Journal(conn, path)
        opened = os.stat(path)
        journal._file_id = (opened.st_dev, opened.st_ino)
        if key is not None:
            journal._passphrase, journal.key_source = key
        if len(applied) < len(MIGRATION_NAMES):
            journal._upgrade()
    except BaseException:
        # The file stays, even one this call created: another thoughtlog may have opened it (and
        # saved to it) meanwhile. An empty file is taken for a new journal next time.
        conn.close()
        raise
    return journal


# What a path can name besides a file, in the words a message uses for it.
_NOT_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def existing_file(path: Path) -> os.stat_result | None:
    """The regular file at path (a link to one counts), or None when nothing is there yet.

    Anything else is refused before SQLite opens it, so it is left exactly as it was: SQLite would
    open a device or a pipe, and the chmod of a new journal would change its mode.
    """
    try:
        found = path.stat()
    except FileNotFoundError:
        if path.is_symlink():  # a link to nothing: SQLite would create its target, not private
            raise NotAJournalFile(path=path, what="a link to a file that doesn't exist") from None
        return None
    except NotADirectoryError:
        return None  # a file stands where a folder should be: creating it says so
    except OSError as error:  # a folder on the way can't be searched, a link loops, ...
        raise JournalError(
            f"Couldn't reach the journal at {path}: {error.strerror or error}."
            " Check that its folder can be opened by you; nothing was changed."
        ) from None
    for test, what in _NOT_FILES:
        if test(found.st_mode):
            raise NotAJournalFile(path=path, what=what)
    if not stat.S_ISREG(found.st_mode):
        raise NotAJournalFile(path=path, what="not a regular file")
    return found


def writable(path: Path) -> bool:
    """Whether thoughtlog may write the journal: the file, and the folder its -wal and -shm go in."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def read_only_uri(path: Path) -> str:
    """How to open a journal thoughtlog can't write: read-only, and leaving no file behind.

    With no changes waiting in a -wal file, the journal file alone holds everything, so it is read
    as immutable: SQLite then needs no -shm file, which a read-only folder couldn't hold and which,
    created read-only beside a read-only journal, would keep refusing writes once the journal is
    writable again. Writes fail with "readonly", which Journal._write_error puts in plain words.
    """
    wal = path.with_name(path.name + "-wal")
    waiting = wal.exists() and wal.stat().st_size > 0
    return f"{path.absolute().as_uri()}?mode=ro" + ("" if waiting else "&immutable=1")


def create_private_file(path: Path) -> None:
    missing = [parent for parent in [path.parent, *path.parent.parents] if not parent.exists()]
    try:
        for folder in reversed(missing):
            folder.mkdir(
                mode=0o700, exist_ok=True
            )  # another thoughtlog may make it at the same moment
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass  # another thoughtlog created it a moment ago: it is opened as theirs
    except OSError as error:
        raise JournalError(
            f"Couldn't create the journal at {path}: {error.strerror or error}."
        ) from None


def applied_migrations(conn: sqlite3.Connection, path: Path) -> list[str]:
    """Our migrations already applied; raise if the file is not a journal this version can use."""
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        applied: list[str] = []
        if "_sqlite_migrations" in tables:
            applied = [
                row[0]
                for row in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
                    [MIGRATION_SET],
                )
            ]
    except engine.OperationalError as error:  # the file is there but SQLite can't open it
        raise JournalError(
            f"Couldn't open the journal at {path}: {error}; it was left untouched."
        ) from None
    except engine.DatabaseError as error:
        if (getattr(error, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_CORRUPT:
            raise JournalDamaged(path=path, detail=str(error)) from None
        raise JournalError(
            f"{path} is not a thoughtlog journal (it isn't a SQLite database), so it was left untouched."
        ) from None
    if tables and not applied:
        raise JournalError(
            f"{path} is a SQLite database of another program, not a thoughtlog journal,"
            " so it was left untouched."
        )
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if unknown:
        raise JournalError(
            f"The journal at {path} was written by a newer version of thoughtlog."
            " Upgrade thoughtlog to open it; it was left untouched."
        )
    return applied


def damage(error: sqlite3.DatabaseError, path: Path) -> Exception:
    """JournalDamaged when SQLite's error says the file is damaged; otherwise the error itself."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return JournalDamaged(path=path, detail=str(error))
    return error


def reading(method: Method) -> Method:
    """A Journal method that reads: damage found on the way is JournalDamaged, not SQLite's error.

    A file can be damaged in pages that opening it never reads; the first command to reach them
    then says so in one line. Methods that stream (generators) are wrapped as streams.
    """
    if method.__code__.co_flags & _GENERATOR:

        @functools.wraps(method)
        def stream(self, *args, **kwargs):
            try:
                yield from method(self, *args, **kwargs)
            except engine.DatabaseError as error:
                raise damage(error, self.path) from None

        return stream  # type: ignore[return-value]

    @functools.wraps(method)
    def read(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except engine.DatabaseError as error:
            raise damage(error, self.path) from None

    return read  # type: ignore[return-value]
