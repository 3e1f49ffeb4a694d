"""Structure passes over parsed blocks: markup that changes what a block is (an italic
excerpt set apart, a paragraph numbered as a list item) or only styles its text."""

from __future__ import annotations

import re
from dataclasses import replace

from .blocks import HEADING, ITEM, PARA, Block

# Inline HTML in Markdown that shows only its content ("**EVELYN:** <u>(she lisps)</u> Uh —",
# "<span style=…>T</span>he"): the tags are markup, not text (``<cite>`` names a source and
# stays for the quote finder)
_INLINE_TAG = re.compile(
    r"</?(?:u|i|em|b|strong|span|font|small|big|sup|sub|mark|ins|s|strike|abbr|q|center|"
    r"tt|kbd|var|dfn|bdi|bdo|nobr)(?:\s[^<>\n]{0,300})?>",
    re.I,
)


def strip_inline_tags(text: str) -> str:
    """``text`` without its inline styling tags."""
    return _INLINE_TAG.sub("", text)


def without_inline_tags(blocks: list[Block]) -> list[Block]:
    """Paragraphs, items and headings shown without their inline styling tags."""
    out = []
    for b in blocks:
        if b.kind in (PARA, ITEM, HEADING) and "<" in b.text:
            text = _INLINE_TAG.sub("", b.text)
            if text != b.text:
                if not text.strip():
                    continue  # "<i>\n</i>": a block of tags alone shows nothing
                b = replace(b, text=text, sub=[_INLINE_TAG.sub("", x) for x in b.sub])
        out.append(b)
    return out


def italic_excerpts(blocks: list[Block]) -> list[Block]:
    """Paragraphs set wholly in italics right after a lead-in that ends with a colon ("The
    first scene is taken largely from Lipsky's interview:" then "*You know what? Why…*") are
    an excerpt set apart, as a block quote is: two or more of them, or one that asks nothing
    (a lone italic question is how interviews set their questions)."""
    out = blocks
    group = max((b.quote for b in blocks), default=0)
    i = 0
    n = len(blocks)
    while i < n - 1:
        lead = blocks[i]
        if lead.kind != PARA or lead.quote or not lead.text.rstrip(" *_").endswith(":"):
            i += 1
            continue
        j = i + 1
        while j < n and blocks[j].kind == PARA and not blocks[j].quote and _italic_only(blocks[j]):
            j += 1
        run = j - i - 1
        if run >= 2 or (run == 1 and not blocks[i + 1].text.rstrip(" *_").endswith("?")):
            if out is blocks:
                out = list(blocks)
            group += 1
            for k in range(i + 1, j):
                t = blocks[k].text.strip()
                inner = t[1:-1].strip() if t[:1] in "*_" and t[-1:] == t[:1] else t
                out[k] = replace(blocks[k], text=inner, quote=group, italic=False)
        i = max(j, i + 1)
    return out


def _italic_only(b: Block) -> bool:
    """A paragraph set wholly in italics (``*…*``, ``_…_`` or HTML), not bold."""
    t = b.text.strip()
    if b.italic and not b.bold:
        return True
    return (
        len(t) > 4
        and t[:1] in "*_"
        and t[-1:] == t[:1]
        and t[1:2] not in "*_"
        and t[-2:-1] not in "*_"
        and t[:1] not in t[1:-1]
    )


# "a. Do you believe…?", "(ii) How does…?", "iv) Give the meaning of:": a part letter or
# numeral typed at the start of an HTML paragraph (a worksheet's questions, one per <p>)
_PARA_MARKER = re.compile(
    r"^(\([a-h]\)|[a-h][.)]|\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]|"
    # a worksheet's problem number set in bold ("__1.1__ For 6 dots…", "**2.3** How many…")
    r"(?:\*\*|__)\d{1,2}(?:\.\d{1,2})+\.?(?:\*\*|__))[ \t\u00a0]+(?=\S)"
)


def numbered_paragraphs(blocks: list[Block]) -> list[Block]:
    """A paragraph that opens with a part letter or numeral (an HTML ``<p>``, or a line split
    out of one) is an item of a lettered list, as the same line is in Markdown; two or more
    such paragraphs must occur."""
    marked = [
        (i, m)
        for i, b in enumerate(blocks)
        if b.kind == PARA and not b.quote and (m := _PARA_MARKER.match(b.text)) is not None
    ]
    if len(marked) < 2:
        return blocks
    out = list(blocks)
    for i, m in marked:
        out[i] = replace(blocks[i], kind=ITEM, text=blocks[i].text[m.end() :], marker=m.group(1))
    return out


# SDH subtitles name a speaker in brackets at the start of a cue or of a dash line ("[Joel]
# It's freezing", "[man on PA]\nMontauk train…", "- [Clementine] Hi."); the same brackets hold
# sounds and manners ("[sighs] Oh.", "[both laughing]", "[woman speaking faintly]"), no speaker.
_SDH_LABEL = re.compile(r"^[ \t]*\[(?P<label>[^\[\]\n]{1,40})\]\s*(?P<speech>[^\s\[].*)?$", re.S)
_SDH_PERSONS = {
    "man", "woman", "men", "women", "boy", "girl", "kid", "child", "children", "guy", "lady",
    "announcer", "narrator", "reporter", "operator", "driver", "doctor", "nurse", "officer",
    "waiter", "waitress", "receptionist", "host", "newscaster", "anchor", "teacher", "voice",
    "mother", "father", "mom", "dad", "all", "both", "crowd", "people", "audience",
}  # fmt: skip
_SDH_WHERE = re.compile(
    r"^(?:\d{1,2}|#\d{1,2})?[ \t]*(?:(?:on|over|in|through)[ \t]+(?:the[ \t]+)?(?:pa|phone|tv|"
    r"radio|speaker|speakerphone|intercom|tape|recording|video|loudspeaker|distance|"
    r"headset|walkie-talkie|television)|\d{1,2})?$",
    re.I,
)


def _sdh_speaker(label: str) -> str | None:
    """The speaker a bracketed subtitle label names ("Joel", "man on PA"), or None for a sound
    or a manner ("sighs", "both laughing")."""
    words = label.split()
    if not words or len(words) > 4:
        return None
    head, rest = words[0], " ".join(words[1:])
    if not _SDH_WHERE.match(rest):
        return None  # "[both laughing]", "[car engine starts]": what is heard, not who
    if head.lower() in _SDH_PERSONS or (head[:1].isupper() and head[1:].islower()):
        return label.strip()
    return None


def bracketed_speakers(blocks: list[Block]) -> list[Block]:
    """Subtitle cues whose first line names the speaker in brackets are turns marked as such:
    the label on a line of its own, then the speech (the rest of the line and the cue's
    lines after it); a bracket of sounds stays as it is."""
    out = blocks
    for i, b in enumerate(blocks):
        if b.kind not in (PARA, ITEM) or not b.text.lstrip().startswith("["):
            continue
        m = _SDH_LABEL.match(b.text)
        if m is None:
            continue
        who = _sdh_speaker(m.group("label"))
        speech = (m.group("speech") or "").strip()
        if who is None or not speech:
            continue
        if out is blocks:
            out = list(blocks)
        # (a dash line of a two-speaker cue is read as a list item: a turn all the same)
        out[i] = replace(b, kind=PARA, text=f"{who}\n{speech}", role="turn")
    return out
