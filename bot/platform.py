"""The small protocol through which the engine reaches a chat platform."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from bot.messages import Message

# The workspace the engine is acting for, so a platform that serves many workspaces picks the
# right credentials for calls that name only a channel (set by the engine around its calls).
current_workspace: ContextVar[str | None] = ContextVar("current_workspace", default=None)


@contextmanager
def on_workspace(workspace_id: str) -> Iterator[None]:
    """Run a block with platform calls made on behalf of ``workspace_id``."""
    token = current_workspace.set(workspace_id)
    try:
        yield
    finally:
        current_workspace.reset(token)


@dataclass(frozen=True)
class MessageRef:
    """Where a posted message lives on its platform."""

    channel_id: str
    message_id: str


@dataclass(frozen=True)
class ThreadRef:
    """A thread on a platform: its id and the channel that holds it."""

    channel_id: str
    thread_id: str


class PlatformError(Exception):
    """A platform call failed; ``str()`` is safe to show to a user."""


class ChannelGone(PlatformError):
    """The channel or thread no longer exists (deleted, archived for good)."""


class MissingPermission(PlatformError):
    """The bot lacks a permission it needs; ``permission`` names it."""

    def __init__(self, message: str, permission: str = "") -> None:
        super().__init__(message)
        self.permission = permission


class RateLimited(PlatformError):
    """The platform asked us to slow down; retry after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TransientError(PlatformError):
    """A server-side error (5xx, timeout) that may succeed if retried later."""


class OutcomeUnknown(TransientError):
    """The request reached the platform, or may have, and no answer came back (a connection
    reset, a timeout, a server error mid-request): the post may exist. Never re-send it
    blindly: look for it (``find_post``) or re-send with the same nonce where it dedupes."""


@runtime_checkable
class ChatPlatform(Protocol):
    """What the engine needs from a platform: post, open a thread, reply in it."""

    name: str

    async def post_message(
        self,
        channel_id: str,
        message: Message,
        *,
        nonce: str | None = None,
        title: str | None = None,
    ) -> MessageRef:
        """Post ``message`` in a channel.

        ``nonce`` makes the post idempotent where the platform supports it; ``title`` is used
        where a channel needs one for every post (a Discord forum).
        """
        ...

    async def open_thread(
        self, parent: MessageRef, title: str, *, auto_archive_minutes: int | None = None
    ) -> ThreadRef: ...

    async def post_in_thread(self, thread: ThreadRef, message: Message) -> MessageRef: ...


# Optional capabilities, looked up with getattr (a platform may have neither):
#   nonce_window: float - seconds during which a post re-sent with the same nonce returns the
#       first message instead of making a second one (Discord's enforce_nonce).
#   async find_post(channel_id: str, nonce: str, since: datetime) -> MessageRef | None - the
#       bot's post made with ``nonce`` since ``since``, looked up on the platform (Slack's
#       message metadata); raises PlatformError when the platform cannot tell now.
FIND_POST = "find_post"
NONCE_WINDOW = "nonce_window"
