"""Progress bars: on stderr for a big export, import or report when stderr is a terminal, never in a
pipe, gone before the last line prints, and never changing the data."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_output_conventions import colour_codes

from thoughtlog import output
from thoughtlog.model import Emotion, Record, Thought
from thoughtlog.storage import open_journal

START = datetime.now(UTC).astimezone() - timedelta(days=2)


def record(number: int) -> Record:
    return Record(
        situation=f"Team meeting #{number}, I stayed quiet",
        occurred_at=START + timedelta(minutes=number),
        emotions=[Emotion("anxious", 80, 40)],
        thoughts=[
            Thought("If I disagree my boss will reprimand me", 85, 40, True, ["fortune-telling"])
        ],
        reframe="Disagreeing politely is part of the job",
        tags=["work"],
    )


def fill(path: Path, count: int) -> Path:
    with open_journal(path) as opened, opened.transaction():
        opened.insert_records([record(n) for n in range(count)])
    return path


@pytest.fixture
def three(journal_path: Path) -> Path:
    return fill(journal_path, 3)


@pytest.fixture
def small_jobs_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any job is big enough for a bar, so a few records show what 2,000 would."""
    monkeypatch.setattr(output, "PROGRESS_RECORDS", 1)
    monkeypatch.setattr(output, "PROGRESS_BYTES", 1)


@pytest.fixture
def stderr_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stderr stands in for a terminal; stdout stays a pipe."""
    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: stream is sys.stderr)
    monkeypatch.setenv("TERM", "xterm-256color")


@pytest.fixture
def bar_ready(small_jobs_count: None, stderr_terminal: None) -> None:
    """A terminal on stderr and a job big enough: what it takes for a bar."""


def piped(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, stderr is a pipe again."""
    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: False)


def drew_a_bar(stderr: str, description: str) -> bool:
    return description in stderr and "━" in stderr and "\x1b[" in stderr


# --- not a terminal: nothing ----------------------------------------------------------------------


def test_no_bar_when_stderr_is_not_a_terminal(cli, three, small_jobs_count, tmp_path):
    target = tmp_path / "out.json"
    result = cli("export", "--format", "json", "-o", str(target))
    assert result.stderr == f"Exported 3 records and 0 experiments to {target}.\n"
    result = cli("--db", str(tmp_path / "other.db"), "import", str(target))
    assert result.stderr == "Imported 3 records: 3 added, 0 updated, 0 unchanged.\n"
    assert cli("report", "--format", "json").stderr == ""


# --- export ---------------------------------------------------------------------------------


def test_export_to_a_file_draws_a_bar_then_says_what_it_did(cli, three, bar_ready, tmp_path):
    target = tmp_path / "out.csv"
    result = cli("export", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert drew_a_bar(result.stderr, "Exporting records")
    # The bar is transient: its line is wiped, and the summary is what stays on the screen.
    assert result.stderr.endswith(f"\x1b[2KExported 3 records to {target}.\n")


def test_the_file_is_the_same_with_a_bar(cli, three, bar_ready, tmp_path, monkeypatch):
    cli("export", "-o", str(tmp_path / "with-bar.csv"))
    piped(monkeypatch)
    cli("export", "-o", str(tmp_path / "without.csv"))
    assert (tmp_path / "with-bar.csv").read_bytes() == (tmp_path / "without.csv").read_bytes()


@pytest.mark.parametrize(
    "args",
    [[], ["--format", "markdown"], ["--table", "thoughts"]],
    ids=["csv", "markdown", "table"],
)
def test_export_to_a_pipe_draws_the_bar_on_stderr_and_the_same_data_on_stdout(
    cli, three, bar_ready, monkeypatch, args
):
    with_bar = cli("export", *args)
    assert drew_a_bar(with_bar.stderr, "Exporting records")
    assert "\x1b" not in with_bar.stdout
    piped(monkeypatch)
    assert with_bar.stdout == cli("export", *args).stdout


def test_export_to_the_screen_draws_no_bar(cli, three, small_jobs_count, monkeypatch):
    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: True)
    result = cli("export")
    assert result.exit_code == 0 and result.stderr == ""
    assert "Team meeting #2" in result.stdout


def test_a_small_export_draws_no_bar(cli, journal_path, stderr_terminal, tmp_path):
    fill(journal_path, output.PROGRESS_RECORDS - 1)
    target = tmp_path / "out.csv"
    result = cli("export", "-o", str(target))
    assert result.stderr == f"Exported {output.PROGRESS_RECORDS - 1} records to {target}.\n"


def test_a_big_export_draws_a_bar(cli, journal_path, stderr_terminal, tmp_path):
    fill(journal_path, output.PROGRESS_RECORDS)
    target = tmp_path / "out.csv"
    result = cli("export", "-o", str(target))
    assert drew_a_bar(result.stderr, "Exporting records")
    assert result.stderr.endswith(f"Exported {output.PROGRESS_RECORDS} records to {target}.\n")


# --- import ---------------------------------------------------------------------------------


@pytest.fixture
def export_file(cli, three, tmp_path) -> Path:
    target = tmp_path / "backup.json"
    cli("export", "--format", "json", "-o", str(target))
    return target


def test_import_draws_a_bar_over_the_file_and_imports_the_same(
    cli, export_file, bar_ready, tmp_path, monkeypatch
):
    result = cli("--db", str(tmp_path / "with-bar.db"), "import", str(export_file))
    assert result.exit_code == 0, result.stderr
    assert drew_a_bar(result.stderr, "Importing")
    assert result.stderr.endswith("Imported 3 records: 3 added, 0 updated, 0 unchanged.\n")
    piped(monkeypatch)
    cli("--db", str(tmp_path / "without.db"), "import", str(export_file))
    with_bar = cli("--db", str(tmp_path / "with-bar.db"), "export").stdout
    assert with_bar == cli("--db", str(tmp_path / "without.db"), "export").stdout
    assert with_bar == cli("export").stdout


def test_import_from_a_pipe_draws_no_bar(cli, export_file, bar_ready, tmp_path):
    result = cli("--db", str(tmp_path / "other.db"), "import", "-", input=export_file.read_text())
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Imported 3 records: 3 added, 0 updated, 0 unchanged.\n"


def test_a_bad_value_ends_the_bar_before_the_error_line(cli, export_file, bar_ready, tmp_path):
    export = json.loads(export_file.read_text())
    export["records"][2]["emotions"][0]["before"] = 140
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(export))
    result = cli("--db", str(tmp_path / "other.db"), "import", str(bad))
    assert result.exit_code == 2
    assert drew_a_bar(result.stderr, "Importing")
    error = result.stderr.rsplit("Error: ", 1)[1]
    assert "140" in error and error.endswith("Nothing was imported.\n") and "\x1b" not in error


# --- report ---------------------------------------------------------------------------------


def test_a_report_over_many_records_shows_that_it_is_working(cli, three, bar_ready, monkeypatch):
    span = ["--since", "30 days ago", "--format", "markdown"]
    with_bar = cli("report", *span)
    assert with_bar.exit_code == 0, with_bar.stderr
    assert drew_a_bar(with_bar.stderr, "Building the report")
    piped(monkeypatch)
    assert with_bar.stdout == cli("report", *span).stdout


def test_a_report_over_a_few_records_draws_no_bar(cli, three, stderr_terminal):
    assert cli("report", "--format", "markdown").stderr == ""


def test_the_progress_report_over_many_records_shows_that_it_is_working(
    cli, three, bar_ready, monkeypatch
):
    with_bar = cli("progress", "--format", "markdown")
    assert with_bar.exit_code == 0, with_bar.stderr
    assert drew_a_bar(with_bar.stderr, "Building the progress report")
    piped(monkeypatch)
    assert with_bar.stdout == cli("progress", "--format", "markdown").stdout
    assert cli("progress", "--format", "markdown").stderr == ""


# --- what the terminal allows ---------------------------------------------------------------


def test_no_bar_under_term_dumb(cli, three, bar_ready, monkeypatch, tmp_path):
    monkeypatch.setenv("TERM", "dumb")
    result = cli("export", "-o", str(tmp_path / "out.csv"))
    assert result.stderr == f"Exported 3 records to {tmp_path / 'out.csv'}.\n"


def test_the_bar_has_no_colour_under_no_color(cli, three, bar_ready, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    plain = cli("export").stderr
    assert drew_a_bar(plain, "Exporting records") and colour_codes(plain) == []
    monkeypatch.delenv("NO_COLOR")
    assert colour_codes(cli("export").stderr)
