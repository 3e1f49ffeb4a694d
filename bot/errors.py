"""Errors the core raises for user mistakes."""


class CommandError(Exception):
    """A user mistake; ``str()`` is the helpful reply."""
