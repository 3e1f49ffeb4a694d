"""Helpers for screening tests: a scheduler with the screening slot source, and a driver."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.engine import Engine
from bot.scheduler import Scheduler
from bot.scheduler.screenings import ScreeningSlots
from bot.store.screenings import Slot


def scheduler_for(engine: Engine) -> Scheduler:
    scheduler = Scheduler(engine)
    ScreeningSlots(engine).attach(scheduler)
    return scheduler


async def drive(scheduler: Scheduler, clock: Any, until: datetime) -> list[datetime]:
    """The scheduler's loop by hand: jump to each wake-up and run a pass, up to ``until``."""
    fired: list[datetime] = []
    for _ in range(10_000):
        if clock.current <= until:  # a pass now, as the loop does on waking
            fired += [clock.current] * await scheduler.tick()
            await scheduler.drain()
        target = await scheduler.next_wake()
        if target > until:
            break
        clock.current = max(target, clock.current)
    clock.current = until
    return fired


async def slots(
    engine: Engine, number: int = 1, workspace: str = "W1", platform: str = "fake"
) -> list[Slot]:
    club = await engine.club_of(platform, workspace)
    screening = await engine.store.screenings.get(club.id, number)
    assert screening is not None
    return await engine.store.screenings.slots(screening.id)
