"""The command layer: each module reads options, calls the core, and hands the result to the output module."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from thoughtlog.errors import ThoughtlogError
    from thoughtlog.storage import Journal


class Session:
    """What the global options chose; the journal is opened on first use and closed at exit."""

    def __init__(self, db: Path | None, *, debug: bool = False):
        from thoughtlog.paths import journal_path

        self.path = journal_path(db)
        self.debug = debug
        self._journal: Journal | None = None

    @property
    def journal(self) -> Journal:
        if self._journal is None:
            from thoughtlog.storage import open_journal

            self._journal = open_journal(self.path, passphrase=ask_passphrase)
        return self._journal

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None


def on_a_terminal() -> bool:
    """Whether a person can be asked: stdin is a terminal (not a script, a pipe or a file)."""
    import sys

    return sys.stdin.isatty()


def ask_passphrase(path: Path) -> tuple[str, str]:
    """An encrypted journal's passphrase: from the command or the keyring, else asked for once.

    Never asked when stdin is not a terminal (a script, a pipe): then one line says how to give it.
    """
    import sys

    from thoughtlog.passphrase import FROM_PROMPT, check, find
    from thoughtlog.storage.cipher import default_source

    found = find(path)
    if found is not None:
        return found
    if not on_a_terminal():
        return default_source(path)  # raises, saying how to give the passphrase
    import getpass

    secret = getpass.getpass(f"Passphrase for the journal at {path}: ", stream=sys.stderr)
    check(secret)
    return secret, FROM_PROMPT


def journal(ctx: typer.Context) -> Journal:
    """The journal chosen by --db / THOUGHTLOG_DB / the default, opened and migrated."""
    return ctx.find_object(Session).journal


# The command that starts each kind of item's commands: "thoughtlog restore 3", "thoughtlog
# experiment list".
_COMMANDS_OF = {
    "record": "thoughtlog",
    "experiment": "thoughtlog experiment",
    "belief": "thoughtlog belief",
    "script": "thoughtlog script",
    "check-in": "thoughtlog checkin",
    "agenda item": "thoughtlog agenda",
}


def error_text(error: ThoughtlogError) -> str:
    """The line a person reads for an error of the core: its facts, and the command that helps.

    The core's errors carry what happened (which item, which path); only this layer knows the
    commands and options a person types, so the hints are worded here.
    """
    from thoughtlog.errors import JournalDamaged, NotAJournalFile, NotFound

    if isinstance(error, NotFound):
        kind, number = error.kind, error.item_id
        command = _COMMANDS_OF.get(kind, "thoughtlog")
        if error.problem == NotFound.IN_TRASH:
            return (
                f"{kind.capitalize()} {number} is in the trash."
                f" '{command} restore {number}' brings it back."
            )
        if error.problem == NotFound.NOT_IN_TRASH:
            return (
                f"{kind.capitalize()} {number} is not in the trash, so there is nothing to restore."
            )
        return f"There is no {kind} {number}. '{command} list' shows your {kind}s."
    if isinstance(error, NotAJournalFile):
        if error.what == "a folder":
            return f"{error} Point --db at a file inside it."
        return f"{error} It was left as it was. Point --db at a journal file or a new file name."
    if isinstance(error, JournalDamaged):
        return f"{error} 'thoughtlog check' says what can still be done."
    return str(error)
