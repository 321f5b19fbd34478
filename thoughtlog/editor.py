"""Opens text in the person's $VISUAL or $EDITOR and reads it back, from a private temporary file."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from thoughtlog.errors import ThoughtlogError


def editor_command() -> list[str]:
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen:
        return shlex.split(chosen)
    return ["notepad"] if sys.platform == "win32" else ["vi"]


def edit_text(text: str) -> str | None:
    """The text after the person edited and saved it, or None if they closed without a change."""
    folder = Path(tempfile.mkdtemp(prefix="thoughtlog-"))  # private: mode 0700
    path = folder / "record.txt"
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
        command = [*editor_command(), str(path)]
        try:
            finished = subprocess.run(command, check=False)
        except OSError as error:
            raise ThoughtlogError(
                f"Couldn't start the editor '{command[0]}': {error.strerror or error}."
                " Set $EDITOR to the editor you use."
            ) from None
        if finished.returncode != 0:
            raise ThoughtlogError(
                f"The editor '{command[0]}' stopped with an error, so nothing was changed."
            )
        edited = path.read_text(encoding="utf-8")
        return None if edited == text else edited
    finally:
        shutil.rmtree(folder, ignore_errors=True)
