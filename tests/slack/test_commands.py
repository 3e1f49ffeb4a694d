"""/filmclub through the real bolt app: signed requests in, Web API calls and answers out."""

from __future__ import annotations

import time

from bot.i18n import t
from tests.conftest import context, load_sample

HER = """Her, reviewed

Theodore: How many others?
Samantha: Six hundred and forty-one.

"We wanted the world to be warm," said Spike Jonze.

Is Samantha's love real?
"""


def slack_ctx(user: str = "UMOD", channel: str = "C1"):  # type: ignore[no-untyped-def]
    return context(user, platform="slack", workspace="T1", channel=channel)


async def test_bad_signature_is_refused_without_calling_slack(slack):
    body = slack.command_body("help", "UMOD", "C1")
    status, _ = await slack.post(body, "application/x-www-form-urlencoded", secret="wrong")
    assert status == 401
    assert slack.api.calls == []


async def test_stale_timestamp_is_refused_without_calling_slack(slack):
    body = slack.command_body("help", "UMOD", "C1")
    old = int(time.time()) - 10 * 60
    status, _ = await slack.post(body, "application/x-www-form-urlencoded", timestamp=old)
    assert status == 401
    assert slack.api.calls == []


async def test_help_is_ephemeral_and_lists_commands_from_the_registry(slack):
    ack = await slack.command("help")
    assert ack["response_type"] == "ephemeral"
    text = ack["text"]
    for command in slack.engine.registry:
        assert f"/filmclub {command.name}" in text  # an admin sees every command
    assert "auth.test" in slack.api.methods()
    [info] = slack.api.calls_to("users.info")
    assert info.params["user"] == "UMOD"


async def test_members_see_only_member_commands(slack):
    text = (await slack.command("help", user="UMEM"))["text"]
    assert "/filmclub docs" in text
    assert "/filmclub use" not in text


async def test_admin_status_is_cached(slack):
    await slack.command("help")
    await slack.command("docs")
    assert len(slack.api.calls_to("users.info")) == 1


async def test_unknown_command_explains_and_suggests(slack):
    ack = await slack.command("hlep")
    assert ack["response_type"] == "ephemeral"
    assert "help" in ack["text"]
    assert slack.api.calls_to("chat.postMessage") == []


async def test_load_by_url_acks_first_and_answers_through_response_url(slack):
    slack.api.documents["her.txt"] = HER
    url = f"{slack.api.url}/doc/her.txt"
    ack = await slack.command(f'load "{url}"')
    assert "Working on" in ack["text"]
    [answer] = slack.api.responses
    assert answer["response_type"] == "ephemeral"
    assert "1 quote, 1 exchange and 1 question" in answer["text"]
    docs = (await slack.command("docs"))["text"]
    assert "Her, reviewed" in docs


async def test_load_by_member_is_refused(slack):
    slack.api.documents["her.txt"] = HER
    text = await slack.answer(f"load {slack.api.url}/doc/her.txt", user="UMEM")
    assert t("errors.moderators_only", command="load") in text
    assert await slack.engine.store.discussion.list_documents(1) == []


async def test_docs_use_preview(slack):
    await load_sample(slack.engine, slack_ctx())
    assert "A test review" in (await slack.command("docs"))["text"]
    assert "#1" in (await slack.command("use 1"))["text"]
    preview = (await slack.command("preview questions"))["text"]
    assert "qn1" in preview and "Samantha" in preview


async def test_question_posts_block_kit_and_counts_thread_replies(slack):
    await load_sample(slack.engine, slack_ctx())
    ack = await slack.command("question")
    assert "qn1" in ack["text"]
    [post] = slack.api.posts()
    assert post["channel"] == "C1"
    assert "Is Samantha's love real?" in post["text"]
    kinds = [b["type"] for b in post["blocks"]]
    assert kinds[0] == "section" and kinds[-1] == "context"
    assert "A test review" in post["blocks"][-1]["elements"][0]["text"]
    parent_ts = "1700000000.000001"
    status = await slack.event(
        {
            "type": "message",
            "channel": "C1",
            "user": "UMEM",
            "text": "I think so",
            "ts": "1700000100.000001",
            "thread_ts": parent_ts,
        }
    )
    assert status == 200
    history = (await slack.command("history"))["text"]
    assert "1 reply, 1 participant" in history


async def test_every_prompt_command(slack):
    await load_sample(slack.engine, slack_ctx())
    for text in ("quote", "exchange", "discuss question", "discuss qn2"):
        ack = await slack.command(text)
        assert "posted" in ack["text"].lower() or "qn" in ack["text"] or "qt" in ack["text"]
    assert len(slack.api.posts()) == 4
    stats = (await slack.command("stats"))["text"]
    assert "A test review" in stats


async def test_exchange_split_goes_into_the_thread(slack):
    from bot.models import Extraction, Item, Kind, Turn

    turns = tuple(Turn("Theodore" if i % 2 else "Samantha", "word " * 150) for i in range(12))
    long = Extraction(title="Long", film="Her", items=(Item(Kind.EXCHANGE, turns=turns),))
    await load_sample(slack.engine, slack_ctx(), long, text="long")
    await slack.command("exchange")
    posts = slack.api.posts()
    assert len(posts) > 1
    parent = posts[0]
    assert "thread_ts" not in parent
    for extra in posts[1:]:
        assert extra["thread_ts"] == "1700000000.000001"
    for post in posts:
        for block in post["blocks"]:
            text = block.get("text", {}).get("text") or block["elements"][0]["text"]
            assert len(text) <= 3000
        assert len(post["blocks"]) <= 50


async def test_not_in_channel_is_explained(slack):
    await load_sample(slack.engine, slack_ctx())
    slack.api.script("chat.postMessage", {"ok": False, "error": "not_in_channel"})
    ack = await slack.command("question")
    assert "/invite @filmclub" in ack["text"]
    # Nothing was used up: once invited, the same question is posted.
    ack = await slack.command("question")
    assert "qn1" in ack["text"]


async def test_missing_scope_names_the_scope(slack):
    await load_sample(slack.engine, slack_ctx())
    slack.api.script(
        "chat.postMessage", {"ok": False, "error": "missing_scope", "needed": "chat:write"}
    )
    ack = await slack.command("question")
    assert "`chat:write`" in ack["text"]


async def test_channel_not_found_is_explained(slack):
    await load_sample(slack.engine, slack_ctx())
    slack.api.script("chat.postMessage", {"ok": False, "error": "channel_not_found"})
    ack = await slack.command("question")
    assert "can't find that channel" in ack["text"]


async def test_rate_limit_is_waited_out_then_posted(slack):
    await load_sample(slack.engine, slack_ctx())
    slack.api.script(
        "chat.postMessage",
        {"ok": False, "error": "ratelimited"},
        status=429,
        **{"Retry-After": "0"},
    )
    ack = await slack.command("question")
    assert "qn1" in ack["text"]
    assert len(slack.api.calls_to("chat.postMessage")) == 2


async def test_document_text_can_never_ping(slack):
    from bot.models import Extraction, Item, Kind, Turn

    nasty = Extraction(
        title="<!everyone> review",
        film="Her",
        items=(
            Item(
                Kind.QUOTE,
                text="Wake up <!channel> and @here, <@U123> & <!subteam^S1>",
                speaker="<@U9>",
            ),
            Item(
                Kind.EXCHANGE,
                turns=(Turn("@channel", "see <https://evil.example|this>"), Turn("B", "@everyone")),
            ),
        ),
    )
    await load_sample(slack.engine, slack_ctx(), nasty, text="nasty")
    await slack.command("quote")
    await slack.command("exchange")
    posts = slack.api.posts()
    assert len(posts) == 2
    for post in posts:
        everything = post["text"] + str(post["blocks"])
        for ping in ("<!channel>", "<!here>", "<!everyone>", "<@U", "<!subteam", "<https://"):
            assert ping not in everything
        for word in ("@here", "@channel", "@everyone"):
            assert word not in everything
        assert post.get("link_names") in (None, False, "0", "false")
    assert "&lt;!channel&gt;" in posts[0]["text"]
    assert "&amp;" in posts[0]["text"]


async def test_a_link_escaped_by_slack_in_quotes_is_loaded(slack):
    slack.api.documents["her.txt"] = HER
    await slack.command(f'load "<{slack.api.url}/doc/her.txt>" film=Her')
    [answer] = slack.api.responses
    assert "Loaded document #1" in answer["text"] and "film: Her" in answer["text"]


async def test_msg_too_long_is_explained(slack):
    await load_sample(slack.engine, slack_ctx())
    slack.api.script("chat.postMessage", {"ok": False, "error": "msg_too_long"})
    assert "too long for Slack" in (await slack.command("question"))["text"]


async def test_a_rate_limit_that_lasts_is_explained_with_the_wait(slack):
    await load_sample(slack.engine, slack_ctx())
    for _ in range(3):
        slack.api.script(
            "chat.postMessage",
            {"ok": False, "error": "ratelimited"},
            status=429,
            **{"Retry-After": "0"},
        )
    text = (await slack.command("question"))["text"]
    assert "rate-limiting" in text
    assert len(slack.api.calls_to("chat.postMessage")) == 3  # the first try and two retries


async def test_tokens_and_secrets_never_reach_the_logs(slack, caplog):
    import logging

    from tests.slack.conftest import SECRET

    caplog.set_level(logging.DEBUG)
    await load_sample(slack.engine, slack_ctx())
    await slack.command("question")
    slack.api.script("chat.postMessage", {"ok": False, "error": "invalid_auth"})
    await slack.command("question")
    assert caplog.records
    assert "xoxb-test-token" not in caplog.text
    assert SECRET not in caplog.text
