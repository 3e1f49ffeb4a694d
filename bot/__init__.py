"""filmclub: the platform-independent discussion engine."""

__version__ = "0.1.0"
