"""Shell completion: what <TAB> offers for thoughtlog's options and arguments.

Typer calls these functions (given as `autocompletion=` on an option or argument) while the shell
waits, on every <TAB>. So they:

- read the journal chosen by --db, THOUGHTLOG_DB or the default, read-only, and never create one:
  where there is no journal they offer nothing;
- never fail out loud: whatever goes wrong, they offer nothing rather than print into the shell;
- import only what they need, when they need it (the catalogue, or the storage module).

Record and experiment ids come with a short description (the day and the first words), which zsh,
fish and PowerShell show beside each id; bash shows the ids alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from thoughtlog.storage import Journal

Candidates = list[str] | list[tuple[str, str]]

# Past this many ids, the rest are offered without a description: Typer renders each description
# through rich for zsh and fish, which would make <TAB> slow in a journal of thousands of records.
DESCRIBED = 100
DESCRIPTION_WIDTH = 48


# --- what Typer calls ---------------------------------------------------------------------------


def complete_distortion(incomplete: str) -> Candidates:
    """The thinking-trap slugs, each with its name."""

    def find() -> Candidates:
        from thoughtlog.distortions import CATALOGUE

        return [(d.slug, d.name) for d in CATALOGUE if d.slug.startswith(incomplete)]

    return _quietly(find)


def complete_tag(ctx: typer.Context, incomplete: str) -> Candidates:
    """The tags already in the journal."""
    return _from_journal(ctx, lambda journal: journal.tags_starting(incomplete))


def complete_emotion(ctx: typer.Context, incomplete: str) -> Candidates:
    """The feelings already in the journal, by name (for filters such as list --emotion)."""
    return _from_journal(
        ctx, lambda journal: [n for n in journal.emotions_starting(incomplete) if _plain_word(n)]
    )


def complete_emotion_rating(ctx: typer.Context, incomplete: str) -> Candidates:
    """The name part of NAME=N (add and edit --emotion): 'anxious=', then one types the number."""
    if "=" in incomplete:
        return []
    return [f"{name}=" for name in complete_emotion(ctx, incomplete)]


def _id_completer(kind: str, description: str, **which: bool) -> Callable[..., Candidates]:
    """A completer of record or experiment ids, each with its day and first words.

    which is passed to the journal's choices (trash=True, planned_only=True); without it, the ids
    outside the trash are offered, and with --purge those in the trash too.
    """

    def complete(ctx: typer.Context, incomplete: str) -> Candidates:
        chosen = which or {"trash": None if ctx.params.get("purge") else False}
        return _from_journal(
            ctx,
            lambda journal: _described(getattr(journal, f"{kind}_choices")(incomplete, **chosen)),
        )

    complete.__doc__ = description
    return complete


complete_record_id = _id_completer(
    "record", "Ids of the records outside the trash (with --purge, in the trash too)."
)
complete_trashed_record_id = _id_completer(
    "record", "Ids of the records in the trash (for restore).", trash=True
)
complete_experiment_id = _id_completer(
    "experiment", "Ids of the experiments outside the trash (with --purge, in the trash too)."
)
complete_planned_experiment_id = _id_completer(
    "experiment", "Ids of the experiments not done yet (for experiment done).", planned_only=True
)
complete_trashed_experiment_id = _id_completer(
    "experiment", "Ids of the experiments in the trash (for experiment restore).", trash=True
)
complete_belief_id = _id_completer("belief", "Ids of the beliefs outside the trash.")
complete_trashed_belief_id = _id_completer(
    "belief", "Ids of the beliefs in the trash (for belief restore).", trash=True
)
complete_open_agenda_id = _id_completer(
    "agenda", "Ids of the agenda items not done yet (for agenda done).", done=False
)
complete_script_id = _id_completer("script", "Ids of the scripts outside the trash.")
complete_trashed_script_id = _id_completer(
    "script", "Ids of the scripts in the trash (for script restore).", trash=True
)


def complete_rehearsal_kind(incomplete: str) -> Candidates:
    """Who a script was practised with, for script rehearse --with."""
    from thoughtlog.scripts import REHEARSAL_KINDS

    return [kind for kind in REHEARSAL_KINDS if kind.startswith(incomplete.lower())]


def complete_reaction(incomplete: str) -> Candidates:
    """How the other person reacted, for --reaction."""
    from thoughtlog.steps import FEARED_REACTIONS, REACTIONS

    return [
        (kind, "the reaction feared" if kind in FEARED_REACTIONS else "")
        for kind in REACTIONS
        if kind.startswith(incomplete.lower())
    ]


def complete_came_true(incomplete: str) -> Candidates:
    """yes, partly or no, for experiment --came-true."""
    answers = [
        ("yes", "the feared outcome came true"),
        ("partly", "some of it came true"),
        ("no", "it didn't come true"),
    ]
    return [(value, help) for value, help in answers if value.startswith(incomplete)]


# --- reading the journal ------------------------------------------------------------------------


def _from_journal(ctx: typer.Context, find: Callable[[Journal], Candidates]) -> Candidates:
    def run() -> Candidates:
        with _journal(ctx) as journal:
            return find(journal) if journal is not None else []

    return _quietly(run)


@contextmanager
def _journal(ctx: typer.Context) -> Iterator[Journal | None]:
    """The journal the command line names, opened read-only; None if there is no journal there.

    During completion the global options are parsed but their callback doesn't run, so --db (or
    THOUGHTLOG_DB, which Typer reads into the same parameter) is taken from the root context.
    """
    from thoughtlog.paths import journal_path
    from thoughtlog.storage import Journal

    journal = Journal.open_read_only(journal_path(ctx.find_root().params.get("db")))
    try:
        yield journal
    finally:
        if journal is not None:
            journal.close()


def _quietly(find: Callable[[], Candidates]) -> Candidates:
    """What find offers, or nothing if anything goes wrong: completion must never print an error."""
    try:
        return find()
    except Exception:
        return []


# --- descriptions -------------------------------------------------------------------------------


def _described(choices: list[tuple[int, str, str]]) -> Candidates:
    """Each id with '2026-11-20 Team meeting, I stayed…' (the first DESCRIBED of them)."""
    return [
        (str(id_), _description(day, text)) if n < DESCRIBED else (str(id_), "")
        for n, (id_, day, text) in enumerate(choices)
    ]


def _description(day: str | None, text: str | None) -> str:
    words = "".join(c for c in " ".join((text or "").split()) if c.isprintable())
    if len(words) > DESCRIPTION_WIDTH:
        words = words[:DESCRIPTION_WIDTH].rsplit(" ", 1)[0].rstrip(",;:.-") + "…"
    return _escape_markup(f"{day} {words}" if day else words)


_MARKUP_TAG = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")


def _escape_markup(text: str) -> str:
    """Text that rich prints as it is: Typer renders descriptions as rich markup for zsh and fish,
    and a journal's '[/b]' would otherwise raise or vanish (the same rule as rich.markup.escape)."""
    text = _MARKUP_TAG.sub(lambda m: f"{m.group(1)}{m.group(1)}\\{m.group(2)}", text)
    if text.endswith("\\") and not text.endswith("\\\\"):
        text += "\\"
    return text


def _plain_word(name: str) -> bool:
    """Whether a name can be offered as it is: bash would split 'on edge' into two words."""
    return re.fullmatch(r"[\w-]+", name) is not None
