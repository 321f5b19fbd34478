"""The Journal: the one facade over a journal file, and the only place that speaks its SQL."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from thoughtlog import dates
from thoughtlog.errors import JournalError, NotFound, ThoughtlogError
from thoughtlog.model import Experiment, Record
from thoughtlog.storage import engine
from thoughtlog.storage.care import CareQueries
from thoughtlog.storage.completion import CompletionQueries
from thoughtlog.storage.files import (
    create_private_file,
    damage,
    open_journal,
    reading,
    writable,
)
from thoughtlog.storage.filters import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SEARCH_WINDOW,
    ExperimentFilter,
    RecordFilter,
    SearchHit,
)
from thoughtlog.storage.rows import (
    EXPERIMENT_COLUMNS,
    RECORD_FIELDS,
    UPDATE_EXPERIMENT,
    RecordRows,
    experiment_from_row,
    experiment_json_texts,
    experiment_values,
    fits_sqlite,
    in_list_chunks,
    insert_experiment,
    insert_parts,
    insert_rows,
    load_records,
    next_id,
    record_csv_chunk,
    record_json_chunk,
    record_rows,
    sqlite_limit,
    stamp,
    utc_now,
    walk_records,
)
from thoughtlog.storage.schema import migration_set


class DraftAlreadySaved(ThoughtlogError):
    """The draft a record finishes was saved already (carried on in another terminal)."""

    def __init__(self, *, draft_id: int):
        self.draft_id = draft_id
        super().__init__(draft_id)

    def __str__(self) -> str:
        return f"Draft {self.draft_id} was saved already."


class Journal(CareQueries, CompletionQueries):
    """A thoughtlog journal: records, experiments and the catalogue, in one SQLite file."""

    # Where an encrypted journal's passphrase came from (None for a plain journal), and the
    # passphrase itself, which an encrypted backup is keyed with.
    key_source: str | None = None
    _passphrase: str | None = None
    # The file opened (its device and inode): encrypt and decrypt put a new file in its place.
    _file_id: tuple[int, int] | None = None

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _upgrade(self) -> None:
        from sqlite_utils import Database

        try:
            if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                self.conn.execute("PRAGMA journal_mode = WAL")
            # Under the write lock, so that of several thoughtlogs opening a new or older journal
            # at once, one upgrades it and the others, once it is done, find nothing left to do.
            with self.transaction():
                migration_set().apply(Database(self.conn))
        except engine.OperationalError as error:
            raise self._write_error(error) from None

    def _replaced(self) -> bool:
        """Whether another file now stands at the journal's path than the one this opened; a
        write would go to the old one, which nothing reads any more."""
        if self._file_id is None:
            return False
        try:
            found = os.stat(self.path)
        except OSError:
            return True
        return (found.st_dev, found.st_ino) != self._file_id

    def check_writable(self) -> None:
        """Raise the error a save would meet, before anyone writes a record that can't be saved."""
        if not writable(self.path):
            raise self._write_error(sqlite3.OperationalError("readonly database"))

    def _write_error(self, error: sqlite3.OperationalError) -> JournalError:
        message = str(error)
        if "readonly" in message or "read-only" in message:
            if os.access(self.path, os.W_OK):
                return JournalError(
                    f"The folder {self.path.parent} is read-only, so thoughtlog can't save to the"
                    " journal in it; nothing was changed."
                )
            return JournalError(
                f"The journal at {self.path} is read-only, so thoughtlog can't save to it;"
                " nothing was changed."
            )
        if "locked" in message or "busy" in message:
            return JournalError(
                f"The journal at {self.path} stayed busy with another thoughtlog for too long;"
                " nothing was changed. Please try again."
            )
        return JournalError(f"Couldn't write to the journal at {self.path}: {message}.")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; everything in it lands, or nothing does."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except engine.OperationalError as error:
            raise self._write_error(error) from None
        if self._replaced():
            self.conn.execute("ROLLBACK")
            raise JournalError(
                f"The journal at {self.path} was encrypted or decrypted while this command waited;"
                " nothing was saved. Please run it again."
            )
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(error, engine.OperationalError):
                raise self._write_error(error) from None
            if isinstance(error, engine.DatabaseError):
                raise damage(error, self.path) from None
            raise

    # --- records: writing ---------------------------------------------------------------------

    def add_record(self, record: Record, *, finishing_draft: int | None = None) -> int:
        """Save a new record in one transaction and return its id (uuid and timestamps filled in).

        finishing_draft: the id of the draft this record completes, dropped in the same transaction.
        """
        stamp(record, utc_now())
        with self.transaction() as conn:
            self._insert_records(conn, [record])
            if finishing_draft is not None:
                # Claimed in the same transaction as the save: a draft carried on in two
                # terminals is saved once, and the second save changes nothing.
                taken = conn.execute("DELETE FROM drafts WHERE id = ?", [finishing_draft])
                if taken.rowcount != 1:
                    raise DraftAlreadySaved(draft_id=finishing_draft)
        return record.id

    @staticmethod
    def _insert_records(
        conn: sqlite3.Connection,
        records: Sequence[Record],
        ahead: Sequence[RecordRows | None] | None = None,
    ) -> None:
        """Insert new records and their parts, many rows to a statement, setting their ids.

        The ids are assigned here, as SQLite would (one past the largest), so that a batch needs no
        statement per record; inside the write transaction no other writer can take them.
        ahead: each record's record_rows if worked out ahead (None for any that wasn't), which
        needs the record's uuid and timestamps set already.
        """
        if not records:
            return
        given = ahead or [None] * len(records)
        rows = [row or record_rows(record) for record, row in zip(records, given, strict=True)]
        for record_id, record in enumerate(records, start=next_id(conn, "records")):
            record.id = record_id
        insert_rows(
            conn,
            "records",
            ("id", "uuid", *RECORD_FIELDS, "deleted_at"),
            [
                (r.id, r.uuid, *row.values, r.deleted_at)
                for r, row in zip(records, rows, strict=True)
            ],
        )
        insert_parts(conn, records, rows)

    @staticmethod
    def _replace_records(conn: sqlite3.Connection, records: Sequence[Record]) -> None:
        """Overwrite saved records (matched by id) and all their parts with these versions."""
        if not records:
            return
        rows = [record_rows(record) for record in records]
        conn.executemany(
            f"UPDATE records SET {', '.join(f'{column} = ?' for column in RECORD_FIELDS)} WHERE id = ?",
            [(*row.values, record.id) for record, row in zip(records, rows, strict=True)],
        )
        ids = [(record.id,) for record in records]
        for table in (
            "emotions",
            "thoughts",
            "record_tags",
        ):  # thinking traps go with their thoughts
            conn.executemany(f"DELETE FROM {table} WHERE record_id = ?", ids)
        insert_parts(conn, records, rows)

    def update_record(self, record: Record) -> None:
        """Replace a saved record with this version of it, in one transaction."""
        assert record.id is not None
        record.updated_at = utc_now()
        with self.transaction() as conn:
            self._require(conn, "record", record.id)
            self._replace_records(conn, [record])

    def trash_record(self, record_id: int) -> int:
        """Move a record to the trash; returns how many experiments still point at it."""
        with self.transaction() as conn:
            self._move(conn, "record", record_id, to_trash=True)
            return self._linked_experiments(conn, record_id)

    def restore_record(self, record_id: int) -> None:
        with self.transaction() as conn:
            self._move(conn, "record", record_id, to_trash=False)

    def purge_record(self, record_id: int) -> int:
        """Remove a record for good; its experiments are kept, unlinked. Returns how many."""
        with self.transaction() as conn:
            self._require(conn, "record", record_id, in_trash=None)
            linked = self._linked_experiments(conn, record_id)
            conn.execute("DELETE FROM records WHERE id = ?", [record_id])
            return linked

    @staticmethod
    def _linked_experiments(conn: sqlite3.Connection, record_id: int) -> int:
        return conn.execute(
            "SELECT count(*) FROM experiments WHERE record_id = ? AND deleted_at IS NULL",
            [record_id],
        ).fetchone()[0]

    # --- what records and experiments share: an id, and a life in and out of the trash ----------

    @staticmethod
    def _require(
        conn: sqlite3.Connection, kind: str, item_id: int, *, in_trash: bool | None = False
    ) -> None:
        """Raise NotFound unless the item is saved and, as in_trash asks, in the trash (True),
        out of it (False) or either (None)."""
        row = None
        if fits_sqlite(item_id):
            sql = f"SELECT deleted_at FROM {TABLES[kind]} WHERE id = ?"
            row = conn.execute(sql, [item_id]).fetchone()
        if row is None:
            raise NotFound(kind=kind, item_id=item_id)
        if in_trash is not None:
            _check_trash(kind, item_id, row[0], in_trash=in_trash)

    def _move(self, conn: sqlite3.Connection, kind: str, item_id: int, *, to_trash: bool) -> None:
        """Move an item into the trash, or back out of it."""
        self._require(conn, kind, item_id, in_trash=not to_trash)
        conn.execute(
            f"UPDATE {TABLES[kind]} SET deleted_at = ? WHERE id = ?",
            [utc_now() if to_trash else None, item_id],
        )

    # --- records: reading ---------------------------------------------------------------------

    @reading
    def get_record(self, record_id: int, *, include_trash: bool = False) -> Record:
        records = load_records(self.conn, [record_id] if fits_sqlite(record_id) else [])
        if not records:
            raise NotFound(kind="record", item_id=record_id)
        if not include_trash:
            _check_trash("record", record_id, records[0].deleted_at, in_trash=False)
        return records[0]

    @reading
    def list_records(self, filters: RecordFilter | None = None) -> list[Record]:
        """Records newest first, narrowed by the filter."""
        filters = filters or RecordFilter()
        where, params = filters.where()
        sql = f"SELECT r.id FROM records r WHERE {where} ORDER BY r.occurred_utc DESC, r.id DESC"
        if filters.limit:
            sql += " LIMIT ?"
            params.append(sqlite_limit(filters.limit))
        return load_records(self.conn, [row[0] for row in self.conn.execute(sql, params)])

    @reading
    def iter_records(self, filters: RecordFilter | None = None) -> Iterator[Record]:
        """Every matching record in the order they were written (by id), memory flat at any size.

        Each table is read once, in index order, alongside the records (see `_walk_records`).
        """
        filters = filters or RecordFilter()
        where, params = filters.where()
        # Everything (an export of the whole journal): read the tables of parts whole, which is
        # quicker than picking each record's parts out of them.
        yield from walk_records(self.conn, where, params, all_parts=filters == RecordFilter())

    @reading
    def record_json_runs(
        self, filters: RecordFilter | None = None, *, separator: str, chunk: int | None = None
    ) -> Iterator[tuple[int, str]]:
        """Every matching record, by id, as the JSON export holds it (to_dict's shape, as text),
        built by SQLite without a Record in between: runs of (how many records, their texts
        joined by separator), a chunk of ids at a time (chunks.CHUNK unless given), so memory
        stays flat at any size."""
        from thoughtlog.storage import chunks  # json, subprocess: only an export needs them

        where, params = (filters or RecordFilter()).where()
        yield from chunks.built_in_chunks(
            self.conn,
            record_json_chunk(where, separator),
            params,
            chunk=chunk or chunks.CHUNK,
            path=self._second_path(),
        )

    @reading
    def record_csv_runs(
        self,
        filters: RecordFilter | None = None,
        *,
        arrow: str,
        separator: str,
        lines: str,
        chunk: int | None = None,
    ) -> Iterator[tuple[int, str]]:
        """Every matching record, by id, as the record CSV's lines: runs of (how many records,
        their lines), a chunk of ids at a time, memory flat at any size. SQLite builds the cells
        (see rows.record_csv_chunk); lines ("module:function") turns a chunk's cells into its lines,
        in the process that built them."""
        from thoughtlog.storage import chunks

        where, params = (filters or RecordFilter()).where()
        yield from chunks.built_in_chunks(
            self.conn,
            record_csv_chunk(where, arrow=arrow, separator=separator),
            params,
            chunk=chunk or chunks.CHUNK,
            path=self._second_path(),
            finish=lines,
        )

    def _second_path(self) -> Path | None:
        """The journal's file, for the export to open more connections to, building a big export
        on two cores (chunks.py); None where one connection must do: an encrypted journal (another
        connection would need its key), or one thoughtlog can't write (it can't take the write
        lock that starts the connections on the same state of the journal)."""
        plain = isinstance(self.conn, sqlite3.Connection)  # sqlcipher3's are not
        if not plain or not writable(self.path) or self._replaced():
            return None
        return self.path

    @reading
    def count_records(self, filters: RecordFilter | None = None) -> int:
        where, params = (filters or RecordFilter()).where()
        return self.conn.execute(
            f"SELECT count(*) FROM records r WHERE {where}", params
        ).fetchone()[0]

    @reading
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over every text field, best matches first, with a marked snippet.

        The matches are ranked among the newest records that match: SEARCH_WINDOW of them, or
        limit when that asks for more. Ranking every match of a common word would make an
        everyday search cost more the longer the journal; a person who asks for more matches
        gets them all, at the cost of what they asked for.
        """
        window = sqlite_limit(max(SEARCH_WINDOW, limit))
        limit = sqlite_limit(limit)
        sql = (
            "SELECT records_fts.rowid, snippet(records_fts, -1, ?1, ?2, '…', 16)"
            " FROM records_fts JOIN records r ON r.id = records_fts.rowid"
            " WHERE records_fts MATCH ?3 AND r.deleted_at IS NULL AND records_fts.rowid >= ("
            "  SELECT min(rowid) FROM ("
            "   SELECT rowid FROM records_fts WHERE records_fts MATCH ?3 ORDER BY rowid DESC LIMIT ?5"
            "  )"
            " ) ORDER BY rank LIMIT ?4"
        )
        try:
            rows = self.conn.execute(
                sql, [HIGHLIGHT_START, HIGHLIGHT_END, query, limit, window]
            ).fetchall()
        except engine.OperationalError:
            # Not valid FTS syntax (an apostrophe, a stray quote or a dash): search the plain words.
            found = re.findall(r"\w+", query)
            words = " ".join(f'"{word}"' for word in [w for w in found if len(w) > 1] or found)
            if not words:
                return []
            rows = self.conn.execute(
                sql, [HIGHLIGHT_START, HIGHLIGHT_END, words, limit, window]
            ).fetchall()
        records = {r.id: r for r in load_records(self.conn, [row[0] for row in rows])}
        return [SearchHit(records[row[0]], row[1]) for row in rows if row[0] in records]

    @reading
    def known_tags(self) -> list[str]:
        return [
            row[0] for row in self.conn.execute("SELECT DISTINCT tag FROM record_tags ORDER BY tag")
        ]

    @reading
    def known_emotions(self) -> list[str]:
        return [
            row[0] for row in self.conn.execute("SELECT DISTINCT name FROM emotions ORDER BY name")
        ]

    # --- import and export --------------------------------------------------------------------
    # An import is one transaction from its first row to its last, so that a bad row anywhere
    # leaves the journal as it was. The writers below therefore never open a transaction of their
    # own: call them inside `import_transaction` (or `transaction`).

    class _DryRun(Exception):
        """Raised at the end of a dry-run import so that its transaction rolls back."""

    @contextmanager
    def import_transaction(self, *, dry_run: bool = False) -> Iterator[None]:
        """One transaction around a whole import: committed at the end, rolled back on any error
        or when this is a dry run (which then sees exactly what a real import would have done)."""
        try:
            with self.transaction():
                yield
                if dry_run:
                    raise self._DryRun
        except self._DryRun:
            pass

    @reading
    def records_by_uuid(self, uuids: Sequence[str]) -> dict[str, Record]:
        """The saved records (trash included) with these uuids, for an import to match against."""
        ids = self._ids_by_uuid("records", uuids)
        records = load_records(self.conn, list(ids.values()))
        return {record.uuid: record for record in records}  # type: ignore[misc]

    @reading
    def record_ids_by_uuid(self, uuids: Sequence[str]) -> dict[str, int]:
        """The ids of the records (trash included) with these uuids: how experiments find theirs."""
        return self._ids_by_uuid("records", uuids)

    @reading
    def experiments_by_uuid(self, uuids: Sequence[str]) -> dict[str, Experiment]:
        found: dict[str, Experiment] = {}
        for chunk in in_list_chunks(
            self.conn, list(self._ids_by_uuid("experiments", uuids).values())
        ):
            marks = ",".join("?" * len(chunk))
            for experiment in self._select_experiments(f"e.id IN ({marks})", list(chunk)):
                found[experiment.uuid] = experiment  # type: ignore[index]
        return found

    def _ids_by_uuid(self, table: str, uuids: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for chunk in in_list_chunks(self.conn, list(dict.fromkeys(uuids))):
            sql = f"SELECT uuid, id FROM {table} WHERE uuid IN ({','.join('?' * len(chunk))})"
            found.update(self.conn.execute(sql, chunk).fetchall())
        return found

    def insert_records(
        self, records: Sequence[Record], ahead: Sequence[RecordRows | None] | None = None
    ) -> None:
        """Save new records as they are (uuid and timestamps kept, filled in only when missing).

        ahead: their rows, worked out ahead, as _insert_records takes them.
        """
        assert self.conn.in_transaction, "insert_records runs inside a transaction"
        now = utc_now()
        for record in records:
            stamp(record, now)
        self._insert_records(self.conn, records, ahead)

    def replace_records(self, records: Sequence[Record]) -> None:
        """Overwrite saved records (matched by id) with these versions, timestamps as given."""
        assert self.conn.in_transaction, "replace_records runs inside a transaction"
        self._replace_records(self.conn, records)

    def insert_experiments(self, experiments: Sequence[Experiment]) -> None:
        """Save new experiments as they are; record_id must already point at a saved record.

        Their ids are given as _insert_records gives records theirs: a batch, not a statement each.
        """
        assert self.conn.in_transaction, "insert_experiments runs inside a transaction"
        now = utc_now()
        first = next_id(self.conn, "experiments")
        for experiment_id, experiment in enumerate(experiments, start=first):
            stamp(experiment, now)
            experiment.id = experiment_id
        insert_rows(
            self.conn,
            "experiments",
            ("id", *EXPERIMENT_COLUMNS),
            [(e.id, *experiment_values(e)) for e in experiments],
        )

    def replace_experiments(self, experiments: Sequence[Experiment]) -> None:
        """Overwrite saved experiments (matched by id) with these versions, timestamps as given."""
        assert self.conn.in_transaction, "replace_experiments runs inside a transaction"
        self.conn.executemany(
            UPDATE_EXPERIMENT,
            [[*experiment_values(experiment), experiment.id] for experiment in experiments],
        )

    @reading
    def experiment_json_texts(self, filters: RecordFilter | None = None) -> Iterator[str]:
        """The experiments iter_experiments gives, as the JSON export holds them (to_dict's
        shape, as text), built by SQLite without an Experiment in between."""
        where, params = (filters or RecordFilter()).experiments_where()
        yield from experiment_json_texts(self.conn, where, params)

    @reading
    def iter_experiments(
        self, filters: RecordFilter | None = None, *, batch_size: int = 500
    ) -> Iterator[Experiment]:
        """Experiments (not in the trash) that go with an export of the records the filter picks
        (see RecordFilter.experiments_where), by id, a batch at a time."""
        where, params = (filters or RecordFilter()).experiments_where()
        clauses = [where]
        after = 0
        while True:
            batch = self._select_experiments(
                " AND ".join([*clauses, "e.id > ?"]), [*params, after], "e.id", batch_size
            )
            yield from batch
            if len(batch) < batch_size:
                return
            after = batch[-1].id  # type: ignore[assignment]

    # --- care of the file ------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What SQLite's integrity and foreign-key checks find; an empty list means all is well."""
        from thoughtlog.storage.health import integrity_problems

        return integrity_problems(self.conn)[0]

    def backup(self, destination: Path) -> None:
        """A consistent copy through SQLite's online backup API, checked before it counts as done."""
        try:
            destination.lstat()
        except FileNotFoundError:
            pass  # as it should be: the copy is a new file
        except OSError as error:
            raise JournalError(
                f"Couldn't write the backup to {destination}: {error.strerror or error}."
            ) from None
        else:
            raise JournalError(f"{destination} already exists; choose a new file for the backup.")
        create_private_file(destination)
        try:
            if self._passphrase is not None:  # an encrypted journal's copy stays encrypted
                from thoughtlog.storage.cipher import encrypted_copy

                encrypted_copy(self.conn, destination, self._passphrase)
            else:
                copy = sqlite3.connect(destination)
                try:
                    self.conn.backup(copy)
                    copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                finally:
                    copy.close()
            key = (self._passphrase, self.key_source or "")
            with open_journal(destination, passphrase=lambda _: key) as check:
                problems = check.problems()
            if problems:
                raise JournalError(
                    f"The copy at {destination} didn't pass its check ({problems[0]}), so it was"
                    " removed. Your journal was not changed."
                )
        except BaseException:
            destination.unlink(missing_ok=True)
            raise

    # --- drafts of guided entries --------------------------------------------------------------

    def save_draft(
        self, answers: dict[str, Any], steps_done: int, *, replacing: int | None = None
    ) -> int:
        import json

        with self.transaction() as conn:
            if replacing is not None:
                conn.execute("DELETE FROM drafts WHERE id = ?", [replacing])
            return conn.execute(
                "INSERT INTO drafts (answers, steps_done, created_at) VALUES (?, ?, ?)",
                [json.dumps(answers, ensure_ascii=False), steps_done, utc_now()],
            ).lastrowid  # type: ignore[return-value]

    @reading
    def latest_draft(self) -> tuple[int, dict[str, Any], int, str] | None:
        """The newest draft as (id, answers, steps done, when it was saved), or None."""
        drafts = self.list_drafts(limit=1)
        return drafts[0] if drafts else None

    @reading
    def list_drafts(self, *, limit: int = -1) -> list[tuple[int, dict[str, Any], int, str]]:
        """Every draft, newest first, as latest_draft gives one."""
        import json

        rows = self.conn.execute(
            "SELECT id, answers, steps_done, created_at FROM drafts ORDER BY id DESC LIMIT ?",
            [limit],
        )
        return [(row[0], json.loads(row[1]), row[2], row[3]) for row in rows]

    @reading
    def get_draft(self, draft_id: int) -> tuple[int, dict[str, Any], int, str]:
        import json

        row = (
            fits_sqlite(draft_id)
            and self.conn.execute(
                "SELECT id, answers, steps_done, created_at FROM drafts WHERE id = ?", [draft_id]
            ).fetchone()
        )
        if not row:
            raise NotFound(kind="draft", item_id=draft_id)
        return (row[0], json.loads(row[1]), row[2], row[3])

    def discard_draft(self, draft_id: int) -> None:
        with self.transaction() as conn:
            found = fits_sqlite(draft_id) and conn.execute(
                "DELETE FROM drafts WHERE id = ?", [draft_id]
            )
            if not found or found.rowcount != 1:
                raise NotFound(kind="draft", item_id=draft_id)

    # --- report -------------------------------------------------------------------------------

    @reading
    def experiments_done_between(self, since: datetime, until: datetime) -> list[Experiment]:
        """Experiments marked done from since (included) to until (excluded), oldest first."""
        # done_at keeps the offset it was written with, so its text sorts by time only within one
        # offset: SQL narrows to the days around the span (no offset is more than 14 hours from
        # UTC), and the exact moments are compared here.
        nearby = self._select_experiments(
            "e.deleted_at IS NULL AND e.status = 'done'"
            " AND e.done_at >= date(?, '-2 days') AND e.done_at < date(?, '+3 days')",
            [dates.to_utc_text(since), dates.to_utc_text(until)],
        )
        done = [(dates.local(dates.from_text(e.done_at)), e.id, e) for e in nearby]  # type: ignore[arg-type]
        return [experiment for moment, _, experiment in sorted(done) if since <= moment < until]

    # --- experiments --------------------------------------------------------------------------

    def add_experiment(self, experiment: Experiment) -> int:
        stamp(experiment, utc_now())
        with self.transaction() as conn:
            if experiment.record_id is not None:
                self._require(conn, "record", experiment.record_id)
            if experiment.belief_id is not None:
                self._require(conn, "belief", experiment.belief_id)
            if experiment.script_id is not None:
                self._require(conn, "script", experiment.script_id)
            experiment.id = insert_experiment(conn, experiment)
        assert experiment.id is not None
        return experiment.id

    def update_experiment(self, experiment: Experiment) -> None:
        assert experiment.id is not None
        experiment.updated_at = utc_now()
        with self.transaction() as conn:
            self._require(conn, "experiment", experiment.id)
            if experiment.record_id is not None:
                self._require(conn, "record", experiment.record_id)
            if experiment.belief_id is not None:
                # A belief moved to the trash keeps its steps; a new link is checked by the caller.
                self._require(conn, "belief", experiment.belief_id, in_trash=None)
            if experiment.script_id is not None:  # the same for a script in the trash
                self._require(conn, "script", experiment.script_id, in_trash=None)
            conn.execute(UPDATE_EXPERIMENT, [*experiment_values(experiment), experiment.id])

    def trash_experiment(self, experiment_id: int) -> None:
        with self.transaction() as conn:
            self._move(conn, "experiment", experiment_id, to_trash=True)

    def restore_experiment(self, experiment_id: int) -> None:
        with self.transaction() as conn:
            self._move(conn, "experiment", experiment_id, to_trash=False)

    def purge_experiment(self, experiment_id: int) -> None:
        with self.transaction() as conn:
            self._require(conn, "experiment", experiment_id, in_trash=None)
            conn.execute("DELETE FROM experiments WHERE id = ?", [experiment_id])

    @reading
    def get_experiment(self, experiment_id: int, *, include_trash: bool = False) -> Experiment:
        found = fits_sqlite(experiment_id) and self._select_experiments("e.id = ?", [experiment_id])
        if not found:
            raise NotFound(kind="experiment", item_id=experiment_id)
        if not include_trash:
            _check_trash("experiment", experiment_id, found[0].deleted_at, in_trash=False)
        return found[0]

    @reading
    def experiments_testing(self, belief_id: int) -> list[Experiment]:
        """The steps outside the trash that tested a belief, in the order they were written:
        one query, however many there are."""
        return self._select_experiments("e.belief_id = ? AND e.deleted_at IS NULL", [belief_id])

    @reading
    def list_experiments(self, filters: ExperimentFilter | None = None) -> list[Experiment]:
        """Experiments newest plan first; the ladder orders pending steps from easiest to hardest."""
        filters = filters or ExperimentFilter()
        where, params = filters.where()
        order = (
            "e.expected_distress IS NULL, e.expected_distress, e.planned_utc, e.id"
            if filters.ladder
            else "coalesce(e.planned_utc, e.created_at) DESC, e.id DESC"
        )
        return self._select_experiments(where, params, order, filters.limit)

    def _select_experiments(
        self, where: str, params: list[Any], order: str = "e.id", limit: int | None = None
    ) -> list[Experiment]:
        sql = (
            f"SELECT {', '.join('e.' + c for c in EXPERIMENT_COLUMNS)}, e.id, r.uuid"
            f" FROM experiments e LEFT JOIN records r ON r.id = e.record_id WHERE {where} ORDER BY {order}"
        )
        if limit:
            sql += f" LIMIT {sqlite_limit(limit)}"
        return [experiment_from_row(row) for row in self.conn.execute(sql, params)]


# The table of each kind of item a person keeps.
TABLES = {
    "record": "records",
    "experiment": "experiments",
    "belief": "beliefs",
    "script": "scripts",
}


def _check_trash(kind: str, item_id: int, deleted_at: str | None, *, in_trash: bool) -> None:
    """Raise NotFound when the item is in the trash and in_trash is False, or the other way round."""
    if in_trash and deleted_at is None:
        raise NotFound(kind=kind, item_id=item_id, problem=NotFound.NOT_IN_TRASH)
    if not in_trash and deleted_at is not None:
        raise NotFound(kind=kind, item_id=item_id, problem=NotFound.IN_TRASH)
