"""The Discord adapter's own user-facing sentences: looked up in the core's catalog (discord.*)."""

from __future__ import annotations

from typing import Any

from bot.i18n import DEFAULT_LANGUAGE, catalog, t


def s(key: str, **values: Any) -> str:
    """The sentence ``discord.<key>`` in the club's language, formatted with ``values``."""
    return t(f"discord.{key}", **values)


def has(key: str) -> bool:
    """Whether the catalog has ``discord.<key>`` (in English, which every language falls back
    to), for words with a derived fallback such as permission names."""
    return f"discord.{key}" in catalog(DEFAULT_LANGUAGE)
