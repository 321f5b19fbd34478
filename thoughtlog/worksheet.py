"""A record laid out like the paper thought record: the sections `show` prints and markdown exports."""

from __future__ import annotations

from dataclasses import dataclass

from thoughtlog.model import Experiment, Record

NOT_NOTED = "not noted"


@dataclass
class Section:
    heading: str
    lines: list[str]
    placeholder: bool = False  # the lines say gently that nothing is written here yet


def _noted(heading: str, lines: list[str]) -> Section:
    return Section(heading, lines) if lines else Section(heading, [NOT_NOTED], placeholder=True)


def when_text(record: Record) -> str:
    return record.occurred_at.strftime("%a %d %b %Y, %H:%M")


def rating_change(before: int | None, after: int | None) -> str:
    """'80 → 45', '80', '– → 45' or '' for a pair of 0-100 ratings."""
    if before is None and after is None:
        return ""
    if after is None:
        return str(before)
    return f"{'–' if before is None else before} → {after}"


def title(record: Record) -> str:
    status = "complete" if record.complete else "incomplete: no balanced thought yet"
    return f"Record {record.id} · {when_text(record)} · {status}"


def sections(record: Record, experiments: list[Experiment] | None = None) -> list[Section]:
    """The seven columns in order, then tags and linked experiments; empty columns say so gently."""
    emotions = [f"{e.name} {rating_change(e.before, e.after)}".rstrip() for e in record.emotions]
    thoughts: list[str] = []
    for thought in record.thoughts:
        belief = rating_change(thought.belief_before, thought.belief_after)
        marker = "hot thought: " if thought.hot and len(record.thoughts) > 1 else ""
        thoughts.append(f"{marker}{thought.text}" + (f" (belief {belief})" if belief else ""))
        if thought.distortions:
            thoughts.append("  thinking traps: " + ", ".join(thought.distortions))
    if record.reframe:
        belief = f" (belief {record.reframe_belief})" if record.reframe_belief is not None else ""
        reframe = Section("Balanced thought", [record.reframe + belief])
    else:
        reframe = Section(
            "Balanced thought",
            [f'not yet; add one with: thoughtlog edit {record.id} --reframe "..."'],
            placeholder=True,
        )
    result = [
        Section("Situation", [record.situation]),
        _noted("Emotions", emotions),
        _noted("Automatic thoughts", thoughts),
        _noted("What I did", [record.behaviour] if record.behaviour else []),
        _noted("Evidence for", [record.evidence_for] if record.evidence_for else []),
        _noted("Evidence against", [record.evidence_against] if record.evidence_against else []),
        reframe,
    ]
    if record.tags:
        result.append(Section("Tags", [", ".join(record.tags)]))
    if experiments:
        result.append(
            Section(
                "Small steps",
                [
                    f"experiment {e.id}: {e.plan} ({'done' if e.done else 'planned'})"
                    for e in experiments
                ],
            )
        )
    return result
