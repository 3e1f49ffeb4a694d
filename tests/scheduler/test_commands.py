"""The schedule commands as moderators (and members) type them."""

from __future__ import annotations

import pytest

from bot.scheduler import Scheduler
from tests.conftest import context, load_sample
from tests.scheduler.conftest import drive, prompts, schedule_row
from tests.test_moderation import dump

pytestmark = pytest.mark.backends


async def text(engine, ctx, line: str) -> str:  # type: ignore[no-untyped-def]
    return (await engine.execute_text(ctx, line)).message.plain()


async def test_add_shows_the_next_three_runs_in_the_clubs_zone(engine, mod):
    await load_sample(engine, mod)
    await text(engine, mod, "config set timezone Europe/London")
    reply = await text(engine, mod, 'schedule add "fridays 19:00" question')
    assert "Schedule #1 added: fridays 19:00 (Europe/London)" in reply
    assert "a question in #C1" in reply
    assert "Fri 2026-11-20 19:00 GMT, Fri 2026-11-27 19:00 GMT, Fri 2026-12-04 19:00 GMT" in reply
    await text(engine, mod, "config set timezone America/New_York")
    reply = await text(engine, mod, 'schedule add "weekdays 08:30"')
    assert "Mon 2026-11-23 08:30 EST" in reply and "a prompt of the club's kinds" in reply


async def test_phrases_can_be_typed_without_quotes(engine, mod):
    await load_sample(engine, mod)
    reply = await text(engine, mod, "schedule add fridays 19:00 question")
    assert "Schedule #1 added: fridays 19:00 (UTC), a question" in reply
    reply = await text(engine, mod, "schedule add 2026-12-04 20:00 quote")
    assert "#2 added: 2026-12-04 20:00 (UTC), a quote" in reply
    assert "Next runs: Fri 2026-12-04 20:00 UTC." in reply
    reply = await text(engine, mod, 'schedule add "every 2 days 20:00" exchange')
    assert "every 2 days 20:00 from 2026-11-20" in reply
    assert "Fri 2026-11-20 20:00 UTC, Sun 2026-11-22 20:00 UTC, Tue 2026-11-24 20:00 UTC" in reply
    reply = await text(engine, mod, 'schedule add "30 8 * * mon-fri" question channel=C1')
    assert "30 8 * * mon-fri" in reply and "Mon 2026-11-23 08:30 UTC" in reply


async def test_a_schedule_can_post_elsewhere_from_a_chosen_document(engine, platform, clock, mod):
    await load_sample(engine, mod)
    reply = await text(engine, mod, 'schedule add "daily 19:00" question "#C7" 1')
    assert "in #C7, from document #1" in reply
    await drive(Scheduler(engine), clock, clock.current.replace(hour=20))
    assert len(prompts(platform, "C7")) == 1


async def test_mistakes_are_explained_and_store_nothing(engine, store, mod):
    await load_sample(engine, mod)
    before = await dump(store)
    for line, expected in [
        ('schedule add "sometimes soon"', "can't read"),
        ('schedule add "daily 25:00"', "not a time"),
        ('schedule add "0 19 * * 9"', "out of range for the day-of-week field"),
        ('schedule add "2026-11-01 20:00"', "has passed"),
        ('schedule add "daily 19:00" question #C9', "no active document"),
        ("schedule add fridays 19:00 question #C1 1 spare", "quotes"),
        ("schedule pause 4", "no schedule #4"),
        ("schedule pause soon", "not a schedule number"),
    ]:
        reply = await text(engine, mod, line)
        assert expected in reply, (line, reply)
    assert await dump(store) == before


async def test_list_pause_resume_remove(engine, platform, clock, mod):
    await load_sample(engine, mod)
    assert "No schedules yet" in await text(engine, mod, "schedule list")
    await text(engine, mod, 'schedule add "daily 19:00" question')
    await text(engine, mod, 'schedule add "2026-11-21 09:00" quote')
    listing = await text(engine, mod, "schedule list")
    assert "Schedules (times in UTC)" in listing
    assert (
        "#1 daily 19:00: a question in #C1, from the channel's active document [active]" in listing
    )
    assert "next: Fri 2026-11-20 19:00 UTC, Sat 2026-11-21 19:00 UTC, Sun 2026-11-22" in listing
    assert "has not run yet" in listing
    scheduler = Scheduler(engine)
    await drive(scheduler, clock, clock.current.replace(day=21, hour=12))
    listing = await text(engine, mod, "schedule list")
    assert "last: Fri 2026-11-20 19:00 UTC: posted qn1" in listing
    assert "last: Sat 2026-11-21 09:00 UTC: posted qt1" in listing
    assert "#2 2026-11-21 09:00: a quote" in listing and "[finished]" in listing
    assert "is paused" in await text(engine, mod, "schedule pause 1")
    assert "not running" in await text(engine, mod, "schedule pause 1")
    assert "[paused (paused by mod)]" in await text(engine, mod, "schedule list")
    assert "Sat 2026-11-21 19:00 UTC" in await text(engine, mod, "schedule resume 1")
    assert "already running" in await text(engine, mod, "schedule resume 1")
    assert "stays finished" in await text(engine, mod, "schedule resume 2")
    assert "is deleted" in await text(engine, mod, "schedule remove 1")
    assert "#1 " not in await text(engine, mod, "schedule list")
    await drive(scheduler, clock, clock.current.replace(day=23))
    assert len(prompts(platform)) == 2  # the removed schedule posts nothing more


async def test_the_schedule_commands_are_refused_to_members_with_no_change(
    engine, store, mod, member
):
    await load_sample(engine, mod)
    await text(engine, mod, 'schedule add "daily 19:00" question')
    before = await dump(store)
    for line in [
        'schedule add "daily 20:00" quote',
        "schedule list",
        "schedule pause 1",
        "schedule resume 1",
        "schedule remove 1",
    ]:
        reply = await text(engine, member, line)
        assert "Only the club's moderators" in reply, line
    assert await dump(store) == before
    assert "schedule" not in await text(engine, member, "help")
    assert "/filmclub schedule add <when>" in await text(engine, mod, "help")


async def test_another_club_cannot_see_or_touch_a_schedule(engine, mod):
    await load_sample(engine, mod)
    await text(engine, mod, 'schedule add "daily 19:00" question')
    other = context("boss", workspace="W2")
    assert "No schedules yet" in await text(engine, other, "schedule list")
    assert "no schedule #1" in await text(engine, other, "schedule pause 1")
    assert "no schedule #1" in await text(engine, other, "schedule remove 1")
    assert (await schedule_row(engine)).status == "active"
