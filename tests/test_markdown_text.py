"""The person's text in markdown stays that text: never a heading, a list, a link or HTML, in
Python-Markdown and in markdown-it-py (CommonMark) alike; its newlines stay line breaks."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thoughtlog.markdown_text import block, inline

markdown = pytest.importorskip("markdown")
markdown_it = pytest.importorskip("markdown_it")

RENDERERS = {
    "python-markdown": lambda text: markdown.markdown(text, extensions=["tables"]),
    "markdown-it-py": markdown_it.MarkdownIt("commonmark")
    .enable(["table", "strikethrough"])
    .render,
}

TRICKY = [
    "# I'm a failure",
    "---",
    "> they said it",
    "1. first I froze",
    "2) then I left",
    "- nobody listened",
    "+ or cared",
    "*everyone* saw it",
    "__really__ bad",
    "[link](https://example.com)",
    "![picture](x.png)",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "`code` and ~~struck~~",
    "a | table | row",
    "fish &amp; chips &copy;",
    "back\\slash \\* star",
    "    indented like code",
    "Title\n===",
    "Title\n---",
    "first line\nsecond line\n\nafter a blank",
    "<https://example.com>",
    "[x]: https://example.com",
]


class _Reader(HTMLParser):
    """The text and the tags of rendered HTML; <br>, <p>, <li> and cells start new lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        if tag in ("br", "p", "li", "td", "th"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def read(html: str) -> tuple[list[str], set[str]]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    return [line for line in lines if line], reader.tags


def lines_of(text: str) -> list[str]:
    """What a reader should see: each non-empty line, its blanks run together."""
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return [line for line in lines if line]


def check(text: str) -> None:
    for name, render in RENDERERS.items():
        seen, tags = read(render(block(text)))
        assert (seen, tags <= {"p", "br"}) == (lines_of(text), True), (name, text, block(text))
        item = "- " + block(text, indent="  ") + "\n"
        seen, tags = read(render(item))
        assert (seen, tags <= {"ul", "li", "p", "br"}) == (lines_of(text), True), (name, item)
        table = "| a |\n|---|\n| " + inline(text) + " |\n"
        seen, tags = read(render(table))
        cells = {"table", "thead", "tbody", "tr", "th", "td", "br", "p"}
        assert (seen, tags <= cells) == (["a", *lines_of(text)], True), (name, table)


@pytest.mark.parametrize("text", TRICKY)
def test_markdown_shows_the_persons_text_as_typed(text):
    check(text)


@settings(max_examples=150, deadline=None)
@given(st.text(st.sampled_from(list("#->+=*_`[]()!<>&|~\\.:;1 9\nab\t'\"/é日")), max_size=24))
def test_any_text_renders_as_itself(text):
    check(text)


def test_newlines_in_a_field_stay_line_breaks():
    for render in RENDERERS.values():
        assert render(block("one\ntwo")).count("<br") == 1
        assert "<br" in render("| a |\n|---|\n| " + inline("one\ntwo") + " |\n")


def test_exported_worksheets_show_the_persons_text_as_typed(cli):
    """The same texts, through `export --format markdown`: each field reads back as typed, and
    nothing in them becomes a heading, a link, an image or HTML."""
    texts = [text for text in TRICKY if text.strip()]
    for text in texts:
        added = cli("add", "-s", text, "-t", text, "--behaviour", text, "--reframe", text)
        assert added.exit_code == 0, added.stderr
    page = cli("export", "--format", "markdown").stdout
    for name, render in RENDERERS.items():
        seen, tags = read(render(page))
        assert tags <= {"h1", "h2", "h3", "p", "br", "ul", "li"}, (name, tags)
        headings = [line for line in page.splitlines() if line.startswith("#")]
        assert len(headings) == 1 + len(texts) * 8, name  # the page, each record, its sections
        for text in texts:
            assert all(line in seen for line in lines_of(text)), (name, text)
