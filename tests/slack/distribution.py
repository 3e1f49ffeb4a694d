"""Distribution mode in tests: the bolt app with OAuth, installs through its pages, team requests."""

from __future__ import annotations

import itertools
import json
import re
import time
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from aiohttp.test_utils import TestClient

from bot.settings import SlackSettings
from tests.slack.conftest import SECRET, SlackHarness
from tests.slack.fake_slack import FakeSlackApi

COOKIE = "slack-app-oauth-state"


def distribution_settings(api: FakeSlackApi, **extra: Any) -> SlackSettings:
    return SlackSettings(
        signing_secret=SECRET,
        api_url=api.url + "/api",
        client_id=api.client_id,
        client_secret=api.client_secret,
        **extra,
    )


async def start_install(http: TestClient) -> tuple[str, str, str]:
    """Open the install page: (page html, the Add to Slack link, the state it carries)."""
    response = await http.get("/slack/install")
    assert response.status == 200
    page = await response.text()
    match = re.search(r"href='([^']+oauth/v2/authorize[^']*)'", page)
    assert match, page
    url = match.group(1).replace("&amp;", "&")
    state = parse_qs(urlsplit(url).query)["state"][0]
    http.session.cookie_jar.clear()  # the test plays the browser: it sends the cookie itself
    return page, url, state


async def finish_install(
    http: TestClient, *, state: str, cookie: str | None = None, **query: str
) -> tuple[int, str]:
    """Slack sends the browser back to the redirect URL with ``query`` (code or error)."""
    params = urlencode({**query, "state": state})
    headers = {"Cookie": f"{COOKIE}={cookie if cookie is not None else state}"}
    response = await http.get(f"/slack/oauth_redirect?{params}", headers=headers)
    return response.status, await response.text()


async def install(harness: SlackHarness, team_id: str, name: str) -> str:
    """Install the app into ``team_id`` through the real pages; returns the success page."""
    code = f"code-{team_id}"
    harness.api.add_team(team_id, name, code)
    _, _, state = await start_install(harness.http)
    status, page = await finish_install(harness.http, state=state, code=code)
    assert status == 200, page
    return page


_TRIGGERS = itertools.count(1)


async def team_command(
    harness: SlackHarness, team_id: str, text: str, *, user: str = "UMOD", channel: str = "C1"
) -> dict[str, Any]:
    body = urlencode(
        {
            "team_id": team_id,
            "team_domain": team_id.lower(),
            "channel_id": channel,
            "channel_name": "film-club",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/filmclub",
            "text": text,
            "api_app_id": "A1",
            "response_url": f"{harness.api.url}/response/{team_id}",
            "trigger_id": f"trigger-{next(_TRIGGERS)}",  # unique per command, as Slack's are
        }
    )
    status, answer = await harness.post(body, "application/x-www-form-urlencoded")
    assert status == 200, answer
    await harness.settle()
    return json.loads(answer) if answer.strip().startswith("{") else {"text": answer}


async def team_event(harness: SlackHarness, team_id: str, event: dict[str, Any]) -> int:
    body = json.dumps(
        {
            "team_id": team_id,
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": f"Ev{time.monotonic_ns()}",
            "event_time": int(time.time()),
            "event": event,
        }
    )
    status, _ = await harness.post(body, "application/json")
    await harness.settle()
    return status
