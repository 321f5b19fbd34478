"""The journal's schema: its migrations, applied in order by ``sqlite_utils.Migrations``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "thoughtlog"

# --- schema -------------------------------------------------------------------------------------
# Each migration runs in one transaction with its record (sqlite_utils.Migrations); append new
# ones at the end, never edit one that has shipped.


def _run(db: Database, statements: Sequence[str]) -> None:
    for statement in statements:
        db.execute(statement)


def m001_thought_records(db: Database) -> None:
    _run(
        db,
        [
            """CREATE TABLE records (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            occurred_at TEXT NOT NULL,
            occurred_utc TEXT NOT NULL,
            situation TEXT NOT NULL CHECK (length(trim(situation)) > 0),
            behaviour TEXT,
            evidence_for TEXT,
            evidence_against TEXT,
            reframe TEXT,
            reframe_belief INTEGER CHECK (reframe_belief BETWEEN 0 AND 100),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        )""",
            "CREATE INDEX records_by_occurred ON records (occurred_utc)",
            """CREATE TABLE emotions (
            id INTEGER PRIMARY KEY,
            record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            intensity_before INTEGER CHECK (intensity_before BETWEEN 0 AND 100),
            intensity_after INTEGER CHECK (intensity_after BETWEEN 0 AND 100)
        )""",
            "CREATE INDEX emotions_by_record ON emotions (record_id)",
            "CREATE INDEX emotions_by_name ON emotions (name, record_id)",
            """CREATE TABLE thoughts (
            id INTEGER PRIMARY KEY,
            record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            hot INTEGER NOT NULL DEFAULT 0 CHECK (hot IN (0, 1)),
            belief_before INTEGER CHECK (belief_before BETWEEN 0 AND 100),
            belief_after INTEGER CHECK (belief_after BETWEEN 0 AND 100)
        )""",
            "CREATE INDEX thoughts_by_record ON thoughts (record_id)",
            """CREATE TABLE distortions (
            slug TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            meaning TEXT NOT NULL,
            example TEXT NOT NULL
        )""",
            """CREATE TABLE thought_distortions (
            thought_id INTEGER NOT NULL REFERENCES thoughts (id) ON DELETE CASCADE,
            distortion TEXT NOT NULL REFERENCES distortions (slug),
            PRIMARY KEY (thought_id, distortion)
        )""",
            "CREATE INDEX thought_distortions_by_distortion ON thought_distortions (distortion)",
            """CREATE TABLE record_tags (
            record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (record_id, tag)
        )""",
            "CREATE INDEX record_tags_by_tag ON record_tags (tag, record_id)",
            """CREATE VIRTUAL TABLE records_fts USING fts5 (
            situation, thoughts, behaviour, evidence_for, evidence_against, reframe,
            tokenize = 'porter unicode61 remove_diacritics 2'
        )""",
        ],
    )
    from thoughtlog.distortions import CATALOGUE  # only a new journal needs it

    db.conn.executemany(
        "INSERT OR IGNORE INTO distortions (slug, name, meaning, example) VALUES (?, ?, ?, ?)",
        [(d.slug, d.name, d.meaning, d.example) for d in CATALOGUE],
    )


def m002_experiments(db: Database) -> None:
    _run(
        db,
        [
            """CREATE TABLE experiments (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            record_id INTEGER REFERENCES records (id) ON DELETE SET NULL,
            belief TEXT NOT NULL CHECK (length(trim(belief)) > 0),
            confidence_before INTEGER CHECK (confidence_before BETWEEN 0 AND 100),
            plan TEXT NOT NULL CHECK (length(trim(plan)) > 0),
            planned_for TEXT,
            planned_utc TEXT,
            expected_distress INTEGER CHECK (expected_distress BETWEEN 0 AND 100),
            status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done')),
            done_at TEXT,
            outcome TEXT,
            came_true TEXT CHECK (came_true IN ('yes', 'partly', 'no')),
            actual_distress INTEGER CHECK (actual_distress BETWEEN 0 AND 100),
            learned TEXT,
            confidence_after INTEGER CHECK (confidence_after BETWEEN 0 AND 100),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        )""",
            "CREATE INDEX experiments_by_record ON experiments (record_id)",
            "CREATE INDEX experiments_by_status ON experiments (status, expected_distress)",
            "CREATE INDEX experiments_by_planned ON experiments (planned_utc)",
        ],
    )


def m003_drafts(db: Database) -> None:
    # A guided entry cut short (Ctrl-C, end of input) is kept here, never in records.
    db.execute(
        """CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            answers TEXT NOT NULL,
            steps_done INTEGER NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )


_SEARCHED = (
    "situation",
    "thoughts_text",
    "behaviour",
    "evidence_for",
    "evidence_against",
    "reframe",
)


def m004_search_as_sqlite_utils_does(db: Database) -> None:
    # Full-text search the way sqlite-utils and Datasette set it up, so that they find it: an FTS5
    # table over columns of `records`, declared with "content=[records]" spelled just so (that is
    # what they look for), kept in step by triggers. The thoughts are copied into
    # records.thoughts_text for it. Parts are indexed in the order they are read back.
    columns = ", ".join(_SEARCHED)
    new = ", ".join(f"new.{c}" for c in _SEARCHED)
    old = ", ".join(f"old.{c}" for c in _SEARCHED)
    _run(
        db,
        [
            "ALTER TABLE records ADD COLUMN thoughts_text TEXT",
            """UPDATE records SET thoughts_text = (
            SELECT group_concat(text, char(10)) FROM (
                SELECT text FROM thoughts WHERE record_id = records.id ORDER BY position
            )
        )""",
            "DROP TABLE records_fts",
            f"""CREATE VIRTUAL TABLE records_fts USING fts5 (
            {columns},
            content=[records],
            tokenize = 'porter unicode61 remove_diacritics 2'
        )""",
            "INSERT INTO records_fts (records_fts) VALUES ('rebuild')",
            f"""CREATE TRIGGER records_ai AFTER INSERT ON records BEGIN
            INSERT INTO records_fts (rowid, {columns}) VALUES (new.rowid, {new});
        END""",
            f"""CREATE TRIGGER records_ad AFTER DELETE ON records BEGIN
            INSERT INTO records_fts (records_fts, rowid, {columns}) VALUES ('delete', old.rowid, {old});
        END""",
            f"""CREATE TRIGGER records_au AFTER UPDATE OF {columns} ON records BEGIN
            INSERT INTO records_fts (records_fts, rowid, {columns}) VALUES ('delete', old.rowid, {old});
            INSERT INTO records_fts (rowid, {columns}) VALUES (new.rowid, {new});
        END""",
            "DROP INDEX emotions_by_record",
            "CREATE INDEX emotions_by_record ON emotions (record_id, position)",
            "DROP INDEX thoughts_by_record",
            "CREATE INDEX thoughts_by_record ON thoughts (record_id, position)",
        ],
    )


def m005_experiments_by_time(db: Database) -> None:
    # The report's questions about experiments: planned in a span (by the same expression that
    # list_experiments filters on) and done in a span. Without these they read every experiment.
    _run(
        db,
        [
            "CREATE INDEX experiments_by_when ON experiments (coalesce(planned_utc, created_at))",
            "CREATE INDEX experiments_by_done ON experiments (status, done_at)",
        ],
    )


def m006_steps_with_reactions(db: Database) -> None:
    # A step's predicted and actual reaction (DESIGN, version 2). The two lists of safety
    # behaviours are JSON arrays: read whole with the step, never searched on their own; an empty
    # safety_used array means "none used", NULL means not said. belief_id and script_id point at
    # tables that later migrations add, so they are plain integers here.
    _run(
        db,
        [
            "ALTER TABLE experiments ADD COLUMN with_whom TEXT",
            "ALTER TABLE experiments ADD COLUMN feared_reaction TEXT",
            "ALTER TABLE experiments ADD COLUMN p_feared INTEGER"
            " CHECK (p_feared BETWEEN 0 AND 100)",
            "ALTER TABLE experiments ADD COLUMN safety_behaviours TEXT"
            " CHECK (safety_behaviours IS NULL OR json_type(safety_behaviours) = 'array')",
            "ALTER TABLE experiments ADD COLUMN reaction TEXT CHECK (reaction IN"
            " ('praise', 'agreement', 'neutral', 'disagreement', 'criticism', 'punishment'))",
            "ALTER TABLE experiments ADD COLUMN safety_used TEXT"
            " CHECK (safety_used IS NULL OR json_type(safety_used) = 'array')",
            "ALTER TABLE experiments ADD COLUMN surprise INTEGER"
            " CHECK (surprise BETWEEN 0 AND 100)",
            "ALTER TABLE experiments ADD COLUMN belief_id INTEGER",
            "ALTER TABLE experiments ADD COLUMN script_id INTEGER",
            "CREATE INDEX experiments_by_belief ON experiments (belief_id)",
        ],
    )


def m006b_beliefs(db: Database) -> None:
    # Long-term beliefs, their dated ratings and their positive data log (DESIGN, version 2).
    # A record links to at most one belief, kept beside it rather than in records so that the
    # record's own row stays as it was; an experiment links with its belief_id (m006).
    _run(
        db,
        [
            """CREATE TABLE beliefs (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            new_text TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        )""",
            """CREATE TABLE belief_ratings (
            id INTEGER PRIMARY KEY,
            belief_id INTEGER NOT NULL REFERENCES beliefs (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            at_utc TEXT NOT NULL,
            old INTEGER CHECK (old BETWEEN 0 AND 100),
            new INTEGER CHECK (new BETWEEN 0 AND 100),
            CHECK (old IS NOT NULL OR new IS NOT NULL)
        )""",
            "CREATE INDEX belief_ratings_by_belief ON belief_ratings (belief_id, at_utc)",
            "CREATE INDEX belief_ratings_by_time ON belief_ratings (at_utc)",
            """CREATE TABLE belief_evidence (
            id INTEGER PRIMARY KEY,
            belief_id INTEGER NOT NULL REFERENCES beliefs (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            at_utc TEXT NOT NULL,
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            experiment_id INTEGER REFERENCES experiments (id) ON DELETE SET NULL
        )""",
            "CREATE INDEX belief_evidence_by_belief ON belief_evidence (belief_id, at_utc)",
            """CREATE TABLE record_beliefs (
            record_id INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
            belief_id INTEGER NOT NULL REFERENCES beliefs (id) ON DELETE CASCADE
        )""",
            "CREATE INDEX record_beliefs_by_belief ON record_beliefs (belief_id)",
        ],
    )


def m007_care(db: Database) -> None:
    # Check-ins, the safety plan and calm sessions: new tables only, touching none before them.
    from thoughtlog.storage.care import create_care_tables

    create_care_tables(db)


def m008_report_indexes(db: Database) -> None:
    # Reports over a long span read every record of it, and each record's feelings and thoughts.
    # Widened, these three indexes hold all those queries read, so SQLite never visits the
    # records', feelings' or thoughts' own rows for them (the rows hold the person's long texts
    # and sit far apart): on ten years of 100,000 records the report's queries took 16 % less
    # CPU for a file 4.4 % larger (records alone: 13 % for 2 %). Same names, so every plan that
    # used them still does.
    _run(
        db,
        [
            "DROP INDEX records_by_occurred",
            "CREATE INDEX records_by_occurred ON records (occurred_utc, deleted_at, occurred_at)",
            "DROP INDEX emotions_by_record",
            "CREATE INDEX emotions_by_record ON emotions"
            " (record_id, position, name, intensity_before, intensity_after)",
            "DROP INDEX thoughts_by_record",
            "CREATE INDEX thoughts_by_record ON thoughts"
            " (record_id, position, hot, belief_before, belief_after)",
        ],
    )


def m009_scripts(db: Database) -> None:
    # Assertive scripts (Describe, Express, Specify, Consequences) and their rehearsals (DESIGN,
    # "Practising"). A step names the script it used with experiments.script_id (m006). "with"
    # is a word of SQL, so the columns are with_whom, as the experiments' is.
    _run(
        db,
        [
            """CREATE TABLE scripts (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            with_whom TEXT,
            situation TEXT,
            describe TEXT,
            express TEXT,
            specify TEXT,
            consequences TEXT,
            belief_id INTEGER REFERENCES beliefs (id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT,
            CHECK (coalesce(describe, express, specify, consequences) IS NOT NULL)
        )""",
            """CREATE TABLE rehearsals (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            script_id INTEGER NOT NULL REFERENCES scripts (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            at_utc TEXT NOT NULL,
            with_whom TEXT NOT NULL
                CHECK (with_whom IN ('therapist', 'friend', 'mirror', 'alone')),
            before INTEGER CHECK (before BETWEEN 0 AND 100),
            after INTEGER CHECK (after BETWEEN 0 AND 100),
            note TEXT
        )""",
            "CREATE INDEX rehearsals_by_script ON rehearsals (script_id, at_utc)",
            "CREATE INDEX experiments_by_script ON experiments (script_id)",
        ],
    )


def m010_agenda_and_sessions(db: Database) -> None:
    # What to bring up at the next therapy session, and each session page written (so that the
    # next page starts where the last one ended). New tables only, touching none before them.
    from thoughtlog.storage.agenda import create_agenda_tables

    create_agenda_tables(db)


_TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"  # records_fts's (m001, m004)


def _kept_out_of_the_trash(index: str, table: str, columns: Sequence[str]) -> list[str]:
    """The statements that make index, a full-text index of table's columns for search
    (storage/found.py), fill it, and keep it in step: one row for each item outside the trash,
    rowid and item_id the item's id. Another kind of item is found with one migration that runs
    these, and one SearchKind. Shipped migrations run this: never change what it makes."""
    listed = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5 (item_id UNINDEXED, {listed}, {_TOKENIZE})",
        f"INSERT INTO {index} (rowid, item_id, {listed})"
        f" SELECT id, id, {listed} FROM {table} WHERE deleted_at IS NULL",
        f"""CREATE TRIGGER {index}_ai AFTER INSERT ON {table} WHEN new.deleted_at IS NULL
        BEGIN
            INSERT INTO {index} (rowid, item_id, {listed}) VALUES (new.id, new.id, {new});
        END""",
        f"""CREATE TRIGGER {index}_au AFTER UPDATE OF {listed}, deleted_at ON {table}
        BEGIN
            DELETE FROM {index} WHERE rowid = old.id;
            INSERT INTO {index} (rowid, item_id, {listed})
            SELECT new.id, new.id, {new} WHERE new.deleted_at IS NULL;
        END""",
        f"""CREATE TRIGGER {index}_ad AFTER DELETE ON {table} BEGIN
            DELETE FROM {index} WHERE rowid = old.id;
        END""",
    ]


def m011_search_beyond_records(db: Database) -> None:
    # Full-text indexes of beliefs (with each line of their evidence) and of scripts, kept in
    # step by triggers, so that a search reads an index rather than indexing every text afresh.
    # Same tokenizer as records_fts. Each index holds its own copy of the texts (FTS5's default),
    # which its snippets quote, and only the items outside the trash: moving one into the trash
    # takes its rows out, restoring it puts them back, so nothing in the trash can be found. The
    # first column, UNINDEXED, names the item a row belongs to. A belief is one row for its own
    # words, rowid -id, and one row for each line of evidence, rowid the line's id, so that a
    # snippet quotes one line; the lines go with their belief through the foreign key's cascade,
    # which fires belief_evidence's triggers.
    live_belief = "EXISTS (SELECT 1 FROM beliefs WHERE id = new.belief_id AND deleted_at IS NULL)"
    _run(
        db,
        [
            "CREATE VIRTUAL TABLE beliefs_fts USING fts5 (item_id UNINDEXED, text, new_text,"
            f" evidence, {_TOKENIZE})",
            "INSERT INTO beliefs_fts (rowid, item_id, text, new_text)"
            " SELECT -id, id, text, new_text FROM beliefs WHERE deleted_at IS NULL",
            "INSERT INTO beliefs_fts (rowid, item_id, evidence)"
            " SELECT e.id, e.belief_id, e.text FROM belief_evidence e"
            " JOIN beliefs b ON b.id = e.belief_id WHERE b.deleted_at IS NULL",
            """CREATE TRIGGER beliefs_fts_ai AFTER INSERT ON beliefs WHEN new.deleted_at IS NULL
        BEGIN
            INSERT INTO beliefs_fts (rowid, item_id, text, new_text)
            VALUES (-new.id, new.id, new.text, new.new_text);
        END""",
            """CREATE TRIGGER beliefs_fts_au AFTER UPDATE OF text, new_text, deleted_at ON beliefs
        BEGIN
            DELETE FROM beliefs_fts WHERE rowid = -old.id;
            INSERT INTO beliefs_fts (rowid, item_id, text, new_text)
            SELECT -new.id, new.id, new.text, new.new_text WHERE new.deleted_at IS NULL;
        END""",
            """CREATE TRIGGER beliefs_fts_trash AFTER UPDATE OF deleted_at ON beliefs
        WHEN (old.deleted_at IS NULL) IS NOT (new.deleted_at IS NULL)
        BEGIN
            DELETE FROM beliefs_fts
            WHERE rowid IN (SELECT id FROM belief_evidence WHERE belief_id = old.id);
            INSERT INTO beliefs_fts (rowid, item_id, evidence)
            SELECT id, belief_id, text FROM belief_evidence
            WHERE belief_id = new.id AND new.deleted_at IS NULL;
        END""",
            """CREATE TRIGGER beliefs_fts_ad AFTER DELETE ON beliefs BEGIN
            DELETE FROM beliefs_fts WHERE rowid = -old.id;
        END""",
            f"""CREATE TRIGGER belief_evidence_fts_ai AFTER INSERT ON belief_evidence
        WHEN {live_belief}
        BEGIN
            INSERT INTO beliefs_fts (rowid, item_id, evidence)
            VALUES (new.id, new.belief_id, new.text);
        END""",
            f"""CREATE TRIGGER belief_evidence_fts_au
        AFTER UPDATE OF text, belief_id ON belief_evidence
        BEGIN
            DELETE FROM beliefs_fts WHERE rowid = old.id;
            INSERT INTO beliefs_fts (rowid, item_id, evidence)
            SELECT new.id, new.belief_id, new.text WHERE {live_belief};
        END""",
            """CREATE TRIGGER belief_evidence_fts_ad AFTER DELETE ON belief_evidence BEGIN
            DELETE FROM beliefs_fts WHERE rowid = old.id;
        END""",
            *_kept_out_of_the_trash(
                "scripts_fts",
                "scripts",
                ("with_whom", "situation", "describe", "express", "specify", "consequences"),
            ),
        ],
    )


def m012_parts_in_written_order(db: Database) -> None:
    # A record's tags and a thought's thinking traps are kept in the order they were written
    # (rowid); their primary keys hold them by name, so reading them in order sorted each
    # record's few on every read (a temporary B-tree per record in an export: 8 % of the JSON
    # export of 100,000 records). An index on the id alone holds its rows in rowid order.
    _run(
        db,
        [
            "CREATE INDEX record_tags_by_record ON record_tags (record_id)",
            "CREATE INDEX thought_distortions_by_thought ON thought_distortions (thought_id)",
        ],
    )


def m013_rehearsals_by_time(db: Database) -> None:
    # The session page and the progress report read the rehearsals of a span; without an index
    # on their time they read every rehearsal ever written (found by the query-plan test).
    db.execute("CREATE INDEX rehearsals_by_time ON rehearsals (at_utc)")


MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    m001_thought_records,
    m002_experiments,
    m003_drafts,
    m004_search_as_sqlite_utils_does,
    m005_experiments_by_time,
    m006_steps_with_reactions,
    m006b_beliefs,
    m007_care,
    m008_report_indexes,
    m009_scripts,
    m010_agenda_and_sessions,
    m011_search_beyond_records,
    m012_parts_in_written_order,
    m013_rehearsals_by_time,
)
MIGRATION_NAMES = tuple(m.__name__ for m in MIGRATIONS)


def migration_set():
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)
    for migration in MIGRATIONS:
        migrations()(migration)
    return migrations
