"""What a new operator ran into, through the engine and the recording fake platform."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.scheduler import Scheduler
from tests.conftest import load_sample
from tests.scheduler.conftest import drive, notices

pytestmark = pytest.mark.backends


async def say(engine, ctx, line: str) -> str:  # type: ignore[no-untyped-def]
    return (await engine.execute_text(ctx, line)).message.plain()


async def test_a_mistyped_kind_is_not_taken_for_a_channel(engine, mod):
    await load_sample(engine, mod)
    reply = await say(engine, mod, 'schedule add "daily 19:00" qustion document=1')
    assert "`qustion` is not a channel" in reply and "Did you mean `question`?" in reply
    assert "No schedules yet" in await say(engine, mod, "schedule list")
    # A channel written as one, or one the club knows, is still a channel.
    reply = await say(engine, mod, 'schedule add "daily 19:00" question #other document=1')
    assert "Schedule #1 added" in reply and "#other" in reply
    reply = await say(engine, mod, 'schedule add "daily 20:00" quote other document=1')
    assert "Schedule #2 added" in reply and "#other" in reply


async def test_an_unquoted_when_takes_the_longest_phrase_then_the_options(engine, mod):
    await load_sample(engine, mod)
    reply = await say(engine, mod, "schedule add fridays 19:00 question #other document=1")
    assert "Schedule #1 added: fridays 19:00" in reply and "question" in reply
    assert "#other" in reply
    reply = await say(engine, mod, "schedule add daily 19:00 question document=1")
    assert "Schedule #2 added: daily 19:00" in reply
    reply = await say(engine, mod, "schedule add every 2 days 20:00 quote")
    assert "Schedule #3 added: every 2 days 20:00" in reply


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("history 0", "`limit` must be a whole number from 1 to 50, not `0`."),
        ("history -5", "`limit` must be a whole number from 1 to 50, not `-5`."),
        ("history 51", "`limit` must be a whole number from 1 to 50, not `51`."),
        ("config log 0", "`limit` must be a whole number from 1 to 100, not `0`."),
        ("preview page=0", "`page` must be a whole number from 1 to"),
        ("preview page=2", "There is only 1 page."),
    ],
)
async def test_numbers_out_of_range_are_refused_not_clamped(engine, mod, line, expected):
    await load_sample(engine, mod)
    await say(engine, mod, "question")
    assert expected in await say(engine, mod, line)


async def test_history_within_range_still_answers(engine, mod):
    await load_sample(engine, mod)
    await say(engine, mod, "question")
    await say(engine, mod, "question")
    reply = await say(engine, mod, "history 1")
    assert reply.count("qn") == 1


async def test_unclosed_quotes_are_refused(engine, mod):
    await load_sample(engine, mod)
    reply = await say(engine, mod, 'schedule add "daily 19:00 question')
    assert "A quote is not closed" in reply
    assert "No schedules yet" in await say(engine, mod, "schedule list")
    # An apostrophe is a letter, not a quote.
    assert "Thanks" in await say(engine, mod, "suggest Isn't 'Her' about loneliness?")


async def test_load_of_other_schemes_says_what_can_be_loaded(engine, mod):
    for source in ("ftp://example.org/review.txt", "file:///etc/passwd"):
        reply = await say(engine, mod, f"load {source}")
        assert reply == "Only http(s) links and uploaded files can be loaded."


async def test_the_log_channel_notice_names_the_channel_that_ran_out(engine, platform, clock, mod):
    clock.current = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    await load_sample(engine, mod)
    reply = await say(engine, mod, "config set log_channel #mods")
    assert "#mods" in reply and "`mods`" not in reply
    await say(engine, mod, 'schedule add "daily 19:00" question')
    await drive(Scheduler(engine), clock, datetime(2026, 11, 23, 20, 0, tzinfo=UTC))
    [told] = [n for n in notices(platform, "mods") if "nothing left to post" in n]
    assert "have been posted in #C1" in told and "this channel" not in told


async def test_an_approval_said_in_the_channel_names_the_member(engine, platform, mod, member):
    await load_sample(engine, mod)
    await say(engine, member, "suggest Is Theodore lonely?")
    await say(engine, mod, "approve 1")
    [post] = [
        p.message.plain() for p in platform.channel_posts("C1") if "approved" in p.message.plain()
    ]
    assert post.startswith("member's suggested question #1 was approved")


async def test_a_screening_in_utc_shows_the_zone_once(engine, clock, mod):
    clock.current = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    await load_sample(engine, mod)
    reply = await say(engine, mod, 'screening add "2026-12-20 19:00"')
    assert "Sun 2026-12-20 19:00 UTC," in reply and "(UTC)" not in reply


async def test_a_malformed_export_changes_nothing_even_with_replace(engine, store, mod):
    """On every backend: a constraint the export breaks is a BackupError, rolled back."""
    from bot.store.backup import BackupError, export_clubs, import_clubs

    await load_sample(engine, mod)
    payload = await export_clubs(store.db)
    before = await export_clubs(store.db)
    del payload["clubs"][0]["documents"][0]["number"]
    with pytest.raises(BackupError, match="not a valid export: .*documents"):
        await import_clubs(store.db, payload, replace=True)
    assert await export_clubs(store.db) == before
    payload["clubs"][0]["documents"] = None
    with pytest.raises(BackupError, match="not a valid export: clubs\\[0\\].documents"):
        await import_clubs(store.db, payload, replace=True)
