"""Prompts posted from /filmclub commands through to the HTTP calls Discord received."""

from __future__ import annotations

import discord
import pytest

from bot.messages import Message, TextBlock
from bot.models import Extraction, Item, Kind, Turn
from bot.platform import ChannelGone, MissingPermission, ThreadRef
from tests.conftest import load_sample
from tests.discord.conftest import load_club_sample, mod_context
from tests.discord.fake_discord import BOT_ID, GUILD_ID
from tests.discord.payloads import BOT_PERMISSIONS, CHANNEL_ID, FORUM_ID

MESSAGES = r"^/api/v10/channels/\d+/messages$"
THREADS = r"^/api/v10/channels/\d+/messages/\d+/threads$"


async def test_question_posts_a_prompt_and_opens_a_thread_named_by_it(
    harness, fake, discord_engine
):
    await load_club_sample(discord_engine)
    shown = await harness.run("question")
    [posted] = fake.posted(CHANNEL_ID)
    assert posted["content"] == "**Is Samantha's love real?**\n\n-# From A test review · qn1"
    assert posted["allowed_mentions"] == {"parse": []}
    [request] = fake.requests("POST", MESSAGES)
    assert request.body["enforce_nonce"] is True and request.body["nonce"]
    [thread] = fake.threads()
    assert thread["id"] == posted["id"] and thread["parent_id"] == CHANNEL_ID
    assert thread["name"] == "Is Samantha's love real?"
    assert thread["thread_metadata"]["auto_archive_duration"] == 1440
    assert shown[0]["ephemeral"] and "qn1" in shown[0]["content"]


async def test_quote_and_exchange_prompts_show_words_and_speakers(harness, fake, discord_engine):
    await load_club_sample(discord_engine)
    await harness.run("quote")
    await harness.run("exchange")
    quote, exchange = fake.posted(CHANNEL_ID)
    assert quote["content"].startswith(
        "> We wanted the world to be warm.\n> \u2014 **Spike Jonze**"
    )
    assert exchange["content"].startswith("**Theodore:** How many others?\n**Samantha:** 641.")
    names = [t["name"] for t in fake.threads()]
    assert names == [
        "Spike Jonze: \u201cWe wanted the world to be warm.\u201d",
        "Theodore & Samantha: How many others?",
    ]


async def test_thread_name_is_cut_to_100_characters_and_a_long_exchange_continues_in_the_thread(
    harness, fake, discord_engine
):
    question = "Why does " + "the light in every single scene feel so warm " * 6 + "?"
    turns = tuple(
        Turn("Theodore" if i % 2 else "Samantha", "line " * 60 + str(i)) for i in range(12)
    )
    doc = Extraction(
        "Long", "Her", (Item(Kind.QUESTION, text=question), Item(Kind.EXCHANGE, turns=turns))
    )
    await load_sample(discord_engine, mod_context(), doc, text="long doc")
    await harness.run("question")
    await harness.run("exchange")
    first, second = fake.threads()
    assert len(first["name"]) <= 100 and first["name"].endswith("\u2026")
    in_thread = fake.posted(second["id"])
    assert in_thread, "the rest of the exchange is posted inside the thread"
    for message in fake.posted(CHANNEL_ID) + in_thread:
        assert len(message["content"]) <= 2000
    text = "\n".join(m["content"] for m in [*fake.posted(CHANNEL_ID)[1:], *in_thread])
    assert text.index("line line") < text.index(" 11")


async def test_a_forum_channel_gets_a_forum_post(harness, fake, discord_engine):
    await load_club_sample(discord_engine, FORUM_ID)
    forum = fake.channels[FORUM_ID]
    await harness.run("question", channel=forum)
    [request] = fake.requests("POST", rf"^/api/v10/channels/{FORUM_ID}/threads$")
    assert request.body["name"] == "Is Samantha's love real?"
    assert request.body["message"]["content"].startswith("**Is Samantha's love real?**")
    assert request.body["message"]["allowed_mentions"] == {"parse": []}
    assert not fake.requests("POST", MESSAGES) and not fake.requests("POST", THREADS)
    history = await harness.run("history", channel=forum)
    assert "Is Samantha's love real?" in harness.text(history)


async def test_club_settings_ping_role_spoilers_and_auto_archive(harness, fake, discord_engine):
    fake.roles[GUILD_ID].append({"id": "555", "name": "Film fans"})
    await load_club_sample(discord_engine)
    for key, value in (("ping_role", "<@&555>"), ("spoilers", "on"), ("auto_archive", "60")):
        shown = await harness.run("config set", {"key": key, "value": value}, moderator=True)
        assert "555" in harness.text(shown) or key != "ping_role", harness.text(shown)
    await harness.run("quote")
    [posted] = fake.posted(CHANNEL_ID)
    assert posted["content"].startswith("<@&555>\n> ||We wanted the world to be warm.||")
    assert posted["allowed_mentions"] == {"parse": [], "roles": [555]}
    [thread] = fake.threads()
    assert "warm" not in thread["name"] and thread["name"].startswith("Spoiler")
    assert thread["thread_metadata"]["auto_archive_duration"] == 60


async def test_auto_archive_is_set_on_a_forum_post_too(harness, fake, discord_engine):
    await load_club_sample(discord_engine, FORUM_ID)
    forum = fake.channels[FORUM_ID]
    await harness.run(
        "config set", {"key": "auto_archive", "value": "10080"}, moderator=True, channel=forum
    )
    await harness.run("question", channel=forum)
    [thread] = fake.threads()
    assert thread["thread_metadata"]["auto_archive_duration"] == 10080


async def test_missing_create_public_threads_is_explained_with_the_channel(
    harness, fake, discord_engine
):
    await load_club_sample(discord_engine)
    fake.fail("POST", THREADS, 403, {"code": 50013, "message": "Missing Permissions"})
    no_threads = discord.Permissions(BOT_PERMISSIONS.value)
    no_threads.create_public_threads = False
    shown = await harness.run("question", app_permissions=no_threads)
    text = harness.text(shown)
    assert "Create Public Threads" in text and f"<#{CHANNEL_ID}>" in text
    assert len(fake.posted(CHANNEL_ID)) == 1  # the prompt itself was posted and stays recorded


async def test_missing_send_messages_is_explained(harness, fake, discord_engine):
    await load_club_sample(discord_engine)
    fake.fail("POST", MESSAGES, 403, {"code": 50013, "message": "Missing Permissions"})
    shown = await harness.run("question", app_permissions=discord.Permissions(view_channel=True))
    assert "Send Messages" in harness.text(shown)
    assert not fake.threads()
    again = await harness.run("question")
    assert "qn1" in harness.text(again), "a failed post does not use up the item"


async def test_missing_embed_links_is_named_for_long_posts(bot, fake):
    bot.platform.remember(
        CHANNEL_ID, app_permissions=discord.Permissions(view_channel=True, send_messages=True)
    )
    with pytest.raises(MissingPermission) as refused:
        await bot.platform.post_message(CHANNEL_ID, Message((TextBlock("word " * 900),)))
    assert refused.value.permission == "Embed Links"
    assert f"<#{CHANNEL_ID}>" in str(refused.value)
    assert not fake.requests("POST", MESSAGES), "said before Discord refuses or drops embeds"


async def test_a_429_is_waited_out_then_the_post_succeeds_once(harness, fake, discord_engine):
    await load_club_sample(discord_engine)
    fake.fail(
        "POST",
        MESSAGES,
        429,
        {"message": "You are being rate limited.", "retry_after": 0.05, "global": False},
        headers={"Via": "1.1 google", "Retry-After": "1"},
    )
    shown = await harness.run("question")
    assert "qn1" in harness.text(shown)
    assert len(fake.requests("POST", MESSAGES)) == 2
    assert len(fake.posted(CHANNEL_ID)) == 1


async def test_5xx_is_retried_with_the_same_nonce_and_reported_when_it_persists(
    harness, fake, discord_engine
):
    await load_club_sample(discord_engine)
    fake.fail("POST", MESSAGES, 503, {"message": "upstream"}, times=1)
    shown = await harness.run("question")
    assert "qn1" in harness.text(shown)
    first, second = fake.requests("POST", MESSAGES)
    assert first.body["nonce"] == second.body["nonce"]
    fake.fail("POST", MESSAGES, 503, {"message": "upstream"}, times=3)
    shown = await harness.run("question")
    assert "server error" in harness.text(shown)
    assert len(fake.posted(CHANNEL_ID)) == 1


async def test_nonce_makes_a_repeated_post_return_the_first_message(bot, fake):
    message = Message((TextBlock("Friday's question"),))
    first = await bot.platform.post_message(
        CHANNEL_ID, message, nonce="schedule-7-slot-2026-11-20T19:00"
    )
    second = await bot.platform.post_message(
        CHANNEL_ID, message, nonce="schedule-7-slot-2026-11-20T19:00"
    )
    assert first == second
    assert len(fake.posted(CHANNEL_ID)) == 1
    sent = fake.requests("POST", MESSAGES)[0].body["nonce"]
    assert len(sent) <= 25


async def test_a_deleted_channel_is_explained(harness, fake, discord_engine):
    await load_club_sample(discord_engine)
    channel = fake.channels.pop(CHANNEL_ID)
    shown = await harness.run("question", channel=channel)
    assert "no longer exists" in harness.text(shown)


async def test_a_thread_deleted_while_posting_is_explained(harness, fake, discord_engine):
    turns = tuple(Turn("A" if i % 2 else "B", "word " * 80 + str(i)) for i in range(10))
    doc = Extraction("Long", "Her", (Item(Kind.EXCHANGE, turns=turns),))
    await load_sample(discord_engine, mod_context(), doc, text="long")
    fake.vanishing_threads = True  # a moderator deletes each thread right after it opens
    shown = await harness.run("exchange")
    assert "no longer exists" in harness.text(shown)


async def test_posting_in_a_deleted_tracked_thread_marks_it_closed(
    harness, fake, discord_engine, bot
):
    await load_club_sample(discord_engine)
    await harness.run("question")
    [thread] = fake.threads()
    del fake.channels[thread["id"]]
    ref = ThreadRef(CHANNEL_ID, thread["id"])
    with pytest.raises(ChannelGone):
        await bot.platform.post_in_thread(ref, Message((TextBlock("Reminder: this is open"),)))
    history = await harness.run("history")
    assert "[deleted]" in harness.text(history)


async def test_the_bot_never_pings_in_command_replies(harness, fake, discord_engine):
    doc = Extraction("@everyone party", "Her", (Item(Kind.QUESTION, text="@here is it <@&555>?"),))
    await load_sample(discord_engine, mod_context(), doc, text="pings")
    shown = await harness.run("preview")
    assert all(s["allowed_mentions"] == {"parse": []} for s in shown)
    await harness.run("question")
    [posted] = fake.posted(CHANNEL_ID)
    assert posted["allowed_mentions"] == {"parse": []}
    assert "@here" not in posted["content"] and "<@&555>" not in posted["content"]
    assert BOT_ID  # the author of every post is the bot


async def test_a_refused_forum_post_names_the_permission_as_the_forum_settings_do(
    harness, fake, discord_engine
):
    await load_club_sample(discord_engine, FORUM_ID)
    forum = fake.channels[FORUM_ID]
    fake.fail("POST", rf"^/api/v10/channels/{FORUM_ID}/threads$", 403, {"code": 50013})
    no_posts = discord.Permissions(BOT_PERMISSIONS.value)
    no_posts.send_messages = False
    shown = await harness.run("question", channel=forum, app_permissions=no_posts)
    text = harness.text(shown)
    assert "**Create Posts**" in text and f"<#{FORUM_ID}>" in text
    assert not fake.threads()
