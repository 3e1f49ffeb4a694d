"""The discussion loop through the engine and a recording fake platform, on real SQLite."""

from __future__ import annotations

import pytest

from bot.messages import DialogueBlock, FooterBlock, QuestionBlock, QuoteBlock
from bot.models import Extraction, Item, Kind, Turn
from bot.platform import MissingPermission
from tests.conftest import context, load_sample

pytestmark = pytest.mark.backends


def blocks_of(post, kind):  # type: ignore[no-untyped-def]
    return [b for b in post.message.blocks if isinstance(b, kind)]


async def test_question_opens_a_thread_titled_by_the_question(engine, platform, mod):
    await load_sample(engine, mod)
    reply = await engine.execute_text(mod, "question")
    assert "qn1" in reply.message.plain()
    [post] = platform.channel_posts("C1")
    assert blocks_of(post, QuestionBlock)[0].text == "Is Samantha's love real?"
    footer = blocks_of(post, FooterBlock)[0].text
    assert "A test review" in footer
    [(parent, title, archive)] = platform.threads.values()
    assert title == "Is Samantha's love real?"
    assert parent.message_id == post.message_id
    assert archive == 1440


async def test_quote_shows_words_and_speaker_and_title_names_speaker(engine, platform, mod):
    await load_sample(engine, mod)
    await engine.execute_text(mod, "quote")
    [post] = platform.channel_posts()
    block = blocks_of(post, QuoteBlock)[0]
    assert (block.text, block.speaker) == ("We wanted the world to be warm.", "Spike Jonze")
    [(_, title, _)] = platform.threads.values()
    assert title.startswith("Spike Jonze: \u201cWe wanted the world")


async def test_exchange_shows_every_turn_in_order(engine, platform, mod):
    await load_sample(engine, mod)
    await engine.execute_text(mod, "exchange")
    [post] = platform.channel_posts()
    turns = blocks_of(post, DialogueBlock)[0].turns
    assert [(t.speaker, t.text) for t in turns] == [
        ("Theodore", "How many others?"),
        ("Samantha", "641."),
    ]
    [(_, title, _)] = platform.threads.values()
    assert title == "Theodore & Samantha: How many others?"


async def test_discuss_a_given_item(engine, platform, mod):
    await load_sample(engine, mod)
    reply = await engine.execute_text(mod, "discuss qn2")
    assert "qn2" in reply.message.plain()
    assert blocks_of(platform.posts[0], QuestionBlock)[0].text == "Would you date an OS?"
    reply = await engine.execute_text(mod, "discuss qn9")
    assert "no item" in reply.message.plain().lower()
    assert len(platform.posts) == 1


async def test_rotation_does_not_repeat_until_exhausted_then_tells(engine, platform, mod):
    await load_sample(engine, mod)
    first = await engine.execute_text(mod, "question")
    second = await engine.execute_text(mod, "question")
    third = await engine.execute_text(mod, "question")
    assert "qn1" in first.message.plain() and "qn2" in second.message.plain()
    text = third.message.plain()
    assert (
        "All questions of “A test review” (2) have been posted in #C1" in text
        and "rotation restart" in text
    )
    assert len(platform.channel_posts()) == 2
    # Another channel has its own rotation.
    other = context(channel="C2")
    await engine.execute_text(other, "use 1")
    assert "qn1" in (await engine.execute_text(other, "question")).message.plain()


async def test_rotation_restarts_when_the_club_asks(engine, platform, mod, store):
    await load_sample(engine, mod)
    club = await engine.club(mod)
    await store.db.execute(
        "INSERT INTO settings (club_id, scope, key, value) VALUES (?, '', 'rotation', '\"restart\"')",
        (club.id,),
    )
    replies = [(await engine.execute_text(mod, "question")).message.plain() for _ in range(3)]
    assert ["qn1" in replies[0], "qn2" in replies[1], "qn1" in replies[2]] == [True, True, True]


async def test_loading_the_same_text_twice_does_not_duplicate(engine, mod, store):
    doc1, existed1 = await load_sample(engine, mod)
    doc2, existed2 = await load_sample(engine, mod)
    assert doc1.id == doc2.id and (existed1, existed2) == (False, True)
    club = await engine.club(mod)
    assert len(await store.discussion.list_documents(club.id)) == 1


async def test_docs_and_use_switch_the_active_document(engine, platform, mod):
    await load_sample(engine, mod)
    other = Extraction("Second", "Alien", (Item(Kind.QUESTION, text="Why is Ripley calm?"),))
    await load_sample(engine, mod, other, text="other text")
    listing = (await engine.execute_text(mod, "docs")).message.plain()
    assert "#1 A test review" in listing and "#2 Second" in listing
    assert listing.index("active") > listing.index("#2")
    assert "Why is Ripley" in (await engine.execute_text(mod, "preview")).message.plain()
    reply = await engine.execute_text(mod, "use review")
    assert "#1" in reply.message.plain()
    preview = (await engine.execute_text(mod, "preview questions")).message.plain()
    assert "qn1  Is Samantha's love real?" in preview and "Ripley" not in preview
    assert "matches" in (await engine.execute_text(mod, "use e")).message.plain()


async def test_replies_count_once_and_participants_are_distinct(engine, platform, mod):
    await load_sample(engine, mod)
    await engine.execute_text(mod, "question")
    [thread_id] = platform.threads
    assert await engine.record_reply("fake", "W1", thread_id, "m1", "ann")
    assert not await engine.record_reply("fake", "W1", thread_id, "m1", "ann")  # a retried event
    assert await engine.record_reply("fake", "W1", thread_id, "m2", "ann")
    assert await engine.record_reply("fake", "W1", thread_id, "m3", "bob")
    assert not await engine.record_reply("fake", "W1", "untracked", "m4", "bob")
    history = (await engine.execute_text(mod, "history")).message.plain()
    assert "3 replies, 2 participants" in history
    stats = (await engine.execute_text(mod, "stats")).message.plain()
    assert "#1 A test review: 1 prompt, 3 replies, 2 participants" in stats


async def test_members_cannot_load_or_switch_documents(engine, platform, mod, member, store):
    await load_sample(engine, mod)
    reply = await engine.execute_text(member, "use 1")
    assert "Only the club's moderators" in reply.message.plain()
    reply = await engine.execute_text(member, "load /etc/passwd")
    assert "Only the club's moderators" in reply.message.plain()
    # Members may still start a discussion.
    assert "Posted" in (await engine.execute_text(member, "question")).message.plain()


async def test_unknown_commands_and_bad_options_get_helpful_replies(engine, mod):
    await load_sample(engine, mod)
    assert "Did you mean `preview`" in (await engine.execute_text(mod, "previw")).message.plain()
    bad = (await engine.execute_text(mod, "preview poems")).message.plain()
    assert "question, quote, exchange" in bad
    extra = (await engine.execute_text(mod, "docs please now")).message.plain()
    assert "please now" in extra


async def test_a_failed_post_is_reported_and_the_item_is_offered_again(engine, platform, mod):
    await load_sample(engine, mod)
    platform.fail_next["post_message"] = MissingPermission(
        "missing Send Messages in #film", "send_messages"
    )
    reply = (await engine.execute_text(mod, "question")).message.plain()
    assert "Send Messages" in reply
    assert platform.posts == []
    assert "qn1" in (await engine.execute_text(mod, "question")).message.plain()


async def test_a_long_exchange_is_split_between_turns_across_messages(engine, platform, mod):
    turns = tuple(Turn("A" if i % 2 else "B", f"line {i} " + "word " * 60) for i in range(12))
    long = Extraction("Long", None, (Item(Kind.EXCHANGE, turns=turns),))
    await load_sample(engine, mod, long, text="long")
    platform.max_message_chars = 1000
    await engine.execute_text(mod, "exchange")
    parent, *rest = platform.posts
    assert rest and all(p.thread_id for p in rest)
    got = [t for p in platform.posts for b in blocks_of(p, DialogueBlock) for t in b.turns]
    assert [t.text for t in got] == [t.text for t in turns]
    assert all(len(p.message.plain()) <= 1000 for p in platform.posts)
    assert "Part 1 of" in parent.message.plain()


async def test_clubs_do_not_see_each_other(engine, platform, mod):
    await load_sample(engine, mod)
    stranger = context(workspace="W2")
    assert "No documents" in (await engine.execute_text(stranger, "docs")).message.plain()
    assert "No document matches" in (await engine.execute_text(stranger, "use 1")).message.plain()
    assert "no document yet" in (await engine.execute_text(stranger, "question")).message.plain()


async def test_help_lists_commands_for_the_asker(engine, mod, member):
    full = (await engine.execute_text(mod, "help")).message.plain()
    limited = (await engine.execute_text(member, "help")).message.plain()
    assert "/filmclub load" in full and "/filmclub load" not in limited
    assert "/filmclub question" in limited


async def test_a_thread_refused_after_the_post_keeps_the_prompt_recorded(engine, platform, mod):
    await load_sample(engine, mod)
    platform.fail_next["open_thread"] = MissingPermission(
        "missing Create Public Threads in #film", "create_public_threads"
    )
    reply = (await engine.execute_text(mod, "question")).message.plain()
    assert "Create Public Threads" in reply
    assert len(platform.channel_posts()) == 1  # the prompt itself is visible
    history = (await engine.execute_text(mod, "history")).message.plain()
    assert "qn1" in history and "(no thread)" in history
    # The visible item is not posted a second time.
    assert "qn2" in (await engine.execute_text(mod, "question")).message.plain()


async def test_a_deleted_channel_closes_its_threads(engine, platform, mod):
    await load_sample(engine, mod)
    await engine.execute_text(mod, "question")
    await engine.execute_text(mod, "quote")
    assert await engine.channel_gone("fake", "W1", "C1") == 2
    history = (await engine.execute_text(mod, "history")).message.plain()
    assert history.count("[deleted]") == 2
    assert await engine.channel_gone("fake", "W1", "C1") == 0


async def test_posting_into_a_deleted_channel_closes_its_threads(engine, platform, mod):
    await load_sample(engine, mod)
    await engine.execute_text(mod, "question")
    platform.gone_channels.add("C1")
    reply = (await engine.execute_text(mod, "question")).message.plain()
    assert "no longer exists" in reply
    assert "[deleted]" in (await engine.execute_text(mod, "history")).message.plain()


async def test_autocomplete_offers_documents_items_schedules_and_suggestions(engine, mod):
    await load_sample(engine, mod)
    await engine.execute_text(mod, 'schedule add "fridays 19:00" question')
    await engine.execute_text(mod, "suggest Who is Amy to Theodore?")
    assert await engine.complete(mod, "document", "review") == [("#1 A test review", "1")]
    items = await engine.complete(mod, "item", "qn")
    assert [value for _, value in items] == ["qn1", "qn2"]
    [(label, value)] = await engine.complete(mod, "schedule", "")
    assert value == "1" and "fridays 19:00" in label
    assert await engine.complete(mod, "suggestion", "amy") == [("#1 Who is Amy to Theodore?", "1")]
    assert await engine.complete(context(workspace="W2"), "suggestion", "") == []
