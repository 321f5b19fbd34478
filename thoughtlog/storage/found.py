"""Search beyond records: beliefs, scripts (and any other kind of text added to KINDS), found with FTS5.

Each kind has its own full-text index, as records have theirs, kept in step by triggers (schema
m011) and holding only the items outside the trash: the same tokenizer as the records' index, so
the same query syntax, the same stemming and the same marked snippets. A search reads the index,
and ranks the matches among the newest that match, as the records' search does, so that it costs
no more the longer the journal. Adding a kind is a migration that makes its index (schema's
_kept_out_of_the_trash makes one for a table whose rows are the items) and one SearchKind in KINDS.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from thoughtlog.storage import engine
from thoughtlog.storage.files import reading
from thoughtlog.storage.filters import HIGHLIGHT_END, HIGHLIGHT_START, SEARCH_WINDOW
from thoughtlog.storage.rows import sqlite_limit

if TYPE_CHECKING:
    from thoughtlog.storage.journal import Journal


# NamedTuples rather than dataclasses: this module is imported by every search, and a frozen
# dataclass costs a millisecond or more to define.
class SearchKind(NamedTuple):
    """One kind of item search finds besides records.

    kind names it (singular, as its own commands do: "belief"); index is its FTS5 table, whose
    item_id column names the item each row belongs to (an item may have several rows, one per
    part); load reads the found items whole, in the order of the ids given, and glance (when the
    whole is more than a glance needs) only their own fields, enough to name them. Rows from
    rowid 0 up are ranked among the newest that match (a script; a line of a belief's evidence);
    rows below 0, an item's own words beside its many parts (a belief's), are few and always
    ranked.
    """

    kind: str
    index: str
    load: Callable[[Journal, list[int]], list[Any]]
    glance: Callable[[Journal, list[int]], list[Any]] | None = None


class Found(NamedTuple):
    """An item of another kind that matched, with its best passage marked as a record hit's is."""

    kind: str
    item: Any
    snippet: str


def _load_beliefs(journal: Journal, ids: list[int]) -> list[Any]:
    from thoughtlog.storage.beliefs import get_belief

    return [get_belief(journal, belief_id) for belief_id in ids]


class Glance(NamedTuple):
    """A belief as a search names it on screen: its id and its own words. A belief whole holds
    every record linked to it, which may be one record in ten; and thoughtlog.beliefs, whose
    dataclasses cost a millisecond or two to define, isn't imported for a line."""

    id: int
    text: str
    new_text: str | None


def _glance_beliefs(journal: Journal, ids: list[int]) -> list[Any]:
    found = []
    for belief_id in ids:
        text, new_text = journal.conn.execute(
            "SELECT text, new_text FROM beliefs WHERE id = ?", [belief_id]
        ).fetchone()
        found.append(Glance(belief_id, text, new_text))
    return found


def _load_scripts(journal: Journal, ids: list[int]) -> list[Any]:
    from thoughtlog.storage.scripts import get_script

    return [get_script(journal, script_id) for script_id in ids]


KINDS: tuple[SearchKind, ...] = (
    # A belief's index has a row for its own words and one for each line of its evidence, so that
    # a snippet quotes one line rather than running two together.
    SearchKind("belief", "beliefs_fts", _load_beliefs, _glance_beliefs),
    SearchKind("script", "scripts_fts", _load_scripts),
)


@reading
def search_kinds(
    journal: Journal,
    query: str,
    *,
    limit: int = 20,
    kinds: Collection[str] | None = None,
    whole: bool = True,
) -> list[Found]:
    """The items of every kind of KINDS (or of those named in kinds) that match query, best first
    within each kind (by the best of their rows), in KINDS' order: each read whole, or with
    whole=False only as much as names it (its own fields, without its parts or links)."""
    found: list[Found] = []
    for kind in KINDS:
        if kinds is not None and kind.kind not in kinds:
            continue
        matches = _matches(journal.conn, kind.index, query, sqlite_limit(limit))
        if not matches:
            continue  # nothing to load, nor any module of that kind to import
        load = kind.load if whole or kind.glance is None else kind.glance
        items = load(journal, [item_id for item_id, _ in matches])
        found += [
            Found(kind.kind, item, snippet)
            for item, (_, snippet) in zip(items, matches, strict=True)
        ]
    return found


def _matches(conn: sqlite3.Connection, index: str, query: str, limit: int) -> list[tuple[int, str]]:
    """(id, snippet) of the first limit items whose rows in index match, best first by their
    best row, with the snippet of that row."""
    window = max(SEARCH_WINDOW, limit)
    try:
        ranked = _ranked(conn, index, query, window)
    except engine.OperationalError:
        # Not valid FTS syntax: the plain words, as the records' search does.
        words = re.findall(r"\w+", query)
        query = " ".join(f'"{word}"' for word in [w for w in words if len(w) > 1] or words)
        if not query:
            return []
        ranked = _ranked(conn, index, query, window)
    best: dict[int, int] = {}  # item id: the rowid of its best row
    for rowid, item_id, _ in ranked:
        best.setdefault(item_id, rowid)
        if len(best) == limit:
            break
    snippet = (
        f"SELECT snippet({index}, -1, ?1, ?2, '…', 16) FROM {index}"
        f" WHERE {index} MATCH ?3 AND rowid = ?4"
    )
    return [
        (
            item_id,
            conn.execute(snippet, [HIGHLIGHT_START, HIGHLIGHT_END, query, rowid]).fetchone()[0],
        )
        for item_id, rowid in best.items()
    ]


def _ranked(
    conn: sqlite3.Connection, index: str, query: str, window: int
) -> Iterable[tuple[int, int, float]]:
    """(rowid, item id, rank) of the rows of index that match query, best first, read as they are
    needed. Raises OperationalError at once when query is not valid FTS syntax.

    The rows ranked are, as the records' search ranks them, the newest window that match (by
    rowid), so that a search costs no more the longer the journal; and besides them every
    matching row below rowid 0, an item's own words (a belief's, beside its lines of evidence),
    which are few, so that an item is always found by its own words.
    """
    match = f"FROM {index} WHERE {index} MATCH ?1"
    return conn.execute(
        f"SELECT rowid, item_id, rank {match} AND rowid < 0"
        f" UNION ALL SELECT rowid, item_id, rank {match} AND rowid >= ("
        f"  SELECT min(rowid) FROM (SELECT rowid {match} AND rowid >= 0"
        f"   ORDER BY rowid DESC LIMIT ?2)"
        " ) ORDER BY 3",
        [query, window],
    )
