"""The Discord adapter's own words come from the string catalog, in the club's language."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import discord
import pytest

from adapters.discord.components import SETTINGS_BUTTON
from adapters.discord.settings_form import MODAL_ID
from bot import i18n
from tests.discord.conftest import load_club_sample
from tests.discord.payloads import (
    BOT_PERMISSIONS,
    button_interaction,
    modal_submit_interaction,
    select_interaction,
)

ADAPTER = Path(__file__).resolve().parents[2] / "adapters" / "discord"
THREADS = r"^/api/v10/channels/\d+/messages/\d+/threads$"
BUTTON, MODAL = 2, 9
# Two words in a row, or one capitalised word alone (a label such as "Saved:"): words a
# member could be shown.
PROSE = re.compile(r"[A-Za-z']{2,}[,;:]?\s+[A-Za-z']{2,}|^[A-Z][a-z]+[:…]?$")
# Operator-facing words, never shown to a club: the terminal commands of ``filmclub discord``
# (cli.py), the startup error for a bad token, and an internal error that is caught.
OPERATOR_MODULES = {"cli.py"}
ALLOWED = {
    "Discord rejected DISCORD_TOKEN: copy the bot token again from the Developer "
    "Portal (Bot page → Reset Token)",
    "maximum number of child commands exceeded",
    # The core's command names (typed, never translated).
    "config set",
    "config reset",
    # What a retried call is called in the log.
    "Discord call",
    "active threads",
    "open DM",
}
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical"}


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(
            node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        ) and (body := node.body):
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _logged(tree: ast.Module) -> set[int]:
    """Ids of every node inside a ``log.<level>(...)`` call: log lines stay English."""
    ids = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in LOG_METHODS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "log"
        ):
            ids.update(id(inner) for inner in ast.walk(node))
    return ids


def sentences_in(source: str, name: str = "<source>") -> list[str]:
    """String literals (f-string parts too) that read like prose, outside docstrings, log
    calls and ``ALLOWED``."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _logged(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip or not isinstance(node, ast.Constant):
            continue
        if isinstance(node.value, str) and PROSE.search(node.value) and node.value not in ALLOWED:
            found.append(f"{name}:{node.lineno}: {node.value!r}")
    return found


def test_no_sentence_for_members_is_hard_coded_in_the_adapter():
    # A sentence shown to members belongs in bot/locales/en/discord.toml, looked up with
    # adapters.discord.strings.s(), so that a translation is a file, not a code change.
    found = [
        sentence
        for path in sorted(ADAPTER.glob("*.py"))
        if path.name not in OPERATOR_MODULES
        for sentence in sentences_in(path.read_text(encoding="utf-8"), path.name)
    ]
    assert found == []


def test_the_scan_catches_a_new_english_reply_but_not_docstrings_or_logs():
    assert sentences_in('send_message(f"Sorry, {name} could not be found", ephemeral=True)')
    assert sentences_in('EXPIRED = "This button has expired."')
    assert sentences_in('TITLE = "Club settings"') and sentences_in('SAVED = "Saved:"')
    quiet = '''
def f():
    """Say what this does in a sentence."""
    log.warning("could not answer interaction %s", 1)
    return s("button_expired")
'''
    assert sentences_in(quiet) == []


def test_every_key_the_adapter_looks_up_is_in_the_english_catalog():
    english = i18n.catalog("en")
    keys = set()
    for path in ADAPTER.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "s"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                keys.add(node.args[0].value)
    assert keys, "the adapter looks its sentences up with s()"
    assert sorted(k for k in keys if f"discord.{k}" not in english) == []
    from adapters.discord.settings_form import FIELDS

    assert all(f"discord.settings.labels.{key}" in english for key in FIELDS)
    from adapters.discord.errors import NEEDS

    flags = {flag for needs in NEEDS.values() for flag in needs}
    assert all(f"discord.permissions.{flag}" in english for flag in flags)


@pytest.fixture
def xx(monkeypatch):  # type: ignore[no-untyped-def]
    """A stand-in translation "xx" of every Discord sentence: "XX " and the English."""
    real_catalog = i18n.catalog
    translated = {
        key: f"XX {text}" for key, text in real_catalog("en").items() if key.startswith("discord.")
    }

    def catalog(language: str) -> dict[str, str]:
        return translated if language == "xx" else real_catalog(language)

    monkeypatch.setattr(i18n, "catalog", catalog)
    monkeypatch.setattr("bot.club_settings.languages", lambda: ["en", "xx"])
    return translated


async def speak_xx(harness) -> None:  # type: ignore[no-untyped-def]
    shown = await harness.run("config set", {"key": "language", "value": "xx"}, moderator=True)
    assert (await harness.engine.settings_for(await club(harness))).language == "xx", shown


async def club(harness):  # type: ignore[no-untyped-def]
    from tests.discord.conftest import mod_context

    return await harness.engine.club(mod_context())


def content(harness, payload: dict[str, Any]) -> str:  # type: ignore[no-untyped-def]
    return harness.text(harness.responses(payload))


async def test_expired_components_answer_in_the_clubs_language(harness, xx):
    gone = await harness.feed(button_interaction("filmclub:#unknown-token"))
    assert content(harness, gone).startswith("This button has expired")
    await speak_xx(harness)
    gone = await harness.feed(button_interaction("filmclub:#unknown-token"))
    assert content(harness, gone).startswith("XX This button has expired")
    menu = await harness.feed(select_interaction("filmclub-menu:#gone", ["on"]))
    assert content(harness, menu).startswith("XX This menu has expired")


async def test_the_settings_button_and_modal_are_in_the_clubs_language(harness, xx):
    await speak_xx(harness)
    shown = await harness.run("config show", moderator=True)
    [button] = [
        c
        for s in shown
        for row in s.get("components") or []
        for c in row["components"]
        if c["type"] == BUTTON
    ]
    assert button["custom_id"] == SETTINGS_BUTTON and button["label"] == "XX Edit settings…"
    payload = await harness.feed(button_interaction(SETTINGS_BUTTON, moderator=True))
    [modal] = [
        c
        for c in harness.fake.callbacks
        if c["interaction_id"] == payload["id"] and c["type"] == MODAL
    ]
    assert modal["data"]["title"] == "XX Club settings"
    labels = {c["component"]["custom_id"]: c["label"] for c in modal["data"]["components"]}
    assert labels["timezone"] == "XX Time zone"
    hints = {c["component"]["custom_id"]: c["description"] for c in modal["data"]["components"]}
    assert hints["log_channel"].startswith("XX A channel id")
    nothing = await harness.feed(modal_submit_interaction(MODAL_ID, {}, moderator=True))
    assert content(harness, nothing).startswith("XX Nothing changed")


async def test_a_permission_error_is_explained_in_the_clubs_language(
    harness, fake, discord_engine, xx
):
    await load_club_sample(discord_engine)
    await speak_xx(harness)
    fake.fail("POST", THREADS, 403, {"code": 50013, "message": "Missing Permissions"})
    no_threads = discord.Permissions(BOT_PERMISSIONS.value)
    no_threads.create_public_threads = False
    text = harness.text(await harness.run("question", app_permissions=no_threads))
    assert "XX the bot needs the **XX Create Public Threads** permission" in text


async def test_outside_a_server_the_members_own_language_is_used_when_the_bot_has_it(
    harness, monkeypatch
):
    real_catalog = i18n.catalog
    french = {"discord.guild_only": "filmclub marche dans les salons d'un serveur."}
    monkeypatch.setattr(
        i18n, "catalog", lambda lang: french if lang == "fr" else real_catalog(lang)
    )
    monkeypatch.setattr("adapters.discord.commands.languages", lambda: ["en", "fr"])
    payload = await harness.feed(
        {**_direct("help"), "locale": "fr"}  # Discord's French locale
    )
    assert content(harness, payload) == french["discord.guild_only"]
    payload = await harness.feed({**_direct("help"), "locale": "de"})  # not translated
    assert content(harness, payload).startswith("filmclub works in server channels")


def _direct(path: str) -> dict[str, Any]:
    from tests.discord.payloads import command_interaction

    return command_interaction(path, guild_id=None)
