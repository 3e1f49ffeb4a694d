"""Benchmark: the scheduler fan-out on PostgreSQL with 1, 2 and 4 processes, and a kill test.

Each process is a real OS process with its own pool, engine and scheduler, posting to a
zero-latency platform that appends every post to a shared log file (so posts made by a process
that is later killed are still counted). 10,000 schedules are due in the same minute. Checked:
every slot posted exactly once across the processes (the log and the database agree).

The kill test starts 4 processes on a slower platform (1 ms a post), SIGKILLs one mid-fan-out,
and lets the others run on: after its lease (10 s here) they take over its claims and settle them
by the README's rules. Checked: no slot posted twice, and every slot either posted once or
recorded as ``unknown`` (told to its moderators), none left open or missing.

Needs a PostgreSQL server; scripts/test-postgres provides a throw-away one:

    scripts/test-postgres .venv/bin/python bench/bench_processes.py [--schedules 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_scheduler import SLOT, RecordingPlatform, seed  # noqa: E402
from bot.clock import iso  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.messages import Message  # noqa: E402
from bot.platform import MessageRef  # noqa: E402
from bot.scheduler import Scheduler  # noqa: E402
from bot.store import open_store  # noqa: E402


class LoggingPlatform(RecordingPlatform):
    """Appends each post's channel to a file shared by every process (O_APPEND, unbuffered)."""

    def __init__(self, log_path: str, delay: float) -> None:
        super().__init__()
        self.fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self.delay = delay

    async def post_message(
        self,
        channel_id: str,
        message: Message,
        *,
        nonce: str | None = None,
        title: str | None = None,
    ) -> MessageRef:
        if self.delay:
            await asyncio.sleep(self.delay)
        os.write(self.fd, f"{channel_id}\n".encode())
        return await super().post_message(channel_id, message, nonce=nonce, title=title)


class RunningClock:
    """The slot's time plus the real time since the start (leases must run out)."""

    def __init__(self, start: datetime) -> None:
        self.start, self.t0 = start, time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.t0)

    async def sleep_until(self, when: datetime, wake: asyncio.Event) -> None:
        delay = (when - self.now()).total_seconds()
        if delay > 0:
            try:
                await asyncio.wait_for(wake.wait(), timeout=min(delay, 0.5))
            except TimeoutError:
                pass


async def worker(args: argparse.Namespace) -> None:
    """One bot process: wait for the go, run passes until no slot is due or open."""
    store = await open_store(args.url, pool_size=4)
    store.schedules.lease_seconds = args.lease
    clock = RunningClock(SLOT - timedelta(hours=1))  # nothing due until the go
    engine = Engine(store, clock=clock)
    platform = LoggingPlatform(args.log, args.delay)
    engine.attach(platform)
    scheduler = Scheduler(engine, batch_size=args.batch)
    scheduler.cluster.start()  # lease renewals and wake-ups, as Scheduler.start() does
    await scheduler.tick()  # start-up work (nothing is open yet)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    await asyncio.to_thread(sys.stdin.readline)  # the go
    clock.start, clock.t0 = SLOT, time.monotonic()
    cpu0, t0 = time.process_time(), time.perf_counter()
    posted, busy = 0, 0.0
    while True:
        made = await scheduler.tick()
        await scheduler.drain()
        if made:
            posted += made
            busy = time.perf_counter() - t0
        row = await store.db.fetchone(
            "SELECT (SELECT COUNT(*) FROM schedule_runs WHERE status = 'started'), "
            "(SELECT COUNT(*) FROM schedules WHERE status = 'active' AND next_run <= ?)",
            (iso(clock.now()),),
        )
        if row[0] == 0 and row[1] == 0:
            break
        await clock.sleep_until(await scheduler.next_wake(), asyncio.Event())
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    await scheduler.stop()
    await store.close()
    result = {"posted": posted, "cpu": cpu, "elapsed": elapsed, "busy": busy}
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


def with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}search_path={schema}"


async def prepare(base: str, schedules: int, clubs: int) -> str:
    import asyncpg

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(base)
    await conn.execute(f"CREATE SCHEMA {schema}")
    await conn.close()
    url = with_schema(base, schema)
    store = await open_store(url)
    engine = Engine(store)
    await seed(engine, schedules, clubs)
    await store.close()
    return url


async def verdict(url: str, log: Path) -> dict[str, int]:
    store = await open_store(url)
    rows = await store.db.fetchall("SELECT status, COUNT(*) FROM schedule_runs GROUP BY status")
    statuses = {r[0]: int(r[1]) for r in rows}
    total = (await store.db.fetchone("SELECT COUNT(*) FROM schedules"))[0]
    await store.close()
    posts = Counter((await asyncio.to_thread(log.read_text)).split())
    return {
        "schedules": total,
        "runs": sum(statuses.values()),
        "posted_runs": statuses.get("posted", 0),
        "unknown_runs": statuses.get("unknown", 0),
        "open_runs": statuses.get("started", 0),
        "posts": sum(posts.values()),
        "posted_twice": sum(1 for n in posts.values() if n > 1),
    }


def run(args: argparse.Namespace, processes: int, *, delay: float, kill: bool) -> dict:
    url = asyncio.run(prepare(args.url, args.schedules, args.clubs))
    log = Path(tempfile.mkstemp(prefix="filmclub-posts-")[1])
    cmd = [sys.executable, __file__, "--worker", "--url", url, "--log", str(log)]
    cmd += ["--delay", str(delay), "--lease", str(args.lease), "--batch", str(args.batch)]
    procs = [
        subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    killed = None
    if kill:
        time.sleep(args.kill_after)
        killed = procs[0]
        killed.send_signal(signal.SIGKILL)
    results = []
    for p in procs:
        out, _ = p.communicate(timeout=600)
        if p is not killed:
            results.append(json.loads(out.strip().splitlines()[-1]))
    wall = time.perf_counter() - started
    busy = max(r["busy"] for r in results) if results else wall
    check = asyncio.run(verdict(url, log))
    log.unlink()
    posted = sum(r["posted"] for r in results)
    return {
        "processes": processes,
        "wall": wall,
        "busy": busy,
        "rate": check["posts"] / busy if busy else 0.0,
        "cpu_per_post": sum(r["cpu"] for r in results) / max(posted, 1),
        **check,
    }


def main(args: argparse.Namespace) -> int:
    if not args.url:
        print("set FILMCLUB_TEST_POSTGRES_URL or --url (scripts/test-postgres sets it)")
        return 2
    ok = True
    for processes in args.processes:
        r = run(args, processes, delay=0.0, kill=False)
        exact = r["posts"] == r["posted_runs"] == r["schedules"] and r["posted_twice"] == 0
        ok &= exact
        print(
            f"{processes} process(es): {r['posts']} posts in {r['busy']:.2f} s = "
            f"{r['rate']:,.0f} posts/s, CPU {r['cpu_per_post'] * 1e6:.0f} us/post, "
            f"{'each slot posted exactly once' if exact else 'MISMATCH ' + str(r)}"
        )
    if args.kill:
        r = run(args, 4, delay=args.kill_delay, kill=True)
        settled = r["posted_runs"] + r["unknown_runs"] == r["schedules"] and not r["open_runs"]
        safe = r["posted_twice"] == 0 and settled and r["posts"] >= r["posted_runs"]
        ok &= safe
        print(
            f"kill test: 4 processes, one SIGKILLed after {args.kill_after:.1f} s: "
            f"{r['posted_runs']} posted, {r['unknown_runs']} unknown (told to moderators), "
            f"{r['open_runs']} left open, {r['posted_twice']} posted twice, "
            f"all settled in {r['wall']:.1f} s (lease {args.lease:.0f} s): "
            f"{'no slot twice, none lost' if safe else 'FAILED ' + str(r)}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("FILMCLUB_TEST_POSTGRES_URL"))
    parser.add_argument("--schedules", type=int, default=10_000)
    parser.add_argument("--clubs", type=int, default=100)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--lease", type=float, default=10.0, help="slot lease, seconds")
    parser.add_argument("--no-kill", dest="kill", action="store_false")
    parser.add_argument("--kill-after", type=float, default=1.0)
    parser.add_argument("--kill-delay", type=float, default=0.001, help="platform latency")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--log", help=argparse.SUPPRESS)
    parser.add_argument("--delay", type=float, default=0.0, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        asyncio.run(worker(arguments))
    else:
        sys.exit(main(arguments))
