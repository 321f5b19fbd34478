"""The one date parser: every phrase its docstring promises, with a fixed 'now'."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
        "yesterday 13pm",
        "next blursday",
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


# --- never guessed: days that don't exist, numbers that can't be days, dates that read two ways ---


@pytest.mark.parametrize(
    ("phrase", "fragments"),
    [
        ("32 nov", ["32 can't be a day of November", "year-month-day", "2026-11-"]),
        ("99 nov", ["99 can't be a day of November", "year-month-day"]),
        ("31 nov", ["there's no 31 November 2026", "2026-11-30"]),
        ("2026-11-31", ["there's no 31 November 2026", "2026-11-30"]),
        ("29 feb 2026", ["there's no 29 February 2026", "2026-02-28"]),
        ("2026-13-01", ["no month 13", "year-month-day"]),
        ("2026-13-45", ["no month 13", "year-month-day"]),
        ("01/02/2026", ["could be 1 February or 2 January", "2026-02-01 or 2026-01-02"]),
        ("3.4.2026", ["could be 3 April or 4 March", "2026-04-03 or 2026-03-04"]),
        ("20 nov 26", ["which number is the day and which the year", "2026-11-20"]),
    ],
)
def test_a_date_that_would_be_read_wrong_is_refused_with_the_iso_form(phrase, fragments):
    with pytest.raises(InvalidValue) as raised:
        dates.parse_when(phrase, now=NOW)
    assert f"'{phrase}'" in str(raised.value)
    for fragment in fragments:
        assert fragment in str(raised.value)


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)), end=st.booleans())
def test_a_day_written_year_month_day_is_read_as_dateutil_reads_it(day, end):
    """Such a day is read without dateutil's parser, to the same moment and span edge."""
    from dateutil.parser import parse

    text = day.isoformat()
    read_by_dateutil = dates.local(parse(text, default=datetime(2026, 11, 18)))
    assert dates.parse_moment(text, now=NOW) == (read_by_dateutil, False)
    expected = dates.local(read_by_dateutil.replace(tzinfo=None) + timedelta(days=end), gap_ok=True)
    assert dates.parse_bound(text, end=end, now=NOW) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("13/02/2026", at(13, month=2)),
        ("05/05/2026", at(5, month=5)),
        ("29 feb 2028", at(29, month=2, year=2028)),
        ("30 nov", at(30)),
        ("1st dec", at(1, month=12)),
        ("nov 20 2026 3pm", at(20, 15)),
    ],
)
def test_a_date_that_reads_one_way_only_is_accepted(phrase, expected):
    assert dates.parse_when(phrase, now=NOW) == expected


@pytest.mark.parametrize("phrase", ["0001-01-01", "9999-12-31", "1 jan 0001", "in 2000 years"])
def test_a_year_far_outside_a_life_is_one_calm_line(phrase):
    with pytest.raises(InvalidValue, match="outside the years thoughtlog works with"):
        dates.parse_when(phrase, now=NOW)
    with pytest.raises(InvalidValue, match="outside the years"):
        dates.parse_bound(phrase, end=True, now=NOW)


@pytest.fixture
def london(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_time_the_clocks_skipped_is_refused_with_the_time_to_give(london):
    # 29 March 2026: at 01:00 the clocks in London went forward to 02:00.
    with pytest.raises(InvalidValue) as raised:
        dates.parse_when("2026-03-29 01:30")
    message = str(raised.value)
    assert "There was no 01:30 on 2026-03-29 in your time zone" in message
    assert "2026-03-29 02:30" in message


def test_a_time_that_happened_twice_means_the_first(london):
    # 25 October 2026: at 02:00 summer time the clocks went back to 01:00.
    first = dates.parse_when("2026-10-25 01:30")
    assert first.utcoffset() == timedelta(hours=1)
    second = dates.parse_when("2026-10-25 01:30+00:00")
    assert second - first == timedelta(hours=1)


def test_a_span_ending_on_a_day_whose_midnight_was_skipped_still_ends(monkeypatch):
    import time

    # Chile moves its clocks forward at midnight: 2026-09-06 00:00 never happened in Santiago.
    monkeypatch.setenv("TZ", "America/Santiago")
    time.tzset()
    try:
        end = dates.parse_bound("2026-09-05", end=True)
        assert end.replace(tzinfo=None) == datetime(2026, 9, 6, 1, 0)
    finally:
        monkeypatch.undo()
        time.tzset()
