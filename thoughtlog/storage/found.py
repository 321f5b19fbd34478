"""Search beyond records: beliefs, scripts (and any other kind of text added to KINDS), found with FTS5.

Records have their own full-text index, kept in step by triggers (schema m004). The other kinds
are few beside them (a person holds a handful of beliefs, with a few lines of evidence a week), so
rather than a migration and triggers for each, their texts are indexed afresh for each search, in
a private in-memory FTS5 table with the same tokenizer as the records' index: the same query
syntax, the same stemming, the same marked snippets, and nothing written anywhere, not even to a
temporary file. Adding a kind is one SearchKind in KINDS.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from thoughtlog.storage.files import reading
from thoughtlog.storage.filters import HIGHLIGHT_END, HIGHLIGHT_START
from thoughtlog.storage.rows import sqlite_limit

if TYPE_CHECKING:
    from thoughtlog.storage.journal import Journal


@dataclass(frozen=True)
class SearchKind:
    """One kind of item search finds besides records.

    kind names it (singular, as its own commands do: "belief"); rows is the SQL that reads the
    texts of every item out of the trash, its id first and then one text per column (an item may
    have several rows, one per part; NULL where a row has nothing for a column); load reads the
    found items whole, in the order of the ids given.
    """

    kind: str
    columns: tuple[str, ...]
    rows: str
    load: Callable[[Journal, list[int]], list[Any]]


@dataclass(frozen=True)
class Found:
    """An item of another kind that matched, with its best passage marked as a record hit's is."""

    kind: str
    item: Any
    snippet: str


def _load_beliefs(journal: Journal, ids: list[int]) -> list[Any]:
    from thoughtlog.storage.beliefs import get_belief

    return [get_belief(journal, belief_id) for belief_id in ids]


def _load_scripts(journal: Journal, ids: list[int]) -> list[Any]:
    from thoughtlog.storage.scripts import get_script

    return [get_script(journal, script_id) for script_id in ids]


KINDS: tuple[SearchKind, ...] = (
    SearchKind(
        "belief",
        ("text", "new_text", "evidence"),
        # A row for the belief and one for each line of evidence, so that a snippet quotes one
        # line rather than running two together.
        "SELECT id, text, new_text, NULL FROM beliefs WHERE deleted_at IS NULL"
        " UNION ALL"
        " SELECT e.belief_id, NULL, NULL, e.text FROM belief_evidence e"
        " JOIN beliefs b ON b.id = e.belief_id WHERE b.deleted_at IS NULL",
        _load_beliefs,
    ),
    SearchKind(
        "script",
        ("with_whom", "situation", "describe", "express", "specify", "consequences"),
        "SELECT id, with_whom, situation, describe, express, specify, consequences FROM scripts"
        " WHERE deleted_at IS NULL",
        _load_scripts,
    ),
)


@reading
def search_kinds(
    journal: Journal, query: str, *, limit: int = 20, kinds: Collection[str] | None = None
) -> list[Found]:
    """The items of every kind of KINDS (or of those named in kinds) that match query, best first
    within each kind, in KINDS' order."""
    found: list[Found] = []
    for kind in KINDS:
        if kinds is not None and kind.kind not in kinds:
            continue
        rows = journal.conn.execute(kind.rows).fetchall()
        if not rows:
            continue
        matches = _matches(kind, rows, query, sqlite_limit(limit))
        items = kind.load(journal, [item_id for item_id, _ in matches])
        found += [
            Found(kind.kind, item, snippet)
            for item, (_, snippet) in zip(items, matches, strict=True)
        ]
    return found


def _matches(kind: SearchKind, rows: list[tuple], query: str, limit: int) -> list[tuple[int, str]]:
    """(id, snippet) of the items that match, best first (by their best row), from a private
    in-memory index."""
    columns = ", ".join(kind.columns)
    index = sqlite3.connect(":memory:")
    try:
        index.execute(
            f"CREATE VIRTUAL TABLE found USING fts5 (item_id UNINDEXED, {columns},"
            " tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        marks = ", ".join("?" * (len(kind.columns) + 1))
        index.executemany(f"INSERT INTO found (item_id, {columns}) VALUES ({marks})", rows)
        sql = (
            "SELECT item_id, snippet(found, -1, ?1, ?2, '…', 16) FROM found"
            " WHERE found MATCH ?3 ORDER BY rank"
        )
        try:
            found = index.execute(sql, [HIGHLIGHT_START, HIGHLIGHT_END, query]).fetchall()
        except sqlite3.OperationalError:
            # Not valid FTS syntax: the plain words, as the records' search does.
            words = re.findall(r"\w+", query)
            plain = " ".join(f'"{word}"' for word in [w for w in words if len(w) > 1] or words)
            if not plain:
                return []
            found = index.execute(sql, [HIGHLIGHT_START, HIGHLIGHT_END, plain]).fetchall()
    finally:
        index.close()
    best: dict[int, str] = {}
    for item_id, snippet in found:
        best.setdefault(item_id, snippet)
    return list(best.items())[:limit]
