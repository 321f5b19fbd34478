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
from thoughtlog.errors import JournalError, NotFound
from thoughtlog.model import Emotion, Experiment, Record, Thought
from thoughtlog.storage.files import (
    _create_private_file,
    _read_only_uri,
    _writable,
    open_journal,
)
from thoughtlog.storage.filters import (
    _IN_LIST,
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SEARCH_WINDOW,
    ExperimentFilter,
    RecordFilter,
    SearchHit,
)
from thoughtlog.storage.rows import (
    _EXPERIMENT_COLUMNS,
    _RECORD_FIELDS,
    _UPDATE_EXPERIMENT,
    _ByRecord,
    _experiment_from_row,
    _experiment_values,
    _insert_experiment,
    _insert_parts,
    _insert_rows,
    _next_id,
    _record_values,
    _stamp,
    utc_now,
)
from thoughtlog.storage.schema import _migration_set


class Journal:
    """A thoughtlog journal: records, experiments and the catalogue, in one SQLite file."""

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
                _migration_set().apply(Database(self.conn))
        except sqlite3.OperationalError as error:
            raise self._write_error(error) from None

    def check_writable(self) -> None:
        """Raise the error a save would meet, before anyone writes a record that can't be saved."""
        if not _writable(self.path):
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
        except sqlite3.OperationalError as error:
            raise self._write_error(error) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError):
                raise self._write_error(error) from None
            raise

    # --- records: writing ---------------------------------------------------------------------

    def add_record(self, record: Record, *, finishing_draft: int | None = None) -> int:
        """Save a new record in one transaction and return its id (uuid and timestamps filled in).

        finishing_draft: the id of the draft this record completes, dropped in the same transaction.
        """
        _stamp(record, utc_now())
        with self.transaction() as conn:
            self._insert_records(conn, [record])
            if finishing_draft is not None:
                conn.execute("DELETE FROM drafts WHERE id = ?", [finishing_draft])
        return record.id

    @staticmethod
    def _insert_records(conn: sqlite3.Connection, records: Sequence[Record]) -> None:
        """Insert new records and their parts, many rows to a statement, setting their ids.

        The ids are assigned here, as SQLite would (one past the largest), so that a batch needs no
        statement per record; inside the write transaction no other writer can take them.
        """
        if not records:
            return
        next_id = _next_id(conn, "records")
        for record_id, record in enumerate(records, start=next_id):
            record.id = record_id
        _insert_rows(
            conn,
            "records",
            ("id", "uuid", *_RECORD_FIELDS, "deleted_at"),
            [(r.id, r.uuid, *_record_values(r), r.deleted_at) for r in records],
        )
        _insert_parts(conn, records)

    @staticmethod
    def _replace_records(conn: sqlite3.Connection, records: Sequence[Record]) -> None:
        """Overwrite saved records (matched by id) and all their parts with these versions."""
        if not records:
            return
        conn.executemany(
            f"UPDATE records SET {', '.join(f'{column} = ?' for column in _RECORD_FIELDS)} WHERE id = ?",
            [(*_record_values(record), record.id) for record in records],
        )
        ids = [(record.id,) for record in records]
        for table in (
            "emotions",
            "thoughts",
            "record_tags",
        ):  # thinking traps go with their thoughts
            conn.executemany(f"DELETE FROM {table} WHERE record_id = ?", ids)
        _insert_parts(conn, records)

    def update_record(self, record: Record) -> None:
        """Replace a saved record with this version of it, in one transaction."""
        assert record.id is not None
        record.updated_at = utc_now()
        with self.transaction() as conn:
            self._require_record(conn, record.id)
            self._replace_records(conn, [record])

    def _require_record(
        self, conn: sqlite3.Connection, record_id: int, *, trashed: bool = False
    ) -> None:
        row = conn.execute("SELECT deleted_at FROM records WHERE id = ?", [record_id]).fetchone()
        if row is None:
            raise NotFound(f"There is no record {record_id}. 'thoughtlog list' shows your records.")
        if trashed and row[0] is None:
            raise NotFound(
                f"Record {record_id} is not in the trash, so there is nothing to restore."
            )
        if not trashed and row[0] is not None:
            raise NotFound(
                f"Record {record_id} is in the trash. 'thoughtlog restore {record_id}' brings it back."
            )

    def trash_record(self, record_id: int) -> int:
        """Move a record to the trash; returns how many experiments still point at it."""
        with self.transaction() as conn:
            self._require_record(conn, record_id)
            conn.execute("UPDATE records SET deleted_at = ? WHERE id = ?", [utc_now(), record_id])
            return self._linked_experiments(conn, record_id)

    def restore_record(self, record_id: int) -> None:
        with self.transaction() as conn:
            self._require_record(conn, record_id, trashed=True)
            conn.execute("UPDATE records SET deleted_at = NULL WHERE id = ?", [record_id])

    def purge_record(self, record_id: int) -> int:
        """Remove a record for good; its experiments are kept, unlinked. Returns how many."""
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM records WHERE id = ?", [record_id]).fetchone() is None:
                raise NotFound(
                    f"There is no record {record_id}. 'thoughtlog list' shows your records."
                )
            linked = self._linked_experiments(conn, record_id)
            conn.execute("DELETE FROM records WHERE id = ?", [record_id])
            return linked

    @staticmethod
    def _linked_experiments(conn: sqlite3.Connection, record_id: int) -> int:
        return conn.execute(
            "SELECT count(*) FROM experiments WHERE record_id = ? AND deleted_at IS NULL",
            [record_id],
        ).fetchone()[0]

    # --- records: reading ---------------------------------------------------------------------

    def get_record(self, record_id: int, *, include_trash: bool = False) -> Record:
        records = self._load_records([record_id])
        if not records:
            raise NotFound(f"There is no record {record_id}. 'thoughtlog list' shows your records.")
        record = records[0]
        if record.deleted_at and not include_trash:
            raise NotFound(
                f"Record {record_id} is in the trash. 'thoughtlog restore {record_id}' brings it back."
            )
        return record

    def list_records(self, filters: RecordFilter | None = None) -> list[Record]:
        """Records newest first, narrowed by the filter."""
        filters = filters or RecordFilter()
        where, params = filters.where()
        sql = f"SELECT r.id FROM records r WHERE {where} ORDER BY r.occurred_utc DESC, r.id DESC"
        if filters.limit:
            sql += " LIMIT ?"
            params.append(filters.limit)
        return self._load_records([row[0] for row in self.conn.execute(sql, params)])

    def iter_records(self, filters: RecordFilter | None = None) -> Iterator[Record]:
        """Every matching record in the order they were written (by id), memory flat at any size.

        Each table is read once, in index order, alongside the records (see `_walk_records`).
        """
        filters = filters or RecordFilter()
        where, params = filters.where()
        # Everything (an export of the whole journal): read the tables of parts whole, which is
        # quicker than picking each record's parts out of them.
        return self._walk_records(where, params, all_parts=filters == RecordFilter())

    def count_records(self, filters: RecordFilter | None = None) -> int:
        where, params = (filters or RecordFilter()).where()
        return self.conn.execute(
            f"SELECT count(*) FROM records r WHERE {where}", params
        ).fetchone()[0]

    def _load_records(self, ids: list[int]) -> list[Record]:
        """Whole records for these ids, in the order given (ids not found are left out)."""
        found: dict[int, Record] = {}
        for start in range(0, len(ids), _IN_LIST):  # keep each IN list well below SQLite's limit
            chunk = ids[start : start + _IN_LIST]
            found.update(
                (r.id, r)
                for r in self._walk_records(f"r.id IN ({','.join('?' * len(chunk))})", chunk)
            )
        return [found[i] for i in ids if i in found]

    def _walk_records(
        self, where: str, params: list[Any], *, all_parts: bool = False
    ) -> Iterator[Record]:
        """The records the WHERE clause (on `records r`) picks, in id order, each with its parts.

        The records and each table of parts are read by one query apiece, all ordered by record
        id, and merged as they stream: no query per record, no table read twice, nothing kept.
        all_parts: read every part, not only the chosen records' (the merge skips the others).
        """
        chosen = "IS NOT NULL" if all_parts else f"IN (SELECT r.id FROM records r WHERE {where})"
        part_params = [] if all_parts else params
        emotions = _ByRecord(
            self.conn.execute(
                "SELECT record_id, name, intensity_before, intensity_after FROM emotions"
                f" WHERE record_id {chosen} ORDER BY record_id, position",
                part_params,
            )
        )
        thoughts = _ByRecord(
            self.conn.execute(
                "SELECT record_id, id, text, hot, belief_before, belief_after FROM thoughts"
                f" WHERE record_id {chosen} ORDER BY record_id, position",
                part_params,
            )
        )
        distortions = _ByRecord(
            self.conn.execute(
                "SELECT th.record_id, td.thought_id, td.distortion FROM thoughts th"
                " JOIN thought_distortions td ON td.thought_id = th.id JOIN distortions d ON d.slug = td.distortion"
                f" WHERE th.record_id {chosen} ORDER BY th.record_id, td.rowid",
                part_params,
            )
        )
        tags = _ByRecord(
            self.conn.execute(
                f"SELECT record_id, tag FROM record_tags WHERE record_id {chosen} ORDER BY record_id, rowid",
                part_params,
            )
        )
        for (
            record_id,
            uuid,
            occurred_at,
            situation,
            behaviour,
            evidence_for,
            evidence_against,
            reframe,
            reframe_belief,
            created_at,
            updated_at,
            deleted_at,
        ) in self.conn.execute(
            "SELECT r.id, r.uuid, r.occurred_at, r.situation, r.behaviour, r.evidence_for, r.evidence_against,"
            f" r.reframe, r.reframe_belief, r.created_at, r.updated_at, r.deleted_at FROM records r WHERE {where}"
            " ORDER BY r.id",
            params,
        ):
            by_id = {
                row[1]: Thought(row[2], row[4], row[5], bool(row[3]))
                for row in thoughts.take(record_id)
            }
            for _, thought_id, slug in distortions.take(record_id):
                by_id[thought_id].distortions.append(slug)
            yield Record(
                id=record_id,
                uuid=uuid,
                occurred_at=dates.from_text(occurred_at),
                situation=situation,
                behaviour=behaviour,
                evidence_for=evidence_for,
                evidence_against=evidence_against,
                reframe=reframe,
                reframe_belief=reframe_belief,
                created_at=created_at,
                updated_at=updated_at,
                deleted_at=deleted_at,
                emotions=[
                    Emotion(name, before, after)
                    for _, name, before, after in emotions.take(record_id)
                ],
                thoughts=list(by_id.values()),
                tags=[tag for _, tag in tags.take(record_id)],
            )

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over every text field, best matches first, with a marked snippet.

        The matches are ranked among the SEARCH_WINDOW newest records that match: ranking every
        match of a common word would cost more the longer the journal, and the cost must not grow.
        """
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
                sql, [HIGHLIGHT_START, HIGHLIGHT_END, query, limit, SEARCH_WINDOW]
            ).fetchall()
        except sqlite3.OperationalError:
            # Not valid FTS syntax (an apostrophe, a stray quote or a dash): search the plain words.
            found = re.findall(r"\w+", query)
            words = " ".join(f'"{word}"' for word in [w for w in found if len(w) > 1] or found)
            if not words:
                return []
            rows = self.conn.execute(
                sql, [HIGHLIGHT_START, HIGHLIGHT_END, words, limit, SEARCH_WINDOW]
            ).fetchall()
        records = {r.id: r for r in self._load_records([row[0] for row in rows])}
        return [SearchHit(records[row[0]], row[1]) for row in rows if row[0] in records]

    def known_tags(self) -> list[str]:
        return [
            row[0] for row in self.conn.execute("SELECT DISTINCT tag FROM record_tags ORDER BY tag")
        ]

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

    def records_by_uuid(self, uuids: Sequence[str]) -> dict[str, Record]:
        """The saved records (trash included) with these uuids, for an import to match against."""
        ids = self._ids_by_uuid("records", uuids)
        records = self._load_records(list(ids.values()))
        return {record.uuid: record for record in records}  # type: ignore[misc]

    def record_ids_by_uuid(self, uuids: Sequence[str]) -> dict[str, int]:
        """The ids of the records (trash included) with these uuids: how experiments find theirs."""
        return self._ids_by_uuid("records", uuids)

    def experiments_by_uuid(self, uuids: Sequence[str]) -> dict[str, Experiment]:
        ids = self._ids_by_uuid("experiments", uuids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        found = self._select_experiments(f"e.id IN ({marks})", list(ids.values()))
        return {experiment.uuid: experiment for experiment in found}  # type: ignore[misc]

    def _ids_by_uuid(self, table: str, uuids: Sequence[str]) -> dict[str, int]:
        unique = list(dict.fromkeys(uuids))
        found: dict[str, int] = {}
        # Keep each IN list well below SQLite's limit on bound parameters.
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT uuid, id FROM {table} WHERE uuid IN ({marks})"
            found.update(self.conn.execute(sql, chunk).fetchall())
        return found

    def insert_records(self, records: Sequence[Record]) -> None:
        """Save new records as they are (uuid and timestamps kept, filled in only when missing)."""
        assert self.conn.in_transaction, "insert_records runs inside a transaction"
        now = utc_now()
        for record in records:
            _stamp(record, now)
        self._insert_records(self.conn, records)

    def replace_records(self, records: Sequence[Record]) -> None:
        """Overwrite saved records (matched by id) with these versions, timestamps as given."""
        assert self.conn.in_transaction, "replace_records runs inside a transaction"
        self._replace_records(self.conn, records)

    def insert_experiments(self, experiments: Sequence[Experiment]) -> None:
        """Save new experiments as they are; record_id must already point at a saved record."""
        assert self.conn.in_transaction, "insert_experiments runs inside a transaction"
        now = utc_now()
        for experiment in experiments:
            _stamp(experiment, now)
            experiment.id = _insert_experiment(self.conn, experiment)

    def replace_experiments(self, experiments: Sequence[Experiment]) -> None:
        """Overwrite saved experiments (matched by id) with these versions, timestamps as given."""
        assert self.conn.in_transaction, "replace_experiments runs inside a transaction"
        self.conn.executemany(
            _UPDATE_EXPERIMENT,
            [[*_experiment_values(experiment), experiment.id] for experiment in experiments],
        )

    def iter_experiments(
        self, filters: RecordFilter | None = None, *, batch_size: int = 500
    ) -> Iterator[Experiment]:
        """Experiments (not in the trash) that go with an export of the records the filter picks.

        Unfiltered, that is every experiment. Filtered, it is the experiments linked to a chosen
        record, plus, when only dates narrow the export, the unlinked ones planned in that span.
        """
        filters = filters or RecordFilter()
        clauses, params = ["e.deleted_at IS NULL"], []
        by_content = bool(filters.tags or filters.distortions or filters.emotions)
        if by_content or filters.since or filters.until:
            where, record_params = filters.where()
            linked = f"e.record_id IN (SELECT r.id FROM records r WHERE {where})"
            params.extend(record_params)
            if by_content:
                clauses.append(linked)
            else:
                span = ["e.record_id IS NULL"]
                if filters.since:
                    span.append("coalesce(e.planned_utc, e.created_at) >= ?")
                    params.append(dates.to_utc_text(filters.since))
                if filters.until:
                    span.append("coalesce(e.planned_utc, e.created_at) < ?")
                    params.append(dates.to_utc_text(filters.until))
                clauses.append(f"({linked} OR ({' AND '.join(span)}))")
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
        found = [row[0] for row in self.conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        found += [
            f"{table} row {rowid} points to a missing row in {parent}"
            for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check")
        ]
        return found

    def backup(self, destination: Path) -> None:
        """A consistent copy through SQLite's online backup API, checked before it counts as done."""
        if destination.exists():
            raise JournalError(f"{destination} already exists; choose a new file for the backup.")
        _create_private_file(destination)
        try:
            copy = sqlite3.connect(destination)
            try:
                self.conn.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                copy.close()
            with open_journal(destination) as check:
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

    def latest_draft(self) -> tuple[int, dict[str, Any], int, str] | None:
        """The newest draft as (id, answers, steps done, when it was saved), or None."""
        import json

        row = self.conn.execute(
            "SELECT id, answers, steps_done, created_at FROM drafts ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return (row[0], json.loads(row[1]), row[2], row[3]) if row else None

    # --- report -------------------------------------------------------------------------------

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
        _stamp(experiment, utc_now())
        with self.transaction() as conn:
            if experiment.record_id is not None:
                self._require_record(conn, experiment.record_id)
            experiment.id = _insert_experiment(conn, experiment)
        assert experiment.id is not None
        return experiment.id

    def update_experiment(self, experiment: Experiment) -> None:
        assert experiment.id is not None
        experiment.updated_at = utc_now()
        with self.transaction() as conn:
            self._require_experiment(conn, experiment.id)
            if experiment.record_id is not None:
                self._require_record(conn, experiment.record_id)
            conn.execute(_UPDATE_EXPERIMENT, [*_experiment_values(experiment), experiment.id])

    def _require_experiment(
        self, conn: sqlite3.Connection, experiment_id: int, *, trashed: bool = False
    ) -> None:
        row = conn.execute(
            "SELECT deleted_at FROM experiments WHERE id = ?", [experiment_id]
        ).fetchone()
        if row is None:
            raise NotFound(
                f"There is no experiment {experiment_id}. 'thoughtlog experiment list' shows them."
            )
        if trashed and row[0] is None:
            raise NotFound(
                f"Experiment {experiment_id} is not in the trash, so there is nothing to restore."
            )
        if not trashed and row[0] is not None:
            raise NotFound(
                f"Experiment {experiment_id} is in the trash."
                f" 'thoughtlog experiment restore {experiment_id}' brings it back."
            )

    def trash_experiment(self, experiment_id: int) -> None:
        with self.transaction() as conn:
            self._require_experiment(conn, experiment_id)
            conn.execute(
                "UPDATE experiments SET deleted_at = ? WHERE id = ?", [utc_now(), experiment_id]
            )

    def restore_experiment(self, experiment_id: int) -> None:
        with self.transaction() as conn:
            self._require_experiment(conn, experiment_id, trashed=True)
            conn.execute("UPDATE experiments SET deleted_at = NULL WHERE id = ?", [experiment_id])

    def purge_experiment(self, experiment_id: int) -> None:
        with self.transaction() as conn:
            if (
                conn.execute("SELECT 1 FROM experiments WHERE id = ?", [experiment_id]).fetchone()
                is None
            ):
                raise NotFound(
                    f"There is no experiment {experiment_id}. 'thoughtlog experiment list' shows them."
                )
            conn.execute("DELETE FROM experiments WHERE id = ?", [experiment_id])

    def get_experiment(self, experiment_id: int, *, include_trash: bool = False) -> Experiment:
        rows = self._select_experiments("e.id = ?", [experiment_id])
        if not rows:
            raise NotFound(
                f"There is no experiment {experiment_id}. 'thoughtlog experiment list' shows them."
            )
        if rows[0].deleted_at and not include_trash:
            raise NotFound(
                f"Experiment {experiment_id} is in the trash."
                f" 'thoughtlog experiment restore {experiment_id}' brings it back."
            )
        return rows[0]

    def list_experiments(self, filters: ExperimentFilter | None = None) -> list[Experiment]:
        """Experiments newest plan first; the ladder orders pending steps from easiest to hardest."""
        filters = filters or ExperimentFilter()
        clauses, params = ["e.deleted_at IS NULL"], []
        if filters.ladder:
            filters.status = "planned"
        if filters.status:
            clauses.append("e.status = ?")
            params.append(filters.status)
        if filters.since:
            clauses.append("coalesce(e.planned_utc, e.created_at) >= ?")
            params.append(dates.to_utc_text(filters.since))
        if filters.until:
            clauses.append("coalesce(e.planned_utc, e.created_at) < ?")
            params.append(dates.to_utc_text(filters.until))
        if filters.record_id is not None:
            clauses.append("e.record_id = ?")
            params.append(filters.record_id)
        order = (
            "e.expected_distress IS NULL, e.expected_distress, e.planned_utc, e.id"
            if filters.ladder
            else "coalesce(e.planned_utc, e.created_at) DESC, e.id DESC"
        )
        return self._select_experiments(" AND ".join(clauses), params, order, filters.limit)

    def _select_experiments(
        self, where: str, params: list[Any], order: str = "e.id", limit: int | None = None
    ) -> list[Experiment]:
        sql = (
            f"SELECT {', '.join('e.' + c for c in _EXPERIMENT_COLUMNS)}, e.id, r.uuid"
            f" FROM experiments e LEFT JOIN records r ON r.id = e.record_id WHERE {where} ORDER BY {order}"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [_experiment_from_row(row) for row in self.conn.execute(sql, params)]

    # --- completion ---------------------------------------------------------------------------
    # Shell completion asks these on every <TAB> (thoughtlog/commands/completion.py). It opens the
    # journal with `open_read_only`, which never creates, upgrades or writes a file, and gets plain
    # values back, so it needn't build records.

    @classmethod
    def open_read_only(cls, path: str | os.PathLike[str]) -> Journal | None:
        """The journal at path opened read-only (as `_read_only_uri` says), or None when there is
        no file there."""
        path = Path(path)
        if not path.is_file():
            return None
        return cls(sqlite3.connect(_read_only_uri(path), uri=True, timeout=0.25), path)

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
