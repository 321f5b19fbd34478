"""docs/cli.md, the command reference, says what the app's own help says."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLI_MD = ROOT / "docs" / "cli.md"
GENERATE = ROOT / "docs" / "generate.py"


def test_the_command_reference_is_up_to_date(tmp_path):
    # Regenerate it as a person would, from another folder, on a narrow terminal that asks for
    # colour: none of it may change a byte.
    fresh = tmp_path / "cli.md"
    env = {**os.environ, "COLUMNS": "37", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    subprocess.run(
        [sys.executable, str(GENERATE), "--output", str(fresh)],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    )
    expected = fresh.read_text(encoding="utf-8")
    actual = CLI_MD.read_text(encoding="utf-8") if CLI_MD.exists() else ""
    if actual != expected:
        diff = difflib.unified_diff(
            actual.splitlines(), expected.splitlines(), "docs/cli.md", "the app's help now",
            lineterm="", n=1,
        )
        shown = "\n".join(list(diff)[:40])
        pytest.fail(
            "docs/cli.md is stale: run `python docs/generate.py` and commit docs/cli.md.\n" + shown,
            pytrace=False,
        )


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
