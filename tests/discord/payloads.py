"""Gateway payloads for tests: copies of the fixtures, adjusted per test."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any

import discord

import bot.engine  # noqa: F401  (registers the core's commands in REGISTRY)
from adapters.discord.roots import root_of
from bot.commands.spec import REGISTRY, Registry
from tests.discord.fake_discord import BOT_ID, GUILD_ID

FIXTURES = Path(__file__).parent / "fixtures"
CHANNEL_ID = "700000000000000001"
FORUM_ID = "700000000000000002"
_ids = itertools.count(1_300_000_000_000_000_100)

MEMBER_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    create_public_threads=True,
    embed_links=True,
    attach_files=True,
    read_message_history=True,
    use_application_commands=True,
)
MODERATOR_PERMISSIONS = MEMBER_PERMISSIONS | discord.Permissions(manage_guild=True)
BOT_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    create_public_threads=True,
    embed_links=True,
)

STRING, INTEGER, CHANNEL, ATTACHMENT = 3, 4, 7, 11


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text())


def option_type(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError("no boolean options")
    if isinstance(value, int):
        return INTEGER
    return STRING


def command_interaction(
    path: str,
    options: dict[str, Any] | None = None,
    *,
    user_id: str = "600000000000000001",
    name: str = "Ada",
    moderator: bool = False,
    roles: tuple[str, ...] = (),
    channel: dict[str, Any] | None = None,
    app_permissions: discord.Permissions = BOT_PERMISSIONS,
    focused: str | None = None,
    resolved: dict[str, Any] | None = None,
    guild_id: str | None = GUILD_ID,
    registry: Registry | None = None,
    root: str | None = None,
) -> dict[str, Any]:
    """INTERACTION_CREATE for ``/filmclub <path> [options]`` (type 4 when ``focused``).

    The command is sent under the top-level command Discord shows it in: ``/filmclub-mod``
    for a moderator command of ``registry`` (default: the core's), else ``/filmclub``;
    ``root`` forces one.
    """
    data = fixture("interaction_command.json")
    data["id"] = str(next(_ids))
    data["token"] = f"token-{data['id']}"
    data["application_id"] = BOT_ID
    data["type"] = 4 if focused else 2
    perms = MODERATOR_PERMISSIONS if moderator else MEMBER_PERMISSIONS
    data["member"]["permissions"] = str(perms.value)
    data["member"]["roles"] = list(roles)
    data["member"]["user"]["id"] = user_id
    data["member"]["user"]["global_name"] = name
    data["member"]["user"]["username"] = name.lower()
    data["app_permissions"] = str(app_permissions.value)
    if channel is not None:
        data["channel"] = copy.deepcopy(channel)
        data["channel_id"] = channel["id"]
    data["channel"]["permissions"] = str(perms.value)
    if guild_id is None:
        for key in ("guild_id", "guild", "member"):
            data.pop(key, None)
        data["user"] = {
            "id": user_id,
            "username": name.lower(),
            "discriminator": "0",
            "avatar": None,
        }
        data["channel"] = {"id": data["channel_id"], "type": 1, "recipients": []}
        data["context"] = 1
    leaf_options = []
    for key, value in (options or {}).items():
        kind = value[0] if isinstance(value, tuple) else option_type(value)
        raw = value[1] if isinstance(value, tuple) else value
        entry: dict[str, Any] = {"name": key, "type": kind, "value": raw}
        if key == focused:
            entry["focused"] = True
        leaf_options.append(entry)
    words = path.split()
    leaf = {"name": words[-1], "type": 1, "options": leaf_options}
    if len(words) == 2:
        top = [{"name": words[0], "type": 2, "options": [leaf]}]
    else:
        top = [leaf]
    if root is None:
        spec = (registry or REGISTRY).get(path)
        root = root_of(spec) if spec is not None else "filmclub"
    data["data"] = {"id": "1200000000000000001", "name": root, "type": 1, "options": top}
    if resolved:
        data["data"]["resolved"] = resolved
    return data


def button_interaction(
    custom_id: str,
    *,
    user_id: str = "600000000000000001",
    moderator: bool = False,
    channel: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """INTERACTION_CREATE for a click on a button of one of the bot's replies."""
    data = command_interaction("help", user_id=user_id, moderator=moderator, channel=channel)
    data["type"] = 3
    data["data"] = {"custom_id": custom_id, "component_type": 2}
    data["message"] = {
        "id": "1500000000000000001",
        "channel_id": data["channel_id"],
        "author": {
            "id": BOT_ID,
            "username": "filmclub",
            "discriminator": "0",
            "avatar": None,
            "bot": True,
        },
        "content": "",
        "embeds": [],
        "components": [],
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "timestamp": "2026-11-20T12:00:00.000000+00:00",
        "edited_timestamp": None,
        "type": 0,
        "flags": 64,
    }
    return data


def attachment(
    att_id: str, filename: str, url: str, size: int, content_type: str = "text/plain"
) -> dict[str, Any]:
    return {
        "id": att_id,
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
        "content_type": content_type,
    }


def thread_message(
    thread_id: str, *, message_id: str, user_id: str, bot: bool = False
) -> dict[str, Any]:
    """MESSAGE_CREATE in a thread as a bot without the Message Content intent gets it."""
    data = fixture("message_create.json")
    data["id"] = message_id
    data["channel_id"] = thread_id
    data["author"]["id"] = user_id
    data["author"]["bot"] = bot
    return data


def guild_create(
    channels: list[dict[str, Any]], threads: list[dict[str, Any]] = ()
) -> dict[str, Any]:  # type: ignore[assignment]
    """GUILD_CREATE with the channels and active threads the bot can see."""
    return {
        "id": GUILD_ID,
        "name": "Film Club",
        "icon": None,
        "owner_id": "600000000000000009",
        "region": "europe",
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "roles": [
            {
                "id": GUILD_ID,
                "name": "@everyone",
                "permissions": str(MEMBER_PERMISSIONS.value),
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
            },
        ],
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "member_count": 3,
        "large": False,
        "unavailable": False,
        "joined_at": "2025-01-01T00:00:00.000000+00:00",
        "members": [],
        "voice_states": [],
        "presences": [],
        "channels": copy.deepcopy(channels),
        "threads": copy.deepcopy(list(threads)),
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def select_interaction(
    custom_id: str,
    values: list[str],
    *,
    user_id: str = "600000000000000001",
    moderator: bool = False,
    roles: tuple[str, ...] = (),
) -> dict[str, Any]:
    """INTERACTION_CREATE for a choice in a string select menu of one of the bot's replies."""
    data = button_interaction(custom_id, user_id=user_id, moderator=moderator)
    data["member"]["roles"] = list(roles)
    data["data"] = {"custom_id": custom_id, "component_type": 3, "values": list(values)}
    return data


def modal_submit_interaction(
    custom_id: str,
    fields: dict[str, str],
    *,
    user_id: str = "600000000000000001",
    moderator: bool = False,
) -> dict[str, Any]:
    """INTERACTION_CREATE (type 5) for a submitted modal whose text inputs sit in labels."""
    data = command_interaction("help", user_id=user_id, moderator=moderator)
    data["type"] = 5
    data["data"] = {
        "custom_id": custom_id,
        "components": [
            {
                "type": 18,
                "id": index + 1,
                "component": {"type": 4, "id": index + 100, "custom_id": key, "value": value},
            }
            for index, (key, value) in enumerate(fields.items())
        ],
    }
    return data
