"""Benchmark: 10,000 schedules due in the same minute, dispatched by the scheduler.

A zero-latency recording platform receives the posts, so the figure is the scheduler's own
throughput (database work included, on an on-disk SQLite file), not a platform's. Run:

    .venv/bin/python bench/bench_scheduler.py [--schedules 10000] [--clubs 100]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.clock import iso  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.messages import Message  # noqa: E402
from bot.models import Item, Kind  # noqa: E402
from bot.platform import MessageRef, ThreadRef  # noqa: E402
from bot.scheduler import Scheduler  # noqa: E402
from bot.store import open_store  # noqa: E402

SLOT = datetime(2026, 11, 20, 19, 0, tzinfo=UTC)
ITEMS_PER_DOCUMENT = 20


class RecordingPlatform:
    """Answers at once and only counts: the scheduler is the only thing being measured."""

    name = "bench"
    max_message_chars = 2000

    def __init__(self) -> None:
        self.ids = itertools.count(1)
        self.posts = 0
        self.channels: set[str] = set()
        self.nonces: set[str] = set()

    async def post_message(
        self,
        channel_id: str,
        message: Message,
        *,
        nonce: str | None = None,
        title: str | None = None,
    ) -> MessageRef:
        self.posts += 1
        self.channels.add(channel_id)
        if nonce:
            self.nonces.add(nonce)
        return MessageRef(channel_id, f"m{next(self.ids)}")

    async def open_thread(
        self, parent: MessageRef, title: str, *, auto_archive_minutes: int | None = None
    ) -> ThreadRef:
        return ThreadRef(parent.channel_id, f"t{parent.message_id}")

    async def post_in_thread(self, thread: ThreadRef, message: Message) -> MessageRef:
        return MessageRef(thread.channel_id, f"m{next(self.ids)}")


class FixedClock:
    """Time stands still at the slot (the bench measures work, not waiting)."""

    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    async def sleep_until(self, when: datetime, wake: asyncio.Event) -> None:
        self.current = max(self.current, when)


async def seed(engine: Engine, schedules: int, clubs: int) -> None:
    """Clubs, one document each, one channel and one 'daily 19:00' schedule per channel."""
    db = engine.store.db
    now = iso(SLOT.replace(hour=12))
    items = [
        json.dumps(Item(Kind.QUESTION, text=f"Question {n} about the film?").to_json())
        for n in range(1, ITEMS_PER_DOCUMENT + 1)
    ]
    per_club = -(-schedules // clubs)
    async with db.transaction() as conn:
        made = 0
        for c in range(clubs):
            cur = await conn.execute(
                "INSERT INTO clubs (platform, workspace_id, name, created_at) VALUES (?, ?, ?, ?) "
                "RETURNING id",
                ("bench", f"W{c}", f"Club {c}", now),
            )
            club_id = (await cur.fetchone())[0]
            cur = await conn.execute(
                "INSERT INTO documents (club_id, number, title, film, source, content_hash, body, "
                "loaded_at) VALUES (?, 1, 'Bench review', 'Her', 'bench.txt', ?, 'body', ?) "
                "RETURNING id",
                (club_id, f"hash{c}", now),
            )
            doc_id = (await cur.fetchone())[0]
            await conn.executemany(
                "INSERT INTO items (document_id, kind, number, position, data) VALUES (?, ?, ?, ?, ?)",
                [(doc_id, "question", n + 1, n, data) for n, data in enumerate(items)],
            )
            for k in range(min(per_club, schedules - made)):
                cur = await conn.execute(
                    "INSERT INTO channels (club_id, channel_id, name, active_document_id) "
                    "VALUES (?, ?, ?, ?) RETURNING id",
                    (club_id, f"C{c}-{k}", f"chan-{k}", doc_id),
                )
                channel_ref = (await cur.fetchone())[0]
                await conn.execute(
                    "INSERT INTO schedules (club_id, number, channel_ref, kind, spec, status, "
                    "next_run, created_by, created_at, manage_channel) "
                    "VALUES (?, ?, ?, 'question', 'daily 19:00', 'active', ?, 'bench', ?, ?)",
                    (club_id, k + 1, channel_ref, iso(SLOT), now, f"C{c}-{k}"),
                )
                made += 1


async def once(args: argparse.Namespace) -> dict[str, float]:
    """Seed a fresh database, dispatch one minute's schedules, and check nothing doubled."""
    with tempfile.TemporaryDirectory() as tmp:
        store = await open_store(str(Path(tmp) / "bench.db"))
        clock = FixedClock(SLOT.replace(hour=12))
        engine = Engine(store, clock=clock)
        platform = RecordingPlatform()
        engine.attach(platform)
        scheduler = Scheduler(
            engine,
            batch_size=args.batch,
            concurrency=args.concurrency,
            plan_concurrency=args.plan_concurrency,
        )
        await seed(engine, args.schedules, args.clubs)
        await scheduler.tick()  # nothing due yet: settles start-up work outside the timing
        clock.current = SLOT
        if args.tracemalloc:
            tracemalloc.start()
        started, cpu_started = time.perf_counter(), time.process_time()
        posted = await scheduler.tick()
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        traced = tracemalloc.get_traced_memory()[1] if args.tracemalloc else 0
        if args.tracemalloc:
            tracemalloc.stop()
        again = await scheduler.tick()  # the same minute again: nothing may post twice
        runs = await store.db.fetchone(
            "SELECT COUNT(*), SUM(CASE WHEN status = 'posted' THEN 1 ELSE 0 END) FROM schedule_runs"
        )
        await store.close()
    ok = (
        posted == args.schedules == platform.posts == len(platform.nonces) == runs[1]
        and len(platform.channels) == args.schedules
        and again == 0
    )
    return {
        "posted": posted,
        "elapsed": elapsed,
        "rate": posted / elapsed if elapsed else float("inf"),
        "cpu_per_post": cpu / max(posted, 1),
        "traced": traced,
        "ok": float(ok),
    }


async def main(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING)
    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results = []
    for number in range(1, args.repeat + 1):
        result = await once(args)
        results.append(result)
        print(
            f"run {number}: {int(result['posted'])} posts in {result['elapsed']:.2f} s = "
            f"{result['rate']:,.0f} posts/s, CPU {result['cpu_per_post'] * 1e6:.0f} us/post, "
            f"{'each slot posted exactly once' if result['ok'] else 'MISMATCH'}"
        )
    rates = sorted(r["rate"] for r in results)
    median = rates[len(rates) // 2]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"schedules due in one minute : {args.schedules} across {args.schedules} channels")
    print(
        f"throughput (median, best)   : {median:,.0f} / {rates[-1]:,.0f} posts/s (target >= 2,000)"
    )
    print(
        f"peak RSS of the process     : {peak / 1024:.1f} MiB (interpreter and imports: {rss_start / 1024:.1f} MiB)"
    )
    if args.tracemalloc:
        traced = max(r["traced"] for r in results)
        print(f"peak traced Python memory   : {traced / 1024 / 1024:.1f} MiB during dispatch")
    ok = all(r["ok"] for r in results)
    return 0 if ok and median >= 2000 else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schedules", type=int, default=10_000)
    parser.add_argument("--clubs", type=int, default=100)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=16, help="posts under way at once")
    parser.add_argument(
        "--plan-concurrency", type=int, default=16, help="schedules planned at once"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs, each on a fresh database")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace Python allocations (slower)"
    )
    sys.exit(asyncio.run(main(parser.parse_args())))
