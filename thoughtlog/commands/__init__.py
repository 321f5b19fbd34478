"""The command layer: each module reads options, calls the core, and hands the result to the output module."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
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

            self._journal = open_journal(self.path)
        return self._journal

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None


def journal(ctx: typer.Context) -> Journal:
    """The journal chosen by --db / THOUGHTLOG_DB / the default, opened and migrated."""
    return ctx.find_object(Session).journal
