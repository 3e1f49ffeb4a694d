"""A whole screening on a fake clock: announcement, RSVPs, reminders, the arc, the recap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from bot.engine import Engine
from bot.messages import QuestionBlock
from bot.platform import MessageRef, MissingPermission, OutcomeUnknown
from tests.conftest import context, load_sample
from tests.fakes import FakePlatform
from tests.scheduler.conftest import Crash, NoncePlatform, PlainPlatform
from tests.screenings.helpers import drive, scheduler_for, slots

pytestmark = pytest.mark.backends  # on SQLite, and on PostgreSQL where the tests have one

T0 = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)  # Tuesday; London is on BST until Sunday 25th


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=UTC)


async def setup(engine: Engine, clock, mod, *settings: str) -> None:  # type: ignore[no-untyped-def]
    clock.current = T0
    await load_sample(engine, mod)
    for line in ("timezone Europe/London", *settings):
        reply = await engine.execute_text(mod, f"config set {line}")
        assert "not accepted" not in reply.message.plain(), reply.message.plain()


async def add(engine: Engine, mod, text: str = '"2026-10-22 19:00" where="Room 2"') -> str:  # type: ignore[no-untyped-def]
    return (await engine.execute_text(mod, f"screening add {text}")).message.plain()


def texts(platform: FakePlatform, channel: str = "C1") -> list[str]:
    return [p.message.plain() for p in platform.channel_posts(channel)]


def thread_posts(platform: FakePlatform, thread_id: str):  # type: ignore[no-untyped-def]
    return [p for p in platform.posts if p.thread_id == thread_id]


async def test_a_whole_arc_from_announcement_to_recap_across_a_dst_change(
    engine, platform, clock, mod
):
    await setup(engine, clock, mod, "spoiler_days 3")
    scheduler = scheduler_for(engine)
    reply = await add(engine, mod)
    assert "Screening #1 added: Her, Thu 2026-10-22 19:00 BST" in reply, reply

    # The announcement goes out at once: film, time in the club's zone, place, how to say "I'm in".
    assert await drive(scheduler, clock, T0) == [T0]
    [announcement] = texts(platform)
    assert "Screening #1: Her, Thu 2026-10-22 19:00 BST · Room 2" in announcement
    assert "/filmclub rsvp 1" in announcement and "0 said they're in" in announcement

    # Two members say they are in (one changes her mind and back: counted once).
    for user in ("ann", "bob", "ann"):
        reply = await engine.execute_text(context(user, admin=False), "rsvp 1")
        assert "You're in for screening #1" in reply.message.plain()
    listing = (await engine.execute_text(context("cy", admin=False), "screening list")).message
    assert (
        "2 coming" in listing.plain()
        and "next: reminder Wed 2026-10-21 19:00 BST" in listing.plain()
    )

    # Reminders 24 h and 1 h before, naming those coming only by count.
    fired = await drive(scheduler, clock, utc(22, 18, 30))
    assert fired == [utc(21, 18), utc(22, 17)]
    reminders = texts(platform)[1:]
    assert len(reminders) == 2
    assert "starts in 24h" in reminders[0] and "starts in 1h" in reminders[1]
    for text in reminders:
        assert "2 said they're in" in text
        assert "ann" not in text and "bob" not in text and "@" not in text

    # The arc: after the screening ends (22:00), one prompt a day at 19:00 London time, in one
    # thread named after the film; the clocks go back on Sunday 25th, the hour stays 19:00.
    fired = await drive(scheduler, clock, utc(23, 20))
    assert fired == [utc(23, 18)]
    opening = texts(platform)[3]
    assert "Let's talk about Her" in opening
    [thread_id] = [tid for tid, (_, title, _) in platform.threads.items() if title == "Her"]
    ctx_ann = context("ann", admin=False)
    await engine.record_reply("fake", "W1", thread_id, "r1", "ann")
    await engine.record_reply("fake", "W1", thread_id, "r2", "bob")
    await engine.record_reply("fake", "W1", thread_id, "r2", "bob")  # a retried event: once
    assert ctx_ann  # members replied in the thread

    fired = await drive(scheduler, clock, utc(27, 23))
    assert fired == [utc(24, 18), utc(25, 19), utc(26, 19), utc(27, 19)]
    prompts_in_thread = thread_posts(platform, thread_id)
    assert len(prompts_in_thread) >= 5
    # Kinds are mixed day by day: a question, then a quote, then an exchange...
    firsts = [p for p in prompts_in_thread if "Part 2" not in p.message.plain()]
    assert isinstance(firsts[0].message.blocks[0], QuestionBlock)
    assert not isinstance(firsts[1].message.blocks[0], QuestionBlock)
    # Spoiler mode for the arc's quotes until spoiler_days (3) after the screening.
    assert firsts[1].message.spoiler is True  # Saturday 24th: a quote, within three days
    later_quotes = [p for p in firsts[2:] if not isinstance(p.message.blocks[0], QuestionBlock)]
    assert later_quotes and all(p.message.spoiler is False for p in later_quotes)
    await engine.record_reply("fake", "W1", thread_id, "r3", "cy")  # after the 4th prompt

    # The recap, the day after the last prompt: counts only, the liveliest prompt linked.
    fired = await drive(scheduler, clock, utc(29, 0))
    assert fired == [utc(28, 19)]
    recap = texts(platform)[-1]
    assert "Recap of screening #1: Her" in recap
    assert "Prompts: 5" in recap and "Replies: 3" in recap and "Participants: 3" in recap
    assert "Taking part for the first time: 3" in recap
    assert "Most replies (2): “Is Samantha's love real?”" in recap
    assert f"(in thread {thread_id})" in recap
    assert [s.status for s in await slots(engine)] == ["posted"] * 9

    # Nothing more, ever; the screening is finished; an on-demand recap says the same.
    assert await drive(scheduler, clock, utc(31, 0)) == []
    listing = (await engine.execute_text(mod, "screening list")).message.plain()
    assert "[finished]" in listing
    on_demand = (await engine.execute_text(mod, "recap")).message.plain()
    assert "Replies: 3" in on_demand and "Prompts: 5" in on_demand


async def test_one_thread_per_prompt_when_the_club_asks(engine, platform, clock, mod):
    await setup(
        engine, clock, mod, "arc_threads per-prompt", "arc_days 2", "screening_reminders none"
    )
    scheduler = scheduler_for(engine)
    await add(engine, mod)
    await drive(scheduler, clock, utc(24, 20))  # both prompts, not yet the recap
    titles = [title for _, title, _ in platform.threads.values()]
    assert len(titles) == 2 and "Her" not in titles
    assert "Is Samantha's love real?" in titles[0]
    first_thread = next(iter(platform.threads))
    await engine.record_reply("fake", "W1", first_thread, "r1", "ann")
    await drive(scheduler, clock, utc(27, 0))
    recap = texts(platform)[-1]
    assert "Prompts: 2" in recap and "Replies: 1" in recap and "Most replies (1)" in recap


async def test_a_restart_in_the_middle_of_the_arc_posts_nothing_twice(engine, platform, clock, mod):
    await setup(engine, clock, mod)
    scheduler = scheduler_for(engine)
    await add(engine, mod)
    await drive(scheduler, clock, utc(24, 20))  # announcement, 2 reminders, 2 arc prompts
    before = len(platform.posts)
    # A new process on the same database: a fresh engine, scheduler and slot source.
    fresh = Engine(engine.store, clock=clock)
    fresh.attach(platform)
    again = scheduler_for(fresh)
    assert await drive(again, clock, utc(24, 21)) == []
    assert len(platform.posts) == before
    fired = await drive(again, clock, utc(29, 0))
    assert fired == [utc(25, 19), utc(26, 19), utc(27, 19), utc(28, 19)]
    assert [s.status for s in await slots(fresh)] == ["posted"] * 9


async def test_a_crash_during_a_post_is_settled_once_by_platform(store, clock, mod):
    # Slack and the console cannot dedupe: the slot is unknown, not re-posted, moderators told.
    plain = PlainPlatform()
    engine = Engine(store, clock=clock)
    engine.attach(plain)
    await setup(engine, clock, mod, "screening_reminders 1h")
    scheduler = scheduler_for(engine)
    await add(engine, mod)
    await drive(scheduler, clock, T0)
    plain.crash_after_post = True
    try:
        await drive(scheduler, clock, utc(22, 17, 30))
    except Crash:
        pass
    reminders = [p for p in plain.channel_posts("C1") if "starts in" in p.message.plain()]
    assert len(reminders) == 1
    fresh = Engine(store, clock=clock)
    fresh.attach(plain)
    await drive(scheduler_for(fresh), clock, utc(22, 17, 45))
    reminders = [p for p in plain.channel_posts("C1") if "starts in" in p.message.plain()]
    assert len(reminders) == 1
    notice = plain.channel_posts("C1")[-1].message.plain()
    assert "bot stopped while posting the reminder" in notice
    assert [s.status for s in await slots(fresh) if s.kind == "remind"] == ["unknown"]


async def test_a_crash_on_a_deduping_platform_is_posted_once_with_the_same_nonce(store, clock, mod):
    nonce_platform = NoncePlatform()
    engine = Engine(store, clock=clock)
    engine.attach(nonce_platform)
    await setup(engine, clock, mod, "screening_reminders 1h")
    scheduler = scheduler_for(engine)
    await add(engine, mod)
    await drive(scheduler, clock, T0)
    nonce_platform.crash_after_post = True
    try:
        await drive(scheduler, clock, utc(22, 17, 1))
    except Crash:
        pass
    fresh = Engine(store, clock=clock)
    fresh.attach(nonce_platform)
    await drive(scheduler_for(fresh), clock, utc(22, 17, 3))
    reminders = [p for p in nonce_platform.channel_posts("C1") if "starts in" in p.message.plain()]
    assert len(reminders) == 1
    assert [s.status for s in await slots(fresh) if s.kind == "remind"] == ["posted"]


async def test_downtime_catches_up_within_grace_and_skips_older_slots(engine, platform, clock, mod):
    await setup(engine, clock, mod)
    scheduler = scheduler_for(engine)
    await add(engine, mod)
    await drive(scheduler, clock, T0)
    # Offline from before the 24 h reminder until 30 minutes after the 1 h reminder.
    clock.current = utc(22, 17, 30)
    assert await scheduler.tick() == 1
    reminders = [t for t in texts(platform) if "starts in" in t]
    assert len(reminders) == 1 and "starts in 30m" in reminders[0]
    statuses = {(s.kind, s.seq): s.status for s in await slots(engine)}
    assert statuses[("remind", 0)] == "skipped" and statuses[("remind", 1)] == "posted"
    # Offline through a whole arc day: that prompt is skipped, the next one posts.
    clock.current = utc(24, 20, 30)
    await scheduler.tick()
    statuses = {(s.kind, s.seq): s.status for s in await slots(engine)}
    assert statuses[("arc", 0)] == "skipped" and statuses[("arc", 1)] == "skipped"
    # Back 30 minutes after the next one was due: within the grace, it is posted late.
    clock.current = utc(25, 19, 30)
    assert await scheduler.tick() == 1
    statuses = {(s.kind, s.seq): s.status for s in await slots(engine)}
    assert statuses[("arc", 2)] == "posted"


async def test_cancel_tells_those_coming_and_stops_every_slot(engine, platform, clock, mod):
    await setup(engine, clock, mod)
    scheduler = scheduler_for(engine)
    await add(engine, mod)
    await drive(scheduler, clock, T0)
    for user in ("ann", "bob"):
        await engine.execute_text(context(user, admin=False), "rsvp 1")
    reply = await engine.execute_text(context("ann", admin=False), "screening cancel 1")
    assert "Only the club's moderators" in reply.message.plain()
    reply = await engine.execute_text(mod, "screening cancel 1")
    assert "is cancelled. 2 had said they were coming" in reply.message.plain()
    notice = texts(platform)[-1]
    assert "Screening #1 (Her, Thu 2026-10-22 19:00 BST) is cancelled." in notice
    assert "2 had said they were coming" in notice and "ann" not in notice
    before = len(platform.posts)
    assert await drive(scheduler, clock, utc(31, 0)) == []
    assert len(platform.posts) == before
    assert {s.status for s in await slots(engine)} == {"posted", "dropped"}
    reply = await engine.execute_text(context("cy", admin=False), "rsvp 1")
    assert "not taking answers" in reply.message.plain()


async def test_a_lost_permission_pauses_the_screening_and_tells_the_moderators(
    engine, platform, clock, mod
):
    await setup(engine, clock, mod, "log_channel LOG")
    scheduler = scheduler_for(engine)
    await add(engine, mod)
    await drive(scheduler, clock, T0)
    platform.fail_next["post_message"] = MissingPermission(
        "the bot needs the Send Messages permission in #C1", "send_messages"
    )
    await drive(scheduler, clock, utc(21, 19))
    [notice] = texts(platform, "LOG")
    assert "Screening #1 (Her) in #C1 is paused" in notice and "Send Messages" in notice
    assert "screening resume 1" in notice
    before = len(platform.posts)
    await drive(scheduler, clock, utc(22, 17, 30))
    assert len(platform.posts) == before  # paused: nothing
    reply = await engine.execute_text(mod, "screening resume 1")
    assert "running again" in reply.message.plain()
    await drive(scheduler, clock, utc(22, 17, 30))
    assert "starts in 30m" in texts(platform)[-1]


async def test_edit_moves_the_slots_and_says_so(engine, platform, clock, mod):
    await setup(engine, clock, mod)
    scheduler = scheduler_for(engine)
    await add(engine, mod)
    await drive(scheduler, clock, T0)
    reply = await engine.execute_text(
        mod, 'screening edit 1 when="2026-10-23 20:00" where="Hall B"'
    )
    assert "is now Fri 2026-10-23 20:00 BST, Hall B" in texts(platform)[-1]
    # Posted in this very channel: the reply points there instead of saying it twice.
    assert reply.message.plain() == "Screening #1 changed; the change is posted in #C1."
    fired = await drive(scheduler, clock, utc(23, 20))
    assert fired == [utc(22, 19), utc(23, 18)]


async def test_bad_input_is_explained_and_changes_nothing(engine, platform, clock, mod):
    await setup(engine, clock, mod)
    for line, expected in (
        ("screening add someday", "I can't read"),
        ('screening add "2020-01-01 19:00"', "no time left"),
        ("screening cancel 9", "There is no screening #9"),
        ("screening edit 1", "There is no screening #1"),
        ("rsvp x", "is not a number"),
        ("recap", "No screening has taken place yet"),
        ("config set arc_time 25:00", "a time of day"),
        ("config set screening_reminders soon", "durations before the screening"),
        ("config set screening_length 5m", "a duration from 30 minutes"),
        ("config set selection clever", "rotation, engaging"),
    ):
        reply = (await engine.execute_text(mod, line)).message.plain()
        assert expected in reply, (line, reply)
    assert await engine.store.screenings.list(1) == []
    assert platform.posts == []


async def test_an_announcement_refused_is_posted_after_resume(engine, platform, clock, mod):
    await setup(engine, clock, mod)
    scheduler = scheduler_for(engine)
    platform.fail_next["post_message"] = MissingPermission("no Send Messages in #C1", "send")
    await add(engine, mod)
    await drive(scheduler, clock, T0)
    assert "is paused: no Send Messages in #C1" in texts(platform)[-1]
    assert not any("🎬" in text for text in texts(platform))
    await engine.execute_text(mod, "screening resume 1")
    await drive(scheduler, clock, utc(20, 12, 5))
    assert "🎬 Screening #1: Her" in texts(platform)[-1]


async def test_changing_the_arc_time_or_length_moves_the_slots_to_come(
    engine, platform, clock, mod
):
    await setup(engine, clock, mod)
    scheduler = scheduler_for(engine)
    await add(engine, mod)
    await drive(scheduler, clock, T0)
    await engine.execute_text(mod, "config set arc_time 20:30")
    await engine.execute_text(mod, "config set arc_days 2")
    due = {(s.kind, s.seq): (s.due_at, s.status) for s in await slots(engine)}
    assert due[("arc", 0)] == ("2026-10-23T19:30:00Z", "pending")
    assert due[("arc", 1)] == ("2026-10-24T19:30:00Z", "pending")
    assert due[("arc", 2)][1] == "dropped"
    assert due[("recap", 0)] == ("2026-10-25T20:30:00Z", "pending")  # GMT by then
    fired = await drive(scheduler, clock, utc(26, 0))
    assert fired == [utc(21, 18), utc(22, 17), utc(23, 19, 30), utc(24, 19, 30), utc(25, 20, 30)]


async def test_a_prompt_whose_thread_is_refused_is_kept_and_the_screening_pauses(
    engine, platform, clock, mod
):
    await setup(engine, clock, mod, "arc_threads per-prompt", "log_channel LOG")
    scheduler = scheduler_for(engine)
    await add(engine, mod)
    await drive(scheduler, clock, utc(23, 17))
    platform.fail_next["open_thread"] = MissingPermission(
        "the bot needs Create Public Threads in #C1", "threads"
    )
    await drive(scheduler, clock, utc(25, 0))
    statuses = {(s.kind, s.seq): s.status for s in await slots(engine)}
    assert statuses[("arc", 0)] == "posted" and statuses[("arc", 1)] == "pending"
    [notice] = texts(platform, "LOG")
    assert "is paused: the bot needs Create Public Threads" in notice


async def test_a_deleted_document_fails_its_slots_without_stopping_the_scheduler(
    engine, platform, clock, mod
):
    await setup(engine, clock, mod, "arc_days 1")
    scheduler = scheduler_for(engine)
    await add(engine, mod)
    await drive(scheduler, clock, utc(22, 18))
    await engine.store.db.execute("DELETE FROM documents")
    fired = await drive(scheduler, clock, utc(25, 0))
    assert fired == [utc(24, 18)]  # the recap still comes; the prompt could not
    statuses = {(s.kind, s.seq): (s.status, s.detail) for s in await slots(engine)}
    assert statuses[("arc", 0)] == ("failed", "the screening's document is gone")


@dataclass
class LookupPlatform(PlainPlatform):
    """Like Slack: no deduping nonce, but a post made with a nonce can be looked up."""

    lose_answer: bool = False  # the post is made, and its answer lost
    crash_before_post: bool = False

    async def post_message(self, channel_id, message, *, nonce=None, title=None):  # type: ignore[no-untyped-def]
        if self.crash_before_post:
            self.crash_before_post = False
            raise Crash()
        ref = await FakePlatform.post_message(self, channel_id, message, nonce=nonce, title=title)
        if self.lose_answer:
            self.lose_answer = False
            raise OutcomeUnknown("the connection was reset")
        return ref

    async def find_post(self, channel_id, nonce, since):  # type: ignore[no-untyped-def]
        for post in self.posts:
            if post.nonce == nonce and post.channel_id == channel_id:
                return MessageRef(channel_id, post.message_id)
        return None


def reminder_posts(platform: FakePlatform) -> list[str]:
    return [
        p.message.plain() for p in platform.channel_posts("C1") if "starts in" in p.message.plain()
    ]


async def test_a_post_in_doubt_is_looked_up_where_the_platform_can(store, clock, mod):
    lookup = LookupPlatform()
    engine = Engine(store, clock=clock)
    engine.attach(lookup)
    await setup(engine, clock, mod, "screening_reminders 24h,1h")
    scheduler = scheduler_for(engine)
    await add(engine, mod)
    await drive(scheduler, clock, T0)
    # The answer to the 24 h reminder is lost: it is found by its nonce, not sent again.
    lookup.lose_answer = True
    await drive(scheduler, clock, utc(21, 18, 5))
    assert len(reminder_posts(lookup)) == 1
    # The bot stops after claiming the 1 h reminder, before sending it: on the next start
    # the lookup finds nothing, so it is sent (within the grace), once.
    lookup.crash_before_post = True
    try:
        await drive(scheduler, clock, utc(22, 17, 1))
    except Crash:
        pass
    fresh = Engine(store, clock=clock)
    fresh.attach(lookup)
    await drive(scheduler_for(fresh), clock, utc(22, 17, 10))
    assert len(reminder_posts(lookup)) == 2
    assert [s.status for s in await slots(fresh) if s.kind == "remind"] == ["posted", "posted"]
