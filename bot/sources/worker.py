"""Extraction in worker processes with a time limit: no document can stall the event loop.

Extraction is CPU work in Python and regular expressions; in a thread it holds the GIL and a
pathological document could freeze every club (and miss Discord's heartbeat). Here each job
runs in a spawned worker process; the event loop only waits on a future. A job that runs past
its time limit is refused with a clear message and its worker is killed and replaced.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from bot.models import Extraction

from .base import DocumentError, LoadedDocument

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60.0
DEFAULT_WORKERS = 2
ENV_TIMEOUT = "FILMCLUB_EXTRACTION_SECONDS"
ENV_WORKERS = "FILMCLUB_EXTRACTION_WORKERS"
_KILL = getattr(signal, "SIGKILL", signal.SIGTERM)
T = TypeVar("T")


def _ignore_interrupts() -> None:
    """Ctrl-C in a terminal reaches the whole process group: the parent decides, not us."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _extract(doc: LoadedDocument, film: str | None) -> Extraction:
    from bot.sources import extract_document

    return extract_document(doc, film)


def _read_and_extract(
    data: bytes, name: str, content_type: str | None, max_bytes: int, film: str | None
) -> tuple[LoadedDocument, Extraction]:
    from bot.sources import extract_document, read_bytes

    doc = read_bytes(data, name, content_type, max_bytes=max_bytes)  # PDF parsing, decoding
    return doc, extract_document(doc, film)


class _Slot:
    """One worker process (a single-worker pool, so a job starts the moment it is sent)."""

    def __init__(self) -> None:
        self.executor = ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("spawn"), initializer=_ignore_interrupts
        )
        self.pid: int | None = None

    async def run(self, timeout: float, fn: Callable[..., T], *args: Any) -> T:
        if self.pid is None:  # start the worker (outside the job's time) and learn its pid
            self.pid = await asyncio.wrap_future(self.executor.submit(os.getpid))
        future = self.executor.submit(fn, *args)
        return await asyncio.wait_for(asyncio.wrap_future(future), timeout)

    def kill(self) -> None:
        if self.pid is not None:
            try:
                os.kill(self.pid, _KILL)
            except OSError:
                pass
        self.executor.shutdown(wait=False, cancel_futures=True)


class ExtractionPool:
    """A few worker processes shared by every club (and every event loop) in this process."""

    def __init__(self, workers: int = DEFAULT_WORKERS) -> None:
        self.workers = max(1, workers)
        self._lock = threading.Lock()
        self._idle: list[_Slot] = []
        self._busy = 0

    def _take(self) -> _Slot | None:
        with self._lock:
            if self._idle:
                self._busy += 1
                return self._idle.pop()
            if self._busy < self.workers:
                self._busy += 1
                return _Slot()
            return None

    def _give_back(self, slot: _Slot | None) -> None:
        with self._lock:
            self._busy -= 1
            if slot is not None:
                self._idle.append(slot)

    async def extract(
        self, doc: LoadedDocument, film: str | None = None, *, timeout: float = DEFAULT_TIMEOUT
    ) -> Extraction:
        """Extract ``doc`` in a worker; ``DocumentError`` when it takes over ``timeout`` s.

        Waiting for a free worker does not count towards the time limit."""
        return await self._run(doc.name, timeout, _extract, doc, film)

    async def read_and_extract(
        self,
        data: bytes,
        name: str,
        content_type: str | None = None,
        *,
        max_bytes: int,
        film: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> tuple[LoadedDocument, Extraction]:
        """Decode (a PDF parsed, an encoding guessed) and extract uploaded bytes in a worker."""
        return await self._run(
            name, timeout, _read_and_extract, data, name, content_type, max_bytes, film
        )

    async def _run(self, name: str, timeout: float, fn: Callable[..., T], *args: Any) -> T:
        slot = self._take()
        while slot is None:  # every worker busy: wait our turn (loop-independent polling)
            await asyncio.sleep(0.05)
            slot = self._take()
        keep: _Slot | None = slot
        try:
            return await slot.run(timeout, fn, *args)
        except TimeoutError:
            log.warning("extraction of %s took over %g s; worker replaced", name, timeout)
            keep = None
            slot.kill()
            raise DocumentError(
                f"{name} took longer than {timeout:g} seconds to read, so it was refused. "
                "Try a shorter or simpler document (plain text works best)."
            ) from None
        except BrokenProcessPool:
            log.error("the extraction worker stopped while reading %s", name)
            keep = None
            slot.kill()
            raise DocumentError(
                f"{name} could not be read: the worker reading it stopped (out of memory?)."
            ) from None
        except asyncio.CancelledError:
            keep = None  # the job may still be running: never hand this worker out again
            slot.kill()
            raise
        finally:
            self._give_back(keep)

    def shutdown(self) -> None:
        """Stop every idle worker (busy ones are killed by their callers' cancellation)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for slot in idle:
            slot.executor.shutdown(wait=False, cancel_futures=True)


_POOL: ExtractionPool | None = None
_POOL_LOCK = threading.Lock()


def shared_pool(workers: int = DEFAULT_WORKERS) -> ExtractionPool:
    """The process-wide pool (created on first use with ``workers`` processes at most)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ExtractionPool(workers)
        return _POOL


def shutdown_shared_pool() -> None:
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.shutdown()
