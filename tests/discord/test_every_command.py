"""Every command of the registry, run from a Discord payload: answered, ephemeral, silent."""

from __future__ import annotations

from bot.commands.spec import OptionType
from tests.discord.conftest import load_club_sample
from tests.discord.payloads import CHANNEL_ID, command_interaction
from tests.discord.test_moderators import MEMBER, plausible_options

SENT = r"^/api/v10/(channels/\d+/(messages|threads)|webhooks/\d+/[^/]+|interactions/.*)$"


async def test_every_command_is_answered_privately_and_pings_nobody(harness, fake, discord_engine):
    discord_engine.allow_private_urls = True  # the "web" here is the loopback fake
    fake.files["review.txt"] = b"A review\n\nIs Samantha's love real?\nWhy write letters?\n"
    await load_club_sample(discord_engine)
    await harness.run("suggest", {"question": "Why the pastel colours?"}, user_id=MEMBER)
    await harness.run("schedule add", {"when": "fridays 19:00"}, moderator=True)
    commands = list(discord_engine.registry)
    assert len(commands) >= 20
    for command in commands:
        options, resolved = plausible_options(command)
        for option in command.options:
            if option.type is OptionType.SOURCE:
                options[option.name] = f"{fake.url}/cdn/review.txt"
        payload = command_interaction(
            command.name,
            options,
            moderator=True,
            resolved=resolved or None,
            registry=discord_engine.registry,
        )
        shown = harness.responses(await harness.feed(payload))
        text = harness.text(shown)
        assert shown and text.strip(), f"/{command.name} showed nothing"
        assert "Something went wrong" not in text, (command.name, text)
        for message in shown:
            assert message["ephemeral"] or command.public, (command.name, message)
            if not message.get("edit"):
                assert message.get("allowed_mentions") == {"parse": []}, command.name
    for call in fake.requests("POST", SENT):
        body = call.body or {}
        sent = body.get("data") or body.get("message") or body
        if isinstance(sent, dict) and ("content" in sent or "embeds" in sent):
            assert sent.get("allowed_mentions") == {"parse": []}, call.path
    assert fake.posted(CHANNEL_ID), "the prompt commands posted in the channel"
