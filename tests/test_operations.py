"""Operations on a real `filmclub run` process: health, readiness, metrics, JSON logs, signals."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest
from slack_sdk.signature import SignatureVerifier

from tests.slack.fake_slack import FakeSlackApi

BOT_TOKEN = "xoxb-1234-5678-opsTESTtokenValue"  # shaped like a token so scrubbing is tested
SIGNING = "ops-signing-secret-value-42"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def start_bot(tmp_path: Path, **env: str) -> asyncio.subprocess.Process:
    full = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'club.db'}",
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "adapters.cli",
        "run",
        cwd=tmp_path,
        env=full,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return response.status, await response.text()


async def wait_for_status(url: str, status: int, within: float = 20.0) -> str:
    deadline = time.monotonic() + within
    last = None
    while time.monotonic() < deadline:
        try:
            got, body = await get(url)
            last = (got, body)
            if got == status:
                return body
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError(f"{url} never answered {status}: last {last}")


async def stop(process: asyncio.subprocess.Process, within: float = 10.0) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    started = time.monotonic()
    _, err = await asyncio.wait_for(process.communicate(), within + 5)
    elapsed = time.monotonic() - started
    assert elapsed < within, f"shutdown took {elapsed:.1f} s"
    return process.returncode, err.decode()


@pytest.fixture
async def fake_slack():
    api = FakeSlackApi()
    api.add_user("UMEM")
    await api.start()
    yield api
    await api.stop()


def slack_env(api: FakeSlackApi, port: int, **extra: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING,
        "SLACK_API_URL": api.url + "/api",
        "SLACK_HTTP_PORT": str(port),
        **extra,
    }


async def signed_command(port: int, text: str) -> int:
    body = urlencode(
        {
            "command": "/filmclub",
            "text": text,
            "team_id": "T1",
            "team_domain": "film",
            "channel_id": "C1",
            "user_id": "UMEM",
            "response_url": "http://127.0.0.1:1/none",
            "trigger_id": "1.2.3",
        }
    )
    ts = str(int(time.time()))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(SIGNING).generate_signature(timestamp=ts, body=body),
    }
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"http://127.0.0.1:{port}/slack/events", data=body, headers=headers) as r,
    ):
        return r.status


async def test_slack_http_mode_serves_health_metrics_and_stops_cleanly_on_sigterm(
    tmp_path, fake_slack
):
    port = free_port()
    bot = await start_bot(
        tmp_path, **slack_env(fake_slack, port, LOG_FORMAT="json", LOG_LEVEL="DEBUG")
    )
    try:
        base = f"http://127.0.0.1:{port}"
        await wait_for_status(base + "/readyz", 200)
        assert (await get(base + "/healthz"))[0] == 200
        assert await signed_command(port, "help") == 200
        status, page = await get(base + "/metrics")
        assert status == 200
        assert 'filmclub_command_seconds_count{command="help"} 1.0' in page
        assert 'filmclub_platform_ready{platform="slack"} 1.0' in page
        read = re.search(r'filmclub_db_query_seconds_count\{operation="read"\} (\S+)', page)
        assert read and float(read.group(1)) > 0  # the database was queried and timed
        assert "filmclub_scheduled_slots" in page
        assert "T1" not in page and "UMEM" not in page  # no workspace or user ids in labels
        assert (await healthcheck(tmp_path, **slack_env(fake_slack, port)))[0] == 0
    finally:
        code, err = await stop(bot)
    assert code == 0, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines, "a debug run logs something"
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    assert all({"time", "level", "logger", "message"} <= e.keys() for e in entries)
    assert any(e.get("command") == "help" and e.get("platform") == "slack" for e in entries) or any(
        "help" in e["message"] for e in entries
    )
    assert BOT_TOKEN not in err and SIGNING not in err and "opsTESTtoken" not in err
    assert any("stop requested" in e["message"] for e in entries)


async def test_unreachable_platform_is_retried_while_health_answers_and_not_ready(tmp_path):
    ops, dead = free_port(), free_port()  # nothing listens on `dead`
    bot = await start_bot(
        tmp_path,
        DISCORD_TOKEN="discord-token-secret-value",
        DISCORD_API_BASE_URL=f"http://127.0.0.1:{dead}",
        FILMCLUB_HTTP_PORT=str(ops),
        LOG_LEVEL="INFO",
    )
    try:
        base = f"http://127.0.0.1:{ops}"
        await wait_for_status(base + "/healthz", 200)
        body = await wait_for_status(base + "/readyz", 503)
        assert "discord" in body
        await asyncio.sleep(1.5)  # at least one retry
    finally:
        code, err = await stop(bot)
    assert code == 0, err
    assert "cannot be reached" in err and "retrying" in err
    assert "Traceback" not in err
    assert "discord-token-secret-value" not in err


async def healthcheck(tmp_path: Path, **env: str) -> tuple[int, str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "adapters.cli",
        "healthcheck",
        cwd=tmp_path,
        env={**full, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    return proc.returncode or 0, (out + err).decode()


async def test_healthcheck_command_fails_when_nothing_answers(tmp_path):
    code, text = await healthcheck(tmp_path, FILMCLUB_HTTP_PORT=str(free_port()))
    assert code == 1 and "unhealthy" in text and "Traceback" not in text


async def test_a_second_signal_exits_at_once(tmp_path):
    ops, dead = free_port(), free_port()
    bot = await start_bot(
        tmp_path,
        DISCORD_TOKEN="discord-token-secret-value",
        DISCORD_API_BASE_URL=f"http://127.0.0.1:{dead}",
        FILMCLUB_HTTP_PORT=str(ops),
    )
    await wait_for_status(f"http://127.0.0.1:{ops}/healthz", 200)
    bot.send_signal(signal.SIGTERM)
    bot.send_signal(signal.SIGTERM)
    await asyncio.wait_for(bot.wait(), 5)
    assert bot.returncode is not None


async def test_a_refused_token_stops_start_up_with_one_line_naming_the_variable(
    tmp_path, fake_slack
):
    fake_slack.script("auth.test", {"ok": False, "error": "invalid_auth"})
    bot = await start_bot(tmp_path, **slack_env(fake_slack, free_port()))
    _, err = await asyncio.wait_for(bot.communicate(), 20)
    text = err.decode()
    assert bot.returncode == 2
    assert "SLACK_BOT_TOKEN" in text and "Traceback" not in text
    assert text.strip().splitlines()[-1].startswith("filmclub: SLACK_BOT_TOKEN was refused")
    assert BOT_TOKEN not in text


async def test_health_reports_a_database_that_does_not_answer(tmp_path):
    from bot.health import Health
    from bot.store import open_store

    store = await open_store(str(tmp_path / "club.db"))
    health = Health(lambda: store.db.fetchone("SELECT 1"), ["slack"])
    assert (await health.live())[0] is True
    assert health.ready() == (False, "waiting for slack")
    health.platform_ready("slack")
    assert health.ready()[0] is True
    await store.close()
    ok, detail = await health.live()
    assert ok is False and "database" in detail


def test_log_scrubber_removes_secrets_tokens_and_url_passwords():
    import logging

    from adapters.logs import Scrubber

    scrub = Scrubber(["my-signing-secret"]).scrub
    line = scrub(
        "sig my-signing-secret tok xoxb-99-88-abcdefABC url postgresql://bot:hunter2pass@db:5432/x"
    )
    assert "my-signing-secret" not in line and "xoxb-99" not in line and "hunter2pass" not in line
    assert "postgresql://bot:[redacted]@db:5432/x" in line
    record = logging.LogRecord(
        "x", logging.INFO, "f", 1, "token %s", ("xoxb-1-2-secretpart",), None
    )
    Scrubber([]).filter(record)
    assert "secretpart" not in record.getMessage()
