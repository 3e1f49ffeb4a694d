"""Load documents (files, bytes, URLs) for extraction: decoding, format detection, size caps."""

from __future__ import annotations

import asyncio
import logging
import os

from bot.extraction import extract
from bot.models import Extraction

from .base import (
    DEFAULT_MAX_BYTES,
    ENV_ALLOW_PRIVATE,
    ENV_MAX_MB,
    DocumentError,
    LoadedDocument,
    human_size,
    too_big,
)
from .decode import read_bytes
from .web import fetch_url, is_public_address

logger = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ENV_ALLOW_PRIVATE",
    "ENV_MAX_MB",
    "DocumentError",
    "LoadedDocument",
    "extract_document",
    "extract_document_async",
    "fetch_url",
    "human_size",
    "is_public_address",
    "load_source",
    "read_bytes",
    "read_path",
]


def read_path(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedDocument:
    """Read a document from a file path (synchronous)."""
    path = os.path.expanduser(path)
    name = os.path.basename(path) or path
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        raise DocumentError(f"There is no file at {path}.") from None
    except OSError as exc:
        raise DocumentError(f"Could not read {path}: {exc.strerror or exc}.") from None
    if os.path.isdir(path):
        raise DocumentError(f"{path} is a folder, not a document.")
    if size > max_bytes:
        raise too_big(name, size, max_bytes)
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise DocumentError(f"Could not read {path}: {exc.strerror or exc}.") from None
    return read_bytes(data, name, max_bytes=max_bytes)


async def load_source(
    source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, allow_private: bool = False
) -> LoadedDocument:
    """Load a URL (http:// or https://) or a file path, without blocking the event loop."""
    s = source.strip()
    if s.lower().startswith(("http://", "https://")):
        return await fetch_url(s, max_bytes=max_bytes, allow_private=allow_private)
    return await asyncio.to_thread(read_path, s, max_bytes=max_bytes)


def extract_document(doc: LoadedDocument, film: str | None = None) -> Extraction:
    """Run the extractor on a loaded document (synchronous; CPU-bound)."""
    return extract(doc.text, fmt=doc.fmt, film=film)


async def extract_document_async(
    doc: LoadedDocument, film: str | None = None, *, timeout: float = 60.0
) -> Extraction:
    """``extract_document`` in a worker process with a time limit (see ``worker``)."""
    from .worker import shared_pool

    return await shared_pool().extract(doc, film, timeout=timeout)
