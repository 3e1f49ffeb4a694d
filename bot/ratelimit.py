"""How often members may act: a cooldown per member and a rate per channel, in memory."""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable
from datetime import datetime, timedelta

from bot.i18n import t


class RateLimiter:
    """Remembers when members did something (post a prompt, suggest) and says how long
    they must wait. State lives in memory: a restart forgets it, which only ever lets
    people act sooner."""

    MAX_KEYS = 50_000  # a bound on memory: the oldest keys are forgotten first

    def __init__(self) -> None:
        self._events: dict[Hashable, deque[datetime]] = {}

    def wait(
        self, key: Hashable, now: datetime, *, limit: int, window: timedelta
    ) -> timedelta | None:
        """How long until one more event under ``key`` keeps within ``limit`` per ``window``
        (None: allowed now; a ``limit`` of 0 means no limit)."""
        if limit <= 0 or window <= timedelta(0):
            return None
        events = self._events.get(key)
        if not events:
            return None
        while events and now - events[0] >= window:
            events.popleft()
        if len(events) < limit:
            return None
        return events[len(events) - limit] + window - now

    def record(self, key: Hashable, now: datetime, *, keep: int = 1000) -> None:
        events = self._events.pop(key, None) or deque(maxlen=keep)
        events.append(now)
        self._events[key] = events  # re-inserted: most recently used last
        while len(self._events) > self.MAX_KEYS:
            self._events.pop(next(iter(self._events)))

    def forget(self, key: Hashable, when: datetime) -> None:
        """Undo ``record(key, when)`` (the action it reserved did not happen)."""
        events = self._events.get(key)
        if events is not None and when in events:
            events.remove(when)


def wait_text(delay: timedelta) -> str:
    """``4 minutes``, ``30 seconds``: a wait, rounded up, for a message."""
    seconds = max(1, int(delay.total_seconds() + 0.999))
    if seconds < 60:
        return t("limits.seconds", count=seconds)
    return t("limits.minutes", count=(seconds + 59) // 60)
