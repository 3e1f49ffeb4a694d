"""Screenings in the core: when each slot falls, and the neutral messages each one posts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.club_settings import duration_minutes
from bot.i18n import t
from bot.messages import ListBlock, Message, TextBlock
from bot.scheduler.recurrence import resolve_wall
from bot.store.screenings import ANNOUNCE, ARC, RECAP, REMIND, Recap, Screening

if TYPE_CHECKING:
    from bot.club_settings import ClubSettings


@dataclass(frozen=True)
class Rsvp:
    """The "I'm in" affordance of an announcement: platforms that can add a button do."""

    screening_id: int
    number: int
    count: int
    closed: bool = False  # cancelled or over: the button is gone


def local_when(moment: datetime, zone: ZoneInfo) -> str:
    """A time in the club's zone: ``Fri 2026-12-04 20:00 CET``."""
    from bot.clock import moment_text

    return moment_text(moment, zone)


def _at(day: date, clock: time, zone: ZoneInfo) -> datetime:
    return resolve_wall(datetime.combine(day, clock), zone)


def arc_clock(conf: ClubSettings) -> time:
    hour, minute = str(conf.arc_time).split(":")
    return time(int(hour), int(minute))


def plan(
    starts_at: datetime, now: datetime, conf: ClubSettings, zone: ZoneInfo
) -> list[tuple[str, int, datetime]]:
    """Every slot of a screening as (kind, seq, due instant).

    The announcement is due now; each reminder its lead time before the start (only those
    still ahead); the arc's prompts one a day at ``arc_time`` (wall clock of the club's zone,
    so daylight-saving changes keep the hour) from the first such time after the screening
    ends; the recap at ``arc_time`` the day after the last prompt.
    """
    slots: list[tuple[str, int, datetime]] = [(ANNOUNCE, 0, now)]
    for seq, lead in enumerate(conf.screening_reminders):
        minutes = duration_minutes(str(lead)) or 0
        due = starts_at - timedelta(minutes=minutes)
        if due > now:
            slots.append((REMIND, seq, due))
    end = starts_at + timedelta(minutes=duration_minutes(str(conf.screening_length)) or 180)
    clock = arc_clock(conf)
    day = end.astimezone(zone).date()
    if _at(day, clock, zone) < end:
        day += timedelta(days=1)
    days = int(conf.arc_days)
    for seq in range(days):
        slots.append((ARC, seq, _at(day + timedelta(days=seq), clock, zone)))
    slots.append((RECAP, 0, _at(day + timedelta(days=days), clock, zone)))
    return slots


def spoilers_until(starts_at: datetime, conf: ClubSettings) -> datetime:
    return starts_at + timedelta(days=int(conf.spoiler_days))


def place_text(screening: Screening) -> str:
    return t("screening.place", place=screening.place) if screening.place else ""


def announcement(screening: Screening, zone: ZoneInfo, count: int, hint: str) -> Message:
    """The announcement: film, time in the club's zone, place, and how to say "I'm in"."""
    from bot.clock import parse_iso

    when = local_when(parse_iso(screening.starts_at), zone)
    lines = [
        t("screening.announce", number=screening.number, film=screening.film, when=when)
        + place_text(screening),
        hint,
        t("screening.count", count=count),
    ]
    return Message(tuple(TextBlock(line) for line in lines if line))


def reminder(screening: Screening, zone: ZoneInfo, now: datetime, count: int) -> Message:
    """A reminder naming those who said they would come only by their number."""
    from bot.clock import parse_iso

    start = parse_iso(screening.starts_at)
    minutes = max(int((start - now).total_seconds() // 60), 0)
    lead = f"{minutes // 60}h" if minutes >= 60 and minutes % 60 == 0 else None
    if lead is None:
        lead = f"{minutes // 60}h {minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"
    text = t(
        "screening.reminder",
        number=screening.number,
        film=screening.film,
        lead=lead,
        when=local_when(start, zone),
    )
    return Message(
        (TextBlock(text + place_text(screening)), TextBlock(t("screening.count", count=count)))
    )


def arc_opening(screening: Screening, days: int) -> Message:
    return Message(
        (TextBlock(t("screening.arc_opening", film=screening.film, days=days)),),
    )


def recap_message(screening: Screening, recap: Recap, top_text: str | None) -> Message:
    """Counts only: prompts, replies, participants, the most-replied prompt, first-timers."""
    lines = [
        t("screening.recap.prompts", count=recap.prompts),
        t("screening.recap.replies", count=recap.replies),
        t("screening.recap.participants", count=recap.participants),
        t("screening.recap.first_timers", count=recap.first_timers),
    ]
    if top_text:
        lines.append(top_text)
    title = t("screening.recap.title", number=screening.number, film=screening.film)
    return Message((ListBlock(tuple(lines), title=title),))


def cancelled_message(screening: Screening, zone: ZoneInfo, count: int) -> Message:
    from bot.clock import parse_iso

    when = local_when(parse_iso(screening.starts_at), zone)
    text = t("screening.cancelled", number=screening.number, film=screening.film, when=when)
    return Message((TextBlock(text), TextBlock(t("screening.cancelled_count", count=count))))
