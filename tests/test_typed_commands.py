"""Typed command lines read as written: quoted option values, speakers, /as, scoped settings."""

from __future__ import annotations

import io

import pytest

from adapters.console import ConsolePlatform, ConsoleSession
from bot.commands.spec import split_args
from bot.models import Kind
from tests.conftest import load_sample

TWOMBLY = "I have never loved anyone the way I loved you."


async def stored_quote(engine, ctx, number):  # type: ignore[no-untyped-def]
    club = await engine.club(ctx)
    doc = (await engine.store.discussion.list_documents(club.id))[0].document
    return (await engine.store.discussion.get_item(club.id, doc.id, Kind.QUOTE, number)).item


@pytest.mark.parametrize(
    "line",
    [
        f'add quote speaker="Theodore Twombly" {TWOMBLY}',
        f'add quote "speaker=Theodore Twombly" {TWOMBLY}',
        f"add quote speaker='Theodore Twombly' {TWOMBLY}",
        f"add quote speaker=\u201cTheodore Twombly\u201d {TWOMBLY}",  # Slack's curly quotes
        f'add quote {TWOMBLY} speaker="Theodore Twombly"',
    ],
)
async def test_a_quoted_speaker_is_the_speaker_and_the_rest_is_the_text(engine, mod, line):
    await load_sample(engine, mod)
    reply = (await engine.execute_text(mod, line)).message.plain()
    assert "qt3" in reply, reply
    quote = await stored_quote(engine, mod, 3)
    assert quote.speaker == "Theodore Twombly"
    assert quote.text == TWOMBLY


def test_the_tokenizer_groups_a_quoted_value_after_equals():
    words = [w for w, _, _ in split_args('kind=quote speaker="A B" don\'t "x y"')]
    assert words == ["kind=quote", "speaker=A B", "don't", "x y"]


async def test_edit_changes_a_quotes_speaker_its_text_or_both(engine, mod):
    await load_sample(engine, mod)
    reply = (await engine.execute_text(mod, 'edit qt2 speaker="Theodore Twombly"')).message.plain()
    assert "Theodore Twombly" in reply
    quote = await stored_quote(engine, mod, 2)
    assert quote.speaker == "Theodore Twombly"
    assert quote.text == "I've never loved anyone the way I loved you."
    await engine.execute_text(mod, "edit qt2 speaker=Samantha The past is just a story.")
    quote = await stored_quote(engine, mod, 2)
    assert (quote.speaker, quote.text) == ("Samantha", "The past is just a story.")
    await engine.execute_text(mod, "edit qt2 We are only here briefly.")
    quote = await stored_quote(engine, mod, 2)
    assert (quote.speaker, quote.text) == ("Samantha", "We are only here briefly.")
    refused = (await engine.execute_text(mod, "edit qn1 speaker=Ann")).message.plain()
    assert "Only quotes have a speaker" in refused
    assert "Nothing to change" in (await engine.execute_text(mod, "edit qt2")).message.plain()


async def as_(engine, line: str) -> tuple[ConsoleSession, str]:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    session = ConsoleSession(engine, ConsolePlatform(out))
    await session.handle(line)
    return session, out.getvalue()


@pytest.mark.parametrize(
    ("line", "name", "moderator"),
    [
        ('/as "Ann Lee" member', "Ann Lee", False),
        ("/as 'Ann Lee' moderator", "Ann Lee", True),
        ("/as ann member", "ann", False),
        ("/as ann MEMBER", "ann", False),
        ("/as ann", "ann", True),
        ("/as bob mod", "bob", True),
    ],
)
async def test_as_reads_the_name_and_the_role(engine, line, name, moderator):
    session, said = await as_(engine, line)
    assert (session.actor.name, session.actor.is_admin) == (name, moderator)
    assert f"You are now {name}, a {'moderator' if moderator else 'member'}." in said


@pytest.mark.parametrize("line", ["/as ann memebr", "/as ann admin", "/as Ann Lee member", "/as"])
async def test_as_refuses_an_unknown_role_and_changes_nothing(engine, line):
    session, said = await as_(engine, line)
    assert session.actor.name == "you" and "You are now" not in said
    assert said.strip()


async def test_channel_settings_report_the_values_in_force(engine, mod):
    await engine.execute_text(mod, "config set spoilers on")
    said = (await engine.execute_text(mod, "config set spoilers channel off")).message.plain()
    assert "on → off" in said
    shown = (await engine.execute_text(mod, "config show")).message.plain()
    assert "spoilers = off" in shown
    said = (await engine.execute_text(mod, "config reset spoilers channel")).message.plain()
    assert "follows the club's setting (on)" in said and "it was off" in said
    assert "spoilers = on" in (await engine.execute_text(mod, "config show")).message.plain()
    said = (await engine.execute_text(mod, "config reset spoilers")).message.plain()
    assert "back to its default (off)" in said and "it was on" in said


async def test_without_a_log_channel_moderators_are_told_in_the_channel(
    engine, platform, mod, member
):
    await load_sample(engine, mod)
    await engine.execute_text(member, "suggest What is Samantha afraid of?")
    [notice] = [p.message.plain() for p in platform.channel_posts("C1")]
    assert "A new suggestion (#1) is waiting for a moderator" in notice
    assert "afraid" not in notice  # the channel's members do not read the suggestion itself
    await engine.execute_text(mod, "config set log_channel C9")
    await engine.execute_text(member, "suggest Would Theodore forgive her?")
    [logged] = [p.message.plain() for p in platform.channel_posts("C9")]
    assert "New suggestion #2" in logged and "Would Theodore forgive her?" in logged
    assert len(platform.channel_posts("C1")) == 1


def test_the_console_tells_of_suggestions_without_warnings_or_buttons(tmp_path):
    from tests.test_console import run_console

    result = run_console(
        tmp_path,
        "/as ann member\n/filmclub suggest Is Theodore lonely?\n/as you\n/filmclub suggestions\n",
    )
    assert result.returncode == 0, result.stderr
    assert "A new suggestion (#1) is waiting for a moderator" in result.stdout
    assert "#1 from ann" in result.stdout
    assert "WARNING" not in result.stderr and "WARNING" not in result.stdout
    assert "button" not in result.stdout.lower()
