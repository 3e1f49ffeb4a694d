"""Shared types of the document loaders: the loaded document and the user-facing error."""

from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ENV_MAX_MB = "FILMCLUB_MAX_DOCUMENT_MB"
ENV_ALLOW_PRIVATE = "FILMCLUB_ALLOW_PRIVATE_URLS"


@dataclass(frozen=True)
class LoadedDocument:
    """A decoded document: its text, its format for the extractor, and a display name."""

    text: str
    fmt: str
    name: str


class DocumentError(Exception):
    """A document cannot be loaded; ``str()`` is a clear message for the user."""


def human_size(n: int) -> str:
    """``14.2 MB``, ``512 KB``, ``900 bytes``."""
    if n >= 1024 * 1024:
        mb = n / (1024 * 1024)
        return f"{mb:.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def too_big(name: str, size: int, max_bytes: int, *, at_least: bool = False) -> DocumentError:
    """The error for a document over the size cap."""
    more = "more than " if at_least else ""
    return DocumentError(
        f"{name} is {more}{human_size(size)}; the limit is {human_size(max_bytes)} ({ENV_MAX_MB})."
    )
