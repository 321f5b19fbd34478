"""A refused option value is said plainly, whatever kind of number or range the option takes.

thoughtlog's own options are checked end to end in test_output_conventions.py; this covers the
kinds of limit Typer can put on an option that no thoughtlog option has yet (an upper bound, a
decimal number), through the same wording function.
"""

from __future__ import annotations

from typing import Annotated

import pytest
import typer

from thoughtlog.cli import _usage_message


def _rate(
    intensity: Annotated[int, typer.Option(min=0, max=100)] = 0,
    share: Annotated[float, typer.Option(min=0.5, max=1.5)] = 1.0,
    count: Annotated[int, typer.Option()] = 0,
) -> None:
    """A command with the kinds of limit Typer offers."""


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("--intensity 140", "--intensity can't be '140': use 100 or less."),
        ("--intensity -1", "--intensity can't be '-1': use 0 or more."),
        ("--intensity 55.5", "--intensity can't be '55.5': use a whole number."),
        ("--intensity lots", "--intensity can't be 'lots': use a whole number."),
        ("--share 2", "--share can't be '2.0': use 1.5 or less."),
        ("--share 0.1", "--share can't be '0.1': use 0.5 or more."),
        ("--share half", "--share can't be 'half': use a number."),
        ("--count 1e3", "--count can't be '1e3': use a whole number."),
    ],
)
def test_a_refused_number_is_named_with_what_the_option_takes(typed, said):
    app = typer.Typer()
    app.command()(_rate)
    command = typer.main.get_command(app)
    with pytest.raises(typer.BadParameter) as refused:
        command.main(typed.split(), standalone_mode=False)
    assert _usage_message(refused.value) == said
