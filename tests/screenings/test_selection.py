"""`selection engaging`: what drew replies comes up more often, and every kind keeps a floor."""

from __future__ import annotations

from bot.models import Item, Kind
from bot.selection import FLOOR, kind_order, rank_items, target_shares
from bot.store.records import StoredItem
from tests.conftest import context, load_sample

KINDS = ["question", "quote", "exchange"]


def test_shares_follow_replies_but_no_kind_falls_below_the_floor():
    stats = {"question": (10, 40), "quote": (10, 5), "exchange": (10, 0)}
    shares = target_shares(stats, KINDS)
    assert abs(sum(shares.values()) - 1) < 1e-9
    assert shares["question"] > shares["quote"] >= FLOOR - 1e-9
    assert shares["exchange"] >= FLOOR - 1e-9
    # With nothing known, every kind is equal.
    assert len({round(v, 9) for v in target_shares({}, KINDS).values()}) == 1


def test_the_kind_furthest_behind_its_share_comes_next_so_the_floor_is_kept_over_time():
    stats = {"question": (0, 0), "quote": (0, 0), "exchange": (0, 0)}
    posted = []
    for _ in range(100):
        kind = kind_order(stats, KINDS)[0]
        posted.append(kind)
        drawn = {"question": 3, "quote": 1, "exchange": 0}[kind]
        prompts, replies = stats[kind]
        stats[kind] = (prompts + 1, replies + drawn)
    assert posted.count("question") > posted.count("quote") > posted.count("exchange")
    assert posted.count("exchange") >= FLOOR * 100 - 2


def stored(n: int, speaker: str) -> StoredItem:
    return StoredItem(n, 1, Kind.QUOTE, n, n, Item(Kind.QUOTE, text=f"q{n}", speaker=speaker))


def test_items_by_speakers_who_drew_replies_come_first_in_document_order_otherwise():
    items = [stored(1, "A"), stored(2, "B"), stored(3, "C")]
    ranked = rank_items(items, {"b": (4, 20), "a": (4, 0)}, mean=2.0)
    assert [s.number for s in ranked] == [2, 3, 1]
    assert [s.number for s in rank_items(items, {}, mean=2.0)] == [1, 2, 3]


async def test_discuss_without_a_kind_follows_what_this_club_answers(engine, platform, mod):
    await load_sample(engine, mod)
    await engine.execute_text(mod, "config set selection engaging")
    # The club answered quotes a lot and questions not at all.
    for kind, replies in (("quote", 5), ("question", 0), ("exchange", 0)):
        await engine.execute_text(mod, f"discuss {kind}")
        thread = list(platform.threads)[-1]
        for n in range(replies):
            await engine.record_reply("fake", "W1", thread, f"{kind}{n}", f"user{n}")
    reply = await engine.execute_text(context("ann", admin=False), "discuss")
    assert "qt2" in reply.message.plain(), reply.message.plain()
    # With the default (rotation) the first of the club's kinds comes first, as always.
    await engine.execute_text(mod, "config set selection rotation")
    reply = await engine.execute_text(context("ann", admin=False), "discuss")
    assert "qn2" in reply.message.plain(), reply.message.plain()
