"""docs/cli.md, the command reference, says what the app's own help says."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import assert_generated_file_is_current

ROOT = Path(__file__).resolve().parent.parent
CLI_MD = ROOT / "docs" / "cli.md"
GENERATE = ROOT / "docs" / "generate.py"


def test_the_command_reference_is_up_to_date(tmp_path):
    # Regenerate it as a person would, from another folder, on a narrow terminal that asks for
    # colour: none of it may change a byte.
    env = {**os.environ, "COLUMNS": "37", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    assert_generated_file_is_current(GENERATE, CLI_MD, tmp_path, env)


def test_the_reference_covers_every_command():
    text = CLI_MD.read_text(encoding="utf-8")
    for heading in [
        "# `thoughtlog`",
        "## `thoughtlog add`",
        "## `thoughtlog list`",
        "### `thoughtlog experiment done`",
    ]:
        assert f"\n{heading}\n" in text
    assert "--distortion" in text and "[env var: THOUGHTLOG_DB]" in text
