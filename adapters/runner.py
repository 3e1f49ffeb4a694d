"""The composition root: settings in, store and engine built, every configured platform started."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from typing import TextIO

from bot.clock import Clock, SystemClock
from bot.engine import Engine
from bot.health import Health
from bot.settings import Settings
from bot.sources.worker import shutdown_shared_pool
from bot.store import open_store

log = logging.getLogger(__name__)

SHUTDOWN_SECONDS = 10.0


async def build_engine(settings: Settings, clock: Clock | None = None) -> Engine:
    store = await open_store(settings.database_path, pool_size=settings.database_pool_size)
    return Engine(
        store,
        clock=clock or SystemClock(),
        max_document_bytes=settings.max_document_bytes,
        allow_private_urls=settings.allow_private_urls,
        extraction_seconds=settings.extraction_seconds,
        extraction_workers=settings.extraction_workers,
    )


def _slack_serves_http(settings: Settings) -> bool:
    return settings.slack is not None and not settings.slack.socket_mode


async def run(
    settings: Settings,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    clock: Clock | None = None,
) -> None:
    """Start every platform whose credentials are set; with none, the console.

    ``clock``: the scheduler's time (the system clock; tests run it faster).
    """
    from adapters.extras import require_all

    require_all(settings.platforms)  # before the database is touched: name the missing extra
    engine = await build_engine(settings, clock)
    from bot.scheduler import Scheduler
    from bot.scheduler.screenings import ScreeningSlots

    if settings.discord is None and settings.slack is None:
        from adapters.console import ConsoleClock

        engine.clock = ConsoleClock()  # /wait moves it ahead to try a screening's arc
    scheduler = Scheduler(engine)  # every platform: it wakes as each adapter attaches
    ScreeningSlots(engine).attach(scheduler)  # screenings' slots run in the same passes
    scheduler.start()
    if settings.platforms == ["console"]:
        try:
            from adapters.console import run_console

            await run_console(
                engine,
                user=settings.console_user,
                stdin=stdin or sys.stdin,
                stdout=stdout,
                scheduler=scheduler,
            )
        finally:
            await scheduler.stop()
            await engine.store.close()
            shutdown_shared_pool()
        return
    try:
        await serve(engine, scheduler, settings)
    finally:
        shutdown_shared_pool()  # the worker processes that read documents


async def serve(engine: Engine, scheduler: object, settings: Settings) -> None:
    """Run the platforms until one fails for good or a SIGTERM/SIGINT asks the bot to stop."""
    health = Health(lambda: engine.store.db.fetchone("SELECT 1"), settings.platforms)
    engine.health = health
    health.start()
    server = None
    if settings.http_port and not _slack_serves_http(settings):
        from adapters.ops_http import serve as serve_ops

        server = await serve_ops(health, settings.http_port)
    stop = asyncio.Event()
    _install_signal_handlers(stop)
    tasks: list[asyncio.Task[None]] = []
    if settings.discord is not None:
        from adapters.discord.app import run_discord

        tasks.append(asyncio.create_task(run_discord(engine, settings.discord), name="discord"))
    if settings.slack is not None:
        from adapters.slack.app import run_slack

        tasks.append(asyncio.create_task(run_slack(engine, settings.slack), name="slack"))
    log.info("filmclub running on %s", ", ".join(settings.platforms))
    stopper = asyncio.create_task(stop.wait(), name="stop-signal")
    failed: BaseException | None = None
    try:
        done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task is not stopper and not task.cancelled() and task.exception() is not None:
                failed = task.exception()
        if stop.is_set():
            log.info("stop requested: finishing in-flight work (at most %.0f s)", SHUTDOWN_SECONDS)
    finally:
        stopper.cancel()
        try:
            await asyncio.wait_for(
                _shut_down(engine, scheduler, health, server, tasks), SHUTDOWN_SECONDS
            )
        except TimeoutError:
            log.warning("shutdown took longer than %.0f s; stopping now", SHUTDOWN_SECONDS)
        _restore_signal_handlers()
    if failed is not None:
        raise failed
    log.info("filmclub stopped")


async def _shut_down(
    engine: Engine,
    scheduler: object,
    health: Health,
    server: asyncio.AbstractServer | None,
    tasks: list[asyncio.Task[None]],
) -> None:
    """Take no new work, let the scheduler settle its posts, then close platforms and the database."""
    health.stopping = True
    await scheduler.stop()  # type: ignore[attr-defined]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    if server is not None:
        server.close()
    await health.stop()
    await engine.store.close()


def _install_signal_handlers(stop: asyncio.Event) -> None:
    """The first SIGTERM/SIGINT stops the bot cleanly; a second one exits at once."""
    loop = asyncio.get_running_loop()

    def first(signum: int) -> None:
        if stop.is_set():
            log.warning("second signal: exiting now")
            os._exit(128 + signum)
        log.info("received %s", signal.Signals(signum).name)
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(signum, first, signum)
        except (NotImplementedError, RuntimeError):  # not the main thread, or not POSIX
            pass


def _restore_signal_handlers() -> None:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.remove_signal_handler(signum)
        except (NotImplementedError, RuntimeError):
            pass
