"""Recording each slot's attempt just before its platform call, many slots per transaction."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from bot.store.schedules import ScheduleStore

log = logging.getLogger(__name__)


class LeaseLost(Exception):
    """Another process took this slot over (this one stalled past its lease): do not post."""


class AttemptMarks:
    """``await mark(schedule, slot)`` returns once the attempt is durably recorded.

    Posts that start together are marked in one transaction (a group commit): each post
    still waits for its own mark, so after a crash a slot without a mark was never sent.
    """

    def __init__(self, store: ScheduleStore, now: Callable[[], str]) -> None:
        self.store = store
        self.now = now
        self._pending: list[tuple[tuple[int, str], asyncio.Future[None]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def mark(self, schedule_id: int, slot: str) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append(((schedule_id, slot), future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush(), name="attempt-marks")
        await future

    async def _flush(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                marked = await self.store.mark_attempts([key for key, _ in batch], self.now())
            except asyncio.CancelledError:
                for _, future in batch + self._pending:
                    future.cancel()
                raise
            except Exception as exc:
                log.exception("recording %d attempts failed", len(batch))
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
            else:
                for key, future in batch:
                    if future.done():
                        continue
                    if key in marked:
                        future.set_result(None)
                    else:
                        future.set_exception(LeaseLost(f"slot {key[1]} of schedule {key[0]}"))
