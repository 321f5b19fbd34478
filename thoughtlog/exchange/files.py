"""Files written for the person: only ever a regular file, readable by its owner alone, whole.

Export, report and backup write where the person points them, so the path may hold something
that isn't a file to replace: a symbolic link (perhaps to a file of someone else's), a named pipe,
a device such as /dev/full, a folder or a socket. Replacing it through a rename would put a
regular file in its place (as root, even instead of a device node); writing through it would send
the person's journal somewhere they didn't mean. So anything but a regular file is refused, and
left exactly as it was.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from thoughtlog.errors import ThoughtlogError

STDOUT = "-"  # the path that means standard output, for the commands that offer it

OUTPUT_ADVICE = "Give --output a file name, or use - (or leave --output out) for standard output."

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def is_stdout(path: str | os.PathLike[str] | None) -> bool:
    """Whether the person asked for standard output rather than a file (``-``)."""
    return path is not None and os.fspath(path) == STDOUT


def check_target(path: Path, *, advice: str = OUTPUT_ADVICE) -> None:
    """Refuse a path that holds anything but a regular file; a path that holds nothing is fine.

    The path itself is looked at, not what a link at it points to. What is refused is not touched.
    advice says what to give instead (by default, for an --output option that takes -).
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise ThoughtlogError(f"Couldn't write {path}: {error.strerror or error}.") from None
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise ThoughtlogError(f"{path} is a folder, not a file. {advice}")
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise ThoughtlogError(
        f"{path} is {kind}, not a regular file, so thoughtlog left it as it is. {advice}"
    )


@contextmanager
def private_file(
    path: Path, *, byte_order_mark: bool = False, advice: str = OUTPUT_ADVICE
) -> Iterator[TextIO]:
    """A UTF-8 text file readable by its owner alone, put in place only once it is complete.

    It is written beside the target under a temporary name created with mode 0600 and then
    renamed, so the file never passes through a moment of wider permissions (whatever the umask,
    and even when it replaces a file that had them) and never leaves half a file behind. The path
    is checked (check_target) before anything is written and again just before the rename.
    """
    check_target(path, advice=advice)
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
        check_target(path, advice=advice)  # something may have been put there meanwhile
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
