"""Markdown with HTML blocks in it: each HTML block is read as HTML, the rest as Markdown."""

from __future__ import annotations

import functools
import gc
import logging
import re
from typing import TYPE_CHECKING

from .blocks import Block, text_blocks
from .htmlblocks import html_blocks

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

logger = logging.getLogger(__name__)

# An HTML block as CommonMark starts one: a block-level tag at the start of a line (after at
# most three spaces or tabs). The tag is searched for and the line start checked after: a
# pattern opening with "^" is tried at every position, one opening with "<" skips to them.
_HTML_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|ul|ol|li|blockquote|table|figure|figcaption|section|"
    r"article|aside|header|footer|center|dl|dt|dd|details|summary|pre)(?:[\s/>]|$)",
    re.M | re.I,
)


def has_html_blocks(text: str) -> bool:
    """Does a Markdown text hold block-level HTML (``<p class="lead">…</p>``)?"""
    for m in _HTML_BLOCK_TAG.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.start() - line_start <= 3 and not text[line_start : m.start()].strip(" \t"):
            return True
    return False


@functools.lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt | None:
    """A CommonMark parser for block structure only: the inline pass (emphasis, links) does
    not change where HTML blocks are, and is most of the parsing time."""
    try:
        from markdown_it import MarkdownIt
    except ImportError:  # pragma: no cover - declared dependency
        return None
    return MarkdownIt("commonmark").disable(["inline", "text_join"])


def _html_block_spans(md: MarkdownIt, text: str) -> list[list[int]]:
    """Line spans of the top-level HTML blocks. The cyclic garbage collector is paused while
    markdown-it builds its token list: the list only grows (one object per block), and each
    collection re-scanned all of it, which made a 5 MB document take 16x a 0.5 MB one."""
    paused = gc.isenabled()
    gc.disable()
    try:
        tokens = md.parse(text)
    finally:
        if paused:
            gc.enable()
    return [t.map for t in tokens if t.type == "html_block" and t.level == 0 and t.map]


def mixed_blocks(text: str) -> tuple[list[Block], str] | None:
    """Blocks of a Markdown text whose top-level HTML blocks (as markdown-it-py finds them)
    are parsed by the HTML parser, and the visible text items must come from. None when
    there is no such block."""
    md = _block_parser()
    if md is None:  # pragma: no cover - declared dependency
        logger.warning("markdown-it-py is not installed; HTML inside Markdown stays as written")
        return None
    spans = _html_block_spans(md, text)
    if not spans:
        return None
    lines = text.split("\n")
    blocks: list[Block] = []
    visible: list[str] = []
    pos = 0
    top = 0  # the highest block-quote group id so far

    def add(part: list[Block]) -> None:
        # Block-quote group ids restart in each part: keep them distinct.
        nonlocal top
        base = top
        for b in part:
            if b.quote:
                b.quote += base
            if b.quote > top:
                top = b.quote
        blocks.extend(part)

    for start, end in spans:
        if start > pos:
            md = "\n".join(lines[pos:start])
            add(text_blocks(md, markdown=True))
            visible.append(md)
        html, _title = html_blocks("\n".join(lines[start:end]))
        add(html)
        visible.append("\n\n".join(b.text for b in html))
        pos = max(pos, end)
    if pos < len(lines):
        md = "\n".join(lines[pos:])
        add(text_blocks(md, markdown=True))
        visible.append(md)
    return blocks, "\n\n".join(visible)
