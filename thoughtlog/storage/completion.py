"""What shell completion asks the journal on every <TAB>: plain values, quickly, read-only."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Self

from thoughtlog.storage.cipher import is_encrypted
from thoughtlog.storage.files import read_only_uri


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

    def record_choices(
        self, id_prefix: str, *, trash: bool | None = False
    ) -> list[tuple[int, str, str]]:
        """(id, day it happened, start of the situation) of each record whose id starts with the
        digits id_prefix, newest first; trash: False outside the trash, True in it, None both."""
        if id_prefix and not (id_prefix.isascii() and id_prefix.isdigit()):
            return []
        where = {False: "deleted_at IS NULL", True: "deleted_at IS NOT NULL", None: "1"}[trash]
        sql = (
            "SELECT id, substr(occurred_at, 1, 10), substr(situation, 1, 80) FROM records"
            f" WHERE {where} AND CAST(id AS TEXT) LIKE ? ORDER BY id DESC"
        )
        return self.conn.execute(sql, [id_prefix + "%"]).fetchall()

    def experiment_choices(
        self, id_prefix: str, *, trash: bool | None = False, planned_only: bool = False
    ) -> list[tuple[int, str, str]]:
        """(id, day planned, start of the plan) of each experiment whose id starts with the
        digits id_prefix, newest first; planned_only leaves out the steps already done."""
        if id_prefix and not (id_prefix.isascii() and id_prefix.isdigit()):
            return []
        where = {False: "deleted_at IS NULL", True: "deleted_at IS NOT NULL", None: "1"}[trash]
        if planned_only:
            where += " AND status = 'planned'"
        sql = (
            "SELECT id, substr(coalesce(planned_for, created_at), 1, 10),"
            " substr(plan, 1, 80) FROM experiments"
            f" WHERE {where} AND CAST(id AS TEXT) LIKE ? ORDER BY id DESC"
        )
        return self.conn.execute(sql, [id_prefix + "%"]).fetchall()

    def belief_choices(
        self, id_prefix: str, *, trash: bool | None = False
    ) -> list[tuple[int, str, str]]:
        """(id, day named, start of the belief) of each belief whose id starts with the digits
        id_prefix, newest first."""
        if id_prefix and not (id_prefix.isascii() and id_prefix.isdigit()):
            return []
        where = {False: "deleted_at IS NULL", True: "deleted_at IS NOT NULL", None: "1"}[trash]
        sql = (
            "SELECT id, substr(created_at, 1, 10), substr(text, 1, 80) FROM beliefs"
            f" WHERE {where} AND CAST(id AS TEXT) LIKE ? ORDER BY id DESC"
        )
        return self.conn.execute(sql, [id_prefix + "%"]).fetchall()

    def agenda_choices(self, id_prefix: str, *, done: bool = False) -> list[tuple[int, str, str]]:
        """(id, day written, start of the words) of each agenda item whose id starts with the
        digits id_prefix, newest first: the open ones, or (done=True) those talked over."""
        if id_prefix and not (id_prefix.isascii() and id_prefix.isdigit()):
            return []
        state = "done_at IS NOT NULL" if done else "done_at IS NULL"
        sql = (
            "SELECT id, substr(created_at, 1, 10), substr(text, 1, 80) FROM agenda"
            f" WHERE deleted_at IS NULL AND {state} AND CAST(id AS TEXT) LIKE ? ORDER BY id DESC"
        )
        return self.conn.execute(sql, [id_prefix + "%"]).fetchall()

    def script_choices(
        self, id_prefix: str, *, trash: bool | None = False
    ) -> list[tuple[int, str, str]]:
        """(id, day written, what it is about) of each script whose id starts with the digits
        id_prefix, newest first."""
        if id_prefix and not (id_prefix.isascii() and id_prefix.isdigit()):
            return []
        where = {False: "deleted_at IS NULL", True: "deleted_at IS NOT NULL", None: "1"}[trash]
        sql = (
            "SELECT id, substr(created_at, 1, 10), substr(coalesce(situation, with_whom, describe,"
            " express, specify, consequences), 1, 80) FROM scripts"
            f" WHERE {where} AND CAST(id AS TEXT) LIKE ? ORDER BY id DESC"
        )
        return self.conn.execute(sql, [id_prefix + "%"]).fetchall()
