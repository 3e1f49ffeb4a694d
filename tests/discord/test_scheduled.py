"""Scheduled posts on Discord: a post re-sent after a crash is never doubled; channel links."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import discord
import pytest

from adapters.discord.app import FilmclubBot
from adapters.discord.platform import DiscordPlatform
from bot.engine import Engine
from bot.messages import Message, QuestionBlock
from bot.models import Extraction, Item, Kind
from bot.scheduler import Scheduler
from bot.settings import DiscordSettings
from tests.conftest import load_sample
from tests.discord.conftest import TOKEN, load_club_sample, mod_context
from tests.discord.payloads import CHANNEL_ID, FORUM_ID

SLOT = datetime(2026, 11, 20, 19, 0, tzinfo=UTC)  # the fake clock starts at noon that day
MESSAGES = rf"^/api/v10/channels/{CHANNEL_ID}/messages$"
FORUM_POSTS = rf"^/api/v10/channels/{FORUM_ID}/threads$"
ACTIVE_THREADS = r"^/api/v10/guilds/\d+/threads/active$"


class Crash(BaseException):
    """The process dies here (not an error the bot could handle)."""


async def connect(engine: Engine) -> FilmclubBot:
    """A bot process: a fresh client (nothing in memory) logged in to the fake Discord."""
    client = FilmclubBot(
        engine, DiscordSettings(token=TOKEN, guild_id=None), sync_on_start=False, retry_delay=0
    )
    engine.attach(client.platform)
    await client.login(TOKEN)
    return client


def prompt() -> Message:
    return Message((QuestionBlock("Is Samantha's love real?"),))


async def test_nonce_window_is_declared_for_the_scheduler(bot):
    assert bot.platform.nonce_window == 120


async def test_the_same_post_sent_twice_with_one_nonce_is_one_message_and_one_forum_post(
    bot, fake, discord_engine
):
    nonce = "fc1.29398460"
    for channel in (CHANNEL_ID, FORUM_ID):
        first = await bot.platform.post_message(channel, prompt(), nonce=nonce, title="Love?")
        again = await bot.platform.post_message(channel, prompt(), nonce=nonce, title="Love?")
        assert first == again
    assert len(fake.posted(CHANNEL_ID)) == 1
    assert len(fake.requests("POST", FORUM_POSTS)) == 1 and len(fake.threads()) == 1
    # A new process (nothing remembered) finds the forum post it made before the crash.
    restarted = DiscordPlatform(bot, discord_engine, retry_delay=0)
    after = await restarted.post_message(FORUM_ID, prompt(), nonce=nonce, title="Love?")
    assert after == first
    assert len(fake.requests("POST", FORUM_POSTS)) == 1 and len(fake.threads()) == 1
    # Without a nonce, or with another one, each post is a new one.
    await restarted.post_message(FORUM_ID, prompt(), title="Love?")
    await restarted.post_message(FORUM_ID, prompt(), nonce="fc2.29398460", title="Love?")
    assert len(fake.threads()) == 3


async def test_a_forum_post_of_another_prompt_with_the_same_name_is_not_taken_for_it(
    bot, fake, discord_engine
):
    """Spoiler titles are generic: two prompts may share a post name but not a message."""
    await bot.platform.post_message(FORUM_ID, prompt(), nonce="fc1.1", title="Spoiler: a quote")
    restarted = DiscordPlatform(bot, discord_engine, retry_delay=0)
    other = Message((QuestionBlock("Why does he write letters?"),))
    await restarted.post_message(FORUM_ID, other, nonce="fc2.1", title="Spoiler: a quote")
    assert len(fake.threads()) == 2


async def test_an_old_forum_post_with_the_same_name_is_outside_the_window(
    bot, fake, discord_engine, monkeypatch
):
    first = await bot.platform.post_message(FORUM_ID, prompt(), nonce="fc1.1", title="Love?")
    restarted = DiscordPlatform(bot, discord_engine, retry_delay=0)
    an_hour_later = discord.utils.utcnow() + timedelta(hours=1)
    monkeypatch.setattr(discord.utils, "utcnow", lambda: an_hour_later)
    again = await restarted.post_message(FORUM_ID, prompt(), nonce="fc1.1", title="Love?")
    assert again != first and len(fake.threads()) == 2


async def test_a_server_error_listing_threads_is_not_taken_as_no_post(bot, fake, discord_engine):
    await bot.platform.post_message(FORUM_ID, prompt(), nonce="fc1.1", title="Love?")
    fake.fail("GET", ACTIVE_THREADS, 503, {"message": "upstream"}, times=3)
    restarted = DiscordPlatform(bot, discord_engine, retry_delay=0)
    with pytest.raises(Exception, match="server error"):
        await restarted.post_message(FORUM_ID, prompt(), nonce="fc1.1", title="Love?")
    assert len(fake.threads()) == 1


@pytest.mark.parametrize("channel", [CHANNEL_ID, FORUM_ID], ids=["text", "forum"])
async def test_a_scheduled_post_interrupted_by_a_crash_is_posted_once(
    fake: Any, store: Any, clock: Any, channel: str
) -> None:
    engine = Engine(store, clock=clock)
    client = await connect(engine)
    try:
        await load_club_sample(engine, channel)
        reply = await engine.execute(
            mod_context(channel), "schedule add", {"when": "daily 19:00", "kind": "question"}
        )
        assert "Schedule #1 added" in reply.message.plain()
        real_post = client.platform.post_message

        async def post_then_crash(*args: Any, **kwargs: Any) -> Any:
            await real_post(*args, **kwargs)
            raise Crash()

        client.platform.post_message = post_then_crash  # type: ignore[method-assign]
        clock.current = SLOT
        with pytest.raises(Crash):
            await Scheduler(engine).tick()
    finally:
        await client.close()
    clock.current = SLOT + timedelta(minutes=1)
    engine = Engine(store, clock=clock)
    client = await connect(engine)
    try:
        await Scheduler(engine).tick()  # reconciles the interrupted slot
    finally:
        await client.close()
    if channel == FORUM_ID:
        assert len(fake.requests("POST", FORUM_POSTS)) == 1
        [thread] = fake.threads()
        message_id = thread["id"]
    else:
        [message] = fake.posted(CHANNEL_ID)
        [thread] = fake.threads()
        message_id = message["id"]
        assert thread["id"] == message_id
    club = await engine.club_of("discord", "800000000000000001")
    schedule = await engine.store.schedules.get(club.id, 1)
    assert schedule is not None
    [run] = await engine.store.schedules.runs(schedule.id)
    assert (run.status, run.message_id) == ("posted", message_id)


async def test_a_long_prompt_re_sent_does_not_double_its_continuation_in_the_thread(
    bot, fake, discord_engine
):
    """A long exchange continues in its thread; a re-send dedupes those posts too."""
    platform = bot.platform
    first = await platform.post_message(FORUM_ID, prompt(), nonce="fc1.1", title="Love?")
    thread = await platform.open_thread(first, "Love?")
    await platform.post_in_thread(thread, Message((QuestionBlock("And then?"),)))
    restarted = DiscordPlatform(bot, discord_engine, retry_delay=0)
    again = await restarted.post_message(FORUM_ID, prompt(), nonce="fc1.1", title="Love?")
    thread = await restarted.open_thread(again, "Love?")
    await restarted.post_in_thread(thread, Message((QuestionBlock("And then?"),)))
    assert len(fake.posted(thread.thread_id)) == 2  # the starter and one continuation


async def test_schedule_add_names_the_channel_as_a_discord_channel_link(harness, discord_engine):
    await load_club_sample(discord_engine)
    shown = await harness.run(
        "schedule add", {"when": "fridays 19:00", "kind": "question"}, moderator=True
    )
    text = harness.text(shown)
    assert f"in <#{CHANNEL_ID}>" in text, text
    assert shown[0]["allowed_mentions"] == {"parse": []}


async def test_document_text_in_the_bots_replies_cannot_form_mentions_or_links(
    harness, discord_engine
):
    question = "Was <#700000000000000009> or <@7> or <@&555> or </filmclub help:1> right?"
    doc = Extraction("Links", "Her", (Item(Kind.QUESTION, text=question),))
    await load_sample(discord_engine, mod_context(), doc, text="links")
    await harness.run("schedule add", {"when": "fridays 19:00"}, moderator=True)
    shown = await harness.run("preview")
    text = harness.text(shown)
    assert "right?" in text
    for markup in ("<#700000000000000009>", "<@7>", "<@&555>", "</filmclub help:1>"):
        assert markup not in text


async def test_notices_posted_in_a_channel_link_the_channels_the_bot_names(bot, fake):
    label = bot.platform.channel_label(CHANNEL_ID)
    assert label == f"<#{CHANNEL_ID}>" and bot.platform.channel_label("general") == "#general"
    notice = f"Schedule #1 ({label}) is paused; quoted: <#700000000000000009>"
    await bot.platform.post_message(CHANNEL_ID, Message.text(notice))
    [posted] = fake.posted(CHANNEL_ID)
    assert f"({label})" in posted["content"]
    assert "<#700000000000000009>" not in posted["content"]
    assert posted["allowed_mentions"] == {"parse": []}


@pytest.mark.parametrize("nonce", ["fc1.1", None], ids=["scheduled", "on-demand"])
async def test_a_retry_after_a_lost_answer_does_not_post_twice(bot, fake, nonce):
    """Discord made the post but answered 503: the retry finds it instead of posting again."""
    fake.fail("POST", FORUM_POSTS, 503, {"message": "upstream"}, after=True)
    fake.fail("POST", MESSAGES, 503, {"message": "upstream"}, after=True)
    forum = await bot.platform.post_message(FORUM_ID, prompt(), nonce=nonce, title="Love?")
    text = await bot.platform.post_message(CHANNEL_ID, prompt(), nonce=nonce, title="Love?")
    assert len(fake.requests("POST", FORUM_POSTS)) == 1 and len(fake.threads()) == 1
    assert forum.message_id == fake.threads()[0]["id"]
    assert len(fake.requests("POST", MESSAGES)) == 2 and len(fake.posted(CHANNEL_ID)) == 1
    assert text.message_id == fake.posted(CHANNEL_ID)[0]["id"]


@pytest.mark.parametrize("backoff", [2.0, 200.0], ids=["within-window", "past-window"])
async def test_a_scheduled_post_whose_answers_were_lost_is_never_doubled(
    fake: Any, store: Any, clock: Any, backoff: float
) -> None:
    """Discord made the post, but every answer was lost (3 tries of one send). Within the nonce
    window the scheduler re-sends it with the same nonce and gets the first message back;
    past the window it does not re-send: the slot is unknown and the moderators are told once."""
    engine = Engine(store, clock=clock)
    client = await connect(engine)
    try:
        await load_club_sample(engine, CHANNEL_ID)
        await engine.execute(
            mod_context(CHANNEL_ID), "schedule add", {"when": "daily 19:00", "kind": "question"}
        )
        fake.fail("POST", MESSAGES, 503, {"message": "upstream"}, times=3, after=True)
        scheduler = Scheduler(engine, base_backoff=backoff)
        clock.current = SLOT
        await scheduler.tick()
        await scheduler.drain()
    finally:
        await client.close()
    prompts = [m for m in fake.posted(CHANNEL_ID) if m.get("nonce")]
    notices = [m for m in fake.posted(CHANNEL_ID) if "stopped while posting" in m["content"]]
    assert len({m["id"] for m in prompts if not m["content"].startswith("The bot")}) == 1
    club = await engine.club_of("discord", "800000000000000001")
    schedule = await engine.store.schedules.get(club.id, 1)
    assert schedule is not None
    [run] = await engine.store.schedules.runs(schedule.id)
    if backoff < 120:
        assert (run.status, run.message_id) == ("posted", prompts[0]["id"])
        assert len(fake.requests("POST", MESSAGES)) == 4 and notices == []
    else:
        assert run.status == "unknown"
        assert len(fake.requests("POST", MESSAGES)) == 3 + 1  # three tries, then the notice
        assert len(notices) == 1
