"""The errors the core raises for the command layer to turn into one calm line."""

from __future__ import annotations

from pathlib import Path


class ThoughtlogError(Exception):
    """A problem the person can fix; the message is shown as it is, never with a traceback."""

    exit_code = 1


class InvalidValue(ThoughtlogError):
    """A value given on the command line or in a file is not one thoughtlog accepts."""

    exit_code = 2


class NotFound(ThoughtlogError):
    """An item (a record, an experiment) that is not in the journal, or not where the action
    needs it: in the trash when it should be out, or out when a restore needs it in.

    It carries the facts (kind, item_id, problem); the command layer adds which command helps.
    """

    MISSING = "missing"
    IN_TRASH = "in the trash"
    NOT_IN_TRASH = "not in the trash"

    def __init__(self, *, kind: str, item_id: int, problem: str = MISSING):
        self.kind = kind
        self.item_id = item_id
        self.problem = problem
        super().__init__(kind, item_id, problem)

    def __str__(self) -> str:
        if self.problem == self.IN_TRASH:
            return f"{self.kind.capitalize()} {self.item_id} is in the trash."
        if self.problem == self.NOT_IN_TRASH:
            return (
                f"{self.kind.capitalize()} {self.item_id} is not in the trash,"
                " so there is nothing to restore."
            )
        return f"There is no {self.kind} {self.item_id}."


class JournalError(ThoughtlogError):
    """The journal file cannot be used: not ours, too new, unreadable or read-only."""


class NotAJournalFile(JournalError):
    """The journal's path names something that is not a file: a folder, a device, a pipe, a
    socket. It is left as it was; the command layer says which option chose the path."""

    def __init__(self, *, path: Path, what: str):
        self.path = path
        self.what = what  # "a folder", "a device", "a named pipe (FIFO)", "a socket", ...
        super().__init__(path, what)

    def __str__(self) -> str:
        return f"{self.path} is {self.what}, not a journal file."


class JournalDamaged(JournalError):
    """SQLite can't read the journal file as a whole: part of it was overwritten or cut off."""

    def __init__(self, *, path: Path, detail: str):
        self.path = path
        self.detail = detail  # what SQLite said
        super().__init__(path, detail)

    def __str__(self) -> str:
        return f"The journal at {self.path} is damaged ({self.detail}); it was left as it was."


class PassphraseError(JournalError):
    """An encrypted journal could not be opened: no passphrase to be had, or not the right one.

    Nothing was read or written; the message says which, and how to give one.
    """
