"""A local aiohttp server that plays the parts of Discord's REST API the bot uses."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from discord.utils import time_snowflake, utcnow

BOT_ID = "900000000000000001"
GUILD_ID = "800000000000000001"
BOT_USER = {
    "id": BOT_ID,
    "username": "filmclub",
    "discriminator": "0",
    "global_name": "filmclub",
    "avatar": None,
    "bot": True,
}
TEXT, DM, FORUM, PUBLIC_THREAD = 0, 1, 15, 11
INTERACTION_CHANNEL = "1"  # where interaction responses are filed (not a real channel)


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    # discord.py parses JSON only when Content-Type is exactly application/json (no charset).
    return web.Response(
        status=status,
        body=json.dumps(data).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def error(status: int, code: int, message: str) -> web.Response:
    return json_response({"code": code, "message": message}, status)


@dataclass
class Call:
    """One request the fake received."""

    method: str
    path: str
    query: dict[str, str]
    body: Any


@dataclass
class Failure:
    """Answer matching requests with an error ``times`` times."""

    method: str
    pattern: str
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1
    after: bool = False  # the request takes effect first: only its answer is an error


class FakeDiscord:
    """Discord's REST API for one bot: channels, messages, threads, interactions, commands."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.failures: list[Failure] = []
        self.channels: dict[str, dict[str, Any]] = {}
        self.messages: dict[str, dict[str, Any]] = {}
        self.roles: dict[str, list[dict[str, Any]]] = {
            GUILD_ID: [{"id": GUILD_ID, "name": "@everyone"}]
        }
        self.commands: dict[str, list[dict[str, Any]]] = {}  # "global" or guild id -> commands
        self.callbacks: list[dict[str, Any]] = []
        self.followups: list[dict[str, Any]] = []
        self.files: dict[str, bytes] = {}
        self._last_id = 0
        self.closed_dms: set[str] = set()  # users who accept no direct messages from the bot
        self._nonces: dict[tuple[str, str], str] = {}
        self._changed = asyncio.Event()
        self.url = ""
        self.vanishing_threads = False  # threads disappear right after they are created
        # The gateway (a local websocket): what it sends after IDENTIFY, and what it received.
        self.guild_payload: dict[str, Any] | None = None
        self.identify: dict[str, Any] | None = None
        self._sockets: list[web.WebSocketResponse] = []
        self._sequence = 0
        self._runner: web.AppRunner | None = None

    # -- set-up ----------------------------------------------------------------------------
    def snowflake(self) -> str:
        """A new id that, like Discord's, encodes the time it was made."""
        self._last_id = max(self._last_id + 1, time_snowflake(utcnow()))
        return str(self._last_id)

    def add_channel(
        self,
        channel_id: str,
        name: str,
        *,
        type: int = TEXT,
        guild_id: str = GUILD_ID,
        **extra: Any,
    ) -> dict[str, Any]:
        channel = {
            "id": channel_id,
            "type": type,
            "guild_id": guild_id,
            "name": name,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
            "default_auto_archive_duration": 1440,
            **extra,
        }
        if type == FORUM:
            channel.setdefault("available_tags", [])
            channel.setdefault("default_reaction_emoji", None)
            channel.setdefault("default_sort_order", None)
            channel.setdefault("default_forum_layout", 0)
        self.channels[channel_id] = channel
        return channel

    def fail(
        self,
        method: str,
        pattern: str,
        status: int,
        body: Any = None,
        *,
        times: int = 1,
        headers: dict[str, str] | None = None,
        after: bool = False,
    ) -> None:
        """Make the next ``times`` requests matching ``method`` and the path regex fail;
        ``after``: each is carried out, and only the answer fails (a lost response)."""
        self.failures.append(Failure(method, pattern, status, body, headers or {}, times, after))

    # -- queries for tests -----------------------------------------------------------------
    def requests(self, method: str, pattern: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and re.search(pattern, c.path)]

    def posted(self, channel_id: str) -> list[dict[str, Any]]:
        return [m for m in self.messages.values() if m["channel_id"] == channel_id]

    def threads(self) -> list[dict[str, Any]]:
        return [c for c in self.channels.values() if c["type"] == PUBLIC_THREAD]

    def direct_messages(self, user_id: str) -> list[dict[str, Any]]:
        """Messages the bot sent to ``user_id`` in their DM channel."""
        return [
            m
            for c in self.channels.values()
            if c["type"] == DM and c["recipients"][0]["id"] == user_id
            for m in self.posted(c["id"])
        ]

    async def wait_for(self, predicate: Any, within: float = 5.0) -> None:
        """Wait until ``predicate()`` is true (the bot works in background tasks)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError("the fake Discord never saw the expected requests")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.05))
            except TimeoutError:
                pass

    # -- server ----------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self.gateway)
        app.router.add_route("*", "/{tail:.*}", self.handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- gateway -------------------------------------------------------------------------
    @property
    def gateway_url(self) -> str:
        return self.url.replace("http://", "ws://") + "/gateway"

    async def gateway(self, request: web.Request) -> web.WebSocketResponse:
        """HELLO, then READY and GUILD_CREATE after IDENTIFY; heartbeats are acknowledged."""
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        try:
            async for frame in socket:
                message = json.loads(frame.data)
                if message["op"] == 1:
                    await socket.send_json({"op": 11})
                elif message["op"] == 2:
                    self.identify = message["d"]
                    await self.dispatch(
                        "READY",
                        {
                            "v": 10,
                            "user": BOT_USER,
                            "guilds": [{"id": GUILD_ID, "unavailable": True}],
                            "session_id": "fake-session",
                            "resume_gateway_url": self.gateway_url,
                            "shard": [0, 1],
                            "application": {"id": BOT_ID, "flags": 0},
                            "private_channels": [],
                        },
                    )
                    if self.guild_payload is not None:
                        await self.dispatch("GUILD_CREATE", self.guild_payload)
                self._changed.set()
        finally:
            self._sockets.remove(socket)
        return socket

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway DISPATCH (op 0) to every connected client."""
        self._sequence += 1
        for socket in self._sockets:
            await socket.send_json({"op": 0, "t": event, "s": self._sequence, "d": data})

    async def handle(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            body = json.loads(raw) if raw and request.content_type == "application/json" else raw
        self.calls.append(Call(request.method, path, dict(request.query), body))
        try:
            for failure in self.failures:
                if (
                    failure.times > 0
                    and failure.method == request.method
                    and re.search(failure.pattern, path)
                ):
                    failure.times -= 1
                    if failure.after:
                        await self.route(request.method, path, request.query, body)
                    if failure.body is None:
                        return web.Response(
                            status=failure.status, text="error", headers=failure.headers
                        )
                    return json_response(failure.body, failure.status, failure.headers)
            return await self.route(request.method, path, request.query, body)
        finally:
            self._changed.set()

    async def route(self, method: str, path: str, query: Any, body: Any) -> web.StreamResponse:
        if path.startswith("/cdn/"):
            name = path.rsplit("/", 1)[-1]
            if name not in self.files:
                return web.Response(status=404)
            return web.Response(body=self.files[name], headers={"Content-Type": "text/plain"})
        match = re.fullmatch(r"/api/v\d+(/.*)", path)
        if not match:
            return error(404, 0, "404: Not Found")
        api = match.group(1)
        for verb, pattern, handler in self.ROUTES:
            found = re.fullmatch(pattern, api)
            if verb == method and found:
                return await handler(self, body, query, *found.groups())
        return error(404, 0, f"fake Discord has no route {method} {api}")

    # -- handlers ----------------------------------------------------------------------------
    async def me(self, body: Any, query: Any) -> web.Response:
        return json_response(BOT_USER)

    async def gateway_bot(self, body: Any, query: Any) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return json_response({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def application(self, body: Any, query: Any) -> web.Response:
        return json_response(
            {
                "id": BOT_ID,
                "name": "filmclub",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "owner": BOT_USER,
                "flags": 0,
            }
        )

    async def get_channel(self, body: Any, query: Any, channel_id: str) -> web.Response:
        channel = self.channels.get(channel_id)
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        return json_response(channel)

    async def edit_channel(self, body: Any, query: Any, channel_id: str) -> web.Response:
        channel = self.channels.get(channel_id)
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        if "auto_archive_duration" in body and "thread_metadata" in channel:
            channel["thread_metadata"]["auto_archive_duration"] = body["auto_archive_duration"]
        channel.update({k: v for k, v in body.items() if k in ("name",)})
        return json_response(channel)

    def _message(
        self, channel_id: str, body: dict[str, Any], message_id: str | None = None
    ) -> dict[str, Any]:
        message = {
            "id": message_id or self.snowflake(),
            "channel_id": channel_id,
            "author": BOT_USER,
            "content": body.get("content") or "",
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "attachments": [],
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "timestamp": "2026-11-20T12:00:00.000000+00:00",
            "edited_timestamp": None,
            "type": 0,
            "flags": body.get("flags", 0),
            "nonce": body.get("nonce"),
            "allowed_mentions": body.get("allowed_mentions"),
        }
        self.messages[message["id"]] = message
        return message

    async def create_message(self, body: Any, query: Any, channel_id: str) -> web.Response:
        channel = self.channels.get(channel_id)
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        if channel["type"] == FORUM:
            return error(400, 50008, "Cannot send messages in a non-text channel")
        if channel["type"] == DM and channel["recipients"][0]["id"] in self.closed_dms:
            return error(403, 50007, "Cannot send messages to this user")
        nonce = body.get("nonce")
        if nonce and body.get("enforce_nonce"):
            existing = self._nonces.get((channel_id, str(nonce)))
            if existing:
                return json_response(self.messages[existing])
        message = self._message(channel_id, body)
        if nonce:
            self._nonces[(channel_id, str(nonce))] = message["id"]
        return json_response(message)

    def _thread(
        self, parent: dict[str, Any], thread_id: str, name: str, archive: int
    ) -> dict[str, Any]:
        thread = {
            "id": thread_id,
            "type": PUBLIC_THREAD,
            "guild_id": parent["guild_id"],
            "parent_id": parent["id"],
            "name": name,
            "owner_id": BOT_ID,
            "flags": 0,
            "rate_limit_per_user": 0,
            "message_count": 0,
            "member_count": 0,
            "last_message_id": None,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": archive,
                "archive_timestamp": "2026-11-20T12:00:00.000000+00:00",
                "locked": False,
            },
        }
        self.channels[thread_id] = thread
        return thread

    async def thread_from_message(
        self, body: Any, query: Any, channel_id: str, message_id: str
    ) -> web.Response:
        channel = self.channels.get(channel_id)
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        if message_id not in self.messages:
            return error(404, 10008, "Unknown Message")
        if message_id in self.channels:
            return error(400, 160004, "A thread has already been created for this message")
        if len(body.get("name") or "") > 100 or not body.get("name"):
            return error(400, 50035, "Invalid Form Body: name must be 1-100 characters")
        thread = self._thread(
            channel, message_id, body["name"], body.get("auto_archive_duration", 1440)
        )
        if self.vanishing_threads:
            del self.channels[message_id]
        return json_response(thread)

    async def forum_post(self, body: Any, query: Any, channel_id: str) -> web.Response:
        channel = self.channels.get(channel_id)
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        if channel["type"] != FORUM:
            return error(400, 50024, "Cannot execute action on this channel type")
        name = body.get("name") or ""
        if not 1 <= len(name) <= 100:
            return error(400, 50035, "Invalid Form Body: name must be 1-100 characters")
        thread_id = self.snowflake()
        archive = body.get("auto_archive_duration") or channel["default_auto_archive_duration"]
        thread = self._thread(channel, thread_id, name, archive)
        message = self._message(thread_id, body.get("message") or {}, message_id=thread_id)
        return json_response({**thread, "message": message})

    async def get_message(
        self, body: Any, query: Any, channel_id: str, message_id: str
    ) -> web.Response:
        message = self.messages.get(message_id)
        if message is None or message["channel_id"] != channel_id:
            return error(404, 10008, "Unknown Message")
        return json_response(message)

    async def active_threads(self, body: Any, query: Any, guild_id: str) -> web.Response:
        threads = [
            t
            for t in self.threads()
            if t["guild_id"] == guild_id and not t["thread_metadata"]["archived"]
        ]
        return json_response({"threads": threads, "members": []})

    async def open_dm(self, body: Any, query: Any) -> web.Response:
        """The DM channel with a user (the same one each time), as Discord does."""
        user_id = str(body["recipient_id"])
        for channel in self.channels.values():
            if channel["type"] == DM and channel["recipients"][0]["id"] == user_id:
                return json_response(channel)
        user = {"id": user_id, "username": f"user{user_id[-4:]}", "discriminator": "0"}
        channel = {
            "id": self.snowflake(),
            "type": DM,
            "recipients": [{**user, "avatar": None}],
            "last_message_id": None,
        }
        self.channels[channel["id"]] = channel
        return json_response(channel)

    async def interaction_callback(
        self, body: Any, query: Any, interaction_id: str, token: str
    ) -> web.Response:
        record = {"interaction_id": interaction_id, "token": token, "query": dict(query), **body}
        self.callbacks.append(record)
        data = body.get("data") or {}
        ephemeral = bool((data.get("flags") or 0) & 64)
        message = None
        if body["type"] in (4, 5):
            message = self._message(INTERACTION_CHANNEL, data, None)
            message["flags"] = data.get("flags", 0)
        result: dict[str, Any] = {
            "interaction": {
                "id": interaction_id,
                "type": 2,
                "response_message_id": message["id"] if message else None,
                "response_message_loading": body["type"] == 5,
                "response_message_ephemeral": ephemeral,
            },
            "resource": {"type": body["type"]},
        }
        if message is not None and body["type"] == 4:
            result["resource"]["message"] = message
        return json_response(result)

    async def followup(
        self, body: Any, query: Any, application_id: str, token: str
    ) -> web.Response:
        message = self._message(INTERACTION_CHANNEL, body)
        self.followups.append({"token": token, **body})
        return json_response(message)

    async def edit_original(
        self, body: Any, query: Any, application_id: str, token: str
    ) -> web.Response:
        self.followups.append({"token": token, "edit": True, **body})
        return json_response(self._message(INTERACTION_CHANNEL, body))

    async def put_commands(
        self, body: Any, query: Any, application_id: str, guild_id: str | None = None
    ) -> web.Response:
        scope = guild_id or "global"
        saved = []
        for command in body:
            saved.append(
                {"id": self.snowflake(), "application_id": BOT_ID, "version": "1", **command}
            )
            if saved[-1].get("default_member_permissions") is not None:
                # Discord stores a permission bit set as a string, whichever way it was sent.
                saved[-1]["default_member_permissions"] = str(
                    saved[-1]["default_member_permissions"]
                )
            if guild_id:
                saved[-1]["guild_id"] = guild_id
        self.commands[scope] = saved
        return json_response(saved)

    async def get_roles(self, body: Any, query: Any, guild_id: str) -> web.Response:
        if guild_id not in self.roles:
            return error(404, 10004, "Unknown Guild")
        return json_response(self.roles[guild_id])

    # -- guild scheduled events (screenings) ----------------------------------------------
    # ``events`` and ``can_manage_events`` are made on first use, so the set-up stays as it was.
    def scheduled_events(self) -> dict[str, dict[str, Any]]:
        if not hasattr(self, "events"):
            self.events: dict[str, dict[str, Any]] = {}
        return self.events

    def interested(self, event_id: str, count: int) -> None:
        """Members press *Interested* on an event."""
        self.scheduled_events()[event_id]["user_count"] = count

    async def create_event(self, body: Any, query: Any, guild_id: str) -> web.Response:
        if not getattr(self, "can_manage_events", True):
            return error(403, 50013, "Missing Permissions")
        if body.get("entity_type") == 3 and not (
            body.get("scheduled_end_time") and (body.get("entity_metadata") or {}).get("location")
        ):
            return error(400, 50035, "Invalid Form Body: external events need an end and a place")
        event = {
            "id": self.snowflake(),
            "guild_id": guild_id,
            "channel_id": None,
            "creator_id": BOT_ID,
            "name": body["name"],
            "description": body.get("description"),
            "scheduled_start_time": body["scheduled_start_time"],
            "scheduled_end_time": body.get("scheduled_end_time"),
            "privacy_level": body.get("privacy_level", 2),
            "status": 1,
            "entity_type": body["entity_type"],
            "entity_id": None,
            "entity_metadata": body.get("entity_metadata"),
            "user_count": 0,
        }
        self.scheduled_events()[event["id"]] = event
        return json_response(event)

    async def get_event(self, body: Any, query: Any, guild_id: str, event_id: str) -> web.Response:
        event = self.scheduled_events().get(event_id)
        if event is None or event["guild_id"] != guild_id:
            return error(404, 10070, "Unknown Guild Scheduled Event")
        shown = dict(event)
        if query.get("with_user_count") not in ("1", "true", "True"):
            shown.pop("user_count")
        return json_response(shown)

    async def edit_event(self, body: Any, query: Any, guild_id: str, event_id: str) -> web.Response:
        event = self.scheduled_events().get(event_id)
        if event is None or event["guild_id"] != guild_id:
            return error(404, 10070, "Unknown Guild Scheduled Event")
        if not getattr(self, "can_manage_events", True):
            return error(403, 50013, "Missing Permissions")
        event.update({k: v for k, v in body.items() if k in ("name", "status", "description")})
        return json_response(event)

    ROUTES: list[tuple[str, str, Any]] = [
        ("GET", r"/users/@me", me),
        ("POST", r"/users/@me/channels", open_dm),
        ("GET", r"/gateway/bot", gateway_bot),
        ("GET", r"/oauth2/applications/@me", application),
        ("GET", r"/channels/(\d+)", get_channel),
        ("PATCH", r"/channels/(\d+)", edit_channel),
        ("POST", r"/channels/(\d+)/messages", create_message),
        ("GET", r"/channels/(\d+)/messages/(\d+)", get_message),
        ("POST", r"/channels/(\d+)/messages/(\d+)/threads", thread_from_message),
        ("POST", r"/channels/(\d+)/threads", forum_post),
        ("POST", r"/interactions/(\d+)/([^/]+)/callback", interaction_callback),
        ("POST", r"/webhooks/(\d+)/([^/]+)", followup),
        ("PATCH", r"/webhooks/(\d+)/([^/]+)/messages/@original", edit_original),
        ("PUT", r"/applications/(\d+)/commands", put_commands),
        ("PUT", r"/applications/(\d+)/guilds/(\d+)/commands", put_commands),
        ("GET", r"/guilds/(\d+)/roles", get_roles),
        ("GET", r"/guilds/(\d+)/threads/active", active_threads),
        ("POST", r"/guilds/(\d+)/scheduled-events", create_event),
        ("GET", r"/guilds/(\d+)/scheduled-events/(\d+)", get_event),
        ("PATCH", r"/guilds/(\d+)/scheduled-events/(\d+)", edit_event),
    ]
