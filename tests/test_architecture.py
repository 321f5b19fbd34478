"""The rooms of the house keep their rules: which layer may import which (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "thoughtlog"

# The command layer: reads options, asks the person, calls the core, hands results to the output.
COMMAND_LAYER = ("cli.py", "__main__.py", "launch.py", "commands/")
# The output layer: draws data for a terminal, a pipe or a page. rich lives here, Typer does not.
OUTPUT_LAYER = ("output.py", "report_formats.py")
# The only room that speaks SQL.
STORAGE = ("storage/", "storage.py")

FRAMEWORKS = {"typer", "click", "rich"}
DATABASE = {"sqlite3", "sqlite_utils", "sqlite_fts4", "sqlcipher3"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _room(path: Path) -> str:
    relative = path.relative_to(PACKAGE).as_posix()
    for room, prefixes in (
        ("command", COMMAND_LAYER),
        ("output", OUTPUT_LAYER),
        ("storage", STORAGE),
    ):
        for prefix in prefixes:
            if relative == prefix or (prefix.endswith("/") and relative.startswith(prefix)):
                return room
    return "core"


def _imports(path: Path) -> set[str]:
    """Every module the file imports, at its top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _top(name: str) -> str:
    return name.split(".")[0]


def _ours(names: set[str], *rooms: str) -> set[str]:
    found = set()
    for name in names:
        parts = name.split(".")
        if parts[0] != "thoughtlog" or len(parts) < 2:
            continue
        relative = "/".join(parts[1:])
        candidates = [PACKAGE / f"{relative}.py", PACKAGE / relative / "__init__.py"]
        for candidate in candidates:
            if candidate.exists() and _room(candidate) in rooms:
                found.add(name)
    return found


MODULES = _modules()


def _id(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


@pytest.mark.parametrize("path", [p for p in MODULES if _room(p) in ("core", "storage")], ids=_id)
def test_the_core_never_imports_typer_or_rich_or_the_layers_above_it(path: Path):
    names = _imports(path)
    assert not {n for n in names if _top(n) in FRAMEWORKS}
    assert not _ours(names, "command", "output")


@pytest.mark.parametrize("path", [p for p in MODULES if _room(p) != "storage"], ids=_id)
def test_only_the_storage_room_speaks_to_the_database(path: Path):
    assert not {n for n in _imports(path) if _top(n) in DATABASE}


@pytest.mark.parametrize("path", [p for p in MODULES if _room(p) == "output"], ids=_id)
def test_the_output_layer_never_imports_typer_or_the_commands(path: Path):
    names = _imports(path)
    assert not {n for n in names if _top(n) in {"typer", "click"}}
    assert not _ours(names, "command")


def test_every_module_is_in_a_room():
    """A new module lands in a room whose rule the tests above check (a guard against typos)."""
    rooms = {_room(p) for p in MODULES}
    assert rooms <= {"command", "output", "storage", "core"}
    assert {"command", "output", "storage", "core"} <= rooms
