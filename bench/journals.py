"""Realistic journals of any size for the benchmark, built through thoughtlog's core.

Each record goes through ``entry.new_record(RecordInput(...))``, as `thoughtlog add` does, and each
experiment through ``entry.new_experiment`` (and ``complete_experiment`` once done); the journal
takes them in batches of 1,000 inside one transaction (``Journal.insert_records`` and
``insert_experiments``, the writers import uses). A fixed seed makes the same size give the same
texts and ratings every time; only the dates move, because the journal ends now.

What a journal of N records holds:

- A handful of records in the current ISO week (5, between Monday 00:00 and now) and in the week
  before (6), so that `thoughtlog report` always has a realistic week to show. Every other record
  is spread over the ten years before that, at waking hours, oldest first (ids grow with time).
- Ten kinds of moment (a meeting, a workload request, feedback, a partner, family, friends, praise,
  a racing heart, strangers, a sleepless night), each with several situations, feelings, automatic
  thoughts said in different words, behaviours, evidence and balanced thoughts. A record has 1-3
  feelings with intensities, 1-3 thoughts (the first is the hot thought, with its thinking traps;
  half of the others carry traps and ratings of their own, as a JSON import may), and 1-4 tags.
  About 85 in 100 are complete (a balanced thought and re-rated feelings and belief).
- Three long-term beliefs (the rules behind the meeting, workload and feedback moments), each
  worked on for a while: rated week by week (belief 1 over the last two years, the others for a
  year some years back), with a data log of evidence every ten days or so; about one record in ten
  of its kind in those months is linked to it, with that record's step. Belief 1 is the one
  `belief show 1` is timed on.
- Check-ins every week over the ten years: PHQ-9 and GAD-7, their totals easing slowly, PHQ-9's
  ninth answer above 0 now and then (as `progress` must show). The same at every size.
- About one experiment per ten records (one per two in the last two weeks), nine in ten linked to
  their record, planned one to six days after it. Those planned more than two days ago are done,
  with an outcome (the feared one came true now and then, partly more often, mostly not); the
  rest are pending, so `experiment list --pending` shows a handful whatever the journal's size.

The last two weeks come from a random stream of their own, so they hold the same records and steps
at every size: `report` and `experiment list --pending` have the same work to show at 1,000
records as at 100,000, and any difference in their time comes from the rest of the journal.
"""

from __future__ import annotations

import random
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from thoughtlog import beliefs, dates, distortions
from thoughtlog.checkins import CheckIn
from thoughtlog.entry import (
    ExperimentInput,
    RecordInput,
    complete_experiment,
    new_experiment,
    new_record,
)
from thoughtlog.model import Experiment, Record
from thoughtlog.storage import Journal, open_journal
from thoughtlog.storage import beliefs as belief_store

# The recurring thoughts, each said several ways, as a person would over years (the bench's own,
# so that the demo journal can change without changing what is measured).
SEEN_AS_DIFFICULT = (
    "My boss will think I'm difficult",
    "The boss is going to see me as difficult",
    "My manager will think I'm being difficult",
    "My boss will see me as difficult if I push back",
)
REPRIMANDED = (
    "If I disagree in the meeting my boss will reprimand me",
    "If I speak up, my manager will tell me off",
    "I'll be punished for disagreeing",
    "If I push back I'll get reprimanded",
)
COWARD = ("I'm a coward", "I'm such a coward", "What a coward I am")
LOSE_JOB = ("I'm going to lose my job", "They'll fire me", "I'll lose my job over this")
NEVER_UPSET = ("I should never upset anyone", "I mustn't upset anybody", "I shouldn't upset people")
ONLY_POLITE = ("They were only being polite", "They only agreed to be polite")

SEED = 20_261_123
YEARS = 10
THIS_WEEK, LAST_WEEK = 5, 6
BATCH = 1_000
SEARCH_WORD = "meeting"

SLUGS = {entry.slug for entry in distortions.CATALOGUE}


@dataclass(frozen=True)
class Kind:
    """One kind of moment that keeps happening, and what it usually brings up."""

    weight: float
    situations: tuple[str, ...]
    emotions: tuple[str, ...]
    thoughts: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (phrasings, traps)
    behaviours: tuple[str, ...]
    evidence_for: tuple[str, ...]
    evidence_against: tuple[str, ...]
    reframes: tuple[str, ...]
    tags: tuple[str, ...]
    plans: tuple[str, ...]


SLOTS = {
    "boss": ("boss", "manager", "team lead", "director"),
    "colleague": ("Sam", "Priya", "Alex", "Jo", "Maria", "Tom", "Chen", "Fatima", "Luca", "Nadia"),
    "friend": ("Kim", "Ben", "Aisha", "Rob", "Ella", "Dan", "Sofia", "Marco"),
    "thing": (
        "release plan",
        "budget",
        "deadline",
        "new process",
        "hiring decision",
        "roadmap",
        "client proposal",
        "rota",
        "migration",
        "quarterly forecast",
        "office move",
    ),
    "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
    "chore": ("dishes", "laundry", "bins", "shopping", "bills"),
}

KINDS = (
    Kind(
        5,
        (
            "Weekly team meeting: I thought the {thing} was wrong but said nothing.",
            "{day} planning meeting: my {boss} asked for objections to the {thing};"
            " I stayed quiet.",
            "In the stand-up meeting {colleague} presented my work on the {thing} as theirs.",
            "The project meeting ran late; I wanted to say the {thing} needs more time.",
            "Video meeting with the whole department about the {thing}; my camera was on"
            " and I froze.",
        ),
        ("anxious", "ashamed", "frustrated", "nervous"),
        (
            (REPRIMANDED, ("fortune-telling", "catastrophizing")),
            (SEEN_AS_DIFFICULT, ("mind-reading",)),
            (COWARD, ("labeling",)),
            (
                (
                    "Everyone will see that I don't know what I'm talking about",
                    "They'll all think I'm stupid",
                ),
                ("mind-reading", "fortune-telling"),
            ),
        ),
        (
            "Stayed quiet and nodded along.",
            "Agreed with the plan and looked at my notes.",
            "Left the meeting as soon as it ended.",
            "Wrote my objection in the chat, then deleted it.",
        ),
        (
            "My {boss} frowned the last time someone questioned a deadline.",
            "The {thing} was decided before the meeting.",
        ),
        (
            "Nobody has been reprimanded for disagreeing politely; {colleague} questioned the plan"
            " last month and was thanked.",
            "My {boss} asked for objections, which means she wants them.",
        ),
        (
            "Disagreeing politely is part of doing my job well.",
            "A question about the {thing} is useful to the team, not an attack.",
            "Feeling nervous in a meeting does not mean I'll be punished for speaking.",
        ),
        ("work", "meeting", "boss"),
        (
            "Say one thing in {day}'s meeting",
            "Ask one question about the {thing} in the meeting",
            "Disagree with one point about the {thing} in the weekly meeting",
        ),
    ),
    Kind(
        3,
        (
            "My {boss} asked me to take on the {thing} as well; I wanted to say no.",
            "{colleague} asked me to cover their shift on {day} again.",
            "I was asked to stay late on {day} to finish the {thing}.",
        ),
        ("anxious", "frustrated", "angry", "guilty"),
        (
            (SEEN_AS_DIFFICULT, ("mind-reading",)),
            (LOSE_JOB, ("catastrophizing", "fortune-telling")),
            (NEVER_UPSET, ("should-statements",)),
        ),
        ("Said yes straight away and worked late.", "Said I'd think about it, then said yes."),
        ("The team is stretched and everyone is under pressure.",),
        ("My reviews are good.", "{colleague} said no last month and nothing happened to them."),
        (
            "Saying I am at capacity is information my {boss} needs, not a sign that I'm difficult.",
            "I can say no to one task and still be good at my job.",
        ),
        ("work", "boss", "workload"),
        (
            "Turn down the next extra task, with a reason",
            "Tell my {boss} I'm at capacity this week",
        ),
    ),
    Kind(
        2,
        (
            "One-to-one with my {boss}: she asked whether the {thing} deadline was realistic.",
            "Got written feedback on my report about the {thing}; two comments were critical.",
            "My {boss} said the {thing} presentation 'needs work'.",
        ),
        ("ashamed", "anxious", "sad", "disappointed"),
        (
            (
                ("I never do anything right", "I always get everything wrong"),
                ("overgeneralization", "all-or-nothing"),
            ),
            (("This proves I'm not good enough", "I'm useless at this job"), ("labeling",)),
            (("All I can think about is the one criticism",), ("mental-filter",)),
        ),
        ("Said it was fine although it isn't.", "Reread the comments all evening."),
        ("Two of the comments were about real mistakes.",),
        (
            "Most of the report was accepted as it was.",
            "She asked me directly, so she wants to know.",
        ),
        (
            "Two critical comments on a long report are normal, and I can fix them.",
            "Feedback is about the work, not about what I'm worth.",
        ),
        ("work", "boss", "feedback"),
        ("Ask my {boss} which part of the {thing} worked well", "Tell her the deadline is tight"),
    ),
    Kind(
        2,
        (
            "My partner left the {chore} again; I wanted to mention it.",
            "My partner made plans for {day} without asking me.",
            "We disagreed about money for the holidays.",
        ),
        ("angry", "anxious", "hurt", "irritated"),
        (
            (NEVER_UPSET, ("should-statements",)),
            (("If I say something we'll have a big fight",), ("fortune-telling",)),
            (("It's my fault we keep arguing",), ("personalization",)),
        ),
        ("Did it myself and went quiet all evening.", "Made a sarcastic remark, then apologised."),
        ("We argued about chores in the spring.",),
        ("When I have mentioned things calmly, we sorted them out.",),
        ("I can say what bothers me kindly; a small disagreement is not a fight.",),
        ("partner", "home"),
        ("Tell my partner calmly that the {chore} bother me", "Ask to plan {day} together"),
    ),
    Kind(
        1.5,
        (
            "Phone call with my mother; she criticised my new job.",
            "Family dinner on {day}: my father made a joke about my career.",
            "My sister asked why I still haven't been promoted.",
        ),
        ("ashamed", "sad", "angry", "guilty"),
        (
            (("I always let everyone down",), ("overgeneralization",)),
            (COWARD, ("labeling",)),
            (("She's right, I'm a disappointment",), ("labeling", "emotional-reasoning")),
        ),
        (
            "Changed the subject and ended the call early.",
            "Laughed along and felt sick afterwards.",
        ),
        ("She has sounded disappointed before.",),
        ("Friends and my team rely on me; she criticises most things.",),
        ("Her criticism says more about her worries than about my choices.",),
        ("family",),
        ("Tell my mother I'm happy with my job", "Change the subject kindly but firmly"),
    ),
    Kind(
        1.5,
        (
            "{friend} didn't reply to my message for two days.",
            "At {friend}'s party I stood by the wall most of the evening.",
            "I cancelled dinner with {friend} at the last minute.",
        ),
        ("anxious", "lonely", "sad", "guilty"),
        (
            (
                ("{friend} must be angry with me", "{friend} doesn't want to see me any more"),
                ("mind-reading",),
            ),
            (("Nobody really likes me",), ("overgeneralization", "all-or-nothing")),
            (("I ruined the evening",), ("personalization", "catastrophizing")),
        ),
        ("Checked my phone all evening.", "Went home early without saying goodbye."),
        ("{friend} usually answers quickly.",),
        ("{friend} has been busy at work; we had a good time last week.",),
        ("A slow reply is usually about the other person's day, not about me.",),
        ("friends", "social"),
        ("Ask {friend} how their week is going", "Stay at the next party for one more hour"),
    ),
    Kind(
        1,
        (
            "A colleague thanked me in front of the team for my idea about the {thing}.",
            "My {boss} said my work on the {thing} was excellent.",
        ),
        ("embarrassed", "anxious"),
        (
            (ONLY_POLITE, ("disqualifying-the-positive",)),
            (
                ("It was just luck", "Anyone could have done it"),
                ("disqualifying-the-positive", "minimization"),
            ),
        ),
        ("Said it was nothing.",),
        ("People are often polite in meetings.",),
        ("Two others then built on the idea.",),
        ("The idea was useful; I can accept the thanks.",),
        ("work", "meeting"),
        ("Say 'thank you' and nothing else next time",),
    ),
    Kind(
        1,
        (
            "Before the {thing} presentation my heart was racing.",
            "Waiting outside my {boss}'s office, my hands were shaking.",
        ),
        ("anxious", "nervous"),
        (
            (("I feel so scared that speaking up must be dangerous",), ("emotional-reasoning",)),
            (
                ("I'm going to freeze and everyone will see",),
                ("fortune-telling", "catastrophizing"),
            ),
            (REPRIMANDED, ("fortune-telling",)),
        ),
        ("Sat at the back.", "Read from my notes without looking up."),
        ("My body reacts as if it were dangerous.",),
        ("Feeling scared is an old alarm, not evidence; nothing bad has happened when I spoke.",),
        ("Fear tells me it matters to me, not that I'll be punished.",),
        ("work", "meeting", "body"),
        ("Give the {thing} update without notes",),
    ),
    Kind(
        1,
        (
            "A stranger on the train told me to move my bag.",
            "The shop gave me the wrong change and I didn't say anything.",
            "Someone pushed in front of me in the queue.",
        ),
        ("irritated", "embarrassed", "angry"),
        (
            (("People will think I'm rude if I say something",), ("mind-reading",)),
            (("I should just let it go",), ("should-statements",)),
            (("People always walk all over me",), ("overgeneralization", "blaming")),
        ),
        ("Said nothing and walked away.",),
        ("Some people do get angry when you point things out.",),
        ("The last time I asked for the right change the cashier apologised.",),
        ("Asking for what is mine is fair and can be polite.",),
        ("strangers", "public"),
        ("Ask for the right change next time",),
    ),
    Kind(
        0.7,
        (
            "Woke up at 4am thinking about the {thing}.",
            "Couldn't sleep before {day}'s review of the {thing}.",
        ),
        ("anxious", "hopeless", "frustrated"),
        (
            (("Tomorrow will be a disaster",), ("catastrophizing", "fortune-telling")),
            (("I should be able to cope with this",), ("should-statements",)),
            (("They're to blame for this mess",), ("blaming",)),
        ),
        ("Got up and checked my email.",),
        ("The {thing} is behind schedule.",),
        ("The last review went better than I feared.",),
        ("A bad night's sleep makes things look worse than they are.",),
        ("sleep", "work"),
        ("Write tomorrow's three steps down and go back to bed",),
    ),
)

EXTRA_TAGS = ("tired", "deadline", "evening", "weekend", "email", "phone")
OUTCOMES = {
    "no": (
        "It went fine; nobody reacted badly.",
        "She said it was a fair point.",
        "They thanked me for raising it.",
    ),
    "partly": (
        "There was a moment of tension, then it passed.",
        "The answer was short, but not angry.",
    ),
    "yes": ("It was brushed off, as I feared.", "There was an awkward silence."),
}
LEARNED = (
    "Speaking up went better than I predicted.",
    "The tension passed quickly.",
    "Even when it went badly, I coped.",
    "My fear was much bigger than what happened.",
)


@dataclass(frozen=True)
class LongBelief:
    """A belief the person works on: its words, which kind of moment it is behind, and when."""

    text: str
    new_text: str
    kind: int  # index into KINDS
    began_weeks_ago: int
    weeks: int  # how long it was worked on (rated, evidence gathered, records linked)


LONG_BELIEFS = (
    LongBelief(
        "If I contradict someone in authority, I'll be punished",
        "Disagreeing respectfully is usually safe, and often welcome",
        kind=0,
        began_weeks_ago=104,
        weeks=104,
    ),
    LongBelief(
        "If I say no, people will decide I'm difficult and drop me",
        "Saying no now and then is normal; people who matter can take it",
        kind=1,
        began_weeks_ago=6 * 52,
        weeks=52,
    ),
    LongBelief(
        "If my work has a flaw, I'm a failure",
        "Flaws are part of doing work at all; fixing them is the job",
        kind=2,
        began_weeks_ago=4 * 52,
        weeks=52,
    ),
)
LINK_SHARE = 0.1  # records of a belief's kind, while it was worked on, linked to it
EVIDENCE = (
    "Raised a concern in the {day} meeting; my {boss} thanked me for it.",
    "{colleague} disagreed with the {thing} and nobody minded.",
    "Said no to an extra task; the {boss} just asked who else could take it.",
    "My report on the {thing} had two mistakes; we fixed them in ten minutes.",
    "Asked a question about the {thing}; two people said they wondered the same.",
)
CHECKIN_KINDS = ("phq9", "gad7")

for _kind in KINDS:
    assert all(set(traps) <= SLUGS for _, traps in _kind.thoughts), _kind.situations[0]


@dataclass
class Built:
    size: int
    experiments: int
    pending: int
    with_word: int  # records that mention SEARCH_WORD
    newest_id: int | None
    seconds: float
    beliefs: int = 0
    belief_links: int = 0  # records linked to belief 1
    checkins: int = 0


def recent_moments(now: datetime) -> list[datetime]:
    """The records of this week (evenly between Monday 00:00 and now) and of last week."""
    today = now.date()
    this_monday = dates.local(datetime.combine(today - timedelta(days=today.weekday()), clock()))
    last_monday = this_monday - timedelta(weeks=1)
    last_week = [
        dates.local(datetime.combine(last_monday.date() + timedelta(days=day), clock(hour)))
        for day, hour in zip((0, 1, 2, 4, 5, 6), (10, 16, 20, 9, 19, 18))
    ]
    so_far = now - this_monday
    this_week = [this_monday + so_far * (i + 0.5) / THIS_WEEK for i in range(THIS_WEEK)]
    return last_week[:LAST_WEEK] + this_week


class Generator:
    """Records and experiments from one seeded stream of choices."""

    def __init__(self, now: datetime, seed: int, experiment_share: float):
        self.rng = random.Random(seed)
        self.now = now
        self.experiment_share = experiment_share
        self.weights = [kind.weight for kind in KINDS]

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def moments(self, count: int, before: datetime) -> list[datetime]:
        """count moments at waking hours over the YEARS before a moment, oldest first."""
        last_day = before.date()
        first_day = last_day - timedelta(days=365 * YEARS)
        span = (last_day - first_day).days
        hours = range(7, 23)
        return sorted(
            dates.local(
                datetime.combine(
                    first_day + timedelta(days=self.rng.randrange(span)),
                    clock(self.rng.choice(hours), self.rng.randrange(60)),
                )
            )
            for _ in range(count)
        )

    def entry(self, occurred_at: datetime) -> tuple[Record, Experiment | None, bool, Kind]:
        """A record and, now and then, a step planned after it: (record, experiment, linked,
        the kind of moment)."""
        record, kind, slots = self.record(occurred_at)
        if self.rng.random() >= self.experiment_share:
            return record, None, False, kind
        return record, self.experiment(record, kind, slots), self.rng.random() < 0.9, kind

    def record(self, occurred_at: datetime) -> tuple[Record, Kind, dict[str, str]]:
        """A record of a randomly chosen kind, with the kind and the names it was filled in with."""
        rng = self.rng
        kind = rng.choices(KINDS, self.weights)[0]
        slots = {name: rng.choice(values) for name, values in SLOTS.items()}

        def fill(texts: tuple[str, ...]) -> str:
            return rng.choice(texts).format(**slots)

        complete = rng.random() < 0.85

        chosen = _some(rng, kind.thoughts, (1, 1, 2, 2, 2, 3))
        texts = [fill(phrasings) for phrasings, _ in chosen]
        hot_traps = list(chosen[0][1][: rng.randint(1, len(chosen[0][1]))])
        if rng.random() < 0.1:
            hot_traps.append(rng.choice(sorted(SLUGS)))
        feelings = _some(rng, kind.emotions, (1, 2, 2, 3))
        intensities = [rng.randrange(40, 100, 5) for _ in feelings]
        belief = rng.randrange(50, 101, 5)
        tags = list(kind.tags[: rng.randint(1, len(kind.tags))])
        if rng.random() < 0.15:
            tags.append(rng.choice(EXTRA_TAGS))

        given = RecordInput(
            situation=fill(kind.situations),
            emotions=[f"{name}={value}" for name, value in zip(feelings, intensities)],
            thoughts=texts,
            belief=belief,
            distortions=hot_traps,
            behaviour=fill(kind.behaviours) if rng.random() < 0.9 else None,
            evidence_for=fill(kind.evidence_for) if rng.random() < 0.7 else None,
            evidence_against=(
                fill(kind.evidence_against) if complete or rng.random() < 0.3 else None
            ),
            tags=tags,
        )
        if complete:
            given.reframe = fill(kind.reframes)
            given.reframe_belief = rng.randrange(40, 90, 5)
            given.belief_after = max(5, belief - rng.randrange(10, 50, 5))
            given.emotions_after = [
                f"{name}={max(5, value - rng.randrange(10, 50, 5))}"
                for name, value in zip(feelings, intensities)
            ]
        record = new_record(given, now=occurred_at)
        for thought, (_, traps) in zip(record.thoughts[1:], chosen[1:]):
            if rng.random() < 0.5:  # traps on a thought besides the hot one, as an import may hold
                thought.distortions = list(traps[:1])
                thought.belief_before = rng.randrange(30, 95, 5)
        record.uuid = self.uuid()
        written = min(self.now, occurred_at + timedelta(minutes=rng.randrange(5, 240)))
        record.created_at = record.updated_at = self.stamp(written)
        return record, kind, slots

    def experiment(self, record: Record, kind: Kind, slots: dict[str, str]) -> Experiment:
        """A small step planned after a saved record; done when it was planned over two days ago."""
        rng = self.rng
        planned = dates.local(
            datetime.combine(
                record.occurred_at.date() + timedelta(days=rng.randint(1, 6)),
                clock(rng.randint(9, 18)),
            )
        )
        expected = rng.randrange(40, 95, 5)
        confidence = rng.randrange(50, 100, 5)
        experiment = new_experiment(
            ExperimentInput(
                belief=record.hot_thought.text if record.hot_thought else record.situation,
                confidence=confidence,
                plan=rng.choice(kind.plans).format(**slots),
                when=planned.isoformat(timespec="minutes"),
                expected_distress=expected,
            ),
            now=record.occurred_at,
        )
        experiment.uuid = self.uuid()
        experiment.created_at = experiment.updated_at = record.created_at
        if planned < self.now - timedelta(days=2):
            came_true = rng.choices(("no", "partly", "yes"), (55, 30, 15))[0]
            done_at = planned + timedelta(hours=rng.randint(1, 30))
            experiment = complete_experiment(
                experiment,
                ExperimentInput(
                    outcome=rng.choice(OUTCOMES[came_true]),
                    came_true=came_true,
                    distress=max(0, min(100, expected - rng.randrange(-10, 45, 5))),
                    learned=rng.choice(LEARNED) if rng.random() < 0.8 else None,
                    confidence_after=max(0, confidence - rng.randrange(0, 50, 5)),
                ),
                now=done_at,
            )
            experiment.updated_at = self.stamp(done_at)
        return experiment

    @staticmethod
    def stamp(moment: datetime) -> str:
        return moment.astimezone(UTC).isoformat(timespec="microseconds")


def build(path: Path, size: int, *, now: datetime | None = None) -> Built:
    """Write a journal of size records (and its experiments) at path, replacing any file there."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    began = time.perf_counter()
    now = now or dates.now_local()
    recent = recent_moments(now)[max(0, THIS_WEEK + LAST_WEEK - size) :]
    history = Generator(now, SEED, experiment_share=0.1)
    latest = Generator(now, SEED + 1, experiment_share=0.5)
    plan: list[tuple[Generator, datetime]] = []
    if size:
        older = history.moments(size - len(recent), before=recent[0])
        plan += [(history, moment) for moment in older]
        plan += [(latest, moment) for moment in recent]
    experiments = pending = with_word = 0
    newest_id = None
    links = random.Random(SEED + 2)
    with open_journal(path) as journal:
        # Beliefs first (ids 1, 2, 3), so that records and steps can link to them as they're made.
        windows = {}
        for belief_id, long in enumerate(LONG_BELIEFS, start=1):
            start = now - timedelta(weeks=long.began_weeks_ago)
            windows[long.kind] = (belief_id, start, start + timedelta(weeks=long.weeks))
        linked_records: list[tuple[int, Record]] = []
        with journal.transaction():
            for first in range(0, size, BATCH):
                records: list[Record] = []
                steps: list[tuple[Experiment, Record | None]] = []
                for generator, moment in plan[first : first + BATCH]:
                    record, step, linked, kind = generator.entry(moment)
                    records.append(record)
                    window = windows.get(KINDS.index(kind))
                    belief_id = None
                    if window and window[1] <= moment < window[2] and links.random() < LINK_SHARE:
                        belief_id = window[0]
                        linked_records.append((belief_id, record))
                    if step is not None:
                        step.belief_id = belief_id if linked else None
                        steps.append((step, record if linked else None))
                    with_word += SEARCH_WORD in _all_text(record)
                journal.insert_records(records)  # gives each record the id its steps link to
                for step, record in steps:
                    step.record_id = record.id if record else None
                journal.insert_experiments([step for step, _ in steps])
                experiments += len(steps)
                pending += sum(not step.done for step, _ in steps)
                newest_id = records[-1].id
        for long in LONG_BELIEFS:
            _work_on(journal, long, now, random.Random(f"{SEED}-{long.kind}"))
        for belief_id, record in linked_records:
            belief_store.link_record(journal, record.id, belief_id)
        checkins = _check_ins(journal, now, random.Random(SEED + 3))
    return Built(
        size,
        experiments,
        pending,
        with_word,
        newest_id,
        time.perf_counter() - began,
        beliefs=len(LONG_BELIEFS),
        belief_links=sum(belief_id == 1 for belief_id, _ in linked_records),
        checkins=checkins,
    )


def _work_on(journal: Journal, long: LongBelief, now: datetime, rng: random.Random) -> None:
    """Save a belief with its weekly ratings, then its data log, as `belief add`, `belief rate`
    and `belief evidence` would over those weeks."""
    began = now - timedelta(weeks=long.began_weeks_ago)
    belief = beliefs.new_belief(
        long.text, new_text=long.new_text, old_rating=90, new_rating=15, now=began
    )
    old, new = 90, 15
    for week in range(1, long.weeks):
        old = max(10, min(100, old + rng.randrange(-8, 5)))
        new = max(0, min(95, new + rng.randrange(-4, 8)))
        at = began + timedelta(weeks=week, hours=rng.randrange(-30, 30))
        belief.ratings.append(beliefs.dated_rating(old, new, now=min(at, now)))
    belief.uuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    belief_id = belief_store.add_belief(journal, belief)
    day = began
    while day < min(now, began + timedelta(weeks=long.weeks)):
        slots = {name: rng.choice(values) for name, values in SLOTS.items()}
        text = rng.choice(EVIDENCE).format(**slots)
        belief_store.add_evidence(journal, belief_id, beliefs.evidence(text, now=day))
        day += timedelta(days=rng.randint(5, 15), hours=rng.randrange(-6, 6))


def _check_ins(journal: Journal, now: datetime, rng: random.Random) -> int:
    """PHQ-9 and GAD-7 every week for YEARS, totals easing slowly; returns how many."""
    weeks = 52 * YEARS
    count = 0
    for week in range(weeks, 0, -1):
        at = now - timedelta(weeks=week, hours=rng.randrange(0, 48))
        easing = week / weeks  # 1 ten years ago, near 0 now
        for kind in CHECKIN_KINDS:
            items = 9 if kind == "phq9" else 7
            answers = [
                min(3, max(0, round(rng.gauss(0.6 + 1.2 * easing, 0.8)))) for _ in range(items)
            ]
            if kind == "phq9" and rng.random() > 0.04:
                answers[8] = 0  # the ninth answer above 0 in about one PHQ-9 in 25
            uuid_ = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            journal.add_checkin(CheckIn(kind, answers, at, uuid=uuid_))
            count += 1
    return count


def _some(rng: random.Random, items: tuple, counts: tuple[int, ...]) -> list:
    """A few of items, in random order; how many is drawn from counts (at most all of them)."""
    return rng.sample(items, min(rng.choice(counts), len(items)))


def _all_text(record: Record) -> str:
    parts = [
        record.situation,
        record.behaviour,
        record.evidence_for,
        record.evidence_against,
        record.reframe,
        *(t.text for t in record.thoughts),
    ]
    return " ".join(part for part in parts if part).lower()


if __name__ == "__main__":  # a quick look: python bench/journals.py SIZE PATH
    import sys

    print(build(Path(sys.argv[2]), int(sys.argv[1])))
