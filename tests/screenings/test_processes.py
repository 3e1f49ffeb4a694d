"""Screenings with several processes on one PostgreSQL database: each slot posted once, a dead
process's started slot taken over only after its lease, and a stalled process posts nothing."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest

from bot.clock import iso
from bot.engine import Engine
from bot.scheduler.screenings import ScreeningSlots, slot_nonce
from bot.store import Store, open_store
from bot.store.screenings import ScreeningStore, Slot
from tests.conftest import FakeClock
from tests.fakes import FakePlatform
from tests.screenings.helpers import scheduler_for, slots
from tests.screenings.test_arc import add, setup, utc

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)

REMINDER_24H = utc(21, 18)  # the first reminder of the screening on Thu 22nd 19:00 BST


class Process:
    """Another bot process: its own pool, engine, platform connection, scheduler and source."""

    def __init__(self, store: Store, clock: FakeClock) -> None:
        self.store = store
        self.engine = Engine(store, clock=clock)
        self.platform = FakePlatform()
        self.engine.attach(self.platform)
        self.scheduler = scheduler_for(self.engine)
        self.source: ScreeningSlots = self.scheduler.sources[-1]


async def another(url: str, clock: FakeClock) -> Process:
    return Process(await open_store(url, pool_size=4), clock)


def all_texts(*platforms: FakePlatform) -> Counter[str]:
    return Counter(p.message.plain() for platform in platforms for p in platform.posts)


def reminders(*platforms: FakePlatform) -> list[str]:
    return [t for t in all_texts(*platforms).elements() if "starts in" in t]


async def first_reminder(engine: Engine) -> Slot:
    return next(
        s for s in await slots(engine) if s.kind == "remind" and s.due_at == iso(REMINDER_24H)
    )


async def test_two_processes_post_each_screening_slot_exactly_once(
    database_url, engine, platform, clock, mod
):
    await setup(engine, clock, mod)
    other = await another(database_url, clock)
    here = scheduler_for(engine)
    try:
        await add(engine, mod)
        passes = 0
        while clock.current <= utc(29, 0):
            # Both processes wake at the same moment and run their passes side by side.
            await asyncio.gather(here.tick(), other.scheduler.tick())
            passes += 1
            clock.current = max(
                min(await here.next_wake(), await other.scheduler.next_wake()),
                clock.current + timedelta(seconds=1),
            )
        planned = await slots(engine)
        assert [s.status for s in planned] == ["posted"] * 9  # nothing lost
        texts = all_texts(platform, other.platform)
        assert texts and max(texts.values()) == 1, texts  # nothing twice
        # announcement, 2 reminders, the arc's opening, 5 prompts (some in two parts), recap
        assert sum(1 for t in texts if "starts in" in t) == 2
        assert sum(1 for t in texts if "Recap of screening #1" in t) == 1
        assert passes < 200
    finally:
        await other.store.close()


@pytest.mark.parametrize("attempted", [False, True], ids=["claimed", "posting"])
async def test_a_dead_process_screening_slot_is_taken_over_only_after_its_lease(
    database_url, engine, platform, clock, mod, store, attempted
):
    await setup(engine, clock, mod)
    here = scheduler_for(engine)
    await add(engine, mod)
    await here.tick()  # the announcement
    clock.current = REMINDER_24H
    dead = await another(database_url, clock)
    # It claims the reminder (and, posting, records its attempt), then dies: no release.
    slot = await first_reminder(engine)
    ok, _ = await dead.store.screenings.claim(slot, iso(clock.current), nonce=slot_nonce(slot))
    assert ok
    if attempted:
        assert await dead.store.screenings.hold(slot.id, iso(clock.current))
    await dead.store.close()

    assert await here.tick() == 0  # still leased to the other process: not ours to settle
    assert (await first_reminder(engine)).status == "started"
    assert reminders(platform) == []
    lease = timedelta(seconds=store.schedules.lease_seconds)
    assert await here.next_wake() == REMINDER_24H + lease + timedelta(seconds=1)
    clock.current = REMINDER_24H + lease + timedelta(seconds=1)
    await here.tick()
    settled = await first_reminder(engine)
    if attempted:
        # It may have gone out, and this platform can neither find nor dedupe it: never
        # posted twice, marked unknown, and the moderators are told.
        assert settled.status == "unknown"
        assert reminders(platform) == []
        assert any("bot stopped while posting the reminder" in t for t in all_texts(platform))
    else:  # nothing was sent: the live process posts it, once
        assert settled.status == "posted"
        assert len(reminders(platform)) == 1
    assert await here.tick() == 0
    assert len(reminders(platform)) == (0 if attempted else 1)


class StallingScreenings(ScreeningStore):
    """A process that stalls (a long pause) right after claiming a slot, until released."""

    def __init__(self, store: Store) -> None:
        super().__init__(store.db, leases=store.schedules)
        self.claimed = asyncio.Event()
        self.resume = asyncio.Event()

    async def claim(self, slot, now, **kwargs):  # type: ignore[no-untyped-def, override]
        result = await super().claim(slot, now, **kwargs)
        self.claimed.set()
        await self.resume.wait()
        return result


async def test_a_process_that_stalled_past_its_lease_posts_no_screening_slot(
    database_url, engine, platform, clock, mod, store
):
    await setup(engine, clock, mod)
    here = scheduler_for(engine)
    await add(engine, mod)
    await here.tick()  # the announcement
    clock.current = REMINDER_24H
    slow = await another(database_url, clock)
    stalling = StallingScreenings(slow.store)
    slow.source.store = stalling
    try:
        running = asyncio.create_task(slow.scheduler.tick())
        await asyncio.wait_for(stalling.claimed.wait(), 10)
        # Its lease runs out while it stalls: the live process takes the reminder over.
        clock.current = REMINDER_24H + timedelta(seconds=store.schedules.lease_seconds + 1)
        assert await here.tick() == 1
        assert len(reminders(platform)) == 1
        stalling.resume.set()
        await asyncio.wait_for(running, 10)  # it finds the slot is no longer its own
        assert reminders(slow.platform) == []
        assert (await first_reminder(engine)).status == "posted"
    finally:
        stalling.resume.set()
        await slow.store.close()


async def test_a_stopping_process_hands_its_screening_slot_over_at_once(
    database_url, engine, platform, clock, mod
):
    await setup(engine, clock, mod)
    here = scheduler_for(engine)
    await add(engine, mod)
    await here.tick()
    clock.current = REMINDER_24H
    stopping = await another(database_url, clock)
    slot = await first_reminder(engine)
    assert (await stopping.store.screenings.claim(slot, iso(clock.current), nonce=None))[0]
    await asyncio.wait_for(stopping.scheduler.stop(), timeout=10)  # what SIGTERM runs
    await stopping.store.close()
    await here.tick()  # no lease to wait for
    assert (await first_reminder(engine)).status == "posted"
    assert len(reminders(platform)) == 1


async def test_a_process_that_starts_leaves_a_live_process_slot_alone(
    database_url, engine, platform, clock, mod
):
    await setup(engine, clock, mod)
    here = scheduler_for(engine)
    await add(engine, mod)
    await here.tick()
    clock.current = REMINDER_24H
    busy = await another(database_url, clock)
    stalling = StallingScreenings(busy.store)
    busy.source.store = stalling
    starting = await another(database_url, clock)
    try:
        running = asyncio.create_task(busy.scheduler.tick())
        await asyncio.wait_for(stalling.claimed.wait(), 10)
        # A process starts (a rolling restart) while the reminder is being posted, within the
        # lease: it leaves the slot to its owner.
        clock.current = REMINDER_24H + timedelta(seconds=30)
        assert await starting.scheduler.tick() == 0
        assert (await first_reminder(engine)).status == "started"
        stalling.resume.set()
        assert await asyncio.wait_for(running, 10) == 1
        assert (await first_reminder(engine)).status == "posted"
        assert len(reminders(platform, busy.platform, starting.platform)) == 1
        assert all_texts(starting.platform) == Counter()  # no notice of an "unknown" slot
    finally:
        stalling.resume.set()
        await busy.store.close()
        await starting.store.close()


async def test_a_live_process_renews_its_screening_leases_with_its_schedule_leases(
    database_url, engine, platform, clock, mod, store
):
    await setup(engine, clock, mod)
    here = scheduler_for(engine)
    await add(engine, mod)
    await here.tick()
    clock.current = REMINDER_24H
    busy = await another(database_url, clock)
    stalling = StallingScreenings(busy.store)
    busy.source.store = stalling
    try:
        running = asyncio.create_task(busy.scheduler.tick())
        await asyncio.wait_for(stalling.claimed.wait(), 10)
        lease = timedelta(seconds=store.schedules.lease_seconds)
        clock.current = REMINDER_24H + lease / 2
        await busy.scheduler.cluster.renew()  # its heartbeat, while the post is slow
        clock.current = REMINDER_24H + lease + timedelta(seconds=1)
        assert await here.tick() == 0  # the lease was renewed: still the other process's
        assert (await first_reminder(engine)).status == "started"
        stalling.resume.set()
        assert await asyncio.wait_for(running, 10) == 1
        assert len(reminders(platform, busy.platform)) == 1
    finally:
        stalling.resume.set()
        await busy.store.close()
