"""HTTP mode refuses an exact replay of a signed request, and malformed timestamps, with 401."""

from __future__ import annotations

import time

from slack_sdk.signature import SignatureVerifier

from adapters.slack.app import EVENTS_PATH
from tests.slack.conftest import SECRET


def signed(body: str, ts: str) -> dict[str, str]:
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body),
    }


async def test_an_exact_replay_within_five_minutes_gets_401(slack):
    body = slack.command_body("help", "UMEM", "C1")
    now = int(time.time())
    headers = signed(body, str(now))
    first = await slack.http.post(EVENTS_PATH, data=body, headers=headers)
    await slack.settle()
    replay = await slack.http.post(EVENTS_PATH, data=body, headers=headers)
    await slack.settle()
    assert first.status == 200
    assert "filmclub" in await first.text()
    assert replay.status == 401
    assert "filmclub" not in await replay.text()
    # A fresh signature over the same body (Slack's own retry) is still served.
    again = await slack.http.post(EVENTS_PATH, data=body, headers=signed(body, str(now - 1)))
    assert again.status == 200


async def test_a_forged_request_does_not_use_up_the_real_one(slack):
    body = slack.command_body("help", "UMEM", "C1")
    ts = str(int(time.time()))
    good = signed(body, ts)
    forged = {**good, "X-Slack-Signature": "v0=" + "0" * 64}
    assert (await slack.http.post(EVENTS_PATH, data=body, headers=forged)).status == 401
    assert (await slack.http.post(EVENTS_PATH, data=body, headers=good)).status == 200


async def test_a_non_numeric_timestamp_is_refused_not_a_server_error(slack):
    body = slack.command_body("help", "UMEM", "C1")
    for ts in ("abc", "¹²³", "1e9", "", "-5", "9" * 40):
        headers = signed(body, ts)
        response = await slack.http.post(EVENTS_PATH, data=body, headers=headers)
        assert response.status == 401, ts
