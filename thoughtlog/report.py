"""The weekly pattern report: what a span holds, as figures and a few plain sentences.

Everything here returns plain data. ``build_report`` gives the dict that ``--format json`` prints:
the keys of the contract in DESIGN.md, plus ``summary`` (sentences written from the figures) and
``when`` (records by weekday and time of day). Averages are rounded to one decimal and are None
when nothing was rated; lists come most frequent first. Which span: thoughtlog.spans; which
thoughts recur: thoughtlog.recurring.

Before and after reframing are compared over the same ratings only (the pairing rule of the
design): a rating never re-rated cannot make the after figure look better or worse.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from thoughtlog import dates
from thoughtlog.distortions import BY_SLUG
from thoughtlog.model import CAME_TRUE
from thoughtlog.spans import Span, choose_span, week_span
from thoughtlog.step_report import reaction_figures, reaction_sentences
from thoughtlog.storage import Journal, step_figures
from thoughtlog.storage import report_figures as figures
from thoughtlog.wording import plural

__all__ = ["Span", "build_report", "choose_span", "summary", "week_span"]

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# (name, first hour): a record belongs to the last part of the day that has started.
TIMES_OF_DAY = (("night", 0), ("morning", 6), ("afternoon", 12), ("evening", 18))


def build_report(journal: Journal, span: Span, *, now: datetime | None = None) -> dict[str, Any]:
    """The whole report for a span, compared with the span of equal length before it.

    The figures are counted by SQLite (thoughtlog.storage.report_figures) and only the thoughts'
    texts are read, each distinct text once, so a span of ten years costs about what a week does,
    and its memory holds the answers rather than the records (SQLite's own included: its page
    cache is kept small while the span is read).
    """
    # Grouping thoughts (and its stemmer) is only for this report: the session page and the
    # progress report, which import this module for its small helpers, never pay for it.
    from thoughtlog.recurring import recurring_thoughts

    now = now or dates.now_local()
    previous = span.previous()
    with figures.small_cache(journal):
        # An experiment counts as planned in the span its date falls in (its creation when it has
        # no date), and as done in the span it was marked done in, so a step planned on Sunday
        # and taken on Monday shows its result in the week it happened.
        count, completed, days = figures.record_counts(journal, span.start, span.end)
        report: dict[str, Any] = {
            "period": {
                **span.as_dict(),
                "kind": "week" if span.is_week else "span",
                "current": span.holds(now),
            },
            "previous_period": {
                **previous.as_dict(),
                "records": figures.record_counts(journal, previous.start, previous.end)[0],
            },
            "records": {
                "count": count,
                "completed": completed,
                "days": days,
                "incomplete_ids": figures.incomplete_ids(journal, span.start, span.end),
            },
            "emotions": emotion_figures(figures.emotions(journal, span.start, span.end)),
            "distortions": _distortions(
                figures.distortion_counts(journal, span.start, span.end),
                figures.distortion_counts(journal, previous.start, previous.end),
            ),
            "tags": _tags(
                figures.tag_counts(journal, span.start, span.end),
                figures.tag_intensities(journal, span.start, span.end),
                figures.tag_counts(journal, previous.start, previous.end),
            ),
            "recurring_thoughts": recurring_thoughts(
                figures.thought_texts(journal, previous.start, span.start, span.end)
            ),
            "belief": _paired(figures.hot_thought_belief(journal, span.start, span.end)),
            "experiments": {
                **_experiments(
                    figures.experiments_planned(journal, span.start, span.end),
                    figures.experiments_done(journal, span.start, span.end),
                ),
                **reaction_figures(step_figures.reactions(journal, span.start, span.end)),
            },
            "when": _when(figures.weekday_hours(journal, span.start, span.end)),
        }
    report["summary"] = summary(report)
    return report


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 1) if count else None


def _paired(ratings: figures.Ratings) -> dict[str, Any]:
    """Before and after averaged over the same ratings: those given both before and after.

    With none paired, after is None and before averages every before rating, so a feeling or a
    belief rated once still shows how strong it was, without a comparison that can't be made.
    """
    if not ratings.paired:
        return {
            "paired": 0,
            "avg_before": _mean(ratings.before_total, ratings.rated_before),
            "avg_after": None,
        }
    return {
        "paired": ratings.paired,
        "avg_before": _mean(ratings.paired_before, ratings.paired),
        "avg_after": _mean(ratings.paired_after, ratings.paired),
    }


def emotion_figures(felt: dict[str, figures.Ratings]) -> list[dict[str, Any]]:
    # The count still counts every record that felt it; the averages are paired.
    rows = [
        {"name": name, "count": ratings.count, **_paired(ratings)} for name, ratings in felt.items()
    ]
    return sorted(rows, key=lambda row: (-row["count"], -(row["avg_before"] or 0), row["name"]))


def _distortions(now: dict[str, int], before: dict[str, int]) -> list[dict[str, Any]]:
    rows = [
        {
            "slug": slug,
            "count": now.get(slug, 0),
            "previous_count": before.get(slug, 0),
            "name": BY_SLUG[slug].name if slug in BY_SLUG else slug,
        }
        for slug in now.keys() | before.keys()
    ]
    return sorted(rows, key=lambda row: (-row["count"], -row["previous_count"], row["slug"]))


def _tags(
    now: dict[str, int], intensities: dict[str, tuple[int, int]], before: dict[str, int]
) -> list[dict[str, Any]]:
    rows = []
    for tag, count in now.items():
        rated, total = intensities.get(tag, (0, 0))
        rows.append(
            {
                "tag": tag,
                "count": count,
                # How strongly the person felt in the situations with this tag, before reframing.
                "avg_intensity": _mean(total, rated),
                "previous_count": before.get(tag, 0),
            }
        )
    return sorted(rows, key=lambda row: (-row["count"], -(row["avg_intensity"] or 0), row["tag"]))


def _experiments(planned: int, steps: figures.Steps) -> dict[str, Any]:
    return {
        "planned": planned,
        "done": steps.done,
        "came_true": {answer: steps.came_true.get(answer, 0) for answer in CAME_TRUE},
        # Expected and actual distress are compared on the same steps: those that have both.
        "avg_expected_distress": _mean(steps.expected_total, steps.rated),
        "avg_actual_distress": _mean(steps.actual_total, steps.rated),
    }


def part_of_day(hour: int) -> str:
    return next(name for name, first in reversed(TIMES_OF_DAY) if hour >= first)


def _when(weekday_hours: list[tuple[int, int, int]]) -> dict[str, Any]:
    grid = [[0] * len(TIMES_OF_DAY) for _ in WEEKDAYS]
    names = [name for name, _ in TIMES_OF_DAY]
    for weekday, hour, count in weekday_hours:
        grid[weekday][names.index(part_of_day(hour))] += count
    return {"weekdays": list(WEEKDAYS), "times_of_day": names, "counts": grid}


# --- summary --------------------------------------------------------------------------------------

QUOTED = 80  # the longest thought a sentence quotes whole
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


def shorten(text: str, width: int) -> str:
    """The text on one line, cut at a word with an ellipsis when longer than width."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:  # end at a word when one ends in the second half
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "\u2026"


def number(value: float | int | None) -> str:
    """72.5 as '72.5' and 78.0 as '78'."""
    if value is None:
        return "–"
    return f"{value:.1f}".removesuffix(".0")


def times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


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
        f"The thought \u201c{shorten(group['text'], QUOTED)}\u201d came up {times(group['count'])},"
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
    top = next((row for row in emotions if row["paired"]), None)
    if top is None:
        return ""
    feeling = _FEELINGS.get(top["name"])
    subject = f"Your {feeling}" if feeling else f"Feeling {top['name']}"
    change = _change(top["avg_before"], top["avg_after"])
    return f"{subject} {change} on average after reframing, {_over(top['paired'])}."


def _belief_sentence(belief: dict[str, Any]) -> str:
    if not belief["paired"]:
        return ""
    change = _change(belief["avg_before"], belief["avg_after"])
    return (
        f"Your belief in the hot thought {change} out of 100 after reframing,"
        f" {_over(belief['paired'])}."
    )


def _over(paired: int) -> str:
    """Which ratings a before-and-after figure compares: only those rated again."""
    return f"across {'the one time' if paired == 1 else f'the {paired} times'} you rated it again"


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
    return sentences + reaction_sentences(experiments)
