"""Packaging, where the journal lives, and the journal file itself: schema, migrations, pragmas, privacy."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from sqlite_utils import Database

from thoughtlog import __version__, entry, storage
from thoughtlog.entry import ExperimentInput, RecordInput
from thoughtlog.model import Emotion, Record
from thoughtlog.storage import open_journal

# The migrations this version ships; issue 2 and issue 3 brought the first two.
ALL_MIGRATIONS = list(storage.MIGRATION_NAMES)


def test_the_first_migrations_are_thought_records_then_experiments():
    assert ALL_MIGRATIONS[:2] == ["m001_thought_records", "m002_experiments"]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _migrations(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT migration_set, name, applied_at FROM _sqlite_migrations ORDER BY id"
        ).fetchall()


# --- packaging ----------------------------------------------------------------------------------


def test_python_m_thoughtlog_version_prints_the_version(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "thoughtlog", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "THOUGHTLOG_DB": str(tmp_path / "j.db")},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"thoughtlog {__version__}"
    assert not (tmp_path / "j.db").exists()


def test_version_option_prints_the_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"thoughtlog {__version__}"


def test_thoughtlog_console_script_points_at_the_launcher():
    scripts = [e for e in entry_points(group="console_scripts") if e.name == "thoughtlog"]
    assert len(scripts) == 1
    assert scripts[0].value == "thoughtlog.launch:main"
    from thoughtlog.launch import main

    assert scripts[0].load() is main


# --- where the journal lives --------------------------------------------------------------------


def test_default_journal_is_in_xdg_data_home(cli, monkeypatch, tmp_path):
    monkeypatch.delenv("THOUGHTLOG_DB")
    expected = tmp_path / "xdg" / "thoughtlog" / "journal.db"
    result = cli("path")
    assert result.exit_code == 0
    assert result.stdout.strip() == str(expected)
    assert cli("add", "-s", "First entry").exit_code == 0
    assert expected.exists()
    with open_journal(expected) as opened:
        assert [r.situation for r in opened.list_records()] == ["First entry"]


def test_default_journal_without_xdg_data_home_is_under_local_share(cli, monkeypatch, tmp_path):
    monkeypatch.delenv("THOUGHTLOG_DB")
    monkeypatch.delenv("XDG_DATA_HOME")
    result = cli("path")
    assert result.stdout.strip() == str(
        tmp_path / "home" / ".local" / "share" / "thoughtlog" / "journal.db"
    )


def test_thoughtlog_db_overrides_the_default(cli, journal_path, tmp_path):
    result = cli("path")
    assert result.stdout.strip() == str(journal_path)
    cli("add", "-s", "Into THOUGHTLOG_DB")
    assert journal_path.exists()
    assert not (tmp_path / "xdg" / "thoughtlog").exists()


def test_db_option_overrides_thoughtlog_db_and_the_default(cli, journal_path, tmp_path):
    chosen = tmp_path / "elsewhere" / "mine.db"
    assert cli("--db", str(chosen), "path").stdout.strip() == str(chosen)
    assert cli("--db", str(chosen), "add", "-s", "Into --db").exit_code == 0
    assert chosen.exists()
    assert not journal_path.exists()
    assert not (tmp_path / "xdg" / "thoughtlog").exists()


def test_path_does_not_create_the_journal(cli, journal_path, monkeypatch, tmp_path):
    cli("path")
    assert not journal_path.exists()
    assert not journal_path.parent.exists()
    monkeypatch.delenv("THOUGHTLOG_DB")
    cli("path")
    assert not (tmp_path / "xdg").exists()


# --- schema and migrations ----------------------------------------------------------------------


def test_opening_a_new_journal_applies_every_migration(journal, journal_path):
    assert [(s, n) for s, n, _ in _migrations(journal_path)] == [
        ("thoughtlog", n) for n in ALL_MIGRATIONS
    ]
    tables = {
        r[0] for r in journal.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    assert {
        "records",
        "emotions",
        "thoughts",
        "thought_distortions",
        "record_tags",
        "distortions",
        "records_fts",
        "experiments",
    } <= tables


def test_the_catalogue_is_stored_in_the_journal(journal):
    from thoughtlog.distortions import CATALOGUE

    rows = journal.conn.execute("SELECT slug, name FROM distortions ORDER BY slug").fetchall()
    assert rows == sorted((d.slug, d.name) for d in CATALOGUE)


def test_reopening_a_journal_applies_nothing_twice(journal_path):
    open_journal(journal_path).close()
    first = _migrations(journal_path)
    open_journal(journal_path).close()
    open_journal(journal_path).close()
    assert _migrations(journal_path) == first
    assert len(first) == len(ALL_MIGRATIONS)


def _old_journal(path: Path) -> None:
    """A journal written by the version that had only the first migration, with one record in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    storage._migration_set().apply(db, stop_before="m002_experiments")
    db.execute(
        "INSERT INTO records (id, uuid, occurred_at, occurred_utc, situation, reframe, created_at, updated_at)"
        " VALUES (1, 'uuid-1', '2026-11-16T10:00:00+00:00', '2026-11-16T10:00:00Z', 'Team meeting, I stayed quiet',"
        " NULL, '2026-11-16T10:05:00+00:00', '2026-11-16T10:05:00+00:00')"
    )
    db.execute(
        "INSERT INTO emotions (record_id, position, name, intensity_before) VALUES (1, 0, 'anxious', 80)"
    )
    db.execute(
        "INSERT INTO thoughts (record_id, position, text, hot) VALUES (1, 0, 'My boss will reprimand me', 1)"
    )
    db.execute(
        "INSERT INTO records_fts (rowid, situation, thoughts)"
        " VALUES (1, 'Team meeting, I stayed quiet', 'My boss will reprimand me')"
    )
    db.conn.commit()
    db.close()


def test_a_journal_from_the_first_version_is_upgraded_and_keeps_its_data(journal_path):
    _old_journal(journal_path)
    assert [n for _, n, _ in _migrations(journal_path)] == ["m001_thought_records"]
    with open_journal(journal_path) as opened:
        record = opened.get_record(1)
        assert record.situation == "Team meeting, I stayed quiet"
        assert [(e.name, e.before) for e in record.emotions] == [("anxious", 80)]
        assert [h.record.id for h in opened.search("meeting")] == [1]
        assert [h.record.id for h in opened.search("reprimand")] == [
            1
        ]  # the thoughts were carried over
        experiment_id = opened.add_experiment(
            entry.new_experiment(
                ExperimentInput(belief="My boss will reprimand me", plan="Speak once", record_id=1)
            )
        )
        assert opened.get_experiment(experiment_id).record_id == 1
    assert [n for _, n, _ in _migrations(journal_path)] == ALL_MIGRATIONS


def test_the_cli_upgrades_an_old_journal_on_first_use(cli, journal_path):
    _old_journal(journal_path)
    result = cli("list")
    assert result.exit_code == 0
    assert "Team meeting, I stayed quiet" in result.stdout
    assert [n for _, n, _ in _migrations(journal_path)] == ALL_MIGRATIONS


def test_sqlite_utils_and_datasette_find_the_full_text_search(journal, journal_path):
    journal.add_record(
        entry.new_record(
            RecordInput(situation="Team meeting", thoughts=["My boss will reprimand me"])
        )
    )
    journal.add_record(entry.new_record(RecordInput(situation="Dinner with my sister")))
    journal.close()
    db = Database(journal_path)
    assert db["records"].detect_fts() == "records_fts"
    assert [row["situation"] for row in db["records"].search("reprimand")] == ["Team meeting"]
    # Datasette's query for a table's search box
    rows = db.execute(
        "SELECT situation FROM records WHERE rowid IN"
        " (SELECT rowid FROM records_fts WHERE records_fts MATCH 'sister')"
    ).fetchall()
    assert rows == [("Dinner with my sister",)]
    db.close()


def test_search_follows_edits_trash_and_purge(journal):
    record_id = journal.add_record(
        entry.new_record(RecordInput(situation="Team meeting", thoughts=["They'll laugh"]))
    )
    record = journal.get_record(record_id)
    record.thoughts[0].text = "My boss will reprimand me"
    journal.update_record(record)
    assert [h.record.id for h in journal.search("reprimand")] == [record_id]
    assert journal.search("laugh") == []
    journal.trash_record(record_id)
    assert journal.search("reprimand") == []
    journal.restore_record(record_id)
    assert [h.record.id for h in journal.search("reprimand")] == [record_id]
    journal.purge_record(record_id)
    assert journal.search("reprimand") == []
    assert journal.problems() == []


# --- connection settings and privacy ------------------------------------------------------------


def test_foreign_keys_are_enforced(journal):
    assert journal.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_journal_uses_wal_mode(journal, journal_path):
    assert journal.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with sqlite3.connect(journal_path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_journal_waits_for_a_busy_writer(journal):
    assert journal.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_new_journal_file_is_readable_by_the_owner_alone(journal, journal_path):
    assert _mode(journal_path) == 0o600


def test_new_journal_folder_is_private(journal, journal_path):
    assert _mode(journal_path.parent) == 0o700


def test_wal_files_are_private_too(journal, journal_path):
    journal.add_record(entry.new_record(RecordInput(situation="Something private")))
    for suffix in ("-wal", "-shm"):
        side = journal_path.with_name(journal_path.name + suffix)
        assert side.exists(), side  # the journal is open in WAL mode
        assert _mode(side) & 0o077 == 0, side


def test_every_folder_created_for_the_journal_is_private(cli, tmp_path):
    deep = tmp_path / "a" / "b" / "c" / "journal.db"
    assert cli("--db", str(deep), "add", "-s", "Deep").exit_code == 0
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert _mode(folder) == 0o700, folder
    assert _mode(deep) == 0o600


# --- writes -------------------------------------------------------------------------------------


def test_a_write_that_fails_part_way_leaves_nothing_behind(journal):
    record = Record(situation="Half written", occurred_at=entry.dates.now_local())
    record.emotions = [Emotion("anxious", 80), Emotion("angry", 140)]  # the second breaks a CHECK
    with pytest.raises(sqlite3.IntegrityError):
        journal.add_record(record)
    for table in ("records", "emotions", "records_fts"):
        assert journal.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert not journal.conn.in_transaction


def test_several_writers_at_once_all_succeed(journal, journal_path):
    errors: list[BaseException] = []

    def write(number: int) -> None:
        try:
            with open_journal(journal_path) as own:
                for i in range(10):
                    own.add_record(
                        entry.new_record(RecordInput(situation=f"writer {number} entry {i}"))
                    )
        except BaseException as error:  # pragma: no cover - shown by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert journal.count_records() == 40


def test_purging_a_record_keeps_its_experiment_unlinked(journal):
    record_id = journal.add_record(
        entry.new_record(RecordInput(situation="Meeting", thoughts=["They'll judge me"]))
    )
    experiment_id = journal.add_experiment(
        entry.new_experiment(
            ExperimentInput(belief="They'll judge me", plan="Speak once", record_id=record_id)
        )
    )
    assert journal.purge_record(record_id) == 1
    experiment = journal.get_experiment(experiment_id)
    assert experiment.record_id is None
    assert experiment.belief == "They'll judge me"
    for table in ("emotions", "thoughts", "record_tags", "records_fts"):
        column = "rowid" if table == "records_fts" else "record_id"
        assert (
            journal.conn.execute(
                f"SELECT count(*) FROM {table} WHERE {column} = ?", [record_id]
            ).fetchone()[0]
            == 0
        )


def test_a_record_reads_back_as_it_was_saved(journal):
    given = RecordInput(
        situation="Team meeting",
        when="2026-11-16 10:00",
        emotions=["anxious=80", "ashamed=40"],
        emotions_after=["anxious=45"],
        thoughts=["Boss will punish me", "I'm difficult"],
        belief="85",
        belief_after="40",
        distortions=["fortune-telling", "mind-reading"],
        behaviour="Stayed quiet",
        evidence_for="She frowned",
        evidence_against="She asked for views",
        reframe="Disagreeing is normal",
        reframe_belief="60",
        tags=["work", "Boss"],
    )
    record = entry.new_record(given)
    record_id = journal.add_record(record)
    loaded = journal.get_record(record_id)
    assert loaded.to_dict() == record.to_dict()
    assert loaded.uuid and loaded.created_at and loaded.updated_at


def test_search_ranks_best_first_among_the_newest_matches(journal, monkeypatch):
    strong = journal.add_record(
        entry.new_record(
            RecordInput(situation="boss boss boss", thoughts=["The boss, again the boss"])
        )
    )
    weak = [
        journal.add_record(
            entry.new_record(RecordInput(situation=f"A long day at work, {n} calls, then the boss"))
        )
        for n in range(4)
    ]
    assert [h.record.id for h in journal.search("boss")][0] == strong
    # A common word in a long journal: only the newest matches are ranked, so the cost stays flat.
    monkeypatch.setattr(storage, "SEARCH_WINDOW", 3)
    assert sorted(h.record.id for h in journal.search("boss")) == weak[-3:]


def _plans_of_everyday_queries(journal) -> list[str]:
    """EXPLAIN QUERY PLAN of every SELECT that the everyday reads run, as a person runs them."""
    from thoughtlog.report import build_report, choose_span
    from thoughtlog.storage import ExperimentFilter, RecordFilter

    statements: list[str] = []
    journal.conn.set_trace_callback(statements.append)
    journal.list_records(RecordFilter(limit=20))
    journal.get_record(1)
    journal.search("meeting")
    journal.list_experiments(ExperimentFilter(status="planned"))
    build_report(journal, choose_span(week="this"))
    journal.conn.set_trace_callback(None)
    plans = []
    for sql in statements:
        if sql.lstrip().upper().startswith("SELECT"):
            plans += [
                f"{row[3]}  <-  {sql[:90]}"
                for row in journal.conn.execute("EXPLAIN QUERY PLAN " + sql)
            ]
    return plans


def test_everyday_reads_use_indexes_not_whole_tables(journal):
    for n in range(30):
        record_id = journal.add_record(
            entry.new_record(
                RecordInput(situation=f"Team meeting {n}", thoughts=["My boss will reprimand me"])
            )
        )
        experiment = entry.new_experiment(
            ExperimentInput(belief="They'll judge me", plan="Speak once", record_id=record_id)
        )
        journal.add_experiment(experiment)
        if n % 2:
            journal.update_experiment(
                entry.complete_experiment(
                    experiment, ExperimentInput(outcome="Fine", came_true="no")
                )
            )
    plans = _plans_of_everyday_queries(journal)
    assert plans
    # A full-text MATCH shows as "SCAN records_fts VIRTUAL TABLE INDEX": it reads the index. The
    # catalogue of thirteen thinking traps (d) may be read whole; the journal's own tables may not.
    whole_tables = [
        plan
        for plan in plans
        if plan.startswith("SCAN")
        and not any(word in plan.split("<-")[0] for word in ("USING", "VIRTUAL TABLE"))
    ]
    assert [plan for plan in whole_tables if not plan.startswith("SCAN d ")] == []
