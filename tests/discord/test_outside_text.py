"""Text from outside (a page's <title>, a member's suggestion) is never Markdown or a link."""

from __future__ import annotations

from bot.models import Extraction, Item, Kind
from tests.conftest import load_sample
from tests.discord.conftest import mod_context
from tests.discord.fake_discord import GUILD_ID
from tests.discord.payloads import CHANNEL_ID

MEMBER = "600000000000000077"
LOG_ID = "700000000000000001"
MASKED = "[Click for the film](https://evil.example/phish)"


async def test_a_document_title_with_a_masked_link_stays_text_in_a_public_prompt(
    harness, fake, discord_engine
):
    doc = Extraction(
        title=f"{MASKED} **bold** @everyone",
        film="Her",
        items=(Item(Kind.QUESTION, text="Is Samantha's love real?"),),
    )
    await load_sample(discord_engine, mod_context(), doc)
    await harness.run("question")
    [posted] = fake.posted(CHANNEL_ID)
    footer = posted["content"].split("\n")[-1]
    assert "](https://" not in footer.replace("\\]", "")  # no masked link syntax left
    assert "\\[Click for the film\\]" in footer
    assert "\\*\\*bold\\*\\*" in footer
    assert "@everyone" not in footer
    assert posted["allowed_mentions"] == {"parse": []}


async def test_a_suggestion_with_markdown_reaches_the_moderators_as_text(
    harness, fake, discord_engine
):
    fake.add_channel(LOG_ID, GUILD_ID) if hasattr(fake, "add_channel") else None
    await load_sample(discord_engine, mod_context())
    club = await discord_engine.club(mod_context())
    await discord_engine.store.moderation.set_setting(
        club.id, "", "log_channel", LOG_ID, "mod", discord_engine.now()
    )
    discord_engine.settings_changed(club.id)
    await harness.run(
        "suggest",
        {"question": f"Why? {MASKED} __under__"},
        user_id=MEMBER,
        name="[Bea](https://x.example)",
    )
    [notice] = fake.posted(LOG_ID)
    assert "](https://" not in notice["content"].replace("\\]", "")
    assert "\\[Click for the film\\]" in notice["content"]
    assert "\\_\\_under\\_\\_" in notice["content"]
    assert "\\[Bea\\]" in notice["content"]
