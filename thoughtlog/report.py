"""The weekly pattern report: which span, what it holds, which thoughts recur, and a plain summary.

Everything here returns plain data. ``build_report`` gives the dict that ``--format json`` prints:
the keys of the contract in DESIGN.md, plus ``summary`` (sentences written from the figures) and
``when`` (records by weekday and time of day). Averages are rounded to one decimal and are None
when nothing was rated; lists come most frequent first.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from math import fsum
from statistics import fmean
from typing import Any

from thoughtlog import dates
from thoughtlog.distortions import BY_SLUG
from thoughtlog.errors import InvalidValue
from thoughtlog.model import CAME_TRUE, Experiment, Record
from thoughtlog.storage import ExperimentFilter, Journal, RecordFilter

WEEK_FORMS = "'this', 'last', a week such as 2026-W47, or a day such as 2026-11-18"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# (name, first hour): a record belongs to the last part of the day that has started.
TIMES_OF_DAY = (("night", 0), ("morning", 6), ("afternoon", 12), ("evening", 18))


# --- spans ----------------------------------------------------------------------------------------


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


# --- the report -----------------------------------------------------------------------------------


def build_report(journal: Journal, span: Span, *, now: datetime | None = None) -> dict[str, Any]:
    """The whole report for a span, compared with the span of equal length before it.

    Only the records and experiments of the two spans are read, so the cost stays the same
    however large the journal grows.
    """
    now = now or dates.now_local()
    previous = span.previous()
    records: list[Record] = []
    previous_records: list[Record] = []
    in_time_order = sorted(  # the journal hands them over in the order written
        journal.iter_records(RecordFilter(since=previous.start, until=span.end)),
        key=lambda record: (record.occurred_at, record.id),
    )
    for record in in_time_order:
        (records if span.holds(record.occurred_at) else previous_records).append(record)
    # An experiment counts as planned in the span its date falls in (its creation when it has no
    # date), and as done in the span it was marked done in, so a step planned on Sunday and
    # taken on Monday shows its result in the week it happened.
    planned = journal.list_experiments(ExperimentFilter(since=span.start, until=span.end))
    done = journal.experiments_done_between(span.start, span.end)

    report: dict[str, Any] = {
        "period": {
            **span.as_dict(),
            "kind": "week" if span.is_week else "span",
            "current": span.holds(now),
        },
        "previous_period": {**previous.as_dict(), "records": len(previous_records)},
        "records": _counts(records),
        "emotions": _emotions(records),
        "distortions": _distortions(records, previous_records),
        "tags": _tags(records, previous_records),
        "recurring_thoughts": recurring_thoughts(records, previous_records),
        "belief": _belief(records),
        "experiments": _experiments(planned, done),
        "when": _when(records),
    }
    report["summary"] = summary(report)
    return report


def _average(values: Iterable[int | float | None]) -> float | None:
    given = [value for value in values if value is not None]
    return round(fmean(given), 1) if given else None


def _counts(records: list[Record]) -> dict[str, Any]:
    return {
        "count": len(records),
        "completed": sum(record.complete for record in records),
        # The day as the person lived it: the date in the offset the record was written with.
        "days": len({record.occurred_at.date() for record in records}),
        "incomplete_ids": sorted(record.id for record in records if not record.complete),  # type: ignore[misc]
    }


def _emotions(records: list[Record]) -> list[dict[str, Any]]:
    felt: dict[str, list] = defaultdict(list)
    for record in records:
        for emotion in record.emotions:
            felt[emotion.name].append(emotion)
    rows = [
        {
            "name": name,
            "count": len(emotions),
            "avg_before": _average(e.before for e in emotions),
            "avg_after": _average(e.after for e in emotions),
        }
        for name, emotions in felt.items()
    ]
    return sorted(rows, key=lambda row: (-row["count"], -(row["avg_before"] or 0), row["name"]))


def _distortion_counts(records: list[Record]) -> Counter[str]:
    return Counter(
        slug for record in records for thought in record.thoughts for slug in thought.distortions
    )


def _distortions(records: list[Record], previous_records: list[Record]) -> list[dict[str, Any]]:
    now, before = _distortion_counts(records), _distortion_counts(previous_records)
    rows = [
        {
            "slug": slug,
            "count": now[slug],
            "previous_count": before[slug],
            "name": BY_SLUG[slug].name if slug in BY_SLUG else slug,
        }
        for slug in now.keys() | before.keys()
    ]
    return sorted(rows, key=lambda row: (-row["count"], -row["previous_count"], row["slug"]))


def _tags(records: list[Record], previous_records: list[Record]) -> list[dict[str, Any]]:
    tagged: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        for tag in record.tags:
            tagged[tag].append(record)
    before = Counter(tag for record in previous_records for tag in record.tags)
    rows = [
        {
            "tag": tag,
            "count": len(there),
            # How strongly the person felt in the situations with this tag, before reframing.
            "avg_intensity": _average(e.before for record in there for e in record.emotions),
            "previous_count": before[tag],
        }
        for tag, there in tagged.items()
    ]
    return sorted(rows, key=lambda row: (-row["count"], -(row["avg_intensity"] or 0), row["tag"]))


def _belief(records: list[Record]) -> dict[str, float | None]:
    hot_thoughts = [record.hot_thought for record in records if record.hot_thought is not None]
    return {
        "avg_before": _average(t.belief_before for t in hot_thoughts),  # type: ignore[union-attr]
        "avg_after": _average(t.belief_after for t in hot_thoughts),  # type: ignore[union-attr]
    }


def _experiments(planned: list[Experiment], done: list[Experiment]) -> dict[str, Any]:
    came_true = Counter(e.came_true for e in done if e.came_true)
    # Expected and actual distress are compared on the same steps: those that have both.
    rated = [e for e in done if e.expected_distress is not None and e.actual_distress is not None]
    return {
        "planned": len(planned),
        "done": len(done),
        "came_true": {answer: came_true[answer] for answer in CAME_TRUE},
        "avg_expected_distress": _average(e.expected_distress for e in rated),
        "avg_actual_distress": _average(e.actual_distress for e in rated),
    }


def time_of_day(moment: datetime) -> str:
    return next(name for name, hour in reversed(TIMES_OF_DAY) if moment.hour >= hour)


def _when(records: list[Record]) -> dict[str, Any]:
    grid = [[0] * len(TIMES_OF_DAY) for _ in WEEKDAYS]
    names = [name for name, _ in TIMES_OF_DAY]
    for record in records:
        grid[record.occurred_at.weekday()][names.index(time_of_day(record.occurred_at))] += 1
    return {"weekdays": list(WEEKDAYS), "times_of_day": names, "counts": grid}


# --- recurring thoughts ---------------------------------------------------------------------------
#
# Two automatic thoughts "say the same thing" when, after normalising, they share most of their
# meaningful words. Normalising: lowercase, expand contractions, turn common phrasings into one
# concept ("speak up", "disagree", "push back" -> speakup; "manager" -> boss; "tell me off",
# "reprimand" -> punish), drop words that carry no content (I, will, going to, the), strip plain
# suffixes (punished -> punish), and merge misspellings. The similarity is a weighted Dice
# coefficient over the remaining words, where words naming the setting (boss, meeting, work,
# people) weigh half: "I'll look stupid" and "I'll look stupid in the meeting" are one thought,
# "my boss will think I'm difficult" and "my boss will think I'm lazy" are two, and so are two
# thoughts about different people ("my partner / my boss will be angry").

GROUP_AT = 0.75
_COMPARED = 20  # the latest members of a group a new thought is compared with

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_CONTRACTIONS = (
    (r"\bwon't\b", "will not"),
    (r"\bcan't\b", "can not"),
    (r"\bcannot\b", "can not"),
    (r"\bshan't\b", "shall not"),
    (r"n't\b", " not"),
    (r"'m\b", " am"),
    (r"'re\b", " are"),
    (r"'ll\b", " will"),
    (r"'ve\b", " have"),
    (r"'d\b", " would"),
    (r"'s\b", ""),
)
# Phrases that mean one thing, and hedges ("I think that...") that add nothing to the thought.
_PHRASES = (
    (r"\b(?:i|you) (?:think|guess|suppose|bet|know|feel like|just know)\b( that)?", " "),
    (r"\b(?:speak|speaking|spoke|spoken|stand|standing|stood) up\b( for myself)?", " speakup "),
    (r"\b(?:push|pushing|pushed) back\b", " speakup "),
    (r"\bsay(?:ing)? (?:what i think|no|my piece|something)\b", " speakup "),
    (r"\b(?:tell|tells|telling|told) (?:me )?off\b", " punish "),
    (r"\b(?:lose|losing|lost) (?:my|the|this) (?:job|position|place)\b", " fired "),
    (r"\b(?:see|sees|seeing|saw|think of|thinks of|look at|looks at) me as\b", " think "),
    (r"\bthink badly of\b", " think "),
    (r"\b(?:make|making|made) a fool of myself\b", " fool "),
    (r"\bgoing to\b|\bgonna\b", " will "),
)
_STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing done down during each few for from
    further get gets getting got had has have having he her here hers herself him himself his how
    i if in into is it its itself let me more most my myself of off on once or other our ours
    ourselves out over own same she so some such than that the their theirs them themselves then
    there these this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself am just really even still ever
    shall may might must maybe make makes made look looks looked seem seems seemed feel feels
    felt go goes went gone going come comes came become becomes became lot something thing
    things way like well also now here oh yes yeah ok okay totally completely definitely probably
""".split()
)
# Each line: the concept, then the words and forms that mean it in a thought.
_CONCEPTS = """
    boss: boss manager managers supervisor supervisors
    people: people everyone everybody they them others someone somebody anyone anybody colleague
        colleagues coworker coworkers team
    think: think thinks thought view views judge judges judged consider considers regard
    punish: punish punished punishment reprimand reprimanded scold scolded discipline disciplined
        criticise criticised criticize criticized shout shouted yell yelled
    speakup: speakup disagree disagreeing disagreed contradict contradicting contradicted object
        objecting challenge challenging
    fired: fired fire sacked sack dismissed
    fool: fool foolish stupid idiot dumb ridiculous
    coward: coward cowardly spineless gutless
    useless: useless worthless incompetent
    fail: fail fails failed failing failure
    angry: angry anger mad furious annoyed cross
    difficult: difficult difficulty awkward troublesome
    not: not no never
    should: should must ought shouldnt mustnt
    partner: partner wife husband girlfriend boyfriend spouse
    parent: parent parents mother mum mom father dad
    quiet: quiet silent
    wrong: wrong mistake mistakes error errors
"""


def _concept_table(table: str) -> dict[str, str]:
    """Each word to its concept, from 'concept: word word ...' entries (which may wrap lines)."""
    entries = re.findall(r"(\w+):([^:]+?)(?=\s\w+:|\s*$)", table)
    return {word: concept for concept, words in entries for word in words.split()}


_CONCEPT_OF = _concept_table(_CONCEPTS)
_CONCEPT_NAMES = frozenset(_CONCEPT_OF.values())
# Words naming the setting rather than the thought: they count, but half as much.
_SETTING = frozenset(
    """
    boss people partner parent meet meeting work job office email call project report task deadline
    today tomorrow tonight week monday tuesday wednesday thursday friday saturday sunday again time
""".split()
)
_PERSONS = frozenset({"boss", "partner", "parent"})
_PLURAL = (
    (r"sses$", "ss"),
    (r"ies$", "y"),
    (r"(?:(?<=[sxz])|(?<=ch)|(?<=sh))es$", ""),
    (r"(?<![su'i])s$", ""),
)
_VERB = ((r"ied$", "y"), (r"ing$", ""), (r"ed$", ""), (r"ly$", ""))


# A journal's vocabulary is small, and a long span meets each word thousands of times.
@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    """Strip a plural, then a verb or adverb ending, keeping at least three letters."""
    for rules in (_PLURAL, _VERB):
        for pattern, replacement in rules:
            stemmed = re.sub(pattern, replacement, word)
            if stemmed != word:
                if len(stemmed) >= 3:
                    word = stemmed
                break
    return word


def thought_words(text: str) -> list[str]:
    """The meaningful words of a thought, each as its concept or stem, in order, without repeats."""
    phrase = text.lower().translate(_APOSTROPHES)
    for pattern, replacement in _CONTRACTIONS:
        phrase = re.sub(pattern, replacement, phrase)
    for pattern, replacement in _PHRASES:
        phrase = re.sub(pattern, replacement, phrase)
    words: list[str] = []
    for word in re.findall(r"[a-z]+", phrase):
        stem = _stem(word)
        concept = _CONCEPT_OF.get(word) or _CONCEPT_OF.get(stem)
        if concept is None and (word in _STOP_WORDS or stem in _STOP_WORDS):
            continue
        concept = concept or stem
        if concept not in words:
            words.append(concept)
    if not words:  # a thought made only of small words ("I can't") is compared as written
        words = list(dict.fromkeys(re.findall(r"[a-z]+", phrase)))
    return words


def _merge_misspellings(bags: list[list[str]]) -> list[frozenset[str]]:
    """Map each word to a more frequent word it is a likely misspelling or inflection of."""
    # rapidfuzz: a well-kept C implementation of edit-distance similarity; it lets "dificult",
    # "difficulty" and "judged"/"judge" meet without a hand-written fuzzy matcher, and stays
    # instant when a long --since span holds thousands of words.
    from rapidfuzz import fuzz, process

    frequency = Counter(word for bag in bags for word in bag)
    canonical: dict[str, str] = {}
    kept: list[str] = []
    for word, _ in sorted(frequency.items(), key=lambda item: (-item[1], item[0])):
        if word in _CONCEPT_NAMES or len(word) < 4:
            canonical[word] = word
            if word in _CONCEPT_NAMES:
                kept.append(word)  # a misspelt "dificult" may still meet its concept
            continue
        # Same first letter: misspellings rarely change it, while "hate"/"late" differ only there.
        choices = [other for other in kept if other[0] == word[0]]
        match = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=85)
        canonical[word] = match[0] if match else word
        if not match:
            kept.append(word)
    return [frozenset(canonical[word] for word in bag) for bag in bags]


def _weight(word: str) -> float:
    return 0.5 if word in _SETTING else 1.0


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Weighted Dice: shared weight twice over the weight of both; 1.0 for the same words."""
    total = sum(map(_weight, a)) + sum(map(_weight, b))
    score = 2 * sum(map(_weight, a & b)) / total if total else 0.0
    # "My partner will be angry" and "my boss will be angry" are about different people.
    if (a & _PERSONS) and (b & _PERSONS) and not (a & b & _PERSONS):
        score /= 2
    return score


def thought_similarity(a: str, b: str) -> float:
    """How alike two thoughts are in what they say, from 0 (nothing shared) to 1."""
    first, second = _merge_misspellings([thought_words(a), thought_words(b)])
    return _similarity(first, second)


def same_thought(a: str, b: str) -> bool:
    return thought_similarity(a, b) >= GROUP_AT


def group_thoughts(texts: Sequence[str]) -> list[list[int]]:
    """Indexes of the texts, grouped by what they say; groups in order of first appearance.

    Each thought joins the group it is most like on average (at least GROUP_AT), so one loose
    link can't chain unrelated thoughts together. To keep a long span quick, only groups sharing
    a word that is not a setting word are compared, against their latest members.
    """
    bags = _merge_misspellings([thought_words(text) for text in texts])
    groups: list[list[int]] = []
    groups_with: dict[str, set[int]] = defaultdict(set)
    for index, bag in enumerate(bags):
        keys = (bag - _SETTING) or bag
        best, best_score = None, GROUP_AT
        for group in sorted(set().union(*(groups_with[word] for word in keys))):
            score = fmean(_similarity(bag, bags[member]) for member in groups[group][-_COMPARED:])
            if score >= best_score:
                best, best_score = group, score
                if score == 1.0:
                    break
        if best is None:
            best = len(groups)
            groups.append([])
        groups[best].append(index)
        for word in keys:
            groups_with[word].add(best)
    return groups


def _phrasing(text: str) -> str:
    return " ".join(re.findall(r"[a-z']+", text.lower().translate(_APOSTROPHES)))


def representative(texts: Sequence[str]) -> str:
    """How a group is shown: its most repeated phrasing, else its most typical, else its latest."""
    bags = _merge_misspellings([thought_words(text) for text in texts])
    phrasings = [_phrasing(text) for text in texts]
    repeats = Counter(phrasings)
    most = max(repeats.values())
    # A long span gathers thousands of near-identical thoughts in one group, and comparing each
    # with each was quadratic (over two minutes for 8,600 records). Identical bags are compared
    # once, weighted by how often they occur, and only the most repeated phrasings compete.
    weights = Counter(bags)
    typical: dict[frozenset[str], float] = {}
    for bag in {bags[i] for i in range(len(texts)) if repeats[phrasings[i]] == most}:
        typical[bag] = fsum(count * _similarity(bag, other) for other, count in weights.items())
    best = max(
        (i for i in range(len(texts)) if repeats[phrasings[i]] == most),
        key=lambda i: (typical[bags[i]], i),
    )
    return " ".join(texts[best].split())


def recurring_thoughts(
    records: list[Record], previous_records: list[Record]
) -> list[dict[str, Any]]:
    """Groups of thoughts that came back: seen in at least two records across both spans."""
    in_span = {record.id for record in records}
    entries = [
        (record, thought.text)
        for record in [*previous_records, *records]
        for thought in record.thoughts
    ]
    rows = []
    for members in group_thoughts([text for _, text in entries]):
        record_ids = sorted({entries[i][0].id for i in members if entries[i][0].id in in_span})  # type: ignore[type-var]
        previous_ids = {entries[i][0].id for i in members if entries[i][0].id not in in_span}
        if len(record_ids) + len(previous_ids) < 2:
            continue
        rows.append(
            {
                "text": representative([entries[i][1] for i in members]),
                "count": len(record_ids),
                "previous_count": len(previous_ids),
                "record_ids": record_ids,
            }
        )
    return sorted(rows, key=lambda row: (-row["count"], -row["previous_count"], row["text"]))


# --- summary --------------------------------------------------------------------------------------

_FEELINGS = {
    "anxious": "anxiety",
    "ashamed": "shame",
    "angry": "anger",
    "sad": "sadness",
    "afraid": "fear",
    "scared": "fear",
    "frightened": "fear",
    "guilty": "guilt",
    "embarrassed": "embarrassment",
    "frustrated": "frustration",
    "hopeless": "hopelessness",
    "nervous": "nervousness",
    "worried": "worry",
    "lonely": "loneliness",
    "hurt": "hurt",
    "resentful": "resentment",
    "irritated": "irritation",
    "humiliated": "humiliation",
    "jealous": "jealousy",
    "panicky": "panic",
    "overwhelmed": "overwhelm",
    "stressed": "stress",
    "depressed": "low mood",
}


def number(value: float | int | None) -> str:
    """72.5 as '72.5' and 78.0 as '78'."""
    if value is None:
        return "–"
    return f"{value:.1f}".removesuffix(".0")


def times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _compared(count: int, previous: int, before: str) -> str:
    if previous == 0:
        return f"none {before}"
    if count == previous:
        return f"the same as {before}"
    return f"{'up' if count > previous else 'down'} from {previous} {before}"


def _change(before: float, after: float) -> str:
    if after < before:
        return f"eased from {number(before)} to {number(after)}"
    if after > before:
        return f"rose from {number(before)} to {number(after)}"
    return f"stayed at {number(before)}"


def summary(report: dict[str, Any]) -> list[str]:
    """A few plain sentences written from the figures: what happened, never what to do."""
    period = report["period"]
    if period["kind"] == "week":
        this, before = ("this week" if period["current"] else "that week"), "the week before"
    else:
        this, before = "in this period", "in the period before"
    sentences = [
        *_records_sentences(report, this, before),
        _recurring_sentence(report["recurring_thoughts"], before),
        _distortion_sentence(report["distortions"], before),
        _trigger_sentence(report["tags"]),
        _easing_sentence(report["emotions"]),
        _belief_sentence(report["belief"]),
        *_experiment_sentences(report["experiments"]),
    ]
    return [sentence for sentence in sentences if sentence]


def _records_sentences(report: dict[str, Any], this: str, before: str) -> list[str]:
    counts, current = report["records"], report["period"]["current"]
    if not counts["count"]:
        previous = report["previous_period"]["records"]
        return [
            f"No thought records {this}{' yet' if current else ''}.",
            f"There {'was' if previous == 1 else 'were'} {plural(previous, 'record')} {before}."
            if previous
            else "",
        ]
    sentence = (
        f"You wrote {plural(counts['count'], 'thought record')} on {plural(counts['days'], 'day')}"
    )
    if waiting := len(counts["incomplete_ids"]):
        verb = "is" if waiting == 1 else "are"
        sentence += f"; {waiting} {verb} still waiting for a balanced thought"
    return [sentence + "."]


def _recurring_sentence(groups: list[dict[str, Any]], before: str) -> str:
    group = next((row for row in groups if row["count"]), None)
    if group is None:
        return ""
    return (
        f"The thought \u201c{group['text']}\u201d came up {times(group['count'])},"
        f" {_compared(group['count'], group['previous_count'], before)}."
    )


def _distortion_sentence(distortions: list[dict[str, Any]], before: str) -> str:
    top = next((row for row in distortions if row["count"]), None)
    if top is None:
        return ""
    return (
        f"{top['name']} came up {times(top['count'])},"
        f" {_compared(top['count'], top['previous_count'], before)}."
    )


def _trigger_sentence(tags: list[dict[str, Any]]) -> str:
    if not tags:
        return ""
    top = tags[0]
    sentence = f"Your most frequent trigger was {top['tag']} ({plural(top['count'], 'record')})"
    if top["avg_intensity"] is not None:
        sentence += f", where your feelings averaged {number(top['avg_intensity'])} out of 100"
    return sentence + "."


def _easing_sentence(emotions: list[dict[str, Any]]) -> str:
    rerated = [
        row for row in emotions if row["avg_after"] is not None and row["avg_before"] is not None
    ]
    if not rerated:
        return ""
    top = rerated[0]
    feeling = _FEELINGS.get(top["name"])
    subject = f"Your {feeling}" if feeling else f"Feeling {top['name']}"
    return f"{subject} {_change(top['avg_before'], top['avg_after'])} on average after reframing."


def _belief_sentence(belief: dict[str, Any]) -> str:
    if belief["avg_before"] is None or belief["avg_after"] is None:
        return ""
    change = _change(belief["avg_before"], belief["avg_after"])
    return f"Your belief in the hot thought {change} out of 100 after reframing."


def _experiment_sentences(experiments: dict[str, Any]) -> list[str]:
    came_true = experiments["came_true"]
    sentences = []
    if answered := sum(came_true.values()):
        sentence = (
            f"The outcome you feared came true in {came_true['yes']}"
            f" of {plural(answered, 'experiment')}"
        )
        if came_true["partly"]:
            sentence += f", and partly in {came_true['partly']}"
        sentences.append(sentence + ".")
    if experiments["avg_expected_distress"] is not None:
        sentences.append(
            f"You expected distress of {number(experiments['avg_expected_distress'])}"
            f" and felt {number(experiments['avg_actual_distress'])} on average."
        )
    elif experiments["planned"] and not experiments["done"]:
        sentences.append(f"{plural(experiments['planned'], 'experiment')} planned, none done yet.")
    return sentences
