"""Extract quotes, dialogue exchanges and discussion questions from a film document."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from bot.models import Extraction, Item, Kind, Turn

from .blocks import HEADING, ITEM, PARA, Block, split_front_matter, text_blocks
from .dialogue import find_dialogue, split_label_lines
from .htmlblocks import html_blocks, looks_like_html
from .questions import find_questions
from .quotes import find_quotes

logger = logging.getLogger(__name__)

FORMATS = ("text", "markdown", "html", "fountain")

__all__ = ["FORMATS", "extract", "format_text", "normalize_text"]


_SPACES = {c: " " for c in (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)}
_SPACES.update({c: None for c in (0x200B, 0x2060, 0xFEFF, 0x00AD)})


def normalize_text(text: str) -> str:
    """Line endings to LF; BOM, NUL, soft hyphens and zero-width spaces removed; non-breaking
    and other Unicode spaces made plain spaces."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text.translate(_SPACES)


_FOUNTAIN_TITLE = re.compile(
    r"^(?:Title|Credit|Author|Authors|Source|Draft date|Contact)\s*:", re.I
)
_SCENE = re.compile(r"^(?:INT|EXT|EST|INT\./EXT|I/E)[. ]", re.M)


def _looks_like_fountain(text: str) -> bool:
    head = text[:3000]
    scenes = len(_SCENE.findall(text[:200_000]))
    return scenes >= 2 or (bool(_FOUNTAIN_TITLE.match(head)) and scenes >= 1)


def _looks_like_markdown(text: str) -> bool:
    head = text[:50_000]
    score = 0
    score += len(re.findall(r"^#{1,6} \S", head, re.M)) * 2
    score += len(re.findall(r"\*\*[^*\n]+\*\*", head))
    score += len(re.findall(r"\[[^\]\n]+\]\([^)\n]+\)", head)) * 2
    score += len(re.findall(r"^> ", head, re.M))
    return score >= 3


def _cut(text: str, start: str, end: str) -> str:
    """Remove every ``start``…``end`` span (linear scan; an unclosed span runs to the end)."""
    if start not in text:
        return text
    out: list[str] = []
    pos = 0
    while True:
        a = text.find(start, pos)
        if a < 0:
            out.append(text[pos:])
            break
        out.append(text[pos:a])
        b = text.find(end, a + len(start))
        if b < 0:
            break
        pos = b + len(end)
    return "".join(out)


def _fountain_body(text: str) -> str:
    """Drop a Fountain title page (``Key: value`` lines up to the first blank line), boneyard
    ``/* … */`` and ``[[notes]]``."""
    text = _cut(_cut(text, "/*", "*/"), "[[", "]]")
    if _FOUNTAIN_TITLE.match(text.lstrip()):
        k = text.find("\n\n")
        if k >= 0:
            return text[k + 2 :]
    return text


_CUE_TIME = re.compile(
    r"^\s*(?:\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}\s*-->\s*(?:\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}.*$", re.M
)


def _strip_subtitles(text: str) -> tuple[str, bool]:
    """SRT / WebVTT: drop the cue numbers, timings and WEBVTT header, keep the spoken lines."""
    if len(_CUE_TIME.findall(text[:20_000])) < 3:
        return text, False
    lines = []
    for line in text.split("\n"):
        t = line.strip()
        if _CUE_TIME.match(line) or t.isdigit() or t.startswith("WEBVTT") or t.startswith("NOTE "):
            continue
        lines.append(line)
    return "\n".join(lines), True


def _parse(text: str, fmt: str) -> tuple[list[Block], str | None, dict[str, str], bool, str]:
    """Blocks, HTML title, metadata, whether it is a screenplay, and the visible text the
    items must come from."""
    meta, body = split_front_matter(text)
    if fmt == "text":
        body, subtitles = _strip_subtitles(body)
        if subtitles:
            meta["subtitles"] = "1"
            return text_blocks(body, markdown=False), None, meta, False, body
    if fmt in ("text", "markdown") and looks_like_html(body):
        fmt = "html"  # e.g. a scraped article saved as .md: front matter, then HTML
    if fmt == "text":
        if _looks_like_fountain(body):
            fmt = "fountain"
        elif _looks_like_markdown(body):
            fmt = "markdown"
    if fmt == "html":
        blocks, html_title = html_blocks(body)
        return blocks, html_title, meta, False, "\n\n".join(b.text for b in blocks)
    if fmt == "fountain":
        title = None
        m = re.search(r"^Title:[ \t]*\n?((?:[ \t]+[^\n]*\n)+|[^\n]*)", body, re.M | re.I)
        if m:
            title = re.sub(r"[*_]", "", " ".join(m.group(1).split())).strip() or None
        if title:
            meta.setdefault("title", title)
        fbody = _fountain_body(body)
        return text_blocks(fbody, markdown=False), None, meta, True, fbody
    return text_blocks(body, markdown=True), None, meta, False, body


def _split_line_paragraphs(blocks: list[Block]) -> list[Block]:
    """Paragraphs pasted one per line with no blank line between them (or separated by
    ``<br>`` only): when a block's lines are long, as unwrapped prose is, each line is a
    paragraph. Hard-wrapped prose, scripts and verse (short lines) are left as they are."""
    out: list[Block] = []
    for b in blocks:
        if b.kind != PARA or "\n" not in b.text or b.quote:
            out.append(b)
            continue
        lines = [ln for ln in b.text.split("\n") if ln.strip()]
        long_lines = sum(1 for ln in lines if len(ln) >= 100)
        if len(lines) < 3 or long_lines * 5 < len(lines):
            out.append(b)
            continue
        out.extend(
            replace(b, text=ln, lead=None, lead_rest="", bold=False, italic=False) for ln in lines
        )
    return out


_BOILER_HEADING = re.compile(
    r"^[\W\d_]*(?:\d+\s+)?(?:comments?|responses?|replies|thoughts|leave a (?:reply|comment)|"
    r"reader comments|join the conversation|related(?: (?:posts|articles|stories|reading))?|"
    r"you (?:may|might) also like|more from [\w ]{1,40}|share this(?: \w+)?|about the author|"
    r"recent posts|popular(?: posts)?|subscribe(?: to [\w ]{1,40})?|sign up(?: for [\w ]{1,40})?)"
    r"(?:\s+(?:on|to)\s+[“\"'‘].*)?[\W\d_]*$",
    re.I,
)


def _drop_boilerplate(blocks: list[Block]) -> list[Block]:
    """Leave out page furniture that survived parsing: a comments / related-posts section
    runs from its heading to the next heading of the same or a higher level."""
    out: list[Block] = []
    skip_level: int | None = None
    for b in blocks:
        if b.kind == HEADING:
            if skip_level is not None and b.level <= skip_level:
                skip_level = None
            if skip_level is None and _BOILER_HEADING.match(b.text) and len(b.text) < 80:
                skip_level = b.level
                continue
        if skip_level is None:
            out.append(b)
    return out


def _title(blocks: list[Block], html_title: str | None, meta: dict[str, str]) -> str | None:
    if meta.get("title"):
        return meta["title"]
    for b in blocks[:10]:
        if b.kind == HEADING and b.level <= 2 and b.text.strip():
            return _strip_md(b.text.strip())
    if html_title:
        return html_title
    for k, b in enumerate(blocks[:3]):
        if b.kind != PARA:
            continue
        first, _, rest = b.text.strip().partition("\n")
        if _title_like(first) and (rest.strip() or len(blocks) > 1):
            # A title line is not a turn, a quote or a question.
            blocks[k : k + 1] = [replace(b, kind=HEADING, level=1, text=first)] + (
                [replace(b, text=rest)] if rest.strip() else []
            )
            return _strip_md(first.strip())
        if k == 0:
            break
    return None


def _title_like(line: str) -> bool:
    t = line.strip()
    return (
        0 < len(t) <= 120
        and not t.endswith((".", ",", ":", "?", "!", ";"))
        and not re.search(r"[.!?…,][”\"’']$", t)
        and not t.startswith(("-", "*", "•", ">", "["))
        and (t[:1].isupper() or t[:1].isdigit() or t[:1] in "“\"'#")
    )


def _strip_md(s: str) -> str:
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    return re.sub(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1", r"\2", s).strip()


_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"}
_EMPH = re.compile(r"(?<![\w*])(?:\*|_)([A-Z0-9][^*_\n]{0,60}?)(?:\*|_)(?![\w*])")
_QUOTED_TITLE = re.compile(r"[“\"‘']([A-Z0-9][^”\"’'\n]{0,60})[”\"’']")


_TITLE_FILM = (
    re.compile(r"^(?:(?:film|movie)\s+)?review\s*[:\-–—|]\s*(?P<f>.+?)(?:\s*\(\d{4}\))?\s*$", re.I),
    re.compile(
        r"^(?P<f>.+?)\s*(?:\(\d{4}\))?\s*[:\-–—|]\s*(?:a\s+)?(?:film\s+|movie\s+)?review\b", re.I
    ),
    re.compile(r"^(?P<f>.+?)\s+\((?:19|20)\d{2}\)"),
    re.compile(r"\breview of\s+(?P<f>.+?)\s*$", re.I),
    re.compile(
        r"^(?!(?:a|an|the|my|our|this)\s)(?P<f>.+?)[\s,:–—-]+(?:(?:a|an|the|my|our)\s+)?"
        r"(?:film\s+|movie\s+)?review\b",
        re.I,
    ),
    re.compile(r"(?:guide|questions|notes)\s*(?:to|for|on)?\s*[:\-–—]\s*(?P<f>.+?)\s*$", re.I),
)


def _film(text: str, title: str | None, blocks: list[Block], skip: set[int]) -> str | None:
    """Best guess at the film a document is about: an italicised or quoted title that recurs,
    a title pattern ("Review: X", "X (2019)"), or the title's opening words used as a name."""
    counts: dict[str, int] = {}

    def add(name: str, weight: int) -> None:
        name = name.strip(" \t*_\"'“”‘’.,:;")
        if name and 1 <= len(name.split()) <= 8 and (name[0].isupper() or name[0].isdigit()):
            counts[name] = counts.get(name, 0) + weight

    if title:
        for m in _QUOTED_TITLE.finditer(title):
            words = m.group(1).split()
            if sum(1 for w in words if w[:1].isupper() or w.lower() in _SMALL_WORDS) == len(words):
                add(m.group(1), 5)  # a title-cased name in quotes, not a quotation
        for m in _EMPH.finditer(title):
            add(m.group(1), 5)
    for i, b in enumerate(blocks[:400]):
        if b.kind == "code" or i in skip:
            continue
        for e in b.emph:
            if e != b.lead or not (b.lead.endswith(":") or b.lead_rest.startswith(":")):
                add(e, 1)
        if b.italic or b.bold:
            continue
        if "*" in b.text or "_" in b.text:
            for m in _EMPH.finditer(b.text[:20000]):
                add(m.group(1), 1)
    if title:
        for name in list(counts):
            if name.lower() in title.lower():
                counts[name] += 3
    if counts:
        best = max(counts.items(), key=lambda kv: kv[1])
        if best[1] >= 3:
            return best[0]
    if title:
        plain = _strip_md(title)
        for pat in _TITLE_FILM:
            m = pat.search(plain)
            if m:
                name = m.group("f").split(": ")[-1].strip(" \"'“”‘’")
                if 1 <= len(name.split()) <= 8:
                    return name.title() if name.isupper() else name
        # "Her makes me sad…": the title's opening capitalised words, used mid-sentence as a name.
        words = plain.split()
        lead: list[str] = []
        for w in words[:4]:
            if not w[:1].isupper():
                break
            lead.append(w)
        for k in range(len(lead), 0, -1):
            name = " ".join(lead[:k])
            hits = len(re.findall(rf"(?<=[a-z,] ){re.escape(name)}\b", text[:200_000]))
            if hits >= 2:
                return name
    if counts:
        best = max(counts.items(), key=lambda kv: kv[1])
        if best[1] >= 2:
            return best[0]
    return None


def extract(text: str, *, fmt: str = "text", film: str | None = None) -> Extraction:
    """Extract discussion items from a document's text.

    ``fmt`` is "text", "markdown", "html" or "fountain" (with "text", Markdown, Fountain and
    HTML are sniffed). ``film`` from a moderator overrides detection. Items come in document
    order; every item's text is taken from the document.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    text = normalize_text(text)
    blocks, html_title, meta, screenplay, visible = _parse(text, fmt)
    blocks = _drop_boilerplate(split_label_lines(_split_line_paragraphs(blocks)))
    title = _title(blocks, html_title, meta)
    exchanges_at, used = _dialogue(blocks, screenplay)
    quotes = find_quotes(blocks, used)
    if meta.get("subtitles"):
        questions = []  # every line of a subtitle file is somebody speaking
    else:
        questions = find_questions(blocks, used, prose_from=_prose_from(blocks, used))
    keyed: list[tuple[tuple[int, int], Item]] = []
    for pos, turns in exchanges_at:
        keyed.append((pos, Item(Kind.EXCHANGE, turns=tuple(turns))))
    for q in quotes:
        keyed.append(((q.block, q.start), Item(Kind.QUOTE, text=q.text, speaker=q.speaker)))
    for q in questions:
        keyed.append(((q.block, q.start), Item(Kind.QUESTION, text=q.text)))
    keyed.sort(key=lambda kv: kv[0])
    items = _verbatim(_dedupe_items([it for _, it in keyed]), visible)
    if film is None:
        film = meta.get("film") or _film(text, title, blocks, used)
        if film is None and screenplay and title:
            film = title.title() if title.isupper() else title
    logger.debug("extracted %d items from %d blocks", len(items), len(blocks))
    return Extraction(title=title, film=film, items=tuple(items))


def _prose_from(blocks: list[Block], used: set[int]) -> int:
    """Where open questions to the reader may start. In a transcript, interview or play (most
    of the text is dialogue) the questions belong to the conversation and an introduction's
    questions are answered by what follows: only a closing question after the dialogue counts."""
    dialogue_chars = sum(len(blocks[i].text) for i in used)
    prose_chars = sum(len(b.text) for b in blocks if b.kind in (PARA, ITEM))
    if prose_chars and dialogue_chars * 2 > prose_chars:
        return max(used) + 1
    return 0


def _dialogue(
    blocks: list[Block], screenplay: bool
) -> tuple[list[tuple[tuple[int, int], list[Turn]]], set[int]]:
    exchanges, used, starts = find_dialogue(blocks, screenplay=screenplay)
    return [((s, 0), ex) for s, ex in zip(starts, exchanges, strict=True)], used


_MARKUP = re.compile(r"[*_>#`\\]+")
_WS = re.compile(r"\s+")
_FULL_SEARCHES = 200


def _flat(text: str) -> str:
    """Text as the verbatim check compares it: markup characters the extractor may drop
    (``*``, ``_``, ``>``, ``#``, backticks, backslashes) removed, whitespace collapsed."""
    return _WS.sub(" ", _MARKUP.sub("", text)).strip()


class _Verbatim:
    """Is a piece of text one contiguous piece of the document (whitespace and markup aside)?

    The document is flattened once. Items come in document order, so each search starts where
    the previous match began; a piece not found from there is looked for from the start, a
    bounded number of times (so that many stray pieces cannot make the check quadratic)."""

    def __init__(self, visible: str) -> None:
        self.doc = _flat(visible)
        self.cursor = 0
        self.full_searches = 0

    def __call__(self, text: str) -> bool:
        piece = _flat(text)
        if not piece:
            return False
        if len(piece) > len(self.doc):
            return False
        k = self.doc.find(piece, self.cursor)
        if k < 0:
            if self.full_searches >= _FULL_SEARCHES:
                return False
            self.full_searches += 1
            k = self.doc.find(piece, 0, self.cursor + len(piece))
            if k < 0:
                return False
            return True  # found before the cursor: keep the cursor where it is
        self.cursor = k
        return True


def _verbatim(items: list[Item], visible: str) -> list[Item]:
    """The final guard: drop any item, or any turn, whose text is not one contiguous piece of
    the document's visible text (whitespace and markup aside). Nothing is made up."""
    check = _Verbatim(visible)
    out: list[Item] = []
    for it in items:
        if it.kind is Kind.EXCHANGE:
            turns = tuple(t for t in it.turns if check(t.text) or _dropped(t.text, "turn"))
            if turns:
                out.append(replace(it, turns=turns))
        elif check(it.text) or _dropped(it.text, it.kind.value):
            out.append(it)
    return out


def _dropped(text: str, what: str) -> bool:
    logger.debug("dropped a %s whose text is not in the document: %.80r", what, text)
    return False


def _dedupe_items(items: list[Item]) -> list[Item]:
    seen: set[tuple[str, str]] = set()
    out: list[Item] = []
    for it in items:
        if it.kind is Kind.EXCHANGE:
            out.append(it)
            continue
        key = (it.kind.value, " ".join(it.text.split()).lower())
        if key in seen:
            continue
        seen.add(key)
        out.append(it)
    return out


def format_text(extraction: Extraction) -> str:
    """A human-readable rendering of an extraction (for ``filmclub extract --format text``)."""
    lines: list[str] = []
    lines.append(f"Title: {extraction.title or '(unknown)'}")
    lines.append(f"Film:  {extraction.film or '(unknown)'}")
    lines.append(
        f"Found {_n(extraction.count(Kind.QUOTE), 'quote')}, "
        f"{_n(extraction.count(Kind.EXCHANGE), 'exchange')}, "
        f"{_n(extraction.count(Kind.QUESTION), 'question')}."
    )
    for n, item in enumerate(extraction.items, 1):
        lines.append("")
        if item.kind is Kind.QUOTE:
            lines.append(f"{n}. Quote" + (f" — {item.speaker}" if item.speaker else ""))
            lines.extend("   " + ln for ln in _wrap(f"“{item.text}”"))
        elif item.kind is Kind.EXCHANGE:
            lines.append(f"{n}. Exchange ({len(item.turns)} turns)")
            for t in item.turns:
                lines.extend("   " + ln for ln in _wrap(f"{t.speaker or '?'}: {t.text}"))
        else:
            lines.append(f"{n}. Question")
            lines.extend("   " + ln for ln in _wrap(item.text))
    return "\n".join(lines) + "\n"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _wrap(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()] or [""]
