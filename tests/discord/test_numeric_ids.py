"""Discord ids are ASCII digits that fit in 64 bits: ``¹²³`` is never taken for a role."""

from __future__ import annotations

from adapters.discord.render import render
from bot.messages import Message, QuestionBlock
from tests.discord.conftest import load_club_sample, mod_context
from tests.discord.payloads import CHANNEL_ID


async def test_a_superscript_ping_role_is_refused_when_set(harness):
    shown = await harness.run("config set", {"key": "ping_role", "value": "¹²³"}, moderator=True)
    assert "can't find" in harness.text(shown)


async def test_a_stored_superscript_ping_role_does_not_break_prompt_posts(
    harness, fake, discord_engine
):
    await load_club_sample(discord_engine)
    club = await discord_engine.club(mod_context())
    await discord_engine.store.moderation.set_setting(
        club.id, "", "ping_role", "¹²³", "someone", discord_engine.now()
    )
    discord_engine.settings_changed(club.id)
    shown = await harness.run("question")
    [posted] = fake.posted(CHANNEL_ID)
    assert posted["content"].startswith("**Is Samantha's love real?**")
    assert posted["allowed_mentions"] == {"parse": []}
    assert "went wrong" not in harness.text(shown)


def test_rendering_ignores_ids_that_are_not_snowflakes():
    for role in ("¹²³", "9" * 30):
        [payload] = render(Message((QuestionBlock("Why?"),), ping_role=role))
        assert payload.allowed_mentions.to_dict() == {"parse": []}
        assert "<@&" not in (payload.content or "")
