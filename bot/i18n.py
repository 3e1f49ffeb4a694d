"""User-facing strings, looked up by key from one catalog per language (``locales/<lang>/``)."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"
# The language of the club being served; set by the engine around each command and post.
current_language: ContextVar[str] = ContextVar("current_language", default=DEFAULT_LANGUAGE)


@cache
def catalog(language: str) -> dict[str, str]:
    """All strings of ``language``, flattened to dotted keys (``help.title``)."""
    root = resources.files("bot").joinpath("locales").joinpath(language)
    strings: dict[str, str] = {}
    if not root.is_dir():
        return strings
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            _flatten(tomllib.loads(entry.read_text(encoding="utf-8")), "", strings)
    return strings


def _flatten(data: dict[str, Any], prefix: str, out: dict[str, str]) -> None:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            _flatten(value, name + ".", out)
        else:
            out[name] = str(value)


def languages() -> list[str]:
    root = resources.files("bot").joinpath("locales")
    return sorted(e.name for e in root.iterdir() if e.is_dir())


def t(key: str, language: str | None = None, /, **values: Any) -> str:
    """The string ``key`` in ``language`` (default: the current club's; falling back to
    English), formatted with ``values``."""
    template = catalog(language or current_language.get()).get(key) or catalog(
        DEFAULT_LANGUAGE
    ).get(key)
    if template is None:
        log.error("missing string %r", key)
        return key
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        log.exception("bad format values for string %r", key)
        return template


@contextmanager
def using_language(language: str) -> Iterator[None]:
    """Run a block with ``t()`` answering in ``language``."""
    token = current_language.set(language)
    try:
        yield
    finally:
        current_language.reset(token)
