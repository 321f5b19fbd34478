"""Date spans for reports: the ISO week a --week value names, or a span of --since/--until days."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from thoughtlog import dates
from thoughtlog.errors import InvalidValue

WEEK_FORMS = "'this', 'last', a week such as 2026-W47, or a day such as 2026-11-18"


def _wall(moment: datetime) -> datetime:
    """The local wall-clock time of a moment, without a timezone, for calendar arithmetic."""
    return moment.astimezone().replace(tzinfo=None)


def _midnight(day: date) -> datetime:
    return dates.local(datetime.combine(day, time(0)))


@dataclass(frozen=True)
class Span:
    """A stretch of time the report covers: from start (included) to end (excluded), both local."""

    start: datetime
    end: datetime
    label: str
    is_week: bool = False

    @property
    def first_day(self) -> date:
        return _wall(self.start).date()

    @property
    def last_day(self) -> date:
        return (_wall(self.end) - timedelta(microseconds=1)).date()

    def previous(self) -> Span:
        """The span of equal length just before, in calendar days so a DST change can't shift it."""
        if self.is_week:
            return week_of(self.first_day - timedelta(days=7))
        length = _wall(self.end) - _wall(self.start)
        start = dates.local(_wall(self.start) - length)
        return _custom_span(start, self.start)

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def as_dict(self) -> dict[str, str]:
        return {
            "start": self.first_day.isoformat(),
            "end": self.last_day.isoformat(),
            "label": self.label,
        }


def week_of(day: date) -> Span:
    """The ISO week (Monday 00:00 to the next Monday 00:00, local time) holding a day."""
    monday = day - timedelta(days=day.weekday())
    year, week, _ = monday.isocalendar()
    return Span(
        _midnight(monday), _midnight(monday + timedelta(days=7)), f"{year}-W{week:02d}", True
    )


def _custom_span(start: datetime, end: datetime) -> Span:
    span = Span(start, end, "")
    label = f"{span.first_day.isoformat()} to {span.last_day.isoformat()}"
    return Span(start, end, label)


_ISO_WEEK = re.compile(r"^(?P<year>\d{4})-?w(?P<week>\d{1,2})$")


def week_span(text: str, *, now: datetime | None = None) -> Span:
    """The week a --week value names: this, last, 2026-W47, or any day the date parser reads."""
    now = now or dates.now_local()
    phrase = " ".join(text.strip().lower().split())
    today = _wall(now).date()
    if phrase in ("this", "this week", "current"):
        return week_of(today)
    if phrase in ("last", "last week", "previous"):
        return week_of(today - timedelta(days=7))
    if match := _ISO_WEEK.match(phrase):
        year, week = int(match["year"]), int(match["week"])
        if not dates.MIN_YEAR <= year <= dates.MAX_YEAR:
            raise dates.out_of_range(text)
        try:
            return week_of(date.fromisocalendar(year, week, 1))
        except ValueError:
            weeks = date(year, 12, 28).isocalendar().week  # 28 December is always in the last week
            raise InvalidValue(
                f"--week '{text}' is not a week of {year}: its weeks run from {year}-W01 to"
                f" {year}-W{weeks}."
            ) from None
    # A bare number would reach dateutil as a day of this month or a year; say what is accepted.
    if phrase and not phrase.isdigit():
        try:
            return week_of(_wall(dates.parse_when(text, now=now)).date())
        except InvalidValue:
            pass
    raise InvalidValue(f"Couldn't read --week '{text}': use {WEEK_FORMS}.")


def choose_span(
    *,
    week: str | None = None,
    since: str | None = None,
    until: str | None = None,
    now: datetime | None = None,
) -> Span:
    """The span the report's options ask for; the current week when none are given.

    --since alone runs to the end of today; --until alone covers the seven days before it.
    """
    now = now or dates.now_local()
    if week is not None and (since is not None or until is not None):
        raise InvalidValue("Use either --week or --since/--until, not both.")
    if since is None and until is None:
        return week_span("this" if week is None else week, now=now)
    end = (
        _bound("--until", until, end=True, now=now)
        if until is not None
        else _midnight(_wall(now).date() + timedelta(days=1))
    )
    start = (
        _bound("--since", since, end=False, now=now)
        if since is not None
        else dates.local(_wall(end) - timedelta(days=7))
    )
    if start >= end:
        raise InvalidValue(
            f"--since '{since or start.date()}' isn't before --until '{until or end.date()}':"
            " choose a start earlier than the end."
        )
    return _custom_span(start, end)


def _bound(option: str, text: str, *, end: bool, now: datetime) -> datetime:
    try:
        return dates.parse_bound(text, end=end, now=now)
    except InvalidValue as error:
        raise InvalidValue(f"{option}: {error}") from None
