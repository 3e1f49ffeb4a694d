"""Simulation: replies per prompt over 100 weeks of a club, ``selection`` rotation vs engaging.

The club's members answer some kinds and some speakers more than others (``TASTE``); each
week the bot posts three prompts with ``/filmclub discuss`` (no kind: the club's choice) through
the real engine on an on-disk SQLite database, and the members' replies (Poisson draws around
their taste) are recorded as they would be from a platform. Prints replies per prompt and each
kind's share of the posts for both policies, and checks every kind kept its floor.

Run: .venv/bin/python bench/bench_selection.py [--weeks 100] [--seed 7]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import math
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.engine import Actor, Context, Engine  # noqa: E402
from bot.messages import Message  # noqa: E402
from bot.models import Extraction, Item, Kind, Turn  # noqa: E402
from bot.platform import MessageRef, ThreadRef  # noqa: E402
from bot.selection import FLOOR  # noqa: E402
from bot.store import open_store  # noqa: E402

PROMPTS_PER_WEEK = 3
MEMBERS = [f"member{i}" for i in range(30)]
# Mean replies a prompt draws in this club, by kind, times the speaker's pull.
TASTE = {"question": 1.2, "quote": 2.4, "exchange": 0.5}
SPEAKERS = {"Spike Jonze": 1.6, "Joaquin Phoenix": 1.0, "A critic": 0.5, "Amy Adams": 0.8}


def document() -> Extraction:
    speakers = list(SPEAKERS)
    items = [Item(Kind.QUESTION, text=f"Open question number {n}?") for n in range(1, 25)]
    items += [
        Item(Kind.QUOTE, text=f"A line worth discussing, number {n}.", speaker=speakers[n % 4])
        for n in range(1, 25)
    ]
    items += [
        Item(
            Kind.EXCHANGE,
            turns=(Turn(speakers[n % 4], f"First turn {n}."), Turn("Theodore", f"Reply {n}.")),
        )
        for n in range(1, 13)
    ]
    return Extraction(title="A long guide to Her", film="Her", items=tuple(items))


class Clock:
    def __init__(self) -> None:
        self.current = datetime(2026, 1, 5, 19, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    async def sleep_until(self, when, wake) -> None:  # type: ignore[no-untyped-def]
        self.current = max(self.current, when)


class SimPlatform:
    """Records what was posted (the item's kind and speaker) and opens a thread per prompt."""

    name = "sim"
    max_message_chars = 4000

    def __init__(self) -> None:
        self.ids = itertools.count(1)
        self.last: Message | None = None

    async def post_message(self, channel_id, message, *, nonce=None, title=None):  # type: ignore[no-untyped-def]
        self.last = message
        return MessageRef(channel_id, str(next(self.ids)))

    async def open_thread(self, parent, title, *, auto_archive_minutes=None):  # type: ignore[no-untyped-def]
        return ThreadRef(parent.channel_id, f"t{parent.message_id}")

    async def post_in_thread(self, thread, message):  # type: ignore[no-untyped-def]
        return MessageRef(thread.channel_id, str(next(self.ids)))


def poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


async def simulate(policy: str, weeks: int, seed: int, folder: Path) -> dict[str, float]:
    """``policy``: ``first`` (rotation; discuss takes the first of the club's kinds, as it always
    did), ``in-turn`` (rotation; kinds in turn, as a screening's arc mixes them) or ``engaging``.
    """
    rng = random.Random(seed)
    store = await open_store(str(folder / f"{policy}.db"))
    clock = Clock()
    engine = Engine(store, clock=clock)
    platform = SimPlatform()
    engine.attach(platform)
    ctx = Context("sim", "club", "C1", Actor("mod", "mod", is_admin=True), channel_name="film")
    await engine.add_document(ctx, text="guide", extraction=document(), source="guide.txt")
    selection = "engaging" if policy == "engaging" else "rotation"
    for line in ("rotation restart", f"selection {selection}"):
        await engine.execute_text(ctx, f"config set {line}")
    counts = {k: 0 for k in TASTE}
    replies = 0
    reply_ids = itertools.count(1)
    kinds = list(TASTE)
    for week in range(weeks):
        for n in range(PROMPTS_PER_WEEK):
            args = {"kind": kinds[(week * PROMPTS_PER_WEEK + n) % 3]} if policy == "in-turn" else {}
            reply = await engine.execute(ctx, "discuss", args)
            assert "Posted" in reply.message.plain() or "posted" in reply.message.plain(), reply
            [prompt] = await store.discussion.recent_prompts(1, limit=1)
            item = await store.discussion.get_item_by_id(1, prompt.item_id)
            assert item is not None and prompt.thread_id is not None
            kind = item.kind.value
            speakers = [item.item.speaker] if item.item.speaker else []
            speakers += [t.speaker for t in item.item.turns if t.speaker in SPEAKERS]
            pull = max((SPEAKERS.get(s or "", 1.0) for s in speakers), default=1.0)
            drawn = poisson(rng, TASTE[kind] * pull)
            for _ in range(drawn):
                user = rng.choice(MEMBERS)
                await engine.record_reply(
                    "sim", "club", prompt.thread_id, str(next(reply_ids)), user
                )
            counts[kind] += 1
            replies += drawn
            clock.current += timedelta(days=2)
        clock.current += timedelta(days=1)
    await store.close()
    total = sum(counts.values())
    return {"replies_per_prompt": replies / total, **{k: v / total for k, v in counts.items()}}


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--weeks", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {
            policy: await simulate(policy, args.weeks, args.seed, Path(tmp))
            for policy in ("first", "in-turn", "engaging")
        }
    print(f"{args.weeks} weeks, {PROMPTS_PER_WEEK} prompts a week, taste {TASTE}")
    names = {
        "first": "rotation (first kind)",
        "in-turn": "rotation (in turn)",
        "engaging": "engaging",
    }
    print(f"{'selection':<22} {'replies/prompt':>15} " + " ".join(f"{k:>9}" for k in TASTE))
    for policy, r in results.items():
        shares = " ".join(f"{r[k]:>9.0%}" for k in TASTE)
        print(f"{names[policy]:<22} {r['replies_per_prompt']:>15.2f} {shares}")
    for base in ("first", "in-turn"):
        gain = results["engaging"]["replies_per_prompt"] / results[base]["replies_per_prompt"]
        print(f"engaging / {names[base]}: {gain:.2f}x")
    starved = [k for k in TASTE if results["engaging"][k] < FLOOR - 0.02]
    if starved:
        raise SystemExit(f"kinds below the floor of {FLOOR:.0%}: {starved}")


if __name__ == "__main__":
    asyncio.run(main())
