"""Errors a user can cause and fix: shown as one line, never a traceback."""


class NetweaveError(Exception):
    """A user-facing error: bad input, a missing person, a refused action."""


class NotFound(NetweaveError):
    """The named thing does not exist."""


class Ambiguous(NetweaveError):
    """A name matched more than one person."""
