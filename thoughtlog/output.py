"""The output module: data to stdout (rich on a terminal, plain text when piped, or JSON), messages to stderr.

rich is imported only when it draws on a terminal, so piped and scripted use starts quickly. Colour
follows NO_COLOR (rich reads it); TERM=dumb gets the plain text a pipe gets, and no progress bar.
"""

from __future__ import annotations

import functools
import io
import os
import re
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import zip_longest
from typing import IO, TYPE_CHECKING, Any, TypeVar

from thoughtlog import worksheet
from thoughtlog.model import Experiment, Record

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from thoughtlog.agenda import AgendaItem
    from thoughtlog.beliefs import Belief
    from thoughtlog.distortions import Distortion
    from thoughtlog.scripts import Script
    from thoughtlog.storage import SearchHit
    from thoughtlog.storage.found import Found


T = TypeVar("T")

# Below these sizes a job ends before a progress bar would be any help.
PROGRESS_RECORDS = 2_000
PROGRESS_BYTES = 2_000_000  # about 2,000 records of exported JSON


def attached_to_terminal(stream: IO[Any]) -> bool:
    """Whether a stream is a terminal: the one check, so tests can stand a terminal in for it."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or already closed
        return False


def is_terminal() -> bool:
    """Whether data goes to a person at a capable terminal: rich tables and colour, not plain."""
    return attached_to_terminal(sys.stdout) and os.environ.get("TERM") != "dumb"


def stderr_is_terminal() -> bool:
    """Whether stderr can carry a progress bar: a terminal, and not TERM=dumb."""
    return attached_to_terminal(sys.stderr) and os.environ.get("TERM") != "dumb"


def console(*, stderr: bool = False) -> Console:
    """A rich console for a stream already known to be a terminal (rich still honours NO_COLOR).

    Strings printed on it are never read as markup or emoji codes: the person's text is drawn as
    rich.text.Text made by as_text(), so `[sigh]` and `fine [/s]` show as typed.
    """
    from rich.console import Console

    return Console(
        stderr=stderr,
        force_terminal=True,
        highlight=False,
        soft_wrap=False,
        markup=False,
        emoji=False,
    )


# C0 and C1 controls (newline and tab stay), DEL, the bidirectional embeddings, overrides and
# isolates (they reorder what follows them on the line, so a record could pass for another), the
# line and paragraph separators (some terminals start a line there, Python's splitlines() too),
# and surrogates, which is how Python keeps bytes that weren't UTF-8. The surrogates are written
# out apart (_SURROGATES): as 2,048 more entries here, they cost every command a millisecond to
# build the table.
_CONTROLS = {
    code: f"\\x{code:02x}"
    for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]
    if code not in (9, 10)
}
_CONTROLS.update(
    {
        code: f"\\u{code:04x}"
        for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]
    }
)
_SURROGATES = re.compile("[\ud800-\udfff]")


def visible(text: str) -> str:
    """The person's text as it may be shown on a terminal: every control character and escape
    sequence written out visibly (ESC as \\x1b) instead of being sent to the terminal.

    The one place this is decided; newlines and tabs stay as they are. The stored text, JSON and
    CSV are never changed by it. Applying it twice changes nothing more.
    """
    shown = text.translate(_CONTROLS)
    if not shown.isascii() and _SURROGATES.search(shown):
        shown = _SURROGATES.sub(lambda found: f"\\u{ord(found[0]):04x}", shown)
    return shown


def as_text(value: str, style: str | None = None) -> Text:
    """The person's text as a rich Text for a terminal: made visible(), never read as markup."""
    from rich.text import Text

    return Text(visible(value), style=style or "")


def cell_width(value: str) -> int:
    """How many terminal columns a line takes: wide (East Asian, emoji) characters take two, marks
    and joiners none. Without rich, so that piped output stays quick."""
    if value.isascii():
        return len(value)
    import unicodedata

    width = 0
    for char in value:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def say(message: str) -> None:
    """A message for the person (not data): to stderr, so pipes carry only data.

    Made visible(), so a message that quotes the person's text (or an import file's) can't carry
    a control character to the terminal.
    """
    print(for_stderr(visible(message)), file=sys.stderr)


def _stderr_width() -> int:
    """How wide the terminal stderr reaches is: COLUMNS when set, else asked of stderr itself (not
    of stdout, as shutil would: with stdout piped that gives 80, and a 40-column terminal would
    cut the words at its edge), else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):  # no fileno, or not a terminal after all
        return 80


def for_stderr(message: str) -> str:
    """A message as it should reach stderr: on a terminal, each line broken between words to the
    terminal's width (a continuation keeps the line's indent), so that no word is cut in two at
    the edge; anywhere else, as it is."""
    if not stderr_is_terminal():
        return message
    width = _stderr_width()
    lines = []
    for line in message.split("\n"):
        if cell_width(line) <= width:
            lines.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        room = max(width - len(indent), 10)
        lines += [indent + part for part in wrapped(line.strip(" "), room)]
    return "\n".join(lines)


@contextmanager
def progress(
    total: int | Callable[[], int | None] | None,
    description: str,
    *,
    in_bytes: bool = False,
    pulse: bool = False,
) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for a long job; yields advance(amount=1) for the work done.

    The bar is drawn only when stderr is a terminal and the job is big (PROGRESS_RECORDS records,
    or PROGRESS_BYTES with in_bytes); otherwise advance does nothing and rich isn't imported.
    total may be a function, so the counting is paid only when a bar could be drawn. With pulse,
    total only decides whether the job is big, and the bar shows that work goes on, not how much
    is left. The bar is transient: it is gone before the command's own last line prints.
    """
    if not stderr_is_terminal():
        yield _no_progress
        return
    size = total() if callable(total) else total
    if size is None or size < (PROGRESS_BYTES if in_bytes else PROGRESS_RECORDS):
        yield _no_progress
        return
    from rich import progress as bars

    columns: list[Any] = [bars.TextColumn("{task.description}"), bars.BarColumn()]
    if pulse:
        columns.append(bars.TimeElapsedColumn())
    else:
        amount = bars.DownloadColumn() if in_bytes else bars.MofNCompleteColumn()
        columns += [bars.TaskProgressColumn(), amount, bars.TimeRemainingColumn()]
    # Only stderr is drawn on; stdout is left alone, so data and the bar never share a stream.
    with bars.Progress(
        *columns,
        console=console(stderr=True),
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as bar:
        task = bar.add_task(description, total=None if pulse else size)
        yield lambda amount=1: bar.advance(task, amount)


def _no_progress(amount: int = 1) -> None:
    pass


def counted(
    items: Iterable[T], advance: Callable[[int], None], size: Callable[[T], int] | None = None
) -> Iterable[T]:
    """The items, advancing a progress bar as each is taken (as they are, without a bar): by one,
    or by size(item) for an item that stands for several (a run of records)."""
    if advance is _no_progress:
        return items

    def advancing() -> Iterator[T]:
        for item in items:
            yield item
            advance(1 if size is None else size(item))

    return advancing()


def reading(source: IO[bytes], advance: Callable[[int], None]) -> IO[bytes]:
    """The source, advancing a progress bar by the bytes read from it (as it is, without a bar)."""
    if advance is _no_progress:
        return source
    return _ProgressReader(source, advance)  # type: ignore[return-value]


class _ProgressReader(io.RawIOBase):
    """A binary source that advances a progress bar by the bytes read from it."""

    def __init__(self, source: IO[bytes], advance: Callable[[int], None]):
        self.source = source
        self.advance = advance

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.source.read(len(buffer))
        buffer[: len(data)] = data
        if data:
            self.advance(len(data))
        return len(data)


# What json.dumps leaves raw that a terminal could act on: DEL, the C1 controls, the bidi controls
# and the line separators. They only ever stand inside strings, where \uXXXX means the same.
_JSON_ESCAPES = {
    code: f"\\u{code:04x}"
    for code in [0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
    + [0x2028, 0x2029]
}


def json_text(data: Any) -> str:
    """The one way thoughtlog writes JSON: UTF-8, indented, keys in the order the design gives.

    Exact: it parses to the data as stored. Every control character in it is written as an
    escape, so JSON shown on a terminal can't drive the terminal either. A list of plain values
    (ids, weekly counts) stands on one line, written by the C encoder: a report over years holds
    long lists of ids, which the indenting encoder would write a line and a Python call apiece.
    """
    return _indented(data, "", _encoder()).translate(_JSON_ESCAPES) + "\n"


def _plain(value: Any) -> Any:
    """What the encoder can't write itself: an array of numbers (a report's record ids)."""
    from array import array

    if isinstance(value, array):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} can't be written as JSON")


@functools.cache
def _encoder() -> Callable[[Any], str]:
    """The C encoder, made when JSON is first written: a command that prints none (most of them
    on a terminal) doesn't import json for it."""
    import json

    return json.JSONEncoder(ensure_ascii=False, default=_plain).encode


def _indented(value: Any, indent: str, encode: Callable[[Any], str]) -> str:
    inner = indent + "  "
    if isinstance(value, dict) and value:
        items = (
            f"{inner}{encode(key if isinstance(key, str) else encode(key))}: "
            + _indented(item, inner, encode)
            for key, item in value.items()
        )
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list | tuple) and any(
        isinstance(item, dict | list | tuple) for item in value
    ):
        lines = (inner + _indented(item, inner, encode) for item in value)
        return "[\n" + ",\n".join(lines) + f"\n{indent}]"
    return encode(value)


def print_json(data: Any) -> None:
    sys.stdout.write(json_text(data))


def print_lines(lines: Iterable[str]) -> None:
    sys.stdout.write("".join(line + "\n" for line in lines))


def shorten(text: str, width: int) -> str:
    """The person's text on one line of at most width columns, made visible(), cut after a word
    with '…' where it is longer."""
    line = " ".join(visible(text).split())
    if cell_width(line) <= width:
        return line
    kept, used = [], 1  # room for the ellipsis
    for char in line:
        used += cell_width(char)
        if used > width:
            break
        kept.append(char)
    cut = "".join(kept)
    if line[len(cut)] != " " and " " in cut[width // 2 :]:  # end on a whole word where one is near
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


@dataclass(frozen=True)
class Column:
    """A column of a table: its header, and how its cells may be laid out on a narrow terminal."""

    header: str
    # What a person types back (an id, a slug) or takes in at a glance (a date): never wrapped or cut.
    typed: bool = False
    # In the narrow layout, on each entry's first line rather than labelled below it.
    headline: bool = False


# A column of text is never drawn narrower than this (or than its longest word, if that is less):
# a table that can't give each one that much lays its rows out one below the other instead.
NARROWEST_TEXT_COLUMN = 10


def _table(columns: list[Column], rows: list[list[str]]) -> None:
    """The one table layout: rich on a terminal, plain aligned columns when piped (no colour, no
    box). Every cell is made visible() here, so no caller can forget it."""
    rows = [[visible(cell) for cell in row] for row in rows]
    if not is_terminal():
        widths = _natural_widths(columns, rows)
        for row in [[column.header for column in columns], *rows]:
            print_lines(["  ".join(_pad(cell, width) for cell, width in zip(row, widths)).rstrip()])
        return
    out = console()
    table = _fitted_table(columns, rows, out.width)
    if table is not None:
        out.print(table)
    else:
        _entries(out, columns, rows)


def _fitted_table(columns: list[Column], rows: list[list[str]], room: int, **options: Any):
    """A rich table of already visible() cells that fits in room columns with no typed cell cut
    or wrapped and no word split across lines, or None when there is no such table."""
    from rich.table import Table

    natural = _natural_widths(columns, rows)
    least = [
        width if column.typed else _narrowest(column, [row[i] for row in rows], width)
        for i, (column, width) in enumerate(zip(columns, natural))
    ]
    room -= 3 * len(columns) + 1  # a border and a space either side of each cell
    if sum(least) > room:
        return None
    widths = natural
    if sum(natural) > room:  # share out what is left over the minimum by how much each would use
        spare, wanted = room - sum(least), sum(natural) - sum(least)
        widths = [low + (high - low) * spare // wanted for low, high in zip(least, natural)]
    table = Table(header_style="bold", **options)
    for column, width in zip(columns, widths):
        table.add_column(column.header, no_wrap=column.typed, width=width, overflow="fold")
    for row in rows:
        table.add_row(*(as_text(cell) for cell in row))
    return table


def _entries(out: Console, columns: list[Column], rows: list[list[str]]) -> None:
    """A narrow terminal's table: each row as a first line of its headline cells, then its other
    cells labelled below it, wrapped under their own indent."""
    from rich.padding import Padding
    from rich.text import Text

    for number, row in enumerate(rows):
        if number:
            out.print()
        headline = [
            as_text(cell, "bold" if not index else None)
            for index, (column, cell) in enumerate(zip(columns, row))
            if column.headline and cell
        ]
        out.print(Text("  ").join(headline))
        for column, cell in zip(columns, row):
            if not column.headline and cell:
                labelled = Text.assemble((f"{column.header}: ", "dim"), as_text(cell))
                out.print(Padding(labelled, (0, 0, 0, 2)))


def _narrowest(column: Column, cells: list[str], natural: int) -> int:
    """How narrow a column of text may be: its longest word, and NARROWEST_TEXT_COLUMN unless all
    of it is shorter than that."""
    longest = max(map(_longest_word, [column.header, *cells]))
    return max(longest, min(natural, NARROWEST_TEXT_COLUMN))


def _natural_widths(columns: list[Column], rows: list[list[str]]) -> list[int]:
    return [
        max([cell_width(column.header), *(_widest_line(row[i]) for row in rows)])
        for i, column in enumerate(columns)
    ]


def _longest_word(cell: str) -> int:
    return max(map(cell_width, cell.split()), default=0)


def _widest_line(cell: str) -> int:
    return max(cell_width(line) for line in cell.split("\n"))


def _pad(cell: str, width: int) -> str:
    return cell + " " * (width - cell_width(cell))


# --- records ------------------------------------------------------------------------------------


def show_record(record: Record, experiments: list[Experiment] | None = None) -> None:
    sections = worksheet.sections(record, experiments)
    title = worksheet.title(record)
    if is_terminal():
        from rich.console import Group
        from rich.padding import Padding
        from rich.panel import Panel
        from rich.text import Text

        parts: list[RenderableType] = []
        for section in sections:
            parts.append(Text(section.heading, style="bold cyan"))
            style = "dim" if section.placeholder else None
            for line in section.lines:
                indent = 2 + len(line) - len(line.lstrip(" "))
                parts.append(Padding(as_text(line.lstrip(" "), style), (0, 0, 0, indent)))
        out = console()
        if cell_width(title) + 6 <= out.width:
            out.print(Panel(Group(*parts), title=Text(title), title_align="left"))
        else:  # a panel would cut its title short; the record's id is in it
            out.print(Text(title, style="bold"))
            out.print(Panel(Group(*parts)))
        return
    lines = [title, ""]
    for section in sections:
        lines.append(section.heading)
        for line in section.lines:
            indent = " " * (2 + len(line) - len(line.lstrip(" ")))
            lines.extend(indent + part for part in visible(line.lstrip(" ")).split("\n"))
    print_lines(lines)


def _record_row(record: Record) -> list[str]:
    hot = record.hot_thought
    feelings = ", ".join(
        f"{e.name} {worksheet.rating_change(e.before, e.after)}".rstrip() for e in record.emotions
    )
    return [
        str(record.id),
        record.occurred_at.strftime("%a %d %b %H:%M"),
        shorten(record.situation, 50),
        shorten(feelings, 30),
        shorten(hot.text, 50) if hot else "",
        "" if record.complete else "incomplete",
    ]


RECORD_COLUMNS = [
    Column("id", typed=True, headline=True),
    Column("when", typed=True, headline=True),
    Column("situation"),
    Column("feelings"),
    Column("hot thought"),
    Column("", typed=True, headline=True),
]


def show_records(records: list[Record]) -> None:
    _table(RECORD_COLUMNS, [_record_row(r) for r in records])


_WHITESPACE = re.compile(r"\s+")


def _highlighted(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet on one line, made visible(), in pieces that say whether each is a match."""
    from thoughtlog.storage import HIGHLIGHT_END, HIGHLIGHT_START

    pieces, rest = [], snippet
    while rest:
        before, start, rest = rest.partition(HIGHLIGHT_START)
        pieces.append((before, False))
        if start:
            match, _, rest = rest.partition(HIGHLIGHT_END)
            pieces.append((match, True))
    pieces = [(_WHITESPACE.sub(" ", visible(piece)), match) for piece, match in pieces if piece]
    if pieces:
        pieces[0] = (pieces[0][0].lstrip(), pieces[0][1])
        pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
    return pieces


def show_hits(hits: list[SearchHit]) -> None:
    terminal = is_terminal()
    out = console() if terminal else None
    for hit in hits:
        record = hit.record
        when = record.occurred_at.strftime("%a %d %b %Y %H:%M")
        heading = f"{record.id}  {when}  {shorten(record.situation, 60)}"
        _show_hit(out, heading, hit.snippet, heading_style="bold")


def _show_hit(out: Any, heading: str, snippet: str, *, heading_style: str) -> None:
    """One thing found: its heading, then its snippet indented, the matches marked (in bold
    yellow on a terminal, where out is its console; in [brackets] elsewhere)."""
    pieces = _highlighted(snippet)
    if out is not None:
        from rich.padding import Padding
        from rich.text import Text

        marked = Text()
        for piece, match in pieces:
            marked.append(piece, style="bold yellow" if match else "")
        out.print(Text(heading, style=heading_style))
        out.print(Padding(marked, (0, 0, 0, 2)))
    else:
        shown = "".join(f"[{piece}]" if match else piece for piece, match in pieces)
        print_lines([heading, "  " + shown])


# How a found item of another kind than a record is headed: its kind and id first, so that it is
# never taken for a record, then its own words (storage.found.KINDS names the kinds).
FOUND_HEADINGS: dict[str, Callable[[Any], str]] = {
    "belief": lambda belief: f"Belief {belief.id}  {shorten(belief.text, 60)}",
    "script": lambda script: f"Script {script.id}  {shorten(script.title, 60)}",
}


def show_found(found: list[Found], *, after_records: bool) -> None:
    """Beliefs (and other kinds) that matched a search, below the records, each with its id."""
    if not found:
        return
    out = console() if is_terminal() else None
    if after_records:  # a blank line between the records and the rest
        out.print() if out is not None else print_lines([""])
    for item in found:
        heading = FOUND_HEADINGS[item.kind](item.item)
        _show_hit(out, heading, item.snippet, heading_style="bold magenta")


DISTORTION_COLUMNS = [
    Column("slug", typed=True, headline=True),
    Column("name", headline=True),
    Column("what it is"),
    Column("for example"),
]


def show_distortions(catalogue: Iterable[Distortion]) -> None:
    if is_terminal():
        _table(
            DISTORTION_COLUMNS, [[d.slug, d.name, d.meaning, f"“{d.example}”"] for d in catalogue]
        )
        return
    for d in catalogue:
        print_lines(
            [f"{d.slug}  ({d.name})", f"  {d.meaning}", f"  For example: “{d.example}”", ""]
        )


# --- experiments --------------------------------------------------------------------------------


def experiment_state(experiment: Experiment, now: datetime) -> str:
    if experiment.done:
        return f"done, came true: {experiment.came_true}"
    return "due" if experiment.is_due(now) else "planned"


EXPERIMENT_COLUMNS = [
    Column("id", typed=True, headline=True),
    Column("when", typed=True, headline=True),
    Column("small step"),
    Column("expected distress"),
    Column("status", headline=True),
    Column("belief tested"),
]


def show_experiments(experiments: list[Experiment], now: datetime) -> None:
    rows = [
        [
            str(e.id),
            e.planned_for.strftime("%a %d %b %H:%M") if e.planned_for else "",
            shorten(e.plan, 45),
            "" if e.expected_distress is None else str(e.expected_distress),
            experiment_state(e, now),
            shorten(e.belief, 45),
        ]
        for e in experiments
    ]
    _table(EXPERIMENT_COLUMNS, rows)


def show_experiment(experiment: Experiment, now: datetime, *, script: str | None = None) -> None:
    e = experiment
    when = e.planned_for.strftime("%a %d %b %Y, %H:%M") if e.planned_for else "not set"
    title = f"Experiment {e.id} · {experiment_state(e, now)}"
    prediction = [
        ("Belief tested", e.belief),
        ("Confidence in it", _number(e.confidence_before)),
        ("Small step", e.plan),
        ("When", when),
        ("Expected distress", _number(e.expected_distress)),
        ("From record", str(e.record_id) if e.record_id else "–"),
        ("With", e.with_ or "–"),
        ("Reaction feared", e.feared_reaction or "–"),
        ("How likely it seemed", _number(e.p_feared)),
        ("Safety behaviours to drop", _items(e.safety_behaviours)),
    ]
    if script:
        prediction.append(("Script used", script))
    outcome = [
        ("What happened", e.outcome or "–"),
        ("Feared outcome came true", e.came_true or "–"),
        ("Their reaction", e.reaction or "–"),
        ("Safety behaviours used", _items(e.safety_used)),
        ("How surprised I was", _number(e.surprise)),
        ("Actual distress", _number(e.actual_distress)),
        ("What I learned", e.learned or "–"),
        ("Confidence now", _number(e.confidence_after)),
    ]
    if e.done and e.done_at:
        from thoughtlog import dates

        outcome.insert(0, ("Taken", dates.from_text(e.done_at).strftime("%a %d %b %Y, %H:%M")))
    outcome_heading = "Outcome" if e.done else "Outcome (not yet)"
    if is_terminal():
        _draw_experiment(title, prediction, outcome_heading, outcome)
        return
    lines = [title, "", "Prediction"]
    lines += _labelled(prediction)
    lines += ["", outcome_heading]
    lines += _labelled(outcome)
    print_lines(lines)


def _items(items: list[str] | None) -> str:
    """A list of safety behaviours; [] is the person saying none."""
    if items is None:
        return "–"
    return ", ".join(items) if items else "none"


def _labelled(pairs: list[tuple[str, str]]) -> list[str]:
    """'  Label: value' lines; a value's own further lines are indented under its label."""
    return [
        f"  {label}: " + visible(value).replace("\n", "\n" + " " * (len(label) + 4))
        for label, value in pairs
    ]


def _draw_experiment(
    title: str,
    prediction: list[tuple[str, str]],
    outcome_heading: str,
    outcome: list[tuple[str, str]],
) -> None:
    """The prediction beside the outcome when the terminal is wide enough, one above the other
    when it isn't."""
    from rich.padding import Padding
    from rich.text import Text

    out = console()
    columns = [
        Column("Prediction", typed=True),
        Column(""),
        Column(outcome_heading, typed=True),
        Column(""),
    ]
    rows = [
        [l1, visible(v1), l2, visible(v2)]
        for (l1, v1), (l2, v2) in zip_longest(prediction, outcome, fillvalue=("", ""))
    ]
    table = _fitted_table(columns, rows, out.width, title=Text(title), title_justify="left")
    if table is not None:
        out.print(table)
        return
    out.print(Text(title, style="bold"))
    for heading, pairs in (("Prediction", prediction), (outcome_heading, outcome)):
        out.print(Text(heading, style="bold cyan"))
        for label, value in pairs:
            labelled = Text.assemble((f"{label}: ", "dim"), as_text(value))
            out.print(Padding(labelled, (0, 0, 0, 2)))


def _number(value: int | None) -> str:
    return "–" if value is None else str(value)


# --- long-term beliefs --------------------------------------------------------------------------

BELIEF_COLUMNS = [
    Column("id", typed=True, headline=True),
    Column("belief"),
    Column("now", typed=True),
    Column("over time", typed=True),
    Column("new belief"),
]


def show_beliefs(found: list[Belief]) -> None:
    from thoughtlog.beliefs import sparkline

    rows = []
    for belief in found:
        last = belief.last_rating
        now = "" if last is None else f"{_number(last.old)} / {_number(last.new)}"
        rows.append(
            [
                str(belief.id),
                shorten(belief.text, 45),
                now,
                sparkline([r.old for r in belief.ratings][-20:]),
                shorten(belief.new_text or "", 35),
            ]
        )
    _table(BELIEF_COLUMNS, rows)


def show_belief(
    belief: Belief, steps: list[Experiment], scripts: Sequence[tuple[int, str]] = ()
) -> None:
    """A belief's trajectory: its ratings over time (sparklines), the steps that tested it, the
    scripts practised against it and the evidence for the new one, oldest first."""
    from thoughtlog.beliefs import sparkline
    from thoughtlog.steps import feared_came

    lines = [f"Belief {belief.id}: {visible(belief.text)}"]
    if belief.new_text:
        lines.append(f"New belief: {visible(belief.new_text)}")
    lines.append("")
    if belief.ratings:
        first, last = belief.ratings[0], belief.ratings[-1]
        lines += [
            f"Old belief  {sparkline([r.old for r in belief.ratings])}"
            f"  {_number(first.old)} → {_number(last.old)}",
            f"New belief  {sparkline([r.new for r in belief.ratings])}"
            f"  {_number(first.new)} → {_number(last.new)}",
            "",
            "Ratings (old / new):",
            *(f"  {r.at[:16].replace('T', ' ')}  {_number(r.old)} / {_number(r.new)}"
              for r in belief.ratings),
        ]  # fmt: skip
    else:
        lines.append(f"Not rated yet: 'thoughtlog belief rate {belief.id} --old N'.")
    if steps:
        lines += ["", "Steps that tested it:"]
        for step in steps:
            came = feared_came(step)
            state = (
                "planned"
                if not step.done
                else "feared reaction came"
                if came
                else "feared reaction didn't come"
                if came is False
                else "done"
            )
            lines.append(f"  {step.id}. {shorten(step.plan, 60)} ({state})")
    if scripts:
        lines += ["", "Scripts practised against it:"]
        lines += [f"  {script_id}. {shorten(title, 60)}" for script_id, title in scripts]
    if belief.evidence:
        lines += ["", "Evidence for the new belief:"]
        lines += [f"  {e.at[:10]}  {shorten(e.text, 70)}" for e in belief.evidence]
    if belief.record_ids:
        lines += ["", "Records: " + ", ".join(str(i) for i in belief.record_ids)]
    if is_terminal():
        from rich.text import Text

        console().print(Text("\n".join(lines)))
    else:
        print_lines(lines)


def show_agenda(items: list[AgendaItem], *, with_state: bool = False) -> None:
    """The agenda as a table: id, the day it was added, its words (and, for --all, when done)."""
    columns = [Column("id", typed=True, headline=True), Column("added", typed=True), Column("item")]
    if with_state:
        columns.append(Column("done", typed=True))
    from thoughtlog import dates

    def day(moment: str) -> str:  # kept in UTC, shown as the day it was here
        return dates.from_text(moment).astimezone().date().isoformat()

    rows = []
    for item in items:
        row = [str(item.id), day(item.created_at), item.text]
        if with_state:
            row.append(day(item.done_at) if item.done_at else "")
        rows.append(row)
    _table(columns, rows)


# --- assertive scripts --------------------------------------------------------------------------

SCRIPT_COLUMNS = [
    Column("id", typed=True, headline=True),
    Column("script"),
    Column("with"),
    Column("rehearsed", typed=True),
    Column("confidence", typed=True),
    Column("used", typed=True),
]
CARD_WIDTH = 40  # a card fits a phone held upright, or a slip of paper in a pocket


def _confidence(script: Script) -> str:
    from thoughtlog.scripts import confidence_change

    first, last = confidence_change(script)
    if first is None and last is None:
        return ""
    return f"{_number(first)} → {_number(last)}"


def show_scripts(found: list[Script]) -> None:
    rows = [
        [
            str(script.id),
            shorten(script.title, 45),
            shorten(script.with_ or "", 20),
            str(len(script.rehearsals)) if script.rehearsals else "",
            _confidence(script),
            str(len(script.experiment_ids)) if script.experiment_ids else "",
        ]
        for script in found
    ]
    _table(SCRIPT_COLUMNS, rows)


def show_script(script: Script, steps: list[Experiment]) -> None:
    """A script's parts, its rehearsals oldest first, and the steps that used it."""
    from thoughtlog.scripts import PARTS

    lines = [f"Script {script.id}: {visible(script.title)}"]
    headings = {0}
    if script.with_:
        lines.append(f"With: {visible(script.with_)}")
    if script.situation and script.title != script.situation:
        lines.append(f"When: {visible(script.situation)}")
    if script.belief_id is not None:
        lines.append(f"Works against belief {script.belief_id}")
    for part in PARTS:
        text = getattr(script, part.key)
        lines.append("")
        headings.add(len(lines))
        lines.append(part.heading)
        lines += ["  " + line for line in visible(text).split("\n")] if text else ["  –"]
    lines.append("")
    if script.rehearsals:
        headings.add(len(lines))
        lines.append("Rehearsals (confidence before → after)")
        for r in script.rehearsals:
            when = r.at[:16].replace("T", " ")
            line = f"  {when}  {r.with_:<9}  {_number(r.before)} → {_number(r.after)}"
            lines.append(line + (f"  {shorten(r.note, 40)}" if r.note else ""))
    else:
        lines.append(
            f"Not rehearsed yet: 'thoughtlog script rehearse {script.id} --with therapist'."
        )
    if steps:
        lines.append("")
        headings.add(len(lines))
        lines.append("Used in steps")
        for step in steps:
            state = "done" if step.done else "planned"
            lines.append(f"  {step.id}. {shorten(step.plan, 60)} ({state})")
    _page(lines, headings)


def show_script_card(script: Script) -> None:
    """The four parts and nothing else, wrapped to CARD_WIDTH columns (or the terminal's, when
    it is narrower), to carry into the room."""
    width = CARD_WIDTH
    if is_terminal():
        width = max(12, min(width, console().width))
    lines = wrapped(visible(script.title), width)
    lines.append("─" * width)
    headings = set()
    for part, text in script.parts:
        headings.add(len(lines))
        lines.append(part.heading.upper())
        for paragraph in visible(text).split("\n"):
            lines += ["  " + line for line in wrapped(paragraph, width - 2)]
    _page(lines, headings)


def _page(lines: list[str], headings: Collection[int] = ()) -> None:
    """Lines already made visible(), as they are: never read as markup. On a terminal the lines
    numbered in headings are bold, and a long line wraps under its own indent."""
    if not is_terminal():
        print_lines(lines)
        return
    from rich.padding import Padding
    from rich.text import Text

    out = console()
    for number, line in enumerate(lines):
        text = line.lstrip(" ")
        style = "bold" if number in headings else ""
        out.print(Padding(Text(text, style=style), (0, 0, 0, len(line) - len(text)), expand=False))


def wrapped(text: str, width: int) -> list[str]:
    """Text in lines of at most width terminal columns, broken between words (inside a word
    only when the word alone is wider)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while cell_width(word) > width:  # a very long word: as much as fits, then the rest
            room, cut = width - (cell_width(line) + 1 if line else 0), 0
            while cut < len(word) and cell_width(word[: cut + 1]) <= room:
                cut += 1
            if cut == 0:
                lines.append(line)
                line = ""
                continue
            lines.append(f"{line} {word[:cut]}" if line else word[:cut])
            line, word = "", word[cut:]
        joined = f"{line} {word}" if line else word
        if cell_width(joined) <= width:
            line = joined
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines
