"""The composition root: settings in, store and engine built, every configured platform started."""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import TextIO

from bot.engine import Engine
from bot.settings import Settings
from bot.store import open_store

log = logging.getLogger(__name__)


async def build_engine(settings: Settings) -> Engine:
    store = await open_store(settings.database_path, pool_size=settings.database_pool_size)
    return Engine(
        store,
        max_document_bytes=settings.max_document_bytes,
        allow_private_urls=settings.allow_private_urls,
    )


async def run(
    settings: Settings, *, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> None:
    """Start every platform whose credentials are set; with none, the console."""
    engine = await build_engine(settings)
    tasks: list[asyncio.Task[None]] = []
    from bot.scheduler import Scheduler

    scheduler = Scheduler(engine)  # every platform: it wakes as each adapter attaches
    scheduler.start()
    try:
        if settings.discord is not None:
            from adapters.discord.app import run_discord

            tasks.append(asyncio.create_task(run_discord(engine, settings.discord), name="discord"))
        if settings.slack is not None:
            from adapters.slack.app import run_slack

            tasks.append(asyncio.create_task(run_slack(engine, settings.slack), name="slack"))
        if not tasks:
            from adapters.console import run_console

            await run_console(
                engine, user=settings.console_user, stdin=stdin or sys.stdin, stdout=stdout
            )
            return
        log.info("filmclub running on %s", ", ".join(settings.platforms))
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for task in done:
            task.result()
    finally:
        await scheduler.stop()
        for task in tasks:
            task.cancel()
        await engine.store.close()
