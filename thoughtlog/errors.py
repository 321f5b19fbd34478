"""The errors the core raises for the command layer to turn into one calm line."""


class ThoughtlogError(Exception):
    """A problem the person can fix; the message is shown as it is, never with a traceback."""

    exit_code = 1


class InvalidValue(ThoughtlogError):
    """A value given on the command line or in a file is not one thoughtlog accepts."""

    exit_code = 2


class NotFound(ThoughtlogError):
    """A record or experiment id that is not in the journal (or is in the trash)."""


class JournalError(ThoughtlogError):
    """The journal file cannot be used: not ours, too new, unreadable or read-only."""
