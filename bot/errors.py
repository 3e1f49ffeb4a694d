"""Errors the core raises for user mistakes."""


class CommandError(Exception):
    """A user mistake; ``str()`` is the helpful reply."""


class StorageError(Exception):
    """The database cannot be opened (a missing folder, no permission, not a database)."""
