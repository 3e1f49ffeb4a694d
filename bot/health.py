"""Liveness and readiness: is the event loop responsive, does the database answer, is every platform up."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from bot import metrics

log = logging.getLogger(__name__)

BEAT_SECONDS = 0.5
MAX_LAG_SECONDS = 5.0
DB_TIMEOUT_SECONDS = 2.0


class Health:
    """What `/healthz` and `/readyz` report; platforms mark themselves connected or not."""

    def __init__(
        self,
        ping_database: Callable[[], Awaitable[object]],
        expected: list[str],
        *,
        max_lag: float = MAX_LAG_SECONDS,
    ) -> None:
        self._ping = ping_database
        self.expected = list(expected)
        self.max_lag = max_lag
        self._ready: dict[str, bool] = {name: False for name in expected}
        self.lag = 0.0
        self._task: asyncio.Task[None] | None = None
        self.stopping = False

    def start(self) -> None:
        """Measure the event loop's lag in the background."""
        if self._task is None:
            self._task = asyncio.create_task(self._beat(), name="health-heartbeat")

    async def stop(self) -> None:
        self.stopping = True
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _beat(self) -> None:
        while True:
            start = time.monotonic()
            await asyncio.sleep(BEAT_SECONDS)
            self.lag = max(0.0, time.monotonic() - start - BEAT_SECONDS)
            if self.lag > self.max_lag:
                log.warning("the event loop was blocked for %.1f s", self.lag)

    def platform_ready(self, name: str, ready: bool = True) -> None:
        """A platform adapter reports that it is connected (or no longer is)."""
        if self._ready.get(name) != ready:
            log.info("%s is %s", name, "connected" if ready else "not connected")
        self._ready[name] = ready
        metrics.PLATFORM_READY.labels(platform=name).set(1 if ready else 0)

    async def live(self) -> tuple[bool, str]:
        """Alive: the loop answers within its lag budget and the database answers a query."""
        if self.lag > self.max_lag:
            return False, f"event loop lagging {self.lag:.1f} s"
        try:
            await asyncio.wait_for(self._ping(), DB_TIMEOUT_SECONDS)
        except Exception as exc:  # any failure of the database is "not healthy"
            log.warning("health check: the database did not answer: %s", type(exc).__name__)
            return False, "database not answering"
        return True, "ok"

    def ready(self) -> tuple[bool, str]:
        """Ready: every configured platform is connected, and the bot is not shutting down."""
        if self.stopping:
            return False, "shutting down"
        waiting = [name for name in self.expected if not self._ready.get(name)]
        if waiting:
            return False, "waiting for " + ", ".join(waiting)
        return True, "ok"
