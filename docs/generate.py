"""Writes docs/cli.md, the reference of every thoughtlog command, from the app's own help.

    python docs/generate.py                 # rewrite docs/cli.md
    python docs/generate.py --output FILE   # write it elsewhere

tests/test_docs.py fails when docs/cli.md no longer matches the app, so a change to any help text
or option asks for this to be run again.

It is Typer's own Markdown generator (what `typer thoughtlog.cli utils docs` runs), with rich markup
off: the help goes in as written, never wrapped to a terminal's width or coloured, so every machine
writes the same file.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLI_MD = HERE / "cli.md"
COMMAND = "python docs/generate.py"
HEADER = (
    "<!-- Written by docs/generate.py from thoughtlog's own --help. Don't edit it by hand:"
    f" change the help in the code, then run `{COMMAND}`. -->\n\n"
)


def render() -> str:
    """docs/cli.md as the app describes itself now."""
    sys.path.insert(0, str(HERE.parent))  # this checkout's thoughtlog, installed or not
    # Typer's own test switch changes how the --install-completion options are described.
    switch = os.environ.pop("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", None)
    try:
        import typer
        from typer.cli import get_docs_for_click
        from typer.core import MARKUP_MODE_KEY

        from thoughtlog.cli import app

        command = typer.main.get_command(app)
        ctx = typer.Context(command, info_name="thoughtlog", **command.context_settings)  # -h too
        ctx.obj = {MARKUP_MODE_KEY: None}  # help as plain text: no rich markup turned into HTML
        docs = get_docs_for_click(obj=command, ctx=ctx, name="thoughtlog")
    finally:
        if switch is not None:
            os.environ["_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"] = switch
    return HEADER + docs.strip() + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the command reference, docs/cli.md.")
    parser.add_argument(
        "--output", type=Path, default=CLI_MD, help="where to write it (default: %(default)s)"
    )
    output = parser.parse_args(argv).output
    output.write_text(render(), encoding="utf-8", newline="\n")
    print(f"Wrote {output}")


if __name__ == "__main__":
    main()
