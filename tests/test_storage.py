"""Packaging, where the journal lives, and the journal file itself: schema, migrations, pragmas, privacy."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import threading
from datetime import datetime
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


def test_thoughtlog_console_script_starts_the_cli(monkeypatch):
    scripts = [e for e in entry_points(group="console_scripts") if e.name == "thoughtlog"]
    assert len(scripts) == 1
    assert scripts[0].value == "thoughtlog.launch:main"
    import thoughtlog.cli

    ran = []
    monkeypatch.setattr(thoughtlog.cli, "main", lambda: ran.append(True))
    scripts[0].load()()
    assert ran == [True]


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
    storage.schema.migration_set().apply(db, stop_before="m002_experiments")
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
    monkeypatch.setattr(storage.journal, "SEARCH_WINDOW", 3)
    ranked = [h.record.id for h in journal.search("boss", limit=2)]
    assert len(ranked) == 2 and set(ranked) <= set(weak[-3:])  # the strong, old match isn't seen
    # Asking for more than the window ranks as many as were asked for: every match here.
    assert sorted(h.record.id for h in journal.search("boss", limit=10)) == sorted([strong, *weak])


def test_search_asked_for_more_than_the_window_shows_every_match(cli, journal, monkeypatch):
    with journal.import_transaction():
        journal.insert_records(
            [
                entry.new_record(RecordInput(situation=f"Meeting {n} with my boss"))
                for n in range(30)
            ]
        )
    monkeypatch.setattr(storage.journal, "SEARCH_WINDOW", 10)
    everything = cli("search", "boss", "--limit", "5000", "--json")
    assert len(json.loads(everything.stdout)) == 30
    assert everything.stderr == ""
    some = cli("search", "boss", "--limit", "25")
    assert some.stdout.count("with my boss") == 25
    assert some.stderr == "Showing the best 25 records; use --limit to see more.\n"
    assert (
        len(json.loads(cli("search", "boss", "-n", "99999999999999999999", "--json").stdout)) == 30
    )


def test_search_help_says_how_matches_are_ranked_and_limited(cli):
    from thoughtlog.storage import SEARCH_WINDOW

    shown = " ".join(cli("search", "--help").stdout.split())
    assert f"newest {SEARCH_WINDOW:,} records that match" in shown
    assert "--limit 5000" in shown


def _plans_of_everyday_queries(journal) -> list[str]:
    """EXPLAIN QUERY PLAN of every SELECT that the everyday reads run, as a person runs them."""
    from thoughtlog.progress import build_progress, progress_span
    from thoughtlog.report import build_report, choose_span
    from thoughtlog.session import Privacy, build_session, session_span
    from thoughtlog.storage import ExperimentFilter, RecordFilter
    from thoughtlog.storage import agenda as agenda_store
    from thoughtlog.storage import beliefs as belief_store
    from thoughtlog.storage import due as due_store
    from thoughtlog.storage import scripts as script_store
    from thoughtlog.storage.found import search_kinds

    statements: list[str] = []
    journal.conn.set_trace_callback(statements.append)
    journal.list_records(RecordFilter(limit=20))
    journal.get_record(1)
    journal.search("meeting")
    journal.search("meeting", limit=5000)
    journal.list_experiments(ExperimentFilter(status="planned"))
    journal.list_experiments(ExperimentFilter(ladder=True))
    journal.list_experiments(ExperimentFilter(record_id=1))
    journal.get_experiment(1)
    belief_store.get_belief(journal, 1)  # belief show
    search_kinds(journal, "boss", whole=False)  # search: beliefs and scripts, on screen
    search_kinds(journal, "boss")  # and whole, for --json
    search_kinds(journal, "boss's")  # not FTS syntax: read again as plain words
    build_report(journal, choose_span(week="this"))
    belief_store.list_beliefs(journal)
    script_store.list_scripts(journal)  # script list
    script_store.get_script(journal, 1)  # script show
    belief_store.scripts_against(journal, 1)  # belief show
    journal.experiments_testing(1)
    agenda_store.list_items(journal)  # agenda list
    last = agenda_store.last_session(journal)
    build_session(journal, session_span(None, last.until if last else None), Privacy())
    build_progress(journal, progress_span())  # the last six months
    due_store._read(journal.conn, datetime.now().astimezone())  # due, at every prompt
    journal.conn.set_trace_callback(None)
    plans = []
    for sql in statements:
        if sql.lstrip().upper().startswith("SELECT"):
            plans += [
                f"{row[3]}  <-  {' '.join(sql.split())}"
                for row in journal.conn.execute("EXPLAIN QUERY PLAN " + sql)
            ]
    return plans


def _table_scanned(plan: str) -> str:
    """The table a "SCAN name" reads: name itself, or the table its query calls name."""
    name, sql = plan.split()[1], plan.split("<-", 1)[1]
    aliased = re.search(rf"(?:FROM|JOIN) (\w+) (?:AS )?{re.escape(name)}\b", sql)
    return aliased[1] if aliased else name


def test_everyday_reads_use_indexes_not_whole_tables(journal):
    from thoughtlog import beliefs
    from thoughtlog.scripts import Script
    from thoughtlog.storage import beliefs as belief_store
    from thoughtlog.storage import scripts as script_store

    belief_id = belief_store.add_belief(
        journal, beliefs.new_belief("If I disagree, I'll be punished", old_rating=80)
    )
    belief_store.add_evidence(journal, belief_id, beliefs.evidence("My boss thanked me"))
    script_store.add_script(journal, Script(describe="My boss moved the deadline", with_="boss"))
    for n in range(30):
        record_id = journal.add_record(
            entry.new_record(
                RecordInput(situation=f"Team meeting {n}", thoughts=["My boss will reprimand me"])
            )
        )
        experiment = entry.new_experiment(
            ExperimentInput(belief="They'll judge me", plan="Speak once", record_id=record_id)
        )
        experiment.belief_id = belief_id if n % 3 == 0 else None
        journal.add_experiment(experiment)
        if n % 5 == 0:
            belief_store.link_record(journal, record_id, belief_id)
        if n % 2:
            journal.update_experiment(
                entry.complete_experiment(
                    experiment, ExperimentInput(outcome="Fine", came_true="no")
                )
            )
    plans = _plans_of_everyday_queries(journal)
    assert plans
    # A full-text MATCH shows as "SCAN records_fts VIRTUAL TABLE INDEX": it reads the index, and
    # "SCAN (subquery-N)" reads a subquery's own result, whose plan is checked with the rest.
    # Read whole may be only what is the person's own short list, written by hand a few at a
    # time and listed whole by its command (beliefs, scripts, drafts), the catalogue of thirteen
    # thinking traps (d) and the schema (due asks which tables exist); nothing that grows with
    # the records, steps, ratings, rehearsals or check-ins.
    short_lists = ("beliefs", "scripts", "drafts", "distortions", "sqlite_master")
    whole_tables = [
        plan
        for plan in plans
        if plan.startswith("SCAN")
        and not any(word in plan.split("<-")[0] for word in ("USING", "VIRTUAL TABLE"))
        and not plan.startswith("SCAN (subquery-")
    ]
    assert [plan for plan in whole_tables if _table_scanned(plan) not in short_lists] == []
    # Beliefs and scripts are found through their own full-text indexes.
    for index in ("beliefs_fts", "scripts_fts"):
        assert any(plan.startswith(f"SCAN {index} VIRTUAL TABLE INDEX") for plan in plans), index


# --- one life for records and experiments, told as facts -------------------------------------


def _planned_step(journal, record_id=None):
    return journal.add_experiment(
        entry.new_experiment(
            ExperimentInput(belief="They'll judge me", plan="Speak once", record_id=record_id)
        )
    )


@pytest.mark.parametrize("kind", ["record", "experiment"])
def test_records_and_experiments_go_to_the_trash_and_back_alike(journal, kind):
    from thoughtlog.errors import NotFound

    if kind == "record":
        item_id = journal.add_record(entry.new_record(RecordInput(situation="Meeting")))
        trash, restore, get = journal.trash_record, journal.restore_record, journal.get_record
    else:
        item_id = _planned_step(journal)
        trash, restore = journal.trash_experiment, journal.restore_experiment
        get = journal.get_experiment
    with pytest.raises(NotFound) as not_in_trash:
        restore(item_id)
    trash(item_id)
    with pytest.raises(NotFound) as in_trash:
        get(item_id)
    with pytest.raises(NotFound) as trashed_twice:
        trash(item_id)
    assert get(item_id, include_trash=True).deleted_at
    restore(item_id)
    assert get(item_id).deleted_at is None
    facts = [(e.value.kind, e.value.item_id, e.value.problem) for e in (not_in_trash, in_trash)]
    assert facts == [
        (kind, item_id, NotFound.NOT_IN_TRASH),
        (kind, item_id, NotFound.IN_TRASH),
    ]
    assert trashed_twice.value.problem == NotFound.IN_TRASH


def test_the_storage_layer_names_no_command(journal):
    """The core says what happened; which command helps is the command layer's to say."""
    from thoughtlog.errors import NotFound

    record_id = journal.add_record(entry.new_record(RecordInput(situation="Meeting")))
    journal.trash_record(record_id)
    calls = [
        lambda: journal.get_record(99),
        lambda: journal.get_record(record_id),
        lambda: journal.restore_record(98),
        lambda: journal.purge_experiment(97),
        lambda: journal.get_experiment(96),
    ]
    for call in calls:
        with pytest.raises(NotFound) as raised:
            call()
        assert "thoughtlog" not in str(raised.value)
        assert "'" not in str(raised.value)


def test_the_command_layer_words_a_missing_item_with_the_command_that_helps(cli):
    assert cli("show", "7").stderr.strip() == (
        "Error: There is no record 7. 'thoughtlog list' shows your records."
    )
    assert cli("experiment", "show", "7").stderr.strip() == (
        "Error: There is no experiment 7. 'thoughtlog experiment list' shows your experiments."
    )


def test_listing_experiments_leaves_the_callers_filter_as_it_was(journal):
    from thoughtlog.storage import ExperimentFilter

    _planned_step(journal)
    filters = ExperimentFilter(status="done", ladder=True)
    assert [e.status for e in journal.list_experiments(filters)] == ["planned"]
    assert filters == ExperimentFilter(status="done", ladder=True)


def test_matching_more_uuids_than_sqlite_binds_at_once(journal):
    """An import of a big file asks for thousands of uuids: the lists follow SQLite's own limit."""
    records = [entry.new_record(RecordInput(situation=f"Day {n}")) for n in range(40)]
    with journal.import_transaction():
        journal.insert_records(records)
        journal.insert_experiments(
            [
                entry.new_experiment(
                    ExperimentInput(belief="b", plan=f"p{n}", record_id=records[n].id)
                )
                for n in range(40)
            ]
        )
    uuids = [r.uuid for r in records]
    journal.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 7)
    asked = [*uuids, *(f"missing-{n}" for n in range(30))]
    assert journal.record_ids_by_uuid(asked) == {r.uuid: r.id for r in records}
    assert set(journal.records_by_uuid(asked)) == set(uuids)
    saved = [e.uuid for e in journal.list_experiments()]
    assert set(journal.experiments_by_uuid(saved)) == set(saved)


# --- ids and limits beyond what SQLite holds ------------------------------------------------------

HUGE = str(2**63)  # one more than SQLite's largest integer


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["show", HUGE], f"There is no record {HUGE}."),
        (["edit", HUGE, "-s", "Other"], f"There is no record {HUGE}."),
        (["delete", HUGE], f"There is no record {HUGE}."),
        (["delete", "--purge", HUGE], f"There is no record {HUGE}."),
        (["restore", HUGE], f"There is no record {HUGE}."),
        (["experiment", "show", HUGE], f"There is no experiment {HUGE}."),
        (["experiment", "done", HUGE, "--outcome", "Fine"], f"There is no experiment {HUGE}."),
        (["experiment", "edit", HUGE, "--plan", "Other"], f"There is no experiment {HUGE}."),
        (["experiment", "delete", HUGE], f"There is no experiment {HUGE}."),
        (["experiment", "restore", HUGE], f"There is no experiment {HUGE}."),
        (
            ["experiment", "add", "--record", HUGE, "--belief", "b", "--plan", "p"],
            f"There is no record {HUGE}.",
        ),
    ],
    ids=" ".join,
)
def test_an_id_beyond_sqlite_integers_is_one_calm_line(cli, journal, args, line):
    journal.add_record(entry.new_record(RecordInput(situation="Team meeting")))
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {line} ")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [["list", "--limit"], ["search", "meeting", "--limit"], ["experiment", "list", "--limit"]],
    ids=" ".join,
)
def test_a_limit_beyond_sqlite_integers_means_everything(cli, journal, args):
    record_id = journal.add_record(entry.new_record(RecordInput(situation="Team meeting")))
    _planned_step(journal, record_id)
    result = cli(*args, str(10**20), "--json")
    assert result.exit_code == 0, result.stderr
    listed = json.loads(result.stdout)
    assert len(listed) == 1


def test_the_core_answers_out_of_range_ids_as_not_found(journal):
    from thoughtlog.errors import NotFound
    from thoughtlog.storage import ExperimentFilter

    for huge in (2**63, -(2**63) - 1, 10**30):
        for lookup in (journal.get_record, journal.get_experiment, journal.purge_record):
            with pytest.raises(NotFound):
                lookup(huge)
        assert journal.list_experiments(ExperimentFilter(record_id=huge)) == []
