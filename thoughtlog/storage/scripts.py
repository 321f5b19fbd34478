"""Assertive scripts in the journal: the scripts, their rehearsals, and the steps that used them."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from thoughtlog import dates
from thoughtlog.errors import NotFound
from thoughtlog.model import Experiment
from thoughtlog.scripts import Rehearsal, Script
from thoughtlog.storage.beliefs import _instant, _item_row, _reads, require_belief
from thoughtlog.storage.rows import stamp, utc_now

if TYPE_CHECKING:
    from thoughtlog.storage.journal import Journal

_FIELDS = ("with_whom", "situation", "describe", "express", "specify", "consequences", "belief_id")
_SCRIPT = f"SELECT id, uuid, {', '.join(_FIELDS)}, created_at, updated_at, deleted_at FROM scripts"


def _values(script: Script) -> list[Any]:
    return [
        script.with_,
        script.situation,
        script.describe,
        script.express,
        script.specify,
        script.consequences,
        script.belief_id,
    ]


def require_script(conn: sqlite3.Connection, script_id: int) -> None:
    """Raise NotFound unless the script is saved and out of the trash."""
    from thoughtlog.storage.journal import Journal

    Journal._require(conn, "script", script_id)


def add_script(journal: Journal, script: Script) -> int:
    stamp(script, utc_now())  # type: ignore[arg-type]
    with journal.transaction() as conn:
        if script.belief_id is not None:
            require_belief(conn, script.belief_id)
        script.id = conn.execute(
            f"INSERT INTO scripts (uuid, {', '.join(_FIELDS)}, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [script.uuid, *_values(script), script.created_at, script.updated_at],
        ).lastrowid
    assert script.id is not None
    return script.id


def update_script(journal: Journal, script: Script, *, new_belief: bool = False) -> None:
    """Save a script's words and link; a belief newly linked must be out of the trash."""
    script.updated_at = utc_now()
    with journal.transaction() as conn:
        require_script(conn, script.id)  # type: ignore[arg-type]
        if new_belief and script.belief_id is not None:
            require_belief(conn, script.belief_id)
        conn.execute(
            f"UPDATE scripts SET {', '.join(f + ' = ?' for f in _FIELDS)}, updated_at = ?"
            " WHERE id = ?",
            [*_values(script), script.updated_at, script.id],
        )


def rehearse(journal: Journal, script_id: int, rehearsal: Rehearsal) -> None:
    with journal.transaction() as conn:
        require_script(conn, script_id)
        _insert_rehearsal(conn, script_id, rehearsal)
        conn.execute("UPDATE scripts SET updated_at = ? WHERE id = ?", [utc_now(), script_id])


def _insert_rehearsal(conn: sqlite3.Connection, script_id: int, rehearsal: Rehearsal) -> None:
    if not rehearsal.uuid:
        import uuid

        rehearsal.uuid = str(uuid.uuid4())
    conn.execute(
        "INSERT INTO rehearsals (uuid, script_id, at, at_utc, with_whom, before, after, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            rehearsal.uuid,
            script_id,
            rehearsal.at,
            dates.to_utc_text(dates.from_text(rehearsal.at)),
            rehearsal.with_,
            rehearsal.before,
            rehearsal.after,
            rehearsal.note,
        ],
    )


def move_script(journal: Journal, script_id: int, *, to_trash: bool) -> None:
    with journal.transaction() as conn:
        journal._move(conn, "script", script_id, to_trash=to_trash)


@_reads
def get_script(journal: Journal, script_id: int, *, include_trash: bool = False) -> Script:
    row = _item_row(journal, "script", _SCRIPT, script_id, include_trash=include_trash)
    return _whole(journal.conn, row)


@_reads
def list_scripts(journal: Journal, *, trash: bool = False) -> list[Script]:
    """Scripts newest first, each with its rehearsals."""
    where = "deleted_at IS NOT NULL" if trash else "deleted_at IS NULL"
    rows = journal.conn.execute(f"{_SCRIPT} WHERE {where} ORDER BY id DESC").fetchall()
    return [_whole(journal.conn, row) for row in rows]


def _whole(conn: sqlite3.Connection, row: Sequence[Any]) -> Script:
    """A script from its row of _SCRIPT, with its rehearsals and the steps that used it."""
    script_id = row[0]
    return Script(
        id=script_id,
        uuid=row[1],
        with_=row[2],
        situation=row[3],
        describe=row[4],
        express=row[5],
        specify=row[6],
        consequences=row[7],
        belief_id=row[8],
        created_at=row[9],
        updated_at=row[10],
        deleted_at=row[11],
        rehearsals=[
            Rehearsal(at, with_whom, before, after, note, uuid)
            for at, with_whom, before, after, note, uuid in conn.execute(
                "SELECT at, with_whom, before, after, note, uuid FROM rehearsals"
                " WHERE script_id = ? ORDER BY at_utc, id",
                [script_id],
            )
        ],
        experiment_ids=[
            r[0]
            for r in conn.execute(
                "SELECT id FROM experiments WHERE script_id = ? AND deleted_at IS NULL ORDER BY id",
                [script_id],
            )
        ],
    )


def check_experiment_link(journal: Journal, experiment: Experiment) -> None:
    """A step may newly name only a script that is saved and out of the trash."""
    if experiment.script_id is not None:
        require_script(journal.conn, experiment.script_id)


@_reads
def script_title(journal: Journal, script_id: int) -> str | None:
    """The few words that name a script, for a step that used it (None when it is gone)."""
    try:
        return get_script(journal, script_id, include_trash=True).title
    except NotFound:
        return None


# --- export and import ----------------------------------------------------------------------------


@_reads
def scripts_for_export(journal: Journal) -> list[Script]:
    """Every script outside the trash, linked to its belief and steps by their uuids."""
    found = list_scripts(journal)
    conn = journal.conn
    for script in found:
        if script.belief_id is not None:
            row = conn.execute("SELECT uuid FROM beliefs WHERE id = ?", [script.belief_id])
            script.belief_uuid = (row.fetchone() or [None])[0]
        script.experiment_uuids = [
            r[0]
            for r in conn.execute(
                "SELECT uuid FROM experiments WHERE script_id = ? ORDER BY id", [script.id]
            )
        ]
    return list(reversed(found))  # oldest first, as records and steps are written


def merge_script(journal: Journal, script: Script) -> str:
    """Merge an imported script by uuid, inside the import's transaction: "added", "updated" or
    "unchanged". Rehearsals are the union of both journals' (matched by uuid, or by the same
    moment and values); the words are the newer of the two."""
    assert journal.conn.in_transaction, "merge_script runs inside the import's transaction"
    conn = journal.conn
    if script.belief_uuid:
        row = conn.execute("SELECT id FROM beliefs WHERE uuid = ?", [script.belief_uuid]).fetchone()
        script.belief_id = row[0] if row else None
    found = (
        script.uuid
        and conn.execute(
            f"SELECT id, {', '.join(_FIELDS)}, updated_at FROM scripts WHERE uuid = ?",
            [script.uuid],
        ).fetchone()
    )
    outcome = "unchanged"
    if not found:
        stamp(script, utc_now())  # type: ignore[arg-type]
        script_id = conn.execute(
            f"INSERT INTO scripts (uuid, {', '.join(_FIELDS)}, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [script.uuid, *_values(script), script.created_at, script.updated_at],
        ).lastrowid
        outcome = "added"
    else:
        script_id = found[0]
        if script.belief_uuid is None:
            script.belief_id = found[-2]  # a link the file doesn't carry stays as it is
        if tuple(_values(script)) != tuple(found[1:-1]) and _instant(script.updated_at) > _instant(
            found[-1]
        ):
            conn.execute(
                f"UPDATE scripts SET {', '.join(f + ' = ?' for f in _FIELDS)}, updated_at = ?"
                " WHERE id = ?",
                [*_values(script), script.updated_at, script_id],
            )
            outcome = "updated"
    known_uuids = set()
    known_values = set()
    for uuid, at_utc, with_whom, before, after, note in conn.execute(
        "SELECT uuid, at_utc, with_whom, before, after, note FROM rehearsals WHERE script_id = ?",
        [script_id],
    ):
        known_uuids.add(uuid)
        known_values.add((at_utc, with_whom, before, after, note))
    for rehearsal in script.rehearsals:
        values = (
            dates.to_utc_text(dates.from_text(rehearsal.at)),
            rehearsal.with_,
            rehearsal.before,
            rehearsal.after,
            rehearsal.note,
        )
        if rehearsal.uuid in known_uuids or values in known_values:
            continue
        if (
            rehearsal.uuid
            and conn.execute("SELECT 1 FROM rehearsals WHERE uuid = ?", [rehearsal.uuid]).fetchone()
        ):
            rehearsal.uuid = None  # the same rehearsal can't belong to two scripts: a new one
        _insert_rehearsal(conn, script_id, rehearsal)
        known_values.add(values)
        outcome = "updated" if outcome == "unchanged" else outcome
    for experiment_uuid in script.experiment_uuids:
        conn.execute(
            "UPDATE experiments SET script_id = ? WHERE uuid = ?", [script_id, experiment_uuid]
        )
    return outcome
