"""Gateway events: replies in tracked threads count; deleted threads and channels close records."""

from __future__ import annotations

from tests.discord.conftest import load_club_sample
from tests.discord.fake_discord import GUILD_ID
from tests.discord.payloads import CHANNEL_ID, FORUM_ID, guild_create, thread_message


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
    assert "1 reply, 1 participant" in await history_text(harness)


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


async def test_a_deleted_channel_closes_the_records_of_all_its_threads(
    harness, fake, discord_engine, bot
):
    other = fake.add_channel("700000000000000003", "other-club")
    await load_club_sample(discord_engine)
    await load_club_sample(discord_engine, other["id"])
    await harness.run("question")
    await harness.run("quote")
    await harness.run("question", channel=other)
    threads = [t for t in fake.threads() if t["parent_id"] == CHANNEL_ID]
    assert len(threads) == 2
    state = bot._connection
    # Only one thread is active in the gateway cache: the other was archived, and Discord
    # sends no THREAD_DELETE for the threads of a deleted channel.
    state.parse_guild_create(guild_create([fake.channels[CHANNEL_ID], other], threads[:1]))
    assert "[deleted]" not in await history_text(harness)
    state.parsers["CHANNEL_DELETE"](fake.channels.pop(CHANNEL_ID))
    await harness.settle()
    history = await history_text(harness)
    assert history.count("[deleted]") == 2
    assert "[deleted]" not in harness.text(await harness.run("history", channel=other))


async def test_a_deleted_forum_closes_its_posts(harness, fake, discord_engine, bot):
    forum = fake.channels[FORUM_ID]
    await load_club_sample(discord_engine, FORUM_ID)
    await harness.run("question", channel=forum)
    state = bot._connection
    state.parse_guild_create(guild_create([fake.channels[CHANNEL_ID], forum]))
    state.parsers["CHANNEL_DELETE"](fake.channels.pop(FORUM_ID))
    await harness.settle()
    assert "[deleted]" in harness.text(await harness.run("history", channel=forum))
