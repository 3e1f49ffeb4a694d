"""Stops mid fan-out and lost answers, on a real store: only posts really in flight are in doubt,
the platform is asked before anything is sent again, and moderators hear of a slot at most once."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from bot.engine import Engine
from bot.messages import Message
from bot.platform import MessageRef, OutcomeUnknown, TransientError
from bot.scheduler import Scheduler
from tests.conftest import context, load_sample
from tests.fakes import FakePlatform
from tests.scheduler.conftest import add, prompts, runs

pytestmark = pytest.mark.backends

SLOT = datetime(2026, 11, 20, 19, 0, tzinfo=UTC)
CHANNELS = [f"C{n}" for n in range(1, 7)]
HEAD = "The bot stopped while posting"


@dataclass
class Faulty(FakePlatform):
    """No nonce dedupe (like Slack or the console), with faults on the next posts:
    ``hang``: made, then the call never returns (the process stops mid-call);
    ``hang_before``: the call never returns and nothing was made;
    ``lose``: made, then the answer is lost (a reset connection)."""

    hang: int = 0
    hang_before: int = 0
    lose: int = 0
    hang_on_text: str | None = None
    calls: int = 0

    async def post_message(
        self,
        channel_id: str,
        message: Message,
        *,
        nonce: str | None = None,
        title: str | None = None,
    ) -> MessageRef:
        self.calls += 1
        if self.hang_before > 0:
            self.hang_before -= 1
            await asyncio.Event().wait()
        ref = await FakePlatform.post_message(self, channel_id, message, title=title)
        self.posts[-1].nonce = nonce
        if self.hang > 0 or (self.hang_on_text and self.hang_on_text in message.plain()):
            self.hang = max(self.hang - 1, 0)
            await asyncio.Event().wait()
        if self.lose > 0:
            self.lose -= 1
            raise OutcomeUnknown("connection reset")
        return ref


@dataclass
class Finding(Faulty):
    """Like Slack: a post made with a nonce can be looked up in its channel."""

    lookups: list[str] = field(default_factory=list)

    async def find_post(self, channel_id: str, nonce: str, since: datetime) -> MessageRef | None:
        self.lookups.append(nonce)
        for post in self.channel_posts(channel_id):
            if post.nonce == nonce:
                return MessageRef(channel_id, post.message_id)
        return None


async def setup(engine: Engine, mod, channels=CHANNELS) -> None:  # type: ignore[no-untyped-def]
    await load_sample(engine, mod)
    for channel in channels:
        await add(engine, mod, "daily 19:00", "question", channel=f"#{channel}", document="1")


async def stop_mid_fan_out(engine: Engine, platform: Faulty, in_flight: int) -> None:
    """Run the 19:00 fan-out and stop the process while ``in_flight`` calls hang."""
    scheduler = Scheduler(engine, concurrency=in_flight)
    task = asyncio.create_task(scheduler.tick())
    for _ in range(1000):
        if platform.calls >= in_flight:
            break
        await asyncio.sleep(0.005)
    await asyncio.sleep(0.05)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await scheduler.stop()


def restart(engine: Engine, platform: FakePlatform, clock) -> tuple[Engine, Scheduler]:  # type: ignore[no-untyped-def]
    fresh = Engine(engine.store, clock=clock)
    fresh.attach(platform)
    return fresh, Scheduler(fresh, recovery_batch=2)


def notices(platform: FakePlatform) -> list[str]:
    return [p.message.plain() for p in platform.channel_posts() if HEAD in p.message.plain()]


async def statuses(engine: Engine) -> list[str]:
    out = []
    for number in range(1, len(CHANNELS) + 1):
        out += [r.status for r in await runs(engine, number)]
    return out


async def test_a_stop_mid_fan_out_leaves_in_doubt_only_the_posts_in_flight(store, clock, mod):
    platform = Faulty(hang=2)
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    await setup(engine, mod)
    clock.current = SLOT
    await stop_mid_fan_out(engine, platform, in_flight=2)
    assert len(platform.channel_posts()) == 2
    after = Faulty()
    clock.current = SLOT + timedelta(minutes=2)
    engine, scheduler = restart(engine, after, clock)
    assert await scheduler.tick() == 4  # the four never sent are posted, within the grace
    assert sorted(await statuses(engine)) == ["posted"] * 4 + ["unknown"] * 2
    for channel in CHANNELS:  # each with its own first question: no item was used up
        assert len(prompts(platform, channel)) + len(prompts(after, channel)) == 1
    [notice] = notices(after)  # one notice for the club, naming the two slots in doubt
    assert "2 scheduled prompts" in notice and notice.count("Schedule #") == 2
    engine, scheduler = restart(engine, after, clock)
    assert await scheduler.tick() == 0
    assert len(notices(after)) == 1


async def test_a_stop_while_sending_the_notice_never_sends_it_twice(store, clock, mod):
    platform = Faulty(hang=3)
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    await setup(engine, mod)
    clock.current = SLOT
    await stop_mid_fan_out(engine, platform, in_flight=3)
    clock.current = SLOT + timedelta(minutes=1)
    telling = Faulty(hang_on_text=HEAD)  # the stop comes during the notice's own post
    engine, _ = restart(engine, telling, clock)
    await stop_mid_fan_out(engine, telling, in_flight=4)
    assert len(notices(telling)) == 1
    later = Faulty()
    for minutes in (2, 3):
        clock.current = SLOT + timedelta(minutes=minutes)
        engine, scheduler = restart(engine, later, clock)
        await scheduler.tick()
    assert notices(later) == []  # the platform cannot tell if it arrived: not sent again
    assert sorted(await statuses(engine)) == ["posted"] * 3 + ["unknown"] * 3


async def test_on_a_platform_that_can_look_nothing_is_in_doubt_after_a_stop(store, clock, mod):
    platform = Finding(hang=1, hang_before=1)  # one post made, one never made, both in flight
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    await setup(engine, mod)
    clock.current = SLOT
    await stop_mid_fan_out(engine, platform, in_flight=2)
    clock.current = SLOT + timedelta(minutes=3)
    engine, scheduler = restart(engine, platform, clock)
    await scheduler.tick()
    assert len(platform.lookups) == 2  # only the two in flight were looked for
    for channel in CHANNELS:
        assert len(prompts(platform, channel)) == 1
    assert await statuses(engine) == ["posted"] * len(CHANNELS)
    assert notices(platform) == []


async def test_a_lost_answer_is_looked_up_not_re_sent(store, clock, mod):
    platform = Finding(lose=1)
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    await setup(engine, mod, ["C1"])
    scheduler = Scheduler(engine)
    clock.current = SLOT
    await scheduler.tick()
    await scheduler.drain()
    [post] = prompts(platform)
    [run] = await runs(engine)
    assert (run.status, run.message_id) == ("posted", post.message_id)
    assert len(platform.threads) == 1 and platform.lookups == [post.nonce]


async def test_a_lost_answer_that_never_arrived_is_posted_once_after_looking(store, clock, mod):
    platform = Finding()
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    await setup(engine, mod, ["C1"])
    scheduler = Scheduler(engine)
    real_post = platform.post_message
    failed: list[str] = []

    async def reset_before_arrival(channel_id, message, *, nonce=None, title=None):  # type: ignore[no-untyped-def]
        if not failed:
            failed.append(nonce)
            raise OutcomeUnknown("connection reset")
        return await real_post(channel_id, message, nonce=nonce, title=title)

    platform.post_message = reset_before_arrival  # type: ignore[method-assign]
    clock.current = SLOT
    await scheduler.tick()
    await scheduler.drain()
    assert len(prompts(platform)) == 1 and platform.lookups == failed
    [run] = await runs(engine)
    assert (run.status, run.item_short_id) == ("posted", "qn1")


async def test_a_lost_answer_where_nothing_can_tell_is_unknown_and_told_once(store, clock, mod):
    platform = Faulty(lose=1)
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    await setup(engine, mod, ["C1"])
    scheduler = Scheduler(engine)
    clock.current = SLOT
    await scheduler.tick()
    await scheduler.drain()
    assert len(prompts(platform)) == 1  # made once, never re-sent
    [run] = await runs(engine)
    assert run.status == "unknown"
    assert len(notices(platform)) == 1


async def test_slots_never_sent_and_past_the_grace_are_skipped_and_free_their_items(
    store, clock, mod
):
    platform = Faulty(hang_before=1)
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    await setup(engine, mod, ["C1", "C2"])
    clock.current = SLOT
    await stop_mid_fan_out(engine, platform, in_flight=1)
    clock.current = SLOT + timedelta(hours=3)
    engine, scheduler = restart(engine, Faulty(), clock)
    await scheduler.tick()
    found = [r.status for n in (1, 2) for r in await runs(engine, n)]
    assert sorted(found) == ["skipped", "unknown"]
    # The slot that was never sent did not use up its question.
    never_sent = "C2" if (await runs(engine, 1))[0].status == "unknown" else "C1"
    ctx = context(channel=never_sent)
    await engine.execute_text(ctx, "use 1")
    reply = await engine.execute_text(ctx, "question")
    assert "qn1" in reply.message.plain()


async def test_recovery_goes_in_batches_between_the_due_slots(store, clock, mod):
    platform = Faulty(hang_before=1)
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    await setup(engine, mod)
    await add(engine, mod, "daily 19:05", "question", channel="#C9", document="1")
    clock.current = SLOT
    await stop_mid_fan_out(engine, platform, in_flight=1)
    after = Faulty()
    clock.current = SLOT + timedelta(minutes=5)
    engine, scheduler = restart(engine, after, clock)
    await scheduler.tick()
    order = [p.channel_id for p in after.channel_posts() if HEAD not in p.message.plain()]
    assert len(order) == len(CHANNELS) and "C9" in order
    assert order.index("C9") < len(order) - 1  # not held up until the whole recovery ended


async def test_a_platform_that_cannot_be_asked_until_the_grace_ends_leaves_it_unknown(
    store, clock, mod
):
    @dataclass
    class Unreachable(Finding):
        async def find_post(self, channel_id, nonce, since):  # type: ignore[no-untyped-def]
            self.lookups.append(nonce)
            raise TransientError("history unavailable")

    platform = Unreachable(lose=1)
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    await engine.execute_text(mod, "config set grace_minutes 5")
    await setup(engine, mod, ["C1"])
    scheduler = Scheduler(engine)
    clock.current = SLOT
    await scheduler.tick()
    await scheduler.drain()
    assert len(prompts(platform)) == 1  # never re-sent while it could not be checked
    [run] = await runs(engine)
    assert run.status == "unknown"
    assert len(notices(platform)) == 1
    assert 1 < len(platform.lookups) < 20  # asked again with backoff, within the grace
    assert clock.current <= SLOT + timedelta(minutes=5)


async def test_each_club_hears_only_of_its_own_slots_in_one_notice(store, clock, mod):
    platform = Faulty(hang=4)
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    other = context(workspace="W2", channel="D1")
    await setup(engine, mod, ["C1", "C2"])
    await setup(engine, other, ["D1", "D2"])
    clock.current = SLOT
    await stop_mid_fan_out(engine, platform, in_flight=4)
    after = Faulty()
    clock.current = SLOT + timedelta(minutes=1)
    engine, scheduler = restart(engine, after, clock)
    await scheduler.tick()
    told = {
        p.channel_id: p.message.plain() for p in after.channel_posts() if HEAD in p.message.plain()
    }
    assert sorted(told) == ["C1", "D1"]  # each where its schedules were added
    assert "#C1" in told["C1"] and "#C2" in told["C1"] and "#D" not in told["C1"]
    assert "#D1" in told["D1"] and "#D2" in told["D1"] and "#C" not in told["D1"]
