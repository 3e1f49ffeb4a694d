"""A whole screening on Slack: the real bolt app, signed button clicks, the fake Web API."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from bot.engine import Engine
from tests.conftest import load_sample
from tests.screenings.helpers import drive, scheduler_for, slots
from tests.slack.test_commands import slack_ctx
from tests.slack.test_interactive import click, reply_event

T0 = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=UTC)


def press(button: dict[str, Any], user: str, url: str, n: int) -> dict[str, Any]:
    """A click on the button (each click its own request: Slack refuses exact replays)."""
    payload = click(button, user=user, response_url=url)
    payload["trigger_id"] = f"trigger-rsvp-{n}"
    payload["actions"][0]["action_ts"] = f"1700000200.{n:06d}"
    return payload


def rsvp_button(params: dict[str, Any]) -> dict[str, Any] | None:
    for block in params.get("blocks") or []:
        if block.get("type") == "actions":
            for element in block["elements"]:
                if '"rsvp"' in element.get("value", ""):
                    return element
    return None


async def start(slack, clock, *settings: str):  # type: ignore[no-untyped-def]
    clock.current = T0
    await load_sample(slack.engine, slack_ctx())
    for line in ("timezone Europe/London", *settings):
        await slack.command(f"config set {line}")
    scheduler = scheduler_for(slack.engine)
    answer = await slack.answer('screening add "2026-10-22 19:00" 1 "Room 2"')
    assert "Screening #1 added: Her, Thu 2026-10-22 19:00 BST" in answer, answer
    assert await drive(scheduler, clock, T0) == [T0]
    return scheduler


async def test_a_screening_on_slack_from_announcement_to_recap(slack, clock):
    scheduler = await start(slack, clock)
    [announcement] = [p for p in slack.api.posts() if rsvp_button(p)]
    assert "Thu 2026-10-22 19:00 BST · Room 2" in announcement["text"]
    button = rsvp_button(announcement)
    assert button is not None and button["text"]["text"] == "I'm in ✋ (0)"

    # Members press the button: the count updates in place; pressing again takes it back.
    url = f"{slack.api.url}/response/click"
    for n, (user, expected) in enumerate((("UMEM", 1), ("UMEM2", 2), ("UMEM", 1), ("UMEM", 2))):
        await slack.interact(press(button, user, url, n))
        update = slack.api.calls_to("chat.update")[-1].params
        assert update["ts"] == "1700000000.000001" and update["channel"] == "C1"
        assert rsvp_button(update)["text"]["text"] == f"I'm in ✋ ({expected})"
        assert f"{expected} said they're in" in update["text"]
    assert "You're in for screening #1 (Her); 2 coming." in slack.api.responses[-1]["text"]
    listing = (await slack.command("screening list", user="UMEM"))["text"]
    assert "2 coming" in listing

    # A click that is not signed by Slack changes nothing.
    before = len(slack.api.calls_to("chat.update"))
    body = urlencode({"payload": json.dumps(press(button, "UMEM", url, 9))})
    status, _ = await slack.post(body, "application/x-www-form-urlencoded", secret="wrong")
    assert status == 401
    assert len(slack.api.calls_to("chat.update")) == before

    # Reminders by count only: no mention of anyone.
    await drive(scheduler, clock, utc(22, 18))
    reminders = [p for p in slack.api.posts() if "starts in" in p["text"]]
    assert len(reminders) == 2
    for post in reminders:
        assert "2 said they're in" in post["text"] and "<@" not in json.dumps(post)

    # The arc: an opening message and its thread; prompts in that thread; replies counted.
    await drive(scheduler, clock, utc(23, 20))
    opening = [p for p in slack.api.posts() if "Let's talk about Her" in p["text"]][0]
    thread_posts = [p for p in slack.api.posts() if p.get("thread_ts")]
    assert thread_posts and all(p["thread_ts"] != "" for p in thread_posts)
    thread_ts = thread_posts[0]["thread_ts"]
    assert opening["channel"] == "C1"
    await slack.event(reply_event("1700000300.000001", thread=thread_ts), event_id="Ev1")
    await slack.event(
        reply_event("1700000300.000002", user="UMEM2", thread=thread_ts), event_id="Ev2"
    )

    # A restart in the middle of the arc: a new process on the same database.
    fresh = Engine(slack.engine.store, clock=clock)
    fresh_scheduler = scheduler_for(fresh)
    fresh.attach(slack.app.platform)
    posts_before = len(slack.api.posts())
    assert await drive(fresh_scheduler, clock, utc(23, 21)) == []
    assert len(slack.api.posts()) == posts_before
    fired = await drive(fresh_scheduler, clock, utc(29, 0))
    assert fired == [utc(24, 18), utc(25, 19), utc(26, 19), utc(27, 19), utc(28, 19)]

    # The recap: a Block Kit message of counts, with a link to the liveliest prompt.
    recap = slack.api.posts()[-1]
    assert recap["channel"] == "C1" and "thread_ts" not in recap
    text = json.dumps(recap["blocks"])
    assert "Recap of screening #1: Her" in text
    assert "Prompts: 5" in text and "Replies: 2" in text and "Participants: 2" in text
    assert "https://slack.com/archives/C1/p" in text
    assert [s.status for s in await slots(fresh, platform="slack", workspace="T1")] == [
        "posted"
    ] * 9


async def test_cancel_on_slack_tells_each_member_who_was_coming_and_removes_the_button(
    slack, clock
):
    await start(slack, clock)
    [announcement] = [p for p in slack.api.posts() if rsvp_button(p)]
    button = rsvp_button(announcement)
    url = f"{slack.api.url}/response/click"
    await slack.interact(press(button, "UMEM", url, 1))
    answer = await slack.answer("screening cancel 1", user="UMEM")
    assert "Only the club's moderators" in answer
    answer = await slack.answer("screening cancel 1")
    assert "1 had said they were coming; 1 told by direct message" in answer
    [direct] = [p for p in slack.api.posts() if p["channel"] == "UMEM"]
    assert "that you said you'd come to is cancelled" in direct["text"]
    update = slack.api.calls_to("chat.update")[-1].params
    assert rsvp_button(update) is None and "This screening is off" in update["text"]
    await slack.interact(press(button, "UMEM2", url, 2))
    assert "not taking answers" in slack.api.responses[-1]["text"]
