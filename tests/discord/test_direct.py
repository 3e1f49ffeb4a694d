"""Direct messages: a member hears the outcome of their suggestion, or in the channel."""

from __future__ import annotations

import pytest

from bot.messages import Message, TextBlock
from bot.platform import MissingPermission
from tests.discord.conftest import load_club_sample
from tests.discord.fake_discord import GUILD_ID
from tests.discord.payloads import CHANNEL_ID

MEMBER = "600000000000000077"
OPEN_DM = r"^/api/v10/users/@me/channels$"


async def suggest(harness, text: str) -> None:  # type: ignore[no-untyped-def]
    shown = await harness.run("suggest", {"question": text}, user_id=MEMBER, name="Bea")
    assert "#1" in harness.text(shown), harness.text(shown)


async def test_an_approved_suggestion_is_told_to_its_author_in_a_direct_message(
    harness, fake, discord_engine
):
    await load_club_sample(discord_engine)
    await suggest(harness, "Would you ever date an OS? @everyone <@&555> <@7>")
    shown = await harness.run("approve", {"suggestion": "1"}, moderator=True)
    assert "approved" in harness.text(shown).lower()
    [opened] = fake.requests("POST", OPEN_DM)
    assert str(opened.body["recipient_id"]) == MEMBER
    [dm] = fake.direct_messages(MEMBER)
    assert "was approved" in dm["content"] and "Would you ever date an OS?" in dm["content"]
    assert dm["allowed_mentions"] == {"parse": []}
    for ping in ("@everyone", "<@&555>", "<@7>"):
        assert ping not in dm["content"]
    # The channel was only told a suggestion was waiting (no log_channel), never what it said
    # nor its outcome.
    said = [p["content"] for p in fake.posted(CHANNEL_ID)]
    assert not [c for c in said if "date an OS" in c or "approved" in c], said


async def test_with_direct_messages_closed_an_approval_appears_in_the_channel(
    harness, fake, discord_engine
):
    await load_club_sample(discord_engine)
    await suggest(harness, "Is the ending happy?")
    fake.closed_dms.add(MEMBER)
    await harness.run("approve", {"suggestion": "1"}, moderator=True)
    assert fake.requests("POST", OPEN_DM), "the bot tried a direct message first"
    assert not fake.direct_messages(MEMBER)
    [posted] = [p for p in fake.posted(CHANNEL_ID) if "waiting for a moderator" not in p["content"]]
    assert "approved" in posted["content"] and "Is the ending happy?" in posted["content"]
    assert posted["allowed_mentions"] == {"parse": []}


async def test_with_direct_messages_closed_a_rejection_is_never_posted_publicly(
    harness, fake, discord_engine
):
    await load_club_sample(discord_engine)
    await suggest(harness, "Is the ending happy?")
    fake.closed_dms.add(MEMBER)
    shown = await harness.run("reject", {"suggestion": "1"}, moderator=True)
    assert fake.requests("POST", OPEN_DM), "the bot tried a direct message first"
    assert not fake.direct_messages(MEMBER)
    # The only public post is the moderators' notice that a suggestion waits (without its text).
    public = [p["content"] for p in fake.posted(CHANNEL_ID)]
    assert all("waiting for a moderator" in c for c in public), public
    assert not any("Is the ending happy?" in c or "not taken" in c for c in public)
    assert "does not accept direct messages" in harness.text(shown)
    assert all(s["ephemeral"] for s in shown)


async def test_a_refused_direct_message_is_a_missing_permission_and_never_pings(bot, fake):
    fake.closed_dms.add(MEMBER)
    with pytest.raises(MissingPermission) as refused:
        await bot.platform.send_direct(GUILD_ID, MEMBER, Message.text("Your question is in"))
    assert "direct messages" in str(refused.value)
    fake.closed_dms.clear()
    ref = await bot.platform.send_direct(
        GUILD_ID, MEMBER, Message((TextBlock("Your question is in"),), ping_role="555")
    )
    [dm] = fake.direct_messages(MEMBER)
    assert ref.message_id == dm["id"]
    assert dm["content"] == "Your question is in"  # no role ping in a direct message
    assert dm["allowed_mentions"] == {"parse": []}
    assert len(fake.requests("POST", OPEN_DM)) == 2  # reopened after the refusal
