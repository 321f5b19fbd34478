"""Where the journal lives: --db, then THOUGHTLOG_DB, then the user's data directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_VAR = "THOUGHTLOG_DB"


def data_dir() -> Path:
    """The per-user data directory: XDG on Linux, the platform's own elsewhere."""
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "thoughtlog"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "thoughtlog"
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / "thoughtlog"


def journal_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The journal to open: the --db option wins, then THOUGHTLOG_DB, then the default."""
    chosen = option or os.environ.get(ENV_VAR)
    return Path(chosen).expanduser() if chosen else data_dir() / "journal.db"
