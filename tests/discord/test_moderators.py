"""Moderator commands: refused to members through Discord interactions, the store untouched."""

from __future__ import annotations

from typing import Any

from bot.commands.spec import Command, OptionType
from bot.i18n import t
from bot.store import Store
from tests.discord.conftest import load_club_sample
from tests.discord.payloads import CHANNEL, CHANNEL_ID, command_interaction

MEMBER = "600000000000000050"
MODERATOR_ROLE = "400000000000000001"
MANAGE_SERVER = 1 << 5


def plausible_options(command: Command) -> tuple[dict[str, Any], dict[str, Any]]:
    """A value for every option of ``command``, as a member would type it; plus resolved data."""
    options: dict[str, Any] = {}
    resolved: dict[str, Any] = {}
    for option in command.options:
        if option.choices:
            value: Any = option.choices[0]
        elif option.type is OptionType.INTEGER:
            value = 1
        elif option.type is OptionType.ITEM:
            value = "qn1"
        elif option.type in (OptionType.DOCUMENT, OptionType.SCHEDULE, OptionType.SUGGESTION):
            value = "1"
        elif option.type is OptionType.SOURCE:
            value = "https://example.org/review.txt"
        elif option.type is OptionType.CHANNEL:
            value = (CHANNEL, CHANNEL_ID)
            resolved.setdefault("channels", {})[CHANNEL_ID] = {
                "id": CHANNEL_ID,
                "name": "film-club",
                "type": 0,
                "permissions": "0",
            }
        elif option.type is OptionType.STRING and option.name == "when":
            value = "daily 19:00"
        else:
            value = "Members should not change this"
        options[option.name] = value
    return options, resolved


async def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    tables = await store.db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    dump = {}
    for (name,) in tables:
        rows = await store.db.fetchall(f'SELECT * FROM "{name}"')  # names from sqlite_master
        dump[name] = sorted(tuple(r) for r in rows)
    return dump


async def test_every_moderator_command_is_refused_to_a_member(harness, discord_engine, store):
    """``/filmclub-mod`` is hidden from members by default, but a server admin can show it to
    any role (Server Settings → Integrations). A member who runs it is still refused by the
    core, and nothing changes."""
    await load_club_sample(discord_engine)
    await harness.run("suggest", {"question": "Why the pastel colours?"}, user_id=MEMBER)
    await harness.run("schedule add", {"when": "fridays 19:00"}, moderator=True)
    await harness.run("help", user_id=MEMBER)
    before = await snapshot(store)
    posted = len(harness.fake.requests("POST", r"/channels/\d+/messages$"))  # the suggestion notice
    moderator_commands = [c for c in discord_engine.registry if c.moderator]
    assert len(moderator_commands) >= 5
    for command in moderator_commands:
        options, resolved = plausible_options(command)
        payload = command_interaction(
            command.name, options, user_id=MEMBER, resolved=resolved or None
        )
        assert payload["data"]["name"] == "filmclub-mod"
        assert not int(payload["member"]["permissions"]) & MANAGE_SERVER
        shown = harness.responses(await harness.feed(payload))
        text = harness.text(shown)
        # The core names the command `/filmclub <name>`; on Discord it is typed under -mod.
        core = t("errors.moderators_only", command=command.name)
        assert f"`/filmclub {command.name}`" in core
        assert text == core.replace("/filmclub ", "/filmclub-mod "), (command.name, text)
        assert all(s["ephemeral"] for s in shown)
    assert await snapshot(store) == before
    assert len(harness.fake.requests("POST", r"/channels/\d+/messages$")) == posted


async def test_manage_server_or_the_clubs_moderator_role_is_enough(harness, discord_engine):
    await load_club_sample(discord_engine)
    refused = await harness.run("use", {"document": "1"}, user_id=MEMBER, roles=(MODERATOR_ROLE,))
    assert "moderators" in harness.text(refused)
    harness.fake.roles["800000000000000001"].append({"id": MODERATOR_ROLE, "name": "Club mods"})
    await harness.run(
        "config set", {"key": "moderator_roles", "value": f"<@&{MODERATOR_ROLE}>"}, moderator=True
    )
    allowed = await harness.run("use", {"document": "1"}, user_id=MEMBER, roles=(MODERATOR_ROLE,))
    assert "active document" in harness.text(allowed)
