"""``filmclub run`` on a faster clock, for tests and benches that need minutes to pass in seconds.

    python -m tests.scheduler.fast_run --start 2026-11-20T12:00:30Z --origin 1764790000.0 --scale 15

Settings come from the environment exactly as for ``filmclub run``; only the clock differs:
it reads ``start`` at the real instant ``origin`` and runs ``scale`` times faster, so several
processes started with the same arguments (a restart) share one timeline.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from datetime import datetime, timedelta

from bot.clock import parse_iso, wait_for_event


class ScaledClock:
    """The wall clock, sped up ``scale`` times from ``start`` at the real instant ``origin``."""

    def __init__(self, start: datetime, origin: float, scale: float) -> None:
        self.start, self.origin, self.scale = start, origin, scale

    def at(self, real: float) -> datetime:
        return self.start + timedelta(seconds=(real - self.origin) * self.scale)

    def now(self) -> datetime:
        return self.at(time.time())

    def real(self, moment: datetime) -> float:
        """The real instant (seconds since the epoch) at which this clock shows ``moment``."""
        return self.origin + (moment - self.start).total_seconds() / self.scale

    async def sleep_until(self, when: datetime, wake: asyncio.Event) -> None:
        await wait_for_event(wake, self.real(when) - time.time())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--start", required=True)
    parser.add_argument("--origin", type=float, required=True)
    parser.add_argument("--scale", type=float, required=True)
    args = parser.parse_args()
    from adapters.runner import run
    from bot.settings import load_settings

    settings = load_settings(dotenv_path=None)
    logging.basicConfig(
        level=getattr(logging, settings.log_level or "INFO"),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    clock = ScaledClock(parse_iso(args.start), args.origin, args.scale)
    asyncio.run(run(settings, clock=clock))


if __name__ == "__main__":
    main()
