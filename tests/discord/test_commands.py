"""The /filmclub command group: built from the registry, synced, answered, autocompleted."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import adapters.discord.commands as discord_commands
from adapters.discord.app import FilmclubBot
from bot.commands.spec import Command, Option, OptionType, Registry
from bot.engine import Engine
from bot.i18n import catalog, t
from bot.messages import Action, Message, Reply
from bot.settings import DiscordSettings
from tests.discord.conftest import TOKEN, Harness, load_club_sample
from tests.discord.fake_discord import GUILD_ID, PUBLIC_THREAD
from tests.discord.payloads import (
    ATTACHMENT,
    CHANNEL_ID,
    attachment,
    button_interaction,
    command_interaction,
)

SUBCOMMAND, GROUP, STRING, INTEGER = 1, 2, 3, 4


async def synced_commands(fake, engine: Engine, guild_id: int | None) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    bot = FilmclubBot(engine, DiscordSettings(token=TOKEN, guild_id=guild_id), sync_on_start=True)
    await bot.login(TOKEN)  # setup_hook syncs
    await bot.close()
    return fake.commands[str(guild_id) if guild_id else "global"]


def roots_of(synced: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in synced}


async def test_every_registry_command_is_a_typed_subcommand_of_its_root(fake, discord_engine):
    roots = roots_of(await synced_commands(fake, discord_engine, int(GUILD_ID)))
    assert fake.requests("PUT", rf"/applications/\d+/guilds/{GUILD_ID}/commands")
    assert sorted(roots) == ["filmclub", "filmclub-mod"]
    for command in discord_engine.registry:
        root = roots["filmclub-mod" if command.moderator else "filmclub"]
        children = {c["name"]: c for c in root["options"]}
        if command.group:
            group = children[command.group]
            assert group["type"] == GROUP
            sub = {c["name"]: c for c in group["options"]}[command.leaf]
        else:
            sub = children[command.name]
        assert sub["type"] == SUBCOMMAND
        assert sub["description"] == t(command.help)[:100] or len(sub["description"]) <= 100
        options = {o["name"]: o for o in sub.get("options", [])}
        for option in command.options:
            got = options[option.name]
            assert len(got["description"]) <= 100
            if option.choices:
                assert [c["value"] for c in got["choices"]] == list(option.choices)
            if option.type in (OptionType.ITEM, OptionType.DOCUMENT):
                assert got["autocomplete"] is True
            if option.type is OptionType.INTEGER:
                assert got["type"] == INTEGER
            if option.type is not OptionType.SOURCE:
                assert got["required"] is option.required
        required_seen_optional = False
        for got in sub.get("options", []):
            assert not (required_seen_optional and got["required"]), "required options come first"
            required_seen_optional = required_seen_optional or not got["required"]
    mod_children = {c["name"]: c for c in roots["filmclub-mod"]["options"]}
    load = {o["name"]: o for o in mod_children["load"]["options"]}
    assert load["source"]["type"] == STRING and not load["source"]["required"]
    assert load["file"]["type"] == ATTACHMENT


def leaves(root: dict[str, Any]) -> set[str]:
    names = set()
    for child in root["options"]:
        if child["type"] == GROUP:
            names.update(f"{child['name']} {c['name']}" for c in child["options"])
        else:
            names.add(child["name"])
    return names


async def test_moderator_commands_are_hidden_from_members_by_default(fake, discord_engine):
    roots = roots_of(await synced_commands(fake, discord_engine, int(GUILD_ID)))
    members, moderators = roots["filmclub"], roots["filmclub-mod"]
    # Discord hides a command whose default member permissions a member lacks; 32 is
    # Manage Server. The members' command has none, so everyone sees it.
    assert moderators["default_member_permissions"] == "32"
    assert members.get("default_member_permissions") is None
    for root in (members, moderators):
        assert root["contexts"] == [0] and root["integration_types"] == [0]
        assert root["dm_permission"] is False
    registry = list(discord_engine.registry)
    assert leaves(members) == {c.name for c in registry if not c.moderator}
    assert leaves(moderators) == {c.name for c in registry if c.moderator}
    assert {"help", "preview", "history", "suggest"} <= leaves(members)
    assert {"load", "use", "config set", "schedule add", "approve"} <= leaves(moderators)


async def test_without_a_test_guild_commands_are_synced_globally(fake, discord_engine):
    roots = roots_of(await synced_commands(fake, discord_engine, None))
    assert sorted(roots) == ["filmclub", "filmclub-mod"]
    assert fake.requests("PUT", r"^/api/v10/applications/\d+/commands$")


async def test_replies_are_ephemeral_and_ping_nobody(harness):
    [shown] = await harness.run("help")
    assert shown["ephemeral"] and not shown["deferred"]
    assert "/filmclub preview" in shown["content"]
    assert shown["allowed_mentions"] == {"parse": []}


async def test_item_and_document_autocomplete_come_from_the_engine(harness, fake, discord_engine):
    await load_club_sample(discord_engine)
    payload = await harness.feed(command_interaction("discuss", {"item": "qn"}, focused="item"))
    callback = harness.callback(payload)
    assert callback["type"] == 8
    values = [c["value"] for c in callback["data"]["choices"]]
    assert values == ["qn1", "qn2"]
    assert all(len(c["name"]) <= 100 for c in callback["data"]["choices"])
    payload = await harness.feed(
        command_interaction("use", {"document": "test"}, focused="document", moderator=True)
    )
    [choice] = harness.callback(payload)["data"]["choices"]
    assert choice == {"name": "#1 A test review", "value": "1"}


async def test_outside_a_server_the_bot_says_where_it_works(harness):
    [shown] = await harness.run("help", guild_id=None)
    assert shown["ephemeral"] and "server" in shown["content"]


async def test_load_takes_an_attachment_and_defers_first(harness, fake):
    text = (
        b"Her, a review\n\nTheodore: How many others?\nSamantha: 641.\n\n"
        b'"We wanted the world to be warm," said Spike Jonze.\n\nIs Samantha\'s love real?\n'
    )
    fake.files["her.txt"] = text
    url = f"{fake.url}/cdn/attachments/1/2/her.txt"
    resolved = {"attachments": {"42": attachment("42", "her.txt", url, len(text))}}
    shown = await harness.run(
        "load", {"file": (ATTACHMENT, "42")}, moderator=True, resolved=resolved
    )
    payload_callbacks = fake.callbacks[-1]
    assert payload_callbacks["type"] == 5 and payload_callbacks["data"]["flags"] == 64
    assert shown[0]["deferred"] and shown[0]["ephemeral"]
    assert "Loaded document #1" in shown[0]["content"]


async def test_load_refuses_an_attachment_over_the_size_limit(harness, fake, discord_engine):
    discord_engine.max_document_bytes = 1024
    url = f"{fake.url}/cdn/attachments/1/2/big.pdf"
    resolved = {"attachments": {"43": attachment("43", "big.pdf", url, 5 * 1024 * 1024)}}
    shown = await harness.run(
        "load", {"file": (ATTACHMENT, "43")}, moderator=True, resolved=resolved
    )
    assert "largest document" in harness.text(shown)
    assert not fake.requests("GET", r"^/cdn/")


async def test_load_without_file_or_url_explains(harness):
    shown = await harness.run("load", moderator=True)
    assert "URL" in harness.text(shown)


async def test_a_command_in_a_thread_posts_in_the_parent_channel(harness, fake, discord_engine):
    await load_club_sample(discord_engine)
    await harness.run("question")
    [thread] = fake.threads()
    assert thread["type"] == PUBLIC_THREAD
    await harness.run("question", channel=thread)
    assert len(fake.posted(CHANNEL_ID)) == 2
    assert not fake.posted(thread["id"])


# -- a registry of test commands: deferral and buttons ------------------------------------------
def custom_engine(store, clock, seen: list[Any]) -> Engine:  # type: ignore[no-untyped-def]
    registry = Registry()

    async def slowish(engine, ctx, args):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.3)
        return Reply.text("done late", private=False)

    async def offer(engine, ctx, args):  # type: ignore[no-untyped-def]
        return Reply(
            Message.text("Suggestion 7 by Grace"),
            actions=(
                Action("Approve", "approve", (("suggestion", "7"),), "primary"),
                Action("Reject", "reject", (("suggestion", "7"), ("note", "x" * 120)), "danger"),
            ),
        )

    async def decide(engine, ctx, args):  # type: ignore[no-untyped-def]
        seen.append((ctx.actor.user_id, dict(args)))
        return Reply.text(f"decided {args['suggestion']}")

    registry.add(Command("later", "help.help", slowish, public=True))
    registry.add(Command("offer", "help.help", offer))
    registry.add(
        Command(
            "approve",
            "help.help",
            decide,
            options=(Option("suggestion", OptionType.INTEGER, "option.limit", required=True),),
        )
    )
    registry.add(
        Command(
            "reject",
            "help.help",
            decide,
            options=(
                Option("suggestion", OptionType.INTEGER, "option.limit", required=True),
                Option("note", OptionType.STRING, "option.limit"),
            ),
        )
    )
    return Engine(store, clock=clock, registry=registry)


@pytest.fixture
async def custom(fake, store, clock):  # type: ignore[no-untyped-def]
    seen: list[Any] = []
    engine = custom_engine(store, clock, seen)
    bot = FilmclubBot(engine, DiscordSettings(token=TOKEN), sync_on_start=False, retry_delay=0.01)
    engine.attach(bot.platform)
    await bot.login(TOKEN)
    yield Harness(bot, fake, engine), seen
    await bot.close()


async def test_a_command_that_outlasts_two_seconds_is_deferred(custom, monkeypatch):
    harness, _ = custom
    monkeypatch.setattr(discord_commands, "DEFER_AFTER", 0.05)
    [shown] = await harness.run("later")
    assert shown["deferred"] and not shown["ephemeral"], "a public command defers publicly"
    assert shown["content"] == "done late"


async def test_reply_buttons_run_their_action_as_the_member_who_clicks(custom, fake):
    harness, seen = custom
    [shown] = await harness.run("offer")
    buttons = [b for row in shown["components"] for b in row["components"]]
    assert [b["label"] for b in buttons] == ["Approve", "Reject"]
    assert [b["style"] for b in buttons] == [1, 4]
    assert all(len(b["custom_id"]) <= 100 for b in buttons)
    for button in buttons:
        payload = await harness.feed(
            button_interaction(button["custom_id"], user_id="600000000000000077")
        )
        assert harness.responses(payload)[0]["content"] == "decided 7"
    assert seen == [
        ("600000000000000077", {"suggestion": 7}),
        ("600000000000000077", {"suggestion": 7, "note": "x" * 120}),
    ]


async def test_buttons_of_other_apps_are_left_alone(custom, fake):
    harness, seen = custom
    payload = await harness.feed(button_interaction("someone-else:1"))
    assert not [c for c in fake.callbacks if c["interaction_id"] == payload["id"]]
    assert seen == []


async def test_descriptions_are_localized_from_the_bot_catalogs(fake, discord_engine, monkeypatch):
    french = {"help.preview": "Montrer les éléments trouvés", "option.kind": "Quoi publier"}
    monkeypatch.setattr(discord_commands, "languages", lambda: ["en", "fr"])
    monkeypatch.setattr(
        discord_commands, "catalog", lambda lang: french if lang == "fr" else catalog("en")
    )
    roots = roots_of(await synced_commands(fake, discord_engine, int(GUILD_ID)))
    preview = {c["name"]: c for c in roots["filmclub"]["options"]}["preview"]
    assert preview["description_localizations"]["fr"] == "Montrer les éléments trouvés"
    assert preview["options"][0]["description_localizations"]["fr"] == "Quoi publier"
    assert "name_localizations" not in preview or not preview["name_localizations"]


async def test_a_long_rate_limit_is_reported_instead_of_blocking(harness, fake, discord_engine):
    await load_club_sample(discord_engine)
    fake.fail(
        "POST",
        r"/channels/\d+/messages$",
        429,
        {"message": "You are being rate limited.", "retry_after": 120.0, "global": False},
        headers={"Via": "1.1 google"},
    )
    shown = await harness.run("question")
    assert "rate-limiting" in harness.text(shown) and "120" in harness.text(shown)


async def test_roles_and_channels_in_settings_must_exist_on_the_server(harness, fake):
    shown = await harness.run(
        "config set", {"key": "ping_role", "value": "<@&404000000000000000>"}, moderator=True
    )
    assert "can't find" in harness.text(shown) and "404000000000000000" in harness.text(shown)
    fake.roles[GUILD_ID].append({"id": "555", "name": "Film fans"})
    ok = await harness.run("config set", {"key": "ping_role", "value": "<@&555>"}, moderator=True)
    gone = await harness.run(
        "config set", {"key": "log_channel", "value": "<#123456789012345678>"}, moderator=True
    )
    assert harness.text(ok) != harness.text(shown)
    assert "can't find" in harness.text(gone) and "123456789012345678" in harness.text(gone)
    log = await harness.run("config log", moderator=True)
    assert "ping_role" in harness.text(log) and "log_channel" not in harness.text(log)


async def test_a_command_in_a_forum_post_makes_a_new_post_in_that_forum(
    harness, fake, discord_engine
):
    from tests.discord.payloads import FORUM_ID

    await load_club_sample(discord_engine, FORUM_ID)
    await harness.run("question", channel=fake.channels[FORUM_ID])
    [post] = fake.threads()
    await harness.run("question", channel=post)
    assert len(fake.requests("POST", rf"^/api/v10/channels/{FORUM_ID}/threads$")) == 2


async def test_a_button_whose_action_was_forgotten_says_it_expired(custom, fake):
    harness, seen = custom
    payload = await harness.feed(button_interaction("filmclub:#unknown-token"))
    [shown] = harness.responses(payload)
    assert shown["ephemeral"] and "expired" in shown["content"]
    assert seen == []


async def test_load_takes_a_url(harness, fake, discord_engine):
    discord_engine.allow_private_urls = True  # the "web" here is the loopback fake
    fake.files["review.txt"] = (
        b"A review\n\nIs Samantha's love real?\nWhy does Theodore write letters?\n"
    )
    shown = await harness.run("load", {"source": f"{fake.url}/cdn/review.txt"}, moderator=True)
    assert shown[0]["deferred"]
    assert "Loaded document #1" in harness.text(shown)
