"""The settings a club's moderators control: names, types, defaults and validation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.errors import CommandError
from bot.i18n import languages, t
from bot.models import KIND_ALIASES, KIND_CHOICES
from bot.numbers import parse_number


@dataclass(frozen=True)
class SettingSpec:
    """One club setting; ``per_channel`` settings may be overridden for a channel."""

    key: str
    type: str  # bool, int, choice, timezone, kinds, roles, users, role, channel, language,
    # duration, durations, time
    default: Any
    per_channel: bool = False
    choices: tuple[Any, ...] = ()
    lo: int = 0
    hi: int = 0


SPECS: dict[str, SettingSpec] = {
    s.key: s
    for s in (
        SettingSpec("moderator_roles", "roles", []),
        SettingSpec("moderator_users", "users", []),
        SettingSpec("prompt_channel", "channel", None),
        SettingSpec("log_channel", "channel", None),
        SettingSpec("timezone", "timezone", "UTC"),
        SettingSpec("kinds", "kinds", list(KIND_CHOICES), per_channel=True),
        SettingSpec("rotation", "choice", "stop", per_channel=True, choices=("stop", "restart")),
        SettingSpec("spoilers", "bool", False, per_channel=True),
        SettingSpec(
            "auto_archive", "choice", 1440, per_channel=True, choices=(60, 1440, 4320, 10080)
        ),
        SettingSpec("ping_role", "role", None, per_channel=True),
        SettingSpec("max_quote_length", "int", 600, per_channel=True, lo=50, hi=1800),
        # Members' prompts (moderators are exempt): minutes between one member's prompts in a
        # channel, and member prompts per channel per hour; 0 turns either off.
        SettingSpec("member_cooldown", "int", 0, per_channel=True, lo=0, hi=24 * 60),
        SettingSpec("channel_rate", "int", 10, per_channel=True, lo=0, hi=600),
        SettingSpec("language", "language", "en"),
        SettingSpec("grace_minutes", "int", 60, lo=0, hi=7 * 24 * 60),
        SettingSpec("screening_reminders", "durations", ["24h", "1h"], lo=1, hi=14 * 24 * 60),
        SettingSpec("screening_length", "duration", "3h", lo=30, hi=24 * 60),
        SettingSpec("arc_days", "int", 5, lo=1, hi=14),
        SettingSpec("arc_time", "time", "19:00"),
        SettingSpec("arc_threads", "choice", "one", choices=("one", "per-prompt")),
        SettingSpec("spoiler_days", "int", 7, lo=0, hi=60),
        SettingSpec("selection", "choice", "rotation", choices=("rotation", "engaging")),
    )
}

_TRUE = {"on", "true", "yes", "1", "enable", "enabled"}
_FALSE = {"off", "false", "no", "0", "disable", "disabled"}
_NONE = {"none", "off", "-", "null", ""}
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_DURATION = re.compile(r"^(\d+)\s*(m|min|mins|minutes?|h|hr|hrs|hours?|d|days?)$")


def duration_minutes(text: str) -> int | None:
    """``90m``, ``3h``, ``2d`` as minutes; ``None`` when it is not a duration."""
    match = _DURATION.match(text.strip().lower())
    if match is None:
        return None
    unit = match[2][0]
    return int(match[1]) * {"m": 1, "h": 60, "d": 24 * 60}[unit]


def duration_text(minutes: int) -> str:
    """Minutes as the shortest exact duration word: ``1440`` is ``24h``, ``90`` is ``90m``."""
    if minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"


def describe(spec: SettingSpec) -> str:
    """What values a setting accepts, for help and error messages."""
    return t(
        f"settings.accepts.{spec.type}",
        choices=", ".join(map(str, spec.choices)),
        lo=spec.lo,
        hi=spec.hi,
    )


def parse_value(key: str, raw: str) -> Any:
    """Turn what a moderator typed into the setting's value, or explain what is accepted."""
    spec = SPECS.get(key)
    if spec is None:
        raise CommandError(t("settings.unknown_key", key=key, keys=", ".join(SPECS)))
    text = raw.strip()
    low = text.lower()

    def bad() -> CommandError:
        return CommandError(t("settings.bad_value", key=key, value=text, accepts=describe(spec)))

    if spec.type == "bool":
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise bad()
    if spec.type == "int":
        value = parse_number(text, lo=spec.lo, hi=spec.hi)
        if value is None:
            raise bad()
        return value
    if spec.type == "choice":
        for choice in spec.choices:
            if low == str(choice).lower():
                return choice
        if key == "auto_archive":
            aliases = {"1h": 60, "1d": 1440, "24h": 1440, "3d": 4320, "1w": 10080, "7d": 10080}
            if low in aliases:
                return aliases[low]
        raise bad()
    if spec.type == "timezone":
        if text.upper() == "UTC":
            return "UTC"
        try:
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            raise bad() from None
        if text not in available_timezones():
            raise bad()
        return text
    if spec.type == "kinds":
        words = [w for w in low.replace(",", " ").split() if w]
        kinds = []
        for word in words:
            word = KIND_ALIASES.get(word, word)
            if word not in KIND_CHOICES:
                raise bad()
            if word not in kinds:
                kinds.append(word)
        if not kinds:
            raise bad()
        return kinds
    if spec.type in ("roles", "users"):
        if low in _NONE:
            return []
        return [w.strip() for w in text.replace(",", " ").split() if w.strip()]
    if spec.type in ("role", "channel"):
        return None if low in _NONE else text
    if spec.type == "duration":
        minutes = duration_minutes(low)
        if minutes is None or not spec.lo <= minutes <= spec.hi:
            raise bad()
        return duration_text(minutes)
    if spec.type == "durations":
        if low in _NONE:
            return []
        found: list[int] = []
        for word in low.replace(",", " ").split():
            minutes = duration_minutes(word)
            if minutes is None or not spec.lo <= minutes <= spec.hi:
                raise bad()
            if minutes not in found:
                found.append(minutes)
        return [duration_text(m) for m in sorted(found, reverse=True)]
    if spec.type == "time":
        match = _CLOCK.match(low)
        if match is None or int(match[1]) > 23 or int(match[2]) > 59:
            raise bad()
        return f"{int(match[1]):02d}:{match[2]}"
    if spec.type == "language":
        if low not in languages():
            raise bad()
        return low
    raise bad()


@dataclass(frozen=True)
class ClubSettings:
    """A club's effective settings for one channel: defaults, then club values, then channel."""

    values: Mapping[str, Any]

    def __getattr__(self, key: str) -> Any:
        try:
            return self.values[key]
        except KeyError:
            raise AttributeError(key) from None

    def get(self, key: str) -> Any:
        return self.values[key]


def effective(club: Mapping[str, Any], channel: Mapping[str, Any] | None = None) -> ClubSettings:
    values = {key: spec.default for key, spec in SPECS.items()}
    values.update({k: v for k, v in club.items() if k in SPECS})
    if channel:
        values.update({k: v for k, v in channel.items() if k in SPECS and SPECS[k].per_channel})
    return ClubSettings(values)


def show_value(value: Any) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
