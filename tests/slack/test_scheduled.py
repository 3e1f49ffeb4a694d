"""Scheduled posts on Slack through the real client and the fake Web API: exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from adapters.slack.platform import METADATA_EVENT, SlackPlatform, make_client
from adapters.slack.workspaces import Workspaces
from bot.engine import Engine
from bot.messages import Message
from bot.platform import OutcomeUnknown, TransientError
from bot.scheduler import Scheduler, nonce_for
from tests.conftest import context, load_sample
from tests.scheduler.conftest import add
from tests.slack.fake_slack import FakeSlackApi

SLOT = datetime(2026, 11, 20, 19, 0, tzinfo=UTC)


@pytest.fixture
def platform(slack_api: FakeSlackApi) -> SlackPlatform:
    return SlackPlatform(Workspaces.of(make_client("xoxb-test-token", slack_api.url + "/api")))


async def test_a_post_with_a_nonce_carries_it_in_its_metadata_and_is_found(slack_api, platform):
    slack_api.clock = lambda: SLOT.timestamp()
    ref = await platform.post_message("C1", Message.text("Is love real?"), nonce="fc1.99")
    await platform.post_message("C1", Message.text("Another"), nonce="fc2.99")
    [call, _] = slack_api.calls_to("chat.postMessage")
    assert call.params["metadata"] == {
        "event_type": METADATA_EVENT,
        "event_payload": {"nonce": "fc1.99"},
    }
    since = SLOT - timedelta(minutes=5)
    assert await platform.find_post("C1", "fc1.99", since) == ref
    assert await platform.find_post("C1", "fc3.99", since) is None
    assert await platform.find_post("C1", "fc1.99", SLOT + timedelta(minutes=1)) is None
    [history, *_] = slack_api.calls_to("conversations.history")
    assert str(history.params["include_all_metadata"]).lower() in ("1", "true")


async def test_a_post_without_a_nonce_has_no_metadata(slack_api, platform):
    await platform.post_message("C1", Message.text("hello"))
    [call] = slack_api.calls_to("chat.postMessage")
    assert "metadata" not in call.params


async def test_the_lookup_reads_past_a_page_of_history(slack_api, platform):
    slack_api.clock = lambda: SLOT.timestamp()
    await platform.post_message("C1", Message.text("the slot"), nonce="fc7.1")
    for n in range(450):  # the channel went on talking
        slack_api.messages["C1"].append(
            {"type": "message", "ts": f"{SLOT.timestamp() + n + 1:.6f}"}
        )
    found = await platform.find_post("C1", "fc7.1", SLOT - timedelta(minutes=1))
    assert found is not None
    assert len(slack_api.calls_to("conversations.history")) == 3


async def test_a_reset_after_the_post_was_accepted_is_not_retried_by_the_sdk(slack_api, platform):
    slack_api.reset_posts = 1
    with pytest.raises(OutcomeUnknown):
        await platform.post_message("C1", Message.text("once"), nonce="fc1.5")
    assert len(slack_api.calls_to("chat.postMessage")) == 1
    assert len(slack_api.channel_messages("C1")) == 1  # it was made: the answer was lost


async def test_reads_are_still_retried_after_a_reset(slack_api, platform):
    slack_api.reset_posts = 1
    with pytest.raises(TransientError):
        await platform.post_message("C1", Message.text("x"))
    assert await platform.channel_exists("T1", "C1")  # a read: not affected


async def test_a_scheduled_post_whose_answer_was_lost_is_found_not_posted_again(
    store, clock, slack_api, platform
):
    slack_api.clock = lambda: clock.current.timestamp()
    engine = Engine(store, clock=clock)
    engine.attach(platform)
    mod = context(platform="slack", workspace="T1")
    await load_sample(engine, mod)
    await add(engine, mod, "daily 19:00")
    scheduler = Scheduler(engine)
    slack_api.reset_posts = 1
    clock.current = SLOT
    await scheduler.tick()
    await scheduler.drain()
    [message] = slack_api.channel_messages("C1")
    assert message["metadata"]["event_payload"]["nonce"] == nonce_for(1, SLOT)
    club = await engine.club_of("slack", "T1")
    schedule = await engine.store.schedules.get(club.id, 1)
    assert schedule is not None
    [run] = await engine.store.schedules.runs(schedule.id)
    assert (run.status, run.message_id, run.item_short_id) == ("posted", message["ts"], "qn1")
    assert len(slack_api.calls_to("chat.postMessage")) == 1
    assert len(slack_api.calls_to("conversations.history")) == 1


async def test_in_distribution_mode_the_lookup_uses_the_clubs_workspace_token(
    engine, clock, slack_api
):
    from aiohttp.test_utils import TestClient, TestServer

    from adapters.slack.app import build_app, build_web_app
    from tests.slack.conftest import SlackHarness
    from tests.slack.distribution import distribution_settings, install

    app = build_app(engine, distribution_settings(slack_api))
    http = TestClient(TestServer(build_web_app(app.bolt, oauth=app.oauth)))
    await http.start_server()
    try:
        harness = SlackHarness(slack_api, engine, app, http)
        await install(harness, "T1", "Film")
        await install(harness, "T2", "Cinema")
        slack_api.clock = lambda: clock.current.timestamp()
        mod = context(platform="slack", workspace="T2")
        await load_sample(engine, mod)
        await add(engine, mod, "daily 19:00")
        scheduler = Scheduler(engine)
        slack_api.reset_posts = 1
        clock.current = SLOT
        await scheduler.tick()
        await scheduler.drain()
    finally:
        await http.close()
    [message] = slack_api.channel_messages("C1")
    [lookup] = slack_api.calls_to("conversations.history")
    [post] = slack_api.calls_to("chat.postMessage")
    assert slack_api.team_of(lookup) == slack_api.team_of(post) == "T2"
    assert message["metadata"]["event_payload"]["nonce"] == nonce_for(1, SLOT)
