"""A record laid out like the paper thought record: the sections `show` prints and markdown exports."""

from __future__ import annotations

from dataclasses import dataclass

from thoughtlog.model import Experiment, Record


@dataclass
class Section:
    heading: str
    lines: list[str]


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
    reframe = []
    if record.reframe:
        belief = f" (belief {record.reframe_belief})" if record.reframe_belief is not None else ""
        reframe = [record.reframe + belief]
    result = [
        Section("Situation", [record.situation]),
        Section("Emotions", emotions or ["not noted"]),
        Section("Automatic thoughts", thoughts or ["not noted"]),
        Section("What I did", [record.behaviour] if record.behaviour else ["not noted"]),
        Section("Evidence for", [record.evidence_for] if record.evidence_for else ["not noted"]),
        Section(
            "Evidence against",
            [record.evidence_against] if record.evidence_against else ["not noted"],
        ),
        Section(
            "Balanced thought",
            reframe or [f'not yet; add one with: thoughtlog edit {record.id} --reframe "..."'],
        ),
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
