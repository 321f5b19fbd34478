"""The field checks import runs on every value: the quick ways through them (taken for plain values,
100,000 records at a time) accept exactly what the model's validators accept, and keep the same."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thoughtlog.errors import InvalidValue
from thoughtlog.exchange.fields import (
    check_emotion,
    check_thought,
    moment_value,
    plain_number,
    rating_value,
    text_value,
    uuid_text,
)
from thoughtlog.model import emotion_name, rating, text_or_none

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 205),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=6),
    st.sampled_from(["", " ", "80", "080", "80.0", "1e2", "101", "-0", "٣", "²"]),
    st.lists(st.integers(0, 100), max_size=2),
)


def outcome(check, *args: Any) -> tuple[str, Any]:
    try:
        return "kept", check(*args)
    except InvalidValue:
        return "refused", None


@given(values)
def test_a_rating_is_kept_or_refused_as_the_model_would(value):
    expected = outcome(rating, value, "The rating")
    assert (
        outcome(rating_value, {"reframe_belief": value}, "reframe_belief", "Record 1") == expected
    )


@given(values, values)
def test_an_emotions_ratings_are_kept_or_refused_as_the_model_would(before, after):
    expected = outcome(lambda: (rating(before, "x"), rating(after, "x")))
    got = outcome(check_emotion, {"name": "Anxious", "before": before, "after": after}, "Row 1")
    assert got[0] == expected[0]
    if got[0] == "kept":
        assert (got[1].name, got[1].before, got[1].after) == ("anxious", *expected[1])


@given(values, values)
def test_a_thoughts_beliefs_are_kept_or_refused_as_the_model_would(before, after):
    expected = outcome(lambda: (rating(before, "x"), rating(after, "x")))
    fields = {"text": "They'll judge me", "belief_before": before, "belief_after": after}
    got = outcome(check_thought, fields, "Row 1")
    assert got[0] == expected[0]
    if got[0] == "kept":
        assert (got[1].belief_before, got[1].belief_after) == expected[1]


@given(
    st.one_of(st.text(), st.sampled_from(["  ", "\x00", "a\x00", "\udce9", " x ", "x" * 100_001]))
)
def test_a_text_is_kept_character_for_character_or_refused_as_the_model_would(text):
    expected = outcome(text_or_none, text)
    got = outcome(text_value, {"situation": text}, "situation", "Record 1")
    if "\x00" in text and expected[1]:
        assert got == ("refused", None)  # the journal can't hold NUL
    elif expected[0] == "refused":
        assert got == ("refused", None)
    else:
        assert got == ("kept", text if expected[1] else None)


@given(st.text(max_size=3) | st.from_regex(r"\d{1,6}", fullmatch=True))
def test_a_csv_cells_digits_become_the_number_the_model_reads(cell):
    number = plain_number(cell)
    if isinstance(number, int):
        assert number > 100 or number == rating(cell, "x")  # above 100 the model refuses it
    else:
        assert number == cell


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-20T08:00:00+01:00",
        " 2026-11-20T08:00:00+01:00 ",
        "2026-11-20T08:00:00",
        "2026-11-20",
        "2026-11-20T08:00:00Z",
    ],
)
def test_a_moment_is_read_the_same_by_either_way(text):
    moment = moment_value({"occurred_at": text}, "occurred_at", "Record 1")
    assert isinstance(moment, datetime) and moment.tzinfo is not None
    assert moment == datetime.fromisoformat(text.strip()).astimezone(moment.tzinfo)


@pytest.mark.parametrize("text", ["0001-01-01T00:00:00", "9999-12-31T23:59:59", "yesterday"])
def test_a_moment_at_the_edge_of_the_calendar_is_read_or_refused_calmly(text):
    try:
        moment_value({"occurred_at": text}, "occurred_at", "Record 1")
    except InvalidValue as error:
        assert str(error).startswith("Record 1, field occurred_at:")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("1b4e28ba-2fa1-41d2-883f-0016d3cca427", "1b4e28ba-2fa1-41d2-883f-0016d3cca427"),
        ("1B4E28BA-2FA1-41D2-883F-0016D3CCA427", "1b4e28ba-2fa1-41d2-883f-0016d3cca427"),
        ("{1b4e28ba-2fa1-41d2-883f-0016d3cca427}", "1b4e28ba-2fa1-41d2-883f-0016d3cca427"),
        ("1b4e28ba2fa141d2883f0016d3cca427", "1b4e28ba-2fa1-41d2-883f-0016d3cca427"),
    ],
)
def test_a_uuid_is_kept_in_its_canonical_form(text, kept):
    assert uuid_text(text, "Record 1", "uuid") == kept


def test_an_emotion_name_is_the_models():
    assert check_emotion({"name": "  Very   Sad "}, "Row 1").name == emotion_name("  Very   Sad ")
