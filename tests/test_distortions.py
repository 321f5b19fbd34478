"""The catalogue of thinking traps and how what a person types resolves to a slug."""

from __future__ import annotations

import json

import pytest

from thoughtlog.distortions import BY_SLUG, CATALOGUE, resolve, resolve_all
from thoughtlog.errors import InvalidValue

SLUGS = [
    "all-or-nothing",
    "overgeneralization",
    "mental-filter",
    "disqualifying-the-positive",
    "mind-reading",
    "fortune-telling",
    "catastrophizing",
    "minimization",
    "emotional-reasoning",
    "should-statements",
    "labeling",
    "personalization",
    "blaming",
]


def test_catalogue_holds_the_thirteen_traps_of_the_design_in_order():
    assert [d.slug for d in CATALOGUE] == SLUGS


def test_every_trap_has_a_name_a_meaning_and_an_example():
    for distortion in CATALOGUE:
        assert distortion.name.strip() and distortion.meaning.strip() and distortion.example.strip()
    assert len({d.name for d in CATALOGUE}) == len(CATALOGUE)


@pytest.mark.parametrize("slug", SLUGS)
def test_a_slug_resolves_to_itself(slug):
    assert resolve(slug) == slug
    assert resolve(slug.upper()) == slug


@pytest.mark.parametrize("distortion", CATALOGUE, ids=lambda d: d.slug)
def test_a_trap_s_name_resolves_to_its_slug(distortion):
    assert resolve(distortion.name) == distortion.slug


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("catastrophising", "catastrophizing"),
        ("Catastrophizing", "catastrophizing"),
        ("black-and-white", "all-or-nothing"),
        ("black and white", "all-or-nothing"),
        ("all or nothing", "all-or-nothing"),
        ("mind reading", "mind-reading"),
        ("mindreading", "mind-reading"),
        ("fortune telling", "fortune-telling"),
        ("overgeneralisation", "overgeneralization"),
        ("labelling", "labeling"),
        ("personalisation", "personalization"),
        ("should", "should-statements"),
        ("magnification", "catastrophizing"),
        ("minimisation", "minimization"),
        ("  Mental_Filter  ", "mental-filter"),
    ],
)
def test_common_spellings_resolve_to_a_slug(typed, slug):
    assert resolve(typed) == slug


@pytest.mark.parametrize(
    ("typed", "choices"),
    [
        ("jumping-to-conclusions", ("mind-reading", "fortune-telling")),
        ("Jumping to conclusions", ("mind-reading", "fortune-telling")),
        ("magnification and minimization", ("catastrophizing", "minimization")),
        ("personalization and blame", ("personalization", "blaming")),
    ],
)
def test_a_name_covering_two_traps_asks_which(typed, choices):
    with pytest.raises(InvalidValue) as raised:
        resolve(typed)
    message = str(raised.value)
    assert f"'{typed}'" in message
    for choice in choices:
        assert choice in message


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("catastrophe", "catastrophizing"),
        ("personalisaton", "personalization"),
        ("fortune-teling", "fortune-telling"),
        ("labell", "labeling"),
    ],
)
def test_an_unknown_name_suggests_the_closest(typed, suggestion):
    with pytest.raises(InvalidValue) as raised:
        resolve(typed)
    message = str(raised.value)
    assert f"'{typed}'" in message
    assert f"'{suggestion}'" in message
    assert "thoughtlog distortions" in message


def test_an_unknown_name_with_nothing_close_points_to_the_catalogue():
    with pytest.raises(InvalidValue) as raised:
        resolve("zzz")
    assert "'zzz'" in str(raised.value)
    assert "Did you mean" not in str(raised.value)
    assert "thoughtlog distortions" in str(raised.value)


def test_resolve_all_drops_repeats_and_keeps_the_order():
    assert resolve_all(["mind reading", "fortune-telling", "mind-reading", "Mind reading"]) == [
        "mind-reading",
        "fortune-telling",
    ]


def test_resolve_all_fails_on_the_first_unknown_name():
    with pytest.raises(InvalidValue, match="'nonsense'"):
        resolve_all(["mind-reading", "nonsense"])


def test_distortions_command_lists_all_thirteen(cli):
    result = cli("distortions")
    assert result.exit_code == 0
    for distortion in CATALOGUE:
        assert distortion.slug in result.stdout
        assert distortion.meaning in result.stdout
    assert "\x1b" not in result.stdout


def test_distortions_command_json_is_the_catalogue(cli):
    result = cli("distortions", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [d["slug"] for d in data] == SLUGS
    for item in data:
        assert set(item) == {"slug", "name", "meaning", "example"}
        assert item["name"] == BY_SLUG[item["slug"]].name


def test_distortions_command_does_not_need_the_journal(cli, journal_path):
    cli("distortions")
    assert not journal_path.exists()
