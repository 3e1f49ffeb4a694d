"""Injectable time, so tests never sleep and never depend on the wall clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, tzinfo
from typing import Protocol


class Clock(Protocol):
    """Now, and a way to wait until a moment (interruptible by an event)."""

    def now(self) -> datetime: ...

    async def sleep_until(self, when: datetime, wake: asyncio.Event) -> None: ...


class SystemClock:
    """The real clock (UTC)."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep_until(self, when: datetime, wake: asyncio.Event) -> None:
        """Return at ``when`` or as soon as ``wake`` is set; a cancellation always propagates.

        Not ``asyncio.wait_for``: in Python 3.11 it swallows a cancellation that arrives while
        the awaited event fires, so a task being stopped went back to sleep and ``stop()``
        waited forever. ``asyncio.wait`` never swallows it.
        """
        await wait_for_event(wake, (when - self.now()).total_seconds())


async def wait_for_event(wake: asyncio.Event, delay: float) -> None:
    """Wait until ``wake`` is set or ``delay`` seconds have passed; cancellation propagates."""
    if delay <= 0 or wake.is_set():
        return
    waiter = asyncio.ensure_future(wake.wait())
    try:
        await asyncio.wait({waiter}, timeout=delay)
    finally:
        waiter.cancel()


def iso(moment: datetime) -> str:
    """A UTC timestamp as stored in the database."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def local_text(stamp: str, zone: str, language: str | None = None) -> str:
    """A stored UTC timestamp shown in a club's time zone: ``2026-11-20 19:00 CET``."""
    from zoneinfo import ZoneInfo

    return moment_text(parse_iso(stamp), ZoneInfo(zone), language, weekday=False)


def moment_text(
    moment: datetime, zone: tzinfo, language: str | None = None, *, weekday: bool = True
) -> str:
    """A moment in a club's zone and language: ``Fri 2026-12-04 19:00 CET`` (``ven.`` in
    French). Babel names the weekday; the zone keeps its usual abbreviation."""
    from babel.core import UnknownLocaleError
    from babel.dates import format_datetime

    from bot.i18n import current_language

    local = moment.astimezone(zone)
    pattern = "EEE yyyy-MM-dd HH:mm" if weekday else "yyyy-MM-dd HH:mm"
    try:
        text = format_datetime(local, pattern, locale=(language or current_language.get()))
    except (UnknownLocaleError, ValueError):
        text = format_datetime(local, pattern, locale="en")
    return f"{text} {local.strftime('%Z')}".rstrip()
