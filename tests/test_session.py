"""The session page: what it shows, in which order, what it leaves out, and when it counts."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import journal_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thoughtlog import dates, entry, report_formats
from thoughtlog.entry import ExperimentInput, RecordInput
from thoughtlog.output import json_text
from thoughtlog.session import Privacy, build_session, session_layout, session_span
from thoughtlog.steps import StepInput
from thoughtlog.storage import agenda as stored_agenda
from thoughtlog.storage import open_journal

# Words that appear only where the test put them: never in the page's own wording.
PRIVATE_SITUATION = "Zqprivatesituation dinner"
PRIVATE_FEELING = "zqprivatefeeling"
PRIVATE_THOUGHT = "Zqprivatethought about my sister"
PRIVATE_STEP = "Zqprivatestep call my sister"
PRIVATE_WITH = "zqprivatewith"
PRIVATE_LEARNED = "Zqprivatelearned she listened"
KEPT_SITUATION = "Zqkeptsituation team meeting"
KEPT_PLAN = "Zqkeptplan say one thing on Monday"
KEPT_WITH = "zqkeptwith"
PRIVATE_SCRIPT = "Zqprivatescript asking my sister"  # used only in the private step
PRIVATE_SCRIPT_WITH = "zqprivatescriptwith"
KEPT_SCRIPT_SITUATION = "Zqkeptscriptsituation the Monday meeting"
KEPT_SCRIPT_PART = "Zqkeptscriptpart let me finish"
KEPT_SCRIPT_WITH = "zqkeptscriptwith"


def _record(journal, situation, *, feeling="anxious", thought="They'll judge me", tags=(), when):
    record = entry.new_record(
        RecordInput(
            situation=situation,
            when=when,
            emotions=[f"{feeling}=85"],
            emotions_after=[f"{feeling}=40"],
            thoughts=[thought],
            distortions=["fortune-telling"],
            tags=list(tags),
        )
    )
    return journal.add_record(record)


def _step(
    journal, plan, *, with_, record_id=None, learned=None, when="3 days ago", done=True, script=None
):
    step = entry.new_experiment(
        ExperimentInput(
            belief="If I disagree I'll be punished",
            plan=plan,
            when=when,
            record_id=record_id,
            step=StepInput(with_=with_, p_feared=70),
            script_id=script,
        )
    )
    journal.add_experiment(step)
    if done:
        journal.update_experiment(
            entry.complete_experiment(
                step,
                ExperimentInput(
                    outcome="It went fine",
                    came_true="no",
                    learned=learned,
                    step=StepInput(reaction="agreement"),
                ),
            )
        )
    return step.id


def _script(journal, *, situation=None, with_=None, part="I ask for one small change", when=None):
    """A script, rehearsed once when `when` is given."""
    from thoughtlog import scripts
    from thoughtlog.storage import scripts as stored_scripts

    given = scripts.ScriptInput(with_=with_, situation=situation, describe=part, specify=part)
    script_id = stored_scripts.add_script(journal, scripts.new_script(given))
    if when is not None:
        stored_scripts.rehearse(
            journal, script_id, scripts.rehearsal("friend", before="30", after="60", when=when)
        )
    return script_id


def _private_and_kept(journal) -> None:
    """A private record (tag 'zqhidden') with a step linked to it that used a script of its own,
    and a kept record, step and script."""
    private_script = _script(
        journal, situation=PRIVATE_SCRIPT, with_=PRIVATE_SCRIPT_WITH, part=PRIVATE_SCRIPT,
        when="yesterday",
    )  # fmt: skip
    kept_script = _script(
        journal, situation=KEPT_SCRIPT_SITUATION, with_=KEPT_SCRIPT_WITH, part=KEPT_SCRIPT_PART,
        when="yesterday",
    )  # fmt: skip
    private = _record(
        journal,
        PRIVATE_SITUATION,
        feeling=PRIVATE_FEELING,
        thought=PRIVATE_THOUGHT,
        tags=["zqhidden", "family"],
        when="2 days ago",
    )
    _step(journal, PRIVATE_STEP, with_=PRIVATE_WITH, record_id=private, learned=PRIVATE_LEARNED,
          script=private_script)  # fmt: skip
    _step(
        journal, PRIVATE_STEP, with_=PRIVATE_WITH, record_id=private, when="in 2 days", done=False
    )
    _record(journal, KEPT_SITUATION, tags=["work"], when="3 days ago")
    _step(journal, KEPT_PLAN, with_=KEPT_WITH, learned="Disagreeing politely was fine",
          script=kept_script)  # fmt: skip


def _every_format(journal, privacy: Privacy) -> dict[str, str]:
    span = session_span(None, None)
    data, _ = build_session(journal, span, privacy)
    page = session_layout(data)
    return {
        "json": json_text(data),
        "markdown": report_formats.markdown_page(page),
        "html": report_formats.html_page(page),
    }


# --- what is left out appears nowhere ---------------------------------------------------------

EXCLUDED = [PRIVATE_SITUATION, PRIVATE_FEELING, PRIVATE_THOUGHT, PRIVATE_STEP, PRIVATE_WITH,
            PRIVATE_LEARNED, PRIVATE_SCRIPT, PRIVATE_SCRIPT_WITH, "zqhidden"]  # fmt: skip
REDACTED = [KEPT_SITUATION, KEPT_PLAN, KEPT_WITH, KEPT_SCRIPT_SITUATION, KEPT_SCRIPT_PART,
            KEPT_SCRIPT_WITH]  # fmt: skip


@pytest.mark.parametrize("format", ["markdown", "html", "json"])
@pytest.mark.parametrize("preview", [False, True], ids=["written", "preview"])
def test_excluded_and_redacted_text_appears_nowhere_in_the_page(
    cli, journal, tmp_path, format, preview
):
    _private_and_kept(journal)
    target = tmp_path / f"page.{format}"
    options = ["--exclude-tag", "zqhidden", "--redact", "situations", "--redact", "names"]
    result = cli("session", "--format", format, "--output", str(target), *options,
                 *(["--preview"] if preview else []))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    written = result.stdout if preview else target.read_text(encoding="utf-8")
    assert not preview or not target.exists()
    plain = written.replace("\u00a0", " ").lower()  # short texts are joined by no-break spaces
    for secret in [*EXCLUDED, *REDACTED]:
        assert secret.lower() not in plain, secret
        assert secret.lower() not in result.stderr.lower(), secret
    assert "Disagreeing politely was fine" in written  # what was learned stays
    assert re.search(r"person\sA", written) and "situation left out" in written
    assert "30 → 60" in plain or '"before": 30' in plain  # the kept script is there


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    secrets=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=6, max_size=20),
        min_size=6,
        max_size=6,
        unique=True,
    ),
)
def test_any_excluded_or_redacted_words_stay_out_of_every_format(journal, secrets):
    situation, feeling, with_, kept_with, script_part, script_with = (
        f"zq{secret}" for secret in secrets
    )
    private = _record(journal, f"{situation} happened", feeling=feeling, tags=["zqhidden"],
                      when="yesterday")  # fmt: skip
    _step(journal, f"{situation} again", with_=with_, record_id=private, learned=situation)
    kept = _record(journal, f"kept {situation}", tags=["work"], when="yesterday")
    script = _script(journal, situation=f"{situation} script", with_=script_with,
                     part=f"{script_part} {situation}", when="yesterday")  # fmt: skip
    _step(journal, f"{situation} plan", with_=kept_with, record_id=kept, script=script)
    pages = _every_format(journal, Privacy(("zqhidden",), frozenset({"situations", "names"})))
    for format, text in pages.items():
        assert "scripts" in text.lower(), format  # the script is on the page, its words are not
        for secret in (situation, feeling, with_, kept_with, script_part, script_with):
            assert secret not in text, (format, secret)


def test_without_privacy_options_the_page_holds_the_words(journal):
    _private_and_kept(journal)
    pages = _every_format(journal, Privacy())
    for text in pages.values():
        for words in (PRIVATE_SITUATION, PRIVATE_STEP, PRIVATE_WITH, KEPT_PLAN, PRIVATE_SCRIPT,
                      KEPT_SCRIPT_SITUATION, KEPT_SCRIPT_WITH):  # fmt: skip
            assert words in text
    assert KEPT_SCRIPT_PART in pages["json"]  # a script's parts are in the data, not on the page


def test_names_become_the_same_letter_for_the_same_person(journal):
    _record(journal, "Meeting", when="3 days ago")
    _step(journal, "First", with_="boss")
    _step(journal, "Second", with_="boss", when="2 days ago")
    _step(journal, "Third", with_="partner", when="yesterday")
    data, _ = build_session(journal, session_span(None, None), Privacy(redact=frozenset({"names"})))
    assert [step["with"] for step in data["steps"]["taken"]] == ["person A", "person A", "person B"]
    assert [row["with"] for row in data["steps"]["by_with"]] == ["person A", "person B"]


# --- what the page shows ----------------------------------------------------------------------


def test_the_page_runs_in_the_order_of_a_session(cli, journal):
    _private_and_kept(journal)
    journal.add_checkin(_phq9(item9=0))
    from thoughtlog import beliefs
    from thoughtlog.storage import beliefs as stored_beliefs

    stored_beliefs.add_belief(journal, beliefs.new_belief("I'll be punished", old_rating="80"))
    stored_agenda.add_item(journal, _agenda("Why speaking last feels safer"))
    result = cli("session", "--preview")
    assert result.exit_code == 0, result.stderr
    headings = [line[3:] for line in result.stdout.splitlines() if line.startswith("## ")]
    assert headings == [
        "How I've been",
        "Feelings (0-100, before and after reframing)",
        "The hardest moments",
        "Check-ins",
        "What I learned",
        "Steps taken",
        "Steps coming up",
        "Scripts I practised",
        "My beliefs (0-100)",
        "Thinking traps I saw most",
        "What I'd like to talk about",
    ]
    assert "Why speaking last feels safer" in result.stdout
    assert "You had thought it 70% likely on average; it came 0% of the time" in result.stdout


def test_an_empty_journal_gives_a_short_page_without_empty_sections(cli):
    result = cli("session", "--preview")
    assert result.exit_code == 0, result.stderr
    headings = [line for line in result.stdout.splitlines() if line.startswith("## ")]
    assert headings == ["## How I've been"]
    assert "No thought records in these days." in result.stdout


def _phq9(*, item9: int):
    from thoughtlog.checkins import CheckIn

    return CheckIn(kind="phq9", answers=[1] * 8 + [item9], at=dates.now_local())


def _agenda(text: str):
    from thoughtlog.agenda import AgendaItem

    return AgendaItem(text)


def test_phq9_item_9_above_0_is_said_on_its_own_line_with_the_crisis_lines(cli, journal):
    journal.add_checkin(_phq9(item9=2))
    result = cli("session", "--preview")
    paragraphs = result.stdout.split("\n\n")
    said = [p for p in paragraphs if "better off dead" in p]
    assert len(said) == 1 and said[0].startswith("On ")
    assert "thoughtlog help-now" in said[0]
    assert any(p.startswith("If you are in danger") for p in paragraphs)
    assert json.loads(cli("session", "-f", "json").stdout)["checkins"][0]["item9"] == 2


def test_phq9_item_9_at_0_adds_no_such_line(cli, journal):
    journal.add_checkin(_phq9(item9=0))
    assert "better off dead" not in cli("session", "--preview").stdout


# --- the span, and when a page counts ---------------------------------------------------------


def test_a_written_page_counts_as_a_session(cli, journal, tmp_path):
    first = cli("session", "--format", "html", "--output", str(tmp_path / "page.html"))
    assert first.exit_code == 0, first.stderr
    assert "The next session page starts from here" in first.stderr
    written = stored_agenda.last_session(journal)
    assert written is not None
    assert json.loads(cli("session", "-f", "json").stdout)["period"]["until"] >= written.until


def test_the_next_page_starts_where_the_last_one_ended(cli, journal):
    from thoughtlog.agenda import SessionWritten

    ended = dates.to_text(dates.now_local() - timedelta(days=3))
    stored_agenda.record_session(journal, SessionWritten("2026-01-01T00:00:00+00:00", ended, ended))
    _record(journal, "Before the last session", when="5 days ago")
    _record(journal, "After the last session", when="yesterday")
    result = cli("session", "--preview")
    assert "Since the last session page" in result.stdout
    assert "After the last session" in result.stdout
    assert "Before the last session" not in result.stdout
    period = json.loads(cli("session", "-f", "json").stdout)["period"]
    assert period["since"] == ended and period["from_last_session"] is True


@pytest.mark.parametrize("options", [["--preview"], ["-f", "json"], ["--preview", "-f", "html"]])
def test_a_preview_or_json_writes_nothing_and_does_not_count(cli, journal_path, options):
    cli("agenda", "add", "Something")
    before = journal_content(journal_path)
    result = cli("session", *options)
    assert result.exit_code == 0, result.stderr
    assert journal_content(journal_path) == before


def test_the_first_page_covers_fourteen_days(journal):
    span = session_span(None, None)
    assert span.until - span.since == timedelta(days=14)
    assert not span.from_last_session


def test_since_in_the_future_is_refused(cli, journal_path):
    before = journal_content(journal_path)
    result = cli("session", "--since", "tomorrow")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --since 'tomorrow' is in the future")
    assert len(result.stderr.splitlines()) == 1
    assert journal_content(journal_path) == before


def test_since_that_does_not_parse_names_the_option(cli):
    result = cli("session", "--since", "the day after never")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --since:")


@pytest.mark.parametrize(
    ("options", "named"),
    [(["--redact", "faces"], "--redact"), (["--format", "pdf"], "--format")],
)
def test_an_unknown_redact_mode_or_format_is_a_usage_error(cli, journal_path, options, named):
    result = cli("session", *options)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {named} can't be")
    assert not journal_path.exists() or not stored_session_rows(journal_path)


def stored_session_rows(path: Path) -> list:
    """The session pages the journal has recorded."""
    with open_journal(path) as opened:
        return opened.conn.execute("SELECT * FROM sessions").fetchall()


def test_a_tag_no_record_carries_says_nothing_was_left_out(cli, journal):
    _record(journal, "Meeting", when="yesterday")
    result = cli("session", "--preview", "--exclude-tag", "nosuchtag")
    assert result.exit_code == 0
    assert "No record of these days carries the tags you named" in result.stderr
    assert "Meeting" in result.stdout


def test_output_never_writes_through_a_symlink(cli, tmp_path):
    target = tmp_path / "elsewhere.md"
    target.write_text("theirs")
    link = tmp_path / "page.md"
    link.symlink_to(target)
    result = cli("session", "--output", str(link))
    assert result.exit_code == 1
    assert "symbolic link" in result.stderr
    assert target.read_text() == "theirs"


def test_the_page_file_is_readable_by_its_owner_alone(cli, tmp_path):
    target = tmp_path / "page.md"
    assert cli("session", "--output", str(target)).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o600


def test_steps_planned_long_ago_are_counted_rather_than_listed(journal):
    _step(journal, "Planned last spring", with_="boss", when="60 days ago", done=False)
    _step(journal, "Planned this week", with_="boss", when="2 days ago", done=False)
    _step(journal, "Planned next month", with_="boss", when="in 30 days", done=False)
    data, _ = build_session(journal, session_span(None, None), Privacy())
    assert [step["plan"] for step in data["steps"]["due"]] == ["Planned this week"]
    assert data["steps"]["due"][0]["overdue"] is True
    assert data["steps"]["older_waiting"] == 1
    page = report_formats.markdown_page(session_layout(data))
    assert "1 step planned before these days is still waiting too." in page
    assert "Planned last spring" not in page and "Planned next month" not in page


def test_a_new_part_of_the_page_is_one_figures_and_one_sections_function(journal, monkeypatch):
    from thoughtlog import session
    from thoughtlog.report_sections import Column, Section

    def rehearsed(page):
        return {"rehearsed": [{"with": page.names("my therapist")}]}

    def rehearsed_section(data):
        rows = [[row["with"]] for row in data["rehearsed"]]
        return [Section("Rehearsed", columns=[Column("With")], rows=rows)]

    monkeypatch.setattr(session, "FIGURES", (*session.FIGURES, rehearsed))
    monkeypatch.setattr(session, "SECTIONS", (*session.SECTIONS, rehearsed_section))
    data, _ = build_session(journal, session_span(None, None), Privacy(redact=frozenset({"names"})))
    assert data["rehearsed"] == [{"with": "person A"}]
    page = report_formats.markdown_page(session_layout(data))
    assert "## Rehearsed" in page and "my therapist" not in page


@pytest.mark.plain_journal("checks that no journal file is made at all")
def test_a_tag_that_cannot_be_a_tag_is_refused_before_the_journal_is_touched(cli, journal_path):
    result = cli("session", "--exclude-tag", "home / work")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: 'home / work' can't be used as a tag")
    assert len(result.stderr.splitlines()) == 1
    assert not journal_path.exists()


# --- the preview on a terminal --------------------------------------------------------------------

ODD_SITUATION = "Meeting [b]with[/b] boss \x1b[31m red 😀 שלום עולם"
ODD_WITH = "אמא [mum] 😀"
ODD_LEARNED = "Saying no [x] was safe 你好 😀"
ODD_ITEM = "Talk about [red]anger[/red] \x1b[2J and مرحبا"
_STYLES = re.compile(r"\x1b\[[0-9;]*m")  # rich's own colour and weight


@pytest.fixture
def odd_page(journal):
    """A page holding markup-like brackets, escape sequences, emoji and right-to-left text."""
    _record(journal, ODD_SITUATION, when="2 days ago")
    _step(journal, "Told Ana no", with_=ODD_WITH, learned=ODD_LEARNED)
    stored_agenda.add_item(journal, _agenda(ODD_ITEM))


def _on_terminal(monkeypatch, attached: bool, columns: str = "80") -> None:
    from thoughtlog import output

    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: attached)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", columns)


@pytest.mark.parametrize("columns", ["40", "80"])
def test_a_preview_on_a_terminal_is_drawn_for_reading_and_says_the_page_would_be_markdown(
    cli, journal_path, odd_page, monkeypatch, columns
):
    from thoughtlog.output import cell_width, visible

    before = journal_content(journal_path)
    _on_terminal(monkeypatch, True, columns)
    result = cli("session", "--preview")
    assert result.exit_code == 0, result.stderr
    drawn = _STYLES.sub("", result.stdout)
    assert drawn.startswith("For my therapy session\n")
    assert "## " not in drawn and "|---" not in drawn and "\\[" not in drawn  # not markdown
    assert "\x1b" not in drawn  # the person's escape sequences are written out, not sent
    assert max(map(cell_width, drawn.splitlines())) <= int(columns)
    words = set(drawn.replace("│", " ").replace(":", " ").split())
    for text in (ODD_SITUATION, ODD_WITH, ODD_LEARNED, ODD_ITEM):
        assert set(visible(text).split()) <= words, text
    said = " ".join(result.stderr.split())
    assert "Drawn for reading; written, the page would be markdown" in said
    assert "nothing was written, and it doesn't count as a session page" in said
    assert journal_content(journal_path) == before


@pytest.mark.parametrize("format", ["markdown", "html", "json"])
def test_a_preview_with_a_format_named_is_exactly_what_would_be_written_even_on_a_terminal(
    cli, journal, odd_page, monkeypatch, format
):
    _on_terminal(monkeypatch, True)
    on_terminal = cli("session", "--preview", "--format", format)
    assert on_terminal.exit_code == 0, on_terminal.stderr
    assert on_terminal.stdout == _every_format(journal, Privacy())[format]
    assert "Drawn for reading" not in on_terminal.stderr


def test_a_piped_preview_is_exactly_the_markdown_that_would_be_written(
    cli, journal, odd_page, monkeypatch
):
    _on_terminal(monkeypatch, False)
    piped = cli("session", "--preview")
    assert piped.exit_code == 0, piped.stderr
    assert piped.stdout == _every_format(journal, Privacy())["markdown"]
    assert "Drawn for reading" not in piped.stderr


def test_a_page_shown_on_a_terminal_is_drawn_for_reading_and_still_counts(
    cli, journal_path, odd_page, monkeypatch
):
    _on_terminal(monkeypatch, True)
    result = cli("session")
    assert result.exit_code == 0, result.stderr
    drawn = _STYLES.sub("", result.stdout)
    assert drawn.startswith("For my therapy session\n") and "|---" not in drawn
    said = " ".join(result.stderr.split())
    assert "--output FILE writes it" in said and "The next session page starts from here" in said
    assert len(stored_session_rows(journal_path)) == 1
