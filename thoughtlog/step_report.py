"""The weekly report's figures on steps' reactions: how often the feared reaction came, against
how likely it seemed, without safety behaviours, and with whom."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from thoughtlog.wording import plural

if TYPE_CHECKING:
    from thoughtlog.storage.step_figures import Reactions


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 1) if count else None


def reaction_figures(reactions: Reactions) -> dict[str, Any]:
    """The fields the report's experiments section gains (its JSON included).

    The average p_feared is set beside the rate observed over the same steps: those with both a
    prediction and an answer, so a step never predicted can't make the prediction look better
    or worse (the pairing rule of the report).
    """
    return {
        "feared_came": reactions.feared_came,
        "feared_answered": reactions.answered,
        "p_feared_paired": reactions.paired,
        "avg_p_feared": _mean(reactions.paired_p_total, reactions.paired),
        "feared_came_rate": _mean(100 * reactions.paired_came, reactions.paired),
        "safety_answered": reactions.safety_answered,
        "without_safety": reactions.without_safety,
        "by_with": [
            {"with": row.with_, "done": row.done, "feared_came": row.feared_came}
            for row in reactions.by_with
        ],
    }


def reaction_sentences(experiments: dict[str, Any], *, alone: bool = False) -> list[str]:
    """Plain sentences from those figures: what happened, never what to do.

    alone: no sentence on came_true goes before these (as on the session page), so how often the
    feared reaction came is always said.
    """
    from thoughtlog.report import number

    sentences = []
    came_true = experiments["came_true"]
    said_already = not alone and (experiments["feared_came"], experiments["feared_answered"]) == (
        came_true["yes"],
        sum(came_true.values()),
    )  # with no reaction given, the came-true sentence has said it
    if (answered := experiments["feared_answered"]) and not said_already:
        sentences.append(
            f"The reaction you feared came in {experiments['feared_came']}"
            f" of {plural(answered, 'step')}."
        )
    if experiments["p_feared_paired"]:
        sentences.append(
            f"You had thought it {number(experiments['avg_p_feared'])}% likely on average;"
            f" it came {number(experiments['feared_came_rate'])}% of the time"
            f" ({_over(experiments['p_feared_paired'])})."
        )
    if experiments["safety_answered"]:
        sentences.append(
            f"{plural(experiments['without_safety'], 'step')} of"
            f" {experiments['safety_answered']} taken without any safety behaviour."
        )
    return sentences


def _over(paired: int) -> str:
    return "the one step you predicted" if paired == 1 else f"the {paired} steps you predicted"
