"""Stopping the scheduler finishes whatever the timing, even while a wake-up fires."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.clock import SystemClock
from bot.engine import Engine
from bot.scheduler import Scheduler

REPETITIONS = 40
DELAYS = range(7)  # loop turns between the wake-up and the cancellation: covers the race window


async def sleeper(clock: SystemClock, wake: asyncio.Event) -> None:
    while True:  # like the scheduler's loop: clear, look, sleep until the next slot or a wake-up
        wake.clear()
        await asyncio.sleep(0)
        await clock.sleep_until(clock.now() + timedelta(hours=1), wake)


async def turns(n: int) -> None:
    for _ in range(n):
        await asyncio.sleep(0)


async def test_a_cancellation_during_a_wake_up_is_never_lost():
    clock = SystemClock()
    hung = 0
    for delay in DELAYS:
        for _ in range(REPETITIONS):
            wake = asyncio.Event()
            task = asyncio.create_task(sleeper(clock, wake))
            await turns(3)
            wake.set()
            await turns(delay)
            task.cancel()
            done, _ = await asyncio.wait({task}, timeout=0.5)
            if not done:
                hung += 1
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
            else:
                assert task.cancelled()
    assert hung == 0, f"{hung} of {len(DELAYS) * REPETITIONS} sleeps went back to sleep"


async def test_the_clock_still_wakes_and_times_out():
    clock = SystemClock()
    wake = asyncio.Event()
    asyncio.get_running_loop().call_later(0.01, wake.set)
    await asyncio.wait_for(clock.sleep_until(clock.now() + timedelta(hours=1), wake), 5)
    await asyncio.wait_for(clock.sleep_until(clock.now() + timedelta(seconds=0.02), wake), 5)


async def test_stop_right_after_a_change_always_finishes(store):
    # A script that changed a schedule and ended at once: wake() and stop() race.
    engine = Engine(store)
    hung = 0
    for delay in DELAYS:
        for _ in range(REPETITIONS // 4):
            scheduler = Scheduler(engine)
            task = scheduler.start()
            await asyncio.sleep(0.02)  # let it finish its first pass and go to sleep
            scheduler.wake()
            await turns(delay)
            stopping = asyncio.create_task(scheduler.stop())
            done, _ = await asyncio.wait({stopping}, timeout=2)
            if not (done and task.done()):
                hung += 1
                while not task.done():
                    task.cancel()
                    await asyncio.wait({task}, timeout=0.1)
                await asyncio.gather(stopping, return_exceptions=True)
    assert hung == 0, f"stop() hung {hung} times"
