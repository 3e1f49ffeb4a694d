"""``filmclub run`` as a real process on Slack, killed mid fan-out and mid recovery.

The bot runs in HTTP mode against the local fake Slack on a clock 15 times faster than the
wall clock, with an every-minute schedule in each of many channels; the fake resets 0.5% of
the connections after accepting a post. The process is SIGKILLed in the middle of a fan-out,
restarted after a downtime past the next slots, killed again while it recovers, and restarted.
Whatever happened, each slot is posted at most once, none is lost, the slots claimed but never
sent are posted (not marked unknown), and the database agrees with the channel.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import iso, parse_iso
from bot.engine import Engine
from bot.store import open_store
from tests.conftest import REPO, FakeClock, context, load_sample
from tests.scheduler.fast_run import ScaledClock
from tests.slack.fake_slack import FakeSlackApi

CHANNELS = 120
SCALE = 15.0  # one simulated minute every 4 real seconds
START = datetime(2026, 11, 20, 12, 0, 40, tzinfo=UTC)
TEAM = "T1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def prepare(db: Path, channels: int = CHANNELS) -> None:
    """One Slack club, a document, and an every-minute schedule in each channel."""
    store = await open_store(str(db))
    try:
        engine = Engine(store, clock=FakeClock(START))  # first slot: 12:01
        mod = context(platform="slack", workspace=TEAM, channel="C000")
        await load_sample(engine, mod)
        await engine.execute_text(mod, "config set rotation restart")
        for n in range(channels):
            reply = await engine.execute(
                mod,
                "schedule add",
                {"when": "* * * * *", "channel": f"#C{n:03d}", "document": "1"},
            )
            assert "added" in reply.message.plain(), reply.message.plain()
    finally:
        await store.close()


class Bot:
    """Starts and kills ``filmclub run`` processes sharing one database and one timeline."""

    def __init__(self, db: Path, api: FakeSlackApi, clock: ScaledClock, logs: Path) -> None:
        self.clock = clock
        self.logs = logs
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{db}",
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_SIGNING_SECRET": "test-signing-secret",
            "SLACK_HTTP_PORT": str(free_port()),
            "SLACK_API_URL": api.url + "/api",
            "LOG_LEVEL": "INFO",
            "PYTHONPATH": str(REPO),
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        log = open(self.logs / f"run{self.starts}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.scheduler.fast_run",
                "--start",
                iso(self.clock.start),
                "--origin",
                str(self.clock.origin),
                "--scale",
                str(self.clock.scale),
            ],
            env=self.env,
            cwd=REPO,
            stdout=log,
            stderr=log,
        )

    def kill(self) -> None:
        assert self.process is not None
        assert self.process.poll() is None, (self.logs / f"run{self.starts}.log").read_text()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


def slot_of(message: dict) -> str | None:  # type: ignore[type-arg]
    payload = (message.get("metadata") or {}).get("event_payload") or {}
    return payload.get("nonce")


def scheduled(api: FakeSlackApi) -> list[tuple[str, str]]:
    """(channel, nonce) of every scheduled prompt at the top of a channel."""
    out = []
    for channel in api.messages:
        for message in api.channel_messages(channel):
            nonce = slot_of(message)
            if nonce and not nonce.startswith("fcn"):
                out.append((channel, nonce))
    return out


async def until(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


def open_runs(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(
            conn.execute("SELECT COUNT(*) FROM schedule_runs WHERE status = 'started'").fetchone()[
                0
            ]
        )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
async def test_kills_mid_fan_out_and_mid_recovery_lose_and_double_nothing(tmp_path: Path) -> None:
    db = tmp_path / "club.db"
    await prepare(db)
    api = FakeSlackApi()
    await api.start()
    clock = ScaledClock(START, time.time() + 1.0, SCALE)
    api.clock = lambda: clock.now().timestamp()
    api.reset_rate = 0.005
    api.random = random.Random(7)  # a seed whose 0.5% falls on several posts of this run
    bot = Bot(db, api, clock, tmp_path)
    try:
        bot.start()
        # The 12:01 fan-out completes; kill in the middle of 12:02's.
        await until(lambda: len(scheduled(api)) >= CHANNELS + CHANNELS // 3, 30, "12:02 fan-out")
        bot.kill()
        first_kill = len(scheduled(api))
        assert first_kill < 2 * CHANNELS  # killed with slots claimed and not all posted
        # Down past the 12:03 slot; restart, and kill again while it recovers.
        await asyncio.sleep(1.5 * 60 / SCALE)
        bot.start()
        await until(lambda: len(scheduled(api)) >= first_kill + 15, 30, "recovery posts")
        bot.kill()
        await asyncio.sleep(0.3 * 60 / SCALE)
        bot.start()
        # Run until two more minutes have been fanned out, then stop at a quiet moment.
        end = clock.now().replace(second=0, microsecond=0) + timedelta(minutes=3)
        await until(lambda: clock.now() >= end + timedelta(seconds=40), 60, "later minutes")
        await until(lambda: open_runs(db) == 0, 20, "every slot settled")
        bot.kill()
    finally:
        if bot.process is not None and bot.process.poll() is None:
            bot.kill()
        await api.stop()

    stats = verify(db, api, CHANNELS)
    assert api.resets > 0  # the network faults really happened
    assert stats["lookups"] > 0  # posts in flight at a kill, or reset, were looked for
    # The slots claimed (all at once) before the first kill were all posted in the end.
    assert stats["posted_at"][iso(START.replace(second=0) + timedelta(minutes=2))] == CHANNELS


def verify(db: Path, api: FakeSlackApi, channels: int) -> dict:  # type: ignore[type-arg]
    """Check the channels and the database after a run; returns what was counted."""
    posts = scheduled(api)
    # Never twice: one message per slot, and none made without the slot's metadata.
    doubles = [key for key, n in Counter(posts).items() if n > 1]
    assert doubles == []
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT r.schedule_id, r.slot, r.status, r.message_id, r.missed, r.nonce, ch.channel_id "
            "FROM schedule_runs r JOIN schedules s ON s.id = r.schedule_id "
            "JOIN channels ch ON ch.id = s.channel_ref ORDER BY r.schedule_id, r.slot"
        ).fetchall()
        notices = conn.execute("SELECT COUNT(*) FROM schedule_notices").fetchone()[0]
    # Slack can always tell: nothing is unknown, nothing skipped, nothing failed.
    assert Counter(r[2] for r in rows) == {"posted": len(rows)}
    assert notices == 0
    # The database and the channels agree, message by message.
    by_ts = {
        (channel, m["ts"]): slot_of(m) for channel in api.messages for m in api.messages[channel]
    }
    for _, _, _, message_id, _, nonce, channel in rows:
        assert by_ts[(channel, message_id)] == nonce
    assert len(rows) == len(posts)
    # Never lost: every minute of every schedule is a post, or folded into the next post
    # because the bot was down at that minute (counted in ``missed``).
    per_schedule: dict[int, list[tuple[str, int]]] = {}
    for schedule_id, slot, _, _, missed, _, _ in rows:
        per_schedule.setdefault(schedule_id, []).append((slot, missed))
    assert len(per_schedule) == channels
    first = START.replace(second=0) + timedelta(minutes=1)
    for runs in per_schedule.values():
        last = parse_iso(runs[-1][0])
        minutes = int((last - first).total_seconds() // 60) + 1
        assert sum(1 + missed for _, missed in runs) == minutes, runs
        assert parse_iso(runs[0][0]) == first
    return {
        "posts": len(posts),
        "folded": sum(r[4] for r in rows),
        "resets": api.resets,
        "lookups": len(api.calls_to("conversations.history")),
        "posted_at": Counter(r[1] for r in rows),
    }
