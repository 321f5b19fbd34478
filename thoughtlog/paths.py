"""Where the journal lives: --db, then THOUGHTLOG_DB, then the user's data directory.

Found with os.path, as text, so that `due` (at every shell prompt) needn't import pathlib, which
costs a few milliseconds there; everything else takes it as a Path from journal_path.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported: `due` runs at every shell prompt
if TYPE_CHECKING:
    from pathlib import Path

ENV_VAR = "THOUGHTLOG_DB"


def data_dir() -> str:
    """The per-user data directory: XDG on Linux, the platform's own elsewhere."""
    home = os.path.expanduser("~")  # what Path.home() answers
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local")
        return os.path.join(local, "thoughtlog")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Application Support", "thoughtlog")
    xdg = os.environ.get("XDG_DATA_HOME")
    base = xdg if xdg and os.path.isabs(xdg) else os.path.join(home, ".local", "share")
    return os.path.join(base, "thoughtlog")


def journal_file(option: str | os.PathLike[str] | None = None) -> str:
    """The journal to open, as text: the --db option wins, then THOUGHTLOG_DB, then the default."""
    chosen = option or os.environ.get(ENV_VAR)
    if chosen:
        return os.path.expanduser(os.fspath(chosen))
    return os.path.join(data_dir(), "journal.db")


def journal_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The journal to open (see journal_file), as a Path."""
    from pathlib import Path

    return Path(journal_file(option))
