"""Members cannot flood a channel: a cooldown per member, a rate per channel, pages, a queue cap."""

from __future__ import annotations

from datetime import timedelta

from bot.models import Extraction, Item, Kind
from tests.conftest import context, load_sample


def text(reply) -> str:  # type: ignore[no-untyped-def]
    return reply.message.plain()


MANY = Extraction(
    title="A long guide",
    film="Her",
    items=tuple(Item(Kind.QUESTION, text=f"Why does scene {n} matter?") for n in range(1, 41)),
)


async def test_a_member_waits_out_the_cooldown_between_prompts(
    engine, mod, member, clock, platform
):
    await load_sample(engine, mod, MANY)
    await engine.execute_text(mod, "config set member_cooldown 2")
    assert "qn1" in text(await engine.execute_text(member, "question"))
    refused = text(await engine.execute_text(member, "question"))
    assert "in 2 minutes" in refused and "member_cooldown" in refused
    assert len(platform.channel_posts("C1")) == 1  # no second thread, no second ping
    clock.current += timedelta(minutes=1, seconds=30)
    assert "30 seconds" in text(await engine.execute_text(member, "discuss"))
    clock.current += timedelta(seconds=30)
    assert "qn2" in text(await engine.execute_text(member, "question"))
    # Moderators are exempt.
    for _ in range(3):
        assert "posted" in text(await engine.execute_text(mod, "question")).lower()


async def test_the_channel_rate_limits_members_together(engine, mod, clock, platform):
    await load_sample(engine, mod, MANY)
    await engine.execute_text(mod, "config set channel_rate 3")
    members = [context(f"m{n}", admin=False) for n in range(5)]
    answers = [text(await engine.execute_text(m, "question")) for m in members]
    assert sum("channel_rate" in a for a in answers) == 2
    assert "channel_rate" in answers[3] and "in 60 minutes" in answers[3]
    assert len(platform.channel_posts("C1")) == 3
    clock.current += timedelta(hours=1)
    assert "channel_rate" not in text(await engine.execute_text(members[4], "question"))


async def test_limits_are_per_channel_settings_and_zero_turns_them_off(engine, mod, member):
    await load_sample(engine, mod, MANY)
    await engine.execute_text(mod, "config set member_cooldown 2")
    await engine.execute_text(mod, "config set member_cooldown channel 0")
    for _ in range(3):
        assert "member_cooldown" not in text(await engine.execute_text(member, "question"))
    other = context("member", admin=False, channel="C2")
    await load_sample(engine, context(channel="C2"), MANY)
    await engine.execute_text(other, "question")
    assert "member_cooldown" in text(await engine.execute_text(other, "question"))


async def test_limit_settings_are_validated(engine, mod):
    for bad in ("member_cooldown ¹", "member_cooldown -1", "channel_rate 99999999999999999999"):
        reply = text(await engine.execute_text(mod, f"config set {bad}"))
        assert "is not accepted" in reply, reply
    assert "20" in text(await engine.execute_text(mod, "config set channel_rate 20"))


async def test_a_failed_post_does_not_use_up_the_members_turn(engine, mod, member, platform):
    from bot.platform import PlatformError

    await load_sample(engine, mod, MANY)
    platform.fail_next["post_message"] = PlatformError("Discord is down")
    assert "Discord is down" in text(await engine.execute_text(member, "question"))
    assert "posted" in text(await engine.execute_text(member, "question")).lower()


HUGE = Extraction(
    title="Every question",
    film="Her",
    items=tuple(Item(Kind.QUESTION, text=f"Why does moment {n} matter?") for n in range(1, 2001)),
)


async def test_preview_of_a_huge_document_comes_a_page_at_a_time(engine, mod, member):
    await load_sample(engine, mod, HUGE)
    first = text(await engine.execute_text(member, "preview"))
    assert "qn20 " in first and "qn21 " not in first
    assert "Page 1 of 100" in first and "preview page=2" in first
    assert len(first) < 3000
    second = text(await engine.execute_text(member, "preview questions page=2"))
    assert "qn21 " in second and "qn40 " in second and "qn41 " not in second
    assert "preview question page=3" in second
    last = text(await engine.execute_text(member, "preview page=100"))
    assert "qn2000 " in last and "Page 100 of 100." in last
    assert "There are only 100 pages." == text(
        await engine.execute_text(member, "preview page=101")
    )
    pool = text(await engine.execute_text(mod, "pool"))
    assert "qn40 " in pool and "qn41 " not in pool and "Page 1 of 50" in pool


async def test_a_short_preview_has_no_page_footer(engine, mod, member):
    await load_sample(engine, mod)
    assert "Page" not in text(await engine.execute_text(member, "preview"))


async def test_suggestions_are_rate_limited_and_the_queue_is_capped(engine, mod, member, clock):
    await load_sample(engine, mod)
    for n in range(1, 6):
        reply = text(await engine.execute_text(member, f"suggest Why does scene {n} end so?"))
        assert f"#{n}" in reply
    refused = text(await engine.execute_text(member, "suggest Why does Catherine sign?"))
    assert "5 questions in the last 10 minutes" in refused and "in 10 minutes" in refused
    clock.current += timedelta(minutes=10)
    for n in range(6, 11):
        await engine.execute_text(member, f"suggest Why does scene {n} end in silence?")
    clock.current += timedelta(minutes=10)
    full = text(await engine.execute_text(member, "suggest One more about the letters?"))
    assert "10 suggestions waiting" in full
    # Moderators are not limited, but the club's queue holds at most 200.
    for n in range(190):
        await engine.execute_text(mod, f"suggest Question number {n} about the ending?")
    other = context("other", admin=False)
    assert "200 suggestions waiting" in text(await engine.execute_text(other, "suggest Why fog?"))
    pending = await engine.store.moderation.pending_suggestions(1)
    assert len(pending) == 200


def test_the_duplicate_check_still_finds_duplicates_among_thousands():
    from bot.commands.curation import near_duplicate

    candidates = [
        (f"#{n}", f"What does the sequence number {n} say about love?") for n in range(5000)
    ]
    candidates.append(("qn9", "Is Samantha's love for Theodore real, or only code?"))
    assert near_duplicate("Is Samantha's love for Theodore real or only code", candidates) == "qn9"
    assert near_duplicate("Why does the film end on a rooftop?", candidates) is None


async def test_the_suggestion_queue_comes_a_page_at_a_time(engine, mod):
    await load_sample(engine, mod)
    for n in range(1, 26):
        await engine.execute_text(mod, f"suggest Question number {n} about the ending?")
    first = await engine.execute_text(mod, "suggestions")
    assert "#10 " in text(first) and "#11 " not in text(first)
    assert "Page 1 of 3" in text(first) and "suggestions page=2" in text(first)
    assert len(first.actions) == 20
    third = text(await engine.execute_text(mod, "suggestions page=3"))
    assert "#25 " in third and "Page 3 of 3." in third
