"""Export and import: the journal written as CSV, JSON or markdown, and those files read back in.

One module per format, writer and reader of the same syntax side by side (``csv_format``,
``json_format``, ``markdown_format``), over the field checks both readers share (``fields``);
``importer`` merges what a reader hands on into the journal, and ``files`` writes the person's
files. Writers take an iterator of records and write to a text stream as they go, and readers hand
on one record at a time, so memory stays flat however long the journal grows.
"""

from thoughtlog.exchange.csv_format import (
    COLUMNS,
    LIST_SEPARATOR,
    TABLES,
    csv_syntax,
    read_csv,
    write_csv_table,
    write_records_csv,
)
from thoughtlog.exchange.files import private_file
from thoughtlog.exchange.importer import Counts, ImportSummary, import_file
from thoughtlog.exchange.json_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    RECORD_SEPARATOR,
    experiment_from_json,
    read_json,
    record_from_json,
    write_json,
)
from thoughtlog.exchange.markdown_format import write_markdown

__all__ = [
    "COLUMNS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "LIST_SEPARATOR",
    "RECORD_SEPARATOR",
    "TABLES",
    "Counts",
    "ImportSummary",
    "csv_syntax",
    "experiment_from_json",
    "import_file",
    "private_file",
    "read_csv",
    "read_json",
    "record_from_json",
    "write_csv_table",
    "write_json",
    "write_markdown",
    "write_records_csv",
]
