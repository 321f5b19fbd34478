"""Small words shared by every sentence thoughtlog says: a count with its noun."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """'1 record', '3 records'."""
    return f"{count} {word}{'' if count == 1 else 's'}"
