"""Discord failures as the core's platform errors, with the permission and channel named."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp
import discord

from adapters.discord.strings import has, s
from bot.platform import (
    ChannelGone,
    MissingPermission,
    OutcomeUnknown,
    PlatformError,
    RateLimited,
    TransientError,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

# Discord JSON error codes we explain.
UNKNOWN_CHANNEL = 10003
UNKNOWN_MESSAGE = 10008
MISSING_ACCESS = 50001
MISSING_PERMISSIONS = 50013
CANNOT_DM = 50007
ARCHIVED_THREAD = 50083
THREAD_ALREADY_CREATED = 160004

# What each operation needs, most basic first; the first one missing is the one we name.
NEEDS: dict[str, tuple[str, ...]] = {
    "send": ("view_channel", "send_messages", "embed_links"),
    "forum_post": ("view_channel", "send_messages", "embed_links"),
    "thread": ("view_channel", "create_public_threads"),
    "thread_send": ("view_channel", "send_messages_in_threads", "embed_links"),
    "edit_thread": ("view_channel", "manage_threads"),
}
PRIMARY: dict[str, str] = {
    "send": "send_messages",
    "forum_post": "send_messages",
    "thread": "create_public_threads",
    "thread_send": "send_messages_in_threads",
    "edit_thread": "manage_threads",
}


SMALL_WORDS = {"in"}


def permission_label(flag: str, *, forum: bool = False) -> str:
    """``create_public_threads`` → ``Create Public Threads``: as Discord's settings name it, in
    the club's language (in a forum, ``send_messages`` is **Create Posts**)."""
    if forum and has(f"permissions.forum.{flag}"):
        return s(f"permissions.forum.{flag}")
    if has(f"permissions.{flag}"):
        return s(f"permissions.{flag}")
    words = flag.split("_")
    return " ".join(w if i and w in SMALL_WORDS else w.capitalize() for i, w in enumerate(words))


def missing_permission(
    operation: str, channel_id: str, known: discord.Permissions | None, with_embeds: bool
) -> MissingPermission:
    """Name the permission the bot lacks in the channel: from what Discord told us, else the
    operation's own permission."""
    needs = [p for p in NEEDS[operation] if with_embeds or p != "embed_links"]
    flag = PRIMARY[operation]
    if known is not None:
        lacking = [p for p in needs if not getattr(known, p, True)]
        if lacking:
            flag = lacking[0]
    label = permission_label(flag, forum=operation == "forum_post")
    return MissingPermission(
        s("errors.missing_permission", permission=label, channel=channel_id), label
    )


# Calls that create a message: a server error or a lost connection may come after it was made.
WRITE_OPERATIONS = frozenset({"send", "thread_send", "forum_post"})


def translate(
    exc: Exception,
    operation: str,
    channel_id: str,
    *,
    known: discord.Permissions | None = None,
    with_embeds: bool = False,
) -> PlatformError:
    """A discord.py exception as the platform error the core understands."""
    if isinstance(exc, PlatformError):
        return exc
    if isinstance(exc, discord.RateLimited):
        return RateLimited(
            s("errors.rate_limited", seconds=f"{exc.retry_after:.0f}"), exc.retry_after
        )
    if isinstance(exc, discord.Forbidden):
        if exc.code == MISSING_ACCESS:
            label = permission_label("view_channel")
            return MissingPermission(
                s("errors.cannot_see", permission=label, channel=channel_id), label
            )
        return missing_permission(operation, channel_id, known, with_embeds)
    if isinstance(exc, discord.NotFound):
        if exc.code == UNKNOWN_MESSAGE:
            return ChannelGone(s("errors.message_deleted", channel=channel_id))
        return ChannelGone(s("errors.channel_deleted", channel=channel_id))
    unsure = OutcomeUnknown if operation in WRITE_OPERATIONS else TransientError
    if isinstance(exc, discord.DiscordServerError):
        return unsure(s("errors.server_error", status=exc.status))
    if isinstance(exc, discord.HTTPException):
        if exc.code == ARCHIVED_THREAD:
            return ChannelGone(s("errors.thread_archived", channel=channel_id))
        return PlatformError(
            s("errors.refused", status=exc.status, reason=exc.text or s("errors.no_reason"))
        )
    if isinstance(exc, aiohttp.ClientConnectorError):  # never connected: nothing was sent
        return TransientError(s("errors.unreachable"))
    if isinstance(exc, aiohttp.ClientError | asyncio.TimeoutError | OSError):
        return unsure(s("errors.unreachable"))
    return PlatformError(s("errors.unexpected", error=type(exc).__name__))


def direct_error(exc: Exception) -> PlatformError:
    """A failed direct message as a platform error (the core then uses the channel)."""
    if isinstance(exc, PlatformError):
        return exc
    if isinstance(exc, discord.Forbidden):
        # 50007: the member turned off direct messages from server members or apps, or
        # shares no server with the bot any more.
        refusal = s("errors.dm_closed" if exc.code == CANNOT_DM else "errors.dm_impossible")
        return MissingPermission(refusal, permission_label("direct_messages"))
    if isinstance(exc, discord.NotFound):
        return PlatformError(s("errors.unknown_member"))
    if isinstance(exc, discord.RateLimited) or retryable(exc) or isinstance(exc, OSError):
        return translate(exc, "send", "")  # wait, or try again later: as for any post
    if isinstance(exc, discord.HTTPException):
        return PlatformError(s("errors.dm_refused", status=exc.status, code=exc.code))
    return PlatformError(s("errors.unexpected", error=type(exc).__name__))


def retryable(exc: BaseException) -> bool:
    """5xx and network failures are worth retrying; 4xx and rate-limit give-ups are not."""
    return isinstance(
        exc,
        discord.DiscordServerError | aiohttp.ClientError | asyncio.TimeoutError | ConnectionError,
    )


async def with_retries(
    call: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    delay: float = 1.0,
    describe: str = "Discord call",
) -> T:
    """Run ``call``, retrying 5xx and network failures with exponential backoff.

    429s are retried inside discord.py itself (honouring Retry-After); here they are not.
    """
    for attempt in range(attempts):
        try:
            return await call()
        except Exception as exc:
            if not retryable(exc) or attempt == attempts - 1:
                raise
            wait = delay * (2**attempt)
            log.warning("%s failed (%s); retrying in %.2f s", describe, type(exc).__name__, wait)
            await asyncio.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover
