"""Moderator configuration, suggestions and curation, enforced in the core."""

from __future__ import annotations

import pytest

from bot.messages import QuoteBlock
from bot.models import Extraction, Item, Kind
from bot.store import introspect
from tests.conftest import context, load_sample

pytestmark = pytest.mark.backends

# Plausible arguments for every moderator command, so a refusal is about rights, not syntax.
SAMPLE_ARGS = {
    "load": {"source": "https://example.org/review"},
    "use": {"document": "1"},
    "config set": {"key": "spoilers", "value": "on"},
    "config reset": {"key": "timezone"},
    "approve": {"suggestion": 1},
    "reject": {"suggestion": 1},
    "add": {"kind": "question", "text": "Is it about grief?"},
    "skip": {"item": "qn1"},
    "remove": {"item": "qn1"},
    "restore": {"item": "qn1"},
    "edit": {"item": "qn1", "text": "Changed?"},
    "schedule add": {"when": "daily 19:00", "kind": "question"},
    "schedule pause": {"schedule": 1, "id": 1},
    "schedule resume": {"schedule": 1, "id": 1},
    "schedule remove": {"schedule": 1, "id": 1},
    "screening add": {"when": "2026-12-04 20:00"},
    "screening edit": {"screening": 1},
    "screening cancel": {"screening": 1},
    "screening resume": {"screening": 1},
}


async def dump(store) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    return {
        name: sorted((tuple(r) for r in await store.db.fetchall(f"SELECT * FROM {name}")), key=repr)
        for name in await introspect.tables(store.db)
    }


async def test_every_moderator_command_is_refused_to_members_and_changes_nothing(
    engine, store, mod, member
):
    await load_sample(engine, mod)
    await engine.execute_text(member, "suggest Is Theodore lonely?")
    before = await dump(store)
    moderator_commands = [c for c in engine.registry if c.moderator]
    assert len(moderator_commands) >= 15
    for command in moderator_commands:
        args = {
            k: v
            for k, v in SAMPLE_ARGS.get(command.name, {}).items()
            if k in {o.name for o in command.options}
        }
        reply = await engine.execute(member, command.name, args)
        assert "Only the club's moderators" in reply.message.plain(), command.name
    assert await dump(store) == before


async def test_a_moderator_role_grants_moderator_commands(engine, mod):
    await load_sample(engine, mod)
    helper = context("helper", admin=False, roles=("R42",))
    assert "Only" in (await engine.execute_text(helper, "config show")).message.plain()
    await engine.execute_text(mod, "config set moderator_roles <@&R42>")
    assert "timezone = UTC" in (await engine.execute_text(helper, "config show")).message.plain()


async def test_config_set_validates_and_logs_every_change(engine, mod):
    reply = (await engine.execute_text(mod, "config set timezone Mars/Olympus")).message.plain()
    assert "IANA time zone" in reply
    reply = (await engine.execute_text(mod, "config set colour blue")).message.plain()
    assert "not a valid key" in reply and "timezone" in reply
    reply = (await engine.execute_text(mod, "config set max_quote_length 5")).message.plain()
    assert "from 50 to 1800" in reply
    assert (
        "UTC → Europe/Paris"
        in (await engine.execute_text(mod, "config set timezone Europe/Paris")).message.plain()
    )
    await engine.execute_text(mod, "config set spoilers channel on")
    await engine.execute_text(mod, "config reset timezone")
    log = (await engine.execute_text(mod, "config log")).message.plain()
    lines = log.splitlines()[1:]
    assert "mod changed timezone: Europe/Paris → default" in lines[0]
    assert "mod changed spoilers (#C1): default → on" in lines[1]
    assert "mod changed timezone: default → Europe/Paris" in lines[2]
    assert len(lines) == 3  # refused values were not recorded
    shown = (await engine.execute_text(mod, "config show")).message.plain()
    assert "spoilers = on  [this channel]" in shown
    other = (await engine.execute_text(context(channel="C2"), "config show")).message.plain()
    assert "spoilers = off" in other


async def test_club_wide_settings_cannot_be_set_per_channel(engine, mod):
    reply = (
        await engine.execute_text(mod, "config set timezone channel Europe/Paris")
    ).message.plain()
    assert "club-wide" in reply


async def test_spoiler_mode_and_max_quote_length_shape_the_prompt(engine, platform, mod):
    long_quote = Item(Kind.QUOTE, text="word " * 100 + "end.", speaker="Amy")
    await load_sample(engine, mod, Extraction("Doc", "Her", (long_quote,)), text="q")
    await engine.execute_text(mod, "config set spoilers on")
    await engine.execute_text(mod, "config set max_quote_length 60")
    await engine.execute_text(mod, "quote")
    [post] = platform.channel_posts()
    assert post.message.spoiler
    block = next(b for b in post.message.blocks if isinstance(b, QuoteBlock))
    assert block.truncated and block.text.endswith("\u2026") and len(block.text) <= 60
    [(_, title, _)] = platform.threads.values()
    assert "word" not in title and "Spoiler" in title


async def test_suggestions_flow_approve_reject_and_duplicates(engine, platform, mod, member):
    await load_sample(engine, mod)
    reply = (
        await engine.execute_text(member, "suggest Would you ever date an OS?")
    ).message.plain()
    assert "#1" in reply and "close to qn2" in reply
    reply = (
        await engine.execute_text(member, "suggest What does the ending mean for Theodore?")
    ).message.plain()
    assert "#2" in reply and "close to" not in reply
    queue = await engine.execute_text(mod, "suggestions")
    assert "[close to qn2]" in queue.message.plain()
    assert [a.command for a in queue.actions] == ["approve", "reject", "approve", "reject"]
    approve = queue.actions[2]
    reply = await engine.execute(mod, approve.command, dict(approve.args))
    assert "question qn3" in reply.message.plain()
    assert (
        "qn3  What does the ending mean"
        in (await engine.execute_text(mod, "preview questions")).message.plain()
    )
    assert "rejected" in (await engine.execute_text(mod, "reject 1")).message.plain()
    told = [p.message.plain() for p in platform.channel_posts("C1")]
    # No direct messages here: an approval is said in the channel, a rejection never is.
    assert any("was approved" in m for m in told) and not any("not taken" in m for m in told)
    assert "No suggestions" in (await engine.execute_text(mod, "suggestions")).message.plain()
    assert (
        "no waiting suggestion #1" in (await engine.execute_text(mod, "approve 1")).message.plain()
    )


async def test_curation_add_skip_remove_restore_edit(engine, platform, mod):
    await load_sample(engine, mod)
    assert (
        "qn3"
        in (await engine.execute_text(mod, "add question Is it a love story?")).message.plain()
    )
    reply = (
        await engine.execute_text(mod, 'add quote speaker="Samantha" The past is just a story.')
    ).message.plain()
    assert "qt3" in reply and "Samantha" in reply
    reply = (
        await engine.execute_text(mod, "add exchange Amy: Hi / Theodore: Hello")
    ).message.plain()
    assert "ex2" in reply
    assert (
        "Name: line"
        in (await engine.execute_text(mod, "add exchange just one line")).message.plain()
    )
    await engine.execute_text(mod, "skip qn1")
    await engine.execute_text(mod, "remove qn2")
    assert "qn3" in (await engine.execute_text(mod, "question")).message.plain()
    assert "The only question" in (await engine.execute_text(mod, "question")).message.plain()
    await engine.execute_text(mod, "restore qn1")
    await engine.execute_text(mod, "edit qn1 Is Samantha's love as real as Theodore's?")
    reply = (await engine.execute_text(mod, "question")).message.plain()
    assert "qn1" in reply and "as real as Theodore" in reply
    pool = (await engine.execute_text(mod, "pool questions")).message.plain()
    assert "qn1  Is Samantha's love as real as Theodore's?  [edited]" in pool
    assert "qn2  Would you date an OS?  [removed]" in pool
    assert "[added by a moderator]" in pool
    club = await engine.club(mod)
    doc = (await engine.store.discussion.list_documents(club.id))[0].document
    stored = await engine.store.discussion.get_item(club.id, doc.id, Kind.QUESTION, 1)
    assert stored.original.text == "Is Samantha's love real?"


async def test_another_club_cannot_touch_this_clubs_data_even_by_guessing(
    engine, store, mod, member
):
    await load_sample(engine, mod)
    await engine.execute_text(member, "suggest A question from club one?")
    before = await dump(store)
    intruder = context("boss", workspace="W2")
    for line in ("use 1", "approve 1", "reject 1", "skip qn1", "edit qn1 hacked?", "remove qn1"):
        reply = (await engine.execute_text(intruder, line)).message.plain()
        assert "hacked" not in reply
    assert "No suggestions" in (await engine.execute_text(intruder, "suggestions")).message.plain()
    assert "No setting" in (await engine.execute_text(intruder, "config log")).message.plain()
    after = await dump(store)
    # Only the intruder's own club and channel rows were added.
    assert {k: v for k, v in after.items() if k not in ("clubs", "channels")} == {
        k: v for k, v in before.items() if k not in ("clubs", "channels")
    }


async def test_the_clubs_language_is_used_for_the_bots_own_words(engine, mod, member, monkeypatch):
    from bot import i18n

    # A stand-in translation: a catalog for "xx" holding one string.
    real_catalog = i18n.catalog

    def catalog(language: str) -> dict[str, str]:
        if language == "xx":
            return {"errors.moderators_only": "XX-only: {command}"}
        return real_catalog(language)

    monkeypatch.setattr(i18n, "catalog", catalog)
    monkeypatch.setattr("bot.club_settings.languages", lambda: ["en", "xx"])
    assert (
        "changed" not in (await engine.execute_text(mod, "config set language xx")).message.plain()
    )
    assert (
        await engine.execute_text(member, "config show")
    ).message.plain() == "XX-only: config show"
    # Strings the translation lacks fall back to English.
    assert "Show these commands" in (await engine.execute_text(member, "help")).message.plain()
    other_club = context("x", admin=False, workspace="W9")
    assert (
        "Only the club's moderators"
        in (await engine.execute_text(other_club, "config show")).message.plain()
    )


async def test_config_show_offers_menus_that_set_the_common_settings(engine, mod):
    reply = await engine.execute_text(mod, "config show")
    by_key = {dict(m.args)["key"]: m for m in reply.menus}
    assert set(by_key) == {"spoilers", "rotation", "kinds", "auto_archive"}
    assert by_key["spoilers"].current == ("off",) and by_key["kinds"].multiple
    menu = by_key["kinds"]
    chosen = "question quote"
    result = await engine.execute(mod, menu.command, {**dict(menu.args), menu.option: chosen})
    assert "question, quote" in result.message.plain()
    assert (
        "kinds = question, quote" in (await engine.execute_text(mod, "config show")).message.plain()
    )
