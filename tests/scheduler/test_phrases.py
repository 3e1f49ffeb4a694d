"""Cron mistakes named precisely, impossible dates called impossible, frequent phrases read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.scheduler.recurrence import ScheduleError, from_spec, parse
from tests.conftest import load_sample
from tests.test_moderation import dump

TODAY = date(2026, 11, 20)
UTC_ZONE = ZoneInfo("UTC")
NOON = datetime(2026, 11, 20, 12, 7, tzinfo=UTC)


async def text(engine, ctx, line: str) -> str:  # type: ignore[no-untyped-def]
    return (await engine.execute_text(ctx, line)).message.plain()


@pytest.mark.parametrize(
    ("cron", "said"),
    [
        ("61 * * * *", "61 is out of range for the minute field, which takes 0 to 59"),
        ("0 24 * * *", "24 is out of range for the hour field, which takes 0 to 23"),
        ("0 0 32 * *", "32 is out of range for the day-of-month field, which takes 1 to 31"),
        ("0 0 1 13 *", "13 is out of range for the month field, which takes 1 to 12"),
        ("0 19 * * 8", "8 is out of range for the day-of-week field, which takes 0 to 7"),
        ("*/0 * * * *", "can't read `*/0` as the minute field"),
        ("0 0 31 2 *", "never happens"),
        ("0 0 30,31 2 *", "never happens"),
        ("0 0 31 4,6,9,11 *", "never happens"),
    ],
)
async def test_cron_mistakes_are_named_and_store_nothing(engine, store, mod, cron, said):
    await load_sample(engine, mod)
    before = await dump(store)
    reply = await text(engine, mod, f'schedule add "{cron}" question')
    assert said in reply, reply
    assert "not a 5-field" not in reply and "has passed" not in reply
    assert await dump(store) == before


def test_a_possible_date_stays_possible():
    leap = parse("0 0 29 2 *", TODAY)  # every leap year
    assert leap.next_after(NOON, UTC_ZONE) == datetime(2028, 2, 29, tzinfo=UTC)
    # With a day of the week too, cron fires on either: a Monday in February always comes.
    assert parse("0 0 31 2 mon", TODAY).next_after(NOON, UTC_ZONE) is not None


@pytest.mark.parametrize(
    ("phrase", "spec", "runs"),
    [
        ("every minute", "every minute", ["12:08", "12:09", "12:10"]),
        ("hourly", "hourly", ["13:00", "14:00", "15:00"]),
        ("every hour", "hourly", ["13:00", "14:00", "15:00"]),
        ("every 2 hours", "every 2 hours", ["14:00", "16:00", "18:00"]),
        ("every 15 minutes", "every 15 minutes", ["12:15", "12:30", "12:45"]),
    ],
)
def test_frequent_phrases_are_understood(phrase, spec, runs):
    rec = parse(phrase, TODAY)
    assert rec.spec == spec
    assert [m.strftime("%H:%M") for m in rec.upcoming(NOON, UTC_ZONE)] == runs
    assert from_spec(rec.spec) == rec  # what is stored reads back the same


@pytest.mark.parametrize("phrase", ["every 0 hours", "every 24 hours", "every 60 minutes"])
def test_frequent_phrases_out_of_range_are_explained(phrase):
    with pytest.raises(ScheduleError, match="takes a number from 1 to"):
        parse(phrase, TODAY)


async def test_frequent_phrases_through_schedule_add(engine, mod):
    await load_sample(engine, mod)
    reply = await text(engine, mod, 'schedule add "every 2 hours" question')
    assert "Schedule #1 added: every 2 hours (UTC), a question" in reply
    assert "Schedule #2 added: hourly" in await text(engine, mod, "schedule add hourly quote")
    assert "Schedule #3 added: every minute" in await text(engine, mod, "schedule add every minute")
