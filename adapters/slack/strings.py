"""The Slack adapter's own user-facing sentences: looked up in the core's catalog (slack.*)."""

from __future__ import annotations

from typing import Any

from bot.i18n import t


def s(key: str, **values: Any) -> str:
    """The sentence ``slack.<key>`` in the club's language, formatted with ``values``."""
    return t(f"slack.{key}", **values)


def install_s(key: str, **values: Any) -> str:
    """The sentence ``slack_install.<key>`` (install pages, installation problems)."""
    return t(f"slack_install.{key}", **values)
