"""Files written for the person: readable by the owner alone and put in place only when complete."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from thoughtlog.errors import ThoughtlogError


@contextmanager
def private_file(path: Path, *, byte_order_mark: bool = False) -> Iterator[TextIO]:
    """A UTF-8 text file readable by its owner alone, put in place only once it is complete.

    It is written beside the target under a temporary name created with mode 0600 and then
    renamed, so the export never passes through a moment of wider permissions (whatever the
    umask, and even when it replaces a file that had them) and never leaves half a file behind.
    """
    if path.is_dir():
        raise ThoughtlogError(f"{path} is a folder: give --output a file name inside it.")
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent or ".", prefix=f".{path.name}.", suffix=".part"
        )
    except OSError as error:
        raise ThoughtlogError(f"Couldn't write {path}: {error.strerror or error}.") from None
    try:
        os.fchmod(descriptor, 0o600)
        with open(descriptor, "w", encoding="utf-8", newline="") as out:
            if byte_order_mark:
                out.write("\ufeff")
            yield out
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
