"""The two top-level commands: ``/filmclub`` for everyone, ``/filmclub-mod`` for moderators."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from bot.commands.spec import Command

log = logging.getLogger(__name__)

ROOT = "filmclub"
MOD_ROOT = "filmclub-mod"
ROOTS = (ROOT, MOD_ROOT)


def root_of(command: Command) -> str:
    """The top-level Discord command a core command lives under, by its moderator flag.

    Discord applies default member permissions to top-level commands only, so moderator
    commands get their own top-level command, hidden from members by default.
    """
    return MOD_ROOT if command.moderator else ROOT


def moderator_names(commands: Iterable[Command]) -> set[str]:
    """Names that, after ``/filmclub ``, mean a moderator command: each moderator command's
    full name, and a group's name when every command of the group is a moderator one."""
    commands = list(commands)
    names = {c.name for c in commands if c.moderator}
    for group in {c.group for c in commands if c.group}:
        if all(c.moderator for c in commands if c.group == group):
            names.add(group)
    return names


class CommandMentions:
    """Rewrites the core's ``/filmclub <moderator command>`` to ``/filmclub-mod <command>``.

    The core names every command ``/filmclub …`` (help, hints, errors); on Discord the
    moderator ones are typed as ``/filmclub-mod …``. Built from the registry on each call
    (cached while the registry is unchanged), so commands registered later are covered too.
    """

    def __init__(self, registry: Iterable[Command]) -> None:
        self.registry = registry
        self._key: tuple[tuple[str, bool], ...] | None = None
        self._pattern: re.Pattern[str] | None = None

    def pattern(self) -> re.Pattern[str] | None:
        commands = list(self.registry)
        key = tuple((c.name, c.moderator) for c in commands)
        if key != self._key:
            names = sorted(moderator_names(commands), key=len, reverse=True)
            alternatives = "|".join(re.escape(n).replace(r"\ ", " ") for n in names)
            # "/filmclub " on its own (not inside a word or a path), then a whole name.
            self._pattern = (
                re.compile(rf"(?<![\w/-])/{ROOT} (?=(?:{alternatives})(?![\w-]))")
                if names
                else None
            )
            self._key = key
        return self._pattern

    def __call__(self, text: str) -> str:
        pattern = self.pattern()
        if pattern is None or f"/{ROOT} " not in text:
            return text
        return pattern.sub(f"/{MOD_ROOT} ", text)
