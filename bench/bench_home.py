"""Benchmark: building one person's Home view (overview queries + Block Kit) in a busy club.

One club on disk with 40 channels that each have an active document of 60 items (with posts),
40 schedules with runs, 2,000 prompts with threads and 200 pending suggestions; plus 500 other
clubs. Prints p50/p99 in ms for a moderator and a member.
Target: p50 under 15 ms for a moderator on one idle core (a refresh burst of 20 views well
under a second); a member's view is a few queries.
Run: .venv/bin/python bench/bench_home.py
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.slack.home import home_view  # noqa: E402
from bot.engine import Actor, Engine  # noqa: E402
from bot.home import overview  # noqa: E402
from bot.store import open_store  # noqa: E402

CHANNELS, ITEMS, SCHEDULES, PROMPTS, PENDING, OTHER_CLUBS, RUNS = 40, 60, 40, 2000, 200, 500, 300
NOW = "2026-11-20T12:00:00Z"


def populate(path: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for c in range(1, OTHER_CLUBS + 2):
            conn.execute(
                "INSERT INTO clubs (id, platform, workspace_id, name, created_at) "
                "VALUES (?, 'slack', ?, ?, ?)",
                (c, f"T{c}", f"Club {c}", NOW),
            )
        item_ids: list[tuple[int, int]] = []
        for ch in range(1, CHANNELS + 1):
            conn.execute(
                "INSERT INTO documents (id, club_id, number, title, film, source, content_hash, "
                "body, loaded_at) VALUES (?, 1, ?, 'A review', 'Her', 'doc.txt', ?, 'b', ?)",
                (ch, ch, f"h{ch}", NOW),
            )
            conn.execute(
                "INSERT INTO channels (id, club_id, channel_id, name, active_document_id) "
                "VALUES (?, 1, ?, 'c', ?)",
                (ch, f"C{ch}", ch),
            )
            for n in range(1, ITEMS + 1):
                kind = ("quote", "exchange", "question")[n % 3]
                cur = conn.execute(
                    "INSERT INTO items (document_id, kind, number, position, data) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (ch, kind, n, n, json.dumps({"kind": kind, "text": f"Item {n}?"})),
                )
                item_ids.append((ch, int(cur.lastrowid or 0)))
        for p in range(PROMPTS):
            ch, item = item_ids[p % len(item_ids)]
            cur = conn.execute(
                "INSERT INTO prompts (club_id, channel_ref, document_id, item_id, cycle, "
                "message_id, posted_by, posted_at) VALUES (1, ?, ?, ?, 0, ?, 'u', ?)",
                (ch, ch, item, f"1700000000.{p:06d}", NOW),
            )
            conn.execute(
                "INSERT INTO threads (club_id, prompt_id, platform_thread_id, platform_channel_id, "
                "title, replies, participants) VALUES (1, ?, ?, ?, 't', 5, 3)",
                (cur.lastrowid, f"C{ch}:1700000000.{p:06d}", f"C{ch}"),
            )
        for s in range(1, SCHEDULES + 1):
            cur = conn.execute(
                "INSERT INTO schedules (club_id, number, channel_ref, kind, spec, status, "
                "next_run, created_at) VALUES (1, ?, ?, 'question', 'fridays 19:00', 'active', "
                "'2026-11-27T19:00:00Z', ?)",
                (s, (s % CHANNELS) + 1, NOW),
            )
            for w in range(20):
                conn.execute(
                    "INSERT INTO schedule_runs (schedule_id, slot, status, started_at) "
                    "VALUES (?, ?, 'posted', ?)",
                    (cur.lastrowid, f"2026-{(w % 11) + 1:02d}-{(w % 27) + 1:02d}T19:00:00Z", NOW),
                )
        for n in range(1, PENDING + 1):
            conn.execute(
                "INSERT INTO suggestions (club_id, number, document_id, text, suggested_by, "
                "status, created_at) VALUES (1, ?, 1, ?, ?, 'pending', ?)",
                (n, f"Suggested question {n}?", f"U{n % 30}", NOW),
            )
    conn.close()


async def timed(engine: Engine, actor: Actor) -> list[float]:
    club = await engine.club_of("slack", "T1")
    timings = []
    for i in range(RUNS + 20):
        start = time.perf_counter()
        data = await overview(engine, club, actor)
        view = home_view(data, workspace_url="https://film.slack.com/")
        elapsed = (time.perf_counter() - start) * 1000
        assert len(view["blocks"]) <= 100
        if i >= 20:
            timings.append(elapsed)
    return sorted(timings)


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "bench.db")
        store = await open_store(path)
        await store.close()
        populate(path)
        store = await open_store(path)
        engine = Engine(store)
        for who, actor in (
            ("moderator", Actor("UMOD", "mod", is_admin=True)),
            ("member", Actor("U7", "member")),
        ):
            t = await timed(engine, actor)
            p50, p99 = statistics.median(t), t[int(len(t) * 0.99) - 1]
            print(f"Home view for a {who} over {RUNS} runs: p50 {p50:.2f} ms, p99 {p99:.2f} ms")
        await store.close()


if __name__ == "__main__":
    asyncio.run(main())
