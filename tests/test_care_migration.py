"""m007_care stands on its own: it upgrades a journal whether or not another migration comes
before it, in either order of arrival."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from thoughtlog.storage import files, open_journal, schema


def m006_elsewhere(db) -> None:  # stands in for a migration another change adds before m007_care
    db.execute("CREATE TABLE elsewhere (id INTEGER PRIMARY KEY)")


def _use(monkeypatch: pytest.MonkeyPatch, migrations: tuple) -> None:
    names = tuple(m.__name__ for m in migrations)
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    monkeypatch.setattr(files, "MIGRATION_NAMES", names)


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


# The migrations as shipped, before any test stands another in.
SHIPPED = schema.MIGRATIONS


def _without(name: str) -> tuple:
    return tuple(m for m in SHIPPED if m.__name__ != name)


def test_care_tables_come_to_a_journal_made_before_them(monkeypatch, journal_path):
    _use(monkeypatch, _without("m007_care"))
    open_journal(journal_path).close()
    assert "checkins" not in _tables(journal_path)
    monkeypatch.undo()
    with open_journal(journal_path) as opened:
        assert opened.list_checkins() == []
    assert {"checkins", "safety_plan", "calm_sessions"} <= _tables(journal_path)


def test_a_migration_added_before_care_still_applies_to_a_journal_that_has_care(
    monkeypatch, journal_path
):
    open_journal(journal_path).close()  # has m007_care, no m006
    ordered = (*_without("m007_care"), m006_elsewhere, schema.m007_care)
    _use(monkeypatch, ordered)
    open_journal(journal_path).close()
    assert {"elsewhere", "checkins"} <= _tables(journal_path)


def test_care_applies_after_a_migration_that_came_first(monkeypatch, journal_path):
    _use(monkeypatch, (*_without("m007_care"), m006_elsewhere))
    open_journal(journal_path).close()
    _use(monkeypatch, (*_without("m007_care"), m006_elsewhere, schema.m007_care))
    open_journal(journal_path).close()
    assert {"elsewhere", "checkins"} <= _tables(journal_path)
