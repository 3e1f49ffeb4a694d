"""Recognise a screenplay laid out by indentation (IMSDb ``<pre>`` pages, plain-text scripts)."""

from __future__ import annotations

import re
from dataclasses import replace

from .blocks import CODE, HEADING, PARA, Block, text_blocks

# A character cue: deeply indented, upper case, an optional extension ("(CONT'D)", "(V.O.)").
_CUE = re.compile(
    r"^(?P<indent>[ \t]{8,})(?P<name>[A-Z][A-Z0-9 .'’&#\-]{0,30}?)[ \t]*(?:\([^)\n]{0,30}\)[ \t]*)*$"
)
_SCENE = re.compile(r"^[ \t]*(?:\d+[A-Z]?[ \t]+)?(?:INT|EXT|INT\./EXT|I/E)[. ]")
_NOT_CUE = re.compile(
    r"^(?:CUT|FADE|DISSOLVE|SMASH|MATCH|THE END|CONTINUED|MORE|OVER BLACK|BACK TO)\b"
)

# A layout counts as a screenplay when this many cues are each followed by an indented speech
# line, from at least this many speakers. Dev split: the IMSDb page has > 60 such cues; prose
# and poetry in <pre> have none (a centred title line is not followed by speech).
MIN_CUES = 6
MIN_SPEAKERS = 2
_SCAN = 400_000


def looks_like_screenplay(text: str) -> bool:
    """Deeply indented upper-case cues, each with indented speech under it."""
    lines = text[:_SCAN].split("\n")
    cues = 0
    names: set[str] = set()
    for k, line in enumerate(lines[:-1]):
        m = _CUE.match(line)
        if not m or _NOT_CUE.match(m.group("name")) or _SCENE.match(line):
            continue
        nxt = lines[k + 1]
        body = nxt.strip()
        if not body or not any(c.islower() for c in body):
            if not (body.startswith("(") and body.endswith(")")):
                continue
        lead = len(nxt) - len(nxt.lstrip(" \t"))
        if lead == 0 or lead >= len(m.group("indent")):
            continue
        cues += 1
        names.add(m.group("name").strip())
    return cues >= MIN_CUES and len(names) >= MIN_SPEAKERS


def expand_script_blocks(blocks: list[Block]) -> list[Block]:
    """A preformatted block holding a screenplay becomes its paragraphs (cue and speech)."""
    if not any(b.kind == CODE for b in blocks):
        return blocks
    out: list[Block] = []
    for b in blocks:
        if b.kind == CODE and looks_like_screenplay(b.text):
            out.extend(text_blocks(b.text, markdown=False))
        else:
            out.append(b)
    return out


TITLE_PAGE_MAX_BLOCKS = 12


def after_title_page(blocks: list[Block]) -> list[Block]:
    """A screenplay's title page, the blocks before its first scene heading ("EXAMPLE DRAFT"
    over "February 7, 2026"), holds no speech though its capitals look like a cue: its lines
    are title lines (headings of the first level), never turns."""
    for k, b in enumerate(blocks[: TITLE_PAGE_MAX_BLOCKS + 1]):
        if _SCENE.match(b.text):
            return [
                replace(x, kind=HEADING, level=1) if x.kind == PARA else x for x in blocks[:k]
            ] + blocks[k:]
    return blocks
