"""Benchmark: engine latency of `discuss` (choose item, render, record) on a busy on-disk database.

1,000 clubs, 10,000 prompts and 10,000 threads already stored; prints p50/p99 in ms.
Target: p99 under 5 ms on one core. Run: .venv/bin/python bench/bench_discuss.py
On PostgreSQL: scripts/test-postgres .venv/bin/python bench/bench_discuss.py --postgres
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.engine import Actor, Context, Engine  # noqa: E402
from bot.messages import Message  # noqa: E402
from bot.platform import MessageRef, ThreadRef  # noqa: E402
from bot.store import open_store  # noqa: E402

CLUBS, ITEMS_PER_DOC, PROMPTS_PER_CLUB, RUNS = 1000, 60, 10, 3000
NOW = "2026-11-20T12:00:00Z"


class NullPlatform:
    """A zero-latency platform that only counts."""

    name = "bench"
    max_message_chars = 2000

    def __init__(self) -> None:
        self.n = 0

    async def post_message(self, channel_id: str, message: Message, *, nonce=None, title=None):  # type: ignore[no-untyped-def]
        self.n += 1
        return MessageRef(channel_id, f"m{self.n}")

    async def open_thread(self, parent, title, *, auto_archive_minutes=None):  # type: ignore[no-untyped-def]
        return ThreadRef(parent.channel_id, f"t{parent.message_id}")

    async def post_in_thread(self, thread, message):  # type: ignore[no-untyped-def]
        return MessageRef(thread.channel_id, "x")


def populate(path: str) -> None:
    conn = sqlite3.connect(path)
    q = {"kind": "question", "text": "What does the ending say about loneliness and connection?"}
    with conn:
        for c in range(1, CLUBS + 1):
            conn.execute(
                "INSERT INTO clubs (id, platform, workspace_id, name, created_at) VALUES (?, 'bench', ?, ?, ?)",
                (c, f"W{c}", f"Club {c}", NOW),
            )
            conn.execute(
                "INSERT INTO documents (id, club_id, number, title, film, source, content_hash, body, loaded_at) "
                "VALUES (?, ?, 1, 'Doc', 'Her', 'doc.txt', ?, 'body', ?)",
                (c, c, f"h{c}", NOW),
            )
            conn.execute(
                "INSERT INTO channels (id, club_id, channel_id, name, active_document_id) VALUES (?, ?, 'C1', 'c', ?)",
                (c, c, c),
            )
            conn.executemany(
                "INSERT INTO items (document_id, kind, number, position, data) VALUES (?, 'question', ?, ?, ?)",
                [
                    (c, n, n, json.dumps({**q, "text": f"{q['text']} ({n})"}))
                    for n in range(1, ITEMS_PER_DOC + 1)
                ],
            )
        item_ids = conn.execute(
            "SELECT id, document_id, number FROM items WHERE number <= ?", (PROMPTS_PER_CLUB,)
        ).fetchall()
        for item_id, doc_id, _number in item_ids:
            cur = conn.execute(
                "INSERT INTO prompts (club_id, channel_ref, document_id, item_id, cycle, message_id, posted_by, posted_at) "
                "VALUES (?, ?, ?, ?, 0, ?, 'u', ?)",
                (doc_id, doc_id, doc_id, item_id, f"m{item_id}", NOW),
            )
            conn.execute(
                "INSERT INTO threads (club_id, prompt_id, platform_thread_id, platform_channel_id, title, replies, participants) "
                "VALUES (?, ?, ?, 'C1', 'title', 3, 2)",
                (doc_id, cur.lastrowid, f"t{item_id}"),
            )
    conn.close()


async def populate_store(url: str) -> None:
    """The same rows through the store's portable SQL (PostgreSQL)."""
    store = await open_store(url)
    q = {"kind": "question", "text": "What does the ending say about loneliness and connection?"}
    async with store.db.transaction() as conn:
        for c in range(1, CLUBS + 1):
            await conn.execute(
                "INSERT INTO clubs (id, platform, workspace_id, name, created_at) "
                "VALUES (?, 'bench', ?, ?, ?)",
                (c, f"W{c}", f"Club {c}", NOW),
            )
            await conn.execute(
                "INSERT INTO documents (id, club_id, number, title, film, source, content_hash, "
                "body, loaded_at) VALUES (?, ?, 1, 'Doc', 'Her', 'doc.txt', ?, 'body', ?)",
                (c, c, f"h{c}", NOW),
            )
            await conn.execute(
                "INSERT INTO channels (id, club_id, channel_id, name, active_document_id) "
                "VALUES (?, ?, 'C1', 'c', ?)",
                (c, c, c),
            )
            await conn.executemany(
                "INSERT INTO items (document_id, kind, number, position, data) "
                "VALUES (?, 'question', ?, ?, ?)",
                [
                    (c, n, n, json.dumps({**q, "text": f"{q['text']} ({n})"}))
                    for n in range(1, ITEMS_PER_DOC + 1)
                ],
            )
        rows = (
            await conn.execute(
                "SELECT id, document_id FROM items WHERE number <= ?", (PROMPTS_PER_CLUB,)
            )
        ).rows
        for item_id, doc_id in rows:
            cur = await conn.execute(
                "INSERT INTO prompts (club_id, channel_ref, document_id, item_id, cycle, "
                "message_id, posted_by, posted_at) VALUES (?, ?, ?, ?, 0, ?, 'u', ?) RETURNING id",
                (doc_id, doc_id, doc_id, item_id, f"m{item_id}", NOW),
            )
            await conn.execute(
                "INSERT INTO threads (club_id, prompt_id, platform_thread_id, "
                "platform_channel_id, title, replies, participants) "
                "VALUES (?, ?, ?, 'C1', 'title', 3, 2)",
                (doc_id, (await cur.fetchone())[0], f"t{item_id}"),
            )
        for table in ("clubs", "documents", "channels"):  # explicit ids: move the sequences on
            await conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}"
            )
    await store.close()


async def postgres_url(base: str) -> str:
    import asyncpg

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(base)
    await conn.execute(f"CREATE SCHEMA {schema}")
    await conn.close()
    return f"{base}{'&' if '?' in base else '?'}search_path={schema}"


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if args.postgres:
            base = os.environ.get("FILMCLUB_TEST_POSTGRES_URL")
            if not base:
                raise SystemExit("set FILMCLUB_TEST_POSTGRES_URL (scripts/test-postgres sets it)")
            path = await postgres_url(base)
        else:
            path = str(Path(tmp) / "bench.db")
        store = await open_store(path)  # creates the schema
        await store.close()
        t0 = time.perf_counter()
        if args.postgres:
            await populate_store(path)
        else:
            populate(path)
        print(
            f"populated {CLUBS} clubs, {CLUBS * PROMPTS_PER_CLUB} prompts and threads in {time.perf_counter() - t0:.1f} s"
        )
        store = await open_store(path)
        engine = Engine(store)
        engine.attach(NullPlatform())
        rng = random.Random(7)
        timings = []
        for i in range(RUNS + 200):
            club = rng.randint(1, CLUBS)
            ctx = Context("bench", f"W{club}", "C1", Actor("u", "u", is_admin=True))
            start = time.perf_counter()
            reply = await engine.execute(ctx, "discuss", {"kind": "question"})
            elapsed = (time.perf_counter() - start) * 1000
            if "Posted" not in reply.message.plain():
                raise SystemExit(f"discuss failed: {reply.message.plain()}")
            if i >= 200:  # warm-up excluded
                timings.append(elapsed)
        timings.sort()
        p50 = statistics.median(timings)
        p99 = timings[int(len(timings) * 0.99) - 1]
        print(
            f"discuss latency over {RUNS} runs on {'PostgreSQL' if args.postgres else 'SQLite'}: "
            f"p50 {p50:.2f} ms, p99 {p99:.2f} ms (target p99 < 5 ms)"
        )
        await store.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="on FILMCLUB_TEST_POSTGRES_URL")
    asyncio.run(main(parser.parse_args()))
