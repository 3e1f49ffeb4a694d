"""Refuse replayed Slack HTTP requests: each signed (timestamp, signature) pair is used once."""

from __future__ import annotations

import time
from collections import OrderedDict

# Slack's signature check (in bolt) refuses timestamps more than five minutes off; within that
# window a captured request would otherwise be accepted again, so we remember what we served.
WINDOW_SECONDS = 5 * 60
MAX_ENTRIES = 100_000  # a bound on memory whatever the traffic


class ReplayGuard:
    """Remembers the signed requests of the last five minutes."""

    def __init__(self, window: float = WINDOW_SECONDS, max_entries: int = MAX_ENTRIES) -> None:
        self.window = window
        self.max_entries = max_entries
        self._seen: OrderedDict[tuple[str, str], float] = OrderedDict()

    @staticmethod
    def valid_timestamp(timestamp: str) -> bool:
        """Slack sends whole seconds: ASCII digits only (``¹²³`` and ``1e9`` are not)."""
        return 0 < len(timestamp) <= 12 and timestamp.isascii() and timestamp.isdigit()

    def _prune(self, now: float) -> None:
        while self._seen:
            key, seen_at = next(iter(self._seen.items()))
            if now - seen_at <= self.window and len(self._seen) <= self.max_entries:
                break
            self._seen.popitem(last=False)

    def claim(self, timestamp: str, signature: str) -> bool:
        """True the first time a pair is seen within the window; False for a replay."""
        now = time.monotonic()
        self._prune(now)
        key = (timestamp, signature)
        if key in self._seen:
            return False
        self._seen[key] = now
        return True

    def release(self, timestamp: str, signature: str) -> None:
        """Forget a pair whose request was refused (a bad signature proves nothing)."""
        self._seen.pop((timestamp, signature), None)
