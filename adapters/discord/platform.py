"""The ChatPlatform the engine posts through on Discord: messages, threads, forum posts."""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import discord
from discord.http import handle_message_parameters

from adapters.discord.errors import (
    THREAD_ALREADY_CREATED,
    direct_error,
    missing_permission,
    permission_label,
    retryable,
    translate,
    with_retries,
)
from adapters.discord.render import Payload, auto_archive, render, thread_name
from adapters.discord.roots import CommandMentions
from adapters.discord.strings import s
from bot.messages import Message
from bot.numbers import is_numeric_id
from bot.platform import ChannelGone, MessageRef, MissingPermission, PlatformError, ThreadRef

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
# Discord dedupes a repeated nonce (with enforce_nonce) for "a few minutes"; we count on 2.
NONCE_WINDOW = 120.0
# Discord's clock and ours may differ a little when judging a forum post's age.
CLOCK_SKEW = 30.0
MAX_REMEMBERED = 1000  # nonces and direct-message channels kept in memory


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
    # Seconds a repeated nonce returns the first post (the scheduler re-sends a post a crash
    # interrupted only within this window). Forum posts, which take no nonce, are looked up.
    nonce_window = NONCE_WINDOW

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
        # (forum, engine nonce) -> the forum post it created: thread id, message id, archive
        self._forum_nonces: OrderedDict[tuple[str, str], tuple[str, str, int | None]] = (
            OrderedDict()
        )
        # forum post thread -> the engine nonce it was made for (None: none), for the posts
        # this process made or found: they are never taken for another nonce's post
        self._forum_posts: OrderedDict[str, str | None] = OrderedDict()
        # thread -> (engine nonce, posts sent in it since, when): posts in the thread of a
        # prompt sent with a nonce get nonces derived from it, so a re-send dedupes them too.
        self._thread_nonces: OrderedDict[str, tuple[str, int, float]] = OrderedDict()
        self._direct: OrderedDict[str, str] = OrderedDict()  # user id -> DM channel id
        self._labelled: set[str] = set()  # channels the bot's own words link to
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
        payloads = self.render(message)
        kind = await self.channel_type(channel_id)
        if kind in FORUM_TYPES:
            return await self._forum_post(channel_id, payloads, title, nonce)
        operation = "thread_send" if kind in THREAD_TYPES else "send"
        first: MessageRef | None = None
        for index, payload in enumerate(payloads):
            ref = await self._send(channel_id, payload, discord_nonce(nonce, index), operation)
            first = first or ref
        assert first is not None
        if nonce is not None:  # a thread opened from it has the message's id
            self._note_thread_nonce(first.message_id, nonce, 0)
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
        for payload in self.render(message):
            ref = await self._send(
                thread.thread_id, payload, self._thread_nonce(thread.thread_id), "thread_send"
            )
            first = first or ref
        assert first is not None
        return first

    # -- optional platform methods the core uses ----------------------------------------
    def channel_label(self, channel_id: str) -> str:
        """A channel in the bot's own words: a mention, shown as a link that pings nobody."""
        if not is_numeric_id(channel_id):
            return f"#{channel_id}"
        self._labelled.add(channel_id)
        return f"<#{channel_id}>"

    def linkable(self, channel_id: str) -> bool:
        """Whether ``<#id>`` in the bot's own words is a link the bot made (not quoted text)."""
        return channel_id in self._labelled

    def render(self, message: Message) -> list[Payload]:
        """``message`` as Discord payloads, with commands and channels named as on Discord."""
        return render(message, self.mentions, self.linkable)

    async def send_direct(self, workspace_id: str, user_id: str, message: Message) -> MessageRef:
        """A direct message to one member (e.g. the outcome of their suggestion).

        Raises ``MissingPermission`` when the member does not accept direct messages (or
        shares no server with the bot), so the core says it in the channel instead. Pings
        nobody: a direct message never carries the club's role ping.
        """
        if not is_numeric_id(user_id):
            raise PlatformError(s("errors.not_a_user", user=repr(user_id)))
        quiet = Message(message.blocks, spoiler=message.spoiler)
        payloads = [
            Payload(p.content, p.embeds, discord.AllowedMentions.none()) for p in self.render(quiet)
        ]
        channel_id = await self._direct_channel(user_id)
        first: MessageRef | None = None
        for payload in payloads:
            nonce = discord_nonce(None)

            async def send(payload: Payload = payload, nonce: str = nonce) -> Any:
                with handle_message_parameters(
                    content=payload.content,
                    embeds=payload.embeds,
                    allowed_mentions=payload.allowed_mentions,
                    nonce=nonce,
                ) as params:
                    return await self.client.http.send_message(int(channel_id), params=params)

            try:
                data = await with_retries(
                    send, attempts=self.retry_attempts, delay=self.retry_delay, describe="DM"
                )
            except Exception as exc:
                self._direct.pop(user_id, None)  # open it afresh next time
                error = direct_error(exc)
                log.info("direct message to %s failed: %s", user_id, error)
                raise error from exc
            first = first or MessageRef(channel_id, str(data["id"]))
        assert first is not None
        return first

    # -- screenings: a Guild Scheduled Event members mark Interested ---------------------
    async def create_screening_event(self, screening: Any, end: datetime) -> str:
        """An external Guild Scheduled Event for a screening; returns its id.

        Needs **Manage Events**: without it ``MissingPermission`` (the core then announces
        with the message alone and tells the moderators).
        """
        guild = screening.workspace_id
        payload = {
            "name": screening.film[:100],
            "privacy_level": 2,  # guild only
            "entity_type": 3,  # external: a place or a link
            "entity_metadata": {"location": (screening.place or s("events.location"))[:100]},
            "scheduled_start_time": _event_time(screening.starts_at),
            "scheduled_end_time": end.astimezone(UTC).isoformat(),
            "description": s("events.description", number=screening.number)[:1000],
        }
        try:
            data = await with_retries(
                lambda: self.client.http.create_guild_scheduled_event(int(guild), **payload),
                attempts=self.retry_attempts,
                delay=self.retry_delay,
                describe="scheduled_event",
            )
        except discord.Forbidden as exc:
            label = permission_label("manage_events")
            raise MissingPermission(s("events.missing", permission=label), label) from exc
        except Exception as exc:
            raise translate(exc, "send", screening.channel_id) from exc
        return str(data["id"])

    async def event_interest(self, workspace_id: str, event_id: str) -> int:
        """How many members pressed *Interested* on the event."""
        try:
            data = await self.client.http.get_scheduled_event(
                int(workspace_id), int(event_id), with_user_count=True
            )
        except Exception as exc:
            raise translate(exc, "send", event_id) from exc
        return int(data.get("user_count") or 0)

    async def cancel_screening_event(self, workspace_id: str, event_id: str) -> None:
        """Mark the event cancelled (those interested see it in Discord's events list)."""
        try:
            await self.client.http.edit_scheduled_event(int(workspace_id), int(event_id), status=4)
        except Exception as exc:
            raise translate(exc, "send", event_id) from exc

    def event_link(self, workspace_id: str, event_id: str) -> str:
        return f"https://discord.com/events/{workspace_id}/{event_id}"

    def message_link(
        self, workspace_id: str, channel_id: str, message_id: str, thread_id: str | None
    ) -> str:
        """A jump link to a message (inside ``thread_id`` when it lives in that thread)."""
        return f"https://discord.com/channels/{workspace_id}/{thread_id or channel_id}/{message_id}"

    # -- optional validation helpers ------------------------------------------------------
    async def channel_exists(self, workspace_id: str, channel_id: str) -> bool:
        if not is_numeric_id(channel_id):
            return False
        try:
            data = await self.client.http.get_channel(int(channel_id))
        except (discord.NotFound, discord.Forbidden):
            return False
        return _str(data.get("guild_id")) == workspace_id

    async def role_exists(self, workspace_id: str, role_id: str) -> bool:
        if not is_numeric_id(role_id) or not is_numeric_id(workspace_id):
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
    def _check_embeds(self, channel_id: str, payload: Payload, operation: str) -> None:
        """Long text goes in embeds, which need Embed Links: say so rather than have them
        refused or dropped, when the bot's permissions in the channel are known."""
        known = self.known_permissions(channel_id)
        if payload.embeds and known is not None and not known.embed_links:
            self._labelled.add(channel_id)
            raise missing_permission(operation, channel_id, known, with_embeds=True)

    async def _send(
        self, channel_id: str, payload: Payload, nonce: str, operation: str
    ) -> MessageRef:
        self._check_embeds(channel_id, payload, operation)

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
        self, channel_id: str, payloads: list[Payload], title: str | None, nonce: str | None
    ) -> MessageRef:
        """A forum post (a thread with its starter message), at most once per engine nonce.

        Discord takes no nonce on forum posts, so a post re-sent with the same nonce (after a
        crash) is looked up instead: first in memory, then among the forum's active threads
        the bot opened within the nonce window under the same name (``_find_forum_post``).
        A retry after a server error looks the same way before creating the post again.
        """
        first = payloads[0]
        name = thread_name(title)
        key = nonce if nonce is not None else f"~{secrets.token_hex(8)}"  # this post only
        found = self._forum_nonces.get((channel_id, key))
        if found is not None:
            log.info("forum post for nonce %s already made: thread %s", nonce, found[0])
        elif nonce is not None:
            found = await self._find_forum_post(channel_id, name, first, key)
        if found is None:
            found = await self._create_forum_post(channel_id, name, first, key)
        thread_id, message_id, archive = found
        _bounded_set(self._forum_posts, thread_id, key)
        if nonce is not None:
            _bounded_set(self._forum_nonces, (channel_id, nonce), found)
            self._note_thread_nonce(thread_id, nonce, 0)
        self._forum_starters[message_id] = (thread_id, archive)
        for payload in payloads[1:]:
            await self._send(thread_id, payload, self._thread_nonce(thread_id), "thread_send")
        return MessageRef(channel_id, message_id)

    async def _create_forum_post(
        self, channel_id: str, name: str, first: Payload, key: str
    ) -> tuple[str, str, int | None]:
        self._check_embeds(channel_id, first, "forum_post")
        tries = 0

        async def create() -> tuple[str, str, int | None]:
            nonlocal tries
            tries += 1
            if tries > 1:  # the failed try may have made the post before its answer was lost
                made = await self._find_forum_post(channel_id, name, first, key)
                if made is not None:
                    return made
            with handle_message_parameters(
                content=first.content,
                embeds=first.embeds,
                allowed_mentions=first.allowed_mentions,
                channel_payload={"name": name, "type": 11},
            ) as params:
                data = await self.client.http.start_thread_in_forum(int(channel_id), params=params)
            thread_id = str(data["id"])
            guild = _str(data.get("guild_id")) or self._guilds.get(channel_id)
            self.remember(thread_id, guild_id=guild, channel_type=discord.ChannelType.public_thread)
            message_id = str((data.get("message") or {}).get("id", thread_id))
            archive = (data.get("thread_metadata") or {}).get("auto_archive_duration")
            return thread_id, message_id, archive

        found: tuple[str, str, int | None] = await self._call(
            create, "forum_post", channel_id, with_embeds=bool(first.embeds)
        )
        return found

    async def _find_forum_post(
        self, channel_id: str, name: str, first: Payload, key: str
    ) -> tuple[str, str, int | None] | None:
        """The bot's recent post named ``name`` in the forum, if the starter matches ``first``
        and the post is not one this process knows was made for another ``key`` (nonce).

        Server errors are raised (the caller retries later rather than risk a second post);
        a refusal to list threads is logged and treated as "no such post".
        """
        guild = await self._guild_of(channel_id)
        me = self.client.user.id if self.client.user is not None else None
        if guild is None or me is None:
            return None
        try:
            data = await with_retries(
                lambda: self.client.http.get_active_threads(int(guild)),
                attempts=self.retry_attempts,
                delay=self.retry_delay,
                describe="active threads",
            )
        except Exception as exc:
            if retryable(exc) or isinstance(exc, discord.RateLimited):
                raise self._error(exc, "forum_post", channel_id) from exc
            log.warning("could not list active threads in %s: %s", channel_id, exc)
            return None
        oldest = discord.utils.utcnow().timestamp() - self.nonce_window - CLOCK_SKEW
        candidates = sorted(
            (
                thread
                for thread in data.get("threads") or []
                if str(thread.get("parent_id")) == channel_id
                and str(thread.get("owner_id")) == str(me)
                and thread.get("name") == name
                and self._forum_posts.get(str(thread["id"]), key) == key
                and discord.utils.snowflake_time(int(thread["id"])).timestamp() >= oldest
            ),
            key=lambda thread: int(thread["id"]),
        )
        for thread in candidates:
            thread_id = str(thread["id"])
            if await self._starter_matches(thread_id, first):
                archive = (thread.get("thread_metadata") or {}).get("auto_archive_duration")
                self.remember(
                    thread_id, guild_id=guild, channel_type=discord.ChannelType.public_thread
                )
                return thread_id, thread_id, archive
        return None

    async def _starter_matches(self, thread_id: str, first: Payload) -> bool:
        """Whether a forum post's starter message is ``first`` (two prompts may share a
        generic name, e.g. spoiler titles). Unreadable or deleted: the name has to do."""
        try:
            message = await self.client.http.get_message(int(thread_id), int(thread_id))
        except (discord.Forbidden, discord.NotFound):
            return True
        except discord.HTTPException as exc:
            log.warning("could not read the starter of thread %s: %s", thread_id, exc)
            return True
        sent = [e.description or "" for e in first.embeds]
        got = [e.get("description") or "" for e in message.get("embeds") or []]
        same_content = (message.get("content") or "").strip() == (first.content or "").strip()
        return same_content and [s.strip() for s in sent] == [g.strip() for g in got]

    async def _guild_of(self, channel_id: str) -> str | None:
        if channel_id in self._guilds:
            return self._guilds[channel_id]
        cached = self.client.get_channel(int(channel_id))
        guild = getattr(cached, "guild", None)
        if guild is not None:
            return str(guild.id)
        try:
            data = await self.client.http.get_channel(int(channel_id))
        except discord.HTTPException as exc:
            log.warning("could not look up the server of %s: %s", channel_id, exc)
            return None
        found = _str(data.get("guild_id"))
        if found:
            self._guilds[channel_id] = found
        return found

    def _note_thread_nonce(self, thread_id: str, nonce: str, sent: int) -> None:
        _bounded_set(self._thread_nonces, thread_id, (nonce, sent, time.monotonic()))

    def _thread_nonce(self, thread_id: str) -> str:
        """The nonce of the next post in a thread: derived from its prompt's nonce while
        within the window (so a re-sent prompt's continuation is not doubled), else fresh."""
        noted = self._thread_nonces.get(thread_id)
        if noted is None or time.monotonic() - noted[2] > self.nonce_window:
            return discord_nonce(None)
        nonce, sent, at = noted
        self._thread_nonces[thread_id] = (nonce, sent + 1, at)
        return discord_nonce(f"{nonce}/t", sent + 1)

    async def _direct_channel(self, user_id: str) -> str:
        """The DM channel with a member (Discord returns the existing one if there is)."""
        if user_id in self._direct:
            return self._direct[user_id]
        try:
            data = await with_retries(
                lambda: self.client.http.start_private_message(int(user_id)),
                attempts=self.retry_attempts,
                delay=self.retry_delay,
                describe="open DM",
            )
        except Exception as exc:
            error = direct_error(exc)
            log.info("could not open a direct message with %s: %s", user_id, error)
            raise error from exc
        channel_id = str(data["id"])
        self.remember(channel_id, channel_type=discord.ChannelType.private)
        _bounded_set(self._direct, user_id, channel_id)
        return channel_id

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
        self._labelled.add(channel_id)  # the error names it as <#channel_id>
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


def _event_time(stamp: str) -> str:
    """A stored UTC time (``2026-12-04T19:00:00Z``) as Discord's ISO-8601."""
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).isoformat()


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _bounded_set(store: OrderedDict[Any, Any], key: Any, value: Any) -> None:
    """Set ``store[key]`` as the newest entry, forgetting the oldest past ``MAX_REMEMBERED``."""
    store[key] = value
    store.move_to_end(key)
    while len(store) > MAX_REMEMBERED:
        store.popitem(last=False)
