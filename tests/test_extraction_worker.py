"""Documents are read in worker processes with a time limit: none can freeze the bot."""

from __future__ import annotations

import asyncio
import hashlib
import time

import pytest

from bench.bench_hostile import hostile_documents
from bot.extraction import extract
from bot.models import Kind
from bot.sources import DocumentError, read_bytes
from tests.conftest import REPO

SAMPLE = (REPO / "bot" / "data" / "her.txt").read_bytes()


def big_document(size: int = 3_000_000):
    return read_bytes(SAMPLE * (size // len(SAMPLE)), "big.txt", max_bytes=50_000_000)


async def test_a_document_over_the_time_limit_is_refused_and_the_worker_replaced(engine):
    engine.extraction_seconds = 0.05
    with pytest.raises(DocumentError, match="took longer than 0.05 seconds"):
        await engine.extract_in_worker(big_document(), None)
    engine.extraction_seconds = 60
    extraction = await engine.extract_in_worker(read_bytes(SAMPLE, "her.txt"), None)
    assert extraction.count(Kind.QUESTION) > 0


async def test_load_says_so_when_a_document_takes_too_long(engine, mod, platform):
    from bot.commands.spec import Upload

    engine.extraction_seconds = 0.05
    data = SAMPLE * (3_000_000 // len(SAMPLE))
    reply = await engine.execute(mod, "load", {"source": Upload("big.txt", data)})
    text = reply.message.plain()
    assert "took longer than" in text and "big.txt" in text
    assert "no document" in (await engine.execute_text(mod, "docs")).message.plain().lower()


async def max_loop_stall(work) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    """Run ``work`` while a heartbeat ticks every 10 ms; the longest gap between beats."""
    gaps: list[float] = []
    done = asyncio.Event()

    async def heartbeat() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    ticker = asyncio.create_task(heartbeat())
    try:
        result = await work
    finally:
        done.set()
        await ticker
    return max(gaps, default=0.0), result


async def test_the_loop_keeps_ticking_while_hostile_documents_are_read(engine):
    docs = [
        read_bytes(data, name, max_bytes=50_000_000)
        for name, data in hostile_documents(100 * 1024).values()
    ]
    await engine.extract_in_worker(read_bytes(SAMPLE, "warm.txt"), None)  # start the workers

    async def read_all() -> list[object]:
        return await asyncio.gather(
            *(engine.extract_in_worker(doc, None) for doc in docs), return_exceptions=True
        )

    stall, results = await max_loop_stall(read_all())
    assert stall < 1.0, f"the event loop stalled {stall:.2f} s"  # was 37 s for one document
    # Every hostile pattern is bounded: none ran into the time limit.
    refused = [r for r in results if isinstance(r, Exception)]  # type: ignore[union-attr]
    assert not refused, refused


QUESTIONS = [
    "Is Samantha's love for Theodore real?",
    "Why does Theodore write other people's letters?",
]


def questions_of(html: str) -> list[str]:
    return [i.text for i in extract(html, fmt="html").items if i.kind is Kind.QUESTION]


def test_a_bogus_marked_section_does_not_drop_the_rest_of_the_page():
    html = (
        "<html><body><h2>Discussion questions</h2><ol><li>{}</li><![bogus[ odd ]>"
        "<li>{}</li></ol></body></html>"
    ).format(*QUESTIONS)
    assert questions_of(html) == QUESTIONS


def test_unclosed_markup_at_the_end_keeps_the_text_before_it():
    page = "<html><body><h2>Discussion questions</h2><ol><li>{}</li><li>{}</li></ol>".format(
        *QUESTIONS
    )
    assert questions_of(page) == QUESTIONS
    assert questions_of(page + "<a" * 5000) == QUESTIONS
    assert questions_of(page + "<!--" * 5000) == QUESTIONS


def test_film_detection_ignores_a_title_too_long_to_be_one():
    from bot.extraction.titles import film_from_title

    assert film_from_title("Review: Her", set()) == "Her"
    assert film_from_title("Review: " + "-" * 50_000, set()) is None


async def test_an_upload_is_decoded_in_the_worker_with_clear_refusals(engine, mod):
    from bot.commands.spec import Upload

    png = Upload("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    refused = (await engine.execute(mod, "load", {"source": png})).message.plain()
    assert "photo.png looks like a PNG image" in refused
    cyrillic = "Вопрос: может ли любовь к программе быть настоящей?\n\nТеодор пишет письма.\n"
    upload = Upload("ru.txt", cyrillic.encode("cp1251"))
    loaded = (await engine.execute(mod, "load", {"source": upload})).message.plain()
    assert "#1" in loaded
    club = await engine.club(mod)
    [summary] = await engine.store.discussion.list_documents(club.id)
    text = read_bytes(upload.data, "ru.txt").text
    assert "Теодор пишет письма" in text
    assert summary.document.content_hash == hashlib.sha256(text.encode()).hexdigest()
