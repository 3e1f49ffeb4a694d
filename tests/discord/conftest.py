"""Fixtures: the fake Discord REST server and a real discord.py client logged in to it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest

from adapters.discord.app import FilmclubBot, use_api_base
from bot.engine import Engine
from bot.settings import DiscordSettings
from bot.store import Store
from tests.conftest import context, load_sample
from tests.discord.fake_discord import FORUM, GUILD_ID, FakeDiscord
from tests.discord.payloads import CHANNEL_ID, FORUM_ID, command_interaction

TOKEN = "test-token-not-a-secret"


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    server.add_channel(CHANNEL_ID, "film-club")
    server.add_channel(FORUM_ID, "film-forum", type=FORUM)
    previous = discord.http.Route.BASE
    use_api_base(server.url)
    yield server
    discord.http.Route.BASE = previous
    await server.stop()


class Harness:
    """Feeds gateway payloads to the client and reads what the fake Discord received."""

    def __init__(self, bot: FilmclubBot, fake: FakeDiscord, engine: Engine) -> None:
        self.bot = bot
        self.fake = fake
        self.engine = engine

    async def settle(self, within: float = 10.0) -> None:
        """Wait until every command and event task the payloads started has finished."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            busy = [
                t
                for t in asyncio.all_tasks()
                if not t.done() and (t.get_name().startswith(("CommandTree", "discord.py:")))
            ]
            if not busy:
                return
            if loop.time() > deadline:
                raise AssertionError(f"tasks still running: {busy}")
            await asyncio.wait(busy, timeout=0.05)

    async def feed(self, payload: dict[str, Any]) -> dict[str, Any]:
        self.bot._connection.parse_interaction_create(payload)  # type: ignore[attr-defined]
        await self.settle()
        return payload

    async def run(
        self, path: str, options: dict[str, Any] | None = None, **kw: Any
    ) -> list[dict[str, Any]]:
        """Run ``/filmclub path`` (``/filmclub-mod path`` for a moderator command) and return
        what the user was shown (callback + follow-ups)."""
        kw.setdefault("registry", self.engine.registry)
        payload = await self.feed(command_interaction(path, options, **kw))
        return self.responses(payload)

    def callback(self, payload: dict[str, Any]) -> dict[str, Any]:
        [record] = [c for c in self.fake.callbacks if c["interaction_id"] == payload["id"]]
        return record

    def responses(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        """Messages shown for an interaction: the callback's, then follow-ups, with a flag
        ``ephemeral`` and ``deferred``."""
        shown = []
        callback = self.callback(payload)
        deferred = callback["type"] == 5
        if callback["type"] == 4:
            data = callback["data"]
            shown.append(
                {**data, "ephemeral": bool((data.get("flags") or 0) & 64), "deferred": False}
            )
        defer_ephemeral = bool(((callback.get("data") or {}).get("flags") or 0) & 64)
        for follow in self.fake.followups:
            if follow["token"] == payload["token"]:
                ephemeral = (
                    defer_ephemeral
                    if deferred and len(shown) == 0
                    else bool((follow.get("flags") or 0) & 64)
                )
                shown.append({**follow, "ephemeral": ephemeral, "deferred": deferred})
        return shown

    def text(self, payload_or_shown: list[dict[str, Any]]) -> str:
        parts = []
        for shown in payload_or_shown:
            parts.append(shown.get("content") or "")
            parts.extend(e.get("description", "") for e in shown.get("embeds") or [])
        return "\n".join(parts)


@pytest.fixture
async def discord_engine(store: Store, clock: Any) -> Engine:
    return Engine(store, clock=clock)


@pytest.fixture
async def bot(fake: FakeDiscord, discord_engine: Engine) -> AsyncIterator[FilmclubBot]:
    client = FilmclubBot(
        discord_engine,
        DiscordSettings(token=TOKEN, guild_id=None),
        sync_on_start=False,
        retry_delay=0.01,
    )
    discord_engine.attach(client.platform)
    await client.login(TOKEN)
    yield client
    await client.close()


@pytest.fixture
def harness(bot: FilmclubBot, fake: FakeDiscord, discord_engine: Engine) -> Harness:
    return Harness(bot, fake, discord_engine)


def mod_context(channel: str = CHANNEL_ID):  # type: ignore[no-untyped-def]
    return context(platform="discord", workspace=GUILD_ID, channel=channel)


async def load_club_sample(engine: Engine, channel: str = CHANNEL_ID):  # type: ignore[no-untyped-def]
    return await load_sample(engine, mod_context(channel))
