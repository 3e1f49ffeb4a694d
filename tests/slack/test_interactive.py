"""Modals, buttons and message events through the real bolt app."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import load_sample
from tests.slack.conftest import block_actions
from tests.slack.test_commands import HER, slack_ctx


def submission(view: dict[str, Any], values: dict[str, Any], user: str = "UMOD") -> dict:
    return {
        "type": "view_submission",
        "team": {"id": "T1", "domain": "film"},
        "user": {"id": user, "name": user.lower(), "team_id": "T1"},
        "api_app_id": "A1",
        "token": "unused",
        "trigger_id": "trigger-x",
        "view": {**view, "id": "V1", "state": {"values": values}},
    }


def text_field(value: str | None) -> dict[str, Any]:
    return {"value": {"type": "plain_text_input", "value": value}}


def click(button: dict[str, Any], *, user: str, response_url: str) -> dict[str, Any]:
    action = {
        "type": "button",
        "action_id": button["action_id"],
        "block_id": "b1",
        "value": button["value"],
        "action_ts": "1700000200.000001",
    }
    return block_actions(action, user=user, response_url=response_url, trigger="trigger-y")


async def test_load_without_argument_opens_a_modal_and_pasted_text_is_loaded(slack):
    ack = await slack.command("load")
    assert ack == {}
    [opened] = slack.api.calls_to("views.open")
    view = opened.params["view"]
    assert opened.params["trigger_id"] == "trigger-1"
    assert view["callback_id"] == "filmclub_load"
    assert [b["block_id"] for b in view["blocks"]] == ["url", "text", "film"]
    values = {"url": text_field(None), "text": text_field(HER), "film": text_field("Her")}
    status, body = await slack.interact(submission(view, values))
    assert status == 200 and body == ""
    [answer] = slack.api.responses
    assert "Loaded document #1" in answer["text"] and "Her" in answer["text"]
    assert "Her, reviewed" in (await slack.command("docs"))["text"]


async def test_load_modal_with_nothing_shows_an_error_in_the_modal(slack):
    await slack.command("load")
    view = slack.api.calls_to("views.open")[0].params["view"]
    values = {"url": text_field(None), "text": text_field(None), "film": text_field(None)}
    status, body = await slack.interact(submission(view, values))
    answer = json.loads(body)
    assert status == 200
    assert answer["response_action"] == "errors" and "url" in answer["errors"]
    assert slack.api.responses == []


async def test_load_modal_is_not_opened_for_a_member(slack):
    text = await slack.answer("load", user="UMEM")
    assert "Only the club's moderators" in text
    assert slack.api.calls_to("views.open") == []


async def test_config_modal_is_built_from_the_settings_and_saves_changes(slack):
    from bot.club_settings import SPECS

    await slack.command("config")
    [opened] = slack.api.calls_to("views.open")
    view = opened.params["view"]
    assert view["callback_id"] == "filmclub_config"
    ids = [b.get("block_id") for b in view["blocks"] if b["type"] == "input"]
    assert set(ids) == set(SPECS) - {"auto_archive"}
    values = {
        "spoilers": {
            "value": {"type": "static_select", "selected_option": {"value": "on"}},
        },
        "timezone": text_field("Europe/Paris"),
        "kinds": {
            "value": {
                "type": "checkboxes",
                "selected_options": [{"value": "question"}, {"value": "quote"}],
            }
        },
        "max_quote_length": {"value": {"type": "number_input", "value": "600"}},
    }
    await slack.interact(submission(view, values))
    club = await slack.engine.club(slack_ctx())
    conf = await slack.engine.settings_for(club)
    assert conf.spoilers is True
    assert conf.timezone == "Europe/Paris"
    assert conf.kinds == ["question", "quote"]
    [answer] = slack.api.responses
    assert "spoilers" in answer["text"] and "timezone" in answer["text"]
    assert "max_quote_length" not in answer["text"]  # unchanged, so not set again


async def test_config_modal_submission_by_a_member_changes_nothing(slack):
    await slack.command("config")
    view = slack.api.calls_to("views.open")[0].params["view"]
    values = {"spoilers": {"value": {"type": "static_select", "selected_option": {"value": "on"}}}}
    await slack.interact(submission(view, values, user="UMEM"))
    conf = await slack.engine.settings_for(await slack.engine.club(slack_ctx()))
    assert conf.spoilers is False
    assert "Only the club's moderators" in slack.api.responses[-1]["text"]


async def test_suggestion_buttons_run_as_the_clicker(slack):
    await load_sample(slack.engine, slack_ctx())
    await slack.command('suggest "Is Her a love story?"', user="UMEM")
    ack = await slack.command("suggestions")
    buttons = [e for b in ack["blocks"] if b["type"] == "actions" for e in b["elements"]]
    approve = next(b for b in buttons if b.get("style") == "primary")
    url = f"{slack.api.url}/response/click"
    await slack.interact(click(approve, user="UMEM", response_url=url))
    assert "Only the club's moderators" in slack.api.responses[-1]["text"]
    await slack.interact(click(approve, user="UMOD", response_url=url))
    assert "Only the club's moderators" not in slack.api.responses[-1]["text"]
    preview = (await slack.command("preview questions"))["text"]
    assert "Is Her a love story?" in preview
    # The suggester hears the outcome in a direct message from the app.
    [direct] = [p for p in slack.api.posts() if p["channel"] == "UMEM"]
    assert "Is Her a love story?" in direct["text"]


def reply_event(ts: str, *, user: str = "UMEM", thread: str = "1700000000.000001", **extra):  # type: ignore[no-untyped-def]
    return {
        "type": "message",
        "channel": "C1",
        "user": user,
        "text": "a reply",
        "ts": ts,
        "thread_ts": thread,
        **extra,
    }


async def replies(slack) -> str:  # type: ignore[no-untyped-def]
    return (await slack.command("history"))["text"]


async def test_retried_event_is_counted_once(slack):
    await load_sample(slack.engine, slack_ctx())
    await slack.command("question")
    await slack.event(reply_event("1700000100.000001"), event_id="Ev1")
    status = await slack.event(reply_event("1700000100.000001"), event_id="Ev1", retry=1)
    assert status == 200
    await slack.event(reply_event("1700000100.000002", user="UMEM2"), event_id="Ev2")
    assert "2 replies, 2 participants" in await replies(slack)


async def test_bot_messages_edits_and_other_threads_are_not_counted(slack):
    await load_sample(slack.engine, slack_ctx())
    await slack.command("question")
    await slack.event(reply_event("1700000100.000001", user="UBOT"), event_id="E1")
    await slack.event(reply_event("1700000100.000002", bot_id="B2"), event_id="E2")
    await slack.event(reply_event("1700000100.000003", subtype="message_changed"), event_id="E3")
    await slack.event(reply_event("1700000100.000004", thread="1699999999.000001"), event_id="E4")
    top_level = {"type": "message", "channel": "C1", "user": "UMEM", "ts": "1700000100.5"}
    await slack.event(top_level, event_id="E5")
    assert "0 replies, 0 participants" in await replies(slack)


async def test_a_reply_broadcast_to_the_channel_counts(slack):
    await load_sample(slack.engine, slack_ctx())
    await slack.command("question")
    await slack.event(reply_event("1700000100.000001", subtype="thread_broadcast"))
    assert "1 reply, 1 participant" in await replies(slack)


async def test_spoiler_mode_keeps_the_words_inside_the_thread(slack):
    await load_sample(slack.engine, slack_ctx())
    await slack.command("config set spoilers on")
    await slack.command("quote")
    parent, inside = slack.api.posts()
    assert "warm" not in parent["text"] + json.dumps(parent["blocks"])
    assert "Spoiler" in parent["text"]
    assert "thread_ts" not in parent
    assert inside["thread_ts"] == "1700000000.000001"
    assert "We wanted the world to be warm." in inside["text"]


async def test_ping_role_mentions_the_user_group_only_when_set(slack):
    await load_sample(slack.engine, slack_ctx())
    await slack.command("question")
    assert "<!subteam^" not in slack.api.posts()[-1]["text"]
    slack.api.usergroups = [{"id": "S0PING", "handle": "film-fans", "users": []}]
    answer = (await slack.command("config set ping_role S0PING"))["text"]
    assert "ping_role" in answer
    await slack.command("question")
    post = slack.api.posts()[-1]
    assert post["text"].startswith("<!subteam^S0PING>")
    assert post["blocks"][0]["text"]["text"].startswith("<!subteam^S0PING>")


async def test_a_user_group_named_by_a_moderator_makes_moderators(slack):
    await load_sample(slack.engine, slack_ctx())
    slack.api.usergroups = [{"id": "SMODS", "users": ["UMEM"]}]
    slack.app.directory.forget()
    refused = (await slack.command("use 1", user="UMEM"))["text"]
    assert "Only the club's moderators" in refused
    await slack.command("config set moderator_roles SMODS")
    slack.app.directory.forget()
    assert "#1" in (await slack.command("use 1", user="UMEM"))["text"]
    # A workspace owner is a moderator too.
    assert "#1" in (await slack.command("use 1", user="UOWN"))["text"]


async def test_moderator_named_by_mention_is_unwrapped(slack):
    await load_sample(slack.engine, slack_ctx())
    await slack.command("config set moderator_users <@UMEM|umem>")
    assert "#1" in (await slack.command("use 1", user="UMEM"))["text"]


def test_command_text_escaped_by_slack_is_unwrapped():
    from adapters.slack.commands import unslack

    assert (
        unslack("load <https://example.com/a?b=1&amp;c=2>") == "load https://example.com/a?b=1&c=2"
    )
    assert unslack("load <https://example.com|example.com>") == "load https://example.com"
    assert unslack("config set moderator_users <@U1|ann> <@U2>") == (
        "config set moderator_users U1 U2"
    )
    assert unslack("config set log_channel <#C9|general>") == "config set log_channel C9"
    assert unslack("config set ping_role <!subteam^S7|@fans>") == "config set ping_role S7"
    assert unslack("suggest Is 1 &lt; 2?") == "suggest Is 1 < 2?"


async def test_url_verification_challenge_is_answered(slack):
    body = json.dumps({"token": "unused", "challenge": "abc123", "type": "url_verification"})
    status, text = await slack.post(body, "application/json")
    assert status == 200 and "abc123" in text


async def test_a_deleted_prompt_closes_its_thread(slack):
    await load_sample(slack.engine, slack_ctx())
    await slack.command("question")
    await slack.event(
        {
            "type": "message",
            "subtype": "message_deleted",
            "channel": "C1",
            "ts": "1700000300.000001",
            "deleted_ts": "1700000000.000001",
            "previous_message": {"type": "message", "ts": "1700000000.000001", "user": "UBOT"},
        }
    )
    assert "[deleted]" in await replies(slack)
