"""Screenings on Discord: real discord.py against the fake REST API, with scheduled events."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.engine import Engine
from tests.discord.conftest import load_club_sample, mod_context
from tests.discord.fake_discord import GUILD_ID
from tests.discord.payloads import CHANNEL_ID, FORUM_ID, thread_message
from tests.discord.test_scheduled import connect
from tests.screenings.helpers import drive, scheduler_for, slots

T0 = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)  # London is on BST until Sunday 25th


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=UTC)


async def start(harness, engine: Engine, clock, *settings: str, channel: str = CHANNEL_ID):  # type: ignore[no-untyped-def]
    clock.current = T0
    await load_club_sample(engine, channel)
    for line in ("timezone Europe/London", *settings):
        await engine.execute_text(mod_context(), f"config set {line}")
    if channel == CHANNEL_ID:  # as a moderator types it on Discord
        options = {"when": "2026-10-22 19:00", "where": "Room 2"}
        text = harness.text(await harness.run("screening add", options, moderator=True))
    else:
        line = f'screening add "2026-10-22 19:00" where="Room 2" channel={channel}'
        text = (await engine.execute_text(mod_context(), line)).message.plain()
    assert "Screening #1 added: Her, Thu 2026-10-22 19:00 BST" in text, text
    scheduler = scheduler_for(engine)
    assert await drive(scheduler, clock, T0) == [T0]
    return scheduler


def contents(fake, channel: str = CHANNEL_ID) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        m["content"] + "".join(e.get("description", "") for e in m["embeds"])
        for m in fake.posted(channel)
    ]


async def test_a_screening_on_discord_with_its_scheduled_event(
    harness, fake, discord_engine, bot, clock
):
    scheduler = await start(harness, discord_engine, clock)
    [event] = fake.scheduled_events().values()
    assert event["name"] == "Her" and event["entity_type"] == 3
    assert event["entity_metadata"] == {"location": "Room 2"}
    assert event["scheduled_start_time"].startswith("2026-10-22T18:00:00")
    assert event["scheduled_end_time"].startswith("2026-10-22T21:00:00")
    [announcement] = fake.posted(CHANNEL_ID)
    assert "Thu 2026-10-22 19:00 BST · Room 2" in announcement["content"]
    assert f"https://discord.com/events/{GUILD_ID}/{event['id']}" in announcement["content"]
    assert announcement["allowed_mentions"]["parse"] == []

    # Members press Interested on the event; one more says so with the command.
    fake.interested(event["id"], 3)
    shown = await harness.run("rsvp", {"screening": 1}, user_id="600000000000000009")
    assert "You're in for screening #1 (Her); 4 coming." in harness.text(shown)
    shown = await harness.run("screening list")
    assert "4 coming" in harness.text(shown)

    # Reminders name those coming by count only; they ping nobody.
    await drive(scheduler, clock, utc(22, 18))
    reminders = [m for m in fake.posted(CHANNEL_ID) if "starts in" in m["content"]]
    assert len(reminders) == 2
    for message in reminders:
        assert "4 said they're in" in message["content"] and "<@" not in message["content"]
        assert message["allowed_mentions"]["parse"] == []

    # The arc: a thread named after the film, one prompt a day in it; replies are counted.
    await drive(scheduler, clock, utc(23, 20))
    [thread] = [t for t in fake.threads() if t["name"] == "Her"]
    assert len(fake.posted(thread["id"])) == 1
    for message_id, user in (("1401", "61"), ("1402", "62")):
        bot._connection.parse_message_create(
            thread_message(thread["id"], message_id=message_id, user_id=user)
        )
    await harness.settle()

    # A restart in the middle of the arc: a new process, nothing in memory.
    fresh = Engine(discord_engine.store, clock=clock)
    client = await connect(fresh)
    try:
        again = scheduler_for(fresh)
        before = len(fake.calls)
        assert await drive(again, clock, utc(23, 21)) == []
        assert not [c for c in fake.calls[before:] if c.method == "POST"]
        # The clocks go back on Sunday 25th: the prompts stay at 19:00 London time.
        fired = await drive(again, clock, utc(29, 0))
        assert fired == [utc(24, 18), utc(25, 19), utc(26, 19), utc(27, 19), utc(28, 19)]
    finally:
        await client.close()
    assert len(fake.posted(thread["id"])) >= 5
    recap = contents(fake)[-1]
    assert "Recap of screening #1: Her" in recap
    assert "Prompts: 5" in recap and "Replies: 2" in recap and "Participants: 2" in recap
    first_prompt = fake.posted(thread["id"])[0]["id"]
    assert f"https://discord.com/channels/{GUILD_ID}/{thread['id']}/{first_prompt}" in recap
    assert [s.status for s in await slots(fresh, platform="discord", workspace=GUILD_ID)] == [
        "posted"
    ] * 9


async def test_in_a_forum_the_arc_is_one_post_named_after_the_film(
    harness, fake, discord_engine, bot, clock
):
    scheduler = await start(
        harness, discord_engine, clock, "screening_reminders none", "arc_days 2", channel=FORUM_ID
    )
    await drive(scheduler, clock, utc(26, 0))
    posts = [t for t in fake.threads() if t.get("parent_id") == FORUM_ID]
    assert [t["name"] for t in posts] == ["Her", "Her", "Her"]  # announcement, arc, recap
    announcement, arc, recap = (fake.posted(t["id"]) for t in posts)
    assert "Screening #1: Her" in announcement[0]["content"]
    assert "Let's talk about Her" in arc[0]["content"]
    assert len(arc) == 3  # the opening and two prompts
    assert "Recap of screening #1" in recap[0]["content"] + str(recap[0]["embeds"])


async def test_without_manage_events_the_announcement_goes_alone_and_moderators_are_told(
    harness, fake, discord_engine, bot, clock
):
    fake.can_manage_events = False
    await start(harness, discord_engine, clock)
    assert fake.scheduled_events() == {}
    texts = contents(fake)
    assert any("Screening #1: Her" in t and "/filmclub rsvp 1" in t for t in texts)
    assert any("without a Discord event" in t and "Manage Events" in t for t in texts)
    [row] = await discord_engine.store.screenings.list(1)
    assert row.event_id is None and row.announce_message_id is not None


async def test_cancel_on_discord_cancels_the_event_and_tells_those_coming_directly(
    harness, fake, discord_engine, bot, clock
):
    await start(harness, discord_engine, clock)
    [event] = fake.scheduled_events().values()
    await harness.run("rsvp", {"screening": 1}, user_id="600000000000000009")
    shown = await harness.run("screening cancel", {"screening": 1}, moderator=True)
    assert "1 told by direct message" in harness.text(shown)
    assert event["status"] == 4
    [direct] = fake.direct_messages("600000000000000009")
    assert "that you said you'd come to is cancelled" in direct["content"]
    assert "is cancelled" in contents(fake)[-1]
