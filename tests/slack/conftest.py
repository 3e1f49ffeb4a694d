"""The real slack-bolt app behind aiohttp, fed correctly signed requests, with a fake Web API."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer
from slack_sdk.signature import SignatureVerifier

from adapters.slack.app import EVENTS_PATH, SlackApp, build_app, build_web_app
from adapters.slack.platform import make_client
from bot.engine import Engine
from bot.settings import SlackSettings
from tests.slack.fake_slack import FakeSlackApi

SECRET = "test-signing-secret"  # not a real secret: the tests sign with it
TEAM = "T1"


class SlackHarness:
    """Sends Slack's HTTP requests (commands, events, interactions) to the bolt app."""

    def __init__(self, api: FakeSlackApi, engine: Engine, app: SlackApp, http: TestClient) -> None:
        self.api = api
        self.engine = engine
        self.app = app
        self.http = http
        self._ids = itertools.count(1)
        self._stamps = itertools.count()

    # -- raw requests --------------------------------------------------------------------
    async def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str = SECRET,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        if timestamp is None:
            # Slack's own requests are never byte-identical (trigger ids, event ids): a fresh
            # timestamp per request keeps ours apart too, so the replay guard lets them in.
            timestamp = int(time.time()) - next(self._stamps) % 240
        ts = str(timestamp)
        signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature,
            **(headers or {}),
        }
        response = await self.http.post(EVENTS_PATH, data=body, headers=all_headers)
        return response.status, await response.text()

    def command_body(self, text: str, user: str, channel: str) -> str:
        n = next(self._ids)
        return urlencode(
            {
                "token": "unused",
                "team_id": TEAM,
                "team_domain": "film",
                "channel_id": channel,
                "channel_name": "film-club",
                "user_id": user,
                "user_name": user.lower(),
                "command": "/filmclub",
                "text": text,
                "api_app_id": "A1",
                "response_url": f"{self.api.url}/response/{n}",
                "trigger_id": f"trigger-{n}",
            }
        )

    # -- what a user does ----------------------------------------------------------------
    async def command(
        self, text: str, *, user: str = "UMOD", channel: str = "C1", settle: bool = True
    ) -> dict[str, Any]:
        """Run ``/filmclub text``; returns the acknowledgement's JSON (``{}`` when empty)."""
        body = self.command_body(text, user, channel)
        status, answer = await self.post(body, "application/x-www-form-urlencoded")
        assert status == 200, answer
        if settle:
            await self.settle()
        return json.loads(answer) if answer.strip().startswith("{") else {}

    async def answer(self, text: str, **kwargs: Any) -> str:
        """Everything the user saw after ``/filmclub text``: the ack and later responses."""
        before = len(self.api.responses)
        ack = await self.command(text, **kwargs)
        seen = [ack.get("text", "")] + [r.get("text", "") for r in self.api.responses[before:]]
        return "\n".join(x for x in seen if x)

    async def event(
        self, event: dict[str, Any], *, event_id: str = "Ev1", retry: int | None = None
    ) -> int:
        body = json.dumps(
            {
                "token": "unused",
                "team_id": TEAM,
                "api_app_id": "A1",
                "type": "event_callback",
                "event_id": event_id,
                "event_time": int(time.time()),
                "event": event,
            }
        )
        headers = {}
        timestamp = None
        if retry is not None:
            headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
            timestamp = int(time.time()) + retry  # Slack signs each delivery afresh
        status, _ = await self.post(body, "application/json", headers=headers, timestamp=timestamp)
        await self.settle()
        return status

    async def interact(self, payload: dict[str, Any]) -> tuple[int, str]:
        body = urlencode({"payload": json.dumps(payload)})
        status, text = await self.post(body, "application/x-www-form-urlencoded")
        await self.settle()
        return status, text

    async def settle(self, limit: float = 10.0) -> None:
        """Wait until the work bolt runs after acknowledging has finished."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            busy = [
                task
                for task in asyncio.all_tasks()
                if not task.done()
                and (
                    "run_ack_function" in task.get_coro().__qualname__
                    or task in self.app.commands.tasks
                )
            ]
            if not busy:
                return
            await asyncio.sleep(0.01)
        raise AssertionError("bolt listeners did not finish")


@pytest.fixture
async def slack_api() -> AsyncIterator[FakeSlackApi]:
    api = FakeSlackApi()
    api.add_user("UMOD", admin=True)
    api.add_user("UOWN", owner=True)
    api.add_user("UMEM")
    api.add_user("UMEM2")
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
async def make_harness(slack_api: FakeSlackApi) -> AsyncIterator[Callable[[Engine], Any]]:
    clients: list[TestClient] = []

    async def make(engine: Engine) -> SlackHarness:
        settings = SlackSettings(
            bot_token="xoxb-test-token", signing_secret=SECRET, api_url=slack_api.url + "/api"
        )
        client = make_client(settings.bot_token, settings.api_url)
        app = build_app(engine, settings, client=client)
        http = TestClient(TestServer(build_web_app(app.bolt)))
        await http.start_server()
        clients.append(http)
        return SlackHarness(slack_api, engine, app, http)

    yield make
    for http in clients:
        await http.close()


@pytest.fixture
async def slack(engine: Engine, make_harness: Callable[[Engine], Any]) -> SlackHarness:
    engine.allow_private_urls = True  # documents are served by the loopback fake
    return await make_harness(engine)


def block_actions(
    action: dict[str, Any], *, user: str, response_url: str, trigger: str
) -> dict[str, Any]:
    """A ``block_actions`` interaction payload carrying one ``action`` by ``user`` in #film-club."""
    return {
        "type": "block_actions",
        "team": {"id": "T1", "domain": "film"},
        "user": {"id": user, "name": user.lower(), "team_id": "T1"},
        "api_app_id": "A1",
        "token": "unused",
        "trigger_id": trigger,
        "container": {"type": "message", "channel_id": "C1", "is_ephemeral": True},
        "channel": {"id": "C1", "name": "film-club"},
        "response_url": response_url,
        "actions": [action],
    }
