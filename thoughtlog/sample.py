"""A made-up six-week journal of the assertiveness example, for `thoughtlog demo` and for tests.

Someone who learned as a child that contradicting a parent meant punishment is practising speaking
up at work. Over six weeks the same few thoughts come back in different words, the distortions
shift, feelings ease a little more after each reframe, and small experiments mostly show that the
feared reprimand does not come. Everything is dated relative to ``now``: the last of the six weeks
is the current ISO week, laid out in full, so the same ``now`` always builds the same journal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from thoughtlog import dates
from thoughtlog.model import Emotion, Experiment, Record, Thought
from thoughtlog.storage import Journal

WEEKS = 6

# The recurring thoughts, each said several ways, as a person would over weeks.
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


@dataclass
class Situation:
    """One kind of moment that keeps happening, with what it usually brings up."""

    situation: str
    emotions: tuple[str, ...]
    thoughts: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (phrasings, distortions)
    behaviour: str
    evidence_for: str
    evidence_against: str
    reframe: str
    tags: tuple[str, ...]
    strain: int = 0  # how much harder than usual this kind of moment feels, in intensity points


SITUATIONS = {
    "meeting": Situation(
        "Weekly team meeting: I thought the release plan was wrong but said nothing.",
        ("anxious", "ashamed"),
        (
            (REPRIMANDED, ("fortune-telling", "catastrophizing")),
            (SEEN_AS_DIFFICULT, ("mind-reading",)),
        ),
        "Stayed quiet and nodded along.",
        "My boss frowned the last time someone questioned a deadline.",
        "Nobody has been reprimanded for disagreeing politely; Sam questioned the plan last month and"
        " the boss thanked him.",
        "Disagreeing politely is part of doing my job well. My boss asking questions is not a punishment.",
        ("work", "meeting", "boss"),
        strain=10,
    ),
    "extra_project": Situation(
        "My manager asked me to take on a third project; I wanted to say no.",
        ("anxious", "frustrated"),
        (
            (SEEN_AS_DIFFICULT, ("mind-reading",)),
            (LOSE_JOB, ("catastrophizing", "fortune-telling")),
        ),
        "Said yes straight away and worked late.",
        "The team is stretched and she is under pressure.",
        "She has said no to her own boss before and nothing happened to her. My reviews are good.",
        "Saying I am at capacity is information she needs, not a sign that I'm difficult.",
        ("work", "boss"),
        strain=6,
    ),
    "one_to_one": Situation(
        "One-to-one with my boss; she asked whether the deadline was realistic.",
        ("anxious", "ashamed"),
        ((SEEN_AS_DIFFICULT, ("mind-reading",)), (COWARD, ("labeling",))),
        "Said it was fine although it isn't.",
        "She sounded tired and looked at her phone.",
        "She asked me directly, which means she wants to know.",
        "She asked for my view; giving it honestly is what she asked for.",
        ("work", "boss"),
        strain=4,
    ),
    "dishes": Situation(
        "My partner left the dishes again; I wanted to mention it.",
        ("angry", "anxious"),
        (
            (NEVER_UPSET, ("should-statements",)),
            (("If I say something we'll have a big fight",), ("fortune-telling",)),
        ),
        "Did them myself and went quiet all evening.",
        "We argued about chores in the spring.",
        "When I have mentioned things calmly, we sorted them out.",
        "I can say what bothers me kindly; a small disagreement is not a fight.",
        ("partner", "home"),
        strain=-2,
    ),
    "mother": Situation(
        "Phone call with my mother; she criticised my new job.",
        ("ashamed", "sad"),
        ((("I always let everyone down",), ("overgeneralization",)), (COWARD, ("labeling",))),
        "Changed the subject and ended the call early.",
        "She has sounded disappointed before.",
        "Friends and my team rely on me; she criticises most things.",
        "Her criticism says more about her worries than about my choices.",
        ("family",),
        strain=0,
    ),
    "praise": Situation(
        "A colleague thanked me in front of the team for my idea.",
        ("embarrassed", "anxious"),
        ((ONLY_POLITE, ("disqualifying-the-positive",)),),
        "Said it was nothing.",
        "People are often polite in meetings.",
        "Two others then built on the idea.",
        "The idea was useful; I can accept the thanks.",
        ("work", "meeting"),
        strain=-12,
    ),
    "racing_heart": Situation(
        "Before the planning meeting my heart was racing.",
        ("anxious",),
        (
            (("I feel so scared that speaking up must be dangerous",), ("emotional-reasoning",)),
            (REPRIMANDED, ("fortune-telling",)),
        ),
        "Sat at the back.",
        "My body reacts as if it were dangerous.",
        "Feeling scared is an old alarm, not evidence; nothing bad has happened when I spoke.",
        "Fear tells me it matters to me, not that I'll be punished.",
        ("work", "meeting"),
        strain=12,
    ),
}

# Each week, oldest first: (situation, weekday 0-6, time, which phrasing, complete?).
SCHEDULE: tuple[tuple[tuple[str, int, str, int, bool], ...], ...] = (
    (
        ("meeting", 0, "10:30", 0, True),
        ("extra_project", 1, "16:00", 0, True),
        ("dishes", 2, "20:30", 0, True),
        ("one_to_one", 3, "11:00", 1, True),
        ("mother", 6, "18:00", 0, True),
    ),
    (
        ("meeting", 0, "10:15", 1, True),
        ("racing_heart", 2, "09:00", 2, True),
        ("extra_project", 3, "14:30", 2, True),
        ("dishes", 5, "19:00", 1, False),
    ),
    (
        ("meeting", 0, "11:00", 2, True),
        ("one_to_one", 1, "15:00", 0, True),
        ("praise", 2, "12:30", 0, True),
        ("extra_project", 4, "16:30", 1, True),
        ("mother", 6, "17:30", 1, True),
    ),
    (
        ("meeting", 0, "10:45", 3, True),
        ("racing_heart", 1, "09:15", 0, True),
        ("dishes", 3, "21:00", 2, True),
        ("praise", 4, "13:00", 1, True),
    ),
    (
        ("meeting", 0, "10:30", 1, True),
        ("racing_heart", 2, "08:45", 1, True),
        ("dishes", 4, "20:00", 0, True),
        ("mother", 6, "18:30", 2, True),
    ),
    (
        ("meeting", 0, "10:30", 0, True),
        ("one_to_one", 1, "11:00", 1, True),
        ("extra_project", 2, "16:00", 3, True),
        ("racing_heart", 3, "09:00", 3, True),
        ("praise", 4, "12:30", 0, False),
        ("dishes", 5, "20:00", 1, True),
    ),
)


@dataclass
class Step:
    """A behavioural experiment of the sample: planned in a week, done (or not) the same day."""

    week: int
    weekday: int
    at: str
    situation: str
    belief: str
    plan: str
    confidence: int
    expected: int
    came_true: str | None = None
    actual: int | None = None
    outcome: str | None = None
    learned: str | None = None
    confidence_after: int | None = None


STEPS = (
    Step(
        1,
        3,
        "10:00",
        "racing_heart",
        "If I ask a question in the meeting my boss will think I'm difficult",
        "Ask one question in Thursday's planning meeting",
        85,
        80,
        "partly",
        60,
        "She answered briefly and moved on; she seemed rushed, not annoyed.",
        "A short answer is not a reprimand.",
        65,
    ),
    Step(
        2,
        0,
        "10:00",
        "meeting",
        "If I disagree in the meeting my boss will reprimand me",
        "Disagree with one point in the weekly meeting",
        85,
        85,
        "no",
        55,
        "She said 'fair point' and changed the order of the work.",
        "Disagreeing can improve the plan.",
        55,
    ),
    Step(
        3,
        3,
        "14:00",
        "dishes",
        "If I mention the dishes we'll have a big fight",
        "Tell my partner calmly that the dishes bother me",
        75,
        70,
        "partly",
        45,
        "A bit of tension for ten minutes, then we agreed a rota.",
        "Tension passes; it was worth it.",
        40,
    ),
    Step(
        4,
        0,
        "10:00",
        "meeting",
        "If I say I see it differently my boss will be annoyed",
        "Say 'I see it differently' about the estimate",
        80,
        75,
        "yes",
        60,
        "She said 'let's take it offline', which felt like a brush-off.",
        "She did follow up the next day and used my estimate.",
        60,
    ),
    Step(
        5,
        0,
        "10:45",
        "meeting",
        "If I disagree in the meeting my boss will reprimand me",
        "Disagree with the release date in the weekly meeting",
        75,
        70,
        "no",
        35,
        "The date moved by a week; she thanked me afterwards.",
        "Speaking up was useful to her.",
        35,
    ),
    Step(
        5,
        2,
        "16:30",
        "extra_project",
        "If I turn down the extra task she will think I'm difficult",
        "Turn down the extra task by email, with a reason",
        70,
        65,
        "no",
        30,
        "She replied 'understood, thanks for flagging' and gave it to someone else.",
        "Saying no clearly was easier for both of us.",
        30,
    ),
    Step(
        5,
        4,
        "10:00",
        "one_to_one",
        "If I raise my workload she'll see me as a complainer",
        "Raise my workload in Friday's one-to-one",
        70,
        60,
    ),
)


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _eased(before: int, week: int, emotion_index: int) -> int:
    """After reframing, feelings ease a little more each week as the person practises."""
    return max(5, before - 12 - 5 * week - 3 * emotion_index)


def build(journal: Journal, *, now: datetime | None = None) -> None:
    """Fill a journal with the six sample weeks, the last being the week holding now."""
    now = (now or dates.now_local()).astimezone()
    today = now.date()
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=WEEKS - 1 - week) for week in range(WEEKS)]

    def moment(week: int, weekday: int, at: str) -> datetime:
        return dates.local(datetime.combine(mondays[week] + timedelta(days=weekday), _clock(at)))

    # The current week is laid out in full, as the other weeks are, even where that is later than
    # now: a demo run on Monday morning should still show a week that reads like a real one.
    entries = [(week, *entry) for week, plan in enumerate(SCHEDULE) for entry in plan]
    record_moments = [moment(week, day, at) for week, _, day, at, _, _ in entries]
    step_moments = [moment(step.week, step.weekday, step.at) for step in STEPS]
    done_moments = [planned + timedelta(hours=1) for planned in step_moments]

    record_ids: dict[tuple[int, str], int] = {}
    for (week, name, _, _, phrasing, complete), occurred_at in sorted(
        zip(entries, record_moments), key=lambda pair: pair[1]
    ):
        record_ids[(week, name)] = journal.add_record(
            _record(SITUATIONS[name], week, phrasing, complete, occurred_at)
        )
    for step, planned_for, done_at in zip(STEPS, step_moments, done_moments):
        journal.add_experiment(
            _experiment(step, planned_for, done_at, record_ids.get((step.week, step.situation)))
        )


def _record(
    situation: Situation, week: int, phrasing: int, complete: bool, occurred_at: datetime
) -> Record:
    intensity = 80 + situation.strain - 4 * week
    thoughts = [
        Thought(
            phrasings[phrasing % len(phrasings)],
            belief_before=min(100, intensity + 4 - 8 * position),
            belief_after=max(10, intensity - 20 - 6 * week) if complete else None,
            hot=position == 0,
            distortions=list(distortions),
        )
        for position, (phrasings, distortions) in enumerate(situation.thoughts)
    ]
    emotions = [
        Emotion(
            name,
            before=intensity - 10 * i,
            after=_eased(intensity - 10 * i, week, i) if complete else None,
        )
        for i, name in enumerate(situation.emotions)
    ]
    return Record(
        situation=situation.situation,
        occurred_at=occurred_at,
        emotions=emotions,
        thoughts=thoughts,
        behaviour=situation.behaviour,
        evidence_for=situation.evidence_for if complete else None,
        evidence_against=situation.evidence_against if complete else None,
        reframe=situation.reframe if complete else None,
        reframe_belief=55 + 5 * week if complete else None,
        tags=list(situation.tags),
    )


def _experiment(
    step: Step, planned_for: datetime, done_at: datetime, record_id: int | None
) -> Experiment:
    experiment = Experiment(
        belief=step.belief,
        plan=step.plan,
        confidence_before=step.confidence,
        planned_for=planned_for,
        expected_distress=step.expected,
        record_id=record_id,
    )
    if step.came_true:
        experiment.status = "done"
        experiment.done_at = dates.to_text(done_at)
        experiment.outcome = step.outcome
        experiment.came_true = step.came_true
        experiment.actual_distress = step.actual
        experiment.learned = step.learned
        experiment.confidence_after = step.confidence_after
    return experiment
