"""Settings select menus under ``/filmclub config show`` on Slack, through the real bolt app."""

from __future__ import annotations

from typing import Any

from adapters.slack.render import menu_blocks, parse_menu_action_id
from bot.messages import Menu
from tests.slack.conftest import block_actions
from tests.slack.test_commands import slack_ctx
from tests.slack.test_moderators import snapshot


def selects(ack: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The reply's select menus by the setting they change."""
    found = {}
    for block in ack.get("blocks") or []:
        if block["type"] != "actions":
            continue
        for element in block["elements"]:
            if element["type"] in ("static_select", "multi_static_select"):
                parsed = parse_menu_action_id(element["action_id"])
                assert parsed is not None
                found[parsed[1]["key"]] = element
    return found


def choice(element: dict[str, Any], values: list[str], *, user: str, url: str) -> dict[str, Any]:
    """A ``block_actions`` payload for choosing ``values`` in a select menu."""
    options = [o for o in element["options"] if o["value"] in values]
    action: dict[str, Any] = {
        "type": element["type"],
        "action_id": element["action_id"],
        "block_id": "menus",
        "placeholder": element["placeholder"],
        "action_ts": "1700000200.000001",
    }
    if element["type"] == "multi_static_select":
        action["selected_options"] = options
    else:
        [action["selected_option"]] = options
    return block_actions(action, user=user, response_url=url, trigger="trigger-z")


async def conf(slack):  # type: ignore[no-untyped-def]
    return await slack.engine.settings_for(await slack.engine.club(slack_ctx()))


async def test_config_show_offers_menus_with_the_current_values(slack):
    menus = selects(await slack.command("config show"))
    assert set(menus) == {"spoilers", "rotation", "kinds", "auto_archive"}
    assert menus["spoilers"]["type"] == "static_select"
    assert menus["spoilers"]["initial_option"]["value"] == "off"
    assert menus["kinds"]["type"] == "multi_static_select"
    assert [o["value"] for o in menus["kinds"]["initial_options"]] == [
        "question",
        "quote",
        "exchange",
    ]
    assert all(len(m["action_id"]) <= 255 for m in menus.values())


async def test_a_moderator_turns_spoilers_on_and_the_log_records_it(slack):
    menus = selects(await slack.command("config show"))
    url = f"{slack.api.url}/response/menu"
    await slack.interact(choice(menus["spoilers"], ["on"], user="UMOD", url=url))
    answer = slack.api.responses[-1]
    assert answer["response_type"] == "ephemeral" and answer["replace_original"] is False
    assert "spoilers" in answer["text"]
    assert (await conf(slack)).spoilers is True
    log = (await slack.command("config log"))["text"]
    assert "changed spoilers: default → on" in log


async def test_a_multiple_menu_passes_every_chosen_value(slack):
    menus = selects(await slack.command("config show"))
    url = f"{slack.api.url}/response/menu"
    await slack.interact(choice(menus["kinds"], ["question", "exchange"], user="UMOD", url=url))
    assert (await conf(slack)).kinds == ["question", "exchange"]
    menus = selects(await slack.command("config show"))
    assert [o["value"] for o in menus["kinds"]["initial_options"]] == ["question", "exchange"]


async def test_a_members_choice_is_refused_and_nothing_changes(slack, store):
    menus = selects(await slack.command("config show"))
    before = await snapshot(store)
    url = f"{slack.api.url}/response/menu"
    await slack.interact(choice(menus["spoilers"], ["on"], user="UMEM", url=url))
    answer = slack.api.responses[-1]
    assert "Only the club's moderators" in answer["text"]
    assert answer["response_type"] == "ephemeral"
    assert (await conf(slack)).spoilers is False
    assert await snapshot(store) == before


def test_menus_too_big_for_slack_are_left_out_or_trimmed():
    huge = Menu("p", "config set", (("key", "x" * 300),), "value", (("a", "a"),))
    many = Menu(
        "p" * 200,
        "config set",
        (("key", "k"),),
        "value",
        tuple((str(i), str(i)) for i in range(120)),
        ("3",),
    )
    [block] = menu_blocks((huge, many))
    [element] = block["elements"]
    assert len(element["options"]) == 100
    assert len(element["placeholder"]["text"]) == 150
    assert element["initial_option"]["value"] == "3"
