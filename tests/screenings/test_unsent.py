"""A screening slot claimed but never attempted (the bot stopped in between) sent nothing: a
restart posts it within grace on any platform, and skips it past grace."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import iso
from bot.engine import Engine
from bot.scheduler.screenings import slot_nonce
from bot.store import Store
from tests.scheduler.conftest import PlainPlatform
from tests.screenings.helpers import scheduler_for, slots
from tests.screenings.test_arc import add, setup, utc

pytestmark = pytest.mark.backends  # on SQLite, and on PostgreSQL where the tests have one

REMINDER = utc(21, 18)  # 24 h before the screening on Thu 22nd 19:00 BST


async def claim_reminder(engine: Engine):  # type: ignore[no-untyped-def]
    slot = next(s for s in await slots(engine) if s.due_at == iso(REMINDER))
    ok, _ = await engine.store.screenings.claim(slot, iso(REMINDER), nonce=slot_nonce(slot))
    assert ok
    return slot


@pytest.mark.parametrize(("late", "status", "sent"), [(5, "posted", 1), (180, "skipped", 0)])
async def test_a_claimed_slot_never_attempted_is_posted_within_grace_after_a_restart(
    store, clock, mod, late, status, sent
):
    plain = PlainPlatform()  # like Slack or the console: it can neither find nor dedupe a post
    engine = Engine(store, clock=clock)
    engine.attach(plain)
    await setup(engine, clock, mod)
    await add(engine, mod)
    await scheduler_for(engine).tick()  # the announcement
    clock.current = REMINDER
    slot = await claim_reminder(engine)  # ... and the bot stops before posting it
    clock.current = REMINDER + timedelta(minutes=late)
    fresh = Engine(store, clock=clock)
    fresh.attach(plain)
    await scheduler_for(fresh).tick()
    settled = next(s for s in await slots(fresh) if s.id == slot.id)
    assert settled.status == status
    reminders = [p for p in plain.channel_posts("C1") if "starts in" in p.message.plain()]
    assert len(reminders) == sent
    assert not any("bot stopped while posting" in p.message.plain() for p in plain.posts)


async def test_a_slot_an_older_version_left_started_stays_in_doubt(database_url, clock, mod):
    old = Store(database_url)
    await old.db.open(upto=7)  # before screening leases
    engine = Engine(old, clock=clock)
    engine.attach(PlainPlatform())
    await setup(engine, clock, mod)
    await add(engine, mod)
    row = await old.db.fetchone("SELECT id FROM screening_slots WHERE due_at = ?", (iso(REMINDER),))
    slot_id = row[0]
    await old.db.execute(
        "UPDATE screening_slots SET status = 'started', started_at = ? WHERE id = ?",
        (iso(REMINDER), slot_id),
    )
    await old.close()
    new = Store(database_url)
    await new.open()
    try:
        # It may have been under way when that version stopped: never taken for unsent.
        upgraded = await new.screenings.get_slot(slot_id)
        assert upgraded is not None and upgraded.attempted_at == iso(REMINDER)
        assert (await new.screenings.get_slot(slot_id - 1)).attempted_at is None  # type: ignore[union-attr]
    finally:
        await new.close()
