"""The weekly report drawn from its one section layout: markdown, html, the terminal, and JSON.

Each renderer only decides how a section looks; what the report says is decided once, in
thoughtlog.report (figures and sentences) and thoughtlog.report_sections (the layout). Every
string of the layout is treated as the person's text: escaped for markdown and html, shown through
output.visible() as rich Text (never markup) on a terminal.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from thoughtlog import markdown_text
from thoughtlog.output import cell_width, json_text, visible
from thoughtlog.report_sections import Amount, Bar, Bars, Cell, Layout, Line, Section, layout

if TYPE_CHECKING:
    from rich.console import Console

BLOCK = "█"
SHADES = " ░▒▓█"
SPARKS = "▁▂▃▄▅▆▇█"
GAP = "·"
SPARK_WIDTH = 52  # the most characters a sparkline takes: a year of weeks


def _narrowed(values: tuple[float | int | None, ...], width: int) -> list[float | None]:
    """At most width values: neighbours averaged together when there are more (ten years of
    weeks fit a line), a gap only where all of them are gaps."""
    if len(values) <= width:
        return list(values)
    narrowed: list[float | None] = []
    for slot in range(width):
        part = values[slot * len(values) // width : (slot + 1) * len(values) // width]
        known = [value for value in part if value is not None]
        narrowed.append(sum(known) / len(known) if known else None)
    return narrowed


def spark(line: Line, width: int = SPARK_WIDTH) -> str:
    """A line of block characters, one a week: higher is more, a dot is a week with nothing."""
    top = len(SPARKS) - 1

    def block(value: float | int | None) -> str:
        if value is None:
            return GAP
        if value <= 0 or not line.largest:
            return SPARKS[0]
        # Anything above nothing is at least the second step, so it never reads as a zero.
        return SPARKS[max(1, min(top, round(top * value / line.largest)))]

    return "".join(map(block, _narrowed(line.values, width)))


def bar(value: float | int | None, largest: float | int, width: int) -> str:
    """A bar of block characters, at least one block for any value above zero."""
    if not value or not largest:
        return ""
    return BLOCK * max(1, round(width * value / largest))


def _shade(amount: Amount) -> str:
    if not amount.count:
        return "·"
    return f"{SHADES[max(1, round(4 * amount.count / amount.largest))] * 3} {amount.count}"


# --- json -----------------------------------------------------------------------------------------


def to_json(report: dict[str, Any]) -> str:
    """The report as the JSON contract of DESIGN.md (with summary and when besides)."""
    return json_text(report)


# --- markdown -------------------------------------------------------------------------------------
# Control characters are written out visibly in every format but JSON (which escapes them itself):
# markdown and html may be printed to a terminal as well as written to a file.


def _md_inline(text: str) -> str:
    return markdown_text.inline(visible(text))


def _md_block(text: str, indent: str = "") -> str:
    return markdown_text.block(visible(text), indent=indent)


def _markdown_cell(cell: Cell) -> str:
    if isinstance(cell, Line):
        return spark(cell)
    if isinstance(cell, Bars):
        return " / ".join(bar(b.value, b.largest, 12) or "·" for b in cell.bars)
    if isinstance(cell, Amount):
        return str(cell.count) if cell.count else "·"
    return _md_inline(cell)


def _markdown_section(section: Section) -> list[str]:
    lines = [f"## {_md_inline(section.title)}", ""]
    if section.summary:
        lines += [f"- {_md_block(note, '  ')}" for note in section.notes]
        return [*lines, ""]
    for note in section.notes:
        lines += [_md_block(note), ""]
    if section.columns:
        lines += [
            "| " + " | ".join(_md_inline(c.title) for c in section.columns) + " |",
            "|" + "|".join("--:" if c.numeric else "---" for c in section.columns) + "|",
            *("| " + " | ".join(map(_markdown_cell, row)) + " |" for row in section.rows),
            "",
        ]
    return lines


def to_markdown(report: dict[str, Any]) -> str:
    """The report as markdown, readable as plain text too (it is what a pipe receives)."""
    return markdown_page(layout(report))


def markdown_page(page: Layout) -> str:
    """Any layout as markdown: the weekly report's or the progress report's."""
    lines = [f"# {_md_inline(page.title)}", "", _md_block(page.subtitle), ""]
    for section in page.sections:
        lines += _markdown_section(section)
    return "\n".join(lines).rstrip("\n") + "\n"


# --- html -----------------------------------------------------------------------------------------

_COLOURS = {
    "now": "#4a6fa5",
    "before": "#b9c7da",
    "after": "#5e9c6b",
    "yes": "#c0504d",
    "partly": "#e0a03a",
    "no": "#5e9c6b",
}
_CSS = """
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin-bottom: 0; }
h2 { font-size: 1.1rem; margin: 1.8rem 0 .4rem; border-bottom: 1px solid #ddd;
     padding-bottom: .2rem; }
/* In print a heading stays with what follows it, and a row or a sentence is never cut in two. */
h1, h2 { break-after: avoid; page-break-after: avoid; }
.dates { color: #555; margin-top: .2rem; }
.summary { border-left: 4px solid #4a6fa5; padding: .1rem 1rem; }
.summary p, .notes { margin: .3rem 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eee;
         vertical-align: middle; overflow-wrap: anywhere; }
th { font-weight: 600; color: #555; overflow-wrap: normal; }  /* our headings: never split */
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.w { white-space: nowrap; }
td.bars { width: 10.5rem; white-space: nowrap; }
.legend { margin: .2rem 0 .4rem; color: #555; font-size: .9rem; }
.legend svg { margin: 0 .3rem 0 0; vertical-align: -1px; }
.legend span + span { margin-left: 1rem; }
footer { color: #777; font-size: .8rem; margin-top: 2rem; }
.notes:not(:last-child), .legend { break-after: avoid; page-break-after: avoid; }
/* A compact page (the session page) keeps to one or two sheets of A4. */
.compact h2 { font-size: 1rem; margin: 1rem 0 .25rem; }
.compact th, .compact td { padding: .12rem .4rem; }
.compact .notes { margin: .15rem 0; }
.compact footer { margin-top: 1rem; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  body.compact { font-size: 9.5pt; line-height: 1.3; }
  tr, p { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def _svg_bars(bars: tuple[Bar, ...], width: int = 160) -> str:
    """Thin horizontal bars one under the other, in SVG: shapes print without background colours."""
    height = 8
    rects = "".join(
        f'<rect x="0" y="{row * (height + 2)}" height="{height}" rx="2" fill="{_COLOURS[b.kind]}"'
        f' width="{0 if not b.value or not b.largest else max(2, round(width * b.value / b.largest))}"/>'
        for row, b in enumerate(bars)
    )
    return (
        f'<svg width="{width}" height="{len(bars) * (height + 2)}" aria-hidden="true">{rects}</svg>'
    )


def _html_dot(amount: Amount) -> str:
    if not amount.count:
        return "·"
    radius = 3 + round(6 * amount.count / amount.largest)
    return (
        f'<svg width="20" height="20" aria-hidden="true"><circle cx="10" cy="10" r="{radius}"'
        f' fill="{_COLOURS["now"]}"/></svg> {amount.count}'
    )


def _html_text(text: str) -> str:
    return escape(visible(text)).replace("\n", "<br>")


def _svg_line(line: Line, width: int = 160, height: int = 28) -> str:
    """A line chart in SVG, one point a week; a gap breaks the line, a lone point is a dot."""
    count = len(line.values)
    step = width / max(1, count - 1)
    # A thin line needs a deeper shade than a bar does to be seen, on screen and on paper.
    stroke = {"before": "#6f86a8"}.get(line.kind) or _COLOURS.get(line.kind, _COLOURS["now"])
    runs: list[list[tuple[float, float]]] = [[]]
    for index, value in enumerate(line.values):
        if value is None:
            runs.append([])
            continue
        share = value / line.largest if line.largest else 0
        runs[-1].append((round(index * step, 1), round(height - 2 - share * (height - 4), 1)))
    shapes = []
    for run in filter(None, runs):
        if len(run) == 1:
            x, y = run[0]
            shapes.append(f'<circle cx="{x}" cy="{y}" r="2.4" fill="{stroke}"/>')
        else:
            points = " ".join(f"{x},{y}" for x, y in run)
            shapes.append(
                f'<polyline points="{points}" fill="none" stroke="{stroke}" stroke-width="1.6"'
                ' stroke-linejoin="round"/>'
            )
    return (
        f'<svg width="{width}" height="{height}" viewBox="-2 0 {width + 4} {height}"'
        f' aria-hidden="true"><line x1="0" y1="{height - 2}" x2="{width}" y2="{height - 2}"'
        f' stroke="#ddd" stroke-width="1"/>{"".join(shapes)}</svg>'
    )


def _html_cell(cell: Cell, numeric: bool, whole: bool = False) -> str:
    if isinstance(cell, Line):
        return f'<td class="bars">{_svg_line(cell)}</td>'
    if isinstance(cell, Bars):
        return f'<td class="bars">{_svg_bars(cell.bars)}</td>'
    if isinstance(cell, Amount):
        return f"<td>{_html_dot(cell)}</td>"
    kind = " class=n" if numeric else " class=w" if whole else ""
    return f"<td{kind}>{_html_text(cell)}</td>"


def _html_section(section: Section) -> str:
    if section.summary:
        sentences = "".join(f"<p>{_html_text(note)}</p>" for note in section.notes)
        return f'<section class="summary"><h2>Summary</h2>{sentences}</section>'
    parts = [f"<h2>{_html_text(section.title)}</h2>"]
    parts += [f'<p class="notes">{_html_text(note)}</p>' for note in section.notes]
    if section.legend:
        parts.append(
            '<p class="legend">'
            + "".join(
                f'<span><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12"'
                f' rx="2" fill="{_COLOURS[kind]}"/></svg>{_html_text(label)}</span>'
                for kind, label in section.legend
            )
            + "</p>"
        )
    if section.columns:
        head = "".join(
            f"<th{' class=n' if c.numeric else ''}>{_html_text(c.title)}</th>"
            for c in section.columns
        )
        body = "".join(
            "<tr>"
            + "".join(_html_cell(cell, c.numeric, c.whole) for cell, c in zip(row, section.columns))
            + "</tr>"
            for row in section.rows
        )
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    return "<section>" + "".join(parts) + "</section>"


def to_html(report: dict[str, Any]) -> str:
    """A self-contained page (inline CSS and SVG, nothing fetched) to print or give a therapist."""
    return html_page(layout(report))


def html_page(page: Layout) -> str:
    """Any layout as a self-contained html page that prints on A4."""
    title = _html_text(page.title)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{_CSS}</style></head><body{' class=compact' if page.compact else ''}>\n"
        f'<h1>{title}</h1>\n<p class="dates">{_html_text(page.subtitle)}</p>\n'
        + "\n".join(map(_html_section, page.sections))
        + "\n<footer>Written by thoughtlog from the person's own records.</footer></body></html>\n"
    )


# --- terminal -------------------------------------------------------------------------------------

_STYLES = {
    "now": "blue",
    "before": "grey50",
    "after": "green",
    "yes": "red",
    "partly": "yellow",
    "no": "green",
}


def _frame(columns: int, *, boxed: bool) -> int:
    """The columns a table takes besides its cells: a space each side of a cell and, in a boxed
    table, the borders; a table without borders has no space at its outer edges."""
    return 3 * columns + 1 if boxed else 2 * (columns - 1)


def _least_width(section: Section, *, boxed: bool) -> int:
    """How wide a terminal table of the section must be for no word to be cut: each column as
    wide as its longest word (a bar as wide as it is drawn), and the frame."""
    columns = _longest_words(section)
    return sum(columns) + _frame(len(columns), boxed=boxed)


def _drawn_width(value: Cell) -> int:
    """How wide a cell is drawn on one line (its widest line, if it has several)."""
    if isinstance(value, Line):
        return len(spark(value))
    if isinstance(value, Bars):
        return 10
    shown = _shade(value) if isinstance(value, Amount) else visible(value)
    return max(map(cell_width, shown.split("\n")), default=0)


def _longest_words(section: Section) -> list[int]:
    """Each column's longest word (a bar or a sparkline as wide as it is drawn)."""

    def longest(value: Cell) -> int:
        if isinstance(value, str):
            return max(map(cell_width, visible(value).split()), default=0)
        return _drawn_width(value)

    return [
        max(
            [longest(column.title)]
            + [
                # a figure such as "80 → 45" is read as one
                (_drawn_width if column.numeric or column.whole else longest)(row[i])
                for row in section.rows
            ]
        )
        for i, column in enumerate(section.columns)
    ]


def _column_widths(section: Section, room: int, *, boxed: bool) -> list[int]:
    """Each column's width in a table that fits in room: as wide as its widest cell or heading
    while that fits; else the widest columns give way first, none below its longest word (the
    caller has checked those fit). Rich's own sharing can squeeze a column of sparklines below
    its length, and then the end of every line is cut off."""
    least = _longest_words(section)
    widths = [
        max([_drawn_width(column.title), *(_drawn_width(row[i]) for row in section.rows)])
        for i, column in enumerate(section.columns)
    ]
    excess = sum(widths) + _frame(len(widths), boxed=boxed) - room
    while excess > 0:
        shrinkable = [i for i, width in enumerate(widths) if width > least[i]]
        if not shrinkable:
            break
        widest = max(widths[i] for i in shrinkable)
        for i in shrinkable:
            if widths[i] == widest and excess > 0:
                widths[i] -= 1
                excess -= 1
    return widths


def draw(report: dict[str, Any], console: Console) -> None:
    """The report on a terminal: a summary panel, tables and small bar charts (rich, imported here)."""
    draw_page(layout(report), console)


def draw_page(page: Layout, console: Console) -> None:
    """Any layout on a terminal: the weekly report's or the progress report's."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    def text(words: str, style: str = "") -> Text:
        return Text(visible(words), style=style)

    def cell(value: Cell, whole: bool = False) -> Text:
        if isinstance(value, Line):
            return Text(spark(value), style=_STYLES.get(value.kind, "blue"), no_wrap=True)
        if isinstance(value, Bars):
            return Text("\n").join(
                Text(bar(b.value, b.largest, 10) or "·", style=_STYLES[b.kind]) for b in value.bars
            )
        if isinstance(value, Amount):
            return Text(_shade(value))
        shown = text(value)
        shown.no_wrap = whole
        return shown

    console.print(text(page.title, "bold"))
    console.print(text(page.subtitle, "dim"))
    for section in page.sections:
        if section.summary:
            body = Group(*(text(note) for note in section.notes))
            console.print(Panel(body, title="Summary", title_align="left", border_style="blue"))
            continue
        console.print()
        console.print(text(section.title, "bold"))
        for note in section.notes:
            console.print(text(note, "dim" if section.columns else ""))
        if section.legend:
            legend = Text("  ").join(
                Text.assemble((BLOCK * 2, _STYLES[kind]), " ", visible(label))
                for kind, label in section.legend
            )
            console.print(legend)
        if section.columns:
            chart = any(isinstance(value, Amount) for row in section.rows for value in row)
            # No column narrower than its longest word (when that can't fit, the rows become
            # blocks below), so rich wraps at spaces and never cuts a word or a sparkline. A
            # figure, a whole cell and a sparkline keep to one line; a heading above them may
            # wrap ("Feared reaction came" over a column of counts), so it never widens the table.
            if _least_width(section, boxed=not chart) <= console.width:
                grid = (
                    Table(header_style="dim", box=None, pad_edge=False)
                    if chart
                    else Table(header_style="dim")
                )
                keep = [c.numeric or c.whole for c in section.columns]
                widths = _column_widths(section, console.width, boxed=not chart)
                for c, width in zip(section.columns, widths):
                    # fold, not an ellipsis: rich counts a wide character (你, 😀) once when it
                    # trims the space after the last word of a line, and would hide that word.
                    grid.add_column(
                        text(c.title),
                        justify="right" if c.numeric else "left",
                        width=width,
                        overflow="fold",
                    )
                for row in section.rows:
                    grid.add_row(*(cell(value, whole) for value, whole in zip(row, keep)))
                console.print(grid)
                continue
            # Too narrow for the table without cutting words: each row as a short block instead,
            # its first cell as a heading and the others labelled below it. A row without a first
            # cell goes on with the block above (a belief's new wording under its old one), and
            # an empty cell is left out rather than shown as a label with nothing after it.
            for number, row in enumerate(section.rows):
                if row[0] != "":
                    if number:
                        console.print()
                    number_sign = "#" if section.columns[0].title == "#" else ""
                    console.print(Text(number_sign) + cell(row[0]), style="bold")
                for column, value in zip(section.columns[1:], row[1:]):
                    if value == "":
                        continue
                    label = Text(visible(column.title) + ": ", "dim") if column.title else Text()
                    console.print(
                        Padding(Text.assemble(label, cell(value)), (0, 0, 0, 2), expand=False)
                    )
