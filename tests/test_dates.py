"""The one date parser: every phrase its docstring promises, with a fixed 'now'."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from thoughtlog import dates
from thoughtlog.errors import InvalidValue

# Wednesday 18 November 2026, 14:30, in the local timezone (the parser works in local time).
NOW = datetime(2026, 11, 18, 14, 30).astimezone()


def at(day: int, hour: int = 0, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute).astimezone()


PAST = [
    ("now", NOW),
    ("today", at(18)),
    ("yesterday", at(17)),
    ("tomorrow", at(19)),
    ("tonight", at(18, 21)),
    ("Yesterday", at(17)),
    # weekdays: the most recent one for things that happened
    ("monday", at(16)),
    ("wednesday", at(18)),
    ("thursday", at(12)),
    ("last monday", at(16)),
    ("last wednesday", at(11)),
    ("next friday", at(20)),
    ("next wednesday", at(25)),
    ("this tuesday", at(17)),
    ("tue", at(17)),
    ("on friday", at(13)),
    # with a time
    ("yesterday 3pm", at(17, 15)),
    ("monday 9am", at(16, 9)),
    ("today 14:30", at(18, 14, 30)),
    ("yesterday at 9:15pm", at(17, 21, 15)),
    ("friday evening", at(13, 19)),
    ("yesterday morning", at(17, 9)),
    ("today noon", at(18, 12)),
    ("yesterday afternoon", at(17, 15)),
    ("monday night", at(16, 22)),
    ("yesterday midnight", at(17, 0)),
    ("this morning", at(18, 9)),
    ("last night", at(17, 22)),
    ("3pm", at(18, 15)),
    ("12am", at(18, 0)),
    ("12pm", at(18, 12)),
    ("tuesday 10:05 p.m.", at(17, 22, 5)),
    # relative
    ("2 days ago", NOW - timedelta(days=2)),
    ("3 hours ago", NOW - timedelta(hours=3)),
    ("a week ago", NOW - timedelta(weeks=1)),
    ("in 2 days", NOW + timedelta(days=2)),
    ("in an hour", NOW + timedelta(hours=1)),
    ("10 minutes ago", NOW - timedelta(minutes=10)),
    ("2 months ago", NOW.replace(month=9)),
    ("a year ago", NOW.replace(year=2025)),
    # calendar dates
    ("20 nov", at(20)),
    ("nov 20 2026", at(20)),
    ("2026-11-20", at(20)),
    ("2026-11-20 14:30", at(20, 14, 30)),
    (
        "2026-11-20T14:30:00+01:00",
        datetime(2026, 11, 20, 14, 30, tzinfo=timezone(timedelta(hours=1))),
    ),
]


@pytest.mark.parametrize(("phrase", "expected"), PAST, ids=[p for p, _ in PAST])
def test_parse_when_understands(phrase, expected):
    moment = dates.parse_when(phrase, now=NOW)
    assert moment == expected
    assert moment.tzinfo is not None and moment.utcoffset() is not None


FUTURE = [
    ("monday", at(23)),
    ("thursday", at(19)),
    ("tue", at(24)),
    ("friday 10am", at(20, 10)),
    ("this tuesday", at(24)),
    ("last monday", at(16)),
    ("next monday", at(23)),
    ("tomorrow 9am", at(19, 9)),
]


@pytest.mark.parametrize(("phrase", "expected"), FUTURE, ids=[p for p, _ in FUTURE])
def test_a_bare_weekday_means_the_coming_one_when_planning(phrase, expected):
    assert dates.parse_when(phrase, now=NOW, prefer="future") == expected


def test_an_explicit_offset_is_kept():
    moment = dates.parse_when("2026-11-20T14:30:00+05:00", now=NOW)
    assert moment.utcoffset() == timedelta(hours=5)


@pytest.mark.parametrize(
    ("phrase", "end", "expected"),
    [
        ("2026-11-20", True, at(21)),
        ("2026-11-20", False, at(20)),
        ("yesterday", True, at(18)),
        ("monday", True, at(17)),
        ("20 nov", True, at(21)),
        ("2026-11-20T14:30:00", True, at(20, 14, 30)),
        ("yesterday 3pm", True, at(17, 15)),
        ("2 days ago", True, NOW - timedelta(days=2)),
    ],
)
def test_parse_bound_makes_a_whole_day_end_at_the_next_midnight(phrase, end, expected):
    bound = dates.parse_bound(phrase, end=end, now=NOW)
    assert bound == expected
    assert bound.tzinfo is not None


@pytest.mark.parametrize(
    "phrase",
    [
        "the day after never",
        "",
        "   ",
        "someday",
        "yesterday 25pm",
        "monday at lunch",
        "in 2 days ago",
        "31 nov",
        "yesterday 13pm",
        "next blursday",
        "2026-13-45",
    ],
)
def test_unreadable_dates_raise_invalid_value_naming_the_phrase(phrase):
    with pytest.raises(InvalidValue) as raised:
        dates.parse_when(phrase, now=NOW)
    message = str(raised.value)
    assert f"'{phrase}'" in message
    assert "yesterday 3pm" in message  # says what would be accepted


def test_unreadable_bound_raises_invalid_value():
    with pytest.raises(InvalidValue):
        dates.parse_bound("the day after never", end=True, now=NOW)


def test_parse_moment_says_whether_a_time_of_day_was_given():
    assert dates.parse_moment("2026-11-20", now=NOW)[1] is False
    assert dates.parse_moment("2026-11-20 09:00:00", now=NOW)[1] is True
    assert dates.parse_moment("yesterday", now=NOW)[1] is False
    assert dates.parse_moment("yesterday 9am", now=NOW)[1] is True
    assert dates.parse_moment("now", now=NOW)[1] is True


def test_now_local_is_timezone_aware():
    assert dates.now_local().tzinfo is not None


def test_stored_text_round_trips():
    moment = dates.parse_when("2026-11-20T14:30:00+01:00", now=NOW)
    assert dates.from_text(dates.to_text(moment)) == moment
    assert dates.to_utc_text(moment) == "2026-11-20T13:30:00Z"


CALENDAR_TIMES_WITHOUT_SECONDS = [
    "2026-11-20 14:30",
    "2026-11-20 09:00",
    "nov 20 2026 3pm",
    "20 nov 14:30",
]


@pytest.mark.parametrize("phrase", CALENDAR_TIMES_WITHOUT_SECONDS)
def test_a_calendar_date_with_a_time_names_a_time_of_day(phrase):
    assert dates.parse_moment(phrase, now=NOW)[1] is True


def test_parse_bound_keeps_the_time_given_with_a_calendar_date():
    assert dates.parse_bound("2026-11-20 14:30", end=True, now=NOW) == at(20, 14, 30)
