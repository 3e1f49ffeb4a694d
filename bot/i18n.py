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


@cache
def _plural_rule(language: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_")).plural_form
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE).plural_form


def plural_category(count: Any, language: str | None = None) -> str:
    """The CLDR plural category of ``count`` in ``language``: one, few, many, other, …"""
    try:
        return str(_plural_rule(language or current_language.get())(count))
    except (TypeError, ValueError):
        return "other"


def _template(key: str, language: str, values: dict[str, Any]) -> str | None:
    """``key`` itself, or for a counted string (a table of plural categories) the entry that
    fits ``values["count"]`` in that language's plural rules (falling back to ``other``)."""
    strings = catalog(language)
    if key in strings:
        return strings[key]
    if "count" in values and f"{key}.other" in strings:
        category = plural_category(values["count"], language)
        return strings.get(f"{key}.{category}") or strings[f"{key}.other"]
    return None


def t(key: str, language: str | None = None, /, **values: Any) -> str:
    """The string ``key`` in ``language`` (default: the current club's; falling back to
    English), formatted with ``values``.

    A string may be a table of plural forms (``one = "{count} quote"``, ``other = …``, and
    ``few``/``many`` where a language has them); ``count=`` then picks the form by the
    language's real plural rules (CLDR, through Babel).
    """
    lang = language or current_language.get()
    template = _template(key, lang, values)
    if template is None and lang != DEFAULT_LANGUAGE:
        template = _template(key, DEFAULT_LANGUAGE, values)
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


def counted(noun: str, count: int, language: str | None = None) -> str:
    """``1 quote``, ``2 quotes``: a number with its noun (``count.<noun>`` in the catalog)."""
    return t(f"count.{noun}", language, count=count)
