"""Markdown: the records as readable worksheets, for reading or printing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from thoughtlog import worksheet
from thoughtlog.markdown_text import block
from thoughtlog.model import Record


def write_markdown(records: Iterable[Record], out: TextIO) -> int:
    """The records as readable worksheets, laid out as `show` lays them out."""
    out.write("# Thought records\n")
    count = 0
    for record in records:
        out.write(f"\n## {worksheet.title(record)}\n")
        for section in worksheet.sections(record):
            out.write(f"\n### {section.heading}\n\n")
            as_list = len(section.lines) > 1 or section.heading in (
                "Emotions",
                "Automatic thoughts",
            )
            # The person's text is made literal: never a heading, a list, a link or HTML.
            for line in section.lines:
                if not as_list:
                    out.write(f"{block(line)}\n")
                elif line.startswith("  "):
                    out.write(f"  - {block(line.strip(), indent='    ')}\n")
                else:
                    out.write(f"- {block(line, indent='  ')}\n")
        count += 1
    if not count:
        out.write("\nNo records match.\n")
    return count
