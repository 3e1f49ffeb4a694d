"""Several scheduler processes on one PostgreSQL database: leases, take-overs and wake-ups.

On SQLite (one process) all of this is idle. On PostgreSQL each process claims due slots with
``FOR UPDATE SKIP LOCKED`` (:meth:`bot.store.schedules.ScheduleStore.claim`), holds a lease on
the slots it has started and renews it while it lives, gives its leases up when it stops, and
takes over (then settles, by the rules of a restart) the started slots of a process whose lease
ran out. A schedule changed in one process wakes the schedulers of the others (LISTEN/NOTIFY).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.clock import iso, parse_iso

if TYPE_CHECKING:
    from bot.scheduler.service import Scheduler

log = logging.getLogger(__name__)

CHANNEL = "filmclub_schedules"


class Cluster:
    """The multi-process side of one :class:`Scheduler`."""

    def __init__(self, scheduler: Scheduler) -> None:
        self.scheduler = scheduler
        self.store = scheduler.store
        self.db = scheduler.store.db
        self.active = bool(self.db.skip_locked)  # PostgreSQL: other processes may exist
        self._task: asyncio.Task[None] | None = None
        self._listener: Any = None
        # Every store whose started slots this process leases: the schedules', and those of
        # the scheduler's other slot sources (screenings), renewed and released together.
        self.holders: list[Any] = [self.store]

    @property
    def lease(self) -> float:
        return self.store.lease_seconds

    def start(self) -> None:
        if self.active and (self._task is None or self._task.done()):
            self._task = asyncio.create_task(self._heartbeat(), name="scheduler-leases")

    async def stop(self) -> None:
        """Stop renewing and give up this process's started slots, for another to settle."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self._listener is not None:
            listener, self._listener = self._listener, None
            with contextlib.suppress(Exception):
                await self.db.unlisten(listener)
        if self.active:
            for holder in list(self.holders):
                try:
                    released = await holder.release_leases()
                except Exception:  # the database is going away too: the leases run out instead
                    log.warning("could not release this process's started slots", exc_info=True)
                else:
                    if released:
                        log.info("released %d started slot(s) for another process", released)

    async def _heartbeat(self) -> None:
        try:
            self._listener = await self.db.listen(CHANNEL, self._notified)
        except Exception:
            log.warning("cannot listen for schedule changes; polling instead", exc_info=True)
        while True:
            await asyncio.sleep(self.lease / 3)
            await self.renew()

    async def renew(self) -> None:
        """Keep every started slot of this process its own for another lease."""
        now = iso(self.scheduler.engine.clock.now())
        for holder in list(self.holders):
            try:
                await holder.renew_leases(now)
            except Exception:
                log.warning("renewing slot leases failed", exc_info=True)

    def _notified(self, payload: str) -> None:
        if payload != self.store.owner:  # our own change woke us already
            self.scheduler.wake()

    async def changed(self) -> None:
        """A schedule changed here: wake the other processes' schedulers."""
        if self.active:
            try:
                await self.db.notify(CHANNEL, self.store.owner)
            except Exception:
                log.warning("could not tell other processes of a schedule change", exc_info=True)

    async def take_over(self, platforms: list[str], now: datetime, *, startup: bool) -> set:
        """The started slots this process now settles (see ``ScheduleStore.take_over``)."""
        return await self.store.take_over(
            platforms, iso(now), everything=not self.active, mine=startup
        )

    async def wake_by(self, target: datetime, now: datetime) -> datetime:
        """``target``, or sooner when another process's lease runs out before it (then its
        slots are taken over and settled on that pass)."""
        if not self.active:
            return target
        for holder in list(self.holders):
            expiry = await holder.earliest_foreign_lease()
            if expiry is None:
                continue
            when = parse_iso(expiry) if expiry else now
            target = min(target, max(when, now) + timedelta(seconds=1))
        return target
