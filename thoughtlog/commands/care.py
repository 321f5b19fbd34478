"""Commands that look after the journal file: check and backup."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from thoughtlog.commands import Session, ask_passphrase, journal
from thoughtlog.commands.privacy import ENCRYPT_OPTION, TO_OPTION, age_sealer

if TYPE_CHECKING:
    from collections.abc import Callable

    from thoughtlog.storage import Journal
    from thoughtlog.storage.health import Health


def check(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the verdict as JSON.")] = False,
) -> None:
    """Check the journal's integrity and links, with a plain verdict (exit code 1 on a problem).

    The journal is only read: check never creates, upgrades or changes it.

    Example: thoughtlog check
    """
    from thoughtlog import output
    from thoughtlog.storage import examine

    health = examine(ctx.find_object(Session).path, passphrase=ask_passphrase)
    if as_json:
        output.print_json(
            {
                "path": str(health.path),
                "healthy": health.healthy,
                "problems": health.problems,
                "readable": health.readable,
                "schema_version": health.schema_version,
                "latest_schema_version": health.latest_schema_version,
                "counts": health.counts,
            }
        )
    else:
        output.print_lines(_verdict(health))
    if not health.healthy:
        output.say(_what_to_do(health))
        raise typer.Exit(1)


# At most this many of SQLite's findings are listed: damage can make it report hundreds.
_SHOWN_PROBLEMS = 20


def _verdict(health: Health) -> list[str]:
    """The lines of the verdict: healthy or not, then each problem, then what the journal holds."""
    path, problems = health.path, health.problems
    if health.empty:
        return [f"The journal file at {path} is empty: it holds no records."]
    if not health.sqlite:
        return [
            f"The file at {path} isn't a journal thoughtlog can read:"
            " it doesn't begin as a SQLite database does."
        ]
    if health.healthy:
        lines = [f"The journal at {path} is healthy."]
    elif not health.readable:
        lines = [f"The journal at {path} is damaged: SQLite can't read all of it."]
    else:
        lines = [f"The journal at {path} has {len(problems)} problem(s):"]
    lines += [f"  {problem}" for problem in problems[:_SHOWN_PROBLEMS]]
    if len(problems) > _SHOWN_PROBLEMS:
        lines.append(f"  ... and {len(problems) - _SHOWN_PROBLEMS} more")
    return [*lines, *_contents(health)]


def _contents(health: Health) -> list[str]:
    """What the journal holds, as far as it can be read, and its schema version."""
    counts = health.counts
    shown = [
        f"{counts[name]} {label}"
        for name, label in [
            ("records", "records"),
            ("experiments", "experiments"),
            ("drafts", "unfinished entries"),
        ]
        if counts.get(name) is not None
    ]
    trash = [counts.get("records_in_trash"), counts.get("experiments_in_trash")]
    if shown and any(trash):
        shown.append(f"{sum(n or 0 for n in trash)} in the trash")
    lines = [f"It holds {', '.join(shown)}."] if shown else []
    if health.schema_version is not None:
        latest = health.latest_schema_version
        lines.append(
            f"Schema version {health.schema_version}, the latest."
            if health.schema_version == latest
            else f"Schema version {health.schema_version}; thoughtlog brings it up to version"
            f" {latest} the next time it opens the journal for any other command."
        )
    return lines


def _what_to_do(health: Health) -> str:
    """The next step after a verdict that isn't healthy, kindly and in order."""
    if health.empty:
        return (
            "If your journal was in this file, put a backup in its place. If not, the next"
            " 'thoughtlog add' starts a new journal here."
        )
    if not health.sqlite:
        return (
            "It was left as it was. If it was your journal, put a backup in its place; if it is"
            " another file, point --db at your journal instead."
        )
    if not health.readable:
        rescue = (
            "'thoughtlog export --format json -o FILE' saves the records that can still be read."
            if health.counts.get("records") is not None
            else "The sqlite3 program's '.recover' command can rescue what is still readable."
        )
        return (
            "The file was left as it was: copy it somewhere safe before anything else. If you have"
            " a backup, check it ('thoughtlog --db backup.db check') and put it in this file's place."
            f" {rescue}"
        )
    return "Your data is still there. A backup ('thoughtlog backup FILE') is a good next step."


def backup(
    ctx: typer.Context,
    destination: Annotated[Path, typer.Argument(help="The new file to write the copy to.")],
    encrypt: Annotated[bool, ENCRYPT_OPTION] = False,
    to: Annotated[list[str] | None, TO_OPTION] = None,
) -> None:
    """Write a consistent, checked copy of the journal (safe while thoughtlog is in use).

    Example: thoughtlog backup ~/backups/thoughtlog-2026-11-23.db
    """
    from thoughtlog import output
    from thoughtlog.exchange.files import check_target

    target = destination.expanduser()
    check_target(target, advice="Give backup the name of a new file.")
    seal = age_sealer(encrypt, to)
    if seal is None:
        journal(ctx).backup(target)
        output.say(f"Backed up to {target}; the copy passed its check. Only you can read it.")
        return
    _sealed_backup(journal(ctx), target, seal)
    opens = "its passphrase" if encrypt else "the key it was encrypted for"
    output.say(
        f"Backed up to {target}, encrypted with age; the copy passed its check before it was"
        f" sealed. Only {opens} opens it ('age --decrypt' gives back the journal file)."
    )


def _sealed_backup(opened: Journal, target: Path, seal: Callable[[bytes], bytes]) -> None:
    """A checked backup beside the target, sealed into the target as an age file, then removed."""
    from thoughtlog.errors import JournalError
    from thoughtlog.exchange.files import private_file

    if target.exists():
        raise JournalError(f"{target} already exists; choose a new file for the backup.")
    copy = target.with_name(f".{target.name}.unsealed")
    copy.unlink(missing_ok=True)
    try:
        opened.backup(copy)
        sealed = seal(copy.read_bytes())
        with private_file(target) as out:
            out.flush()
            out.buffer.write(sealed)
    finally:
        copy.unlink(missing_ok=True)
