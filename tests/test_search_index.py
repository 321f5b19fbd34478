"""Search finds beliefs and scripts through full-text indexes kept in step with every change: what
it finds is always what the texts hold, whatever was edited, moved to the trash, brought back,
removed for good or merged by an import, and a journal made before the indexes finds them too."""

from __future__ import annotations

import contextlib
import json
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thoughtlog import beliefs, output
from thoughtlog.beliefs import Belief, BeliefEvidence
from thoughtlog.errors import NotFound
from thoughtlog.scripts import Script
from thoughtlog.storage import beliefs as belief_store
from thoughtlog.storage import files, open_journal, schema
from thoughtlog.storage import scripts as script_store
from thoughtlog.storage.filters import HIGHLIGHT_END, HIGHLIGHT_START
from thoughtlog.storage.found import search_kinds

# Words no other of them stems to or from, so that a whole-word check is what FTS5 finds.
WORDS = ("apple", "river", "cloud", "stone", "lamp", "violin")
SCRIPT_PARTS = ("with_", "situation", "describe", "express", "specify", "consequences")
LATER = "2099-01-01T00:00:00+00:00"  # an import's version newer than anything saved


def _found(journal, word: str) -> set[tuple[str, int]]:
    found = search_kinds(journal, word, limit=10_000)
    for hit in found:  # the passage quoted is one that holds the word, marked
        assert f"{HIGHLIGHT_START}{word}{HIGHLIGHT_END}" in hit.snippet.lower()
    return {(hit.kind, hit.item.id) for hit in found}


def _holding(journal, word: str) -> set[tuple[str, int]]:
    """The items outside the trash whose texts hold word, by a plain look at every text."""
    held = set()
    for belief in belief_store.list_beliefs(journal):
        whole = belief_store.get_belief(journal, belief.id)
        texts = [whole.text, whole.new_text, *(e.text for e in whole.evidence)]
        if any(word in (text or "").split() for text in texts):
            held.add(("belief", belief.id))
    for script in script_store.list_scripts(journal):
        if any(word in (getattr(script, part) or "").split() for part in SCRIPT_PARTS):
            held.add(("script", script.id))
    return held


def _assert_search_is_exact(journal) -> None:
    for word in WORDS:
        assert _found(journal, word) == _holding(journal, word), word


# --- a journal made before the indexes ----------------------------------------------------------


def _use(monkeypatch: pytest.MonkeyPatch, migrations: tuple) -> None:
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    monkeypatch.setattr(files, "MIGRATION_NAMES", tuple(m.__name__ for m in migrations))


@pytest.mark.plain_journal("opens the journal with an older set of migrations")
def test_a_journal_made_before_the_search_indexes_finds_its_beliefs_and_scripts(
    monkeypatch, journal_path: Path
):
    before = tuple(m for m in schema.MIGRATIONS if m.__name__ != "m011_search_beyond_records")
    _use(monkeypatch, before)
    with open_journal(journal_path) as old:
        kept = belief_store.add_belief(old, beliefs.new_belief("The river will flood"))
        belief_store.add_evidence(old, kept, BeliefEvidence(LATER, "A calm violin lesson"))
        trashed = belief_store.add_belief(old, beliefs.new_belief("The river is cold"))
        belief_store.move_belief(old, trashed, to_trash=True)
        script = script_store.add_script(old, Script(describe="The lamp stays on", with_="Sam"))
        assert "beliefs_fts" not in {
            name for (name,) in old.conn.execute("SELECT name FROM sqlite_master")
        }
    monkeypatch.undo()
    with open_journal(journal_path) as upgraded:
        assert _found(upgraded, "river") == {("belief", kept)}
        assert _found(upgraded, "violin") == {("belief", kept)}
        assert _found(upgraded, "lamp") == {("script", script)}
        assert _found(upgraded, "sam") == {("script", script)}
        belief_store.move_belief(upgraded, trashed, to_trash=False)  # restored: found again
        assert _found(upgraded, "river") == {("belief", kept), ("belief", trashed)}
        _assert_search_is_exact(upgraded)


# --- every change keeps search exact ------------------------------------------------------------

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
which = st.integers(min_value=0, max_value=50)  # picks among the items saved so far

OPERATIONS = st.one_of(
    st.tuples(st.just("add belief"), texts, st.none() | texts),
    st.tuples(st.just("edit belief"), which, texts, st.none() | texts),
    st.tuples(st.just("evidence"), which, texts),
    st.tuples(st.just("trash or restore belief"), which),
    st.tuples(st.just("purge belief"), which),
    st.tuples(st.just("import belief"), which, st.booleans(), texts, st.lists(texts, max_size=2)),
    st.tuples(st.just("add script"), texts, st.sampled_from(SCRIPT_PARTS), texts),
    st.tuples(st.just("edit script"), which, st.sampled_from(SCRIPT_PARTS), st.none() | texts),
    st.tuples(st.just("trash or restore script"), which),
    st.tuples(st.just("purge script"), which),
    st.tuples(st.just("import script"), which, st.booleans(), texts),
)


def _pick(journal, table: str, n: int) -> int | None:
    ids = [row[0] for row in journal.conn.execute(f"SELECT id FROM {table} ORDER BY id")]
    return ids[n % len(ids)] if ids else None


def _apply(journal, operation: tuple) -> None:  # noqa: C901, PLR0912 -- one branch a change
    name, *args = operation
    kind = "belief" if "belief" in name or name == "evidence" else "script"
    item_id = _pick(journal, f"{kind}s", args[0]) if isinstance(args[0], int) else None
    if name == "add belief":
        belief_store.add_belief(journal, Belief(args[0], new_text=args[1]))
    elif name == "add script":
        text, part, more = args
        script = Script(describe=text)
        setattr(script, part, more if part != "describe" else f"{text} {more}")
        script_store.add_script(journal, script)
    elif item_id is None:
        return
    elif name == "edit belief":
        belief = belief_store.get_belief(journal, item_id, include_trash=True)
        belief.text, belief.new_text = args[1], args[2]
        belief_store.update_belief(journal, belief)
    elif name == "evidence":
        belief_store.add_evidence(journal, item_id, BeliefEvidence(LATER, args[1]))
    elif name.startswith("trash or restore"):
        move = belief_store.move_belief if kind == "belief" else script_store.move_script
        (deleted_at,) = journal.conn.execute(
            f"SELECT deleted_at FROM {kind}s WHERE id = ?", [item_id]
        ).fetchone()
        move(journal, item_id, to_trash=deleted_at is None)
    elif name.startswith("purge"):  # removed for good, its parts going with it
        with journal.transaction() as conn:
            conn.execute(f"DELETE FROM {kind}s WHERE id = ?", [item_id])
    elif name == "edit script":
        script = script_store.get_script(journal, item_id, include_trash=True)
        setattr(script, args[1], args[2])
        if not (script.describe or script.express or script.specify or script.consequences):
            script.describe = "stone"
        script_store.update_script(journal, script)
    elif name == "import belief":  # the same belief (by uuid) from another journal, or a new one
        _, same, text, lines = args
        (known,) = journal.conn.execute(
            "SELECT uuid FROM beliefs WHERE id = ?", [item_id]
        ).fetchone()
        evidence = [BeliefEvidence(LATER, line) for line in lines]
        belief = Belief(text, evidence=evidence, uuid=known if same else str(uuid.uuid4()))
        belief.created_at = belief.updated_at = LATER
        with journal.import_transaction():
            belief_store.merge_belief(journal, belief)
    elif name == "import script":
        _, same, text = args
        (known,) = journal.conn.execute(
            "SELECT uuid FROM scripts WHERE id = ?", [item_id]
        ).fetchone()
        script = Script(express=text, uuid=known if same else str(uuid.uuid4()))
        script.created_at = script.updated_at = LATER
        with journal.import_transaction():
            script_store.merge_script(journal, script)


@settings(
    max_examples=25,
    deadline=None,
    # The journal is kept from one example to the next on purpose: each example carries on
    # changing it, and what search finds must still match what it holds.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=8))
def test_search_finds_exactly_what_the_texts_hold_after_any_changes(journal, operations):
    for operation in operations:
        with contextlib.suppress(NotFound):  # an item in the trash can't be edited: unchanged
            _apply(journal, operation)
    _assert_search_is_exact(journal)


def test_a_belief_in_the_trash_is_not_found_by_its_evidence_until_restored(journal):
    belief_id = belief_store.add_belief(journal, beliefs.new_belief("People leave"))
    belief_store.add_evidence(journal, belief_id, BeliefEvidence(LATER, "Cloud watching"))
    belief_store.move_belief(journal, belief_id, to_trash=True)
    (known,) = journal.conn.execute("SELECT uuid FROM beliefs WHERE id = ?", [belief_id]).fetchone()
    imported = Belief(
        "People leave", evidence=[BeliefEvidence(LATER, "Stone skipping")], uuid=known
    )
    with journal.import_transaction():  # an import adds evidence to a belief in the trash
        belief_store.merge_belief(journal, imported)
    assert _found(journal, "cloud") == _found(journal, "stone") == set()
    belief_store.move_belief(journal, belief_id, to_trash=False)
    assert _found(journal, "cloud") == _found(journal, "stone") == {("belief", belief_id)}


def test_search_ranks_evidence_among_the_newest_lines_that_match_and_beliefs_by_their_words(
    journal, monkeypatch
):
    from thoughtlog.storage import found

    monkeypatch.setattr(found, "SEARCH_WINDOW", 3)
    by_words = belief_store.add_belief(journal, beliefs.new_belief("An apple a day"))
    old_line = belief_store.add_belief(journal, beliefs.new_belief("Nothing grows"))
    belief_store.add_evidence(journal, old_line, BeliefEvidence(LATER, "An apple tree"))
    newer = belief_store.add_belief(journal, beliefs.new_belief("I waste time"))
    for n in range(4):
        belief_store.add_evidence(journal, newer, BeliefEvidence(LATER, f"apple pie {n}"))
    # The old line is past the newest three that match; the belief's own words always count.
    ranked = search_kinds(journal, "apple", limit=3)
    assert {f.item.id for f in ranked} == {by_words, newer}
    # Asking for more than the window ranks as many lines as asked for.
    assert {f.item.id for f in search_kinds(journal, "apple", limit=5)} == {
        by_words,
        old_line,
        newer,
    }


def test_an_imported_journal_s_beliefs_and_scripts_are_found_in_the_one_it_merges_into(
    cli, tmp_path, monkeypatch
):
    belief = json.loads(cli("belief", "add", "The river rises", "--json").stdout)["id"]
    assert cli("belief", "evidence", str(belief), "A calm violin lesson").exit_code == 0
    assert cli("script", "add", "--describe", "The lamp flickers", "--json").exit_code == 0
    exported = tmp_path / "journal.json"
    assert cli("export", "--format", "json", "-o", str(exported)).exit_code == 0
    monkeypatch.setenv("THOUGHTLOG_DB", str(tmp_path / "other" / "journal.db"))
    imported = cli("import", str(exported))
    assert imported.exit_code == 0, imported.stderr
    found = json.loads(cli("search", "violin", "--in", "all", "--json").stdout)
    assert [b["text"] for b in found["beliefs"]] == ["The river rises"]
    found = json.loads(cli("search", "flickering", "--in", "all", "--json").stdout)
    assert [s["describe"] for s in found["scripts"]] == ["The lamp flickers"]


def test_search_at_a_glance_names_the_same_beliefs_and_scripts_as_read_whole(journal):
    belief_id = belief_store.add_belief(journal, Belief("The cloud stays", new_text="lamp light"))
    belief_store.add_evidence(journal, belief_id, BeliefEvidence(LATER, "A cloud passed"))
    script_store.add_script(journal, Script(describe="The cloud", situation="At the lamp"))
    for word in ("cloud", "lamp"):
        whole = search_kinds(journal, word)
        glance = search_kinds(journal, word, whole=False)
        assert [(f.kind, f.item.id, f.snippet) for f in glance] == [
            (f.kind, f.item.id, f.snippet) for f in whole
        ]
        assert [output.FOUND_HEADINGS[f.kind](f.item) for f in glance] == [
            output.FOUND_HEADINGS[f.kind](f.item) for f in whole
        ]
