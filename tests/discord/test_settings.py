"""Settings on Discord: select menus under config show and the settings modal."""

from __future__ import annotations

from typing import Any

import discord

from adapters.discord.components import (
    SETTINGS_BUTTON,
    parse_menu_id,
    reply_view,
)
from adapters.discord.settings_form import FIELDS, MODAL_ID
from bot.messages import Action, Menu
from tests.discord.conftest import mod_context
from tests.discord.fake_discord import GUILD_ID
from tests.discord.payloads import (
    CHANNEL_ID,
    button_interaction,
    modal_submit_interaction,
    select_interaction,
)
from tests.discord.test_moderators import snapshot

MEMBER = "600000000000000050"
SELECT, BUTTON, MODAL = 3, 2, 9


def components(shown: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for s in shown for row in s.get("components") or [] for c in row["components"]]


def menu_for(shown: list[dict[str, Any]], key: str) -> dict[str, Any]:
    [menu] = [
        c for c in components(shown) if c["type"] == SELECT and f"key={key}" in c["custom_id"]
    ]
    return menu


async def settings(harness) -> Any:  # type: ignore[no-untyped-def]
    return await harness.engine.settings_for(await harness.engine.club(mod_context()))


async def choose(harness, menu: dict[str, Any], values: list[str], **kw: Any):  # type: ignore[no-untyped-def]
    payload = await harness.feed(select_interaction(menu["custom_id"], values, **kw))
    return harness.responses(payload)


async def test_config_show_offers_menus_with_the_current_values_and_the_modal_button(harness):
    shown = await harness.run("config show", moderator=True)
    rows = [row for s in shown for row in s.get("components") or []]
    assert len(rows) <= 5
    selects = [c for c in components(shown) if c["type"] == SELECT]
    assert len(selects) == 4
    assert all(len(c["custom_id"]) <= 100 for c in components(shown))
    spoilers = menu_for(shown, "spoilers")
    assert [(o["value"], o.get("default", False)) for o in spoilers["options"]] == [
        ("on", False),
        ("off", True),
    ]
    kinds = menu_for(shown, "kinds")
    assert kinds["max_values"] == 3 and all(o.get("default") for o in kinds["options"])
    [button] = [c for c in components(shown) if c["type"] == BUTTON]
    assert button["custom_id"] == SETTINGS_BUTTON and button["label"] == "Edit settings…"


async def test_a_moderator_turns_spoilers_on_from_the_menu_and_the_log_records_it(harness):
    shown = await harness.run("config show", moderator=True)
    answer = await choose(harness, menu_for(shown, "spoilers"), ["on"], moderator=True)
    assert answer[0]["ephemeral"]
    assert "spoilers" in harness.text(answer) and "on" in harness.text(answer)
    assert (await settings(harness)).spoilers is True
    log = harness.text(await harness.run("config log", moderator=True))
    assert "changed spoilers: default → on" in log


async def test_a_multiple_menu_passes_every_chosen_value(harness):
    shown = await harness.run("config show", moderator=True)
    await choose(harness, menu_for(shown, "kinds"), ["question", "quote"], moderator=True)
    assert (await settings(harness)).kinds == ["question", "quote"]


async def test_a_members_menu_choice_is_refused_and_nothing_changes(harness, store):
    shown = await harness.run("config show", moderator=True)
    before = await snapshot(store)
    answer = await choose(harness, menu_for(shown, "spoilers"), ["on"], user_id=MEMBER)
    assert answer[0]["ephemeral"]
    assert "Only the club's moderators" in harness.text(answer)
    assert "/filmclub-mod config set" in harness.text(answer)
    assert (await settings(harness)).spoilers is False
    assert await snapshot(store) == before


async def test_a_choice_on_a_forgotten_menu_says_it_expired(harness):
    answer = harness.responses(
        await harness.feed(select_interaction("filmclub-menu:#gone", ["on"], moderator=True))
    )
    assert answer[0]["ephemeral"] and "expired" in answer[0]["content"]


def modal_callbacks(harness, payload: dict[str, Any]) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    return [
        c
        for c in harness.fake.callbacks
        if c["interaction_id"] == payload["id"] and c["type"] == MODAL
    ]


async def open_modal(harness, **kw: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:  # type: ignore[no-untyped-def]
    payload = await harness.feed(button_interaction(SETTINGS_BUTTON, **kw))
    return payload, modal_callbacks(harness, payload)


def prefilled(modal: dict[str, Any]) -> dict[str, str | None]:
    return {
        c["component"]["custom_id"]: c["component"].get("value")
        for c in modal["data"]["components"]
    }


async def test_the_settings_button_opens_a_modal_of_five_prefilled_fields(harness, fake):
    fake.roles[GUILD_ID].append({"id": "555000000000000000", "name": "Film fans"})
    await harness.run(
        "config set", {"key": "ping_role", "value": "<@&555000000000000000>"}, moderator=True
    )
    _, [modal] = await open_modal(harness, moderator=True)
    assert modal["data"]["custom_id"] == MODAL_ID
    assert len(modal["data"]["components"]) == 5
    assert all(len(c["label"]) <= 45 for c in modal["data"]["components"])
    assert prefilled(modal) == {
        "timezone": "UTC",
        "max_quote_length": "600",
        "log_channel": None,
        "prompt_channel": None,
        "ping_role": "555000000000000000",
    }
    assert tuple(prefilled(modal)) == FIELDS


async def submit(harness, fields: dict[str, str], **kw: Any) -> str:  # type: ignore[no-untyped-def]
    payload = await harness.feed(modal_submit_interaction(MODAL_ID, fields, **kw))
    shown = harness.responses(payload)
    assert all(s["ephemeral"] for s in shown)
    return harness.text(shown)


async def test_the_modal_saves_valid_fields_and_reports_a_bad_time_zone(harness):
    text = await submit(
        harness,
        {
            "timezone": "Mars/Olympus_Mons",
            "max_quote_length": "300",
            "log_channel": f"<#{CHANNEL_ID}>",
            "prompt_channel": "",
            "ping_role": "",
        },
        moderator=True,
    )
    conf = await settings(harness)
    assert conf.max_quote_length == 300 and conf.log_channel == CHANNEL_ID
    assert conf.timezone == "UTC"
    saved, refused = text.split("Not saved:")
    assert "max_quote_length" in saved and "log_channel" in saved
    assert "Mars/Olympus_Mons" in refused and "time zone" in refused
    log = harness.text(await harness.run("config log", moderator=True))
    assert "max_quote_length" in log and "log_channel" in log and "timezone" not in log


async def test_an_emptied_field_goes_back_to_its_default_and_unchanged_ones_are_left(harness):
    await harness.run("config set", {"key": "max_quote_length", "value": "300"}, moderator=True)
    await harness.run("config set", {"key": "timezone", "value": "Europe/Paris"}, moderator=True)
    text = await submit(
        harness, {"timezone": "Europe/Paris", "max_quote_length": ""}, moderator=True
    )
    conf = await settings(harness)
    assert conf.max_quote_length == 600 and conf.timezone == "Europe/Paris"
    assert "max_quote_length" in text and "timezone" not in text
    assert "Nothing changed" in await submit(harness, {"timezone": "Europe/Paris"}, moderator=True)


async def test_a_channel_or_role_may_be_given_by_name(harness, fake):
    from tests.discord.fake_discord import TEXT
    from tests.discord.payloads import guild_create

    fake.roles[GUILD_ID].append({"id": "555000000000000000", "name": "Film fans"})
    guild = guild_create([{**fake.channels[CHANNEL_ID], "type": TEXT, "position": 0}])
    guild["roles"].append(
        {
            "id": "555000000000000000",
            "name": "Film fans",
            "permissions": "0",
            "position": 1,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": True,
        }
    )
    harness.bot._connection.parse_guild_create(guild)  # type: ignore[attr-defined]
    await harness.settle()
    await submit(harness, {"log_channel": "#film-club", "ping_role": "@film fans"}, moderator=True)
    conf = await settings(harness)
    assert conf.log_channel == CHANNEL_ID and conf.ping_role == "555000000000000000"


async def test_a_member_gets_no_modal_and_a_submission_changes_nothing(harness, store):
    await harness.run("help", user_id=MEMBER)  # the club exists from the first contact
    before = await snapshot(store)
    payload, modals = await open_modal(harness, user_id=MEMBER)
    assert modals == []
    assert "Only the club's moderators" in harness.text(harness.responses(payload))
    text = await submit(harness, {"max_quote_length": "300"}, user_id=MEMBER)
    assert "Only the club's moderators" in text and "/filmclub-mod config set" in text
    assert await snapshot(store) == before


def test_menus_share_the_five_rows_with_buttons_and_long_ids_are_stored():
    store: dict[str, Any] = {}
    menus = tuple(
        Menu(f"menu {i}", "config set", (("key", f"k{i}" * 40),), "value", (("a", "a"),))
        for i in range(6)
    )
    actions = tuple(Action(f"b{i}", "approve", (("suggestion", str(i)),)) for i in range(7))
    view = reply_view(actions, menus, store)
    assert view is not None
    rows = {item.row for item in view.children}
    assert max(rows) == 4  # 3 menus, then 7 buttons on two rows
    selects = [i for i in view.children if isinstance(i, discord.ui.Select)]
    assert len(selects) == 3
    assert all(len(i.custom_id) <= 100 for i in view.children)  # type: ignore[attr-defined]
    command, args, option = parse_menu_id(selects[0].custom_id, store)  # type: ignore[misc]
    assert (command, args, option) == ("config set", {"key": "k0" * 40}, "value")


def test_a_menu_shows_at_most_25_choices():
    store: dict[str, Any] = {}
    choices = tuple((f"c{i}", f"c{i}") for i in range(30))
    view = reply_view((), (Menu("many", "x", (), "v", choices, ("c3",), multiple=True),), store)
    [select] = view.children  # type: ignore[union-attr]
    assert len(select.options) == 25 and select.max_values == 25  # type: ignore[attr-defined]
