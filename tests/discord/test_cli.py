"""Operator commands and start-up settings: invite URL, command sync, API base, intents."""

from __future__ import annotations

import base64
import io
from urllib.parse import parse_qs, urlparse

import discord

from adapters.cli import build_parser, main
from adapters.discord.app import DEFAULT_API, api_base, intents
from adapters.discord.cli import client_id_from_token, invite_url, sync
from bot.settings import load_settings
from tests.discord.fake_discord import BOT_ID, GUILD_ID

FAKE_TOKEN = (
    base64.b64encode(b"123456789012345678").decode().rstrip("=") + ".AAAAAA.not-a-real-token"
)


def test_invite_url_asks_for_exactly_the_scopes_and_permissions_needed():
    url = urlparse(invite_url(123456789012345678))
    query = parse_qs(url.query)
    assert url.netloc == "discord.com" and url.path == "/oauth2/authorize"
    assert query["client_id"] == ["123456789012345678"]
    assert sorted(query["scope"][0].split()) == ["applications.commands", "bot"]
    bits = (
        10,
        11,
        14,
        33,
        35,
        38,
    )  # View Channel, Send Messages, Embed Links, Manage Events, Create Public Threads, Send
    # Messages in Threads
    assert int(query["permissions"][0]) == sum(1 << b for b in bits)
    guild_url = parse_qs(urlparse(invite_url(1, 42)).query)
    assert guild_url["guild_id"] == ["42"] and guild_url["disable_guild_select"] == ["true"]


def test_invite_reads_the_application_id_from_the_token(monkeypatch, capsys, tmp_path):
    assert client_id_from_token(FAKE_TOKEN) == 123456789012345678
    assert client_id_from_token("garbage") is None
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)
    assert main(["discord", "invite"]) == 0
    out = capsys.readouterr()
    assert "client_id=123456789012345678" in out.out
    assert FAKE_TOKEN not in out.out + out.err


def test_invite_with_a_client_id_needs_no_token(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert main(["discord", "invite", "--client-id", "77"]) == 0
    assert "client_id=77" in capsys.readouterr().out


def test_the_discord_subcommands_are_part_of_filmclub():
    args = build_parser().parse_args(["discord", "sync"])
    assert args.handler.__name__ == "cmd_sync"


async def test_sync_publishes_to_the_test_guild(fake):
    settings = load_settings(
        {"DISCORD_TOKEN": "t", "DISCORD_GUILD_ID": GUILD_ID, "DISCORD_API_BASE_URL": fake.url},
        dotenv_path=None,
    )
    out = io.StringIO()
    assert await sync(settings, out=out) == 0
    assert fake.requests("PUT", rf"^/api/v10/applications/{BOT_ID}/guilds/{GUILD_ID}/commands$")
    text = out.getvalue()
    assert f"Synced 2 command(s) to server {GUILD_ID}" in text
    members, moderators = [line for line in text.splitlines() if line.startswith("  /")]
    assert members.startswith("  /filmclub (everyone): ")
    assert "/filmclub preview" in members and "/filmclub load" not in members
    assert moderators.startswith("  /filmclub-mod (Manage Server by default): ")
    assert "/filmclub-mod config set" in moderators and "/filmclub-mod load" in moderators
    assert "preview" not in moderators


async def test_sync_reports_a_refusal(fake):
    fake.fail("PUT", r"/commands$", 400, {"code": 50035, "message": "Invalid Form Body"})
    settings = load_settings(
        {"DISCORD_TOKEN": "t", "DISCORD_API_BASE_URL": fake.url}, dotenv_path=None
    )
    assert await sync(settings, out=io.StringIO()) == 1


def test_api_base_url_accepts_a_proxy_root_or_a_full_api_path():
    assert api_base(None) == DEFAULT_API
    assert api_base("http://proxy:8080") == "http://proxy:8080/api/v10"
    assert api_base("http://proxy:8080/api/v10/") == "http://proxy:8080/api/v10"
    assert api_base("https://discord.com/api") == "https://discord.com/api/v10"


def test_no_privileged_intent_is_needed():
    wanted = intents()
    assert wanted.guilds and wanted.guild_messages
    assert not (wanted.message_content or wanted.members or wanted.presences)
    assert wanted.value & discord.Intents.all().value == wanted.value


async def test_a_rejected_token_stops_the_bot_with_a_clear_message(fake, discord_engine):
    from adapters.discord.app import run_discord
    from bot.settings import DiscordSettings, SettingsError

    fake.fail("GET", r"/users/@me$", 401, {"code": 0, "message": "401: Unauthorized"})
    token = "rejected-token-value"
    try:
        await run_discord(discord_engine, DiscordSettings(token=token, api_base_url=fake.url))
    except SettingsError as exc:
        assert "DISCORD_TOKEN" in str(exc) and token not in str(exc)
    else:
        raise AssertionError("expected the bot to stop")
