"""Runs the test suite on the lowest and the highest Typer that pyproject.toml allows.

Run it before each release, and whenever the Typer range in pyproject.toml changes:

    python bench/typer_bounds.py            # both ends of the range, the whole suite on each
    python bench/typer_bounds.py -- -x -q   # arguments after -- go to pytest

cli.py catches usage errors from Typer's private copy of Click (typer._click.exceptions) and reads
the parameter types Typer builds, and tests/test_startup.py checks that no everyday command imports
pydantic: a Typer release can break any of these without notice. So the range declared in
pyproject.toml is a claim, and this script proves it. For each end it makes a throwaway virtual
environment in a temporary folder, installs thoughtlog (editable) with its test extra and that Typer,
and runs pytest there: the lowest end is the version named by the range's `>=`, the highest is
whatever pip chooses for the range as written, which is the newest release inside it today. When
both are the same release the suite runs once.

It prints each Typer version with its result and exits 1 if the suite fails on either end.
It needs the network or a package index that holds both versions; it takes a few minutes.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def typer_requirement() -> str:
    """The Typer requirement in pyproject.toml's dependencies, as written there."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"]:
        if re.match(r"typer\s*[<>=!~]", requirement, re.I):
            return requirement.replace(" ", "")
    sys.exit("pyproject.toml declares no Typer version range to test.")


def lowest_version(requirement: str) -> str:
    found = re.search(r">=([0-9][0-9.]*)", requirement)
    if not found:
        sys.exit(f"The Typer requirement '{requirement}' has no lower bound (>=) to test.")
    return found.group(1)


def make_environment(folder: Path, typer: str) -> Path:
    """A new virtual environment holding thoughtlog, its test extra and the Typer asked for."""
    venv.EnvBuilder(with_pip=True).create(folder)
    python = folder / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*install, "-e", f"{ROOT}[test]", typer], check=True)
    return python


def installed_typer(python: Path) -> str:
    return subprocess.run(
        [str(python), "-c", "from importlib.metadata import version; print(version('typer'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def run_suite(python: Path, pytest_arguments: list[str]) -> int:
    command = [str(python), "-m", "pytest", "-p", "no:cacheprovider", *pytest_arguments]
    return subprocess.run(command, cwd=ROOT).returncode


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Run the tests on the lowest and highest Typer pyproject.toml allows."
    )
    parser.add_argument("pytest_arguments", nargs="*", help="passed to pytest (after --)")
    arguments = parser.parse_args()
    requirement = typer_requirement()
    ends = {"lowest": f"typer=={lowest_version(requirement)}", "highest": requirement}
    print(f"pyproject.toml asks for {requirement}", flush=True)
    results: dict[str, tuple[str, int]] = {}
    tested: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="thoughtlog-typer-") as scratch:
        for end, typer in ends.items():
            print(f"\n== The {end} Typer allowed ({typer}): installing ...", flush=True)
            python = make_environment(Path(scratch) / end, typer)
            version = installed_typer(python)
            if version in tested:
                print(f"The {end} Typer allowed is {version} too: already tested.", flush=True)
                results[end] = (version, tested[version])
                continue
            print(f"Typer {version}: running the test suite ...", flush=True)
            tested[version] = run_suite(python, arguments.pytest_arguments or ["-q"])
            results[end] = (version, tested[version])
    print()
    for end, (version, code) in results.items():
        print(f"{end:>7} Typer allowed: {version}: {'passed' if code == 0 else 'FAILED'}")
    return 1 if any(code for _, code in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
