"""Connecting to a platform at start-up: retry what may pass (network, 5xx), stop on a refused token."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

FIRST_DELAY = 1.0
MAX_DELAY = 60.0


async def with_retry(
    attempt: Callable[[], Awaitable[T]],
    *,
    what: str,
    transient: tuple[type[BaseException], ...],
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    first_delay: float = FIRST_DELAY,
    max_delay: float = MAX_DELAY,
) -> T:
    """Run ``attempt`` until it succeeds; a ``transient`` failure waits (doubling) and retries.

    Anything else, such as a refused token (raised as ``SettingsError``), ends start-up.
    """
    delay = first_delay
    tries = 0
    while True:
        try:
            result = await attempt()
        except transient as exc:
            tries += 1
            log.warning(
                "%s cannot be reached (%s, attempt %d); retrying in %.0f s",
                what,
                str(exc) or type(exc).__name__,
                tries,
                delay,
            )
            await sleep(delay)
            delay = min(max_delay, delay * 2)
            continue
        if tries:
            log.info("%s reached after %d failed attempt(s)", what, tries)
        return result
