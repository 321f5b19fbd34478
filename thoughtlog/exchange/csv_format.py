"""CSV: the record CSV and the long tables for spreadsheets and pandas, and the record CSV read back.

The record CSV (``export --format csv``) has one row per record and the columns of ``COLUMNS``.
A list inside a cell is joined with ``"; "``:

- emotions: ``anxious=80→45; sad=60; calm=→30; tired`` (a name, then ``=`` the intensity before
  ``→`` after; either rating may be missing, and import accepts ``->`` for the arrow);
- thoughts: ``I'll be reprimanded=80→45 [fortune-telling, mind-reading]; She's annoyed=60``
  (the text, ``=`` belief before ``→`` after, then the thought's thinking traps in brackets).
  The first thought is the hot thought unless another one starts with ``*``;
- hot_thought, belief_before, belief_after and distortions repeat the hot thought in columns of
  their own, for spreadsheets. On import they must agree with the thoughts cell, or, when that
  cell is empty, they make the record's one thought;
- tags: ``work; boss``.

In emotions and thoughts cells a backslash keeps the next character as text, so any text
survives: ``\\;``, ``\\=``, ``\\[``, ``\\\\`` and a leading ``\\*``.

The record CSV's cells are built by SQLite (storage.rows.record_csv_chunk) in this syntax; this
module neutralises, quotes and writes them, and reads them back. The tests hold the two together.

A spreadsheet runs a cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return as a
formula, so every CSV cell that starts with one (after any apostrophes) gets one apostrophe more
in front. Import takes exactly one away again, which makes the round trip exact.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from thoughtlog import dates
from thoughtlog.beliefs import Belief
from thoughtlog.errors import InvalidValue
from thoughtlog.exchange.fields import (
    EXPERIMENT_FIELDS,
    Read,
    bad_value,
    check_emotion,
    check_record,
    check_thought,
    choices,
    plain_number,
    text_value,
)
from thoughtlog.model import Experiment, Record, Thought, hot_of

if TYPE_CHECKING:
    from thoughtlog.scripts import Script

# fmt: off
COLUMNS = (
    "id", "uuid", "occurred_at", "situation", "emotions", "thoughts", "hot_thought",
    "belief_before", "belief_after", "distortions", "behaviour", "evidence_for",
    "evidence_against", "reframe", "reframe_belief", "tags", "created_at", "updated_at",
)

# The long tables: one row per item, each carrying the record's id and uuid.
TABLES: dict[str, tuple[str, ...]] = {
    "emotions": ("record_id", "uuid", "occurred_at", "emotion", "intensity_before",
                 "intensity_after"),
    "thoughts": ("record_id", "uuid", "occurred_at", "position", "thought", "hot",
                 "belief_before", "belief_after"),
    "distortions": ("record_id", "uuid", "occurred_at", "thought_position", "distortion"),
    "tags": ("record_id", "uuid", "occurred_at", "tag"),
    "experiments": EXPERIMENT_FIELDS,
    "beliefs": ("belief_id", "uuid", "text", "new_text", "created_at", "updated_at"),
    "belief_ratings": ("belief_id", "uuid", "at", "old", "new"),
    "scripts": ("script_id", "uuid", "with", "situation", "describe", "express", "specify",
                "consequences", "belief_id", "created_at", "updated_at"),
    "rehearsals": ("script_id", "uuid", "at", "with", "before", "after", "note"),
}
# fmt: on

ARROW = "→"
LIST_SEPARATOR = "; "
DELIMITERS = (",", ";", "\t")  # what import reads; export writes the first

_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_FORMULA_START = frozenset("'=+-@\t\r")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")
_RATINGS = re.compile(r"(?P<before>[^→>]*?)(?:(?:→|->)(?P<after>.*))?")


# --- writing ------------------------------------------------------------------------------------


def write_records_csv(runs: Iterable[tuple[int, str]], out: TextIO) -> int:
    """The record CSV, one row per record; returns how many records were written.

    runs: runs of records, each (how many, their lines as record_lines writes them), as the
    journal's record_csv_runs builds them.
    """
    csv.writer(out).writerow(COLUMNS)
    count = 0
    for records, lines in runs:
        out.write(lines)
        count += records
    return count


# Where the journal finds record_lines, to run it beside SQLite in each process that builds a chunk.
RECORD_LINES = f"{__name__}:record_lines"


def record_lines(cells: str) -> str:
    """The record CSV's lines for a chunk of records, each ended by CR LF.

    cells: each record's cells as a JSON array of text, in the order of COLUMNS and in this
    module's syntax, all in one JSON array (the journal's record_csv_chunk builds them). Only the
    cells a person wrote can start like a formula, so only they are neutralised; the ids, numbers,
    dates, thinking-trap slugs and tags (letters, digits and inner hyphens) cannot.
    """
    lines = []
    for row in json.loads(cells):
        row[3:7] = _neutralised(row[3:7])  # situation, emotions, thoughts, hot_thought
        row[10:14] = _neutralised(row[10:14])  # behaviour, evidence_for/against, reframe
        lines.append(_csv_line(row))
    return "".join(lines)


def csv_syntax() -> dict[str, str]:
    """The list syntax the journal builds the record CSV's cells in, and the function that turns
    them into lines (Journal.record_csv_runs)."""
    return {"arrow": ARROW, "separator": LIST_SEPARATOR, "lines": RECORD_LINES}


def _csv_line(cells: list[str]) -> str:
    """The row as csv.writer writes it by default (QUOTE_MINIMAL, lines ended by CR LF).

    csv.writer looks at every character of every cell in turn, which was a fifth of an
    export's time; `in` searches a whole line at once, and only a line with a quote, a line
    break or a comma inside a cell has its cells looked at one by one.
    """
    line = ",".join(cells)
    if '"' in line or "\n" in line or "\r" in line or line.count(",") != len(cells) - 1:
        line = ",".join(
            [
                '"' + cell.replace('"', '""') + '"'
                if '"' in cell or "," in cell or "\n" in cell or "\r" in cell
                else cell
                for cell in cells
            ]
        )
    return line + "\r\n"


def write_csv_table(
    table: str,
    records: Iterable[Record],
    experiments: Iterable[Experiment],
    out: TextIO,
    *,
    beliefs: Iterable[Belief] = (),
    scripts: Iterable[Script] = (),
) -> int:
    """One long table (see TABLES) for pandas and statistics; returns how many rows were written."""
    if table not in TABLES:
        raise InvalidValue(f"'{table}' isn't a table thoughtlog exports: use {choices(TABLES)}.")
    writer = csv.writer(out)
    writer.writerow(TABLES[table])
    count = 0
    if table in ("beliefs", "belief_ratings"):
        rows: Iterable[Sequence[Any]] = _belief_rows(table, beliefs)
    elif table in ("scripts", "rehearsals"):
        rows = _script_rows(table, scripts)
    elif table == "experiments":
        rows = _experiment_rows(experiments)
    else:
        rows = _record_rows(table, records)
    for row in rows:
        writer.writerow(_safe(cell) for cell in row)
        count += 1
    return count


def _record_rows(table: str, records: Iterable[Record]) -> Iterator[Sequence[Any]]:
    for record in records:
        key = (record.id, record.uuid, dates.to_text(record.occurred_at))
        if table == "emotions":
            yield from ((*key, e.name, e.before, e.after) for e in record.emotions)
        elif table == "tags":
            yield from ((*key, tag) for tag in record.tags)
        else:
            for position, thought in enumerate(record.thoughts, start=1):
                if table == "thoughts":
                    yield (
                        *key,
                        position,
                        thought.text,
                        "true" if thought.hot else "false",
                        thought.belief_before,
                        thought.belief_after,
                    )
                else:
                    yield from ((*key, position, slug) for slug in thought.distortions)


def _belief_rows(table: str, beliefs: Iterable[Belief]) -> Iterator[Sequence[Any]]:
    for belief in beliefs:
        if table == "beliefs":
            yield (
                belief.id, belief.uuid, belief.text, belief.new_text, belief.created_at,
                belief.updated_at,
            )  # fmt: skip
        else:
            yield from ((belief.id, belief.uuid, r.at, r.old, r.new) for r in belief.ratings)


def _script_rows(table: str, scripts: Iterable[Script]) -> Iterator[Sequence[Any]]:
    for script in scripts:
        if table == "scripts":
            yield (
                script.id, script.uuid, script.with_, script.situation, script.describe,
                script.express, script.specify, script.consequences, script.belief_id,
                script.created_at, script.updated_at,
            )  # fmt: skip
        else:
            yield from (
                (script.id, script.uuid, r.at, r.with_, r.before, r.after, r.note)
                for r in script.rehearsals
            )


def _experiment_rows(experiments: Iterable[Experiment]) -> Iterator[Sequence[Any]]:
    for experiment in experiments:
        values = experiment.to_dict()
        yield [_step_cell(values[column]) for column in TABLES["experiments"]]


def _step_cell(value: Any) -> Any:
    """A list of safety behaviours joined as other lists are; an empty one is the person's
    "none", which an empty cell (not said) must not be mistaken for."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value) if value else "none"
    return value


def _safe(value: Any) -> str:
    """The cell as text, with an apostrophe in front if a spreadsheet would run it as a formula."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    # The first character settles most cells without the pattern (this runs for every cell).
    return "'" + text if text[:1] in _FORMULA_START and _FORMULA.match(text) else text


def _neutralised(cells: Sequence[str]) -> list[str]:
    """_safe for the cells a person wrote, several at once.

    One comprehension rather than a call per cell, which adds up over 100,000 records.
    """
    return [
        "'" + cell if cell and cell[0] in _FORMULA_START and _FORMULA.match(cell) else cell
        for cell in cells
    ]


def _restore(cell: str) -> str:
    """Undo _safe: take one apostrophe from a cell that _safe neutralised."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def _restored(cells: list[str]) -> list[str]:
    """_restore for a whole row, in one comprehension that looks further only at an apostrophe."""
    return [cell[1:] if cell[:1] == "'" and _NEUTRALISED.match(cell) else cell for cell in cells]


# --- reading ------------------------------------------------------------------------------------


def read_csv(text: TextIO) -> Iterator[Read]:
    """The records of a record CSV as export writes it, checked one row at a time.

    Cells may be separated by commas, semicolons or tabs (a spreadsheet set to a language that
    writes decimal commas saves semicolons): the header line tells which.
    """
    # A long reframe or situation is one cell; the csv module's default cap (128 KiB) would
    # reject a cell that thoughtlog itself wrote.
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    opening: list[str] = []  # the header line, and any blank lines before it
    for line in text:
        opening.append(line)
        if line.strip():
            break
    else:
        raise InvalidValue("The CSV is empty, so there is nothing to import.")
    reader = csv.reader(itertools.chain(opening, text), delimiter=_delimiter(opening[-1]))
    try:
        header = [_restore(name).strip() for name in next(row for row in reader if row)]
        _check_header(header)
        for number, row in enumerate(reader, start=1):
            if not row:
                continue  # a blank line, which spreadsheets sometimes add at the end
            where = f"Row {number} (line {reader.line_num})"
            if len(row) != len(header):
                raise InvalidValue(
                    f"{where} has {len(row)} cells, but the header has {len(header)}."
                )
            cells = dict(zip(header, _restored(row), strict=True))
            yield Read(_record_from_row(cells, where), number, where)
    except csv.Error as error:
        raise InvalidValue(
            f"The CSV couldn't be read at line {reader.line_num}: {error}."
        ) from None


def _delimiter(header: str) -> str:
    """The delimiter that finds the most of thoughtlog's columns in the header line (then the
    most cells, so that a header that matches nothing is shown cell by cell); a tie: a comma."""

    def fit(delimiter: str) -> tuple[int, int]:
        try:
            names = [
                _restore(name).strip() for name in next(csv.reader([header], delimiter=delimiter))
            ]
        except (csv.Error, StopIteration):
            return 0, 0
        return sum(name in COLUMNS for name in names), len(names)

    return max(DELIMITERS, key=fit)


def _check_header(header: list[str]) -> None:
    missing = [column for column in COLUMNS if column not in header]
    unknown = [column for column in header if column not in COLUMNS]
    if missing or unknown or len(header) != len(COLUMNS):
        problems = []
        if missing:
            problems.append(f"it has no column {', '.join(missing)}")
        if unknown:
            problems.append(f"it has columns thoughtlog doesn't know: {', '.join(unknown)}")
        if not problems:
            problems.append("a column appears twice")
        raise InvalidValue(
            f"The CSV's header doesn't match a thoughtlog export ({'; '.join(problems)})."
            f" Import reads the CSV that 'thoughtlog export --format csv' writes, with the"
            f" columns {', '.join(COLUMNS)} (separated by commas, semicolons or tabs)."
        )


def _record_from_row(cells: dict[str, str], where: str) -> Record:
    fields: dict[str, Any] = {key: value for key, value in cells.items() if value != ""}
    fields["tags"] = [tag for tag in _split(cells["tags"], where, "tags") if tag.strip()]
    if "reframe_belief" in fields:
        fields["reframe_belief"] = plain_number(fields["reframe_belief"])
    emotions = [
        check_emotion(_emotion_item(item, where), where)
        for item in _split(cells["emotions"], where, "emotions")
    ]
    thought_items = [
        _thought_item(item, where) for item in _split(cells["thoughts"], where, "thoughts")
    ]
    before, after = cells["belief_before"], cells["belief_after"]
    summary = {
        "text": text_value(cells, "hot_thought", where),
        "belief_before": plain_number(before) if before else None,
        "belief_after": plain_number(after) if after else None,
        "distortions": [d for d in _split(cells["distortions"], where, "distortions") if d.strip()],
    }
    if not thought_items and summary["text"]:
        thought_items = [dict(summary, hot=True)]
    thoughts = [check_thought(item, where) for item in thought_items]
    hot = hot_of(thoughts)
    if not _written_as(hot, summary):  # as export writes them, they repeat it exactly
        _check_agrees(
            hot, check_thought(dict(summary, text=summary["text"] or "-"), where), summary, where
        )
    return check_record(fields, emotions, thoughts, where)


def _written_as(hot: Thought | None, summary: dict[str, Any]) -> bool:
    """Whether the hot-thought columns hold the hot thought exactly as checked (whole numbers,
    thinking traps by their own names), so that checking them again could find no difference."""
    return (
        hot is not None
        and summary["text"] == hot.text
        and type(summary["belief_before"]) is type(hot.belief_before)
        and summary["belief_before"] == hot.belief_before
        and type(summary["belief_after"]) is type(hot.belief_after)
        and summary["belief_after"] == hot.belief_after
        and summary["distortions"] == hot.distortions
    )


def _check_agrees(
    hot: Thought | None, columns: Thought, summary: dict[str, Any], where: str
) -> None:
    """The hot-thought columns repeat the thoughts cell; a difference means one was edited alone."""
    shown = {
        "hot_thought": (hot.text if hot else None, summary["text"]),
        "belief_before": (hot.belief_before if hot else None, columns.belief_before),
        "belief_after": (hot.belief_after if hot else None, columns.belief_after),
        "distortions": (hot.distortions if hot else [], columns.distortions),
    }
    for column, (in_thoughts, in_column) in shown.items():
        if in_thoughts != in_column:
            raise InvalidValue(
                f"{where}, field {column}: '{_cell_text(in_column)}' doesn't match the hot thought"
                f" in the thoughts column ('{_cell_text(in_thoughts)}'). Change both, or empty"
                " the thoughts cell to let these columns make the thought."
            )


def _cell_text(value: Any) -> str:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return "" if value is None else str(value)


def _split(cell: str, where: str, column: str) -> list[str]:
    """The items of a list cell: split at each '; ' whose semicolon isn't escaped."""
    if not cell.strip():
        return []
    if "\\" not in cell:  # nothing escaped: every semicolon separates
        first, *rest = cell.split(";")
        return [first, *(item[1:] if item.startswith(" ") else item for item in rest)]
    items: list[str] = []
    start = 0
    for match in _SPECIAL[";"].finditer(cell):
        if match[0] == ";":
            items.append(cell[start : match.start()])
            # The separator is "; ": its space is not part of the next item.
            start = match.end() + (1 if cell.startswith(" ", match.end()) else 0)
    items.append(cell[start:])
    return items


def _find(item: str, char: str) -> int:
    """Where char first appears unescaped in item, or -1."""
    if "\\" not in item:
        return item.find(char)
    for match in _SPECIAL[char].finditer(item):
        if match[0] == char:
            return match.start()
    return -1


# An escape pair, or the character that is special where the pair isn't: found by re in C, not
# by a Python loop over every character of every cell.
_SPECIAL = {char: re.compile(r"\\.|" + re.escape(char), re.DOTALL) for char in ";=["}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def _ratings(text: str, where: str, column: str, item: str) -> tuple[str | None, str | None]:
    match = _RATINGS.fullmatch(text)
    if match is None:
        raise bad_value(where, column, item, "write ratings as =80→45, =80 or =→45.")
    before, after = match["before"], match["after"]
    return plain_number(before) if before else None, plain_number(after) if after else None


def _emotion_item(item: str, where: str) -> dict[str, Any]:
    split = _find(item, "=")
    name, ratings = (item, "") if split < 0 else (item[:split], item[split + 1 :])
    before, after = _ratings(ratings, where, "emotions", item)
    return {"name": _unescape(name), "before": before, "after": after}


def _thought_item(item: str, where: str) -> dict[str, Any]:
    rest, traps = item, []
    bracket = _find(item, "[")
    if bracket >= 0:
        if not item.endswith("]"):
            raise bad_value(
                where,
                "thoughts",
                item,
                "thinking traps go in brackets at the end: [fortune-telling, labeling].",
            )
        rest = item[:bracket].removesuffix(" ")
        traps = [trap for trap in item[bracket + 1 : -1].split(",") if trap.strip()]
    split = _find(rest, "=")
    rest, ratings = (rest, "") if split < 0 else (rest[:split], rest[split + 1 :])
    before, after = _ratings(ratings, where, "thoughts", item)
    hot = rest.startswith("*")
    return {
        "text": _unescape(rest[1:] if hot else rest),
        "belief_before": before,
        "belief_after": after,
        "hot": hot,
        "distortions": traps,
    }
