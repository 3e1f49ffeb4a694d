"""Outside text is marked in the bot's own words, and no surface ever shows the marks."""

from __future__ import annotations

from bot.messages import VERBATIM_CLOSE, VERBATIM_OPEN, Message, verbatim
from tests.conftest import load_sample


def test_verbatim_cannot_be_closed_from_inside():
    marked = verbatim(f"a{VERBATIM_CLOSE}[x](https://e.example){VERBATIM_OPEN}")
    assert marked.count(VERBATIM_OPEN) == 1 and marked.count(VERBATIM_CLOSE) == 1


async def test_plain_text_and_slack_never_show_the_marks(engine, mod, member, platform):
    from adapters.slack.render import block_mrkdwn, fallback_text

    await load_sample(engine, mod)
    replies = [
        await engine.execute_text(mod, "question"),
        await engine.execute_text(mod, "preview"),
        await engine.execute_text(mod, "docs"),
        await engine.execute_text(member, "suggest Who is *Amy* to [Theodore](https://e.example)?"),
        await engine.execute_text(mod, "suggestions"),
    ]
    messages = [r.message for r in replies] + [p.message for p in platform.posts]
    for message in messages:
        shown = [message.plain(), fallback_text(message)] + [
            block_mrkdwn(b) for b in message.blocks
        ]
        for text in shown:
            assert VERBATIM_OPEN not in text and VERBATIM_CLOSE not in text, text
    assert "From A test review" in Message(platform.posts[0].message.blocks).plain()
