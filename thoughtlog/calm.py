"""A short calming exercise: 5-4-3-2-1 grounding or paced breathing, and the session kept afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from thoughtlog.errors import InvalidValue

EXERCISES = ("breathing", "grounding")

# 5-4-3-2-1: the senses, one step each, from the most to the fewest things to notice.
GROUNDING = (
    (5, "things you can see"),
    (4, "things you can touch or feel"),
    (3, "things you can hear"),
    (2, "things you can smell"),
    (1, "thing you can taste"),
)

# Paced breathing: a slower breath out than in, about six breaths a minute.
BREATH_IN_SECONDS = 4
BREATH_OUT_SECONDS = 6
MAX_ROUNDS = 10


@dataclass
class CalmSession:
    """One exercise, with how stirred up the person felt before and after (0-100, either may be
    left out)."""

    exercise: str
    at: datetime
    before: int | None = None
    after: int | None = None
    id: int | None = None
    uuid: str = ""
    created_at: str = ""

    def __post_init__(self) -> None:
        if self.exercise not in EXERCISES:
            raise InvalidValue(
                f"There is no exercise called '{self.exercise}': use breathing or grounding."
            )
        for what, value in (("before", self.before), ("after", self.after)):
            if value is not None and not 0 <= value <= 100:
                raise InvalidValue(f"How stirred up you felt {what} goes from 0 to 100.")

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    def to_dict(self) -> dict[str, Any]:
        from thoughtlog import dates

        return {
            "id": self.id,
            "uuid": self.uuid,
            "exercise": self.exercise,
            "at": dates.to_text(self.at),
            "before": self.before,
            "after": self.after,
        }


def grounding_steps(steps: int = len(GROUNDING)) -> list[str]:
    """The first `steps` steps of 5-4-3-2-1, as lines to read."""
    if not 1 <= steps <= len(GROUNDING):
        raise InvalidValue(f"--steps goes from 1 to {len(GROUNDING)}.")
    return [f"Notice {count} {what}." for count, what in GROUNDING[:steps]]


def breathing(rounds: int) -> Iterator[tuple[str, int]]:
    """The breaths of `rounds` rounds: ('in', seconds), ('out', seconds), ..."""
    if not 1 <= rounds <= MAX_ROUNDS:
        raise InvalidValue(f"--rounds goes from 1 to {MAX_ROUNDS}.")
    for _ in range(rounds):
        yield "in", BREATH_IN_SECONDS
        yield "out", BREATH_OUT_SECONDS


def pace(
    rounds: int,
    *,
    write: Callable[[str], None],
    sleep: Callable[[float], None],
) -> None:
    """Paced breathing with a visible rhythm: a word, then one mark a second as the breath goes
    on, in plain characters (no colour, no cursor movement), so a plain terminal, NO_COLOR and
    a pipe all show the same calm line. `sleep` is injected so that tests need not wait."""
    for number, (breath, seconds) in enumerate(breathing(rounds), 1):
        write("Breathe in   " if breath == "in" else "Breathe out  ")
        for _ in range(seconds):
            sleep(1)
            write("~ " if breath == "in" else ". ")
        write("\n")
        if breath == "out" and number < rounds * 2:
            write("\n")
