"""A loopback server that plays Slack's Web API and response_urls, recording every call."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

JSON_FIELDS = ("blocks", "view", "attachments", "metadata")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    headers: dict[str, str]


@dataclass
class Scripted:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


class FakeSlackApi:
    """Answers ``/api/<method>`` like Slack; ``script`` queues special answers per method."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.responses: list[dict[str, Any]] = []  # what was posted to response_urls
        self.scripted: dict[str, list[Scripted]] = {}
        self.documents: dict[str, str] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self.usergroups: list[dict[str, Any]] = []
        self.bot_user_id = "UBOT"
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.url = ""
        # Socket Mode: the WebSocket Slack would hand out from apps.connections.open.
        self.sockets: list[web.WebSocketResponse] = []
        self.connected = asyncio.Event()
        self.socket_replies: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        # Posted messages by channel, oldest first (what conversations.history returns).
        self.messages: dict[str, list[dict[str, Any]]] = {}
        # Faults: reset the connection AFTER a chat.postMessage was accepted (stored), as a
        # network fault can; the next ``reset_posts`` posts, then each with ``reset_rate``.
        self.reset_posts = 0
        self.reset_rate = 0.0
        self.resets = 0
        self.random = random.Random(12)
        # Where message timestamps come from: a clock (seconds since the epoch), so that
        # ``oldest`` filters work against the bot's clock; None keeps the fixed 1700000000.N.
        self.clock: Callable[[], float] | None = None
        self._last_ts = 0.0
        # Distribution mode: the app's credentials, workspaces that can install, issued tokens.
        self.client_id = "111.222"
        self.client_secret = "test-client-secret"  # not a real secret
        self.app_id = "A1"
        self.teams: dict[str, dict[str, Any]] = {}  # OAuth code -> the installing workspace
        self.tokens: dict[str, dict[str, Any]] = {}  # bot token -> its workspace
        self.refresh_tokens: dict[str, str] = {}  # refresh token -> team id
        self.revoked: set[str] = set()
        self.rotation = False  # issue expiring tokens with refresh tokens
        self.expires_in = 43200  # of the token an install grants
        self.refreshed_expires_in = 43200  # of a token a refresh grants
        self.views: list[Call] = []  # views.publish calls
        self._tokens = itertools.count(1)

    # -- set-up --------------------------------------------------------------------------
    def add_user(self, user_id: str, *, admin: bool = False, owner: bool = False) -> None:
        self.users[user_id] = {
            "id": user_id,
            "name": user_id.lower(),
            "is_admin": admin,
            "is_owner": owner,
            "profile": {"display_name": f"{user_id.lower()}-name"},
        }

    def add_team(self, team_id: str, name: str, code: str, *, installer: str = "UMOD") -> None:
        """A workspace whose install approval hands the bot ``code`` (for oauth.v2.access)."""
        self.teams[code] = {"id": team_id, "name": name, "installer": installer}

    def issue_token(self, team_id: str, name: str, *, refreshed: bool = False) -> dict[str, Any]:
        n = next(self._tokens)
        token = f"xoxb-{team_id}-{n}"
        self.tokens[token] = {"team_id": team_id, "team": name}
        grant: dict[str, Any] = {"access_token": token}
        if self.rotation:
            refresh = f"xoxe-1-{team_id}-{n}"
            self.refresh_tokens[refresh] = team_id
            expires = self.refreshed_expires_in if refreshed else self.expires_in
            grant.update(refresh_token=refresh, expires_in=expires)
        return grant

    def revoke_team(self, team_id: str) -> None:
        """What Slack does on uninstall: every token of the workspace stops working."""
        for token, info in self.tokens.items():
            if info["team_id"] == team_id:
                self.revoked.add(token)

    def token_of(self, call: Call) -> str | None:
        """The bearer token a call was made with."""
        auth = next((v for k, v in call.headers.items() if k.lower() == "authorization"), "")
        if auth.startswith("Bearer "):
            return auth[len("Bearer ") :]
        token = call.params.get("token")
        return str(token) if token else None

    def team_of(self, call: Call) -> str | None:
        info = self.tokens.get(self.token_of(call) or "")
        return info["team_id"] if info else None

    def script(
        self, method: str, body: dict[str, Any], *, status: int = 200, **headers: str
    ) -> None:
        self.scripted.setdefault(method, []).append(Scripted(status, body, dict(headers)))

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self.api)
        app.router.add_post("/response/{token}", self.response_url)
        app.router.add_get("/doc/{name}", self.document)
        app.router.add_get("/link", self.socket)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        for ws in self.sockets:
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- queries -------------------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def methods(self) -> list[str]:
        return [c.method for c in self.calls]

    def posts(self) -> list[dict[str, Any]]:
        return [c.params for c in self.calls_to("chat.postMessage")]

    def channel_messages(self, channel: str) -> list[dict[str, Any]]:
        """Messages at the top of a channel (not thread replies), oldest first."""
        return [m for m in self.messages.get(channel, []) if m.get("thread_ts") in (None, m["ts"])]

    # -- handlers ------------------------------------------------------------------------
    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.can_read_body:
            params.update({k: v for k, v in (await request.post()).items()})
        for key in JSON_FIELDS:
            if isinstance(params.get(key), str):
                try:
                    params[key] = json.loads(params[key])
                except ValueError:
                    pass
        call = Call(method, params, dict(request.headers))
        self.calls.append(call)
        queue = self.scripted.get(method)
        if queue:
            answer = queue.pop(0)
            return web.json_response(answer.body, status=answer.status, headers=answer.headers)
        if method == "oauth.v2.access":
            return web.json_response(self.oauth_access(call))
        token = self.token_of(call)
        if token in self.revoked:
            return web.json_response({"ok": False, "error": "token_revoked"})
        if method == "views.publish":
            self.views.append(call)
        if method == "auth.test" and token in self.tokens:
            info = self.tokens[token]
            return web.json_response(
                {
                    "ok": True,
                    "url": f"https://{info['team'].lower()}.slack.com/",
                    "team": info["team"],
                    "user": "filmclub",
                    "team_id": info["team_id"],
                    "user_id": self.bot_user_id,
                    "bot_id": f"B{info['team_id']}",
                    "app_id": self.app_id,
                }
            )
        body = self.default(method, params)
        if method == "chat.postMessage" and body.get("ok") and self._reset_now():
            self.resets += 1
            assert request.transport is not None
            request.transport.abort()  # accepted and stored, but the answer never arrives
            raise ConnectionResetError("reset after accepting the post")
        return web.json_response(body)

    def _reset_now(self) -> bool:
        if self.reset_posts > 0:
            self.reset_posts -= 1
            return True
        return self.reset_rate > 0 and self.random.random() < self.reset_rate

    def oauth_access(self, call: Call) -> dict[str, Any]:
        """oauth.v2.access: exchange an install code, or a refresh token (token rotation)."""
        auth = next((v for k, v in call.headers.items() if k.lower() == "authorization"), "")
        expected = f"{self.client_id}:{self.client_secret}".encode()
        if auth != "Basic " + base64.b64encode(expected).decode():
            return {"ok": False, "error": "invalid_client_id"}
        if call.params.get("grant_type") == "refresh_token":
            team_id = self.refresh_tokens.pop(str(call.params.get("refresh_token")), None)
            if team_id is None:
                return {"ok": False, "error": "invalid_refresh_token"}
            name = next(i["team"] for i in self.tokens.values() if i["team_id"] == team_id)
            grant = self.issue_token(team_id, name, refreshed=True)
            return {"ok": True, "token_type": "bot", "team": {"id": team_id}, **grant}
        team = self.teams.pop(str(call.params.get("code")), None)
        if team is None:
            return {"ok": False, "error": "invalid_code"}
        grant = self.issue_token(team["id"], team["name"])
        return {
            "ok": True,
            "app_id": self.app_id,
            "authed_user": {"id": team["installer"]},
            "scope": "commands,chat:write",
            "token_type": "bot",
            "bot_user_id": self.bot_user_id,
            "team": {"id": team["id"], "name": team["name"]},
            "enterprise": None,
            "is_enterprise_install": False,
            **grant,
        }

    def default(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://film.slack.com/",
                "team": "Film",
                "user": "filmclub",
                "team_id": "T1",
                "user_id": self.bot_user_id,
                "bot_id": "BBOT",
            }
        if method == "chat.postMessage":
            ts = self._next_ts()
            message: dict[str, Any] = {"type": "message", "user": self.bot_user_id, "ts": ts}
            for key in ("text", "blocks", "thread_ts", "metadata"):
                if params.get(key) is not None:
                    message[key] = params[key]
            self.messages.setdefault(str(params.get("channel")), []).append(message)
            shown = {k: v for k, v in message.items() if k != "metadata"}
            return {"ok": True, "channel": params.get("channel"), "ts": ts, "message": shown}
        if method == "conversations.history":
            return self.history(params)
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"1700000001.{next(self._ts):06d}"}
        if method == "users.info":
            user = self.users.get(str(params.get("user")))
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method == "usergroups.list":
            return {"ok": True, "usergroups": self.usergroups}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "VHOME", **(params.get("view") or {})}}
        if method == "views.open":
            return {"ok": True, "view": {"id": "V1", **(params.get("view") or {})}}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.url.replace("http://", "ws://") + "/link"}
        if method == "conversations.info":
            return {"ok": True, "channel": {"id": params.get("channel")}}
        return {"ok": True}

    def _next_ts(self) -> str:
        if self.clock is None:
            return f"1700000000.{next(self._ts):06d}"
        self._last_ts = max(self.clock(), self._last_ts + 0.000001)
        return f"{self._last_ts:.6f}"

    def history(self, params: dict[str, Any]) -> dict[str, Any]:
        """Newest first, from ``oldest`` (exclusive), paged by ``limit`` and ``cursor``;
        metadata only with ``include_all_metadata``, as Slack does."""
        channel = str(params.get("channel"))
        oldest = float(params.get("oldest") or 0)
        found = [m for m in reversed(self.channel_messages(channel)) if float(m["ts"]) > oldest]
        start = int(params.get("cursor") or 0)
        limit = int(params.get("limit") or 100)
        page = found[start : start + limit]
        if str(params.get("include_all_metadata")).lower() not in ("1", "true"):
            page = [{k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(found)
        return {
            "ok": True,
            "messages": page,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    async def socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1})
        self.connected.set()
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                await self.socket_replies.put(json.loads(message.data))
        return ws

    async def response_url(self, request: web.Request) -> web.Response:
        self.responses.append(await request.json())
        return web.Response(text="ok")

    async def document(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in self.documents:
            return web.Response(status=404)
        return web.Response(text=self.documents[name], content_type="text/plain")
