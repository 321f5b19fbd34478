"""The one date parser: natural phrases such as "yesterday 3pm" to timezone-aware datetimes.

What parses (all in the local timezone unless the text names an offset):

- ``now``, ``today``, ``yesterday``, ``tomorrow``, ``tonight``
- a weekday: ``monday``, ``last monday``, ``next friday``, ``this tuesday`` (``tue`` works too)
- any of the above with a time: ``yesterday 3pm``, ``monday 9am``, ``today 14:30``,
  ``yesterday at 9:15pm``, ``friday evening`` (morning 9:00, noon, afternoon 15:00,
  evening 19:00, night 22:00, midnight)
- relative: ``2 days ago``, ``3 hours ago``, ``a week ago``, ``in 2 days``, ``in an hour``
- calendar dates, with or without a time: ``20 nov``, ``nov 20 2026``, ``2026-11-20``,
  ``2026-11-20 14:30``, ``2026-11-20T14:30:00+01:00``

A bare weekday means the most recent one for things that happened (records, report spans) and
the coming one for things planned (experiments). A phrase that does not parse is an error, never
a silent "now", and a date is never guessed: a day that doesn't exist (``32 nov``,
``2026-11-31``), a number that can't be a day (``99 nov``) and a numeric date that reads two ways
(``01/02/2026``) are errors that show the ISO form to use. Dates run from the year 1900 to 2999.

Daylight saving: a clock time that didn't exist (the clocks went forward past it) is an error
that says so; a clock time that happened twice (the clocks went back) means the first of the
two; give the offset (``2026-10-25 01:30+00:00``) to mean the second.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from thoughtlog.errors import InvalidValue

Prefer = Literal["past", "future"]

WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
NAMED_TIMES = {
    "midnight": time(0, 0),
    "morning": time(9, 0),
    "noon": time(12, 0),
    "midday": time(12, 0),
    "afternoon": time(15, 0),
    "evening": time(19, 0),
    "tonight": time(21, 0),
    "night": time(22, 0),
}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
UNITS = ("minute", "hour", "day", "week", "month", "year")

EXAMPLES = "'now', 'yesterday 3pm', '2 days ago', 'last monday', 'monday 9am', '20 nov' or '2026-11-20 14:30'"

# The patterns below are compiled when first used (re keeps them): most commands read no date,
# and compiling them all cost every command a millisecond or two at start-up.
_RELATIVE = (
    r"^(?:(?P<in>in)\s+)?(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>minute|min|hour|hr|day|week|month|year)s?(?:\s+(?P<ago>ago))?$"
)
_CLOCK = r"^(?:at\s+)?(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?$"


MIN_YEAR, MAX_YEAR = 1900, 2999
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_TIME_OF_DAY = r"(?i)\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)"
_NUMERIC_DATE = r"^\s*(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?(?=\s|$|T)"
_ISO_DATE = r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?=\s|$|T)"
_DAY_ALONE = r"([0-9]{4})-([0-9]{2})-([0-9]{2})"


class _Gap(ValueError):
    """A local clock time that never happened: the clocks went forward past it."""

    def __init__(self, naive: datetime):
        super().__init__(naive)
        self.naive = naive


def now_local() -> datetime:
    """The current moment in the local timezone."""
    return datetime.now().astimezone()


def local(naive: datetime, *, gap_ok: bool = False) -> datetime:
    """Attach the local timezone (with the offset right for that date, DST included).

    A time that happened twice means the first of the two. A time that never happened raises
    _Gap, or with gap_ok becomes the time after the change (for a span's edge).
    """
    if naive.tzinfo is not None:
        return naive
    moment = naive.replace(fold=0).astimezone()
    if moment.replace(tzinfo=None) != naive.replace(fold=0):
        if not gap_ok:
            raise _Gap(naive)
        moment = naive.replace(fold=1).astimezone()
    return moment


def _bad(text: str) -> InvalidValue:
    return InvalidValue(f"Couldn't read '{text}' as a date. Try {EXAMPLES}.")


def out_of_range(text: str) -> InvalidValue:
    return InvalidValue(
        f"'{text}' is outside the years thoughtlog works with ({MIN_YEAR} to {MAX_YEAR}):"
        " give a date in that range, such as 2026-11-20."
    )


def _gap(gap: _Gap) -> InvalidValue:
    naive = gap.naive
    later = naive.replace(fold=1).astimezone().replace(tzinfo=None)
    return InvalidValue(
        f"There was no {naive:%H:%M} on {naive:%Y-%m-%d} in your time zone: the clocks went"
        f" forward then. Give the time the clock showed, such as {later:%Y-%m-%d %H:%M}."
    )


def _day_name(day: int, month: int, year: int | None = None) -> str:
    return f"{day} {MONTHS[month - 1]}" + (f" {year}" if year else "")


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _no_such_day(text: str, day: int, month: int, year: int) -> InvalidValue:
    import calendar

    last = calendar.monthrange(year, month)[1]
    return InvalidValue(
        f"'{text}': there's no {_day_name(day, month, year)}. Write the date as year-month-day,"
        f" such as {_iso(year, month, min(max(day, 1), last))}."
    )


def _check_calendar_date(text: str, today: date) -> None:
    """Refuse what dateutil would read silently wrong: days that don't exist, numbers that
    can't be days, and numeric dates that read two ways."""
    import calendar

    if match := re.match(_ISO_DATE, text):
        year, month, day = (int(part) for part in match.groups())
        if not 1 <= month <= 12:
            raise InvalidValue(
                f"'{text}' has no month {month}: write the date as year-month-day, such as"
                f" {_iso(year, 11, 20)}."
            )
        if MIN_YEAR <= year <= MAX_YEAR and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise _no_such_day(text, day, month, year)
        return
    if match := re.match(_NUMERIC_DATE, text):
        first, second = int(match[1]), int(match[2])
        year = int(match[3]) if match[3] else today.year
        if match[3] and len(match[3]) == 2:
            year += 2000
        if first <= 12 and second <= 12 and first != second:
            raise InvalidValue(
                f"'{match[0].strip()}' could be {_day_name(first, second)} or"
                f" {_day_name(second, first)}: write the date as year-month-day,"
                f" {_iso(year, second, first)} or {_iso(year, first, second)}."
            )
        return
    month = next(
        (
            number
            for word in re.findall(r"[a-z]+", text.lower())
            for number, name in enumerate(MONTHS, start=1)
            if len(word) >= 3 and (name.lower().startswith(word) or word == "sept" and number == 9)
        ),
        None,
    )
    if month is None:
        return
    numbers = re.findall(r"\d+", re.sub(_TIME_OF_DAY, " ", text))
    years = [int(n) for n in numbers if len(n) == 4]
    small = [int(n) for n in numbers if len(n) <= 2]
    year = years[0] if years else today.year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise out_of_range(text)
    if len(small) > 1 and not years:
        raise InvalidValue(
            f"'{text}' doesn't say which number is the day and which the year: write the date"
            f" as year-month-day, such as {_iso(today.year, month, 20)}."
        )
    if small:
        day = small[0]
        last = calendar.monthrange(year, month)[1] if MIN_YEAR <= year <= MAX_YEAR else 31
        if not 1 <= day <= last:
            if day > 31:
                raise InvalidValue(
                    f"'{text}': {day} can't be a day of {MONTHS[month - 1]}. Write the date as"
                    f" year-month-day, such as {_iso(year, month, min(20, last))}."
                )
            raise _no_such_day(text, day, month, year)


def _clock(text: str) -> time | None:
    if text in NAMED_TIMES:
        return NAMED_TIMES[text]
    match = re.match(_CLOCK, text)
    if not match:
        return None
    hour, minute = int(match["h"]), int(match["m"] or 0)
    ampm = (match["ampm"] or "").replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif match["m"] is None:
        return None  # a bare number is not a time of day
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _day(words: list[str], today: date, prefer: Prefer) -> date | None:
    """The day named by words like ['last', 'monday'] or ['yesterday'], or None."""
    if words == ["today"] or words == ["tonight"]:
        return today
    if words == ["yesterday"]:
        return today - timedelta(days=1)
    if words == ["tomorrow"]:
        return today + timedelta(days=1)
    modifier, name = (words[0], words[1]) if len(words) == 2 else (None, words[0])
    if name not in WEEKDAYS or modifier not in (None, "last", "next", "this", "on"):
        return None
    weekday = WEEKDAYS[name]
    back = (today.weekday() - weekday) % 7
    forward = (weekday - today.weekday()) % 7
    if modifier == "last":
        return today - timedelta(days=back or 7)
    if modifier == "next":
        return today + timedelta(days=forward or 7)
    return today - timedelta(days=back) if prefer == "past" else today + timedelta(days=forward)


def _relative(match: re.Match[str], now: datetime) -> datetime:
    amount = int(match["n"]) if match["n"].isdigit() else NUMBER_WORDS[match["n"]]
    unit = {"min": "minute", "hr": "hour"}.get(match["unit"], match["unit"])
    sign = -1 if match["ago"] else 1
    if unit in ("month", "year"):
        from dateutil.relativedelta import relativedelta

        return now + relativedelta(**{unit + "s": sign * amount})
    return now + sign * timedelta(**{unit + "s": amount})


def parse_moment(
    text: str, *, now: datetime | None = None, prefer: Prefer = "past"
) -> tuple[datetime, bool]:
    """Parse a phrase; return the aware datetime and whether the phrase named a time of day."""
    try:
        moment, has_time = _moment(text, now or now_local(), prefer)
    except _Gap as gap:
        raise _gap(gap) from None
    except (OverflowError, ValueError):
        raise out_of_range(text) from None
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise out_of_range(text)
    return moment, has_time


def _moment(text: str, now: datetime, prefer: Prefer) -> tuple[datetime, bool]:
    phrase = re.sub(r"\s+", " ", text.strip().lower())
    if not phrase:
        raise _bad(text)
    if phrase == "now":
        return now, True
    match = re.match(_RELATIVE, phrase)
    if match and (match["in"] or match["ago"]) and not (match["in"] and match["ago"]):
        return _relative(match, now), True

    phrase = re.sub(r"^this (morning|afternoon|evening)$", r"today \1", phrase)
    phrase = re.sub(r"^last night$", "yesterday night", phrase)
    words = phrase.replace(",", " ").split()
    for split in (2, 1):
        if len(words) < split:
            continue
        day = _day(words[:split], now.date(), prefer)
        if day is None:
            continue
        rest = " ".join(words[split:])
        if not rest:
            clock = NAMED_TIMES["tonight"] if words[0] == "tonight" else None
            return local(datetime.combine(day, clock or time(0))), clock is not None
        clock = _clock(rest)
        if clock is None:
            raise _bad(text)
        return local(datetime.combine(day, clock)), True
    if (clock := _clock(phrase)) is not None:
        return local(datetime.combine(now.date(), clock)), True
    return _calendar(text, now)


def _calendar(text: str, now: datetime) -> tuple[datetime, bool]:
    _check_calendar_date(text, now.date())
    # A day written year-month-day, as a span's edge mostly is ('--since 2016-11-20'), is read
    # here: dateutil's parser, imported for it, was most of what a --since cost in time and memory.
    if (match := re.fullmatch(_DAY_ALONE, text.strip())) and MIN_YEAR <= int(match[1]) <= MAX_YEAR:
        return local(datetime(int(match[1]), int(match[2]), int(match[3]))), False
    from dateutil.parser import ParserError, parse

    midnight = datetime.combine(now.date(), time(0))
    try:
        early = parse(text, default=midnight)
        late = parse(text, default=midnight.replace(hour=23, minute=59, second=59))
    except (ParserError, ValueError, OverflowError):
        raise _bad(text) from None
    # An hour named in the text is the same whatever the default ('3pm' leaves the minutes open).
    return local(early), early.hour == late.hour


def parse_when(text: str, *, now: datetime | None = None, prefer: Prefer = "past") -> datetime:
    """Parse a phrase such as 'yesterday 3pm' into an aware datetime, or raise InvalidValue."""
    return parse_moment(text, now=now, prefer=prefer)[0]


def parse_bound(text: str, *, end: bool, now: datetime | None = None) -> datetime:
    """Parse a --since or --until value; a day without a time includes the whole day when it ends a span."""
    moment, has_time = parse_moment(text, now=now, prefer="past")
    if end and not has_time:
        next_day = datetime.combine(moment.date() + timedelta(days=1), time(0))
        return local(next_day, gap_ok=True)
    return moment


def to_utc_text(moment: datetime) -> str:
    """The sortable UTC form stored beside every local timestamp."""

    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_text(moment: datetime) -> str:
    """The ISO 8601 form, with its offset, that thoughtlog stores and exports."""
    return moment.isoformat(timespec="seconds")


def from_text(text: str) -> datetime:
    return datetime.fromisoformat(text)
