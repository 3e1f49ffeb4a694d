"""Schedule phrases and cron expressions, and their runs in a zone across daylight saving."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.scheduler.recurrence import ScheduleError, from_spec, parse

FRIDAY_NOON = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # a Friday


def runs(spec: str, start: datetime, zone: str = "UTC", count: int = 3) -> list[str]:
    tz = ZoneInfo(zone)
    rec = parse(spec, start.astimezone(tz).date())
    return [
        r.astimezone(tz).strftime("%a %Y-%m-%d %H:%M %Z") for r in rec.upcoming(start, tz, count)
    ]


def utc_runs(spec: str, start: datetime, zone: str, count: int = 3) -> list[str]:
    tz = ZoneInfo(zone)
    rec = parse(spec, start.astimezone(tz).date())
    return [r.strftime("%Y-%m-%d %H:%M") for r in rec.upcoming(start, tz, count)]


def test_daily_fires_today_when_still_ahead_then_every_day():
    assert runs("daily 19:00", FRIDAY_NOON) == [
        "Fri 2026-11-20 19:00 UTC",
        "Sat 2026-11-21 19:00 UTC",
        "Sun 2026-11-22 19:00 UTC",
    ]
    assert runs("daily 09:00", FRIDAY_NOON, count=1) == ["Sat 2026-11-21 09:00 UTC"]


def test_weekday_names_weekdays_and_weekends():
    assert runs("fridays 19:00", FRIDAY_NOON) == [
        "Fri 2026-11-20 19:00 UTC",
        "Fri 2026-11-27 19:00 UTC",
        "Fri 2026-12-04 19:00 UTC",
    ]
    assert runs("weekdays 08:30", FRIDAY_NOON) == [
        "Mon 2026-11-23 08:30 UTC",
        "Tue 2026-11-24 08:30 UTC",
        "Wed 2026-11-25 08:30 UTC",
    ]
    assert runs("weekends 10:00", FRIDAY_NOON, count=2) == [
        "Sat 2026-11-21 10:00 UTC",
        "Sun 2026-11-22 10:00 UTC",
    ]
    assert runs("mon and thu at 7pm", FRIDAY_NOON) == [
        "Mon 2026-11-23 19:00 UTC",
        "Thu 2026-11-26 19:00 UTC",
        "Mon 2026-11-30 19:00 UTC",
    ]


def test_every_n_days_counts_from_the_day_it_was_added():
    rec = parse("every 2 days 20:00", date(2026, 11, 20))
    assert rec.spec == "every 2 days 20:00 from 2026-11-20"
    assert runs("every 2 days 20:00", FRIDAY_NOON) == [
        "Fri 2026-11-20 20:00 UTC",
        "Sun 2026-11-22 20:00 UTC",
        "Tue 2026-11-24 20:00 UTC",
    ]
    # The stored spec keeps its anchor, so it means the same thing when read back later.
    later = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
    assert from_spec(rec.spec).next_after(later, ZoneInfo("UTC")) == datetime(
        2026, 11, 24, 20, 0, tzinfo=UTC
    )


def test_a_date_runs_once():
    assert runs("2026-12-04 20:00", FRIDAY_NOON) == ["Fri 2026-12-04 20:00 UTC"]
    rec = parse("2026-12-04 20:00", date(2026, 11, 20))
    assert rec.is_once
    assert rec.next_after(datetime(2026, 12, 4, 20, 0, tzinfo=UTC), ZoneInfo("UTC")) is None


def test_cron_expressions():
    assert runs("0 19 * * 5", FRIDAY_NOON) == [
        "Fri 2026-11-20 19:00 UTC",
        "Fri 2026-11-27 19:00 UTC",
        "Fri 2026-12-04 19:00 UTC",
    ]
    assert runs("*/20 9-10 * * mon-fri", FRIDAY_NOON, count=2) == [
        "Mon 2026-11-23 09:00 UTC",
        "Mon 2026-11-23 09:20 UTC",
    ]
    assert runs("30 8 1,15 jan,dec *", FRIDAY_NOON, count=3) == [
        "Tue 2026-12-01 08:30 UTC",
        "Tue 2026-12-15 08:30 UTC",
        "Fri 2027-01-01 08:30 UTC",
    ]
    # Day of month and day of week both restricted: either matches (cron's rule).
    assert runs("0 12 13 * 5", datetime(2026, 12, 1, tzinfo=UTC), count=3) == [
        "Fri 2026-12-04 12:00 UTC",
        "Fri 2026-12-11 12:00 UTC",
        "Sun 2026-12-13 12:00 UTC",
    ]
    assert runs("0 0 * * 0", FRIDAY_NOON, count=1) == runs("0 0 * * 7", FRIDAY_NOON, count=1)


@pytest.mark.parametrize(
    "text",
    [
        "daily 25:00",
        "sometimes",
        "fridays",
        "blursday 19:00",
        "2026-13-01 10:00",
        "0 19 * * 8",
        "61 * * * *",
        "every 0 days 10:00",
    ],
)
def test_nonsense_is_refused_with_a_reason(text):
    with pytest.raises(ScheduleError) as err:
        parse(text, date(2026, 11, 20))
    assert str(err.value)


# -- daylight saving, both hemispheres -------------------------------------------------------
def test_london_clocks_go_back_a_repeated_time_fires_once():
    # 2026-10-25: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice.
    assert runs("daily 01:30", datetime(2026, 10, 24, 12, tzinfo=UTC), "Europe/London") == [
        "Sun 2026-10-25 01:30 BST",
        "Mon 2026-10-26 01:30 GMT",
        "Tue 2026-10-27 01:30 GMT",
    ]


def test_london_clocks_go_forward_a_missing_time_fires_at_the_next_valid_minute():
    # 2026-03-29: 01:00 GMT becomes 02:00 BST, so 01:30 does not exist.
    assert runs("daily 01:30", datetime(2026, 3, 28, 12, tzinfo=UTC), "Europe/London") == [
        "Sun 2026-03-29 02:00 BST",
        "Mon 2026-03-30 01:30 BST",
        "Tue 2026-03-31 01:30 BST",
    ]


def test_new_york_both_ways():
    assert utc_runs("daily 02:30", datetime(2026, 3, 7, 12, tzinfo=UTC), "America/New_York") == [
        "2026-03-08 07:00",  # 03:00 EDT: 02:30 does not exist that day
        "2026-03-09 06:30",  # 02:30 EDT
        "2026-03-10 06:30",
    ]
    assert runs("daily 01:30", datetime(2026, 10, 31, 12, tzinfo=UTC), "America/New_York") == [
        "Sun 2026-11-01 01:30 EDT",
        "Mon 2026-11-02 01:30 EST",
        "Tue 2026-11-03 01:30 EST",
    ]


def test_sydney_both_ways_southern_hemisphere():
    # 2026-04-05: 03:00 AEDT becomes 02:00 AEST (02:30 happens twice).
    assert runs("daily 02:30", datetime(2026, 4, 3, 12, tzinfo=UTC), "Australia/Sydney") == [
        "Sat 2026-04-04 02:30 AEDT",
        "Sun 2026-04-05 02:30 AEDT",
        "Mon 2026-04-06 02:30 AEST",
    ]
    # 2026-10-04: 02:00 AEST becomes 03:00 AEDT (02:30 does not exist).
    assert runs("daily 02:30", datetime(2026, 10, 2, 12, tzinfo=UTC), "Australia/Sydney") == [
        "Sat 2026-10-03 02:30 AEST",
        "Sun 2026-10-04 03:00 AEDT",
        "Mon 2026-10-05 02:30 AEDT",
    ]


def test_hourly_cron_on_the_long_day_fires_once_per_wall_time():
    tz = ZoneInfo("America/New_York")
    rec = parse("30 * * * *", date(2026, 11, 1))
    day = [r for r in rec.upcoming(datetime(2026, 11, 1, 4, tzinfo=UTC), tz, 30)]
    on_day = [r.astimezone(tz).strftime("%H:%M") for r in day if r.astimezone(tz).day == 1]
    assert len(on_day) == 24 and len(set(on_day)) == 24


def test_half_hourly_cron_on_the_short_day_never_doubles_up():
    tz = ZoneInfo("America/New_York")
    rec = parse("0,30 * * * *", date(2026, 3, 8))
    out = [
        r.astimezone(tz).strftime("%H:%M%Z")
        for r in rec.upcoming(datetime(2026, 3, 8, 6, tzinfo=UTC), tz, 4)
    ]
    assert out == ["01:30EST", "03:00EDT", "03:30EDT", "04:00EDT"]
