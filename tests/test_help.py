"""Every command and group has --help, with an example, without touching the journal."""

from __future__ import annotations

import pytest
import typer

from thoughtlog.cli import app


def _command_paths() -> list[tuple[str, ...]]:
    """Every command path in the app, groups included: (), ('add',), ('experiment', 'done'), ..."""
    paths: list[tuple[str, ...]] = []

    def walk(command, path: tuple[str, ...]) -> None:
        paths.append(path)
        if not hasattr(command, "list_commands"):
            return
        ctx = typer.Context(command)
        for name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, name)
            if not sub.hidden:
                walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return paths


PATHS = _command_paths()


def test_the_command_tree_holds_the_commands_of_the_design():
    names = {" ".join(p) for p in PATHS}
    expected = {
        "add",
        "list",
        "show",
        "edit",
        "delete",
        "restore",
        "search",
        "distortions",
        "path",
        "experiment",
        "experiment add",
        "experiment done",
        "experiment list",
        "experiment show",
        "experiment edit",
        "experiment delete",
        "experiment restore",
    }
    assert expected <= names


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "thoughtlog" for p in PATHS])
def test_help_has_an_example(cli, path, journal_path):
    result = cli(*path, "--help")
    assert result.exit_code == 0, result.stderr
    assert "Example" in result.stdout
    assert not journal_path.exists()


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "thoughtlog" for p in PATHS])
def test_short_h_shows_the_help_too(cli, path, journal_path):
    result = cli(*path, "-h")
    assert result.exit_code == 0, result.stderr
    assert "Usage" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not journal_path.exists()


@pytest.mark.parametrize(
    ("typed", "suggested", "command"),
    [("lisst", "list", ""), ("experiment lst", "list", "experiment ")],
)
def test_a_mistyped_command_name_suggests_the_one_meant(cli, typed, suggested, command):
    """Commands are built only when they run, yet a typo still gets Typer's suggestion."""
    result = cli(*typed.split())
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: No such command '{typed.split()[-1]}'. Did you mean '{suggested}'?",
        f"Try 'thoughtlog {command}--help' for help.",
    ]
