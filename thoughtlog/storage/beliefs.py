"""Long-term beliefs in the journal: the beliefs, their dated ratings, their evidence and links."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from thoughtlog import dates
from thoughtlog.beliefs import Belief, BeliefEvidence, BeliefRating
from thoughtlog.errors import NotFound
from thoughtlog.model import Experiment
from thoughtlog.storage.rows import stamp, utc_now

if TYPE_CHECKING:
    from thoughtlog.storage.journal import Journal

F = TypeVar("F", bound=Callable[..., Any])


def _reads(query: F) -> F:
    """Damage met on the way is one calm JournalDamaged, as for the Journal's own reads."""
    from thoughtlog.storage.files import damage

    @functools.wraps(query)
    def read(journal: Journal, *args: Any, **options: Any) -> Any:
        try:
            return query(journal, *args, **options)
        except sqlite3.DatabaseError as error:
            raise damage(error, journal.path) from None

    return read  # type: ignore[return-value]


def require_belief(conn: sqlite3.Connection, belief_id: int) -> None:
    """Raise NotFound unless the belief is saved and out of the trash."""
    from thoughtlog.storage.journal import Journal

    Journal._require(conn, "belief", belief_id)


def add_belief(journal: Journal, belief: Belief) -> int:
    stamp(belief, utc_now())  # type: ignore[arg-type]
    with journal.transaction() as conn:
        belief.id = conn.execute(
            "INSERT INTO beliefs (uuid, text, new_text, created_at, updated_at, deleted_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [belief.uuid, belief.text, belief.new_text, belief.created_at, belief.updated_at, None],
        ).lastrowid
        for rating in belief.ratings:
            _insert_rating(conn, belief.id, rating)  # type: ignore[arg-type]
    assert belief.id is not None
    return belief.id


def update_belief(journal: Journal, belief: Belief) -> None:
    belief.updated_at = utc_now()
    with journal.transaction() as conn:
        require_belief(conn, belief.id)  # type: ignore[arg-type]
        conn.execute(
            "UPDATE beliefs SET text = ?, new_text = ?, updated_at = ? WHERE id = ?",
            [belief.text, belief.new_text, belief.updated_at, belief.id],
        )


def rate_belief(journal: Journal, belief_id: int, rating: BeliefRating) -> None:
    with journal.transaction() as conn:
        require_belief(conn, belief_id)
        _insert_rating(conn, belief_id, rating)
        conn.execute("UPDATE beliefs SET updated_at = ? WHERE id = ?", [utc_now(), belief_id])


def add_evidence(journal: Journal, belief_id: int, evidence: BeliefEvidence) -> None:
    with journal.transaction() as conn:
        require_belief(conn, belief_id)
        conn.execute(
            "INSERT INTO belief_evidence (belief_id, at, at_utc, text, experiment_id)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                belief_id,
                evidence.at,
                dates.to_utc_text(dates.from_text(evidence.at)),
                evidence.text,
                evidence.experiment_id,
            ],
        )
        conn.execute("UPDATE beliefs SET updated_at = ? WHERE id = ?", [utc_now(), belief_id])


def _insert_rating(conn: sqlite3.Connection, belief_id: int, rating: BeliefRating) -> None:
    conn.execute(
        "INSERT INTO belief_ratings (belief_id, at, at_utc, old, new) VALUES (?, ?, ?, ?, ?)",
        [
            belief_id,
            rating.at,
            dates.to_utc_text(dates.from_text(rating.at)),
            rating.old,
            rating.new,
        ],
    )


def move_belief(journal: Journal, belief_id: int, *, to_trash: bool) -> None:
    with journal.transaction() as conn:
        journal._move(conn, "belief", belief_id, to_trash=to_trash)


def link_record(journal: Journal, record_id: int, belief_id: int) -> None:
    """Link a record to a belief (a record tests at most one: a new link replaces the old)."""
    with journal.transaction() as conn:
        require_belief(conn, belief_id)
        journal._require(conn, "record", record_id, in_trash=None)
        conn.execute(
            "INSERT OR REPLACE INTO record_beliefs (record_id, belief_id) VALUES (?, ?)",
            [record_id, belief_id],
        )


_BELIEF = "SELECT id, uuid, text, new_text, created_at, updated_at, deleted_at FROM beliefs"


def _item_row(
    journal: Journal, kind: str, select: str, item_id: int, *, include_trash: bool
) -> Sequence[Any]:
    """The row select (its last column deleted_at) reads for one belief or script: NotFound when
    there is none, or when it is in the trash and include_trash is False."""
    from thoughtlog.storage.journal import _check_trash
    from thoughtlog.storage.rows import fits_sqlite

    row = None
    if fits_sqlite(item_id):
        row = journal.conn.execute(f"{select} WHERE id = ?", [item_id]).fetchone()
    if row is None:
        raise NotFound(kind=kind, item_id=item_id)
    if not include_trash:
        _check_trash(kind, item_id, row[-1], in_trash=False)
    return row


@_reads
def get_belief(journal: Journal, belief_id: int, *, include_trash: bool = False) -> Belief:
    row = _item_row(journal, "belief", _BELIEF, belief_id, include_trash=include_trash)
    return _whole(journal.conn, row)


@_reads
def list_beliefs(journal: Journal, *, trash: bool = False) -> list[Belief]:
    """Beliefs newest first, each with its ratings (for the latest and the sparkline)."""
    where = "deleted_at IS NOT NULL" if trash else "deleted_at IS NULL"
    rows = journal.conn.execute(f"{_BELIEF} WHERE {where} ORDER BY id DESC").fetchall()
    return [_whole(journal.conn, row) for row in rows]


def _whole(conn: sqlite3.Connection, row: Sequence[Any]) -> Belief:
    belief_id = row[0]
    return Belief(
        id=belief_id,
        uuid=row[1],
        text=row[2],
        new_text=row[3],
        created_at=row[4],
        updated_at=row[5],
        deleted_at=row[6],
        ratings=[
            BeliefRating(at, old, new)
            for at, old, new in conn.execute(
                "SELECT at, old, new FROM belief_ratings WHERE belief_id = ? ORDER BY at_utc, id",
                [belief_id],
            )
        ],
        evidence=[
            BeliefEvidence(at, text, experiment_id)
            for at, text, experiment_id in conn.execute(
                "SELECT at, text, experiment_id FROM belief_evidence WHERE belief_id = ?"
                " ORDER BY at_utc, id",
                [belief_id],
            )
        ],
        record_ids=[
            r[0]
            for r in conn.execute(
                "SELECT l.record_id FROM record_beliefs l JOIN records r ON r.id = l.record_id"
                " WHERE l.belief_id = ? AND r.deleted_at IS NULL ORDER BY r.occurred_utc",
                [belief_id],
            )
        ],
        experiment_ids=[
            r[0]
            for r in conn.execute(
                "SELECT id FROM experiments WHERE belief_id = ? AND deleted_at IS NULL ORDER BY id",
                [belief_id],
            )
        ],
    )


# A script's title (Script.title) as SQL over scripts s: its situation, or who it is for, or its
# first part written (a part never written, or blank, is NULL: see text_or_none).
SCRIPT_TITLE = (
    "coalesce(s.situation, 'With ' || s.with_whom, s.describe, s.express, s.specify,"
    " s.consequences)"
)


@_reads
def scripts_against(journal: Journal, belief_id: int) -> list[tuple[int, str]]:
    """(id, title) of the scripts outside the trash that work against a belief, oldest first:
    named in SQL, so that `belief show` needn't load the scripts' module at all."""
    return journal.conn.execute(
        f"SELECT s.id, {SCRIPT_TITLE} FROM scripts s"
        " WHERE s.belief_id = ? AND s.deleted_at IS NULL ORDER BY s.id",
        [belief_id],
    ).fetchall()


@_reads
def evidence_offers(journal: Journal, belief_id: int) -> list[tuple[int, str, str | None, str]]:
    """Done steps linked to the belief whose feared reaction did not come and that aren't in its
    evidence yet: (id, plan, outcome, done_at), oldest first."""
    # Imported here: `belief show` has no need of the report's figures.
    from thoughtlog.storage.step_figures import FEARED_CAME

    return journal.conn.execute(
        "SELECT e.id, e.plan, e.outcome, e.done_at FROM experiments e"
        f" WHERE e.belief_id = ? AND e.deleted_at IS NULL AND e.status = 'done'"
        f" AND {FEARED_CAME} = 0 AND NOT EXISTS (SELECT 1 FROM belief_evidence v"
        " WHERE v.belief_id = e.belief_id AND v.experiment_id = e.id)"
        " ORDER BY e.done_at, e.id",
        [belief_id],
    ).fetchall()


def check_experiment_link(journal: Journal, experiment: Experiment) -> None:
    """A step may link only to a belief that is saved and out of the trash."""
    if experiment.belief_id is not None:
        require_belief(journal.conn, experiment.belief_id)


# --- export and import ----------------------------------------------------------------------------


@_reads
def beliefs_for_export(journal: Journal) -> list[Belief]:
    """Every belief outside the trash, linked to its records and steps by their uuids."""
    found = list_beliefs(journal)
    conn = journal.conn
    for belief in found:
        belief.record_uuids = [
            r[0]
            for r in conn.execute(
                "SELECT r.uuid FROM record_beliefs l JOIN records r ON r.id = l.record_id"
                " WHERE l.belief_id = ? ORDER BY r.id",
                [belief.id],
            )
        ]
        belief.experiment_uuids = [
            r[0]
            for r in conn.execute(
                "SELECT uuid FROM experiments WHERE belief_id = ? ORDER BY id", [belief.id]
            )
        ]
    return list(reversed(found))  # oldest first, as records and steps are written


def _instant(text: str | None) -> datetime:
    if not text:
        return datetime.min.replace(tzinfo=UTC)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def merge_belief(journal: Journal, belief: Belief) -> str:
    """Merge an imported belief by uuid, inside the import's transaction: "added", "updated" or
    "unchanged". Ratings and evidence are the union of both journals' (the same moment and
    values, or words, count once); the words are the newer of the two."""
    assert journal.conn.in_transaction, "merge_belief runs inside the import's transaction"
    conn = journal.conn
    row = (
        belief.uuid
        and conn.execute(
            "SELECT id, text, new_text, updated_at FROM beliefs WHERE uuid = ?", [belief.uuid]
        ).fetchone()
    )
    outcome = "unchanged"
    if not row:
        stamp(belief, utc_now())  # type: ignore[arg-type]
        belief_id = conn.execute(
            "INSERT INTO beliefs (uuid, text, new_text, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [belief.uuid, belief.text, belief.new_text, belief.created_at, belief.updated_at],
        ).lastrowid
        outcome = "added"
    else:
        belief_id = row[0]
        if (belief.text, belief.new_text) != (row[1], row[2]) and _instant(
            belief.updated_at
        ) > _instant(row[3]):
            conn.execute(
                "UPDATE beliefs SET text = ?, new_text = ?, updated_at = ? WHERE id = ?",
                [belief.text, belief.new_text, belief.updated_at, belief_id],
            )
            outcome = "updated"
    rated = {
        (at_utc, old, new)
        for at_utc, old, new in conn.execute(
            "SELECT at_utc, old, new FROM belief_ratings WHERE belief_id = ?", [belief_id]
        )
    }
    for rating in belief.ratings:
        key = (dates.to_utc_text(dates.from_text(rating.at)), rating.old, rating.new)
        if key not in rated:
            _insert_rating(conn, belief_id, rating)
            rated.add(key)
            outcome = "updated" if outcome == "unchanged" else outcome
    known = {
        (at_utc, text)
        for at_utc, text in conn.execute(
            "SELECT at_utc, text FROM belief_evidence WHERE belief_id = ?", [belief_id]
        )
    }
    for found in belief.evidence:
        at_utc = dates.to_utc_text(dates.from_text(found.at))
        if (at_utc, found.text) not in known:
            conn.execute(
                "INSERT INTO belief_evidence (belief_id, at, at_utc, text) VALUES (?, ?, ?, ?)",
                [belief_id, found.at, at_utc, found.text],
            )
            known.add((at_utc, found.text))
            outcome = "updated" if outcome == "unchanged" else outcome
    for record_uuid in belief.record_uuids:
        conn.execute(
            "INSERT OR REPLACE INTO record_beliefs (record_id, belief_id)"
            " SELECT id, ? FROM records WHERE uuid = ?",
            [belief_id, record_uuid],
        )
    for experiment_uuid in belief.experiment_uuids:
        conn.execute(
            "UPDATE experiments SET belief_id = ? WHERE uuid = ?", [belief_id, experiment_uuid]
        )
    return outcome
