"""Soak: ``filmclub run`` on Slack killed again and again, at random moments; nothing doubled.

The longer form of tests/scheduler/test_process.py. The bot runs in HTTP mode against the local
fake Slack, with an every-minute schedule in each of many channels, on a clock running faster
than the wall clock. The fake resets a share of the connections after accepting a post. The
process is SIGKILLed at random moments (mid fan-out, mid recovery, idle) and restarted after a
random downtime. At the end, no slot was posted twice, none was lost, and the database agrees
with the channels. Run:

    .venv/bin/python bench/soak_scheduler.py [--channels 500] [--kills 8] [--scale 10]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.scheduler.fast_run import ScaledClock  # noqa: E402
from tests.scheduler.test_process import (  # noqa: E402
    START,
    Bot,
    open_runs,
    prepare,
    scheduled,
    until,
    verify,
)
from tests.slack.fake_slack import FakeSlackApi  # noqa: E402


async def soak(args: argparse.Namespace) -> int:
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)  # the fake's own resets
    rng = random.Random(args.seed)
    minute = 60 / args.scale  # real seconds per simulated minute
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "club.db"
        await prepare(db, args.channels)
        api = FakeSlackApi()
        await api.start()
        clock = ScaledClock(START, time.time() + 1.0, args.scale)
        api.clock = lambda: clock.now().timestamp()
        api.reset_rate = args.reset_rate
        api.random = random.Random(args.seed)
        bot = Bot(db, api, clock, Path(tmp))
        started = time.monotonic()
        try:
            for kill in range(args.kills):
                bot.start()
                before = len(scheduled(api))
                if rng.random() < 0.5:  # mid recovery or mid fan-out: after a few posts
                    target = before + rng.randint(1, args.channels)
                    await until(lambda t=target: len(scheduled(api)) >= t, 20 * minute, "posts")
                else:  # anywhere in the next two minutes
                    await asyncio.sleep(rng.uniform(0.1, 2.0) * minute)
                bot.kill()
                print(
                    f"kill {kill + 1}: at {clock.now():%H:%M:%S}, "
                    f"{len(scheduled(api)) - before} posts since the start"
                )
                await asyncio.sleep(rng.uniform(0.0, 3.0) * minute)
            bot.start()
            end = clock.now().replace(second=0, microsecond=0) + timedelta(minutes=2)
            await until(lambda: clock.now() >= end + timedelta(seconds=40), 10 * minute, "end")
            await until(lambda: open_runs(db) == 0, 10 * minute, "every slot settled")
            bot.kill()
        finally:
            if bot.process is not None and bot.process.poll() is None:
                bot.kill()
            await api.stop()
        stats = verify(db, api, args.channels)
    print(f"channels                    : {args.channels}")
    print(f"kills                       : {args.kills}")
    print(f"simulated minutes           : {(clock.now() - START).total_seconds() / 60:.0f}")
    print(f"posts                       : {stats['posts']} (each slot once)")
    print(f"slots folded by downtime    : {stats['folded']}")
    print(f"connections reset after post: {stats['resets']}")
    print(f"history lookups             : {stats['lookups']}")
    print(f"wall time                   : {time.monotonic() - started:.0f} s")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--kills", type=int, default=8)
    parser.add_argument("--scale", type=float, default=10.0)
    parser.add_argument("--reset-rate", type=float, default=0.005)
    parser.add_argument("--seed", type=int, default=1)
    return asyncio.run(soak(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
