"""Block Kit rendering: escaping, Slack's limits, footers, buttons and mentions."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from adapters.slack.render import (
    escape,
    group_mention,
    parse_action_value,
    post_payload,
    reply_payload,
    split_text,
)
from bot.messages import (
    Action,
    FooterBlock,
    ListBlock,
    Message,
    QuestionBlock,
    QuoteBlock,
    Reply,
    TextBlock,
)


@given(st.text(alphabet=st.sampled_from(list("<>!&@|^#abc hereveryonchanlsubtm")), max_size=80))
def test_escaped_text_never_contains_slack_control_sequences(text):
    out = escape(text)
    assert "<" not in out and ">" not in out
    for word in ("@here", "@channel", "@everyone"):
        assert word not in out.lower()


def test_escape_keeps_the_words_readable():
    assert escape("Tom & Jerry <3") == "Tom &amp; Jerry &lt;3"
    assert escape("ping @here now") == "ping @\u200bhere now"
    assert escape("mail me @ home") == "mail me @ home"


def test_quote_is_a_blockquote_with_its_speaker_and_a_context_footer():
    message = Message((QuoteBlock("Line one\nLine two", "Samantha"), FooterBlock("From Her · qt1")))
    payload = post_payload(message)
    section, footer = payload["blocks"]
    assert section["text"]["text"] == ">Line one\n>Line two\n\u2014 _Samantha_"
    assert section["text"]["verbatim"] is True
    assert footer["type"] == "context"
    assert footer["elements"][0]["text"] == "From Her · qt1"
    assert "Line one" in payload["text"]


def test_sections_stay_under_3000_characters_and_50_blocks():
    lines = tuple(f"line {i} " + "&" * 40 for i in range(2000))
    payload = post_payload(Message((ListBlock(lines, title="Many"),)))
    assert len(payload["blocks"]) <= 50
    for block in payload["blocks"]:
        text = block.get("text", {}).get("text") or block["elements"][0]["text"]
        assert len(text) <= 3000
        assert not text.endswith("&am")  # never cut inside an entity
    assert "shortened" in json.dumps(payload["blocks"][-1])
    assert len(payload["text"]) <= 4000


def test_split_text_never_loses_words():
    text = " ".join(f"w{i}" for i in range(3000))
    pieces = split_text(text, 100)
    assert all(len(p) <= 100 for p in pieces)
    assert " ".join(pieces).split() == text.split()


def test_ping_role_only_for_a_user_group_id():
    assert group_mention("S0PING") == "<!subteam^S0PING>"
    assert group_mention(None) == ""
    assert group_mention("here") == ""
    assert group_mention("S1> <!channel") == ""
    message = Message((QuestionBlock("Why?"),), ping_role="S0PING")
    assert post_payload(message)["text"].startswith("<!subteam^S0PING> ")
    assert "<!subteam" not in post_payload(Message((QuestionBlock("Why?"),)))["text"]


def test_reply_payload_is_ephemeral_unless_public_and_carries_buttons():
    reply = Reply(
        Message((TextBlock("Queue"),)),
        actions=(
            Action("Approve #1", "approve", (("suggestion", "1"),), "primary"),
            Action("Reject #1", "reject", (("suggestion", "1"),), "danger"),
        ),
    )
    payload = reply_payload(reply)
    assert payload["response_type"] == "ephemeral"
    [actions] = [b for b in payload["blocks"] if b["type"] == "actions"]
    approve, reject = actions["elements"]
    assert approve["style"] == "primary" and reject["style"] == "danger"
    assert parse_action_value(approve["value"]) == ("approve", {"suggestion": "1"})
    assert parse_action_value("not json") is None
    public = reply_payload(Reply(Message.text("hi"), private=False))
    assert public["response_type"] == "in_channel"


def test_an_empty_message_still_has_text_and_no_empty_block_list():
    payload = post_payload(Message(()))
    assert payload["text"]
    assert "blocks" not in payload
