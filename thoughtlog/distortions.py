"""The catalogue of thinking traps, and turning what a person types into a catalogue slug."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from thoughtlog.errors import InvalidValue


@dataclass(frozen=True)
class Distortion:
    slug: str
    name: str
    meaning: str
    example: str


CATALOGUE: tuple[Distortion, ...] = (
    Distortion(
        "all-or-nothing",
        "All-or-nothing thinking",
        "Seeing things in black and white: anything short of perfect counts as a failure.",
        "I stumbled over one sentence, so the whole presentation was a disaster.",
    ),
    Distortion(
        "overgeneralization",
        "Overgeneralization",
        "Treating one bad event as a never-ending pattern, with words like always and never.",
        "My idea was turned down; nobody ever listens to me.",
    ),
    Distortion(
        "mental-filter",
        "Mental filter",
        "Dwelling on one negative detail until it colours everything else.",
        "Three people thanked me, but I keep replaying the one frown.",
    ),
    Distortion(
        "disqualifying-the-positive",
        "Disqualifying the positive",
        "Insisting that good things don't count, so a negative belief stays intact.",
        "They only agreed with me to be polite.",
    ),
    Distortion(
        "mind-reading",
        "Mind reading",
        "Concluding what others think of you without checking.",
        "My boss went quiet, so she must think I'm difficult.",
    ),
    Distortion(
        "fortune-telling",
        "Fortune telling",
        "Predicting that things will turn out badly, as if it were already fact.",
        "If I disagree in the meeting, I'll be reprimanded.",
    ),
    Distortion(
        "catastrophizing",
        "Catastrophizing",
        "Blowing the importance of a problem or mistake out of proportion.",
        "If I say the wrong thing I'll lose my job and never work again.",
    ),
    Distortion(
        "minimization",
        "Minimization",
        "Shrinking your own strengths or good moments until they seem tiny.",
        "Speaking up once was nothing; anyone could do it.",
    ),
    Distortion(
        "emotional-reasoning",
        "Emotional reasoning",
        "Taking a feeling as proof: I feel it, so it must be true.",
        "I feel scared to speak, so speaking up must be dangerous.",
    ),
    Distortion(
        "should-statements",
        "Should statements",
        "Driving yourself with shoulds, musts and oughts, and feeling guilty when you fall short.",
        "I should never upset anyone.",
    ),
    Distortion(
        "labeling",
        "Labeling",
        "Attaching a fixed label to yourself or others instead of describing what happened.",
        "I'm a coward.",
    ),
    Distortion(
        "personalization",
        "Personalization",
        "Seeing yourself as the cause of something you were not mainly responsible for.",
        "The meeting went badly because I was there.",
    ),
    Distortion(
        "blaming",
        "Blaming",
        "Putting all the responsibility on someone else and overlooking your part, or theirs.",
        "It's entirely my manager's fault that I never speak.",
    ),
)

BY_SLUG: dict[str, Distortion] = {d.slug: d for d in CATALOGUE}

# Other spellings and names people use for the same trap.
ALIASES: dict[str, str] = {
    "black-and-white": "all-or-nothing",
    "black-and-white-thinking": "all-or-nothing",
    "all-or-nothing-thinking": "all-or-nothing",
    "polarized-thinking": "all-or-nothing",
    "dichotomous-thinking": "all-or-nothing",
    "overgeneralisation": "overgeneralization",
    "overgeneralizing": "overgeneralization",
    "overgeneralising": "overgeneralization",
    "generalization": "overgeneralization",
    "filter": "mental-filter",
    "filtering": "mental-filter",
    "discounting-the-positive": "disqualifying-the-positive",
    "discounting-positives": "disqualifying-the-positive",
    "mind-read": "mind-reading",
    "mindreading": "mind-reading",
    "fortune-teller": "fortune-telling",
    "fortune-teller-error": "fortune-telling",
    "fortunetelling": "fortune-telling",
    "catastrophising": "catastrophizing",
    "catastrophic-thinking": "catastrophizing",
    "catastrophisation": "catastrophizing",
    "catastrophization": "catastrophizing",
    "magnification": "catastrophizing",
    "magnifying": "catastrophizing",
    "minimisation": "minimization",
    "minimizing": "minimization",
    "minimising": "minimization",
    "emotional-reasoning-error": "emotional-reasoning",
    "should": "should-statements",
    "shoulds": "should-statements",
    "should-statement": "should-statements",
    "musts": "should-statements",
    "labelling": "labeling",
    "label": "labeling",
    "mislabeling": "labeling",
    "mislabelling": "labeling",
    "personalisation": "personalization",
    "personalizing": "personalization",
    "blame": "blaming",
    "other-blaming": "blaming",
}

# Names that cover more than one slug: the person is asked which one they meant.
AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "jumping-to-conclusions": ("mind-reading", "fortune-telling"),
    "jumping-to-conclusion": ("mind-reading", "fortune-telling"),
    "magnification-and-minimization": ("catastrophizing", "minimization"),
    "magnification-and-minimisation": ("catastrophizing", "minimization"),
    "personalization-and-blame": ("personalization", "blaming"),
    "personalisation-and-blame": ("personalization", "blaming"),
}


def _key(text: str) -> str:
    return re.sub(r"[^a-z]+", "-", text.strip().lower()).strip("-")


@lru_cache(maxsize=4096)  # an import meets the same few names again and again
def resolve(text: str) -> str:
    """Return the slug for a name, slug or common spelling; raise InvalidValue otherwise."""
    key = _key(text)
    if key in BY_SLUG:
        return key
    if key in ALIASES:
        return ALIASES[key]
    names = {_key(d.name): d.slug for d in CATALOGUE}
    if key in names:
        return names[key]
    if key in AMBIGUOUS:
        choices = " or ".join(AMBIGUOUS[key])
        raise InvalidValue(f"'{text}' covers more than one thinking trap: did you mean {choices}?")
    known = list(BY_SLUG) + list(ALIASES)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f" Did you mean '{ALIASES.get(close[0], close[0])}'?" if close else ""
    raise InvalidValue(
        f"'{text}' is not a thinking trap thoughtlog knows.{hint}"
        " Run 'thoughtlog distortions' to see them all."
    )


def resolve_all(texts: list[str]) -> list[str]:
    """Resolve several names, dropping repeats but keeping the order given."""
    slugs: list[str] = []
    for text in texts:
        slug = resolve(text)
        if slug not in slugs:
            slugs.append(slug)
    return slugs
