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


class NotUtf8Text(ThoughtlogError):
    """The editor saved bytes that aren't UTF-8. The text is kept, those bytes included (as
    surrogate escapes), so that it can be opened again exactly as it was saved."""

    def __init__(self, text: str, line: int):
        super().__init__(
            f"The editor saved text that isn't UTF-8 (on line {line}); thoughtlog keeps text as"
            " UTF-8."
        )
        self.text = text


def editor_command() -> list[str]:
    for variable in ("VISUAL", "EDITOR"):
        if chosen := os.environ.get(variable):
            try:
                return shlex.split(chosen)
            except ValueError:  # "No closing quotation" and the like
                raise ThoughtlogError(
                    f"${variable} has a quote that isn't closed, so thoughtlog can't tell which"
                    f' editor to start: set it as you would type it in a shell, such as "code --wait".'
                ) from None
    return ["notepad"] if sys.platform == "win32" else ["vi"]


def edit_text(text: str) -> str | None:
    """The text after the person edited and saved it, or None if they closed without a change.

    Text that isn't UTF-8 raises NotUtf8Text, which holds it.
    """
    command = editor_command()
    original = text.encode("utf-8", "surrogateescape")
    folder = Path(tempfile.mkdtemp(prefix="thoughtlog-"))  # private: mode 0700
    path = folder / "record.txt"
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(original)
        command = [*command, str(path)]
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
        saved = path.read_bytes()
        if saved == original:
            return None
        try:
            return saved.decode("utf-8")
        except UnicodeDecodeError as error:
            line = saved[: error.start].count(b"\n") + 1
            raise NotUtf8Text(saved.decode("utf-8", "surrogateescape"), line) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
