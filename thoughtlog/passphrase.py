"""Where an encrypted journal's passphrase comes from: a command, or the keyring if chosen.

In order: ``THOUGHTLOG_PASSPHRASE_CMD`` (a command that prints it, such as ``pass show
thoughtlog``; run without a shell, its output's last newline stripped), then the system keyring if
the person stored it there and a keyring is usable. The prompt, the last source, belongs to the
command layer. Nothing here prints.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from types import ModuleType

from thoughtlog.errors import PassphraseError

COMMAND_VARIABLE = "THOUGHTLOG_PASSPHRASE_CMD"
NEW_COMMAND_VARIABLE = "THOUGHTLOG_NEW_PASSPHRASE_CMD"
KEYRING_SERVICE = "thoughtlog"

# Where the passphrase came from, in the words `status` uses.
FROM_COMMAND = "the command in THOUGHTLOG_PASSPHRASE_CMD"
FROM_KEYRING = "the system keyring"
FROM_PROMPT = "a prompt on the terminal"


def from_command(variable: str = COMMAND_VARIABLE) -> str | None:
    """The passphrase the command named in variable prints, or None when the variable is unset."""
    line = os.environ.get(variable, "").strip()
    if not line:
        return None
    try:
        argv = shlex.split(line)
    except ValueError as error:
        raise PassphraseError(f"{variable} couldn't be read as a command ({error}).") from None
    try:
        done = subprocess.run(argv, stdout=subprocess.PIPE, check=False)
    except OSError as error:
        raise PassphraseError(
            f"The command in {variable} couldn't be run ({error.strerror or error})."
        ) from None
    if done.returncode != 0:
        raise PassphraseError(
            f"The command in {variable} stopped with exit status {done.returncode},"
            " so there is no passphrase; nothing was changed."
        )
    try:
        text = done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        raise PassphraseError(
            f"The command in {variable} printed something that isn't text."
        ) from None
    if text.endswith("\n"):
        text = text[:-1]
    check(text, source=f"The command in {variable}")
    return text


def check(passphrase: str, *, source: str = "The passphrase") -> None:
    """Refuse a passphrase that can't be one: empty, or holding a NUL character."""
    if not passphrase:
        raise PassphraseError(f"{source} gave an empty passphrase; nothing was changed.")
    if "\0" in passphrase:
        raise PassphraseError(
            f"{source} gave a passphrase with a NUL character; nothing was changed."
        )


def _keyring() -> ModuleType | None:
    """The keyring module when it is installed and has a usable backend; otherwise None."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # not installed, or broken: the keyring is optional
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return keyring


def _account(path: Path) -> str:
    return str(Path(path).absolute())


def from_keyring(path: Path) -> str | None:
    """The passphrase stored in the keyring for the journal at path, or None."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, _account(path)) or None
    except Exception:  # a locked or failing keyring: the prompt still works
        return None


def keyring_usable() -> bool:
    return _keyring() is not None


def remember(path: Path, passphrase: str) -> None:
    """Store the passphrase in the keyring for the journal at path."""
    keyring = _keyring()
    if keyring is None:
        raise PassphraseError(
            "There is no usable system keyring here, so the passphrase was not stored."
        )
    try:
        keyring.set_password(KEYRING_SERVICE, _account(path), passphrase)
    except Exception as error:
        raise PassphraseError(f"The keyring refused to store the passphrase ({error}).") from None


def forget(path: Path) -> bool:
    """Remove the journal's passphrase from the keyring; whether there was one to remove."""
    keyring = _keyring()
    if keyring is None or from_keyring(path) is None:
        return False
    try:
        keyring.delete_password(KEYRING_SERVICE, _account(path))
    except Exception as error:
        raise PassphraseError(f"The keyring refused to forget the passphrase ({error}).") from None
    return True


def find(path: Path) -> tuple[str, str] | None:
    """The passphrase and where it came from, from the command or the keyring; None if neither."""
    found = from_command()
    if found is not None:
        return found, FROM_COMMAND
    found = from_keyring(path)
    if found is not None:
        return found, FROM_KEYRING
    return None
