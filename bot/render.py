"""Turn items into neutral prompt messages and thread titles, within a platform's limits."""

from __future__ import annotations

import re

from bot.i18n import counted, t
from bot.messages import (
    DialogueBlock,
    FooterBlock,
    Message,
    QuestionBlock,
    QuoteBlock,
    verbatim,
)
from bot.models import Item, Kind, Turn

ELLIPSIS = "\u2026"
_SPACE = re.compile(r"\s+")


def shorten(text: str, limit: int) -> tuple[str, bool]:
    """Cut ``text`` to at most ``limit`` characters at a word boundary, with a visible ``…``."""
    if len(text) <= limit:
        return text, False
    if limit <= 1:
        return ELLIPSIS[:limit], True
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-\u2014") + ELLIPSIS, True


def one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def thread_title(item: Item, *, spoiler: bool = False, limit: int = 100) -> str:
    """A thread title from the prompt itself: the question, or the speaker and opening words."""
    if item.kind is Kind.QUESTION:
        title = one_line(item.text)
    elif spoiler:
        title = t("prompt.spoiler_title", a_kind=t(f"a_kind.{item.kind.value}"))
    elif item.kind is Kind.QUOTE:
        words = one_line(item.text)
        title = f"{item.speaker}: \u201c{words}\u201d" if item.speaker else f"\u201c{words}\u201d"
    else:
        speakers: list[str] = []
        for turn in item.turns:
            if turn.speaker and turn.speaker not in speakers:
                speakers.append(turn.speaker)
        opening = one_line(item.turns[0].text) if item.turns else ""
        who = " & ".join(speakers[:3]) or t("prompt.dialogue")
        title = f"{who}: {opening}"
    # Thread titles never carry mention syntax.
    title = title.replace("@", "@\u200b")
    return shorten(title, limit)[0] or t("prompt.untitled")


def footer(document_label: str, short_id: str) -> FooterBlock:
    return FooterBlock(t("prompt.footer", document=verbatim(document_label), item=short_id))


def render_prompt(
    item: Item,
    *,
    document_label: str,
    short_id: str,
    max_chars: int,
    max_quote_length: int = 600,
    spoiler: bool = False,
    ping_role: str | None = None,
) -> list[Message]:
    """The prompt as messages: the first opens the thread, the rest continue inside it.

    Every message's plain rendering fits in ``max_chars``; a quote longer than
    ``max_quote_length`` is shortened with a visible ellipsis, and an exchange that does not fit
    is split between turns (a single over-long turn is shortened, never cut mid-word silently).
    """
    foot = footer(document_label, short_id)
    budget = max(200, max_chars - len(foot.text) - 16)
    if item.kind is Kind.QUESTION:
        text, _ = shorten(item.text, budget)
        return [Message((QuestionBlock(text), foot), spoiler=False, ping_role=ping_role)]
    if item.kind is Kind.QUOTE:
        limit = min(max_quote_length, budget - len(item.speaker or "") - 8)
        text, cut = shorten(item.text, limit)
        block = QuoteBlock(text, item.speaker, truncated=cut)
        return [Message((block, foot), spoiler=spoiler, ping_role=ping_role)]
    return _render_exchange(item.turns, foot, budget, spoiler, ping_role)


def _turn_size(turn: Turn) -> int:
    return len(turn.speaker or "?") + len(turn.text) + 4


def _render_exchange(
    turns: tuple[Turn, ...], foot: FooterBlock, budget: int, spoiler: bool, ping_role: str | None
) -> list[Message]:
    chunks: list[list[Turn]] = [[]]
    used = 0
    for turn in turns:
        room = budget - len(turn.speaker or "?") - 4
        if len(turn.text) > room:
            turn = Turn(turn.speaker, shorten(turn.text, room)[0])
        size = _turn_size(turn)
        if chunks[-1] and used + size > budget:
            chunks.append([])
            used = 0
        chunks[-1].append(turn)
        used += size
    messages = []
    total = len(chunks)
    for index, chunk in enumerate(chunks):
        blocks: list = [DialogueBlock(tuple(chunk))]
        if total > 1:
            blocks.append(FooterBlock(t("prompt.part", part=index + 1, parts=total)))
        if index == 0:
            blocks.append(foot)
        messages.append(
            Message(tuple(blocks), spoiler=spoiler, ping_role=ping_role if index == 0 else None)
        )
    return messages


def item_preview(item: Item, limit: int = 160) -> str:
    """One line describing an item, for previews and autocomplete."""
    if item.kind is Kind.EXCHANGE:
        first = item.turns[0] if item.turns else Turn(None, "")
        text = f"{first.speaker or '?'}: {one_line(first.text)}"
        text = shorten(text, limit)[0]
        return t("preview.exchange_line", text=text, turns=counted("turn", len(item.turns)))
    text = shorten(one_line(item.text), limit)[0]
    if item.kind is Kind.QUOTE:
        who = item.speaker or t("preview.unknown_speaker")
        return f"\u201c{text}\u201d \u2014 {who}"
    return text
