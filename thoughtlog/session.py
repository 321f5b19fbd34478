"""The page to bring to a therapy session: its figures (build_session) and its sections
(session_layout), in the order a CBT session runs, for the report's renderers to draw.

Privacy is decided here, before any renderer sees the data, so that every format (markdown, html,
json, a preview) holds exactly the same words:

- leaving_out (``--exclude-tag``): the records carrying any of these tags, and the steps linked to
  them, are left out of every figure and list. They are left out in SQL, so their words never
  reach this module. The tags themselves are never written on the page.
  A script whose every step (in the trash or not) is linked to such a record is left out too,
  rehearsals and all. A rehearsal's note is never on the page.
- ``situations`` (``--redact``): each record's situation, each step's plan (what was done,
  where: the situation a step puts you in) and each script's situation become
  SITUATION_LEFT_OUT. A script's four parts (Describe, Express, Specify, Consequences) tell the
  situation in the person's words and often name the people and places in it, so they count as
  situation text: they are left out of the data, and only how many were written is given. (The
  page itself shows a script in one line, without its parts.)
- ``names`` (``--redact``): the ``with`` of every step and every script (the person or role it
  involved), wherever it appears (steps done and due, what was learned, the breakdown by person,
  the scripts), becomes "person A", "person B", ...: the same letter for the same person
  throughout one page, so a pattern can still be seen without the name. A rehearsal's kind
  (therapist, friend, mirror, alone) is a role, not a name, and is kept.

Feelings, what was learned, beliefs, thinking traps, check-ins and the agenda are the person's
own words about themselves and are kept as written; tags are never shown on the page.

A new part of the page is one function in FIGURES and one in SECTIONS, at the end of this module.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from string import ascii_uppercase
from typing import TYPE_CHECKING, Any

from thoughtlog import dates
from thoughtlog.checkins import QUESTIONNAIRES
from thoughtlog.distortions import BY_SLUG
from thoughtlog.errors import InvalidValue
from thoughtlog.model import CAME_TRUE
from thoughtlog.report import emotion_figures, number, shorten, times
from thoughtlog.report_sections import Column, Layout, Section, emotions_section
from thoughtlog.safety import CRISIS_LINES
from thoughtlog.step_report import reaction_figures, reaction_sentences
from thoughtlog.wording import plural

if TYPE_CHECKING:
    from thoughtlog.storage import Journal

DEFAULT_DAYS = 14  # the span of a first page, or one asked for with no page written before
DUE_AHEAD_DAYS = 7  # steps planned up to this far ahead count as due
HARDEST = 5  # records shown under "the hardest moments"
TRAPS = 5  # thinking traps shown, most seen first
QUOTED = 90  # the longest text a row shows whole

REDACT_MODES = ("situations", "names")
SITUATION_LEFT_OUT = "[situation left out]"


@dataclass(frozen=True)
class Privacy:
    """What the person chose to keep off the page."""

    leaving_out: tuple[str, ...] = ()  # tags
    redact: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        unknown = sorted(self.redact - set(REDACT_MODES))
        if unknown:
            raise InvalidValue(
                f"--redact can't be '{unknown[0]}': use {' or '.join(REDACT_MODES)}."
            )


@dataclass(frozen=True)
class SessionSpan:
    """From since (included) to until (excluded): since the last page, or as asked."""

    since: datetime
    until: datetime
    from_last_session: bool


def session_span(
    since: str | None, last_until: str | None, *, now: datetime | None = None
) -> SessionSpan:
    """The span of the page: --since when given, else since the last page written (its until),
    else the last DEFAULT_DAYS days; always up to now."""
    now = now or dates.now_local()
    # To the end of the current second: journal times are kept to the second, and what was
    # written in this one belongs on this page (the next page starts at its until).
    until = now.replace(microsecond=0) + timedelta(seconds=1)
    if since is not None:
        try:
            start = dates.parse_bound(since, end=False, now=now)
        except InvalidValue as error:
            raise InvalidValue(f"--since: {error}") from None
        if start >= now:
            raise InvalidValue(
                f"--since '{since}' is in the future: choose a day or time before now,"
                " such as '2 weeks ago' or a date."
            )
        return SessionSpan(start, until, False)
    if last_until is not None:
        start = dates.from_text(last_until)
        start = start if start.tzinfo else dates.local(start)
        if start <= until:  # a page from the future (another machine's clock) is not followed
            return SessionSpan(start, until, True)
    return SessionSpan(until - timedelta(days=DEFAULT_DAYS), until, False)


# --- the figures --------------------------------------------------------------------------------


@dataclass
class PageContext:
    """What every part of the page is built from: the journal, the span, and the privacy the
    person chose, as the tags to leave out and the two functions every text of theirs that names
    a situation or a person goes through before it reaches the page."""

    journal: Journal
    start: datetime
    end: datetime
    now: datetime
    leaving_out: tuple[str, ...]
    situation: Callable[[str], str]  # a situation or a plan: as written, or SITUATION_LEFT_OUT
    names: Callable[[str | None], str | None]  # a `with`: as written, or "person A", ...
    situations_redacted: bool = False  # for words that can't stand in for one another


def build_session(
    journal: Journal, span: SessionSpan, privacy: Privacy, *, now: datetime | None = None
) -> tuple[dict[str, Any], int]:
    """The page's data, privacy applied (what --format json prints, and what the sections show),
    and how many records of the span were left out: for the person's own eyes, never the page's."""
    from thoughtlog.storage import session_figures as figures

    page = PageContext(
        journal=journal,
        start=span.since,
        end=span.until,
        now=now or dates.now_local(),
        leaving_out=privacy.leaving_out,
        situation=_situation if "situations" in privacy.redact else _as_written,
        names=_Pseudonyms(active="names" in privacy.redact),
        situations_redacted="situations" in privacy.redact,
    )
    data: dict[str, Any] = {
        "period": {
            "since": dates.to_text(span.since),
            "until": dates.to_text(span.until),
            "from_last_session": span.from_last_session,
        }
    }
    for part in FIGURES:
        data.update(part(page))
    left_out = figures.record_counts(journal, page.start, page.end, page.leaving_out)[2]
    return data, left_out


def _steps_figures(page: PageContext) -> dict[str, Any]:
    """What was learned, and the steps taken and coming up, with the feared reaction's figures."""
    from thoughtlog.storage import session_figures as figures
    from thoughtlog.storage import step_figures

    journal, start, end, tags = page.journal, page.start, page.end, page.leaving_out
    names, situation = page.names, page.situation
    reactions = reaction_figures(step_figures.reactions(journal, start, end, tags))
    for row in reactions["by_with"]:  # most steps first: person A is the one most practised with
        row["with"] = names(row["with"])
    done = figures.steps_done(journal, start, end, tags)
    due, older_waiting = figures.steps_due(
        journal, start, page.now + timedelta(days=DUE_AHEAD_DAYS), tags
    )
    return {
        "learned": [
            {
                "step_id": step.id,
                "done_at": step.done_at,
                "with": names(step.with_),
                "learned": step.learned,
            }
            for step in done
            if step.learned
        ],
        "steps": {
            "done": len(done),
            "came_true": {
                answer: sum(step.came_true == answer for step in done) for answer in CAME_TRUE
            },
            **reactions,
            "taken": [
                {
                    "id": step.id,
                    "done_at": step.done_at,
                    "plan": situation(step.plan),
                    "with": names(step.with_),
                    "reaction": step.reaction,
                    "came_true": step.came_true,
                    "feared_came": None if step.feared_came is None else bool(step.feared_came),
                }
                for step in done
            ],
            "due": [
                {
                    "id": step.id,
                    "planned_for": step.planned_for,
                    "plan": situation(step.plan),
                    "with": names(step.with_),
                    "p_feared": step.p_feared,
                    "overdue": dates.from_text(step.planned_for) < page.now,
                }
                for step in due
            ],
            "older_waiting": older_waiting,
        },
    }


def _scripts_figures(page: PageContext) -> dict[str, Any]:
    """The assertive scripts rehearsed in these days or used in a step taken or coming up."""
    from thoughtlog.scripts import PART_KEYS
    from thoughtlog.storage import session_figures as figures

    by = page.now + timedelta(days=DUE_AHEAD_DAYS)
    found = []
    for script in figures.scripts_practised(
        page.journal, page.start, page.end, by, page.leaving_out
    ):
        written = {key: getattr(script, key) for key in PART_KEYS if getattr(script, key)}
        if script.situation:
            title = page.situation(script.situation)
        elif script.with_:
            title = f"With {page.names(script.with_)}"
        else:
            title = page.situation(next(iter(written.values())))
        found.append(
            {
                "id": script.id,
                "title": title,
                "situation": None if script.situation is None else page.situation(script.situation),
                "with": page.names(script.with_),
                # The four parts tell the situation in the person's words, and often name the
                # people and places in it: with situations redacted they are left out, counted.
                "parts": None if page.situations_redacted else written,
                "parts_written": len(written),
                "rehearsals": [
                    {"at": r.at, "with": r.kind, "before": r.before, "after": r.after}
                    for r in script.rehearsals
                ],
                "steps": {"done": script.steps_done, "planned": script.steps_planned},
            }
        )
    return {"scripts": found}


def _feelings_figures(page: PageContext) -> dict[str, Any]:
    from thoughtlog.storage import session_figures as figures

    journal, start, end, tags = page.journal, page.start, page.end, page.leaving_out
    kept, days, _ = figures.record_counts(journal, start, end, tags)
    return {
        "records": {"count": kept, "days": days},
        "emotions": emotion_figures(figures.emotions(journal, start, end, tags)),
        "hardest_moments": [
            {
                "id": moment.record_id,
                "occurred_at": moment.occurred_at,
                "situation": page.situation(moment.situation),
                "emotion": moment.emotion,
                "before": moment.before,
                "after": moment.after,
            }
            for moment in figures.hardest_moments(journal, start, end, tags, HARDEST)
        ],
        "checkins": _checkins(figures.checkins(journal, start, end)),
    }


def _beliefs_figures(page: PageContext) -> dict[str, Any]:
    from thoughtlog.storage import session_figures as figures

    return {
        "beliefs": [
            {
                "id": belief.id,
                "text": belief.text,
                "new_text": belief.new_text,
                "latest": {"at": belief.at, "old": belief.old, "new": belief.new},
                "before_span": {"old": belief.old_before, "new": belief.new_before},
            }
            for belief in figures.beliefs_now(page.journal, page.start, page.end)
        ]
    }


def _traps_figures(page: PageContext) -> dict[str, Any]:
    from thoughtlog.storage import session_figures as figures

    counts = figures.distortion_counts(page.journal, page.start, page.end, page.leaving_out)
    return {"distortions": _traps(counts)}


def _agenda_figures(page: PageContext) -> dict[str, Any]:
    from thoughtlog.storage import agenda as stored_agenda

    return {
        "agenda": [
            {"id": item.id, "text": item.text, "created_at": item.created_at}
            for item in stored_agenda.list_items(page.journal)
        ]
    }


def _as_written(text: str) -> str:
    return text


def _situation(text: str) -> str:
    return SITUATION_LEFT_OUT


class _Pseudonyms:
    """With names redacted, each person or role becomes 'person A', 'person B', ..., in the order
    first met, the same letter for the same name throughout the page."""

    def __init__(self, *, active: bool):
        self.active = active
        self.given: dict[str, str] = {}

    def __call__(self, name: str | None) -> str | None:
        if not self.active or name is None:
            return name
        key = name.casefold()
        if key not in self.given:
            count = len(self.given)
            letters = ascii_uppercase[count % 26] + (str(count // 26) if count >= 26 else "")
            self.given[key] = f"person {letters}"
        return self.given[key]


def _checkins(taken: Sequence[Any]) -> list[dict[str, Any]]:
    from thoughtlog.checkins import CheckIn

    found = []
    for row in taken:
        checkin = CheckIn(kind=row.kind, answers=row.answers, at=dates.from_text(row.taken_at))
        found.append(
            {
                "kind": checkin.kind,
                "at": row.taken_at,
                "total": checkin.total,
                "band": checkin.band,
                "item9": checkin.item9,
            }
        )
    return found


def _traps(counts: dict[str, int]) -> list[dict[str, Any]]:
    rows = [
        {"slug": slug, "name": BY_SLUG[slug].name if slug in BY_SLUG else slug, "count": count}
        for slug, count in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row["count"], row["slug"]))


# --- the sections -------------------------------------------------------------------------------


def _day(text: str, *, local: bool = False) -> str:
    """'Mon 23 Nov' as lived where it was written (or, local, where the page is written: for
    times kept in UTC)."""
    moment = dates.from_text(text)
    return (moment.astimezone() if local else moment).strftime("%a %d %b")


def _long_day(moment: str) -> str:
    return dates.from_text(moment).strftime("%a %d %b %Y")


def session_layout(data: dict[str, Any]) -> Layout:
    """The page in the order a session runs; a section with nothing to say is left out."""
    period = data["period"]
    since, until = _long_day(period["since"]), _long_day(period["until"])
    subtitle = (
        f"Since the last session page, {since}, to {until}"
        if period["from_last_session"]
        else f"{since} to {until}"
    )
    sections = [section for build in SECTIONS for section in build(data)]
    return Layout("For my therapy session", subtitle, sections, compact=True)


def _how_ive_been(data: dict[str, Any]) -> list[Section]:
    records = data["records"]
    if records["count"]:
        opening = (
            f"{plural(records['count'], 'thought record')} on {plural(records['days'], 'day')}."
        )
    else:
        opening = "No thought records in these days."
    sections = [Section("How I've been", notes=[opening])]
    for section in emotions_section(data["emotions"]):
        sections.append(replace(section, title="Feelings (0-100, before and after reframing)"))
    if data["hardest_moments"]:
        sections.append(
            Section(
                "The hardest moments",
                columns=[
                    Column("Day", whole=True),
                    Column("What happened"),
                    Column("Feeling"),
                    Column("Before → after", True),
                ],
                rows=[
                    [
                        _day(moment["occurred_at"]),
                        shorten(moment["situation"], QUOTED),
                        moment["emotion"],
                        _before_after(moment["before"], moment["after"]),
                    ]
                    for moment in data["hardest_moments"]
                ],
            )
        )
    sections += _checkin_section(data["checkins"])
    return sections


def _before_after(before: int | None, after: int | None) -> str:
    return number(before) if after is None else f"{number(before)} → {number(after)}"


def _checkin_section(checkins: list[dict[str, Any]]) -> list[Section]:
    if not checkins:
        return []
    notes = []
    item9_days = [_day(checkin["at"]) for checkin in checkins if checkin["item9"]]
    if item9_days:  # first, each on a line of its own, never a score alone
        notes += [item9_days_line(item9_days), " ".join(line.strip() for line in CRISIS_LINES)]
    notes.append(
        "The ranges are each questionnaire's own scoring guide: a way of putting the weeks into"
        " words, not a diagnosis."
    )
    return [
        Section(
            "Check-ins",
            notes=notes,
            columns=[
                Column("Day", whole=True),
                Column("Check-in"),
                Column("Total", True),
                Column("Range"),
            ],
            rows=[
                [
                    _day(checkin["at"]),
                    QUESTIONNAIRES[checkin["kind"]].title,
                    f"{checkin['total']} of {QUESTIONNAIRES[checkin['kind']].most}",
                    checkin["band"],
                ]
                for checkin in checkins
            ],
        )
    ]


def item9_days_line(days: list[str]) -> str:
    """The days PHQ-9's ninth answer was above 0, said plainly and kindly, on a line of its own."""
    named = days[0] if len(days) == 1 else f"{', '.join(days[:-1])} and {days[-1]}"
    return (
        f"On {named}, you said you had thoughts of being better off dead or of hurting"
        " yourself. You are not alone with this: thoughtlog help-now shows your safety plan and"
        " the crisis lines, whenever you need them."
    )


WHO = 24  # the longest `with` a row shows whole: its column is kept on one line


def _who(with_: str | None) -> str:
    return shorten(with_, WHO) if with_ else ""


def _learned(data: dict[str, Any]) -> list[Section]:
    if not data["learned"]:
        return []
    return [
        Section(
            "What I learned",
            columns=[
                Column("Day", whole=True),
                Column("With", whole=True),
                Column("What I learned"),
            ],
            rows=[
                [_day(row["done_at"]), _who(row["with"]), row["learned"]] for row in data["learned"]
            ],
        )
    ]


_WHAT_CAME = {"yes": "the feared outcome came", "partly": "partly came", "no": "it didn't come"}


def _what_came(step: dict[str, Any]) -> str:
    if step["reaction"]:
        return step["reaction"]
    return _WHAT_CAME.get(step["came_true"] or "", "")


def _steps(data: dict[str, Any]) -> list[Section]:
    steps = data["steps"]
    sections = []
    if steps["taken"]:
        notes = [f"{plural(steps['done'], 'step')} taken."]
        notes += reaction_sentences(steps, alone=True)
        sections.append(
            Section(
                "Steps taken",
                notes=notes,
                columns=[
                    Column("Day", whole=True),
                    Column("Step"),
                    Column("With", whole=True),
                    Column("What came"),
                ],
                rows=[
                    [
                        _day(step["done_at"]),
                        shorten(step["plan"], QUOTED),
                        _who(step["with"]),
                        _what_came(step),
                    ]
                    for step in steps["taken"]
                ],
            )
        )
    if steps["due"] or steps["older_waiting"]:
        notes = [f"Planned from the start of these days to {DUE_AHEAD_DAYS} days ahead."]
        if steps["older_waiting"]:
            notes.append(
                f"{plural(steps['older_waiting'], 'step')} planned before these days"
                f" {'is' if steps['older_waiting'] == 1 else 'are'} still waiting too."
            )
        sections.append(
            Section(
                "Steps coming up",
                notes=notes,
                columns=[
                    Column("When", whole=True),
                    Column("Step"),
                    Column("With", whole=True),
                    Column("Feared reaction likely (%)", True),
                ]
                if steps["due"]
                else [],
                rows=[
                    [
                        _day(step["planned_for"]) + (" (waiting)" if step["overdue"] else ""),
                        shorten(step["plan"], QUOTED),
                        _who(step["with"]),
                        number(step["p_feared"]),
                    ]
                    for step in steps["due"]
                ],
            )
        )
    return sections


REHEARSALS_NAMED = 3  # more rehearsals than this are counted rather than named


def _scripts_section(data: dict[str, Any]) -> list[Section]:
    """One line a script: its parts stay in the JSON (and on its card), to keep the page short."""
    if not data["scripts"]:
        return []
    rows = []
    for script in data["scripts"]:
        rows.append(
            [
                str(script["id"]),
                shorten(script["title"], QUOTED),
                _who(script["with"]),
                _rehearsed(script["rehearsals"]),
                _confidence(script["rehearsals"]),
                _used(script["steps"]),
            ]
        )
    return [
        Section(
            "Scripts I practised",
            notes=[
                "Confidence (0-100): before the first rehearsal in these days → after the last."
            ],
            columns=[
                Column("#", True),  # 'thoughtlog script show ID' tells them apart when redacted
                Column("Script"),
                Column("With", whole=True),
                Column("Rehearsed"),
                Column("Confidence", True, whole=True),
                Column("Steps", whole=True),
            ],
            rows=rows,
        )
    ]


def _rehearsed(rehearsals: list[dict[str, Any]]) -> str:
    if len(rehearsals) > REHEARSALS_NAMED:
        return times(len(rehearsals))
    return ", ".join(rehearsal["with"] for rehearsal in rehearsals)


def _confidence(rehearsals: list[dict[str, Any]]) -> str:
    befores = [r["before"] for r in rehearsals if r["before"] is not None]
    afters = [r["after"] for r in rehearsals if r["after"] is not None]
    if not befores and not afters:
        return ""
    return _before_after(befores[0] if befores else None, afters[-1] if afters else None)


def _used(steps: dict[str, int]) -> str:
    said = []
    if steps["done"]:
        said.append(f"{steps['done']} done")
    if steps["planned"]:
        said.append(f"{steps['planned']} planned")
    return ", ".join(said)


def _beliefs(data: dict[str, Any]) -> list[Section]:
    if not data["beliefs"]:
        return []
    rows = []
    for belief in data["beliefs"]:
        latest, before = belief["latest"], belief["before_span"]
        rows.append(
            [
                str(belief["id"]),
                shorten(belief["text"], QUOTED),
                _rating_change(before["old"], latest["old"]),
                _rating_change(before["new"], latest["new"]) if belief["new_text"] else "",
                _day(latest["at"]),
            ]
        )
        if belief["new_text"]:
            rows.append(["", f"new: {shorten(belief['new_text'], QUOTED)}", "", "", ""])
    return [
        Section(
            "My beliefs (0-100)",
            notes=[
                "The latest rating of the old rule and of the new belief; an arrow shows the"
                " change since the rating before these days."
            ],
            columns=[
                Column("#", True),
                Column("Belief"),
                Column("Old rule", True),
                Column("New belief", True),
                Column("Rated", whole=True),
            ],
            rows=rows,
        )
    ]


def _rating_change(before: int | None, now: int | None) -> str:
    if before is None or now is None or before == now:
        return number(now)
    return f"{number(before)} → {number(now)}"


def _traps_section(data: dict[str, Any]) -> list[Section]:
    traps = data["distortions"][:TRAPS]
    if not traps:
        return []
    return [
        Section(
            "Thinking traps I saw most",
            columns=[Column("Trap"), Column("Times", True)],
            rows=[[trap["name"], str(trap["count"])] for trap in traps],
        )
    ]


def _agenda(data: dict[str, Any]) -> list[Section]:
    if not data["agenda"]:
        return []
    return [
        Section(
            "What I'd like to talk about",
            columns=[Column("#", True), Column("Item"), Column("Added", whole=True)],
            rows=[
                [str(item["id"]), item["text"], _day(item["created_at"], local=True)]
                for item in data["agenda"]
            ],
        )
    ]


# A part of the page is two functions: one in FIGURES, which takes the PageContext and gives the
# keys it adds to the page's data (its JSON), sending every situation and every name through
# page.situation and page.names; and one in SECTIONS, which takes the page's data and gives its
# sections, none when it has nothing to say. Both run in the order a session runs.
FIGURES: tuple[Callable[[PageContext], dict[str, Any]], ...] = (
    _feelings_figures,
    _steps_figures,
    _scripts_figures,
    _beliefs_figures,
    _traps_figures,
    _agenda_figures,
)

# The page's sections in the order a session runs.
SECTIONS: tuple[Callable[[dict[str, Any]], list[Section]], ...] = (
    _how_ive_been,
    _learned,
    _steps,
    _scripts_section,
    _beliefs,
    _traps_section,
    _agenda,
)
