"""The output module: data to stdout (rich on a terminal, plain text when piped, or JSON), messages to stderr.

rich is imported only when it draws on a terminal, so piped and scripted use starts quickly. Colour
follows NO_COLOR (rich reads it); TERM=dumb gets the plain text a pipe gets, and no progress bar.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any, TypeVar

from thoughtlog import worksheet
from thoughtlog.model import Experiment, Record

if TYPE_CHECKING:
    from rich.console import Console

    from thoughtlog.distortions import Distortion
    from thoughtlog.storage import SearchHit


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
    """A rich console for a stream already known to be a terminal (rich still honours NO_COLOR)."""
    from rich.console import Console

    return Console(stderr=stderr, force_terminal=True, highlight=False, soft_wrap=False)


_CONTROLS = {
    code: f"\\x{code:02x}"
    for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]
    if code not in (9, 10)
}
_CONTROLS.update({code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)})  # undecodable bytes


def visible(text: str) -> str:
    """The person's text as it may be shown on a terminal: every control character and escape
    sequence written out visibly (ESC as \\x1b) instead of being sent to the terminal.

    The one place this is decided; newlines and tabs stay as they are. The stored text, JSON and
    CSV are never changed by it.
    """
    return text.translate(_CONTROLS)


def say(message: str) -> None:
    """A message for the person (not data): to stderr, so pipes carry only data."""
    print(message, file=sys.stderr)


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


def counted(items: Iterable[T], advance: Callable[[int], None]) -> Iterable[T]:
    """The items, advancing a progress bar by one as each is taken (as they are, without a bar)."""
    if advance is _no_progress:
        return items

    def advancing() -> Iterator[T]:
        for item in items:
            yield item
            advance(1)

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


def print_json(data: Any) -> None:
    """The one JSON output path: UTF-8, indented, keys in the order the design gives."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_lines(lines: Iterable[str]) -> None:
    sys.stdout.write("".join(line + "\n" for line in lines))


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _table(headers: list[str], rows: list[list[str]], *, wide: int) -> None:
    """A table: rich on a terminal, plain aligned columns when piped (no colour, no box)."""
    if is_terminal():
        from rich.table import Table

        table = Table(*headers, header_style="bold", expand=False)
        table.columns[wide].overflow = "fold"
        for row in rows:
            table.add_row(*row)
        console().print(table)
        return
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    for row in [headers, *rows]:
        print_lines(["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()])


# --- records ------------------------------------------------------------------------------------


def show_record(record: Record, experiments: list[Experiment] | None = None) -> None:
    sections = worksheet.sections(record, experiments)
    if is_terminal():
        from rich.panel import Panel
        from rich.text import Text

        body = Text()
        for section in sections:
            body.append(section.heading + "\n", style="bold cyan")
            for line in section.lines:
                style = "dim" if line.startswith("not ") else None
                body.append("  " + line + "\n", style=style)
        body.rstrip()  # in place: rich's Text.rstrip returns None
        console().print(Panel(body, title=worksheet.title(record), title_align="left"))
        return
    lines = [worksheet.title(record), ""]
    for section in sections:
        lines.append(section.heading)
        lines.extend("  " + line for line in "\n".join(section.lines).splitlines())
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


def show_records(records: list[Record]) -> None:
    _table(
        ["id", "when", "situation", "feelings", "hot thought", ""],
        [_record_row(r) for r in records],
        wide=4,
    )


def show_hits(hits: list[SearchHit]) -> None:
    from thoughtlog.storage import HIGHLIGHT_END, HIGHLIGHT_START

    terminal = is_terminal()
    out = console() if terminal else None
    for hit in hits:
        record = hit.record
        heading = f"{record.id}  {record.occurred_at.strftime('%a %d %b %Y %H:%M')}  {shorten(record.situation, 60)}"
        snippet = " ".join(hit.snippet.split())
        if out is not None:
            from rich.markup import escape

            marked = (
                escape(snippet)
                .replace(HIGHLIGHT_START, "[bold yellow]")
                .replace(HIGHLIGHT_END, "[/]")
            )
            out.print(f"[bold]{escape(heading)}[/]\n  {marked}")
        else:
            print_lines(
                [heading, "  " + snippet.replace(HIGHLIGHT_START, "[").replace(HIGHLIGHT_END, "]")]
            )


def show_distortions(catalogue: Iterable[Distortion]) -> None:
    if is_terminal():
        from rich.table import Table

        table = Table("slug", "name", "what it is", "for example", header_style="bold")
        for d in catalogue:
            table.add_row(d.slug, d.name, d.meaning, f"“{d.example}”")
        console().print(table)
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
    _table(
        ["id", "when", "small step", "expected distress", "status", "belief tested"], rows, wide=5
    )


def show_experiment(experiment: Experiment, now: datetime) -> None:
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
    ]
    outcome = [
        ("What happened", e.outcome or "–"),
        ("Feared outcome came true", e.came_true or "–"),
        ("Actual distress", _number(e.actual_distress)),
        ("What I learned", e.learned or "–"),
        ("Confidence now", _number(e.confidence_after)),
    ]
    if is_terminal():
        from rich.table import Table

        table = Table(
            "Prediction", "", "Outcome", "", title=title, title_justify="left", header_style="bold"
        )
        for (l1, v1), (l2, v2) in zip(prediction, [*outcome, ("", "")]):
            table.add_row(l1, v1, l2, v2)
        console().print(table)
        return
    lines = [title, "", "Prediction"]
    lines += [f"  {label}: {value}" for label, value in prediction]
    lines += ["", "Outcome" if e.done else "Outcome (not yet)"]
    lines += [f"  {label}: {value}" for label, value in outcome]
    print_lines(lines)


def _number(value: int | None) -> str:
    return "–" if value is None else str(value)
