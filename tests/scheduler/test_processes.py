"""Several processes on one PostgreSQL database: each slot posted once, a dead process's
claims taken over after its lease, a stopped one's at once, and changes wake the others."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import iso
from bot.engine import Engine
from bot.scheduler import Scheduler
from bot.store import Store, open_store
from tests.conftest import FakeClock, load_sample
from tests.fakes import FakePlatform
from tests.scheduler.conftest import add, prompts

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)

SLOT = datetime(2026, 11, 20, 19, 0, tzinfo=UTC)
CHANNELS = [f"C{n}" for n in range(1, 13)]


class Process:
    """Another bot process: its own pool, engine, platform connection and scheduler."""

    def __init__(self, store: Store, clock: FakeClock) -> None:
        self.store = store
        self.engine = Engine(store, clock=clock)
        self.platform = FakePlatform()
        self.engine.attach(self.platform)
        self.scheduler = Scheduler(self.engine)


async def another(url: str, clock: FakeClock) -> Process:
    return Process(await open_store(url, pool_size=4), clock)


async def setup(engine: Engine, mod) -> None:  # type: ignore[no-untyped-def]
    await load_sample(engine, mod)
    for channel in CHANNELS:
        await add(engine, mod, "daily 19:00", "question", channel=f"#{channel}", document="1")


def posted(*platforms: FakePlatform) -> Counter[str]:
    return Counter(c for p in platforms for c in CHANNELS for _ in prompts(p, c))


async def statuses(store: Store) -> Counter[str]:
    rows = await store.db.fetchall("SELECT status FROM schedule_runs")
    return Counter(r[0] for r in rows)


async def test_two_processes_post_each_slot_exactly_once(
    database_url, engine, platform, clock, mod, store
):
    await setup(engine, mod)
    other = await another(database_url, clock)
    try:
        clock.current = SLOT
        here = Scheduler(engine)
        counts = await asyncio.gather(here.tick(), other.scheduler.tick())
        await asyncio.gather(here.drain(), other.scheduler.drain())
        assert sum(counts) == len(CHANNELS)
        assert posted(platform, other.platform) == Counter(CHANNELS)  # each channel once
        assert await statuses(store) == {"posted": len(CHANNELS)}
        assert await here.tick() == await other.scheduler.tick() == 0
    finally:
        await other.store.close()


async def test_a_dead_process_claims_are_settled_by_a_live_one_after_the_lease(
    database_url, engine, platform, clock, mod, store
):
    await setup(engine, mod)
    clock.current = SLOT
    dead = await another(database_url, clock)
    # It claims the due slots (with their prompts) and dies before posting: no release.
    due = await dead.store.schedules.due(iso(SLOT), ["fake"])
    await dead.scheduler._prepare(due, SLOT)
    await dead.store.close()

    live = Scheduler(engine)
    assert await live.tick() == 0  # still leased to the other process: not ours to post
    lease = timedelta(seconds=store.schedules.lease_seconds)
    assert await live.next_wake() == SLOT + lease + timedelta(seconds=1)
    clock.current = SLOT + lease + timedelta(seconds=1)
    assert await live.tick() == len(CHANNELS)
    await live.drain()
    assert posted(platform, dead.platform) == Counter(CHANNELS)
    assert await statuses(store) == {"posted": len(CHANNELS)}


async def test_a_process_that_stalled_past_its_lease_posts_nothing_it_lost(
    database_url, engine, platform, clock, mod, store
):
    await setup(engine, mod)
    clock.current = SLOT
    slow = await another(database_url, clock)
    due = await slow.store.schedules.due(iso(SLOT), ["fake"])
    jobs = await slow.scheduler._prepare(due, SLOT)
    # It stalls (a long pause) past its lease; a live process takes the slots over.
    clock.current = SLOT + timedelta(seconds=store.schedules.lease_seconds + 1)
    live = Scheduler(engine)
    assert await live.tick() == len(CHANNELS)
    await live.drain()
    # Waking up, it finds at its attempt mark that the slots are no longer its own.
    assert await slow.scheduler._dispatch(jobs, clock.current) == 0
    await slow.store.close()
    assert posted(platform, slow.platform) == Counter(CHANNELS)  # none twice
    assert await statuses(store) == {"posted": len(CHANNELS)}


async def test_a_stopping_process_hands_its_claims_over_at_once(
    database_url, engine, platform, clock, mod, store
):
    await setup(engine, mod)
    clock.current = SLOT
    stopping = await another(database_url, clock)
    due = await stopping.store.schedules.due(iso(SLOT), ["fake"])
    await stopping.scheduler._prepare(due, SLOT)
    await asyncio.wait_for(stopping.scheduler.stop(), timeout=10)  # what SIGTERM runs
    await stopping.store.close()

    live = Scheduler(engine)
    assert await live.tick() == len(CHANNELS)  # no lease to wait for
    await live.drain()
    assert posted(platform, stopping.platform) == Counter(CHANNELS)


class WaitingClock(FakeClock):
    """Sleeps until woken (never by time), counting wake-ups."""

    def __init__(self) -> None:
        super().__init__()
        self.woken = 0

    async def sleep_until(self, when, wake) -> None:  # type: ignore[no-untyped-def]
        await wake.wait()
        self.woken += 1


async def test_a_schedule_added_in_one_process_wakes_the_others(database_url, engine, mod):
    await load_sample(engine, mod)
    Scheduler(engine)  # this process's scheduler tells the others of its changes
    clock = WaitingClock()
    other = await another(database_url, clock)
    other.scheduler.start()
    try:
        for _ in range(500):  # listening, and asleep
            if other.scheduler.cluster._listener is not None and clock.woken == 0:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)
        assert clock.woken == 0
        await add(engine, mod, "daily 19:00")
        for _ in range(500):
            if clock.woken:
                break
            await asyncio.sleep(0.01)
        assert clock.woken == 1  # woken by the NOTIFY, not by a poll
    finally:
        await other.scheduler.stop()
        await other.store.close()
