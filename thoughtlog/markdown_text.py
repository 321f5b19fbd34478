"""The person's text inside markdown: shown as typed, never read as a heading, a list, a link or HTML.

Every markdown writer (the report, the exported worksheets) passes the person's text through
``block`` (a paragraph or a list item) or ``inline`` (a table cell) and nothing else. The rules
hold in CommonMark renderers (markdown-it-py, GitHub) and in Python-Markdown, which escapes fewer
characters with a backslash: there the others are written as character references.
"""

from __future__ import annotations

import re

# Anywhere on a line: emphasis, code, links and images, raw HTML and entities, table cells,
# strikethrough. A backslash works for the characters both kinds of renderer know as escapable.
_ANYWHERE = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "<": "&lt;",
        "&": "&amp;",
        "|": "&#124;",
        "~": "&#126;",
    }
)
# At the start of a line: headings, block quotes, bullets and rules (-, +, *), setext underlines
# (=, -) and numbered lists ("1." and "1)").
_LINE_START = re.compile(r"^(?:[#>+\-]|=|(\d{1,9})([.)]))")


def _line(text: str) -> str:
    # Leading blanks would make an indented code block; they carry nothing a reader sees.
    line = text.strip(" \t").translate(_ANYWHERE)
    return _LINE_START.sub(_escape_start, line)


def _cell_line(text: str) -> str:
    # A table cell holds inline text only, where nothing at the start of a line is structure.
    return text.strip(" \t").translate(_ANYWHERE)


def _escape_start(match: re.Match[str]) -> str:
    if match[1] is not None:  # "1." -> "1\."
        return f"{match[1]}\\{match[2]}"
    mark = match[0]
    return "&#61;" if mark == "=" else "\\" + mark


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def block(text: str, *, indent: str = "") -> str:
    """Text for a paragraph or a list item: each line literal, its newlines kept as line breaks.

    Lines after the first start with indent (two spaces under a "- " bullet) so they stay in the
    item; an empty line stays a paragraph break inside it.
    """
    lines = [_line(line) for line in _lines(text)]
    out = lines[0]
    for previous, line in zip(lines, lines[1:]):
        # Two trailing spaces are the hard line break both kinds of renderer read.
        out += ("  \n" if previous and line else "\n") + (indent + line if line else "")
    return out


def inline(text: str) -> str:
    """Text for a table cell: literal, on one line, its newlines drawn as <br> breaks."""
    return "<br>".join(_cell_line(line) for line in _lines(text))
