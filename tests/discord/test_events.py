"""Gateway events: replies in tracked threads are counted; deleted threads close their record."""

from __future__ import annotations

from tests.discord.conftest import load_club_sample
from tests.discord.fake_discord import GUILD_ID
from tests.discord.payloads import guild_create, thread_message


async def posted_thread(harness, fake, engine):  # type: ignore[no-untyped-def]
    await load_club_sample(engine)
    await harness.run("question")
    [thread] = fake.threads()
    return thread


async def history_text(harness) -> str:  # type: ignore[no-untyped-def]
    return harness.text(await harness.run("history"))


async def test_member_messages_in_a_prompt_thread_count_as_replies(
    harness, fake, discord_engine, bot
):
    thread = await posted_thread(harness, fake, discord_engine)
    state = bot._connection
    state.parse_guild_create(guild_create([fake.channels["700000000000000001"]]))
    state.parse_thread_create({**thread, "newly_created": True})
    for message_id, user in (("1401", "61"), ("1402", "62"), ("1403", "61"), ("1403", "61")):
        state.parse_message_create(
            thread_message(thread["id"], message_id=message_id, user_id=user)
        )
    state.parse_message_create(
        thread_message(thread["id"], message_id="1404", user_id="9", bot=True)
    )
    await harness.settle()
    assert "3 replies, 2 participants" in await history_text(harness)


async def test_replies_count_without_a_gateway_cache_too(harness, fake, discord_engine, bot):
    thread = await posted_thread(harness, fake, discord_engine)
    bot._connection.parse_message_create(
        thread_message(thread["id"], message_id="1501", user_id="61")
    )
    await harness.settle()
    assert "1 replies, 1 participants" in await history_text(harness)


async def test_messages_outside_tracked_threads_are_ignored(harness, fake, discord_engine, bot):
    thread = await posted_thread(harness, fake, discord_engine)
    state = bot._connection
    state.parse_guild_create(guild_create([fake.channels["700000000000000001"]]))
    channel_message = thread_message("700000000000000001", message_id="1601", user_id="61")
    state.parse_message_create(channel_message)
    state.parse_message_create(
        thread_message("123456789012345678", message_id="1602", user_id="61")
    )
    await harness.settle()
    assert "0 replies, 0 participants" in await history_text(harness)
    assert thread["id"]


async def test_a_deleted_thread_closes_its_record(harness, fake, discord_engine, bot):
    thread = await posted_thread(harness, fake, discord_engine)
    state = bot._connection
    state.parse_guild_create(guild_create([fake.channels["700000000000000001"]], [thread]))
    state.parse_thread_delete(
        {"id": thread["id"], "guild_id": GUILD_ID, "parent_id": thread["parent_id"], "type": 11}
    )
    await harness.settle()
    assert "[deleted]" in await history_text(harness)
