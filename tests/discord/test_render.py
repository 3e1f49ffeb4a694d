"""Rendering neutral messages as Discord payloads: Markdown, limits, spoilers, mentions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.discord.render import (
    MAX_CONTENT,
    MAX_EMBED_DESCRIPTION,
    MAX_EMBED_TOTAL,
    auto_archive,
    render,
    thread_name,
)
from bot.messages import (
    DialogueBlock,
    FooterBlock,
    ListBlock,
    Message,
    QuestionBlock,
    QuoteBlock,
    TextBlock,
)
from bot.models import Turn


def one(message: Message):  # type: ignore[no-untyped-def]
    [payload] = render(message)
    return payload


def test_quote_is_a_block_quote_with_its_speaker_and_a_source_footer():
    payload = one(
        Message(
            (
                QuoteBlock("We wanted the world\nto be warm.", "Spike Jonze"),
                FooterBlock("From Her · qt1"),
            )
        )
    )
    assert payload.content == (
        "> We wanted the world\n> to be warm.\n> \u2014 **Spike Jonze**\n\n-# From Her · qt1"
    )
    assert payload.embeds == []


def test_exchange_names_every_speaker_in_order_and_question_stands_alone():
    turns = (Turn("Theodore", "How many others?"), Turn("Samantha", "641."), Turn(None, "Oh."))
    assert one(Message((DialogueBlock(turns),))).content == (
        "**Theodore:** How many others?\n**Samantha:** 641.\n**?:** Oh."
    )
    assert one(Message((QuestionBlock("Is her love real?"),))).content == "**Is her love real?**"


def test_document_text_is_inert_markdown_and_never_mentions():
    payload = one(Message((QuoteBlock("@everyone look *here* <@&42> <@7>", "@here"),)))
    assert "@everyone" not in payload.content and "@here" not in payload.content
    assert "<@&42>" not in payload.content and "<@7>" not in payload.content
    assert "\\*here\\*" in payload.content
    assert payload.allowed_mentions.to_dict() == {"parse": []}


def test_document_text_cannot_link_channels_or_commands():
    payload = one(Message((QuestionBlock("See <#123>, </filmclub help:1> and <id:guide>?"),)))
    for markup in ("<#123>", "</filmclub help:1>", "<id:guide>"):
        assert markup not in payload.content
    assert "123" in payload.content and "filmclub help" in payload.content


def test_bot_text_keeps_its_own_channel_links_but_cannot_ping_or_link_quoted_text():
    text = "Posted in <#123> for @everyone; quoted: <#456> <@7> <@!8> <@&9> </filmclub help:1>"
    [payload] = render(Message((TextBlock(text), ListBlock((text,)))), links={"123"}.__contains__)
    assert payload.content.count("<#123>") == 2
    for markup in ("@everyone", "<#456>", "<@7>", "<@!8>", "<@&9>", "</filmclub help:1>"):
        assert markup not in payload.content
    assert "<#123>" not in one(Message((TextBlock(text),))).content  # links named by nobody


def test_ping_role_pings_only_that_role():
    payload = one(Message((QuestionBlock("Why?"),), ping_role="555"))
    assert payload.content.startswith("<@&555>\n")
    assert payload.allowed_mentions.to_dict() == {"parse": [], "roles": [555]}


def test_spoiler_hides_quote_and_dialogue_but_not_the_footer():
    message = Message(
        (
            QuoteBlock("She leaves.", "Samantha"),
            DialogueBlock((Turn("Theodore", "Are you leaving?"),)),
            FooterBlock("From Her · qt1"),
        ),
        spoiler=True,
    )
    content = one(message).content
    assert "> ||She leaves.||" in content
    assert "**||Samantha||**" in content
    assert "||**Theodore:** Are you leaving?||" in content
    assert content.endswith("-# From Her · qt1")


def test_long_reply_moves_into_embeds_within_limits():
    lines = tuple(f"qn{i}  " + "word " * 30 for i in range(60))
    payloads = render(Message((ListBlock(lines, title="Questions (60)"),)))
    assert all(p.content is None for p in payloads)
    texts = [e.description for p in payloads for e in p.embeds]
    assert "".join(texts).count("qn") == 60
    for p in payloads:
        assert sum(len(e.description) for e in p.embeds) <= MAX_EMBED_TOTAL
        assert all(len(e.description) <= MAX_EMBED_DESCRIPTION for e in p.embeds)


def test_long_message_with_ping_keeps_the_ping_in_content_of_the_first_message_only():
    payloads = render(Message((TextBlock("x " * 3000),), ping_role="9"))
    assert payloads[0].content == "<@&9>"
    assert all(p.content is None for p in payloads[1:])
    assert all(p.allowed_mentions.to_dict() == {"parse": []} for p in payloads[1:])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=3000), min_size=1, max_size=5), st.booleans())
def test_every_payload_respects_discords_limits(texts, spoiler):
    message = Message(tuple(QuoteBlock(t, "S") for t in texts), spoiler=spoiler)
    for payload in render(message):
        assert payload.content is None or 0 < len(payload.content) <= MAX_CONTENT
        assert len(payload.embeds) <= 10
        assert sum(len(e.description or "") for e in payload.embeds) <= MAX_EMBED_TOTAL


def test_thread_names_fit_discord():
    assert thread_name("Is her love\nreal?") == "Is her love real?"
    long = thread_name("word " * 60)
    assert len(long) <= 100 and long.endswith("\u2026")
    assert thread_name("") == "Discussion"
    assert "@everyone" not in thread_name("hi @everyone")
    assert auto_archive(1440) == 1440 and auto_archive(100) == 60 and auto_archive(None) is None
