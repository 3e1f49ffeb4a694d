"""``filmclub run`` end to end: REST and a gateway websocket, both played by the local fake."""

from __future__ import annotations

import asyncio

import pytest
import yarl
from discord.gateway import DiscordWebSocket

from adapters.runner import run
from bot.settings import load_settings
from tests.discord.fake_discord import FakeDiscord
from tests.discord.payloads import (
    ATTACHMENT,
    CHANNEL_ID,
    attachment,
    command_interaction,
    guild_create,
    thread_message,
)

REVIEW = (
    b"Her, a review\n\nTheodore: How many others?\nSamantha: 641.\n\n"
    b'"We wanted the world to be warm," said Spike Jonze.\n\nIs Samantha\'s love real?\n'
)


def shown_for(fake: FakeDiscord, payload: dict) -> str:  # type: ignore[type-arg]
    texts = [
        (c.get("data") or {}).get("content") or ""
        for c in fake.callbacks
        if c["interaction_id"] == payload["id"]
    ]
    texts += [f.get("content") or "" for f in fake.followups if f["token"] == payload["token"]]
    return "\n".join(texts)


async def interact(fake: FakeDiscord, payload: dict, expect: str) -> str:  # type: ignore[type-arg]
    await fake.dispatch("INTERACTION_CREATE", payload)
    await fake.wait_for(lambda: expect in shown_for(fake, payload), within=10)
    return shown_for(fake, payload)


async def test_filmclub_run_serves_a_first_discussion(fake, tmp_path, monkeypatch):
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))
    fake.guild_payload = guild_create([fake.channels[CHANNEL_ID]])
    fake.files["her.txt"] = REVIEW
    settings = load_settings(
        {
            "DISCORD_TOKEN": "test-token-not-a-secret",
            "DISCORD_API_BASE_URL": fake.url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'club.db'}",
        },
        dotenv_path=None,
    )
    task = asyncio.create_task(run(settings))
    try:
        await fake.wait_for(lambda: fake.identify is not None, within=10)
        assert fake.identify["intents"] == (1 << 0) | (1 << 9)  # Guilds, Guild Messages
        synced = {c["name"]: c for c in fake.commands["global"]}
        assert synced["filmclub-mod"]["default_member_permissions"] == "32"
        assert "filmclub" in synced

        url = f"{fake.url}/cdn/attachments/1/2/her.txt"
        resolved = {"attachments": {"42": attachment("42", "her.txt", url, len(REVIEW))}}
        load = command_interaction(
            "load", {"file": (ATTACHMENT, "42")}, moderator=True, resolved=resolved
        )
        assert "Loaded document #1" in await interact(fake, load, "Loaded")

        question = command_interaction("question")
        await interact(fake, question, "Posted")
        [thread] = fake.threads()
        assert thread["name"] == "Is Samantha's love real?"

        await fake.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
        await fake.dispatch(
            "MESSAGE_CREATE", thread_message(thread["id"], message_id="1701", user_id="61")
        )
        history = command_interaction("history")
        for _ in range(50):
            text = await interact(fake, history, "Recent prompts")
            if "1 reply" in text:
                break
            history = command_interaction("history")
            await asyncio.sleep(0.05)
        assert "1 reply, 1 participant" in text

        # The channel is deleted: its prompt thread's record is closed.
        await fake.dispatch("CHANNEL_DELETE", fake.channels.pop(CHANNEL_ID))
        for _ in range(50):
            history = command_interaction("history")
            text = await interact(fake, history, "Recent prompts")
            if "[deleted]" in text:
                break
            await asyncio.sleep(0.05)
        assert "[deleted]" in text
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
