"""The Discord settings modal: the five most used free-text settings, pre-filled, per field."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

import discord

from adapters.discord.components import SETTINGS_BUTTON
from adapters.discord.strings import s
from bot.club_settings import SPECS, ClubSettings, describe, parse_value, show_value
from bot.commands.config import normalize_reference
from bot.commands.spec import CommandError
from bot.render import shorten

log = logging.getLogger(__name__)

# A Discord modal holds at most 5 inputs: the free-text settings moderators change most.
# The others (grace_minutes, moderator_roles, moderator_users, language) stay with
# ``/filmclub-mod config set``; spoilers, rotation, kinds and auto_archive have menus.
FIELDS = ("timezone", "max_quote_length", "log_channel", "prompt_channel", "ping_role")
MODAL_ID = "filmclub-settings:submit"
_ID = re.compile(r"\d{15,25}")
TEXT_INPUT = 4


def settings_button() -> discord.ui.Button[Any]:
    """The button under ``config show`` that opens the modal."""
    return discord.ui.Button(
        label=s("settings.button"), style=discord.ButtonStyle.secondary, custom_id=SETTINGS_BUTTON
    )


def prefill(key: str, value: Any) -> str:
    """The text a field starts with: the current value as ``config set`` takes it."""
    shown = show_value(value)
    return "" if shown == "\u2014" else shown


def hint(key: str) -> str:
    spec = SPECS[key]
    if spec.type in ("channel", "role"):  # as written in a text field on Discord
        text = s(f"settings.hints.{spec.type}")
    else:
        text = s("settings.hint", accepts=describe(spec))
    return shorten(text[:1].upper() + text[1:], 100)[0]


def settings_modal(conf: ClubSettings, timeout: float) -> discord.ui.Modal:
    """The modal: one short text input per field, with the club's current value."""
    modal = discord.ui.Modal(title=s("settings.title")[:45], custom_id=MODAL_ID, timeout=timeout)
    for key in FIELDS:
        current = prefill(key, conf.get(key))
        modal.add_item(
            discord.ui.Label(
                text=s(f"settings.labels.{key}")[:45],
                description=hint(key),
                component=discord.ui.TextInput(
                    custom_id=key,
                    style=discord.TextStyle.short,
                    default=current or None,
                    required=False,
                    max_length=100,
                ),
            )
        )
    return modal


def submitted(components: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Field values of a modal submission (inputs in action rows or in labels)."""
    values: dict[str, str] = {}
    for component in components:
        if component.get("type") == TEXT_INPUT:
            values[str(component.get("custom_id"))] = str(component.get("value") or "")
        values.update(submitted(component.get("components") or ()))
        if isinstance(component.get("component"), dict):
            values.update(submitted([component["component"]]))
    return values


def resolve_name(guild: discord.Guild | None, kind: str, text: str) -> str:
    """``#film-club`` or ``@Film fans`` → the id, when exactly one channel or role has that
    name in the bot's cache; anything else is left for the core to check."""
    if guild is None or _ID.fullmatch(text) or text.startswith("<"):
        return text
    name = text.lstrip("#@").strip().casefold()
    if kind == "channel":
        found = [c.id for c in guild.channels if c.name.casefold() == name]
    else:
        found = [r.id for r in guild.roles if r.name.casefold() == name and not r.is_default()]
    return str(found[0]) if len(found) == 1 else text


def planned(
    values: dict[str, str], conf: ClubSettings, guild: discord.Guild | None = None
) -> list[tuple[str, str | None]]:
    """The changes a submission asks for: (key, text for ``config set``), or (key, None) for
    ``config reset`` when a field holding a value was emptied. Unchanged fields are skipped."""
    changes: list[tuple[str, str | None]] = []
    for key in FIELDS:
        if key not in values:
            continue
        spec = SPECS[key]
        text = values[key].strip()
        current = conf.get(key)
        if not text:
            if current is not None and current != spec.default:
                changes.append((key, None))
            continue
        if spec.type in ("channel", "role"):
            text = resolve_name(guild, spec.type, text)
        try:
            value = parse_value(key, text)
            if isinstance(value, str) and spec.type in ("channel", "role"):
                value = normalize_reference(value)
            if value == current:
                continue
        except CommandError:
            pass  # ``config set`` says what is accepted
        changes.append((key, text))
    return changes


def summary(results: list[tuple[str, str]], before: ClubSettings, after: ClubSettings) -> str:
    """What the submission changed and what was refused (the core's own words)."""
    if not results:
        return s("settings.nothing")
    saved = [text for key, text in results if before.get(key) != after.get(key)]
    refused = [text for key, text in results if before.get(key) == after.get(key)]
    parts = []
    if saved:
        parts.append("\n".join([s("settings.saved"), *(f"\u2022 {line}" for line in saved)]))
    if refused:
        parts.append("\n".join([s("settings.not_saved"), *(f"\u2022 {line}" for line in refused)]))
    return "\n\n".join(parts)
