"""A member's preview of a huge document is a page: a few messages, never thousands."""

from __future__ import annotations

from bot.models import Extraction, Item, Kind
from tests.conftest import load_sample
from tests.discord.conftest import mod_context

HUGE = Extraction(
    title="Every question",
    film="Her",
    items=tuple(
        Item(Kind.QUESTION, text=f"Why does moment {n} matter so much?") for n in range(1, 3001)
    ),
)


async def test_preview_of_a_huge_document_sends_one_page(harness, discord_engine):
    await load_sample(discord_engine, mod_context(), HUGE)
    shown = await harness.run("preview")
    assert 1 <= len(shown) <= 2
    text = harness.text(shown)
    assert "qn20" in text and "qn21" not in text and "Page 1 of 150" in text
