"""Exports and backups encrypted as age files (pyrage), and told apart on import by their header.

An age file is opened by a passphrase (scrypt) or by the identity matching one of its recipients:
an age public key ("age1...") or an SSH public key ("ssh-ed25519 ...", "ssh-rsa ..."), such as a
therapist's. The files are standard age, so the `age` and `rage` tools open them too. pyrage is
imported only when an age file is written or read.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from thoughtlog.errors import InvalidValue, ThoughtlogError

HEADER = b"age-encryption.org/v1\n"


def is_age(head: bytes) -> bool:
    """Whether a file starting with head is an age file (binary, as thoughtlog writes them)."""
    return head.startswith(HEADER)


def _pyrage() -> ModuleType:
    try:
        import pyrage
    except ImportError:
        raise ThoughtlogError(
            "Encrypted exports need thoughtlog's encryption support:"
            ' pip install "thoughtlog[encrypted]". Nothing was written.'
        ) from None
    return pyrage


def require() -> None:
    """Say how to install pyrage, before anything is asked or written, when it is missing."""
    _pyrage()


def recipient(text: str):  # type: ignore[no-untyped-def]
    """The age recipient a --to value names: a key itself, or a file holding one (a .pub file)."""
    pyrage = _pyrage()
    key = text.strip()
    if not key.startswith(("age1", "ssh-")):
        path = Path(key).expanduser()
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            raise InvalidValue(
                f"--to {text} is neither an age or SSH public key nor a file holding one."
            ) from None
        keys = [line.strip() for line in lines if line.strip().startswith(("age1", "ssh-"))]
        if not keys:
            raise InvalidValue(f"{path} holds no age or SSH public key for --to.")
        key = keys[0]
    try:
        if key.startswith("age1"):
            return pyrage.x25519.Recipient.from_str(key)
        return pyrage.ssh.Recipient.from_str(key)
    except pyrage.RecipientError as error:
        raise InvalidValue(f"--to {text} isn't a public key age can use ({error}).") from None


def encrypt(data: bytes, *, passphrase: str | None = None, recipients: list[str] = ()) -> bytes:
    """data as an age file: for a passphrase, or for every recipient (age or SSH public keys)."""
    pyrage = _pyrage()
    if passphrase is not None:
        return pyrage.passphrase.encrypt(data, passphrase)
    return pyrage.encrypt(data, [recipient(r) for r in recipients])


def identities(path: Path) -> list:  # type: ignore[type-arg]
    """The identities in an age identity file (AGE-SECRET-KEY lines) or an SSH private key."""
    pyrage = _pyrage()
    try:
        content = path.expanduser().read_bytes()
    except OSError as error:
        raise ThoughtlogError(f"Couldn't read {path}: {error.strerror or error}.") from None
    try:
        if b"AGE-SECRET-KEY-" in content:
            return [
                pyrage.x25519.Identity.from_str(line.strip())
                for line in content.decode("ascii").splitlines()
                if line.strip().startswith("AGE-SECRET-KEY-")
            ]
        return [pyrage.ssh.Identity.from_buffer(content)]
    except (pyrage.IdentityError, UnicodeDecodeError) as error:
        raise InvalidValue(
            f"{path} isn't an age identity or an SSH private key ({error})."
        ) from None


def decrypt(data: bytes, name: str, *, passphrase: str | None = None, identity: list = ()) -> bytes:  # type: ignore[type-arg]
    """The content of the age file data (named name in messages)."""
    pyrage = _pyrage()
    try:
        if identity:
            return pyrage.decrypt(data, list(identity))
        return pyrage.passphrase.decrypt(data, passphrase or "")
    except pyrage.DecryptError:
        how = "the identity given" if identity else "that passphrase"
        raise ThoughtlogError(
            f"{name} is an encrypted export that {how} doesn't open; nothing was imported."
        ) from None
