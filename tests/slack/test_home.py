"""The Home tab through the real bolt app: what moderators and members see, its buttons, refresh."""

from __future__ import annotations

import json
from typing import Any

import pytest

from adapters.slack import home as home_module
from adapters.slack.home import MAX_BLOCKS, home_view
from bot.home import Overview
from tests.conftest import load_sample
from tests.slack.conftest import SlackHarness
from tests.slack.test_commands import slack_ctx

pytestmark = pytest.mark.backends  # installations and the Home read the store


async def open_home(slack: SlackHarness, user: str) -> dict[str, Any]:
    """``user`` opens the app's Home tab; returns the view published for them."""
    before = len(slack.api.views)
    event = {"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"}
    assert await slack.event(event, event_id=f"Ev-home-{user}-{before}") == 200
    published = [c for c in slack.api.views[before:] if c.params["user_id"] == user]
    assert published, "no views.publish for " + user
    return published[-1].params["view"]


def texts(view: dict[str, Any]) -> str:
    """Every piece of text of a view, joined (sections, contexts, headers, buttons)."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                out.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(view["blocks"])
    return "\n".join(out)


def buttons(view: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for block in view["blocks"]:
        if block["type"] == "actions":
            found.extend(block["elements"])
        if block.get("accessory", {}).get("type") == "button":
            found.append(block["accessory"])
    return found


def button(view: dict[str, Any], label: str) -> dict[str, Any]:
    return next(b for b in buttons(view) if b["text"]["text"] == label)


def home_click(action: dict[str, Any], *, user: str) -> dict[str, Any]:
    """A ``block_actions`` payload from a button in the Home tab (no channel, no response_url)."""
    return {
        "type": "block_actions",
        "team": {"id": "T1", "domain": "film"},
        "user": {"id": user, "name": user.lower(), "team_id": "T1"},
        "api_app_id": "A1",
        "token": "unused",
        "trigger_id": "trigger-home",
        "container": {"type": "view", "view_id": "VHOME"},
        "view": {"id": "VHOME", "type": "home"},
        "actions": [{**action, "block_id": "b", "type": "button", "action_ts": "1"}],
    }


async def club_with_activity(slack: SlackHarness) -> None:
    await load_sample(slack.engine, slack_ctx())
    await slack.command("question")
    await slack.command('suggest "Is Her a love story?"', user="UMEM")
    await slack.command('schedule add "fridays 19:00" question')


async def test_a_moderator_sees_the_club_with_buttons(slack):
    await club_with_activity(slack)
    view = await open_home(slack, "UMOD")
    text = texts(view)
    assert view["type"] == "home" and len(view["blocks"]) <= MAX_BLOCKS
    assert "<#C1>: *A test review* (Her)" in text
    assert "Left to post: 2 quotes, 1 exchange, 1 question" in text
    assert (
        "#1 fridays 19:00: a question in <#C1>" in text
        and "Next run: Fri 2026-11-20 19:00 UTC" in text
    )
    assert "has not run yet" in text
    assert "`qn1` in <#C1>: 0 replies, 0 participants" in text
    assert "*#1* by umem-name: Is Her a love story?" in text
    labels = {b["text"]["text"] for b in buttons(view)}
    assert {"Approve", "Reject", "Pause", "Post a quote now", "Post an exchange now"} <= labels
    # Every Home call used the workspace's token.
    [call] = [c for c in slack.api.views if c.params["user_id"] == "UMOD"]
    assert slack.api.token_of(call) == "xoxb-test-token"


async def test_a_member_sees_prompts_with_thread_links_and_their_own_suggestions(slack):
    await club_with_activity(slack)
    reply = {"type": "message", "channel": "C1", "user": "UMEM2", "text": "a reply"}
    await slack.event({**reply, "ts": "1700000100.000001", "thread_ts": "1700000000.000001"})
    view = await open_home(slack, "UMEM")
    text = texts(view)
    assert "`qn1` in <#C1>: 1 reply, 1 participant" in text
    assert "<https://film.slack.com/archives/C1/p1700000000000001|open the thread>" in text
    assert "*#1* “Is Her a love story?”: waiting for a moderator" in text
    assert buttons(view) == []
    assert "Suggestions waiting" not in text and "Schedules" not in text
    other = texts(await open_home(slack, "UMEM2"))
    assert "You have not suggested a question yet" in other


async def test_a_members_click_on_a_moderator_button_changes_nothing(slack):
    await club_with_activity(slack)
    approve = button(await open_home(slack, "UMOD"), "Approve")
    pause = button(await open_home(slack, "UMOD"), "Pause")
    post = button(await open_home(slack, "UMOD"), "Post a quote now")
    posts_before = len(slack.api.posts())
    for action in (approve, pause, post):
        await slack.interact(home_click(action, user="UMEM"))
    club = await slack.engine.club_of("slack", "T1")
    [pending] = await slack.engine.store.moderation.pending_suggestions(club.id)
    assert pending.number == 1
    [schedule] = await slack.engine.store.schedules.list(club.id)
    assert schedule.status == "active"
    answers = slack.api.posts()[posts_before:]
    assert [p["channel"] for p in answers] == ["UMEM"] * 3  # only refusals, to the clicker
    assert all("Only the club's moderators" in p["text"] for p in answers)


async def test_a_moderator_approves_from_home_and_sees_it_refreshed(slack):
    await club_with_activity(slack)
    approve = button(await open_home(slack, "UMOD"), "Approve")
    before = len(slack.api.views)
    await slack.interact(home_click(approve, user="UMOD"))
    club = await slack.engine.club_of("slack", "T1")
    assert await slack.engine.store.moderation.pending_suggestions(club.id) == []
    mine = [c for c in slack.api.views[before:] if c.params["user_id"] == "UMOD"]
    assert mine and "No suggestion is waiting." in texts(mine[-1].params["view"])
    told = [p for p in slack.api.posts() if p["channel"] == "UMOD"]
    assert "Suggestion #1 approved: it is question qn3." in told[-1]["text"]


async def test_post_now_and_pause_buttons_act_for_a_moderator(slack):
    await club_with_activity(slack)
    view = await open_home(slack, "UMOD")
    await slack.interact(home_click(button(view, "Post a quote now"), user="UMOD"))
    quote = [p for p in slack.api.posts() if p["channel"] == "C1"][-1]
    assert "We wanted the world to be warm." in quote["text"]
    await slack.interact(home_click(button(view, "Pause"), user="UMOD"))
    club = await slack.engine.club_of("slack", "T1")
    [schedule] = await slack.engine.store.schedules.list(club.id)
    assert schedule.status == "paused"
    refreshed = await open_home(slack, "UMOD")
    assert "Resume" in {b["text"]["text"] for b in buttons(refreshed)}


async def test_a_forged_home_button_runs_nothing(slack):
    await club_with_activity(slack)
    forged = {
        "action_id": "filmclub_home:x",
        "value": json.dumps({"c": "config set", "a": {"key": "language", "value": "fr"}}),
    }
    await slack.interact(home_click(forged, user="UMOD"))
    club = await slack.engine.club_of("slack", "T1")
    assert (await slack.engine.settings_for(club)).language == "en"


async def test_home_is_refreshed_for_recent_viewers_when_a_prompt_is_posted(slack, monkeypatch):
    await club_with_activity(slack)
    slack.app.home.debounce = 1.0  # longer than the two commands take
    await open_home(slack, "UMOD")
    await open_home(slack, "UMEM")
    before = len(slack.api.views)
    await slack.command("quote", settle=False)
    await slack.command("exchange")  # two changes in a burst: one refresh each
    await slack.settle()
    refreshed = sorted(c.params["user_id"] for c in slack.api.views[before:])
    assert refreshed == ["UMEM", "UMOD"]
    latest = [c for c in slack.api.views[before:] if c.params["user_id"] == "UMEM"][-1]
    assert "`ex1`" in texts(latest.params["view"])


async def test_refreshing_is_bounded_to_the_latest_viewers(slack, monkeypatch):
    monkeypatch.setattr(home_module, "REFRESH_BATCH", 3)
    await club_with_activity(slack)
    slack.app.home.debounce = 0
    for n in range(6):
        slack.app.home.seen("T1", f"UVIEW{n}")
    before = len(slack.api.views)
    await slack.command("quote")
    refreshed = [c.params["user_id"] for c in slack.api.views[before:]]
    assert refreshed == ["UVIEW5", "UVIEW4", "UVIEW3"]


async def test_viewers_are_forgotten_after_a_while_and_the_list_is_capped(slack):
    home = slack.app.home
    now = [1000.0]
    home.clock = lambda: now[0]
    for n in range(home_module.MAX_VIEWERS + 10):
        home.seen("T9", f"U{n}")
    assert len(home.recent("T9")) == home_module.MAX_VIEWERS
    now[0] += home_module.VIEWER_SECONDS + 1
    assert home.recent("T9") == []


async def test_long_lists_are_cut_with_and_n_more(slack):
    await load_sample(slack.engine, slack_ctx())
    for n in range(14):  # members may suggest 5 each in 10 minutes: three people suggest
        user = ("UMEM", "UMEM2", "UMOD")[n % 3]
        await slack.command(f'suggest "Question number {n}?"', user=user)
    view = await open_home(slack, "UMOD")
    assert len(view["blocks"]) <= MAX_BLOCKS
    assert "…and 4 more." in texts(view)


def test_a_full_view_stays_within_slacks_block_limit():
    from bot.models import Kind
    from bot.store.home import ActiveChannel
    from bot.store.moderation import Suggestion
    from bot.store.records import Document

    doc = Document(1, 1, 1, "T" * 300, "F", "src", "h", "2026-01-01T00:00:00Z")
    channel = ActiveChannel(1, "C1", None, doc, {k: 1 for k in Kind})
    suggestion = Suggestion(1, 1, 1, None, "q" * 500, "U1", None, "pending", None, None, None, "")
    from bot.home import ScheduleLine

    line = ScheduleLine(1, "active", "daily", "a quote", "C1", "src", "active", "next", "last")
    data = Overview(
        True,
        "en",
        (),
        500,
        channels=(channel,) * 50,
        channels_more=5,
        schedules=(line,) * 50,
        schedules_more=5,
        pending=(suggestion,) * 50,
        pending_more=5,
    )
    view = home_view(data)
    assert len(view["blocks"]) == MAX_BLOCKS
    assert "and more than fits here" in texts(view)


async def test_loading_a_document_refreshes_the_home_of_a_moderator_who_looks(slack):
    slack.app.home.debounce = 0
    view = await open_home(slack, "UMOD")
    assert "No channel has a document yet" in texts(view)
    before = len(slack.api.views)
    await load_sample(slack.engine, slack_ctx(channel="C5"))
    await slack.settle()
    [refreshed] = slack.api.views[before:]
    assert "<#C5>: *A test review* (Her)" in texts(refreshed.params["view"])
