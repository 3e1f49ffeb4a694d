"""The scheduler on a fake clock: slots post once, survive restarts, downtime and failures."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.engine import Engine
from bot.messages import QuestionBlock
from bot.platform import MissingPermission, RateLimited, TransientError
from bot.scheduler import Scheduler, nonce_for
from tests.conftest import FakeClock, context, load_sample
from tests.scheduler.conftest import (
    Crash,
    NoncePlatform,
    PlainPlatform,
    add,
    drive,
    notices,
    prompts,
    runs,
    schedule_row,
)

pytestmark = pytest.mark.backends

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # Friday noon
SLOT = datetime(2026, 11, 20, 19, 0, tzinfo=UTC)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


async def setup(engine, mod, when="daily 19:00", kind="question", **extra):  # type: ignore[no-untyped-def]
    await load_sample(engine, mod)
    reply = await add(engine, mod, when, kind, **extra)
    assert "Schedule #1 added" in reply, reply
    return Scheduler(engine)


def restart(engine: Engine, platform, clock) -> tuple[Engine, Scheduler]:  # type: ignore[no-untyped-def]
    """A new process on the same database: a fresh engine and scheduler."""
    fresh = Engine(engine.store, clock=clock)
    fresh.attach(platform)
    return fresh, Scheduler(fresh)


async def test_a_slot_posts_once_at_its_time_opening_a_thread(engine, platform, clock, mod):
    scheduler = await setup(engine, mod)
    assert await scheduler.tick() == 0  # noon: nothing due
    assert await scheduler.next_wake() == SLOT
    clock.current = SLOT
    assert await scheduler.tick() == 1
    assert await scheduler.tick() == 0  # the same slot never posts twice
    [post] = prompts(platform)
    assert [b.text for b in post.message.blocks if isinstance(b, QuestionBlock)] == [
        "Is Samantha's love real?"
    ]
    assert post.nonce == nonce_for(1, SLOT) and len(post.nonce) <= 25
    assert len(platform.threads) == 1
    [run] = await runs(engine)
    assert (run.status, run.item_short_id, run.message_id) == ("posted", "qn1", post.message_id)
    assert await scheduler.next_wake() == SLOT + timedelta(days=1)
    # The prompt counts like a manual one: /filmclub question now posts the next item.
    reply = await engine.execute_text(mod, "question")
    assert "qn2" in reply.message.plain()


async def test_days_of_posts_follow_the_rotation(engine, platform, clock, mod):
    scheduler = await setup(engine, mod, kind=None)  # any kind, in the club's order
    fired = await drive(scheduler, clock, at(23, 12))
    assert fired == [at(20, 19), at(21, 19), at(22, 19)]
    assert [r.item_short_id for r in await runs(engine)] == ["qn1", "qn2", "qt1"]


async def test_the_loop_sleeps_until_the_slot_and_wakes_early_on_a_change(engine, platform, mod):
    class StepClock(FakeClock):
        def __init__(self) -> None:
            super().__init__(T0)
            self.sleeps: list[datetime] = []
            self.go = asyncio.Event()

        async def sleep_until(self, when, wake):  # type: ignore[no-untyped-def]
            self.sleeps.append(when)
            waiter = asyncio.ensure_future(wake.wait())
            stepper = asyncio.ensure_future(self.go.wait())
            await asyncio.wait({waiter, stepper}, return_when=asyncio.FIRST_COMPLETED)
            waiter.cancel()
            stepper.cancel()
            if self.go.is_set():
                self.go.clear()
                self.current = max(self.current, when)

    clock = StepClock()
    engine.clock = clock
    await load_sample(engine, mod)
    await add(engine, mod, "daily 19:00")
    scheduler = Scheduler(engine)
    task = scheduler.start()

    async def until(condition) -> None:  # type: ignore[no-untyped-def]
        for _ in range(2000):  # yield to the loop and the database thread, never to a timer
            if condition():
                return
            await asyncio.sleep(0.001)
        raise AssertionError("condition never met")

    try:
        await until(lambda: clock.sleeps)
        assert clock.sleeps == [SLOT]  # one sleep, straight to the slot: no polling
        await add(engine, mod, "daily 15:00")  # an earlier schedule wakes the loop
        await until(lambda: len(clock.sleeps) > 1)
        assert clock.sleeps[-1] == at(20, 15)
        clock.go.set()  # let time reach 15:00
        await until(lambda: len(clock.sleeps) > 2)
        assert len(prompts(platform)) == 1
        assert clock.sleeps[-1] == SLOT
    finally:
        await scheduler.stop()
    assert task.done()


async def test_paused_schedules_do_not_post_and_resume_from_now(engine, platform, clock, mod):
    scheduler = await setup(engine, mod)
    assert "paused" in (await engine.execute_text(mod, "schedule pause 1")).message.plain()
    await drive(scheduler, clock, at(20, 19, 30))
    assert prompts(platform) == []
    reply = (await engine.execute_text(mod, "schedule resume #1")).message.plain()
    assert "Sat 2026-11-21 19:00 UTC" in reply  # not today's slot, missed while paused
    await drive(scheduler, clock, at(21, 20))
    assert len(prompts(platform)) == 1
    assert [r.slot for r in await runs(engine)] == ["2026-11-21T19:00:00Z"]


# -- restarts -----------------------------------------------------------------------------
async def test_restart_mid_post_with_nonce_support_completes_without_a_second_post(
    store, clock, mod
):
    platform = NoncePlatform(crash_after_post=True)
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    scheduler = await setup(engine, mod)
    clock.current = SLOT
    with pytest.raises(Crash):
        await scheduler.tick()
    assert len(prompts(platform)) == 1
    assert [r.status for r in await runs(engine)] == ["started"]
    clock.current = SLOT + timedelta(minutes=2)
    engine, scheduler = restart(engine, platform, clock)
    await scheduler.tick()
    [post] = prompts(platform)  # the retry with the same nonce returned the first message
    [run] = await runs(engine)
    assert (run.status, run.message_id) == ("posted", post.message_id)
    assert len(platform.threads) == 1
    assert await scheduler.tick() == 0


async def test_restart_mid_post_without_nonce_support_is_unknown_and_never_reposted(
    store, clock, mod
):
    platform = PlainPlatform(crash_after_post=True)
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    scheduler = await setup(engine, mod)
    clock.current = SLOT
    with pytest.raises(Crash):
        await scheduler.tick()
    clock.current = SLOT + timedelta(minutes=1)
    engine, scheduler = restart(engine, platform, clock)
    await scheduler.tick()
    assert len(prompts(platform)) == 1
    [run] = await runs(engine)
    assert run.status == "unknown"
    [notice] = notices(platform)
    assert "not posted again" in notice
    listing = (await engine.execute_text(mod, "schedule list")).message.plain()
    assert "unknown: the bot stopped while posting" in listing


async def test_restart_after_the_post_was_recorded_only_settles_the_run(store, clock, mod):
    platform = NoncePlatform()
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    scheduler = await setup(engine, mod)
    real_finish = scheduler.store.finish

    async def crash_on_finish(finishes, now):  # type: ignore[no-untyped-def]
        if finishes:
            raise Crash()
        await real_finish(finishes, now)

    scheduler.store.finish = crash_on_finish  # type: ignore[method-assign]
    clock.current = SLOT
    with pytest.raises(Crash):
        await scheduler.tick()
    scheduler.store.finish = real_finish  # type: ignore[method-assign]
    engine, scheduler = restart(engine, PlainPlatform(), clock)
    await scheduler.tick()
    [run] = await runs(engine)
    assert run.status == "posted" and run.message_id == prompts(platform)[0].message_id
    assert engine.platforms["fake"].posts == []  # the new process posted nothing


async def test_a_slot_waiting_for_a_retry_is_run_after_a_restart_within_the_grace(
    store, clock, mod
):
    platform = PlainPlatform(errors=[RateLimited("slow down", 30.0)])
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    scheduler = await setup(engine, mod)
    clock.current = SLOT
    await scheduler.tick()  # rate limited: a retry is planned
    await scheduler.stop()  # ... and the bot stops before it happens
    assert [r.status for r in await runs(engine)] == ["started"]
    clock.current = SLOT + timedelta(minutes=10)
    engine, scheduler = restart(engine, platform, clock)
    assert await scheduler.tick() == 1
    assert len(prompts(platform)) == 1
    [run] = await runs(engine)
    assert run.status == "posted"


# -- downtime -----------------------------------------------------------------------------
async def test_downtime_within_the_grace_posts_once_on_start(engine, platform, clock, mod):
    await engine.execute_text(mod, "config set grace_minutes 60")
    await setup(engine, mod, when="*/10 * * * *")
    clock.current = at(20, 12, 35)  # down since noon: 12:10, 12:20 and 12:30 were missed
    engine, scheduler = restart(engine, platform, clock)
    assert await scheduler.tick() == 1
    assert len(prompts(platform)) == 1
    [run] = await runs(engine)
    assert (run.slot, run.status, run.missed) == ("2026-11-20T12:30:00Z", "posted", 2)
    assert await scheduler.next_wake() == at(20, 12, 40)


async def test_downtime_beyond_the_grace_is_skipped_and_shown(engine, platform, clock, mod):
    await engine.execute_text(mod, "config set grace_minutes 30")
    await setup(engine, mod)
    clock.current = at(20, 21)  # the 19:00 slot is two hours gone
    engine, scheduler = restart(engine, platform, clock)
    assert await scheduler.tick() == 0
    assert prompts(platform) == []
    [run] = await runs(engine)
    assert (run.slot, run.status) == ("2026-11-20T19:00:00Z", "skipped")
    listing = (await engine.execute_text(mod, "schedule list")).message.plain()
    assert "skipped: the bot was offline" in listing
    assert "Sat 2026-11-21 19:00 UTC" in listing
    await drive(scheduler, clock, at(21, 20))
    assert len(prompts(platform)) == 1


async def test_a_week_of_downtime_records_one_skip(engine, platform, clock, mod):
    await setup(engine, mod)
    clock.current = at(27, 18)
    engine, scheduler = restart(engine, platform, clock)
    await scheduler.tick()
    [run] = await runs(engine)
    assert (run.status, run.missed) == ("skipped", 6)  # 20th..26th: seven slots, one row
    assert await scheduler.next_wake() == at(27, 19)


# -- failures -----------------------------------------------------------------------------
async def test_lost_permission_pauses_the_schedule_and_tells_the_moderators(
    engine, platform, clock, mod
):
    await engine.execute_text(mod, "config set log_channel mods")
    scheduler = await setup(engine, mod)
    platform.fail_next["post_message"] = MissingPermission(
        "missing Send Messages in #C1", "send_messages"
    )
    clock.current = SLOT
    assert await scheduler.tick() == 0
    schedule = await schedule_row(engine)
    assert schedule.status == "paused" and "Send Messages" in schedule.status_reason
    [notice] = notices(platform, "mods")
    assert "Schedule #1" in notice and "is paused" in notice and "Send Messages" in notice
    await drive(scheduler, clock, at(22, 20))
    assert prompts(platform) == []  # paused: nothing more
    listing = (await engine.execute_text(mod, "schedule list")).message.plain()
    assert "[paused (missing Send Messages" in listing
    await engine.execute_text(mod, "schedule resume 1")
    await drive(scheduler, clock, at(23, 20))
    assert len(prompts(platform)) == 1


async def test_a_deleted_channel_pauses_and_tells_where_the_schedule_was_made(
    engine, platform, clock, mod
):
    await load_sample(engine, mod)
    await add(engine, mod, "daily 19:00", channel="#C2", document="1")
    scheduler = Scheduler(engine)
    platform.gone_channels.add("C2")
    clock.current = SLOT
    await scheduler.tick()
    assert (await schedule_row(engine)).status == "paused"
    [notice] = notices(platform, "C1")
    assert "#C2" in notice and "deleted" in notice


async def test_rate_limits_and_server_errors_are_retried_with_backoff(store, clock, mod):
    platform = NoncePlatform(
        errors=[RateLimited("slow down", 20.0), TransientError("502"), TransientError("503")]
    )
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    scheduler = await setup(engine, mod)
    clock.current = SLOT
    await scheduler.tick()
    await scheduler.drain()
    [post] = prompts(platform)
    [run] = await runs(engine)
    assert (run.status, run.attempts) == ("posted", 4)
    # 20 s (retry_after), then 4 s and 8 s of exponential backoff.
    assert clock.current == SLOT + timedelta(seconds=32)
    assert post.nonce == nonce_for(1, SLOT)


async def test_retries_stop_at_the_end_of_the_grace(store, clock, mod):
    platform = PlainPlatform(errors=[TransientError("502")] * 50)
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    await engine.execute_text(mod, "config set grace_minutes 5")
    scheduler = await setup(engine, mod)
    clock.current = SLOT
    await scheduler.tick()
    await scheduler.drain()
    assert prompts(platform) == []
    [run] = await runs(engine)
    assert run.status == "failed" and "gave up" in run.detail
    assert clock.current <= SLOT + timedelta(minutes=5)
    # The item was not used up by the failed attempts.
    platform.errors.clear()
    assert "qn1" in (await engine.execute_text(mod, "question")).message.plain()


async def test_an_exhausted_pool_is_told_once_and_restarts_only_if_asked(
    engine, platform, clock, mod
):
    scheduler = await setup(engine, mod)  # two questions in the sample
    await drive(scheduler, clock, at(23, 20))
    assert len(prompts(platform)) == 2
    assert [r.status for r in await runs(engine)] == ["posted", "posted", "exhausted", "exhausted"]
    told = [n for n in notices(platform) if "nothing left to post" in n]
    assert len(told) == 1 and "All questions of “A test review” (2)" in told[0]
    await engine.execute_text(mod, "config set rotation restart")
    await drive(scheduler, clock, at(24, 20))
    assert [r.item_short_id for r in await runs(engine)][-1] == "qn1"
    assert len(prompts(platform)) == 3


async def test_a_once_schedule_runs_once_and_finishes(engine, platform, clock, mod):
    scheduler = await setup(engine, mod, when="2026-11-21 20:00")
    await drive(scheduler, clock, at(30, 0))
    assert len(prompts(platform)) == 1
    assert (await schedule_row(engine)).status == "done"
    listing = (await engine.execute_text(mod, "schedule list")).message.plain()
    assert "[finished]" in listing and "posted qn1" in listing


async def test_changing_the_time_zone_moves_the_next_run(engine, platform, clock, mod):
    scheduler = await setup(engine, mod)
    await engine.execute_text(mod, "config set timezone Europe/Paris")
    assert await scheduler.next_wake() == at(20, 18)  # 19:00 in Paris is 18:00 UTC
    await drive(scheduler, clock, at(20, 18, 30))
    assert len(prompts(platform)) == 1


async def test_schedules_wait_for_their_platform(engine, platform, clock, mod):
    await load_sample(engine, mod)
    slack = context(platform="other", workspace="T1")
    await load_sample(engine, slack)
    await add(engine, slack, "daily 19:00")
    scheduler = Scheduler(engine)
    clock.current = SLOT
    assert await scheduler.tick() == 0  # "other" is not connected
    assert await scheduler.next_wake() == SLOT + timedelta(seconds=1)
    other = NoncePlatform(name="other")
    engine.attach(other)
    assert await scheduler.tick() == 1
    assert len(prompts(other)) == 1 and platform.posts == []


@pytest.mark.parametrize(
    ("zone", "start", "expected"),
    [
        # Clocks go back: 01:30 happens twice on 25 October, and is posted once.
        ("Europe/London", datetime(2026, 10, 24, 12, tzinfo=UTC), ["10-25 00:30", "10-26 01:30"]),
        # Clocks go forward: 02:30 does not exist on 8 March; posted at 03:00 EDT.
        ("America/New_York", datetime(2026, 3, 7, 12, tzinfo=UTC), ["03-08 07:00", "03-09 06:30"]),
        # Southern hemisphere, both ways.
        ("Australia/Sydney", datetime(2026, 4, 4, 12, tzinfo=UTC), ["04-04 15:30", "04-05 16:30"]),
        ("Australia/Sydney", datetime(2026, 10, 3, 12, tzinfo=UTC), ["10-03 16:00", "10-04 15:30"]),
    ],
)
async def test_daylight_saving_days_post_exactly_once(
    engine, platform, clock, mod, zone, start, expected
):
    wall = "01:30" if zone == "Europe/London" else "02:30"
    clock.current = start
    await engine.execute_text(mod, f"config set timezone {zone}")
    scheduler = await setup(engine, mod, when=f"daily {wall}", kind=None)
    fired = await drive(scheduler, clock, start + timedelta(days=2))
    assert [f.strftime("%m-%d %H:%M") for f in fired] == expected
    assert len(prompts(platform)) == 2
