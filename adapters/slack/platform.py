"""The ChatPlatform for Slack: posts through ``AsyncWebClient``; Slack errors become core errors."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.render import post_payload, screening_payload, spoiler_payload
from adapters.slack.strings import s
from bot.messages import Message
from bot.platform import (
    ChannelGone,
    MessageRef,
    MissingPermission,
    OutcomeUnknown,
    PlatformError,
    RateLimited,
    ThreadRef,
    TransientError,
    on_workspace,
)

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
T = TypeVar("T")
# Every post made with a nonce (scheduled prompts, the moderators' recovery notices) carries
# message metadata naming it, so that the post can be found again when its answer was lost.
METADATA_EVENT = "filmclub_slot"
LOOKUP_PAGES = 10  # pages of 200 messages searched for a post (a channel's last ~2,000)
# Methods that create something: a lost answer does not mean it was not done.
WRITE_METHODS = ("chat.postMessage", "chat.postEphemeral", "chat.update", "views.open")


class ReadRetryHandler(AsyncConnectionErrorRetryHandler):
    """The SDK's retry after a reset connection, for reads only: re-sending a
    ``chat.postMessage`` whose answer was lost would post it twice."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if request.url.rstrip("/").endswith(WRITE_METHODS):
            return False
        return await super()._can_retry_async(
            state=state, request=request, response=response, error=error
        )


def make_client(
    bot_token: str | None, api_url: str | None = None, *, retries: int = 2
) -> AsyncWebClient:
    """A Web API client for ``api_url`` (GovSlack, tests) that waits out ``ratelimited``.

    A rate-limited call was refused, so it is retried; a connection error is retried only
    for reads (:class:`ReadRetryHandler`).
    """
    base = (api_url or DEFAULT_API_URL).rstrip("/") + "/"
    return AsyncWebClient(
        token=bot_token,
        base_url=base,
        retry_handlers=[
            ReadRetryHandler(max_retry_count=1),
            AsyncRateLimitErrorRetryHandler(max_retry_count=retries),
        ],
    )


def _header(response: Any, name: str) -> str | None:
    headers = getattr(response, "headers", None) or {}
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value[0] if isinstance(value, list | tuple) else str(value)
    return None


def translate(exc: SlackApiError) -> PlatformError:
    """A Slack API failure as the core's error, with a sentence a user can act on."""
    response = exc.response
    error = str(response.get("error", "unknown_error")) if response is not None else "unknown"
    status = getattr(response, "status_code", 200)
    if error == "not_in_channel":
        return MissingPermission(s("not_in_channel"), "channel membership")
    if error == "channel_not_found":
        return ChannelGone(s("channel_not_found"))
    if error == "is_archived":
        return ChannelGone(s("is_archived"))
    if error == "missing_scope":
        needed = str(response.get("needed") or "?")
        return MissingPermission(s("missing_scope", scope=needed), needed)
    if error == "msg_too_long":
        return PlatformError(s("msg_too_long"))
    if error == "ratelimited" or status == 429:
        try:
            retry_after = float(_header(response, "Retry-After") or 1)
        except ValueError:
            retry_after = 1.0
        return RateLimited(s("ratelimited", seconds=round(retry_after)), retry_after)
    if error in {"invalid_auth", "not_authed", "account_inactive", "token_revoked"}:
        return MissingPermission(s("auth", error=error), "token")
    if status >= 500 or error in {"internal_error", "fatal_error", "service_unavailable"}:
        return TransientError(s("server_error", error=error))
    return PlatformError(s("api_error", error=error))


async def call(request: Awaitable[T], *, write: bool = False) -> T:
    """Await a Web API call, turning Slack and network failures into core errors.

    For a ``write`` (a post), a failure after the request may have reached Slack (a reset
    connection, a timeout, a server error) is :class:`OutcomeUnknown`: it may have been done.
    """
    try:
        return await request
    except SlackApiError as exc:
        error = translate(exc)
        if write and type(error) is TransientError:
            raise OutcomeUnknown(str(error)) from exc
        raise error from exc
    except aiohttp.ClientConnectorError as exc:  # never connected: nothing was sent
        raise TransientError(s("server_error", error=type(exc).__name__)) from exc
    except (aiohttp.ClientError, TimeoutError) as exc:
        kind = OutcomeUnknown if write else TransientError
        raise kind(s("server_error", error=type(exc).__name__)) from exc


def slot_metadata(nonce: str) -> dict[str, Any]:
    """The message metadata that names a post made with ``nonce``."""
    return {"event_type": METADATA_EVENT, "event_payload": {"nonce": nonce}}


def thread_id(channel_id: str, ts: str) -> str:
    """A Slack thread is its parent's ``ts``; with the channel it is unique in the workspace."""
    return f"{channel_id}:{ts}"


def thread_ts(thread: ThreadRef) -> str:
    return thread.thread_id.rsplit(":", 1)[-1]


class SlackPlatform:
    """Posts prompts as Block Kit; a thread is the parent message's ``ts`` (``thread_ts``).

    Each call uses the token of the workspace the engine acts for (``bot.platform.on_workspace``).
    """

    name = "slack"
    max_message_chars = 3000

    def __init__(self, workspaces: Any) -> None:
        self.workspaces = workspaces  # adapters.slack.workspaces.Workspaces

    async def _client(self, workspace_id: str | None = None) -> AsyncWebClient:
        client: AsyncWebClient = await self.workspaces.client_for(workspace_id)
        return client

    async def _post(self, channel_id: str, payload: dict[str, Any], **extra: Any) -> MessageRef:
        client = await self._client()
        response = await call(
            client.chat_postMessage(
                channel=channel_id,
                unfurl_links=False,
                unfurl_media=False,
                **payload,
                **extra,
            ),
            write=True,
        )
        return MessageRef(str(response.get("channel") or channel_id), str(response["ts"]))

    async def post_message(
        self,
        channel_id: str,
        message: Message,
        *,
        nonce: str | None = None,
        title: str | None = None,
    ) -> MessageRef:
        """Post in a channel. A spoiler prompt shows a warning; its text goes in the thread.

        Slack has no idempotency key: a post with a ``nonce`` carries it in its message
        metadata instead, so :meth:`find_post` can tell whether it arrived.
        """
        extra: dict[str, Any] = {"metadata": slot_metadata(nonce)} if nonce else {}
        if message.spoiler:
            ref = await self._post(channel_id, spoiler_payload(message), **extra)
            hidden = Message(message.blocks, spoiler=False)
            await self._post(ref.channel_id, post_payload(hidden), thread_ts=ref.message_id)
            return ref
        return await self._post(channel_id, post_payload(message), **extra)

    async def find_post(self, channel_id: str, nonce: str, since: datetime) -> MessageRef | None:
        """The bot's message posted with ``nonce`` since ``since``, from the channel's history
        (its metadata); ``None`` if there is none. Raises when Slack cannot tell now."""
        cursor: str | None = None
        client = await self._client()
        for _ in range(LOOKUP_PAGES):
            response = await call(
                client.conversations_history(
                    channel=channel_id,
                    oldest=f"{since.timestamp():.6f}",
                    include_all_metadata=True,
                    limit=200,
                    **({"cursor": cursor} if cursor else {}),
                )
            )
            for message in response.get("messages") or []:
                metadata = message.get("metadata") or {}
                payload = metadata.get("event_payload") or {}
                if metadata.get("event_type") == METADATA_EVENT and payload.get("nonce") == nonce:
                    return MessageRef(channel_id, str(message["ts"]))
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return None
        raise TransientError(s("server_error", error="history_too_long"))

    async def open_thread(
        self, parent: MessageRef, title: str, *, auto_archive_minutes: int | None = None
    ) -> ThreadRef:
        """Slack threads need no creating: replies to the parent's ``ts`` form the thread."""
        return ThreadRef(parent.channel_id, thread_id(parent.channel_id, parent.message_id))

    async def post_in_thread(self, thread: ThreadRef, message: Message) -> MessageRef:
        plain = Message(message.blocks, spoiler=False)  # already inside the thread
        return await self._post(thread.channel_id, post_payload(plain), thread_ts=thread_ts(thread))

    async def post_screening(
        self, channel_id: str, message: Message, rsvp: Any, *, nonce: str | None = None
    ) -> MessageRef:
        """A screening's announcement with an "I'm in" button (a checked interaction); with a
        ``nonce`` it carries the slot's metadata, so a lost answer can be looked up."""
        extra: dict[str, Any] = {"metadata": slot_metadata(nonce)} if nonce else {}
        return await self._post(channel_id, screening_payload(message, rsvp), **extra)

    async def update_screening(self, ref: MessageRef, message: Message, rsvp: Any) -> None:
        """The announcement again, in place, with the new count (``chat.update``)."""
        client = await self._client()
        await call(
            client.chat_update(
                channel=ref.channel_id, ts=ref.message_id, **screening_payload(message, rsvp)
            )
        )

    def message_link(
        self, workspace_id: str, channel_id: str, message_id: str, thread_id: str | None
    ) -> str:
        """A permalink to a message (in its thread when it is a reply)."""
        url = f"https://slack.com/archives/{channel_id}/p{message_id.replace('.', '')}"
        if thread_id and ":" in thread_id:
            url += f"?thread_ts={thread_id.rsplit(':', 1)[-1]}&cid={channel_id}"
        return url

    async def send_direct(self, workspace_id: str, user_id: str, message: Message) -> MessageRef:
        """A direct message from the app (posting to a user id opens the app's DM)."""
        plain = Message(message.blocks, spoiler=False)
        with on_workspace(workspace_id):
            return await self._post(user_id, post_payload(plain, with_mention=False))

    async def channel_exists(self, workspace_id: str, channel_id: str) -> bool:
        client = await self._client(workspace_id)
        try:
            await call(client.conversations_info(channel=channel_id))
        except ChannelGone:
            return False
        return True

    async def role_exists(self, workspace_id: str, role_id: str) -> bool:
        """A "role" on Slack is a user group (``S…``)."""
        client = await self._client(workspace_id)
        groups = await call(client.usergroups_list())
        return any(g.get("id") == role_id for g in groups.get("usergroups", []))


async def safely(coro: Callable[[], Awaitable[T]], default: T) -> T:
    """Run a best-effort lookup; on a platform error log it and use ``default``."""
    try:
        return await coro()
    except PlatformError as exc:
        log.warning("Slack lookup failed: %s", exc)
        return default
