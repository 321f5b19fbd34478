"""The person's text on a terminal is shown as text: never read as markup, every control character
and escape sequence written out visibly, the stored text and JSON exact, and laid out so that
nothing a person must type is cut, at any width."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thoughtlog import entry, output
from thoughtlog.distortions import CATALOGUE
from thoughtlog.entry import ExperimentInput, RecordInput
from thoughtlog.storage import open_journal

# Every C0 control but newline and tab (which text may hold and which move nothing back), DEL, and
# every C1 control: 63 characters, each shown as \xNN.
CONTROLS = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if c not in (9, 10)]
BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
MARKUP = ["[name redacted]", "[sigh]", "[a lot]", "fine [/s]", "[bold]loud[/bold]", ":smile:"]
ESCAPE_SEQUENCES = ["\x1b]0;title\x07", "\x1b[2J", "\x1b[31m", "\x9b31m", "back\bspace", "re\rturn"]


def shown(char: str) -> str:
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


# Controls in groups small enough for a list cell (50 characters), each between < and >, after a
# word to search for.
GROUPS = [CONTROLS[i : i + 6] for i in range(0, len(CONTROLS), 6)]


def _tokens(group: list[str]) -> str:
    return "ctl " + " ".join(f"<{char}>" for char in group)


@pytest.fixture
def odd_journal(journal_path: Path) -> Path:
    """Record 1 holds markup-like text in every field, records 2.. hold the controls (6 a record),
    the last one the escape sequences and bidi overrides; experiment 1 holds markup, experiment 2
    controls, done."""
    with open_journal(journal_path) as opened:
        opened.add_record(
            entry.new_record(
                RecordInput(
                    situation="fine [/s] [name redacted]",
                    emotions=["anxious=70"],
                    thoughts=["[sigh] [a lot]"],
                    behaviour="[bold]loud[/bold]",
                    evidence_for=":smile: [/]",
                    evidence_against="[link=https://example.org]x[/link]",
                    reframe="[red]calm[/red]",
                    tags=["work"],
                )
            )
        )
        for group in GROUPS:
            text = _tokens(group)
            opened.add_record(
                entry.new_record(
                    RecordInput(
                        situation=text,
                        thoughts=[text],
                        behaviour=text,
                        evidence_for=text,
                        evidence_against=text,
                        reframe=text,
                    )
                )
            )
        odd = " ".join(ESCAPE_SEQUENCES + [f"<{char}>" for char in BIDI])
        opened.add_record(entry.new_record(RecordInput(situation=odd, thoughts=[odd])))
        opened.add_experiment(
            entry.new_experiment(
                ExperimentInput(belief="fine [/s]", plan="[sigh] [a lot]", expected_distress="30")
            )
        )
        controls = _tokens(CONTROLS[:6])
        experiment = entry.new_experiment(ExperimentInput(belief=controls, plan=controls))
        opened.add_experiment(experiment)
        opened.update_experiment(
            entry.complete_experiment(
                experiment,
                ExperimentInput(outcome=controls, came_true="partly", learned="[/] ok"),
            )
        )
    return journal_path


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdout and stderr stand in for a colour terminal 120 columns wide."""
    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "120")


_STYLE = re.compile(r"\x1b\[[0-9;]*m")  # what rich itself sends: colour and weight, nothing else


def _unsafe(text: str) -> list[str]:
    """Characters that would act on a terminal, once rich's own styling codes are taken out."""
    bare = _STYLE.sub("", text)
    return sorted(
        {
            char
            for char in bare
            if (unicodedata.category(char) == "Cc" and char not in "\n\t")
            or char in BIDI
            or char in "\u2028\u2029"
        }
    )


def _plain(text: str) -> str:
    """What a person reads: styling taken out, and wrapped lines joined back into one."""
    return " ".join(_STYLE.sub("", text).replace("│", " ").replace("┃", " ").split())


VIEWS = [
    ["list"],
    ["list", "--limit", "0"],
    ["show", "1"],
    *[["show", str(n)] for n in range(2, len(GROUPS) + 3)],
    ["search", "fine"],
    ["search", "ctl"],
    ["experiment", "list"],
    ["experiment", "list", "--ladder"],
    ["experiment", "list", "--done"],
    ["experiment", "show", "1"],
    ["experiment", "show", "2"],
    ["distortions"],
    ["search", "\x1b[2J"],
]


@pytest.mark.parametrize("width", ["120", "40", "pipe"])
def test_no_view_sends_a_control_character_to_the_terminal(
    cli, odd_journal, terminal, monkeypatch, width
):
    if width == "pipe":
        monkeypatch.setattr(output, "attached_to_terminal", lambda stream: False)
    else:
        monkeypatch.setenv("COLUMNS", width)
    unsafe = {}
    for args in VIEWS:
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert "unexpected problem" not in result.stderr, args
        found = _unsafe(result.stdout) + _unsafe(result.stderr)
        if found:
            unsafe[" ".join(args)] = found
    assert unsafe == {}


@pytest.mark.parametrize("on_terminal", [True, False], ids=["terminal", "pipe"])
def test_show_writes_out_every_control_character_it_holds(
    cli, odd_journal, terminal, monkeypatch, on_terminal
):
    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: on_terminal)
    for number, group in enumerate(GROUPS, start=2):
        shown_text = _plain(cli("show", str(number)).stdout)
        for char in group:
            # situation, thought, behaviour, both evidences and the reframe: six times each
            assert shown_text.count(f"<{shown(char)}>") == 6, (number, shown(char))


@pytest.mark.parametrize("on_terminal", [True, False], ids=["terminal", "pipe"])
def test_list_writes_out_every_control_character_it_holds(
    cli, odd_journal, terminal, monkeypatch, on_terminal
):
    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: on_terminal)
    listed = _plain(cli("list").stdout)
    for char in CONTROLS:
        assert f"<{shown(char)}>" in listed, shown(char)


def test_escape_sequences_and_bidi_overrides_are_written_out(cli, odd_journal, terminal):
    shown_text = _plain(cli("show", str(len(GROUPS) + 2)).stdout)
    for written in [r"\x1b]0;title\x07", r"\x1b[2J", r"\x1b[31m", r"\x9b31m"]:
        assert written in shown_text
    assert r"back\x08space" in shown_text and r"re\x0dturn" in shown_text
    for char in BIDI:
        assert f"<{shown(char)}>" in shown_text


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "1"],
        ["search", "fine"],
        ["experiment", "list"],
        ["experiment", "list", "--ladder"],
        ["experiment", "show", "1"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("on_terminal", [True, False], ids=["terminal", "pipe"])
def test_markup_like_text_shows_as_typed(
    cli, odd_journal, terminal, monkeypatch, args, on_terminal
):
    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: on_terminal)
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    text = _plain(result.stdout)
    typed = {
        "list": ["fine [/s] [name redacted]", "[sigh] [a lot]"],
        "show": [
            "fine [/s] [name redacted]",
            "[sigh] [a lot]",
            "[bold]loud[/bold]",
            ":smile: [/]",
            "[link=https://example.org]x[/link]",
            "[red]calm[/red]",
        ],
        "search": ["fine [/s] [name redacted]"],
        "experiment": ["fine [/s]", "[sigh] [a lot]"],
    }[args[0]]
    for words in typed:
        assert words in text, words
    assert "😄" not in result.stdout


def test_a_closing_tag_alone_never_crashes_a_view(cli, journal_path, terminal):
    cli("add", "-s", "fine [/s]", "-t", "[/]", "-r", "ok [/bold]")
    cli("experiment", "add", "--belief", "[/]", "--plan", "fine [/s]", "--expected-distress", "20")
    for args in (
        ["list"],
        ["show", "1"],
        ["search", "fine"],
        ["experiment", "list"],
        ["experiment", "list", "--ladder"],
        ["experiment", "show", "1"],
    ):
        result = cli(*args)
        assert result.exit_code == 0 and "[/s]" in result.stdout, (args, result.stderr)


def test_the_stored_text_and_json_stay_exact(cli, odd_journal, journal):
    for number, group in enumerate(GROUPS, start=2):
        record = journal.get_record(number)
        assert record.situation == _tokens(group)
        assert json.loads(cli("show", str(number), "--json").stdout)["situation"] == _tokens(group)
    listed = json.loads(cli("list", "--json", "--limit", "0").stdout)
    assert {r["situation"] for r in listed} >= {_tokens(group) for group in GROUPS}


def test_json_on_a_terminal_escapes_every_control_yet_parses_to_the_same_text(
    cli, odd_journal, terminal
):
    result = cli("list", "--json", "--limit", "0")
    assert _unsafe(result.stdout) == []
    situations = {record["situation"] for record in json.loads(result.stdout)}
    assert " ".join(ESCAPE_SEQUENCES + [f"<{char}>" for char in BIDI]) in situations


def test_a_search_that_finds_nothing_shows_the_query_visibly(cli, odd_journal):
    result = cli("search", "zzz\x1b]0;x\x07")
    assert result.exit_code == 0
    assert _unsafe(result.stderr) == [] and r"zzz\x1b]0;x\x07" in result.stderr


def test_the_purge_question_shows_the_situation_visibly(cli, odd_journal):
    result = cli("delete", "2", "--purge", input="n\n")
    assert _unsafe(result.stderr) == [] and f"<{shown(CONTROLS[0])}>" in result.stderr


# --- visible() itself ---------------------------------------------------------------------------


def test_visible_writes_out_every_control_character():
    for char in CONTROLS:
        assert output.visible(f"a{char}b") == f"a{shown(char)}b"


def test_visible_writes_out_bidi_overrides_and_line_separators():
    for char in [*BIDI, "\u2028", "\u2029"]:
        assert output.visible(char) == f"\\u{ord(char):04x}"


def test_visible_writes_out_every_surrogate_of_bytes_that_were_not_utf8():
    """How Python keeps undecodable bytes (b"\\xff" read as "\\udcff"), among other text."""
    for code in range(0xD800, 0xE000):
        assert output.visible(f"é{chr(code)}\x1b{chr(code)}") == f"é\\u{code:04x}\\x1b\\u{code:04x}"
    assert (
        output.visible(b"caf\xe9 \xff".decode("utf-8", "surrogateescape")) == "caf\\udce9 \\udcff"
    )


def test_visible_keeps_newlines_tabs_and_every_script():
    text = "line one\n\tline two: مرحبا שלום 你好 😀 👩‍👩‍👧 é ﷽"
    assert output.visible(text) == text


@given(st.text())
def test_visible_leaves_nothing_a_terminal_acts_on_and_is_settled_after_one_pass(text):
    once = output.visible(text)
    assert _unsafe(once) == []
    assert output.visible(once) == once


@given(st.text())
def test_json_output_parses_to_the_text_it_was_given(text):
    import io

    stream = io.StringIO()
    real, sys.stdout = sys.stdout, stream
    try:
        output.print_json({"text": text})
    finally:
        sys.stdout = real
    assert json.loads(stream.getvalue()) == {"text": text}
    assert _unsafe(stream.getvalue()) == []


def test_cell_width_counts_wide_characters_twice_and_marks_not_at_all():
    assert output.cell_width("abc") == 3
    assert output.cell_width("你好") == 4
    assert output.cell_width("😀") == 2
    assert output.cell_width("e\u0301") == 1
    assert output.cell_width("مرحبا") == 5


def test_shorten_cuts_by_columns_and_collapses_lines():
    assert output.shorten("one\ntwo   three", 50) == "one two three"
    assert output.shorten("你好你好你好", 7) == "你好你…"
    assert output.shorten("a\x1bb", 50) == r"a\x1bb"


# --- layout: nothing a person types is cut, narrow terminals wrap --------------------------------


WORDY_RECORD = [
    "Team meeting number 0, where I stayed quiet about the budget",
    "If I disagree my boss will think I'm difficult and reprimand me",
    "anxious 80 → 40, ashamed 60",
]
WORDY_EXPERIMENT = [
    "Say one thing I disagree with in Monday's planning meeting",
    "If I disagree in the meeting my boss will reprimand me",
]


@pytest.fixture
def wordy(journal_path: Path) -> Path:
    """Three records and two experiments in ordinary words, long enough to wrap."""
    with open_journal(journal_path) as opened:
        for n in range(3):
            opened.add_record(
                entry.new_record(
                    RecordInput(
                        situation=f"Team meeting number {n}, where I stayed quiet about the budget",
                        emotions=["anxious=80", "ashamed=60"],
                        emotions_after=["anxious=40"],
                        thoughts=[
                            "If I disagree my boss will think I'm difficult and reprimand me"
                        ],
                        distortions=["fortune-telling", "overgeneralization"],
                        reframe="Disagreeing politely is part of the job, and she has asked for views",
                    )
                )
            )
        for _ in range(2):
            opened.add_experiment(
                entry.new_experiment(
                    ExperimentInput(
                        belief="If I disagree in the meeting my boss will reprimand me",
                        plan="Say one thing I disagree with in Monday's planning meeting",
                        when="2026-12-07 10:00",
                        expected_distress="70",
                        confidence="85",
                    )
                )
            )
    return journal_path


def _words(text: str) -> set[str]:
    return set(_plain(text).split())


@pytest.mark.parametrize("width", ["80", "60", "40", "30"])
def test_distortions_shows_every_slug_whole(cli, terminal, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", width)
    words = _words(cli("distortions").stdout)
    for distortion in CATALOGUE:
        assert distortion.slug in words, distortion.slug


@pytest.mark.parametrize("width", ["120", "80", "40", "20"])
@pytest.mark.parametrize(
    "args", [["list"], ["experiment", "list"], ["show", "1"], ["experiment", "show", "1"]]
)
def test_a_narrow_terminal_wraps_words_and_never_cuts_them(
    cli, wordy, terminal, monkeypatch, args, width
):
    monkeypatch.setenv("COLUMNS", width)
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    lines = _STYLE.sub("", result.stdout).splitlines()
    assert max(output.cell_width(line) for line in lines) <= int(width)
    words = _words(result.stdout)
    source = "Team meeting number 0, where I stayed quiet about the budget".split()
    if args[0] == "experiment":
        source = "Say one thing I disagree with in Monday's planning meeting".split()
    # Every word whole, unless the terminal is narrower than the word itself; a list may end a
    # long text early, but after a whole word.
    assert {w for w in source[:5] if len(w) + 6 <= int(width)} <= words
    every_word = " ".join([*WORDY_RECORD, *WORDY_EXPERIMENT]).split()
    assert {w[:-1] for w in words if w.endswith("…")} <= {*every_word, ""}


@pytest.mark.parametrize("width", ["120", "80", "40", "20"])
def test_list_always_shows_the_ids_and_the_situations(cli, wordy, terminal, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", width)
    words = _words(cli("list").stdout)
    assert {"1", "2", "3", "Team", "meeting", "quiet"} <= words


def test_list_at_80_columns_is_a_table(cli, wordy, terminal, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert "┃" in cli("list").stdout


def test_wrapped_lines_in_show_keep_their_indent(cli, wordy, terminal, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    lines = _STYLE.sub("", cli("show", "1").stdout).splitlines()
    start = next(i for i, line in enumerate(lines) if "Balanced thought" in line)
    reframe = lines[start + 1 : start + 4]
    assert all(line.startswith("│   ") and line[4] != " " for line in reframe), reframe
    assert "Disagreeing politely is part of the job, and she has asked for views" == " ".join(
        line.strip("│ ") for line in reframe
    )


def test_show_keeps_the_indent_of_every_line_of_a_text_with_line_breaks(cli, journal_path):
    cli("add", "-s", "first line\nsecond line\n  third, indented")
    lines = cli("show", "1").stdout.splitlines()
    start = lines.index("Situation")
    assert lines[start + 1 : start + 4] == ["  first line", "  second line", "    third, indented"]


def test_a_narrow_show_keeps_the_record_id_in_its_title(cli, wordy, terminal, monkeypatch):
    monkeypatch.setenv("COLUMNS", "30")
    first = _plain(cli("show", "2").stdout)
    assert first.startswith("Record 2 · ")


def test_piped_columns_line_up_with_wide_characters(cli, journal_path):
    cli("add", "-s", "会議で黙っていた 😀", "-t", "Ok")
    cli("add", "-s", "Plain", "-t", "Ok")
    lines = cli("list").stdout.splitlines()
    starts = {output.cell_width(line[: line.index("Ok")]) for line in lines[1:]}
    assert len(starts) == 1


# --- a real pseudo-terminal ---------------------------------------------------------------------


def _run_in_pty(args: list[str], env: dict[str, str]) -> bytes:
    """The bytes a terminal receives from thoughtlog: stdout and stderr on one pseudo-terminal."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "thoughtlog", *args],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=env,
            close_fds=True,
        )
        os.close(follower)
        received = b""
        while True:
            ready, _, _ = select.select([leader], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end closed: the command is done
                break
            if not chunk:
                break
            received += chunk
        process.wait(timeout=60)
        assert process.returncode == 0, received.decode(errors="replace")[-500:]
        return received
    finally:
        os.close(leader)


def test_through_a_real_terminal_no_view_sends_a_control_character(odd_journal):
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "40"}
    env.pop("NO_COLOR", None)
    from concurrent.futures import ThreadPoolExecutor

    with_escape = 2 + CONTROLS.index("\x1b") // 6
    views = [["list"], ["show", str(with_escape)], ["experiment", "show", "2"]]
    with ThreadPoolExecutor(max_workers=3) as pool:
        received = list(pool.map(lambda args: _run_in_pty(args, env), views))
    for args, data in zip(views, received):
        text = data.decode("utf-8").replace("\r\n", "\n")
        assert "\x1b[" in text, args  # it did draw as on a terminal
        assert _unsafe(text) == [], args
        assert (r"<\x00>" if args[0] == "experiment" else r"<\x1b>") in _plain(text), args


@pytest.mark.parametrize("width", ["120", "pipe"])
def test_the_report_sends_no_control_character_to_the_terminal(
    cli, odd_journal, terminal, monkeypatch, width
):
    # The report quotes thoughts that come back: say each odd thought a second time.
    with open_journal(odd_journal) as opened:
        for text in ["[sigh] [a lot]", *(_tokens(group) for group in GROUPS)]:
            opened.add_record(
                entry.new_record(RecordInput(situation="again", thoughts=[text], tags=["work"]))
            )
    if width == "pipe":
        monkeypatch.setattr(output, "attached_to_terminal", lambda stream: False)
    result = cli("report")
    assert result.exit_code == 0, result.stderr
    assert _unsafe(result.stdout) == [] and _unsafe(result.stderr) == []
    shown = _plain(result.stdout)
    if width == "pipe":  # piped, the report is markdown: its escapes undone to compare
        for escaped, char in (("\\\\", "\\"), ("\\[", "["), ("\\]", "]"), ("&lt;", "<")):
            shown = shown.replace(escaped, char)
    assert "[sigh] [a lot]" in shown
    assert "ctl <\\x" in shown  # a thought made of control characters, written out


def test_an_error_message_shows_the_text_it_quotes_visibly(cli, journal_path):
    result = cli("add", "-s", "x", "-e", "\x1b]0;t\x07=5000")
    assert result.exit_code == 2
    assert _unsafe(result.stderr) == []


def test_every_message_is_made_visible(capsys):
    output.say("Saved 'a\x1b]0;t\x07b'.\nNext line")
    assert capsys.readouterr().err == "Saved 'a\\x1b]0;t\\x07b'.\nNext line\n"


def test_text_from_someone_elses_import_file_is_shown_as_text_and_kept_exact(
    cli, journal_path, tmp_path, terminal
):
    situation = "Budget call \x1b]0;pwned\x07 [name redacted] \x1b[2J\x9b31m fine [/s]"
    shared = tmp_path / "shared.json"
    shared.write_text(
        json.dumps(
            {
                "format": "thoughtlog",
                "version": 1,
                "records": [{"situation": situation, "occurred_at": "2026-11-20T14:30:00+00:00"}],
                "experiments": [],
            }
        ),
        encoding="utf-8",
    )
    assert cli("import", str(shared)).exit_code == 0
    for args in (["list"], ["show", "1"], ["search", "budget"]):
        result = cli(*args)
        assert _unsafe(result.stdout) == [], args
        assert r"\x1b]0;pwned\x07 [name redacted]" in _plain(result.stdout), args
    exported = json.loads(cli("export", "--format", "json").stdout)
    assert exported["records"][0]["situation"] == situation


@pytest.mark.parametrize("width", ["40", "30"])
def test_the_report_on_a_narrow_terminal_wraps_its_tables_rather_than_cut_words(
    cli, terminal, monkeypatch, width
):
    monkeypatch.setenv("COLUMNS", width)
    for _ in range(2):
        added = cli(
            "add", "-s", "Team meeting", "-e", "anxious=80", "--emotion-after", "anxious=40",
            "-t", "If I disagree my manager will reprimand me", "--belief", "80",
            "-d", "fortune-telling", "--tag", "work",
        )  # fmt: skip
        assert added.exit_code == 0, added.stderr
    result = cli("report")
    assert result.exit_code == 0, result.stderr
    tables = _STYLE.sub("", result.stdout).split("Records", 1)[1]  # below the summary panel
    assert "…" not in tables
    words = re.findall(r"\w+", _plain(tables))
    for word in ["disagree", "manager", "reprimand", "anxious", "Fortune", "telling", "afternoon"]:
        assert word in words, word
    assert max(map(len, _STYLE.sub("", result.stdout).splitlines())) <= int(width)


@pytest.mark.parametrize("columns", [20, 40, 80])
def test_a_long_error_on_a_narrow_terminal_breaks_between_words(cli, monkeypatch, columns):
    monkeypatch.setattr(output, "attached_to_terminal", lambda stream: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    result = cli("script", "rehearse", "1", "--with", "dog")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    words = "Error: 'dog' isn't who you practised with: use --with therapist, friend, mirror or"
    assert " ".join(line for line in lines if not line.startswith("Try ")).startswith(words)
    assert all(output.cell_width(line) <= columns for line in lines if " " in line)


@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=200))
def test_a_message_broken_for_the_terminal_keeps_every_word(text):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(output, "stderr_is_terminal", lambda: True)
        patch.setenv("COLUMNS", "30")
        broken = output.for_stderr(text)
    assert broken.split() == text.split() or "".join(broken.split()) == "".join(text.split())


# Words as people write them: brackets, emoji, right-to-left script, an escape sequence.
_WORDS = st.sampled_from(
    ["boss", "[b]", "[/b]", "colleague", "😀", "❤️", "مرحبا", "שלום", "\x1b[31m", "你好", "Jonas"]
)
_NAMES = st.lists(_WORDS, min_size=1, max_size=3).map(" ".join)


@given(
    names=st.lists(_NAMES, min_size=1, max_size=4, unique=True),
    width=st.integers(min_value=20, max_value=100),
)
def test_a_report_table_fits_any_terminal_whole_with_every_word_of_it(names, width):
    """However narrow the terminal and whatever the names, a table of the report is drawn to its
    right-hand border or as blocks, and every word of it, headings too, can be read."""
    import io

    from rich.console import Console

    from thoughtlog.report_formats import draw_page
    from thoughtlog.report_sections import Column, Layout, Section

    table = Section(
        "Steps, by who they were with",
        columns=[Column("With"), Column("Done", True), Column("Feared reaction came", True)],
        rows=[[name, str(10 * i + 5), "80 → 45"] for i, name in enumerate(names)],
    )
    screen = io.StringIO()
    draw_page(Layout("Progress", "2026", [table]), Console(file=screen, width=width))
    drawn = screen.getvalue()
    lines = drawn.splitlines()
    assert max(map(output.cell_width, lines)) <= width
    assert "…" not in drawn
    for line in lines:
        if line.startswith(tuple("┏┃┡│└")):
            assert line.rstrip()[-1] in "┓┃┩│┘", line
    words = set(_plain(drawn).replace(":", " ").split())
    expected = {"Done", "Feared", "reaction", "came", "80", "→", "45"}
    expected |= {output.visible(word) for name in names for word in name.split()}
    assert expected <= words


def test_a_table_turned_into_blocks_keeps_a_continued_row_with_its_block_and_no_empty_labels():
    import io

    from rich.console import Console

    from thoughtlog.report_formats import draw_page
    from thoughtlog.report_sections import Column, Layout, Section

    beliefs = Section(
        "My beliefs (0-100)",
        columns=[Column("#", True), Column("Belief"), Column("Old rule", True), Column("Rated")],
        rows=[
            ["1", "If I speak up I'll be punished", "80 → 40", "Sun 29 Nov"],
            ["", "new: Speaking up is usually safe", "", ""],
            ["2", "I must please everyone", "70", "Mon 30 Nov"],
        ],
    )
    screen = io.StringIO()
    draw_page(Layout("Session", "2026", [beliefs]), Console(file=screen, width=30))
    lines = [line.rstrip() for line in screen.getvalue().splitlines()]
    first = lines.index("#1")
    assert lines[first : first + 9] == [
        "#1",
        "  Belief: If I speak up I'll",
        "  be punished",
        "  Old rule: 80 → 40",
        "  Rated: Sun 29 Nov",
        "  Belief: new: Speaking up is",
        "  usually safe",
        "",
        "#2",
    ]


def test_a_message_is_broken_to_the_width_of_the_terminal_stderr_reaches_when_stdout_is_piped(
    monkeypatch,
):
    class Stderr:
        def fileno(self) -> int:
            return 2

    def size(fd: int) -> os.terminal_size:
        if fd != 2:  # stdout goes to a pipe
            raise OSError("not a terminal")
        return os.terminal_size((40, 24))

    monkeypatch.setattr(output, "stderr_is_terminal", lambda: True)
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys, "stderr", Stderr())
    monkeypatch.setattr(os, "get_terminal_size", size)
    message = "Preview only: nothing was written, and it doesn't count as a session page."
    lines = output.for_stderr(message).split("\n")
    assert max(map(len, lines)) <= 40
    assert " ".join(lines) == message
