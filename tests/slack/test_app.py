"""Start-up: settings checks, HTTP mode serving signed requests, the token check, the manifest."""

from __future__ import annotations

import asyncio
import socket
import time
from importlib import resources

import aiohttp
import pytest
from slack_sdk.signature import SignatureVerifier

from adapters.slack import commands
from adapters.slack.app import build_app, run_slack
from adapters.slack.platform import make_client
from bot.settings import SettingsError, SlackSettings, load_settings
from tests.conftest import load_sample
from tests.slack.conftest import SECRET
from tests.slack.test_commands import slack_ctx


def test_half_configured_slack_fails_naming_what_is_missing():
    with pytest.raises(SettingsError, match="SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET"):
        load_settings({"SLACK_BOT_TOKEN": "xoxb-1"}, dotenv_path=None)
    with pytest.raises(SettingsError, match="SLACK_BOT_TOKEN"):
        load_settings({"SLACK_SIGNING_SECRET": "abc"}, dotenv_path=None)


async def test_build_app_refuses_settings_without_a_connection_mode(engine):
    with pytest.raises(SettingsError, match="SLACK_APP_TOKEN"):
        build_app(engine, SlackSettings(bot_token="xoxb-1"))


def test_api_url_points_the_client_elsewhere():
    client = make_client("xoxb-1", "https://slack-gov.com/api")
    assert client.base_url == "https://slack-gov.com/api/"
    assert make_client("xoxb-1").base_url == "https://slack.com/api/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_http_mode_serves_slack_events_and_verifies_the_token(engine, slack_api):
    port = free_port()
    settings = SlackSettings(
        bot_token="xoxb-test", signing_secret=SECRET, http_port=port, api_url=slack_api.url + "/api"
    )
    task = asyncio.create_task(run_slack(engine, settings))
    body = "command=%2Ffilmclub&text=help&team_id=T1&channel_id=C1&user_id=UMOD"
    ts = str(int(time.time()))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body),
    }
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(200):
                try:
                    async with http.post(
                        f"http://127.0.0.1:{port}/slack/events", data=body, headers=headers
                    ) as response:
                        answer = await response.json()
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.02)
            else:
                raise AssertionError("the HTTP server did not start")
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert "filmclub commands" in answer["text"]
    assert slack_api.methods()[0] == "auth.test"


async def test_a_refused_token_stops_start_up_with_a_clear_message(engine, slack_api):
    slack_api.script("auth.test", {"ok": False, "error": "invalid_auth"})
    settings = SlackSettings(
        bot_token="xoxb-wrong", signing_secret=SECRET, api_url=slack_api.url + "/api"
    )
    with pytest.raises(SettingsError, match="SLACK_BOT_TOKEN") as caught:
        await run_slack(engine, settings)
    assert "xoxb-wrong" not in str(caught.value)


async def test_a_quick_command_that_runs_long_is_acknowledged_then_answered(slack, monkeypatch):
    monkeypatch.setattr(commands, "ACK_BUDGET", 0.0)
    await load_sample(slack.engine, slack_ctx())
    ack = await slack.command("question")
    assert "Working on `/filmclub question`" in ack["text"]
    [answer] = slack.api.responses
    assert "qn1" in answer["text"]


async def test_an_expired_response_url_falls_back_to_an_ephemeral_post(slack, monkeypatch):
    from tests.slack.test_commands import HER

    slack.api.documents["her.txt"] = HER
    body_url = f"{slack.api.url}/nowhere"
    monkeypatch.setattr(slack, "command_body", _with_response_url(slack.command_body, body_url))
    await slack.command(f"load {slack.api.url}/doc/her.txt")
    [ephemeral] = slack.api.calls_to("chat.postEphemeral")
    assert ephemeral.params["user"] == "UMOD" and ephemeral.params["channel"] == "C1"
    assert "Loaded document #1" in ephemeral.params["text"]


def _with_response_url(make_body, url):  # type: ignore[no-untyped-def]
    from urllib.parse import parse_qsl, urlencode

    def body(text: str, user: str, channel: str) -> str:
        fields = dict(parse_qsl(make_body(text, user, channel)))
        fields["response_url"] = url
        return urlencode(fields)

    return body


def test_manifest_declares_command_scopes_events_and_socket_mode():
    text = resources.files("adapters").joinpath("slack/manifest.yml").read_text()
    assert "command: /filmclub" in text
    for scope in ("commands", "chat:write", "channels:history", "users:read", "usergroups:read"):
        assert f"- {scope}\n" in text
    for event in ("message.channels", "message.groups"):
        assert f"- {event}\n" in text
    assert "socket_mode_enabled: true" in text
    assert "interactivity:\n    is_enabled: true" in text


async def test_socket_mode_answers_a_command_over_the_websocket(engine, slack_api):
    settings = SlackSettings(
        bot_token="xoxb-test", app_token="xapp-test", api_url=slack_api.url + "/api"
    )
    task = asyncio.create_task(run_slack(engine, settings))
    try:
        await asyncio.wait_for(slack_api.connected.wait(), 10)
        envelope = {
            "envelope_id": "env-1",
            "type": "slash_commands",
            "accepts_response_payload": True,
            "payload": {
                "command": "/filmclub",
                "text": "help",
                "team_id": "T1",
                "channel_id": "C1",
                "user_id": "UMOD",
                "response_url": f"{slack_api.url}/response/1",
                "trigger_id": "trigger-1",
            },
        }
        await slack_api.sockets[0].send_json(envelope)
        reply = await asyncio.wait_for(slack_api.socket_replies.get(), 10)
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert reply["envelope_id"] == "env-1"
    assert "filmclub commands" in reply["payload"]["text"]
    [opened] = slack_api.calls_to("apps.connections.open")
    assert opened.headers["Authorization"] == "Bearer xapp-test"
