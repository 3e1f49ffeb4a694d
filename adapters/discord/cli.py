"""``filmclub discord sync`` and ``filmclub discord invite``: operator tasks for Discord."""

from __future__ import annotations

import argparse
import asyncio
import base64
import binascii
import logging
import sys
from typing import TYPE_CHECKING, Any

from adapters.extras import require

if TYPE_CHECKING:
    import discord

from bot.numbers import is_numeric_id

log = logging.getLogger(__name__)

SCOPES = ("bot", "applications.commands")


def bot_permissions() -> discord.Permissions:
    """Exactly what the bot uses: see channels, post, open and post in threads, embed long text,
    and create the events of screenings."""
    import discord

    return discord.Permissions(
        view_channel=True,
        send_messages=True,
        create_public_threads=True,
        send_messages_in_threads=True,
        embed_links=True,
        manage_events=True,
    )


def invite_url(client_id: int, guild_id: int | None = None) -> str:
    """The OAuth2 URL that adds the bot to a server with its commands and permissions."""
    import discord

    return discord.utils.oauth_url(
        client_id,
        permissions=bot_permissions(),
        guild=discord.Object(guild_id) if guild_id else discord.utils.MISSING,
        scopes=SCOPES,
        disable_guild_select=bool(guild_id),
    )


def client_id_from_token(token: str) -> int | None:
    """A bot token's first part is the bot's user id (= its application id), base64-encoded."""
    first = token.split(".", 1)[0]
    try:
        decoded = base64.b64decode(first + "=" * (-len(first) % 4), validate=False).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return int(decoded) if is_numeric_id(decoded) else None


def _settings() -> Any:
    from adapters.cli import UserError, _settings

    settings = _settings()
    if settings.discord is None:
        raise UserError("DISCORD_TOKEN is not set (in the environment or .env)")
    return settings


def cmd_invite(args: argparse.Namespace) -> int:
    from adapters.cli import UserError

    require("discord")
    client_id = args.client_id
    guild_id = args.guild
    if client_id is None:
        settings = _settings()
        client_id = client_id_from_token(settings.discord.token)
        guild_id = guild_id or settings.discord.guild_id
        if client_id is None:
            raise UserError(
                "could not read the application id from DISCORD_TOKEN; pass --client-id "
                "(Developer Portal → General Information → Application ID)"
            )
    print(invite_url(client_id, guild_id))
    return 0


async def sync(settings: Any, *, out: Any = None) -> int:
    """Log in over REST only (no gateway) and publish ``/filmclub`` and ``/filmclub-mod``."""
    import discord

    from adapters.discord.app import FilmclubBot, use_api_base
    from adapters.discord.commands import sync_commands
    from bot.engine import Engine

    out = out or sys.stdout
    use_api_base(settings.discord.api_base_url)
    # Building the commands needs only the registry, never the database.
    engine = Engine(store=None)  # type: ignore[arg-type]
    bot = FilmclubBot(engine, settings.discord, sync_on_start=False)
    try:
        await bot.login(settings.discord.token)
        synced = await sync_commands(bot.tree, settings.discord.guild_id)
    except discord.LoginFailure:
        print("filmclub: Discord rejected DISCORD_TOKEN", file=sys.stderr)
        return 2
    except discord.HTTPException as exc:
        print(f"filmclub: Discord refused the commands: {exc}", file=sys.stderr)
        return 1
    finally:
        await bot.close()
    where = (
        f"server {settings.discord.guild_id} (available now)"
        if settings.discord.guild_id
        else "all servers (global; Discord may take a few minutes to show changes)"
    )
    print(f"Synced {len(synced)} command(s) to {where}:", file=out)
    for root in bot.tree.get_commands(guild=_guild(settings)):
        who = "Manage Server by default" if root.default_permissions else "everyone"
        leaves = [c.qualified_name for c in root.walk_commands() if not hasattr(c, "commands")]
        print(f"  /{root.name} ({who}): " + ", ".join(f"/{n}" for n in leaves), file=out)
    if bot.builder.skipped:
        print(
            "Not offered (Discord allows 25 per group): " + ", ".join(bot.builder.skipped), file=out
        )
    return 0


def _guild(settings: Any) -> discord.Object | None:
    import discord

    return discord.Object(settings.discord.guild_id) if settings.discord.guild_id else None


def cmd_sync(args: argparse.Namespace) -> int:
    require("discord")
    return asyncio.run(sync(_settings()))


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``filmclub discord sync|invite`` to the command line."""
    parser = subparsers.add_parser(
        "discord", help="Discord operator tasks: sync commands, invite URL"
    )
    sub = parser.add_subparsers(dest="discord_command", metavar="TASK", required=True)
    sync_parser = sub.add_parser(
        "sync",
        help="publish /filmclub and /filmclub-mod (to DISCORD_GUILD_ID if set, else globally)",
    )
    sync_parser.set_defaults(handler=cmd_sync)
    invite = sub.add_parser("invite", help="print the URL that adds the bot to a server")
    invite.add_argument(
        "--client-id", type=int, help="the application id (default: from DISCORD_TOKEN)"
    )
    invite.add_argument("--guild", type=int, help="preselect this server in the invite")
    invite.set_defaults(handler=cmd_invite)
