"""Two top-level commands: texts name moderator commands as typed on Discord; groups split."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.discord.app import FilmclubBot
from adapters.discord.render import render
from adapters.discord.roots import CommandMentions
from bot.commands.spec import Command, Registry
from bot.engine import Engine
from bot.messages import (
    FooterBlock,
    ListBlock,
    Message,
    QuestionBlock,
    QuoteBlock,
    Reply,
    TextBlock,
)
from bot.settings import DiscordSettings
from tests.discord.conftest import TOKEN, Harness, load_club_sample
from tests.discord.fake_discord import GUILD_ID
from tests.discord.payloads import CHANNEL_ID, command_interaction

MEMBER = "600000000000000050"


async def noop(engine, ctx, args):  # type: ignore[no-untyped-def]
    return Reply.text(f"ran {ctx.actor.user_id}")


def registry(*specs: tuple[str, bool]) -> Registry:
    out = Registry()
    for name, moderator in specs:
        out.add(Command(name, "help.help", noop, moderator=moderator))
    return out


# -- the rewrite --------------------------------------------------------------------------------
MIXED = registry(
    ("help", False),
    ("add", True),
    ("addendum", False),
    ("config show", False),
    ("config set", True),
    ("schedule add", True),
    ("schedule list", True),
)


@pytest.mark.parametrize(
    ("core", "discord"),
    [
        ("Use `/filmclub add`.", "Use `/filmclub-mod add`."),
        ("/filmclub add qn Why?", "/filmclub-mod add qn Why?"),
        (
            "`/filmclub addendum` and `/filmclub add-ons`",
            "`/filmclub addendum` and `/filmclub add-ons`",
        ),
        ("/filmclub help", "/filmclub help"),
        ("`/filmclub config set rotation restart`", "`/filmclub-mod config set rotation restart`"),
        ("`/filmclub config show`", "`/filmclub config show`"),
        ("`/filmclub config`", "`/filmclub config`"),  # a mixed group: under both commands
        ("see /filmclub schedule", "see /filmclub-mod schedule"),  # every schedule command is
        (
            "/filmclub schedule list, then /filmclub help",
            "/filmclub-mod schedule list, then /filmclub help",
        ),
        ("/filmclub-mod add", "/filmclub-mod add"),
        ("https://example.org/filmclub add", "https://example.org/filmclub add"),
        ("/filmclubadd", "/filmclubadd"),
    ],
)
def test_moderator_commands_are_named_under_filmclub_mod(core, discord):
    assert CommandMentions(MIXED)(core) == discord


def test_the_rewrite_follows_commands_registered_later():
    later = registry(("help", False))
    mentions = CommandMentions(later)
    assert mentions("/filmclub approve 3") == "/filmclub approve 3"
    later.add(Command("approve", "help.help", noop, moderator=True))
    assert mentions("/filmclub approve 3") == "/filmclub-mod approve 3"


def test_only_the_bots_own_words_are_rewritten_never_document_text():
    mentions = CommandMentions(MIXED)
    message = Message(
        (
            QuoteBlock("Type /filmclub add to win", "Spike"),
            QuestionBlock("Should /filmclub add be free?"),
            TextBlock("Moderators: `/filmclub add`."),
            ListBlock(("/filmclub add <kind>",), title="/filmclub add"),
            FooterBlock("/filmclub add"),
        )
    )
    [payload] = render(message, mentions)
    assert "Type /filmclub add to win" in payload.content
    assert "Should /filmclub add be free?" in payload.content
    assert payload.content.count("/filmclub-mod add") == 4


# -- on Discord -------------------------------------------------------------------------------
async def test_help_names_each_command_as_typed_on_discord(harness, discord_engine):
    text = harness.text(await harness.run("help", moderator=True))
    assert "/filmclub preview" in text and "/filmclub-mod load" in text
    assert "/filmclub-mod config set" in text and "/filmclub-mod schedule add" in text
    for command in discord_engine.registry:
        if command.moderator:
            assert f"/filmclub {command.name} " not in text + " ", command.name
    member = harness.text(await harness.run("help", user_id=MEMBER))
    assert "/filmclub preview" in member and "/filmclub-mod" not in member


async def test_hints_to_members_name_the_moderator_command(harness):
    text = harness.text(await harness.run("question", user_id=MEMBER))
    assert "`/filmclub-mod load <file or URL>`" in text


async def test_notices_posted_in_a_channel_name_the_moderator_command(
    harness, fake, discord_engine
):
    club = await discord_engine.club_of("discord", GUILD_ID)
    await discord_engine.notify_moderators(
        club, "Fix it, then `/filmclub schedule resume 1`.", fallback_channel=CHANNEL_ID
    )
    [posted] = fake.posted(CHANNEL_ID)
    assert posted["content"] == "Fix it, then `/filmclub-mod schedule resume 1`."


async def test_a_moderator_command_run_from_its_old_place_says_where_it_moved(harness):
    payload = command_interaction("load", moderator=True, root="filmclub")
    [shown] = harness.responses(await harness.feed(payload))
    assert shown["ephemeral"]
    assert "`/filmclub load` is now `/filmclub-mod load`" in shown["content"]


async def test_an_unknown_command_points_to_help(harness):
    payload = command_interaction("rewind", root="filmclub")
    [shown] = harness.responses(await harness.feed(payload))
    assert "`/filmclub rewind` is not one of this bot's commands" in shown["content"]
    assert "/filmclub help" in shown["content"]


async def test_a_members_command_under_filmclub_mod_is_not_found_either(harness, discord_engine):
    await load_club_sample(discord_engine)
    payload = command_interaction("preview", root="filmclub-mod")
    [shown] = harness.responses(await harness.feed(payload))
    assert "is not one of this bot's commands" in shown["content"]


# -- the command tree from unusual registries ----------------------------------------------------
async def synced(fake, engine: Engine) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    bot = FilmclubBot(engine, DiscordSettings(token=TOKEN, guild_id=int(GUILD_ID)))
    await bot.login(TOKEN)  # setup_hook syncs
    await bot.close()
    return {c["name"]: c for c in fake.commands[GUILD_ID]}, bot  # type: ignore[return-value]


def children(root: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in root["options"]}


async def test_a_group_mixing_member_and_moderator_commands_is_split_across_both(
    fake, store, clock
):
    engine = Engine(store, clock=clock, registry=MIXED)
    roots, _ = await synced(fake, engine)
    members, moderators = roots["filmclub"], roots["filmclub-mod"]
    assert sorted(children(members)) == ["addendum", "config", "help"]
    assert sorted(children(moderators)) == ["add", "config", "schedule"]
    assert [c["name"] for c in children(members)["config"]["options"]] == ["show"]
    assert [c["name"] for c in children(moderators)["config"]["options"]] == ["set"]
    assert [c["name"] for c in children(moderators)["schedule"]["options"]] == ["add", "list"]


async def test_the_split_group_runs_each_command_from_its_own_root(fake, store, clock):
    engine = Engine(store, clock=clock, registry=MIXED)
    bot = FilmclubBot(engine, DiscordSettings(token=TOKEN), sync_on_start=False)
    engine.attach(bot.platform)
    await bot.login(TOKEN)
    try:
        harness = Harness(bot, fake, engine)
        shown = await harness.run("config show", user_id=MEMBER)
        assert harness.text(shown) == f"ran {MEMBER}"
        shown = await harness.run("config set", moderator=True, user_id="600000000000000001")
        assert harness.text(shown) == "ran 600000000000000001"
        assert fake.callbacks[-1]["data"]["flags"] == 64
    finally:
        await bot.close()


async def test_without_moderator_commands_only_filmclub_is_published(fake, store, clock):
    engine = Engine(store, clock=clock, registry=registry(("help", False), ("preview", False)))
    roots, _ = await synced(fake, engine)
    assert list(roots) == ["filmclub"]


async def test_past_25_subcommands_a_root_reports_the_rest_instead_of_failing(fake, store, clock):
    many = registry(*[(f"c{i:02d}", False) for i in range(27)], ("load", True))
    engine = Engine(store, clock=clock, registry=many)
    roots, bot = await synced(fake, engine)
    assert len(roots["filmclub"]["options"]) == 25
    assert list(children(roots["filmclub-mod"])) == ["load"]
    assert bot.builder.skipped == ["c25", "c26"]


async def test_a_group_that_does_not_fit_is_reported_command_by_command(fake, store, clock):
    many = registry(*[(f"c{i:02d}", True) for i in range(25)], ("pick a", True), ("pick b", True))
    engine = Engine(store, clock=clock, registry=many)
    roots, bot = await synced(fake, engine)
    assert "pick" not in children(roots["filmclub-mod"])
    assert bot.builder.skipped == ["pick a", "pick b"]
