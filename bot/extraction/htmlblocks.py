"""Turn HTML into extractor blocks, keeping paragraphs, blockquotes, lists and bold labels."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

from .blocks import CODE, HEADING, ITEM, PARA, TABLE, Block

logger = logging.getLogger(__name__)

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "iframe",
    "svg",
    "canvas",
    "object",
    "embed",
    "video",
    "audio",
    "figcaption",
    "head",
}
_VOID = {
    "br",
    "img",
    "hr",
    "input",
    "meta",
    "link",
    "area",
    "base",
    "col",
    "embed",
    "param",
    "source",
    "track",
    "wbr",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "center",
    "figure",
    "hr",
    "body",
    "html",
}
_BOLD = {"strong", "b"}
_ITALIC = {"em", "i", "cite"}
_BOILER = re.compile(
    r"(?:^|[\s_-])(?:comments?|respond|reply|replies|share|sharing|social|nav|navbar|menu|"
    r"ads?|promo|footer|masthead|byline-share)(?:$|[\s_-])"
    r"|comment-|-comment|commentlist|comments-|sidebar|widget|related|navigation|breadcrumb|"
    r"cookie|subscribe|newsletter|advert|sharedaddy|share-|social-|site-header|skip-link|"
    r"screen-reader|popup|modal|disqus|jp-relatedposts|post-navigation|paywall",
    re.I,
)
_MAX_DEPTH = 4000


def _is_main(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """The page's main content: ``<main>`` or ``role="main"``."""
    return tag == "main" or any(k == "role" and (v or "").lower() == "main" for k, v in attrs)


# Scripts rendered to HTML say in their classes who speaks: screenplay renderers (screenplain's
# <div class="dialog"><p class="character">, fountain.js's <div class="dialogue"><h4>, Celtx's
# <p class="character"> / <p class="dialog">) and plays or libretti (<p class="speaker">).
_CUE_CLASSES = {
    "character",
    "charactername",
    "character-name",
    "character_name",
    "speaker",
    "speaker-name",
    "speakername",
    "cue",
}
_SPEECH_CLASSES = {
    "dialog",
    "dialogue",
    "speech",
    "parenthetical",
    "paren",
    "wryly",
    "lines",
    "lyrics",
}
# Screenplay elements that are not speech: a speech ends where one of them starts.
_NOT_SPEECH_CLASSES = {
    "action",
    "scene",
    "sceneheading",
    "scene-heading",
    "scene_heading",
    "slug",
    "slugline",
    "transition",
    "shot",
    "general",
    "centered",
}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SCREENPLAY_WORDS = {"character", "dialog", "dialogue", "parenthetical", "lyrics"} | (
    _NOT_SPEECH_CLASSES
)
_INLINE_CUE_TAGS = {"span", "a", "font", "small", "abbr", "label"}
_PREFIX = re.compile(r"^[a-z0-9]+[-_]")


def _class_words(attrs: list[tuple[str, str | None]]) -> set[str]:
    """An element's classes in lower case; a screenplay element's class also without a
    renderer's prefix (``jouvence-character`` is also ``character``; ``new-speaker`` is not
    ``speaker``: a subtitle page marks a change of speaker so, without naming anyone)."""
    out: set[str] = set()
    for k, v in attrs:
        if k == "class" and v:
            for c in v.lower().split():
                out.add(c)
                if "-" in c or "_" in c:
                    bare = _PREFIX.sub("", c, count=1)
                    if bare in _SCREENPLAY_WORDS:
                        out.add(bare)
    return out


_QUESTION_CLASS = re.compile(r"(?:^|[\s_-])(?:question|interviewer|q)(?:$|[\s_-])", re.I)
# Whitespace in a block: around a line break, runs of spaces (a lone space is left alone, so
# the regex only stops where something changes), and blank lines.
_SPACED_NL = re.compile(r"[ \t\r\f\v\u00a0]*\n[ \t\r\f\v\u00a0]*")
_SPACE_RUN = re.compile(r"[ \t\r\f\v]{2,}|[\t\r\f\v]")
_NL_RUN = re.compile(r"\n{2,}")
_SOURCE_NL = re.compile(r"\r\n?|\n")
_NUMBERED = re.compile(r"^\(?\d{1,3}[.)][ \t]+(?=\S)")


_SENTENCE_END = ("?", "…", "...", ".", "!", "»", "”", '"')


def _set_apart_lead(segs: list[tuple[str, bool, bool]], brs: set[int]) -> int:
    """Where a leading bold sentence set on a line of its own (a line break after it, text
    below) ends, or 0. A label ("Name:") or a bold word opening a sentence is not set apart."""
    k = 0
    while k < len(segs) and not segs[k][0].strip():
        k += 1
    start = k
    while k < len(segs) and k not in brs and (segs[k][1] or not segs[k][0].strip()):
        k += 1
    if k == start or k not in brs:
        return 0
    lead = " ".join("".join(s for s, _, _ in segs[start:k]).split())
    rest = "".join(s for s, _, _ in segs[k:]).strip()
    if not rest or len(lead.split()) < 3 or len(lead) > 600 or not lead.endswith(_SENTENCE_END):
        return 0
    return k


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title: str | None = None
        self._in_title = False
        self._title_parts: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipping-started-here)
        self._skip = 0
        self._soft_skip = False  # the skipping began at a wrapper's class name, not its tag
        self._resumed: dict[int, int] = {}  # stack index of a <main> read inside a wrapper -> skip
        self._bold = 0
        self._italic = 0
        self._quote_depth = 0
        self._quote_ids: list[int] = []
        self._quote_counter = 0
        self._list_depth = 0
        self._pre = 0
        self._heading = 0
        self._table = 0
        self._row_cells = 0
        self._rows = 0  # rows opened so far (each table cell's block remembers its row)
        self._table_starts: list[int] = []  # index in self.blocks where each open table began
        self._cell_at: dict[int, tuple[int, int]] = {}  # block index -> (row, cell in row)
        self._cur: list[tuple[str, bool, bool]] = []
        self._cur_kind = PARA
        self._cur_level = 0
        self._cur_tag = ""
        self._force_bold = False
        self._brs: set[int] = set()  # indices in _cur of line breaks (<br>)
        self._cur_role = ""  # "cue" / "speech" for a script's elements (see _CUE_CLASSES)
        self._cue_parent: int | None = None  # stack index of the element holding the last cue
        self._dialog_at: int | None = None  # stack index of an open dialogue container
        self._cue_spans: set[int] = set()  # stack indices of inline cues (read as bold)

    # -- block management -------------------------------------------------
    def _flush(self) -> None:
        segs = self._cur
        self._cur = []
        if not segs:
            return
        brs, self._brs = self._brs, set()
        cut = _set_apart_lead(segs, brs) if self._cur_kind == PARA and not self._force_bold else 0
        if cut:
            # "<strong>Question?</strong><br/>Answer…": a bold line set apart by a line break
            # is a block of its own (an interview's question), the text below it another.
            self._emit(segs[:cut])
            segs = segs[cut:]
        self._emit(segs)

    def _emit(self, segs: list[tuple[str, bool, bool]]) -> None:
        text = "".join(s for s, _, _ in segs)
        if self._cur_kind != CODE:
            if "\n" in text:
                text = _SPACED_NL.sub("\n", text)
            text = _SPACE_RUN.sub(" ", text)
            if "\n\n" in text:
                text = _NL_RUN.sub("\n", text)
        text = text.strip()
        if not text:
            return
        kind = self._cur_kind
        nm = _NUMBERED.match(text) if kind == PARA else None
        marker = ""
        if nm:
            kind = ITEM  # "<p>1. What does…</p>": a numbered list written as paragraphs
            marker = nm.group(0).strip()
            text = text[nm.end() :]
        if (
            self._table
            and kind == PARA
            and self._cur_tag in ("td", "th", "tr", "")
            and (len(text) < 200 or self._row_cells >= 2)
        ):
            # A data-table cell (a short one, or any beside another cell in its row: "Title |
            # Synopsis"); a long cell alone in its row is a layout table holding prose.
            kind = TABLE
        role = self._cur_role
        if not role and self._cue_parent is not None and kind != HEADING:
            role = "speech"  # text after a cue, inside the element that holds it
        block = Block(
            kind,
            text,
            level=self._cur_level,
            quote=self._quote_ids[-1] if self._quote_ids else 0,
            marker=marker or (self._cur_tag if self._cur_tag in ("dt", "dd") else ""),
            indent=2 * self._cur_level if kind == ITEM else 0,
            role=role,
        )
        # Leading bold / italic run (a label candidate) and all-bold detection.
        lead: list[str] = []
        lead_fmt: str | None = None
        i = 0
        while i < len(segs):
            s, b, it = segs[i]
            if not s.strip() and not lead:
                i += 1
                continue
            fmt = "b" if b else ("i" if it else None)
            if (
                fmt is None
                and lead_fmt == "b"
                and s.strip() in ("and", "&")
                and i + 1 < len(segs)
                and segs[i + 1][1]
            ):
                # "<b>Jack</b> and <b>Algernon</b> [Speaking together.]": a shared cue
                lead.append(s)
                i += 1
                continue
            if fmt is None or (lead_fmt is not None and fmt != lead_fmt):
                break
            lead_fmt = fmt
            lead.append(s)
            i += 1
        if lead:
            lead_text = " ".join("".join(lead).split())
            rest = " ".join("".join(s for s, _, _ in segs[i:]).split())
            block.lead = lead_text
            block.lead_rest = rest
            if not rest.strip():
                if lead_fmt == "b":
                    block.bold = True
                else:
                    block.italic = True
        if self._force_bold:
            block.bold, block.lead, block.lead_rest = True, block.text, ""
            self._force_bold = False
        run: list[str] = []
        for seg, _b, it in segs + [("", False, False)]:
            if it:
                run.append(seg)
            elif run:
                emph = " ".join("".join(run).split())
                if emph:
                    block.emph.append(emph)
                run = []
        if self._table:
            self._cell_at[len(self.blocks)] = (self._rows, self._row_cells)
        self.blocks.append(block)

    def _start_block(self, kind: str = PARA, level: int = 0, tag: str = "", role: str = "") -> None:
        """Close the current block and open one of ``kind`` (``tag`` says what opened it)."""
        self._flush()
        self._force_bold = False
        self._cur_kind = kind
        self._cur_level = level
        self._cur_tag = tag
        self._cur_role = role

    def _script_role(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        """The part a block element plays in a script, from its class (the element is on the
        stack already): a cue, speech (after a cue), or nothing."""
        classes = _class_words(attrs)
        here = len(self._stack) - 1
        if classes & _CUE_CLASSES:
            self._cue_parent = here - 1
            return "cue"
        if tag in _HEADINGS and self._dialog_at is not None and self._cue_parent is None:
            self._cue_parent = here - 1  # fountain.js: <div class="dialogue"><h4>NAME</h4>
            return "cue"
        if classes & _SPEECH_CLASSES:
            if self._cue_parent is not None:
                return "speech"
            if tag not in ("p", "span") and self._dialog_at is None:
                self._dialog_at = here  # a dialogue container: its cue comes inside it
            return ""
        if self._cue_parent is not None:
            if tag in _HEADINGS or classes & _NOT_SPEECH_CLASSES:
                self._cue_parent = None
                return ""
            return "speech"
        return ""

    # -- parser callbacks ---------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag == "title":
            self._in_title = True
            return
        if tag in _VOID:
            if self._skip:
                return
            if tag == "br":
                self._brs.add(len(self._cur))
                self._cur.append(("\n", False, False))
            elif tag == "hr":
                self._flush()
            return
        if len(self._stack) > _MAX_DEPTH:
            return
        skip_here = False
        if self._skip and self._soft_skip and _is_main(tag, attrs):
            # "<div class="content-sidebar-wrap"><main>…": the page's main content inside a
            # layout wrapper whose class name looks like furniture is read all the same
            self._resumed[len(self._stack)] = self._skip
            self._skip = 0
        elif self._skip:
            pass
        else:
            if tag in ("footer", "figcaption") and self._attribution_place():
                # a quotation's source: "<blockquote><p>…</p><footer>— Name</footer>", or a
                # figure's caption under its block quote
                self._stack.append((tag, False))
                self._start_block(PARA, tag=tag, role="source")
                return
            if (
                tag == "cite"
                and self._quote_ids
                and not "".join(t for t, _, _ in self._cur).strip()
            ):
                # "<blockquote><p>…</p><cite>Name, or the article's title</cite>": a
                # citation set on its own below the quotation names its source
                self._stack.append((tag, False))
                self._start_block(PARA, tag=tag, role="source")
                self._italic += 1
                return
            if tag in _SKIP:
                skip_here = True
                self._soft_skip = False
            else:
                cls = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
                if cls and _BOILER.search(cls) and tag not in ("body", "html", "article", "main"):
                    skip_here = True
                    self._soft_skip = True
                if tag == "blockquote" and "twitter" in cls:
                    skip_here = False
        if skip_here:
            self._skip += 1
        self._stack.append((tag, skip_here))
        if self._skip:
            return
        if tag == "q":
            self._cur.append(("“", self._bold > 0, self._italic > 0))  # browsers add the marks
        elif tag in _BOLD:
            self._bold += 1
        elif tag in _INLINE_CUE_TAGS and attrs and _class_words(attrs) & _CUE_CLASSES:
            # "<p><span class="speaker">HAMLET.</span> To be…</p>": a cue the stylesheet sets
            # apart, read as a bold lead (a label candidate)
            self._bold += 1
            self._cue_spans.add(len(self._stack) - 1)
        elif tag in _ITALIC:
            self._italic += 1
        elif tag == "blockquote":
            self._flush()
            self._quote_counter += 1
            self._quote_ids.append(self._quote_counter)
        elif tag in ("ul", "ol"):
            self._flush()
            self._list_depth += 1
        elif tag == "li":
            self._start_block(ITEM, max(0, self._list_depth - 1))
        elif tag == "dt":
            self._start_block(PARA, tag="dt")  # a term: a label for the item after it
        elif tag == "dd":
            self._start_block(ITEM, 0, tag="dd")
        elif tag in _HEADINGS:
            scripted = self._cue_parent is not None or self._dialog_at is not None
            role = self._script_role(tag, attrs) if scripted else ""
            if role == "cue":
                self._start_block(PARA, role=role)
            else:
                self._start_block(HEADING, int(tag[1]))
        elif tag == "pre":
            self._start_block(CODE)
            self._pre += 1
        elif tag == "table":
            self._flush()
            self._table += 1
            self._table_starts.append(len(self.blocks))
        elif tag in _BLOCK:
            if tag == "tr":
                self._row_cells = 0
                self._rows += 1
            elif tag in ("td", "th"):
                self._row_cells += 1
            if self._cur_kind == ITEM and tag in ("p", "div") and not self._cur:
                return
            if self._cur_kind == ITEM and tag in ("p", "div"):
                self._cur.append(("\n", False, False))
                return
            role = self._script_role(tag, attrs)
            self._start_block(PARA, tag=tag, role=role)
            cls = " ".join(v or "" for k, v in attrs if k == "class")
            if cls and _QUESTION_CLASS.search(cls):
                self._force_bold = True  # <p class="question">: set in bold by the stylesheet

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag == "title":
            if self._in_title and self.title is None:
                self.title = " ".join("".join(self._title_parts).split()) or None
            self._in_title = False
            return
        if tag in _VOID:
            return
        # Find the matching open tag (tolerate unclosed inner tags).
        idx = None
        for j in range(len(self._stack) - 1, max(-1, len(self._stack) - 50), -1):
            if self._stack[j][0] == tag:
                idx = j
                break
        if idx is None:
            return
        while len(self._stack) > idx:
            t, skipped = self._stack.pop()
            self._close(t, skipped)
            depth = len(self._stack)
            if depth in self._resumed:
                self._flush()
                self._skip = self._resumed.pop(depth)
            if depth in self._cue_spans:
                self._cue_spans.discard(depth)
                self._bold = max(0, self._bold - 1)
            if self._cue_parent is not None and depth <= self._cue_parent:
                self._cue_parent = None  # the element holding the cue and its speech closed
            if self._dialog_at is not None and depth <= self._dialog_at:
                self._dialog_at = None

    def _attribution_place(self) -> bool:
        """Inside a block quote, or in a figure right after one."""
        if self._quote_ids:
            return True
        in_figure = any(t == "figure" for t, _ in self._stack)
        return in_figure and bool(self.blocks) and self.blocks[-1].quote > 0

    def _close(self, tag: str, skipped: bool) -> None:
        if skipped:
            self._skip -= 1
            return
        if self._skip:
            return
        if tag == "q":
            self._cur.append(("”", self._bold > 0, self._italic > 0))
        elif tag in _BOLD:
            self._bold = max(0, self._bold - 1)
        elif tag in _ITALIC:
            self._italic = max(0, self._italic - 1)
            if tag == "cite" and self._cur_tag == "cite" and self._cur_role == "source":
                self._flush()
                self._cur_kind = PARA
                self._cur_role = ""
                self._cur_tag = ""
        elif tag in ("footer", "figcaption"):
            self._flush()
            self._cur_kind = PARA
            self._cur_role = ""
        elif tag == "blockquote":
            self._flush()
            if self._quote_ids:
                self._quote_ids.pop()
            self._cur_kind = PARA
        elif tag in ("ul", "ol"):
            self._flush()
            self._list_depth = max(0, self._list_depth - 1)
            self._cur_kind = PARA
        elif tag == "pre":
            self._flush()
            self._pre = max(0, self._pre - 1)
            self._cur_kind = PARA
        elif tag == "table":
            self._flush()
            self._table = max(0, self._table - 1)
            if self._table_starts:
                self._dialogue_rows(self._table_starts.pop())
        elif tag in _BLOCK:
            if self._cur_kind == ITEM and tag in ("p", "div"):
                return
            self._flush()
            self._cur_kind = PARA
            self._cur_level = 0
            self._cur_tag = ""
            self._cur_role = ""

    def _dialogue_rows(self, start: int) -> None:
        """A table whose rows are "speaker | speech" (a play set as a table, one row a speech;
        a row with no speaker is a stage direction) becomes one table block with a line per row,
        as a Markdown table would be, so the dialogue reads it the same way."""
        rows: dict[int, dict[int, list[str]]] = {}
        for k in range(start, len(self.blocks)):
            at = self._cell_at.get(k)
            if at is None or self.blocks[k].kind not in (TABLE, PARA):
                return  # a nested table, a list or a heading: not a table of speeches
            rows.setdefault(at[0], {}).setdefault(at[1], []).append(self.blocks[k].text)
        lines: list[str] = []
        names: list[str] = []
        for cells in rows.values():
            if len(cells) != 2 or any(len(v) != 1 for v in list(cells.values())[:1]):
                if len(cells) == 1 and max(cells) == 2:
                    lines.append("| " + " ".join(cells[2]).replace("\n", " ") + " |")
                    continue  # an empty first cell: a stage direction across the row
                return
            name, speech = (v for _, v in sorted(cells.items()))
            if len(name[0]) > 40 or name[0][-1:] in "?!.:;,":
                return
            names.append(name[0].lower())
            lines.append(f"| {name[0]} | {' '.join(speech).replace(chr(10), ' ')} |")
        # The same few speakers speak row after row (a data table's first column differs).
        if len(names) < 3 or len(set(names)) * 2 > len(names):
            return
        del self.blocks[start:]
        self.blocks.append(Block(TABLE, "\n".join(lines)))

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
            return
        if self._skip or not data:
            return
        if not self._pre and ("\n" in data or "\r" in data):
            data = _SOURCE_NL.sub(" ", data)  # a line break in the source is a space on screen
        self._cur.append((data, self._bold > 0, self._italic > 0))

    def handle_comment(self, data: str) -> None:
        return

    def parse_html_declaration(self, i: int) -> int:
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            # "<![bogus[": html.parser gives up on an unknown marked section (and the rest
            # of the document with it); browsers read it as a bogus comment up to ">".
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1

    def handle_pi(self, data: str) -> None:
        return

    def close(self) -> None:
        super().close()
        self._flush()
        while self._table_starts:  # a table left open at the end (an excerpt cut after a row)
            self._dialogue_rows(self._table_starts.pop())


def defuse(text: str) -> str:
    """Drop markup that can never be closed, which html.parser would otherwise scan to the end
    of the document for at every occurrence (quadratic: 400 KB of ``<a`` took minutes).

    As a browser reads it (HTML5 tokenizer), a tag opened after the last ``>`` runs to the end
    of the file and a comment opened after the last ``-->`` too, so neither shows anything: both
    are cut off. A ``<`` that opens no tag (``5 < 6``) stays text."""
    if "<%" in text:
        text = _drop_server_code(text)
    last_gt = text.rfind(">")
    opener = _OPENER.search(text, last_gt + 1)
    if opener is not None:
        text = text[: opener.start()]
    close = text.rfind("-->")
    tail = close + 3 if close >= 0 else 0
    comment = text.find("<!--", tail)
    if comment >= 0:
        text = text[:comment]
    return text


_OPENER = re.compile(r"<[A-Za-z!/?]")


def _drop_server_code(text: str) -> str:
    """An ASP or JSP page's server code (``<%@ Page MasterPageFile="~/…" %>``, ``<%= x %>``):
    run on the server, never shown. One pass; an unclosed ``<%`` runs to the end."""
    out: list[str] = []
    pos = 0
    while True:
        start = text.find("<%", pos)
        if start < 0:
            out.append(text[pos:])
            break
        out.append(text[pos:start])
        end = text.find("%>", start + 2)
        if end < 0:
            break
        pos = end + 2
    return "".join(out)


_COMPONENT_OPEN = re.compile(r"^\s*(?:<!--.*?-->\s*)*<template\b[^>]*>", re.S)


def component_template(text: str) -> str:
    """A single-file component (Vue: ``<template>`` opens the file, no ``<html>``/``<body>``)
    renders its templates (the top one and its slots, ``<template slot="…">``) as the page,
    unlike an inert ``<template>`` inside a page: their tags are dropped so that the content
    is read."""
    m = _COMPONENT_OPEN.match(text[:20_000])
    if m is None or re.search(r"<(?:html|body)\b", text[:200_000], re.I):
        return text
    return _TEMPLATE_TAG.sub("", text)


_TEMPLATE_TAG = re.compile(r"</?template\b[^<>]{0,2000}>", re.I)


def html_blocks(text: str) -> tuple[list[Block], str | None]:
    """Parse HTML into blocks; also return the document ``<title>`` if any."""
    parser = _Parser()
    try:
        parser.feed(defuse(component_template(text)))
        parser.close()
    except Exception:  # html.parser is lenient; never let odd markup crash extraction
        logger.warning("HTML parsing failed part-way", exc_info=True)
        parser._flush()
    blocks = [b for b in parser.blocks if b.text]
    return _script_turns(blocks), parser.title


def _script_turns(blocks: list[Block]) -> list[Block]:
    """A cue element and the speech elements after it become one block, ``NAME`` on its first
    line and the speech below (as a screenplay prints it), with the role ``turn``."""
    if not any(b.role == "cue" for b in blocks):
        return blocks
    out: list[Block] = []
    i, n = 0, len(blocks)
    while i < n:
        b = blocks[i]
        j = i + 1
        if b.role == "cue" and "\n" not in b.text and len(b.text) <= 80:
            while j < n and blocks[j].role == "speech":
                j += 1
            if j > i + 1:
                text = "\n".join(x.text for x in blocks[i:j])
                out.append(Block(PARA, text, quote=b.quote, role="turn"))
                i = j
                continue
        out.append(b)
        i += 1
    return out


_TAG = re.compile(r"<[^<>]{0,2000}>")


def looks_like_html(text: str) -> bool:
    """Sniff whether a text document is really HTML."""
    head = text[:4000].lower()
    if "<!doctype html" in head or "<html" in head or "<body" in head:
        return True
    tags = len(
        re.findall(r"</?(?:p|div|br|span|a|strong|em|blockquote|li|h[1-6])\b", text[:20000], re.I)
    )
    return tags >= 5 and tags * 40 > min(len(text), 20000) / 10 and not _markdown_structure(text)


_MD_LINE = re.compile(r"^(?:#{1,6}[ \t]|[*+-][ \t]+\S|\d{1,3}\.[ \t]+\S|>[ \t]?\S)", re.M)
_TAG_LINE = re.compile(r"^[ \t]*<", re.M)
_PROSE_PARAGRAPH = re.compile(r"(?:\A|\n[ \t]*\n)[“\"'‘]?[A-Za-z][^<\n]{60,}(?=\n|\Z)")


def _markdown_structure(body: str) -> bool:
    """Markdown with some HTML in it (``<p class="lead">`` lead-ins between ``##`` headings and
    ``*`` lists), not an HTML page: its own headings, lists and quotes, set outside any tag,
    are as many as the lines that open with a tag. Read per block, not as one HTML page."""
    head = body[:20000]
    md = sum(
        1
        for m in _MD_LINE.finditer(head)
        if "<" not in head[m.start() : head.find("\n", m.start())]
    )
    # a paragraph of prose set between blank lines outside any tag ("It's been a minute
    # since…"): Markdown's paragraph; an HTML page keeps its text inside its elements
    md += len(_PROSE_PARAGRAPH.findall(head))
    return md >= 3 and md * 2 >= len(_TAG_LINE.findall(head))
