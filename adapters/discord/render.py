"""Neutral messages to Discord payloads: Markdown content, overflow embeds, safe mentions."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import discord
from discord.utils import escape_markdown

from adapters.discord.strings import s
from bot.messages import (
    VERBATIM_CLOSE,
    VERBATIM_OPEN,
    Block,
    DialogueBlock,
    FooterBlock,
    ListBlock,
    Message,
    QuestionBlock,
    QuoteBlock,
    TextBlock,
)
from bot.numbers import is_numeric_id

log = logging.getLogger(__name__)

MAX_CONTENT = 2000
MAX_EMBED_DESCRIPTION = 4096
MAX_EMBEDS = 10
MAX_EMBED_TOTAL = 6000
MAX_THREAD_NAME = 100
EMBED_COLOUR = 0x5865F2
ELLIPSIS = "\u2026"
# Applied to the bot's own words (not document text): e.g. naming commands as typed on Discord.
Rewrite = Callable[[str], str]
# Which channel ids the bot's own words may show as ``<#id>`` links: those it named itself.
Linkable = Callable[[str], bool]
_EVERYONE = re.compile(r"@(everyone|here)")
_AT = re.compile("@(?!\u200b)")
# Discord markup that mentions or links: <#channel>, </command:id>, <id:guide>; users and roles
# (<@…>) are made inert by ``_AT`` in document text and by ``_MENTION`` in the bot's words.
_MARKUP = re.compile(r"<(?=#|/|id:)")
_MENTION = re.compile(r"<(?=@|/|id:)")
_CHANNEL = re.compile(r"<#(\d+)>")


@dataclass(frozen=True)
class Payload:
    """One Discord message: content (≤ 2,000 chars) and embeds (within embed limits)."""

    content: str | None
    embeds: list[discord.Embed] = field(default_factory=list)
    allowed_mentions: discord.AllowedMentions = field(default_factory=discord.AllowedMentions.none)


def allowed_mentions(message: Message) -> discord.AllowedMentions:
    """Ping nobody, except the configured prompt role when the message asks for it."""
    if message.ping_role and is_numeric_id(message.ping_role):
        return discord.AllowedMentions(
            everyone=False,
            users=False,
            roles=[discord.Object(int(message.ping_role))],
            replied_user=False,
        )
    return discord.AllowedMentions.none()


_VERBATIM = re.compile(f"{VERBATIM_OPEN}([^{VERBATIM_OPEN}{VERBATIM_CLOSE}]*){VERBATIM_CLOSE}")


def safe(text: str) -> str:
    """Document text as inert Markdown: no formatting surprises, no mention or link syntax."""
    # escape_markdown leaves "]" alone; escaping it too leaves no part of "[text](url)".
    escaped = escape_markdown(text).replace("]", "\\]")
    return _MARKUP.sub("<\u200b", _AT.sub("@\u200b", escaped))


def own_words(text: str, rewrite: Rewrite | None = None, links: Linkable | None = None) -> str:
    """The bot's own text, which may quote document or member text (previews, lists).

    Only channel links the bot made itself (``links``: e.g. ``channel_label``) stay links;
    user, role, @everyone/@here, command and other channel mentions show as plain text.
    """
    text = _VERBATIM.sub(lambda m: safe(m.group(1)), text)  # outside text: inert
    text = rewrite(text) if rewrite else text
    text = _EVERYONE.sub("@\u200b\\1", text)
    text = _MENTION.sub("<\u200b", text)

    def channel(match: re.Match[str]) -> str:
        if links is not None and links(match.group(1)):
            return match.group(0)
        return f"<\u200b#{match.group(1)}>"

    return _CHANNEL.sub(channel, text)


def _spoil(text: str, spoiler: bool) -> str:
    if not spoiler or not text.strip():
        return text
    return "||" + text.replace("||", "|\u200b|") + "||"


def render_block(
    block: Block,
    spoiler: bool = False,
    rewrite: Rewrite | None = None,
    links: Linkable | None = None,
) -> str:
    """One block as Discord Markdown; ``rewrite`` and ``links`` adapt the bot's own words,
    never the document's."""
    if isinstance(block, TextBlock):
        return own_words(block.text, rewrite, links)
    if isinstance(block, QuoteBlock):
        lines = [
            f"> {_spoil(safe(line), spoiler)}" if line.strip() else ">"
            for line in block.text.split("\n")
        ]
        if block.speaker:
            lines.append(f"> \u2014 **{_spoil(safe(block.speaker), spoiler)}**")
        return "\n".join(lines)
    if isinstance(block, DialogueBlock):
        turns = []
        for turn in block.turns:
            speaker = safe(turn.speaker) if turn.speaker else "?"
            text = safe(turn.text).replace("\n", " ")
            turns.append(_spoil(f"**{speaker}:** {text}", spoiler))
        return "\n".join(turns)
    if isinstance(block, QuestionBlock):
        return "\n".join(
            f"**{safe(line)}**" if line.strip() else "" for line in block.text.split("\n")
        )
    if isinstance(block, FooterBlock):
        return "\n".join(
            f"-# {own_words(line, rewrite, links)}"
            for line in block.text.split("\n")
            if line.strip()
        )
    if isinstance(block, ListBlock):
        lines = [f"**{own_words(block.title, rewrite, links)}**"] if block.title else []
        lines.extend(f"- {own_words(line, rewrite, links)}" for line in block.lines)
        return "\n".join(lines)
    return str(block)  # pragma: no cover - every block type is handled above


def _ping_prefix(message: Message) -> str:
    if message.ping_role and is_numeric_id(message.ping_role):
        return f"<@&{message.ping_role}>"
    return ""


def _pieces(text: str, limit: int) -> list[str]:
    """Split ``text`` into pieces of at most ``limit`` chars, at line breaks where possible."""
    out: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            if current:
                out.append(current)
                current = ""
            out.append(line[:cut])
            line = line[cut:].lstrip()
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            out.append(current)
            current = line
        else:
            current = candidate
    if current:
        out.append(current)
    return out


def render(
    message: Message, rewrite: Rewrite | None = None, links: Linkable | None = None
) -> list[Payload]:
    """The message as Discord payloads; usually one, several only for very long replies.

    ``rewrite`` is applied to the bot's own text (see ``roots.CommandMentions``); ``links``
    says which ``<#id>`` in it are the bot's own channel links (see ``own_words``).

    Short messages are plain Markdown content. A message over 2,000 characters moves into
    embed descriptions (4,096 each, 6,000 per message, at most 10 embeds); beyond that it
    continues in further messages. Only the first payload carries the role ping.
    """
    mentions = allowed_mentions(message)
    ping = _ping_prefix(message)
    parts = [render_block(b, message.spoiler, rewrite, links) for b in message.blocks]
    body = "\n\n".join(p for p in parts if p)
    content = f"{ping}\n{body}" if ping and body else (ping or body)
    if len(content) <= MAX_CONTENT:
        return [Payload(content or "\u200b", [], mentions)]
    pieces: list[str] = []
    for part in parts:
        pieces.extend(_pieces(part, MAX_EMBED_DESCRIPTION))
    payloads: list[Payload] = []
    embeds: list[discord.Embed] = []
    total = 0
    for piece in pieces:
        if embeds and (len(embeds) >= MAX_EMBEDS or total + len(piece) > MAX_EMBED_TOTAL):
            payloads.append(Payload(None, embeds, mentions))
            embeds, total = [], 0
        embeds.append(discord.Embed(description=piece, colour=EMBED_COLOUR))
        total += len(piece)
    if embeds:
        payloads.append(Payload(None, embeds, mentions))
    first = payloads[0]
    payloads[0] = Payload(ping or None, first.embeds, mentions)
    return [
        p if i == 0 else Payload(None, p.embeds, discord.AllowedMentions.none())
        for i, p in enumerate(payloads)
    ]


def thread_name(title: str | None) -> str:
    """A valid thread name: one line, 1 to 100 characters, no mention syntax."""
    name = " ".join((title or "").split())
    name = _AT.sub("@\u200b", name)
    if len(name) > MAX_THREAD_NAME:
        cut = name[: MAX_THREAD_NAME - 1]
        space = cut.rfind(" ")
        if space > MAX_THREAD_NAME // 2:
            cut = cut[:space]
        name = cut.rstrip(" ,;:-") + ELLIPSIS
    return name or s("thread_name")


def auto_archive(minutes: int | None) -> int | None:
    """The allowed auto-archive duration closest to ``minutes`` (60, 1440, 4320, 10080)."""
    if minutes is None:
        return None
    allowed = (60, 1440, 4320, 10080)
    return min(allowed, key=lambda a: abs(a - minutes))
