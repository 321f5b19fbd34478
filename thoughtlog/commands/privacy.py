"""Commands that keep the journal private: encrypt, decrypt, passphrase, status and lock."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from thoughtlog import commands
from thoughtlog.commands import Session, ask_passphrase
from thoughtlog.errors import JournalError, PassphraseError

REMEMBER = typer.Option(
    "--remember",
    help="Also store the passphrase in the system keyring, so thoughtlog opens the journal without"
    " asking ('thoughtlog lock' forgets it).",
)


def _path(ctx: typer.Context) -> Path:
    return ctx.find_object(Session).path


def new_passphrase(variable: str) -> str:
    """A new passphrase: from the command in variable, else asked twice on the terminal."""
    import getpass
    import sys

    from thoughtlog.passphrase import check, from_command

    given = from_command(variable)
    if given is not None:
        return given
    if not commands.on_a_terminal():
        raise PassphraseError(
            f"There is no terminal to ask for the new passphrase. Set {variable} to a command that"
            " prints it; nothing was changed."
        )
    first = getpass.getpass("New passphrase: ", stream=sys.stderr)
    check(first)
    if getpass.getpass("The same passphrase again: ", stream=sys.stderr) != first:
        raise PassphraseError("The two passphrases were not the same; nothing was changed.")
    return first


def _can_remember() -> None:
    """Refuse --remember before anything changes when there is no keyring to remember in."""
    from thoughtlog.passphrase import keyring_usable

    if not keyring_usable():
        raise PassphraseError(
            "There is no usable system keyring here to store the passphrase in; nothing was"
            " changed. Leave out --remember, or set THOUGHTLOG_PASSPHRASE_CMD instead."
        )


def _remember(path: Path, secret: str) -> str:
    from thoughtlog.passphrase import remember

    remember(path, secret)
    return " The passphrase is stored in the system keyring; 'thoughtlog lock' forgets it."


def encrypt(ctx: typer.Context, remember: Annotated[bool, REMEMBER] = False) -> None:
    """Encrypt the journal with a passphrase (SQLCipher); every command then asks for it.

    The passphrase comes from THOUGHTLOG_PASSPHRASE_CMD, or is asked twice. The journal is copied,
    checked, and only then put in place; the plain file is removed.

    Example: THOUGHTLOG_PASSPHRASE_CMD="pass show thoughtlog" thoughtlog encrypt
    """
    from thoughtlog import output
    from thoughtlog.passphrase import COMMAND_VARIABLE
    from thoughtlog.storage.cipher import is_encrypted, sqlcipher
    from thoughtlog.storage.convert import encrypt as encrypt_file

    path = _path(ctx)
    if is_encrypted(path):
        raise JournalError(f"The journal at {path} is encrypted already; nothing was changed.")
    sqlcipher()  # says how to install it before anything is asked
    if remember:
        _can_remember()
    secret = new_passphrase(COMMAND_VARIABLE)
    encrypt_file(path, secret)
    stored = _remember(path, secret) if remember else ""
    output.say(
        f"Encrypted the journal at {path}; the plain file is gone. Keep the passphrase safe:"
        f" without it, nothing can open the journal.{stored}"
    )


def decrypt(ctx: typer.Context) -> None:
    """Turn an encrypted journal back into a plain one (it asks for the passphrase once more).

    Example: thoughtlog decrypt
    """
    from thoughtlog import output
    from thoughtlog.passphrase import forget
    from thoughtlog.storage.convert import decrypt as decrypt_file

    path = _path(ctx)
    decrypt_file(path, ask_passphrase)
    forgotten = " Its passphrase was removed from the keyring." if forget(path) else ""
    output.say(
        f"Decrypted the journal at {path}: it is a plain file again, readable by anyone who can"
        f" read the file.{forgotten}"
    )


def passphrase(ctx: typer.Context, remember: Annotated[bool, REMEMBER] = False) -> None:
    """Change an encrypted journal's passphrase.

    The current one comes as always; the new one from THOUGHTLOG_NEW_PASSPHRASE_CMD, or asked
    twice.

    Example: thoughtlog passphrase
    """
    from thoughtlog import output
    from thoughtlog.commands import journal
    from thoughtlog.passphrase import NEW_COMMAND_VARIABLE, from_keyring
    from thoughtlog.storage.convert import change_passphrase

    path = _path(ctx)
    opened = journal(ctx)
    if opened.key_source is None:
        raise JournalError(
            f"The journal at {path} is not encrypted, so it has no passphrase to change."
            " 'thoughtlog encrypt' encrypts it."
        )
    if remember:
        _can_remember()
    secret = new_passphrase(NEW_COMMAND_VARIABLE)
    was_stored = from_keyring(path) is not None
    change_passphrase(opened, secret)
    stored = _remember(path, secret) if remember or was_stored else ""
    output.say(f"Changed the passphrase of the journal at {path}.{stored}")


def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the state as JSON.")] = False,
) -> None:
    """Say whether the journal is encrypted, and where its passphrase comes from.

    It tries the stored passphrase (the command's or the keyring's) and says whether it opens the
    journal; it never asks for one.

    Example: thoughtlog status
    """
    from thoughtlog import output

    state = journal_state(_path(ctx))
    if as_json:
        output.print_json(state)
        return
    for line in _worded(state):
        output.say(line)


def journal_state(path: Path) -> dict[str, object]:
    """The facts status reports: the journal's path, whether it is there and encrypted, where
    its passphrase comes from (None: asked each time) and whether that passphrase opens it."""
    from thoughtlog import passphrase as sources
    from thoughtlog.storage import open_journal
    from thoughtlog.storage.cipher import is_encrypted

    state: dict[str, object] = {
        "path": str(path),
        "exists": path.exists(),
        "encrypted": is_encrypted(path),
        "passphrase_from": None,
        "passphrase_opens": None,
        "problem": None,
    }
    if not state["encrypted"]:
        return state
    try:
        found = sources.find(path)
    except PassphraseError as error:
        state["problem"] = str(error)
        return state
    if found is None:
        state["passphrase_from"] = sources.FROM_PROMPT
        return state
    secret, source = found
    state["passphrase_from"] = source
    try:
        open_journal(path, passphrase=lambda _: (secret, source)).close()
    except PassphraseError:
        state["passphrase_opens"] = False
    except JournalError as error:
        state["problem"] = str(error)
    else:
        state["passphrase_opens"] = True
    return state


def _worded(state: dict[str, object]) -> list[str]:
    from thoughtlog.passphrase import FROM_KEYRING, FROM_PROMPT

    path = state["path"]
    if not state["exists"]:
        return [f"There is no journal at {path} yet."]
    if not state["encrypted"]:
        return [
            f"The journal at {path} is not encrypted: anyone who can read the file can read it.",
            "'thoughtlog encrypt' encrypts it.",
        ]
    lines = [f"The journal at {path} is encrypted."]
    source = state["passphrase_from"]
    if state["problem"]:
        lines.append(f"Its passphrase couldn't be found: {state['problem']}")
    elif source == FROM_PROMPT:
        lines.append("Its passphrase is asked for on the terminal each time; none is stored.")
    elif state["passphrase_opens"]:
        lines.append(f"Its passphrase comes from {source}, and it opens the journal.")
    else:
        lines.append(f"Its passphrase comes from {source}, but that one does not open it.")
    if source == FROM_KEYRING:
        lines.append(
            "Anyone who can use your unlocked keyring can open it; 'thoughtlog lock' forgets it."
        )
    return lines


def lock(ctx: typer.Context) -> None:
    """Forget the passphrase stored in the system keyring; thoughtlog then asks for it.

    Example: thoughtlog lock
    """
    from thoughtlog import output
    from thoughtlog.passphrase import forget

    path = _path(ctx)
    if forget(path):
        output.say(f"Forgot the stored passphrase of the journal at {path}; it is asked for again.")
    else:
        output.say(
            f"No passphrase is stored in a keyring for the journal at {path}, so there was"
            " nothing to forget."
        )


# --- age: encrypted exports and backups -----------------------------------------------------------

ENCRYPT_OPTION = typer.Option(
    "--encrypt",
    help="Encrypt the file with a passphrase (age), from THOUGHTLOG_PASSPHRASE_CMD or asked twice.",
)
TO_OPTION = typer.Option(
    "--to",
    metavar="RECIPIENT",
    help="Encrypt the file for this age or SSH public key, or a .pub file holding one (repeat).",
)


def age_sealer(encrypt: bool, to: list[str] | None):  # type: ignore[no-untyped-def]
    """What turns the file's bytes into an age file, asking for a passphrase now if need be; None
    when neither --encrypt nor --to was given."""
    from thoughtlog.errors import InvalidValue
    from thoughtlog.exchange import age_files
    from thoughtlog.passphrase import COMMAND_VARIABLE

    if encrypt and to:
        raise InvalidValue("Give --encrypt or --to, not both.")
    if to:
        recipients = list(to)
        for key in recipients:
            age_files.recipient(key)  # a wrong key is refused before anything is written
        return lambda data: age_files.encrypt(data, recipients=recipients)
    if encrypt:
        age_files.require()
        secret = new_passphrase(COMMAND_VARIABLE)
        return lambda data: age_files.encrypt(data, passphrase=secret)
    return None


def age_opener(identity: Path | None):  # type: ignore[no-untyped-def]
    """What opens an age file given to import: the identity file, or a passphrase from
    THOUGHTLOG_PASSPHRASE_CMD or asked once on the terminal."""
    import getpass
    import sys

    from thoughtlog.exchange import age_files
    from thoughtlog.passphrase import COMMAND_VARIABLE, from_command

    def opened(data: bytes, name: str) -> bytes:
        if identity is not None:
            return age_files.decrypt(data, name, identity=age_files.identities(identity))
        secret = from_command(COMMAND_VARIABLE)
        if secret is None:
            if not commands.on_a_terminal():
                raise PassphraseError(
                    f"{name} is an encrypted export. Set {COMMAND_VARIABLE} to a command that"
                    " prints its passphrase, or give --identity; nothing was imported."
                )
            secret = getpass.getpass(f"Passphrase for {name}: ", stream=sys.stderr)
        return age_files.decrypt(data, name, passphrase=secret)

    return opened
