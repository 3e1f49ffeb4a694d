"""A recording fake chat platform for testing the core (in the spirit of errbot's testbot)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from bot.messages import Message
from bot.platform import MessageRef, PlatformError, ThreadRef


@dataclass
class Post:
    channel_id: str
    message: Message
    message_id: str
    nonce: str | None = None
    title: str | None = None
    thread_id: str | None = None  # set when posted inside a thread


@dataclass
class FakePlatform:
    """Records every call; ``fail_next`` makes the next call of a method raise."""

    name: str = "fake"
    max_message_chars: int = 2000
    posts: list[Post] = field(default_factory=list)
    threads: dict[str, tuple[MessageRef, str, int | None]] = field(default_factory=dict)
    fail_next: dict[str, PlatformError] = field(default_factory=dict)
    gone_channels: set[str] = field(default_factory=set)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1000))

    def _maybe_fail(self, method: str, channel_id: str) -> None:
        from bot.platform import ChannelGone

        if channel_id in self.gone_channels:
            raise ChannelGone(f"channel {channel_id} was deleted")
        error = self.fail_next.pop(method, None)
        if error is not None:
            raise error

    async def post_message(
        self,
        channel_id: str,
        message: Message,
        *,
        nonce: str | None = None,
        title: str | None = None,
    ) -> MessageRef:
        self._maybe_fail("post_message", channel_id)
        if nonce is not None:
            for post in self.posts:
                if post.nonce == nonce and post.channel_id == channel_id:
                    return MessageRef(channel_id, post.message_id)
        message_id = str(next(self._ids))
        self.posts.append(Post(channel_id, message, message_id, nonce, title))
        return MessageRef(channel_id, message_id)

    async def open_thread(
        self, parent: MessageRef, title: str, *, auto_archive_minutes: int | None = None
    ) -> ThreadRef:
        self._maybe_fail("open_thread", parent.channel_id)
        thread_id = f"thread-{parent.message_id}"
        self.threads[thread_id] = (parent, title, auto_archive_minutes)
        return ThreadRef(parent.channel_id, thread_id)

    async def post_in_thread(self, thread: ThreadRef, message: Message) -> MessageRef:
        self._maybe_fail("post_in_thread", thread.channel_id)
        message_id = str(next(self._ids))
        self.posts.append(Post(thread.channel_id, message, message_id, thread_id=thread.thread_id))
        return MessageRef(thread.channel_id, message_id)

    def channel_posts(self, channel_id: str | None = None) -> list[Post]:
        return [
            p
            for p in self.posts
            if p.thread_id is None and (channel_id is None or p.channel_id == channel_id)
        ]
