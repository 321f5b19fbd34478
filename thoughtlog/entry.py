"""Turns what a person typed (options, the editor template, guided answers) into a checked record."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta

from thoughtlog import dates, distortions, steps
from thoughtlog.errors import InvalidValue
from thoughtlog.model import (
    Emotion,
    Experiment,
    Record,
    Thought,
    came_true,
    emotion_name,
    mark_hot,
    once_each,
    parse_emotion,
    rating,
    tag_names,
    text_or_none,
)
from thoughtlog.steps import StepInput


@dataclass
class RecordInput:
    """Raw values for a record. None means 'not given': edit leaves that part as it was."""

    situation: str | None = None
    when: str | None = None
    emotions: list[str] = field(default_factory=list)  # "anxious=80"
    emotions_after: list[str] = field(default_factory=list)
    thoughts: list[str] | None = None  # the first is the hot thought
    belief: str | int | None = None
    belief_after: str | int | None = None
    distortions: list[str] | None = None  # apply to the hot thought
    behaviour: str | None = None
    evidence_for: str | None = None
    evidence_against: str | None = None
    reframe: str | None = None
    reframe_belief: str | int | None = None
    tags: list[str] | None = None
    # The feelings in the order the person listed them, rated or not (the editor template lists
    # them all); None leaves the record's feelings as they are.
    emotion_names: list[str] | None = None
    clear_thoughts: bool = False  # removing every thought is asked for in so many words
    hot: int | None = None  # which of thoughts is the hot one, when not the first

    def is_empty(self) -> bool:
        return not self.clear_thoughts and all(
            getattr(self, f.name) is None or getattr(self, f.name) == []
            for f in fields(self)
            if f.name not in ("clear_thoughts", "hot")
        )


# A situation may be dated a little ahead (a clock set wrong, a time zone crossed), not further.
FUTURE_ALLOWANCE = timedelta(days=1)


def new_record(given: RecordInput, *, now: datetime | None = None) -> Record:
    """A new record from the values given; it needs at least a situation."""
    if not text_or_none(given.situation, "The situation"):
        raise InvalidValue(
            "A record needs a situation: a few words on what happened, for example"
            ' --situation "Team meeting, I stayed quiet".'
        )
    record = Record(situation="", occurred_at=now or dates.now_local())
    return apply(record, given, now=now)


def apply(record: Record, given: RecordInput, *, now: datetime | None = None) -> Record:
    """Apply the values given to a record; every value is checked before anything changes."""
    updated = Record(**{f.name: getattr(record, f.name) for f in fields(record)})
    updated.emotions = [Emotion(e.name, e.before, e.after) for e in record.emotions]
    updated.thoughts = [
        Thought(t.text, t.belief_before, t.belief_after, t.hot, list(t.distortions))
        for t in record.thoughts
    ]
    updated.tags = list(record.tags)

    if given.situation is not None:
        situation = text_or_none(given.situation, "The situation")
        if situation is None:
            raise InvalidValue(
                "The situation can't be empty: a few words on what happened are enough."
            )
        updated.situation = situation
    if given.when is not None:
        updated.occurred_at = occurred(given.when, now=now)

    if given.emotion_names is not None:
        names = [emotion_name(name) for name in given.emotion_names]
        once_each(names, given.emotion_names, "in [emotions]")
        kept = {e.name: e for e in updated.emotions}
        updated.emotions = [kept.get(name) or Emotion(name) for name in names]
    for texts, option, field_name in (
        (given.emotions, "--emotion", "before"),
        (given.emotions_after, "--emotion-after", "after"),
    ):
        rated = [parse_emotion(text) for text in texts]
        once_each([name for name, _ in rated], texts, f"with {option}")
        for name, strength in rated:
            setattr(_emotion(updated, name), field_name, strength)

    if given.clear_thoughts:
        if given.thoughts:
            raise InvalidValue(
                "Give either --clear-thoughts or --thought, not both: --thought alone replaces"
                " the thoughts."
            )
        updated.thoughts = []
    elif given.thoughts is not None:
        texts = [text_or_none(text, "A thought") for text in given.thoughts]
        if None in texts:
            raise InvalidValue(
                "A thought can't be empty: write it in a few words. To remove every thought,"
                " use --clear-thoughts."
            )
        # A thought whose text is unchanged keeps its ratings and thinking traps.
        old: dict[str, list[Thought]] = {}
        for thought in updated.thoughts:
            old.setdefault(thought.text, []).append(thought)
        updated.thoughts = [
            old[text].pop(0) if old.get(text) else Thought(text)
            for text in texts
            if text is not None
        ]
        hot = given.hot or 0
        if not 0 <= hot < max(len(updated.thoughts), 1):
            raise InvalidValue("Mark one of the thoughts as the hot thought.")
        mark_hot(updated.thoughts, updated.thoughts[hot] if updated.thoughts else None)

    hot = updated.hot_thought
    for value, what in (
        (given.belief, "--belief"),
        (given.belief_after, "--belief-after"),
        (given.distortions, "--distortion"),
    ):
        if value not in (None, [], "") and hot is None:
            raise InvalidValue(f"{what} applies to the hot thought, so give a --thought as well.")
    if hot is not None:
        if given.belief is not None:
            hot.belief_before = rating(given.belief, "Belief in the hot thought")
        if given.belief_after is not None:
            hot.belief_after = rating(given.belief_after, "Belief in the hot thought afterwards")
        if given.distortions is not None:
            hot.distortions = distortions.resolve_all(given.distortions)

    for name in ("behaviour", "evidence_for", "evidence_against", "reframe"):
        if (value := getattr(given, name)) is not None:
            setattr(updated, name, text_or_none(value, f"The {name.replace('_', ' ')}"))
    if given.reframe_belief is not None:
        updated.reframe_belief = rating(given.reframe_belief, "Belief in the balanced thought")
    if given.tags is not None:
        updated.tags = tag_names(given.tags)
    return updated


def occurred(text: str, *, now: datetime | None = None) -> datetime:
    """When a situation happened: a date that parses, a day ahead at most (a record is about
    something that has happened)."""
    moment = dates.parse_when(text, now=now)
    if moment > (now or dates.now_local()) + FUTURE_ALLOWANCE:
        raise InvalidValue(
            f"'{text}' is more than a day in the future ({moment.date().isoformat()}): a thought"
            " record is about something that has happened. Give the day it happened, such as"
            " 'yesterday 3pm' or 2026-11-20."
        )
    return moment


def _emotion(record: Record, name: str) -> Emotion:
    for emotion in record.emotions:
        if emotion.name == name:
            return emotion
    record.emotions.append(Emotion(name))
    return record.emotions[-1]


@dataclass
class ExperimentInput:
    """Raw values for an experiment; None means 'not given'."""

    belief: str | None = None
    confidence: str | int | None = None
    plan: str | None = None
    when: str | None = None
    expected_distress: str | int | None = None
    record_id: int | None = None
    outcome: str | None = None
    came_true: str | None = None
    distress: str | int | None = None
    learned: str | None = None
    confidence_after: str | int | None = None
    belief_id: int | None = None  # the long-term belief it tests
    script_id: int | None = None  # the assertive script it used
    step: StepInput = field(default_factory=StepInput)

    @property
    def empty(self) -> bool:
        """Nothing at all was given."""
        plain = (getattr(self, f.name) for f in fields(self) if f.name != "step")
        return all(v is None for v in plain) and not (
            self.step.plan_given or self.step.outcome_given
        )


def new_experiment(given: ExperimentInput, *, now: datetime | None = None) -> Experiment:
    """A planned experiment: it needs the belief under test and the small step."""
    if not text_or_none(given.belief, "The belief"):
        raise InvalidValue(
            "An experiment needs the belief it tests, for example"
            ' --belief "If I disagree, my boss will reprimand me".'
        )
    if not text_or_none(given.plan, "The plan"):
        raise InvalidValue(
            'An experiment needs a plan: the small step, for example --plan "Say one thing in Monday\'s meeting".'
        )
    return plan_experiment(Experiment(belief="", plan=""), given, now=now)


def logged_experiment(given: ExperimentInput, *, done_at: datetime) -> Experiment:
    """A step already taken without planning (experiment log): planned and done at done_at."""
    experiment = new_experiment(given, now=done_at)
    experiment.planned_for = done_at
    return apply_outcome(experiment, given, now=done_at)  # says what is missing, if anything


def plan_experiment(
    experiment: Experiment, given: ExperimentInput, *, now: datetime | None = None
) -> Experiment:
    """Apply the planning values given (belief, confidence, plan, when, expected distress, record)."""
    updated = Experiment(**{f.name: getattr(experiment, f.name) for f in fields(experiment)})
    for name in ("belief", "plan"):
        if (value := getattr(given, name)) is not None:
            if not text_or_none(value, f"The {name}"):
                raise InvalidValue(
                    f"The {name} of an experiment can't be empty: a few words are enough."
                )
            setattr(updated, name, text_or_none(value))
    if given.confidence is not None:
        updated.confidence_before = rating(given.confidence, "Confidence in the belief")
    if given.when is not None:
        updated.planned_for = dates.parse_when(given.when, now=now, prefer="future")
    if given.expected_distress is not None:
        updated.expected_distress = rating(given.expected_distress, "Expected distress")
    if given.record_id is not None:
        updated.record_id = given.record_id
    if given.belief_id is not None:
        updated.belief_id = given.belief_id
    if given.script_id is not None:
        updated.script_id = given.script_id
    steps.apply_plan(updated, given.step)
    return apply_outcome(updated, given, now=now, require=False)


def complete_experiment(
    experiment: Experiment, given: ExperimentInput, *, now: datetime | None = None
) -> Experiment:
    """Mark a planned experiment done with its outcome; an experiment is completed once."""
    if experiment.done:
        raise already_done(experiment)
    return apply_outcome(experiment, given, now=now)


def when_done(text: str | None, *, now: datetime | None = None, option: str = "--when") -> datetime:
    """When a step was really taken (experiment done --when, edit --done-when): now, or a moment
    already past, so a step recorded days later counts in the week it happened."""
    now = now or dates.now_local()
    if text is None:
        return now
    moment = dates.parse_when(text, now=now)
    if moment > now:
        raise InvalidValue(
            f"{option} '{text}' is still to come: say when you took the step, such as"
            f" 'yesterday 6pm', or leave {option} out for now."
        )
    return moment


def retime_done(experiment: Experiment, taken: datetime) -> None:
    """Move the moment a step was taken (experiment edit --done-when): only a step already done
    has one, and the caller has checked it is not still to come (when_done)."""
    if not experiment.done:
        raise InvalidValue(
            f"Experiment {experiment.id} isn't done yet, so there is no time taken to change."
            f" 'thoughtlog experiment done {experiment.id} --when ...' records it."
        )
    experiment.done_at = dates.to_text(taken)


def already_done(experiment: Experiment) -> InvalidValue:
    return InvalidValue(
        f"Experiment {experiment.id} is already done. To change what you wrote,"
        f" use 'thoughtlog experiment edit {experiment.id}'."
    )


def apply_outcome(
    experiment: Experiment,
    given: ExperimentInput,
    *,
    now: datetime | None = None,
    require: bool = True,
) -> Experiment:
    """Record what happened. With require, the outcome and came-true answer must be there."""
    outcome_given = any(
        v is not None
        for v in (
            given.outcome,
            given.came_true,
            given.distress,
            given.learned,
            given.confidence_after,
        )
    )
    if not outcome_given and not require:
        steps.apply_outcome(experiment, given.step)
        return experiment
    answer = came_true(given.came_true) if given.came_true is not None else experiment.came_true
    outcome = (
        text_or_none(given.outcome, "The outcome")
        if given.outcome is not None
        else experiment.outcome
    )
    if require and answer is None:
        raise InvalidValue(
            "Say whether the outcome you feared came true: --came-true yes, partly or no."
        )
    if require and outcome is None:
        raise InvalidValue('Say what happened, in a few words: --outcome "...".')
    experiment.came_true = answer
    experiment.outcome = outcome
    if given.distress is not None:
        experiment.actual_distress = rating(given.distress, "Actual distress")
    if given.learned is not None:
        experiment.learned = text_or_none(given.learned, "What you learned")
    if given.confidence_after is not None:
        experiment.confidence_after = rating(given.confidence_after, "Confidence in the belief now")
    steps.apply_outcome(experiment, given.step)
    if experiment.status != "done" and answer is not None:
        experiment.status = "done"
        experiment.done_at = dates.to_text(now or dates.now_local())
    return experiment
