"""Commands that take the journal elsewhere and bring it back: export and import."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO, TextIO

import typer

from thoughtlog.commands import journal
from thoughtlog.commands.completion import complete_tag
from thoughtlog.commands.privacy import ENCRYPT_OPTION, TO_OPTION, age_opener, age_sealer
from thoughtlog.wording import plural

if TYPE_CHECKING:
    from thoughtlog.exchange import ImportSummary


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"
    markdown = "markdown"


class Table(str, Enum):
    emotions = "emotions"
    thoughts = "thoughts"
    distortions = "distortions"
    tags = "tags"
    experiments = "experiments"
    beliefs = "beliefs"
    belief_ratings = "belief_ratings"
    scripts = "scripts"
    rehearsals = "rehearsals"


class ImportFormat(str, Enum):
    csv = "csv"
    json = "json"


def export(
    ctx: typer.Context,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", help="csv (one row per record), json (everything) or markdown."
        ),
    ] = ExportFormat.csv,
    table: Annotated[
        Table | None,
        typer.Option(
            "--table",
            help="With csv: a long table, one row per emotion, thought, trap, tag, experiment,"
            " belief, belief rating, script or rehearsal.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (readable by you alone); - or none: standard output.",
            # Whether the path is fit to write is for the export to judge (exchange.files):
            # Typer's own check would refuse a link it can't read, with a less helpful line.
            readable=False,
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="Start the CSV with a byte-order mark so Excel reads it as UTF-8."
        ),
    ] = False,
    since: Annotated[
        str | None, typer.Option("--since", help="Only records from this date: '2 weeks ago'.")
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", help="Only records up to this date (a day counts whole)."),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag", help="Only records with this tag (repeat).", autocompletion=complete_tag
        ),
    ] = None,
    encrypt: Annotated[bool, ENCRYPT_OPTION] = False,
    to: Annotated[list[str] | None, TO_OPTION] = None,
) -> None:
    """Export your records as CSV for a spreadsheet, JSON to keep or move, or markdown to read.

    Example: thoughtlog export --format json -o journal.json
    """
    from thoughtlog import dates, exchange
    from thoughtlog import output as say_to
    from thoughtlog.errors import InvalidValue
    from thoughtlog.exchange.files import is_stdout
    from thoughtlog.model import tag_names
    from thoughtlog.storage import RecordFilter

    if table and format is not ExportFormat.csv:
        raise InvalidValue(f"--table goes with --format csv, not --format {format.value}.")
    if excel and format is not ExportFormat.csv:
        raise InvalidValue(f"--excel goes with --format csv, not --format {format.value}.")
    filters = RecordFilter(
        since=dates.parse_bound(since, end=False) if since else None,
        until=dates.parse_bound(until, end=True) if until else None,
        tags=tag_names(tag or []),
    )
    if is_stdout(output):
        output = None
    seal = age_sealer(encrypt, to)
    if seal is not None and output is None and say_to.is_terminal():
        raise InvalidValue("An encrypted export isn't text for the screen: give --output a file.")
    opened = journal(ctx)
    # A bar for a big export to a file or a pipe; on the screen, the rows going by say enough.
    counting = not (
        table
        in (Table.experiments, Table.beliefs, Table.belief_ratings, Table.scripts, Table.rehearsals)
        or (output is None and say_to.is_terminal())
    )
    total = (lambda: opened.count_records(filters)) if counting else None
    with (
        say_to.progress(total, "Exporting records") as advance,
        _destination(output, byte_order_mark=excel, seal=seal) as out,
    ):
        if table:
            from thoughtlog.storage.beliefs import beliefs_for_export
            from thoughtlog.storage.scripts import scripts_for_export

            records = say_to.counted(opened.iter_records(filters), advance)
            beliefs = beliefs_for_export(opened) if table.value.startswith("belief") else ()
            scripts = (
                scripts_for_export(opened) if table in (Table.scripts, Table.rehearsals) else ()
            )
            experiments = opened.iter_experiments(filters)
            exchange.write_csv_table(
                table.value, records, experiments, out, beliefs=beliefs, scripts=scripts
            )
            what = f"the {table.value} table"
        elif format is ExportFormat.csv:
            runs = opened.record_csv_runs(filters, **exchange.csv_syntax())
            written = exchange.write_records_csv(say_to.counted(runs, advance, itemgetter(0)), out)
            what = plural(written, "record")
        elif format is ExportFormat.json:
            from thoughtlog.exchange.agenda_fields import agenda_export
            from thoughtlog.exchange.care_format import care_export
            from thoughtlog.storage.beliefs import beliefs_for_export
            from thoughtlog.storage.scripts import scripts_for_export

            record_count, experiment_count = exchange.write_json(
                say_to.counted(
                    opened.record_json_runs(filters, separator=exchange.RECORD_SEPARATOR),
                    advance,
                    size=itemgetter(0),
                ),
                opened.experiment_json_texts(filters),
                out,
                beliefs=beliefs_for_export(opened),
                care={**care_export(opened), **agenda_export(opened)},
                scripts=scripts_for_export(opened),
            )
            what = f"{plural(record_count, 'record')} and {plural(experiment_count, 'experiment')}"
        else:
            records = say_to.counted(opened.iter_records(filters), advance)
            what = plural(exchange.write_markdown(records, out), "record")
    if output:
        say_to.say(f"Exported {what} to {output}.")


@contextmanager
def _destination(
    path: Path | None, *, byte_order_mark: bool, seal: Callable[[bytes], bytes] | None = None
) -> Iterator[TextIO]:
    """The export's file, or stdout: UTF-8 either way, line endings as the writer wrote them.

    With seal, the export is gathered in memory and only its sealed (age) bytes are written.
    """
    from thoughtlog.exchange.files import private_file

    if seal is not None:
        gathered = io.StringIO(newline="")
        if byte_order_mark:
            gathered.write("\ufeff")
        yield gathered
        sealed = seal(gathered.getvalue().encode("utf-8"))
        if path is not None:
            with private_file(path) as out:
                out.flush()
                out.buffer.write(sealed)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(sealed)
            sys.stdout.buffer.flush()
        return

    if path is not None:
        with private_file(path, byte_order_mark=byte_order_mark) as out:
            yield out
        return
    sys.stdout.flush()
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        if byte_order_mark:
            out.write("\ufeff")
        yield out
    finally:
        out.flush()
        out.detach()  # stdout itself stays open for the rest of the program


def import_records(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="A thoughtlog JSON or CSV export, or - for stdin.")
    ],
    format: Annotated[
        ImportFormat | None,
        typer.Option(
            "--format", "-f", help="json or csv (by default, told from the file's content)."
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Check the file and say what would change, without writing."
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what was imported (or would be) as JSON.")
    ] = False,
    identity: Annotated[
        Path | None,
        typer.Option(
            "--identity",
            help="For an export encrypted --to a key: the age identity file or SSH private key.",
            readable=False,
        ),
    ] = None,
) -> None:
    """Import a JSON or CSV export: all of it, or on any bad value none of it.

    Records and experiments are matched by uuid, so importing the same file twice, or another
    machine's journal, never makes duplicates; a record that differs is updated only when the
    incoming one is newer. A CSV saved again by a spreadsheet, with commas, semicolons or tabs
    between its cells, is read too.

    Example: thoughtlog import journal.json --dry-run
    """
    from thoughtlog import output
    from thoughtlog.errors import ThoughtlogError

    kind = format.value if format else None
    if file == "-":
        summary = _import(
            ctx,
            _opened(sys.stdin.buffer, "The input", identity),
            kind,
            dry_run=dry_run,
            name="The input",
        )
    else:
        path = Path(file).expanduser()
        try:
            source = path.open("rb")
        except FileNotFoundError:
            raise ThoughtlogError(f"There is no file at {path}.") from None
        except IsADirectoryError:
            raise ThoughtlogError(
                f"{path} is a folder: give import a file exported by thoughtlog."
            ) from None
        except OSError as error:
            raise ThoughtlogError(f"Couldn't read {path}: {error.strerror or error}.") from None
        with source:
            summary = _import(
                ctx, _opened(source, str(path), identity), kind, dry_run=dry_run, name=str(path)
            )
    _after_care_import(ctx, summary, dry_run=dry_run)
    if as_json:
        output.print_json(import_counts(summary, dry_run=dry_run))
    else:
        output.say(import_summary(summary, dry_run=dry_run))


def _after_care_import(ctx: typer.Context, summary: ImportSummary, *, dry_run: bool) -> None:
    """A PHQ-9 with item 9 above 0 came in: the plan and crisis lines first, as for a check-in
    taken here; a newer safety plan came in: its copy for help-now is brought up to date."""
    if dry_run:
        return
    if summary.care.item9_added:
        from thoughtlog.commands.checkin import care_first

        care_first(ctx)
    if summary.care.plan_taken:
        from thoughtlog.commands.plan import keep_plan_copy

        keep_plan_copy(ctx)


def _opened(source: BinaryIO, name: str, identity: Path | None) -> BinaryIO:
    """The source itself, or, when it is an age file (an encrypted export), what it holds."""
    from thoughtlog.exchange.age_files import HEADER, is_age

    buffered = source if hasattr(source, "peek") else io.BufferedReader(source)  # type: ignore[arg-type]
    if not is_age(buffered.peek(len(HEADER))[: len(HEADER)]):  # type: ignore[attr-defined]
        return buffered
    return io.BytesIO(age_opener(identity)(buffered.read(), name))


def _import(
    ctx: typer.Context, source: BinaryIO, kind: str | None, *, dry_run: bool, name: str
) -> ImportSummary:
    """Import from an open file, with a bar on a terminal when the file is big (stdin from a pipe
    has no size to measure against, so it gets none)."""
    from thoughtlog import exchange, output
    from thoughtlog.exchange.importer import file_size, never_waits

    read_ahead = never_waits(source)  # asked of the source, not of its progress bar
    with output.progress(lambda: file_size(source), "Importing", in_bytes=True) as advance:
        return exchange.import_file(
            journal(ctx),
            output.reading(source, advance),
            format=kind,
            dry_run=dry_run,
            name=name,
            read_ahead=read_ahead,
        )


def import_counts(summary: ImportSummary, *, dry_run: bool = False) -> dict[str, Any]:
    """The summary for scripts: what was (or in a dry run would be) added, updated, left alone."""
    from dataclasses import asdict

    return {
        "dry_run": dry_run,
        "records": asdict(summary.records),
        "experiments": asdict(summary.experiments),
        "beliefs": asdict(summary.beliefs),
        "scripts": asdict(summary.scripts),
        "unlinked_experiments": summary.unlinked_experiments,
        "checkins": {
            "added": summary.care.checkins_added,
            "unchanged": summary.care.checkins_unchanged,
        },
        "safety_plan_updated": summary.care.plan_taken,
        "agenda": asdict(summary.agenda),
    }


def import_summary(summary: ImportSummary, *, dry_run: bool = False) -> str:
    """'Imported 12 records and 3 experiments: 10 added, 2 updated, 3 unchanged.'"""
    what = plural(summary.records.total, "record")
    if summary.experiments.total:
        what += f" and {plural(summary.experiments.total, 'experiment')}"
    if summary.beliefs.total:
        what += f", with {plural(summary.beliefs.total, 'belief')}"
    if summary.scripts.total:
        what += f"{' and' if summary.beliefs.total else ', with'}"
        what += f" {plural(summary.scripts.total, 'script')}"
    line = (
        f"{'Would import' if dry_run else 'Imported'} {what}: {summary.added} added,"
        f" {summary.updated} updated, {summary.unchanged} unchanged."
    )
    if summary.unlinked_experiments:
        line += (
            f" {plural(summary.unlinked_experiments, 'experiment')} came from records that"
            " aren't in this journal, so they stand on their own."
        )
    care = summary.care
    if care.checkins_added or care.checkins_unchanged:
        line += f" Check-ins: {care.checkins_added} added, {care.checkins_unchanged} already here."
    if care.plan_taken:
        line += " Your safety plan was brought up to date from the file."
    if summary.agenda.added or summary.agenda.updated:
        line += f" Agenda: {summary.agenda.added} added, {summary.agenda.updated} marked done."
    if dry_run:
        line += " This was a dry run: nothing was written."
    return line
