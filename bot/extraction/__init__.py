"""Extract quotes, dialogue exchanges and discussion questions from a film document."""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from dataclasses import replace

from bot.models import Extraction, Item, Kind, Turn

from .blocks import (
    HEADING,
    ITEM,
    PARA,
    Block,
    split_front_matter,
    text_blocks,
    without_template_lines,
)
from .dialogue import find_dialogue, split_label_lines
from .htmlblocks import html_blocks, looks_like_html
from .mdblocks import has_html_blocks, mixed_blocks
from .questions import find_questions
from .quotes import find_quotes
from .restructure import (
    bracketed_speakers,
    italic_excerpts,
    numbered_paragraphs,
    strip_inline_tags,
    without_inline_tags,
)
from .screenplay import after_title_page, expand_script_blocks, looks_like_screenplay
from .titles import (
    film_from_title,
    find_film,
    find_title,
    is_script,
    play_title,
    script_title,
    strip_md,
)

logger = logging.getLogger(__name__)

FORMATS = ("text", "markdown", "html", "fountain")

__all__ = ["FORMATS", "extract", "format_text", "normalize_text"]


# Unicode spaces made plain spaces; zero-width characters and soft hyphens removed.
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")


def normalize_text(text: str) -> str:
    """Line endings to LF; BOM, NUL, soft hyphens and zero-width spaces removed; non-breaking
    and other Unicode spaces made plain spaces; composed to NFC (``e`` + combining accent is
    ``é``), so names and words compare as they look."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text.isascii():  # two regex passes: several times faster than str.translate
        text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


_FOUNTAIN_TITLE = re.compile(
    r"^(?:Title|Credit|Author|Authors|Source|Draft date|Contact)\s*:", re.I
)
_SCENE = re.compile(r"^(?:INT|EXT|EST|INT\./EXT|I/E)[. ]", re.M)


def _looks_like_fountain(text: str) -> bool:
    head = text[:3000]
    body = text[:200_000]
    # (a pattern anchored at line starts is tried at every position: skip the scan when no
    # scene heading word is there at all; the same for the sniffers below)
    has_scene = any(w in body for w in ("INT", "EXT", "EST", "I/E"))
    scenes = len(_SCENE.findall(body)) if has_scene else 0
    return scenes >= 2 or (bool(_FOUNTAIN_TITLE.match(head)) and scenes >= 1)


def _looks_like_markdown(text: str) -> bool:
    head = text[:50_000]
    score = 0
    if "# " in head:
        score += len(re.findall(r"^#{1,6} \S", head, re.M)) * 2
    if "**" in head:
        score += len(re.findall(r"\*\*[^*\n]+\*\*", head))
    # Bounded and without "[" in the link text: a line of "[" is linear, not quadratic.
    if "](" in head:
        score += len(re.findall(r"\[[^\[\]\n]{1,500}\]\([^()\n]{1,2000}\)", head)) * 2
    if "> " in head:
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
    if "-->" not in text[:20_000] or len(_CUE_TIME.findall(text[:20_000])) < 3:
        return text, False
    lines = []
    for line in text.split("\n"):
        t = line.strip()
        if _CUE_TIME.match(line) or t.isdigit() or t.startswith("WEBVTT") or t.startswith("NOTE "):
            continue
        if "<" in line or "{" in line:
            # WebVTT's voice tag names the speaker ("<v Roger Bingham>We are…"); other tags
            # (<i>, <c.yellow>, <00:01.000>, "{\an8}") are styling the viewer does not see
            line = _VOICE.sub(r"\1: ", line)
            line = _CUE_TAG.sub("", line)
        lines.append(line)
    return "\n".join(lines), True


_VOICE = re.compile(r"<v(?:\.[\w.-]+)?[ \t]+([^<>\n]{1,60})>[ \t]*")
_CUE_TAG = re.compile(
    r"</?(?:[ibu]|v|c|ruby|rt|lang)(?:[.\s][^<>\n]{0,60})?>|<\d[\d:.]{3,12}>|\{\\[^{}\n]{1,30}\}"
)


def _dash_turns(blocks: list[Block]) -> list[Block]:
    """A subtitle cue of two speakers, a line each after a dash ("- Where were you?\n- Out."):
    a block per line, the dash left off."""
    out: list[Block] = []
    for b in blocks:
        lines = b.text.split("\n")
        if b.kind == PARA and len(lines) >= 2 and all(ln.lstrip().startswith("-") for ln in lines):
            out.extend(replace(b, text=ln.lstrip()[1:].strip()) for ln in lines if ln.strip("- "))
        else:
            out.append(b)
    return out


def _parse(text: str, fmt: str) -> tuple[list[Block], str | None, dict[str, str], bool, str]:
    """Blocks, HTML title, metadata, whether it is a screenplay, and the visible text the
    items must come from."""
    meta, body = split_front_matter(text)
    if fmt == "text":
        body, subtitles = _strip_subtitles(body)
        if subtitles:
            meta["subtitles"] = "1"
            blocks = bracketed_speakers(_dash_turns(text_blocks(body, markdown=False)))
            return blocks, None, meta, False, body
    if fmt in ("text", "markdown") and looks_like_html(body):
        fmt = "html"  # e.g. a scraped article saved as .md: front matter, then HTML
    if fmt == "text" and looks_like_screenplay(body):
        # A plain-text screenplay laid out by indentation (cues centred, speech indented)
        return after_title_page(text_blocks(body, markdown=False)), None, meta, False, body
    if fmt == "text":
        if _looks_like_fountain(body):
            fmt = "fountain"
        elif _looks_like_markdown(body):
            fmt = "markdown"
    if fmt == "html":
        blocks, html_title = html_blocks(body)
        visible = "\n\n".join(b.text for b in blocks)
        return expand_script_blocks(blocks), html_title, meta, False, visible
    if fmt == "fountain":
        title = None
        m = re.search(r"^Title:[ \t]*\n?((?:[ \t]+[^\n]*\n)+|[^\n]*)", body, re.M | re.I)
        if m:
            lines = [ln.strip() for ln in m.group(1).split("\n") if ln.strip()]
            title = re.sub(r"[*_]", "", ": ".join(lines)).strip() or None
        if title:
            meta.setdefault("title", title)
        fbody = _fountain_body(body)
        return text_blocks(fbody, markdown=False), None, meta, True, fbody
    if "&" in body:
        body = _unescape_entities(body)  # a Markdown renderer shows "&#8217;" as "’"
    if has_html_blocks(body):
        mixed = mixed_blocks(body)  # '<p class="lead">…</p>' inside Markdown: read as HTML
        if mixed is not None:
            return mixed[0], None, meta, False, mixed[1]
    if "<br" in body or "<BR" in body:
        # "> **Reporter**: Are they slow?<br/>": an inline line break at a line's end shows
        # nothing (the line ends there anyway); the text is what the reader sees.
        body = _BR_AT_EOL.sub("", body)
    blocks = text_blocks(body, markdown=True)
    visible = without_template_lines(body)
    if "<" in body:
        blocks, visible = without_inline_tags(blocks), strip_inline_tags(visible)
    return blocks, None, meta, False, visible


_ENTITY = re.compile(r"&(?:#(\d{2,7})|#[xX]([0-9a-fA-F]{2,6})|([a-zA-Z]{2,8}\d?));")
_MARKUP_ENTITIES = {"lt", "gt", "amp"}


def _unescape_entities(text: str) -> str:
    """Character references in Markdown as the reader sees them; those that would make or
    unmake markup (``&lt;``, ``&amp;``…) stay as written."""

    def one(m: re.Match[str]) -> str:
        if m.group(3):
            if m.group(3).lower() in _MARKUP_ENTITIES:
                return m.group(0)
            out = html.unescape(m.group(0))
            return out if out != m.group(0) else m.group(0)
        code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
        if code in (38, 60, 62) or code > 0x10FFFF or code < 32 or 0xD800 <= code <= 0xDFFF:
            return m.group(0)
        return chr(code)

    return _ENTITY.sub(one, text)


_BR_AT_EOL = re.compile(r"[ \t]*<br[ \t]*/?>[ \t]*$", re.M | re.I)


_SCRIPT_CUE = re.compile(
    r"^[ \t]*@?[A-Z][A-Z0-9 .'’&#\-]{0,30}(?:[ \t]*\([^)\n]{0,30}\))?[ \t]*\^?$"
)


def _recurring_cues(blocks: list[Block]) -> set[str]:
    """Upper-case first lines heading two or more blocks: a script's character cues (a
    heading such as ``CHAPTER ONE`` heads one block)."""
    seen: set[str] = set()
    again: set[str] = set()
    for b in blocks:
        if b.kind != PARA or "\n" not in b.text:
            continue
        first = b.text[: b.text.find("\n")].strip()
        if _SCRIPT_CUE.match(first):
            (again if first in seen else seen).add(first)
    return again


def _split_line_paragraphs(blocks: list[Block], lists: bool = True) -> list[Block]:
    """Paragraphs pasted one per line with no blank line between them (or separated by
    ``<br>`` only): when a block's lines are long, as unwrapped prose is, each line is a
    paragraph. Hard-wrapped prose, scripts and verse (short lines) are left as they are."""
    out: list[Block] = []
    cues = _recurring_cues(blocks)
    for b in blocks:
        if b.kind != PARA or "\n" not in b.text or b.quote:
            out.append(b)
            continue
        lines = [ln for ln in b.text.split("\n") if ln.strip()]
        asked = _question_lines(lines) if lists else None
        if asked is not None:
            # "Questions to consider:" and a question per line: a list with no markers
            plain = replace(b, lead=None, lead_rest="", bold=False, italic=False)
            if asked:
                out.append(replace(plain, text=lines[0].strip()))
            out.extend(replace(plain, kind=ITEM, text=ln.strip()) for ln in lines[asked:])
            continue
        long_lines = sum(1 for ln in lines if len(ln) >= 100)
        if len(lines) < 3 or long_lines * 5 < len(lines) or lines[0].strip() in cues:
            # (a script's cue line heads its speech, however long the speech's lines are)
            out.append(b)
            continue
        out.extend(
            replace(b, text=ln, lead=None, lead_rest="", bold=False, italic=False) for ln in lines
        )
    return out


_RUN_IN_NUMBER = re.compile(
    r"(?:^|(?:(?<=[.?!:…])|(?<=[.?!:…][”\"’)]))[ \t]+)(?P<n>\d{1,2})\.[ \t]+(?=[A-Z“\"‘'(¿¡])"
)


def _split_run_in_numbering(blocks: list[Block]) -> list[Block]:
    """A numbered list run into one paragraph, as text copied from a PDF or a web page lost its
    line breaks ("Discussion Questions: 1. What prior knowledge… 2. Lincoln has been…"): the
    lead and each numbered item, when the numbers go 1, 2, 3… (three or more) after a
    sentence's end or a colon."""
    out: list[Block] = []
    for b in blocks:
        t = b.text
        if b.kind != PARA or b.quote or len(t) < 60 or "2. " not in t:
            out.append(b)
            continue
        marks: list[re.Match[str]] = []
        for m in _RUN_IN_NUMBER.finditer(t):
            if int(m.group("n")) == len(marks) + 1:
                marks.append(m)
        if len(marks) < 3:
            out.append(b)
            continue
        plain = replace(b, lead=None, lead_rest="", bold=False, italic=False)
        lead = t[: marks[0].start()].strip()
        if lead:
            out.append(replace(plain, text=lead))
        for k, m in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(t)
            item = t[m.end() : end].strip()
            if item:
                out.append(replace(plain, kind=ITEM, text=item, marker=f"{m.group('n')}."))
    return out


_LABELLED_LINE = re.compile(r"^[ \t]*(?:\*\*|__)?[A-Z][\w .]{0,20}:")


def _question_lines(lines: list[str]) -> int | None:
    """Where a paragraph's unmarked list of questions starts (after a lead line ending in a
    colon, or at once), or None when its lines are not each a question of a few words."""
    start = 1 if lines[0].rstrip(" *_").endswith(":") and len(lines[0]) < 120 else 0
    asked = lines[start:]
    if len(asked) < 2:
        return None
    questions = 0
    for ln in asked:
        t = ln.strip().strip("*_").rstrip()
        if not t.endswith(("?", ".", "!")) or len(t.split()) < 3 or not t[:1].isupper():
            return None
        if _LABELLED_LINE.match(ln):
            return None  # "Anna: Why now?": somebody speaking
        questions += t.endswith("?")
    # all questions, or mostly ("Name a current issue that interests you." among them)
    if questions < len(asked) and (questions < 3 or questions * 2 < len(asked)):
        return None
    return start


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
            if (
                skip_level is None
                and _BOILER_HEADING.match(b.text)
                and len(b.text) < 80
                # "Thoughts" alone heads a review's own section; comments say "3 Thoughts on …"
                and b.text.strip(" \t#:").lower() != "thoughts"
            ):
                skip_level = b.level
                continue
        if skip_level is None:
            out.append(b)
    return out


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
    lists = not (screenplay or meta.get("subtitles"))  # a subtitle's or a script's lines are said
    blocks = _split_line_paragraphs(blocks, lists)
    if lists:
        blocks = numbered_paragraphs(_split_run_in_numbering(blocks))
    blocks = italic_excerpts(_drop_boilerplate(split_label_lines(blocks)))
    title = find_title(blocks, html_title, meta)
    exchanges_at, used = _dialogue(blocks, screenplay, bool(meta.get("subtitles")), title)
    if title is None and used and not screenplay:
        title = play_title(blocks, used)
    # every line of a subtitle file is somebody speaking: a quotation in it is a character
    # reading out a headline or a letter, and a question is asked in the scene
    quotes = [] if meta.get("subtitles") else find_quotes(blocks, used)
    speakers = {t.speaker for _, turns in exchanges_at for t in turns if t.speaker}
    if (
        used
        and (screenplay or _characters(speakers) >= 3)
        and _mostly_dialogue(blocks, used, screenplay)
    ):
        # a script's quoted words nobody is credited with (a screenplay, or three or more
        # characters' cues in capitals) are lines recited or read out in the scene, not a
        # quotation the text reports
        quotes = [q for q in quotes if q.speaker]
    if meta.get("subtitles"):
        questions = []
    else:
        # a quoted excerpt's questions are the quoted text's, not the reader's
        quoted = {q.block for q in quotes if q.excerpt}
        prose_from = _prose_from(blocks, used, screenplay)
        if title and _INTERVIEW_TITLE.search(title) and not _GUIDE_TITLE.search(title):
            prose_from = len(blocks)  # an interview's questions are the interviewer's
        questions = find_questions(
            blocks, used | quoted | _standfirst(blocks, meta), prose_from=prose_from
        )
    keyed: list[tuple[tuple[int, int], Item]] = []
    for pos, turns in exchanges_at:
        keyed.append((pos, Item(Kind.EXCHANGE, turns=tuple(turns))))
    for q in quotes:
        keyed.append(((q.block, q.start), Item(Kind.QUOTE, text=q.text, speaker=q.speaker)))
    for q in questions:
        keyed.append(((q.block, q.start), Item(Kind.QUESTION, text=q.text)))
    keyed.sort(key=lambda kv: kv[0])
    items = _verbatim(_dedupe_items([it for _, it in keyed]), visible)
    if film is None and screenplay and title and not meta.get("film"):
        film = script_title(title)
    if film is None:
        persons = {t.speaker for it in items for t in it.turns if t.speaker}
        persons.update(it.speaker for it in items if it.speaker)
        film = meta.get("film") or find_film(text, title, blocks, used, persons)
        if film is None and html_title and html_title != title:
            # "<title>Anatomy of a Fall (2023) - Review | Film Blog</title>"
            film = film_from_title(strip_md(html_title.split(" | ")[0]), persons)
        if film is None and title and is_script(blocks, used, title, persons):
            film = script_title(title)
    logger.debug("extracted %d items from %d blocks", len(items), len(blocks))
    return Extraction(title=title, film=film, items=tuple(items))


_SUMMARY_KEYS = ("summary", "description", "excerpt", "subtitle", "dek", "lede", "standfirst")


def _standfirst(blocks: list[Block], meta: dict[str, str]) -> set[int]:
    """The paragraph that repeats the page's summary from its front matter at the top (a
    standfirst): it frames the piece, which answers its question, so it asks no reader."""
    summaries = {" ".join(strip_md(meta[k]).split()) for k in _SUMMARY_KEYS if meta.get(k)}
    if not summaries:
        return set()
    return {
        i
        for i, b in enumerate(blocks[:8])
        if b.kind == PARA and " ".join(strip_md(b.text).split()) in summaries
    }


# A title that says the document is an interview ("Interview with…", "Q&A: …", "In
# conversation with…"): its questions are put to the interviewee, not to the reader (a
# "Discussion questions" section or a guide's list still counts).
_INTERVIEW_TITLE = re.compile(
    r"\b(?:interview(?:s|ed)?|q\s*&\s*a|in conversation|entretien|intervista|entrevista|"
    r"wywiad|interviu|интервью)\b",
    re.I,
)


# ("Interview with the Vampire: discussion questions" is a guide to the film)
_GUIDE_TITLE = re.compile(
    r"\b(?:discussion|questions?|guide|study|lesson|worksheet|review|essay|analysis)\b", re.I
)


def _characters(speakers: set[str]) -> int:
    """How many people speak, a label made of another's initials ("GI" for "GEORGE ISKANDER")
    and a first name of another's ("Sofia" for "Sofia Alaoui") counted once."""
    full = [s for s in speakers if len(s.split()) >= 2]
    initials = {"".join(w[0] for w in s.split()).upper() for s in full}
    firsts = {s.split()[0].lower() for s in full} | {s.split()[-1].lower() for s in full}
    return sum(
        1
        for s in speakers
        if len(s.split()) >= 2 or (s.upper() not in initials and s.lower() not in firsts)
    )


def _mostly_dialogue(blocks: list[Block], used: set[int], screenplay: bool) -> bool:
    """Is the document a script or transcript: a screenplay, or dialogue twice its prose?"""
    if screenplay:
        return True
    dialogue_chars = sum(len(blocks[i].text) for i in used)
    prose_chars = sum(len(b.text) for b in blocks if b.kind in (PARA, ITEM))
    return bool(prose_chars) and dialogue_chars * 2 > prose_chars


def _prose_from(blocks: list[Block], used: set[int], screenplay: bool = False) -> int:
    """Where open questions to the reader may start. In a transcript, interview or play (most
    of the text is dialogue) the questions belong to the conversation and an introduction's
    questions are answered by what follows: only a closing question after the dialogue counts.
    A screenplay's action lines, its closing ones too, are the script ("Who knows what is
    lurking…?"): none of its own lines asks the reader."""
    if screenplay:
        return len(blocks)  # a screenplay's every line is the script, its end too
    return max(used) + 1 if used and _mostly_dialogue(blocks, used, False) else 0


def _dialogue(
    blocks: list[Block], screenplay: bool, subtitles: bool = False, title: str | None = None
) -> tuple[list[tuple[tuple[int, int], list[Turn]]], set[int]]:
    exchanges, used, starts = find_dialogue(
        blocks, screenplay=screenplay, subtitles=subtitles, title=title
    )
    return [((s, 0), ex) for s, ex in zip(starts, exchanges, strict=True)], used


_MARKUP = re.compile(r"[*_>#`\\]+")
_FULL_SEARCHES = 64
_LOOKBACKS = 256  # searches before the cursor (each at most one scan of the document)
_WINDOW = 1 << 18


def _flat(text: str) -> str:
    """Text as the verbatim check compares it: markup characters the extractor may drop
    (``*``, ``_``, ``>``, ``#``, backticks, backslashes) removed, whitespace collapsed."""
    return " ".join(_MARKUP.sub("", text).split())  # split() is \s+


class _Verbatim:
    """Is a piece of text one contiguous piece of the document (whitespace and markup aside)?

    The document is flattened once. Items come in document order, so each search starts where
    the previous match began: found pieces cost the distance to them, O(document) in all. A
    piece that is not there costs a whole scan, so after a bounded number of misses the
    search looks only a window ahead (many stray pieces cannot make the check quadratic)."""

    def __init__(self, visible: str) -> None:
        self.doc = _flat(visible)
        self.cursor = 0
        self.misses = 0
        self.lookbacks = 0

    def __call__(self, text: str) -> bool:
        piece = _flat(text)
        if not piece or len(piece) > len(self.doc):
            return False
        if self.misses < _FULL_SEARCHES:
            k = self.doc.find(piece, self.cursor)
        else:
            k = self.doc.find(piece, self.cursor, self.cursor + len(piece) + _WINDOW)
        if k >= 0:
            self.cursor = k
            return True
        # Out of order (rare: a duplicate further on may have moved the cursor past it): look
        # before the cursor, and keep the cursor where it is. A piece found there is no stray
        # one, so it does not use up the misses that bound the search for absent pieces.
        if self.lookbacks < _LOOKBACKS:
            self.lookbacks += 1
            if self.doc.find(piece, 0, self.cursor + len(piece)) >= 0:
                return True
        self.misses += 1
        return False


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
