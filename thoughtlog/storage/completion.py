"""What shell completion asks the journal on every <TAB>: plain values, quickly, read-only."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Self

from thoughtlog.storage.cipher import is_encrypted
from thoughtlog.storage.files import read_only_uri

# Which rows a choice of ids offers: outside the trash (False), in it (True), or both (None).
_IN = {False: "deleted_at IS NULL", True: "deleted_at IS NOT NULL", None: "1"}


class CompletionQueries:
    """The Journal's answers for shell completion (thoughtlog/commands/completion.py).

    Completion opens the journal with `open_read_only`, which never creates, upgrades or writes a
    file, and gets plain values back, so it needn't build records.
    """

    conn: sqlite3.Connection  # set by Journal, which is made as Journal(conn, path)
    path: Path

    @classmethod
    def open_read_only(cls, path: str | os.PathLike[str]) -> Self | None:
        """The journal at path opened read-only (as `read_only_uri` says), or None when there is
        no file there or it is encrypted."""
        path = Path(path)
        if not path.is_file() or is_encrypted(path):
            return None  # an encrypted journal offers nothing rather than asking for its key
        return cls(sqlite3.connect(read_only_uri(path), uri=True, timeout=0.25), path)  # type: ignore[call-arg]

    def tags_starting(self, prefix: str) -> list[str]:
        """The tags in use that start with prefix, in order."""
        return self._names_starting("record_tags", "tag", prefix)

    def emotions_starting(self, prefix: str) -> list[str]:
        """The names of the feelings recorded so far that start with prefix, in order."""
        return self._names_starting("emotions", "name", prefix)

    def _names_starting(self, table: str, column: str, prefix: str) -> list[str]:
        # A range rather than LIKE: the column's index serves it, and no character is special.
        sql = (
            f"SELECT DISTINCT {column} FROM {table}"
            f" WHERE {column} >= ? AND {column} < ? ORDER BY {column}"
        )
        return [row[0] for row in self.conn.execute(sql, [prefix, prefix + "\U0010ffff"])]

    def _choices(
        self, id_prefix: str, table: str, day: str, words: str, *, where: str
    ) -> list[tuple[int, str, str]]:
        """(id, day, start of its words) of each row of table outside where's choice whose id
        starts with the digits id_prefix, newest first."""
        if id_prefix and not (id_prefix.isascii() and id_prefix.isdigit()):
            return []
        sql = (
            f"SELECT id, substr({day}, 1, 10), substr({words}, 1, 80) FROM {table}"
            f" WHERE {where} AND CAST(id AS TEXT) LIKE ? ORDER BY id DESC"
        )
        return self.conn.execute(sql, [id_prefix + "%"]).fetchall()

    def record_choices(
        self, id_prefix: str, *, trash: bool | None = False
    ) -> list[tuple[int, str, str]]:
        """Records by the day they happened and their situation; trash: False outside the
        trash, True in it, None both."""
        return self._choices(id_prefix, "records", "occurred_at", "situation", where=_IN[trash])

    def experiment_choices(
        self, id_prefix: str, *, trash: bool | None = False, planned_only: bool = False
    ) -> list[tuple[int, str, str]]:
        """Experiments by the day planned and their plan; planned_only leaves out the steps
        already done."""
        where = _IN[trash] + (" AND status = 'planned'" if planned_only else "")
        day = "coalesce(planned_for, created_at)"
        return self._choices(id_prefix, "experiments", day, "plan", where=where)

    def belief_choices(
        self, id_prefix: str, *, trash: bool | None = False
    ) -> list[tuple[int, str, str]]:
        """Beliefs by the day named and their words."""
        return self._choices(id_prefix, "beliefs", "created_at", "text", where=_IN[trash])

    def agenda_choices(self, id_prefix: str, *, done: bool = False) -> list[tuple[int, str, str]]:
        """Agenda items by the day written: the open ones, or (done=True) those talked over."""
        state = "done_at IS NOT NULL" if done else "done_at IS NULL"
        where = f"deleted_at IS NULL AND {state}"
        return self._choices(id_prefix, "agenda", "created_at", "text", where=where)

    def script_choices(
        self, id_prefix: str, *, trash: bool | None = False
    ) -> list[tuple[int, str, str]]:
        """Scripts by the day written and what they are about."""
        words = "coalesce(situation, with_whom, describe, express, specify, consequences)"
        return self._choices(id_prefix, "scripts", "created_at", words, where=_IN[trash])
