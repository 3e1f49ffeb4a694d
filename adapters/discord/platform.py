"""The ChatPlatform the engine posts through on Discord: messages, threads, forum posts."""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord
from discord.http import handle_message_parameters

from adapters.discord.errors import THREAD_ALREADY_CREATED, translate, with_retries
from adapters.discord.render import Payload, auto_archive, render, thread_name
from adapters.discord.roots import CommandMentions
from bot.messages import Message
from bot.platform import ChannelGone, MessageRef, PlatformError, ThreadRef

if TYPE_CHECKING:
    from bot.engine import Engine

log = logging.getLogger(__name__)

FORUM_TYPES = (discord.ChannelType.forum, discord.ChannelType.media)
THREAD_TYPES = (
    discord.ChannelType.public_thread,
    discord.ChannelType.private_thread,
    discord.ChannelType.news_thread,
)
MAX_NONCE = 25


def discord_nonce(nonce: str | None, index: int = 0) -> str:
    """A Discord nonce (≤ 25 chars) from the engine's nonce, or a fresh one.

    A fresh nonce still makes our own 5xx retries of one send idempotent.
    """
    if nonce is None:
        return secrets.token_hex(12)
    raw = nonce if index == 0 else f"{nonce}:{index}"
    if len(raw) <= MAX_NONCE:
        return raw
    return hashlib.sha256(raw.encode()).hexdigest()[:MAX_NONCE]


class DiscordPlatform:
    """Posts prompts with discord.py's HTTP client; works with or without a gateway cache."""

    name = "discord"
    # The engine fits each message's plain text in this; Markdown adds a little on top, and
    # the renderer still guarantees Discord's 2,000-character content limit.
    max_message_chars = 1800

    def __init__(
        self,
        client: discord.Client,
        engine: Engine | None = None,
        *,
        retry_attempts: int = 3,
        retry_delay: float = 1.0,
    ) -> None:
        self.client = client
        self.engine = engine
        self.retry_attempts = retry_attempts
        self.retry_delay = retry_delay
        self._types: dict[str, discord.ChannelType] = {}
        self._guilds: dict[str, str] = {}  # channel or thread id -> guild id
        self._app_permissions: dict[str, discord.Permissions] = {}
        self._forum_starters: dict[str, tuple[str, int | None]] = {}  # message -> thread, archive
        # Notices name commands as typed on Discord (moderator ones under /filmclub-mod).
        self.mentions = CommandMentions(engine.registry) if engine is not None else None

    # -- what we learn from interactions and the gateway ----------------------------------
    def remember(
        self,
        channel_id: str,
        *,
        guild_id: str | None = None,
        channel_type: discord.ChannelType | None = None,
        app_permissions: discord.Permissions | None = None,
    ) -> None:
        """Note a channel's guild, type and the bot's permissions there (from an interaction)."""
        if guild_id:
            self._guilds[channel_id] = guild_id
        if channel_type is not None:
            self._types[channel_id] = channel_type
        if app_permissions is not None:
            self._app_permissions[channel_id] = app_permissions

    def known_permissions(self, channel_id: str) -> discord.Permissions | None:
        if channel_id in self._app_permissions:
            return self._app_permissions[channel_id]
        channel = self.client.get_channel(int(channel_id))
        guild = getattr(channel, "guild", None)
        if isinstance(channel, discord.abc.GuildChannel | discord.Thread) and guild is not None:
            if not guild.unavailable and guild.me is not None and guild.roles:
                return channel.permissions_for(guild.me)
        return None

    async def channel_type(self, channel_id: str) -> discord.ChannelType:
        """The channel's type, from the gateway cache, our notes, or one REST call."""
        cached = self.client.get_channel(int(channel_id))
        if cached is not None:
            return cached.type
        if channel_id in self._types:
            return self._types[channel_id]
        data = await self._call(
            lambda: self.client.http.get_channel(int(channel_id)), "send", channel_id
        )
        kind = discord.enums.try_enum(discord.ChannelType, data.get("type", 0))
        self.remember(channel_id, guild_id=_str(data.get("guild_id")), channel_type=kind)
        return kind

    # -- the ChatPlatform protocol --------------------------------------------------------
    async def post_message(
        self,
        channel_id: str,
        message: Message,
        *,
        nonce: str | None = None,
        title: str | None = None,
    ) -> MessageRef:
        payloads = render(message, self.mentions)
        kind = await self.channel_type(channel_id)
        if kind in FORUM_TYPES:
            return await self._forum_post(channel_id, payloads, title)
        operation = "thread_send" if kind in THREAD_TYPES else "send"
        first: MessageRef | None = None
        for index, payload in enumerate(payloads):
            ref = await self._send(channel_id, payload, discord_nonce(nonce, index), operation)
            first = first or ref
        assert first is not None
        return first

    async def open_thread(
        self, parent: MessageRef, title: str, *, auto_archive_minutes: int | None = None
    ) -> ThreadRef:
        archive = auto_archive(auto_archive_minutes)
        starter = self._forum_starters.pop(parent.message_id, None)
        if starter is None and await self.channel_type(parent.channel_id) in FORUM_TYPES:
            starter = (parent.message_id, None)  # a forum post's thread id is its message id
        if starter is not None:
            thread_id, current = starter
            if archive and archive != current:
                await self._set_archive(thread_id, archive)
            return ThreadRef(parent.channel_id, thread_id)
        name = thread_name(title)

        async def start() -> Any:
            return await self.client.http.start_thread_with_message(
                int(parent.channel_id),
                int(parent.message_id),
                name=name,
                auto_archive_duration=archive or 1440,  # type: ignore[arg-type]
            )

        try:
            data = await with_retries(
                start, attempts=self.retry_attempts, delay=self.retry_delay, describe="thread"
            )
        except discord.HTTPException as exc:
            if exc.code == THREAD_ALREADY_CREATED:  # a retry after a lost response
                return ThreadRef(parent.channel_id, parent.message_id)
            raise self._error(exc, "thread", parent.channel_id) from exc
        except Exception as exc:
            raise self._error(exc, "thread", parent.channel_id) from exc
        thread_id = str(data["id"])
        guild = _str(data.get("guild_id")) or self._guilds.get(parent.channel_id)
        self.remember(thread_id, guild_id=guild, channel_type=discord.ChannelType.public_thread)
        return ThreadRef(parent.channel_id, thread_id)

    async def post_in_thread(self, thread: ThreadRef, message: Message) -> MessageRef:
        first: MessageRef | None = None
        for payload in render(message, self.mentions):
            ref = await self._send(thread.thread_id, payload, discord_nonce(None), "thread_send")
            first = first or ref
        assert first is not None
        return first

    # -- optional validation helpers ------------------------------------------------------
    async def channel_exists(self, workspace_id: str, channel_id: str) -> bool:
        if not channel_id.isdigit():
            return False
        try:
            data = await self.client.http.get_channel(int(channel_id))
        except (discord.NotFound, discord.Forbidden):
            return False
        return _str(data.get("guild_id")) == workspace_id

    async def role_exists(self, workspace_id: str, role_id: str) -> bool:
        if not role_id.isdigit() or not workspace_id.isdigit():
            return False
        guild = self.client.get_guild(int(workspace_id))
        if guild is not None and guild.roles:
            return guild.get_role(int(role_id)) is not None
        try:
            roles = await self.client.http.get_roles(int(workspace_id))
        except (discord.NotFound, discord.Forbidden):
            return False
        return any(str(r["id"]) == role_id for r in roles)

    # -- internals -----------------------------------------------------------------------
    async def _send(
        self, channel_id: str, payload: Payload, nonce: str, operation: str
    ) -> MessageRef:
        async def send() -> Any:
            with handle_message_parameters(
                content=payload.content,
                embeds=payload.embeds,
                allowed_mentions=payload.allowed_mentions,
                nonce=nonce,
            ) as params:
                return await self.client.http.send_message(int(channel_id), params=params)

        data = await self._call(send, operation, channel_id, with_embeds=bool(payload.embeds))
        return MessageRef(channel_id, str(data["id"]))

    async def _forum_post(
        self, channel_id: str, payloads: list[Payload], title: str | None
    ) -> MessageRef:
        first = payloads[0]

        async def create() -> Any:
            with handle_message_parameters(
                content=first.content,
                embeds=first.embeds,
                allowed_mentions=first.allowed_mentions,
                channel_payload={"name": thread_name(title), "type": 11},
            ) as params:
                return await self.client.http.start_thread_in_forum(int(channel_id), params=params)

        data = await self._call(create, "forum_post", channel_id, with_embeds=bool(first.embeds))
        thread_id = str(data["id"])
        message_id = str((data.get("message") or {}).get("id", thread_id))
        archive = (data.get("thread_metadata") or {}).get("auto_archive_duration")
        self._forum_starters[message_id] = (thread_id, archive)
        self.remember(
            thread_id,
            guild_id=_str(data.get("guild_id")) or self._guilds.get(channel_id),
            channel_type=discord.ChannelType.public_thread,
        )
        for payload in payloads[1:]:
            await self._send(thread_id, payload, discord_nonce(None), "thread_send")
        return MessageRef(channel_id, message_id)

    async def _set_archive(self, thread_id: str, minutes: int) -> None:
        try:
            await self.client.http.edit_channel(int(thread_id), auto_archive_duration=minutes)
        except discord.HTTPException as exc:
            # The post exists and works; only its archive delay stays the forum's default.
            log.warning("could not set auto-archive on thread %s: %s", thread_id, exc)

    async def _call(
        self,
        call: Callable[[], Awaitable[Any]],
        operation: str,
        channel_id: str,
        *,
        with_embeds: bool = False,
    ) -> Any:
        try:
            return await with_retries(
                call, attempts=self.retry_attempts, delay=self.retry_delay, describe=operation
            )
        except Exception as exc:
            error = self._error(exc, operation, channel_id, with_embeds=with_embeds)
            if isinstance(error, ChannelGone) and operation == "thread_send":
                await self._thread_gone(channel_id)
            raise error from exc

    def _error(
        self, exc: Exception, operation: str, channel_id: str, *, with_embeds: bool = False
    ) -> PlatformError:
        error = translate(
            exc,
            operation,
            channel_id,
            known=self.known_permissions(channel_id),
            with_embeds=with_embeds,
        )
        log.warning("Discord %s in %s failed: %s", operation, channel_id, error)
        return error

    async def _thread_gone(self, thread_id: str) -> None:
        """A thread we posted in was deleted: the engine marks its record closed."""
        guild = self._guilds.get(thread_id)
        if self.engine is None or guild is None:
            return
        try:
            await self.engine.thread_gone(self.name, guild, thread_id)
        except Exception:
            log.exception("could not mark thread %s closed", thread_id)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
