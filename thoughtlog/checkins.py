"""The standard check-ins (PHQ-9, GAD-7, WHO-5): their own wording, answer scales and scoring guides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from thoughtlog.errors import InvalidValue

# PHQ-9 and GAD-7 (Spitzer, Williams, Kroenke and colleagues, with an educational grant from
# Pfizer) say "No permission required to reproduce, translate, display or distribute". Their
# items and answers below are word for word.
_OFTEN = ("Not at all", "Several days", "More than half the days", "Nearly every day")


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    name: str


@dataclass(frozen=True)
class Questionnaire:
    kind: str
    title: str
    stem: str
    items: tuple[str, ...]
    answers: tuple[str, ...]  # the answer scale, from its lowest value up
    bands: tuple[Band, ...]  # on the scale of `total` below
    credit: str = ""
    multiplier: int = 1  # WHO-5: the raw score times 4 is its percentage score

    @property
    def highest(self) -> int:
        return len(self.answers) - 1

    def total(self, answers: list[int]) -> int:
        return sum(answers) * self.multiplier

    def band(self, total: int) -> str:
        return next(band.name for band in self.bands if band.low <= total <= band.high)

    @property
    def most(self) -> int:
        return self.highest * len(self.items) * self.multiplier


PHQ9 = Questionnaire(
    kind="phq9",
    title="PHQ-9",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your"
        " family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite —"
        " being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    answers=_OFTEN,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 19, "moderately severe"),
        Band(20, 27, "severe"),
    ),
    credit="PHQ-9: Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues;"
    " no permission required to reproduce.",
)

GAD7 = Questionnaire(
    kind="gad7",
    title="GAD-7",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
    answers=_OFTEN,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 21, "severe"),
    ),
    credit="GAD-7: Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues;"
    " no permission required to reproduce.",
)

# WHO-5 (1998 version): its items and answers word for word; the raw score 0-25 times 4 is the
# percentage score 0-100. Its guide: 50 or below suggests poor wellbeing, 28 or below that
# depression is likely (a reason to be screened, not a diagnosis).
WHO5 = Questionnaire(
    kind="who5",
    title="WHO-5 Well-Being Index",
    stem="Please indicate for each of the five statements which is closest to how you have been"
    " feeling over the last two weeks. Over the last two weeks:",
    items=(
        "I have felt cheerful and in good spirits",
        "I have felt calm and relaxed",
        "I have felt active and vigorous",
        "I woke up feeling fresh and rested",
        "My daily life has been filled with things that interest me",
    ),
    answers=(
        "At no time",
        "Some of the time",
        "Less than half of the time",
        "More than half of the time",
        "Most of the time",
        "All of the time",
    ),
    bands=(
        Band(0, 28, "poor wellbeing, depression likely"),
        Band(29, 50, "poor wellbeing"),
        Band(51, 100, "not low"),
    ),
    credit="WHO-5 Well-Being Index: WHO Collaborating Centre in Mental Health, Psychiatric"
    " Research Unit, Frederiksborg General Hospital.",
    multiplier=4,
)

QUESTIONNAIRES: dict[str, Questionnaire] = {q.kind: q for q in (PHQ9, GAD7, WHO5)}
KINDS = tuple(QUESTIONNAIRES)

# PHQ-9's ninth item: thoughts of being better off dead or of hurting oneself.
ITEM9 = 8

NOT_A_DIAGNOSIS = (
    "A score is not a diagnosis: it is one way of putting the last two weeks into words, and"
    " can be something to talk over with someone you trust or a professional."
)


def questionnaire(kind: str) -> Questionnaire:
    try:
        return QUESTIONNAIRES[kind]
    except KeyError:
        raise InvalidValue(
            f"There is no check-in called '{kind}': use {', '.join(KINDS[:-1])} or {KINDS[-1]}."
        ) from None


@dataclass
class CheckIn:
    """One completed questionnaire: its answers in item order, and when it was taken."""

    kind: str
    answers: list[int]
    at: datetime
    id: int | None = None
    uuid: str = ""
    created_at: str = ""

    def __post_init__(self) -> None:
        check_answers(self.kind, self.answers)

    @property
    def questionnaire(self) -> Questionnaire:
        return QUESTIONNAIRES[self.kind]

    @property
    def total(self) -> int:
        return self.questionnaire.total(self.answers)

    @property
    def band(self) -> str:
        return self.questionnaire.band(self.total)

    @property
    def item9(self) -> int | None:
        """PHQ-9's ninth answer (None for the other questionnaires)."""
        return self.answers[ITEM9] if self.kind == "phq9" else None

    @property
    def needs_care_first(self) -> bool:
        """Whether the safety plan and crisis lines come before anything else."""
        return bool(self.item9)

    def to_dict(self) -> dict[str, Any]:
        from thoughtlog import dates

        return {
            "id": self.id,
            "uuid": self.uuid,
            "kind": self.kind,
            "at": dates.to_text(self.at),
            "answers": list(self.answers),
            "total": self.total,
            "band": self.band,
            "item9": self.item9,
        }


def check_answers(kind: str, answers: list[int]) -> list[int]:
    """The answers, if they fit the questionnaire: exactly its count, each within its scale."""
    form = questionnaire(kind)
    count, highest = len(form.items), form.highest
    if len(answers) != count:
        raise InvalidValue(
            f"The {form.title} has {count} questions, so it needs {count} answers"
            f" (each from 0 to {highest}); {len(answers)} were given."
        )
    for number, answer in enumerate(answers, 1):
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= highest:
            raise InvalidValue(
                f"Answer {number} can't be {answer!r}: the {form.title} answers go from 0 to"
                f" {highest}."
            )
    return answers


def parse_answers(kind: str, text: str) -> list[int]:
    """'0,1,2,…' as typed after --answers, checked against the questionnaire."""
    form = questionnaire(kind)
    answers: list[int] = []
    for number, part in enumerate(text.split(","), 1):
        part = part.strip()
        if not part.isdigit() or not part.isascii():
            raise InvalidValue(
                f"Answer {number} can't be '{part}': give whole numbers from 0 to"
                f" {form.highest}, separated by commas (for example 0,1,2)."
            )
        answers.append(int(part))
    return check_answers(kind, answers)


def scale_line(kind: str) -> str:
    """The answer scale in one line: '0 Not at all · 1 Several days · …'."""
    return "   ".join(f"{n} {label}" for n, label in enumerate(questionnaire(kind).answers))


def summary_lines(checkin: CheckIn) -> list[str]:
    """A check-in as words: never a score alone, item 9 on its own line, the guide's band."""
    form = checkin.questionnaire
    if form.multiplier > 1:
        score = (
            f"{form.title}: {checkin.total} out of {form.most}"
            f" (raw {sum(checkin.answers)} of {form.highest * len(form.items)})"
        )
    else:
        score = f"{form.title}: {checkin.total} out of {form.most}"
    lines = [f"{score}. Its scoring guide calls this range {checkin.band}."]
    if checkin.item9 is not None:
        lines.append(item9_line(checkin.item9))
    return lines


def item9_line(answer: int) -> str:
    return (
        "Thoughts of being better off dead or of hurting yourself: "
        f"{PHQ9.answers[answer].lower()}." + (" You are not alone with this." if answer else "")
    )
