"""Choosing the next prompt: the fixed rotation, or ``engaging`` (learn what this club answers).

The ``engaging`` rule, in full:

- Each kind's *appeal* is its mean replies per posted prompt in this club, smoothed towards
  the club's overall mean with ``PRIOR`` imaginary prompts (a kind never tried starts at the
  club's mean, not at zero).
- A kind's target share is its appeal over the sum of appeals, then raised to at least
  ``FLOOR`` of the posts (and the others scaled down), so no kind ever starves.
- The next kind is the one furthest behind its target share among the prompts posted so far.
- Within a kind, unposted items are ranked by the appeal of their speakers (mean replies of
  posted items with a speaker in common, smoothed the same way), ties in document order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from bot.models import Kind

if TYPE_CHECKING:
    from bot.club_settings import ClubSettings
    from bot.engine import Engine
    from bot.store.records import Channel, Club, Document, StoredItem

FLOOR = 0.15  # every kind gets at least this share of the posts
PRIOR = 2.0  # imaginary prompts at the club's mean, per kind and per speaker


def appeal(prompts: int, replies: int, mean: float, prior: float = PRIOR) -> float:
    return (replies + prior * mean) / (prompts + prior)


def target_shares(
    stats: Mapping[str, tuple[int, int]], kinds: Sequence[str], floor: float = FLOOR
) -> dict[str, float]:
    """Each kind's share of the posts: proportional to its appeal, at least ``floor``."""
    if not kinds:
        return {}
    total_prompts = sum(stats.get(k, (0, 0))[0] for k in kinds)
    total_replies = sum(stats.get(k, (0, 0))[1] for k in kinds)
    mean = total_replies / total_prompts if total_prompts else 1.0
    mean = max(mean, 0.01)
    raw = {k: max(appeal(*stats.get(k, (0, 0)), mean), 1e-6) for k in kinds}
    floor = min(floor, 1.0 / len(kinds))
    shares = {k: v / sum(raw.values()) for k, v in raw.items()}
    # Raise the starving kinds to the floor and take it from the others, proportionally.
    for _ in range(len(kinds)):
        low = [k for k in kinds if shares[k] < floor - 1e-12]
        if not low:
            break
        fixed = {k: floor for k in low}
        rest = [k for k in kinds if k not in fixed]
        spare = 1.0 - floor * len(low)
        rest_sum = sum(shares[k] for k in rest) or 1.0
        shares = {**fixed, **{k: shares[k] / rest_sum * spare for k in rest}}
    return shares


def kind_order(stats: Mapping[str, tuple[int, int]], kinds: Sequence[str]) -> list[str]:
    """Kinds to try, best first: the one furthest behind its target share comes first."""
    shares = target_shares(stats, kinds)
    posted = sum(stats.get(k, (0, 0))[0] for k in kinds)
    deficit = {k: shares[k] * (posted + 1) - stats.get(k, (0, 0))[0] for k in kinds}
    return sorted(kinds, key=lambda k: (-deficit[k], kinds.index(k)))


def speakers_of(stored: StoredItem) -> set[str]:
    item = stored.item
    names = {item.speaker} if getattr(item, "speaker", None) else set()
    for turn in getattr(item, "turns", ()) or ():
        if turn.speaker:
            names.add(turn.speaker)
    return {n.lower() for n in names if n}


def rank_items(
    items: Sequence[StoredItem], speakers: Mapping[str, tuple[int, int]], mean: float
) -> list[StoredItem]:
    """Unposted items, those whose speakers drew more replies first (stable otherwise)."""

    def score(stored: StoredItem) -> float:
        names = speakers_of(stored)
        if not names:
            return mean
        return max(appeal(*speakers.get(n, (0, 0)), mean) for n in names)

    return sorted(items, key=lambda s: -score(s))


async def ordered_kinds(
    engine: Engine, club: Club, conf: ClubSettings, start: int = 0
) -> list[Kind]:
    """The club's kinds in the order to try them: rotated by ``start``, or by engagement."""
    kinds = [str(k) for k in conf.kinds]
    if conf.selection == "engaging":
        stats = await engine.store.screenings.reply_counts_by_kind(club.id)
        return [Kind(k) for k in kind_order(stats, kinds)]
    shift = start % len(kinds) if kinds else 0
    return [Kind(k) for k in kinds[shift:] + kinds[:shift]]


async def engaging_item(
    engine: Engine, club: Club, channel: Channel, document: Document, kind: Kind, cycle: int
) -> StoredItem | None:
    """The unposted item of ``kind`` whose speakers drew the most replies in this club."""
    store = engine.store.screenings
    items = await store.unposted_items(channel.id, document.id, kind.value, cycle)
    if len(items) <= 1:
        return items[0] if items else None
    speakers = await store.reply_counts_by_speaker(club.id)
    stats = await store.reply_counts_by_kind(club.id)
    prompts = sum(p for p, _ in stats.values())
    mean = sum(r for _, r in stats.values()) / prompts if prompts else 1.0
    return rank_items(items, speakers, mean)[0]


async def choose_arc_item(
    engine: Engine,
    club: Club,
    channel: Channel,
    document: Document,
    seq: int,
    conf: ClubSettings,
) -> tuple[StoredItem, int] | None:
    """The item of a screening's ``seq``-th arc prompt: kinds mixed day by day."""
    for kind in await ordered_kinds(engine, club, conf, start=seq):
        choice = await engine.choose_item(club, channel, document, kind, conf)
        if choice.item is not None:
            return choice.item, choice.cycle
    return None
