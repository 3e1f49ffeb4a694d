"""Split a document (plain text, Markdown, Fountain or HTML) into typed blocks."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

# Block kinds.
PARA = "p"
HEADING = "h"
ITEM = "li"
CODE = "code"
TABLE = "table"
RULE = "hr"


@dataclass
class Block:
    """One paragraph-like unit of a document, with the structure the extractor needs.

    ``text`` is what the document shows (Markdown kept as written; for HTML the visible text).
    ``quote`` is a blockquote group id (0 = not in a blockquote). For HTML, ``lead`` is the text of
    a leading bold/italic element (a label candidate) and ``bold`` says the whole block is bold.
    """

    kind: str
    text: str
    level: int = 0
    quote: int = 0
    indent: int = 0
    marker: str = ""
    lead: str | None = None
    lead_rest: str = ""
    bold: bool = False
    italic: bool = False
    sub: list[str] = field(default_factory=list)
    emph: list[str] = field(default_factory=list)
    # HTML scripts: "cue" / "speech" by the markup's classes, "turn" once joined; "source": a
    # quotation's <footer> or its figure's <figcaption>
    role: str = ""


def emphasis_only(b: Block) -> bool:
    """Is the block set wholly in bold or italics (HTML, or Markdown ``**…**`` / ``*…*``)?
    Interviews set their questions so, and guides their prompts or section labels."""
    if b.bold or b.italic:
        return True
    t = b.text.strip()
    for mark in ("**", "__", "*", "_"):
        if len(t) > 2 * len(mark) + 2 and t.startswith(mark) and t.endswith(mark):
            inner = t[len(mark) : -len(mark)]
            if mark not in inner and (len(mark) == 2 or "*" not in inner):
                return True
    return False


_FRONT_KEY = re.compile(r"^([A-Za-z][\w -]{0,30}):[ \t]*(.*)$")


# Front matter fenced by other lines than "---": TOML's "+++" (``title = "…"``) or a site's own
# ("# --" above and below ``title: …``).
_OTHER_FENCE = re.compile(r"^[-+#;=~ ]{3,8}$")
_TOML_KEY = re.compile(r"^([A-Za-z][\w -]{0,30}?)[ \t]*=[ \t]*(.*)$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Remove a leading YAML front-matter block; return its simple ``key: value`` pairs."""
    if not text.startswith("---"):
        first = text[: text.find("\n")] if "\n" in text[:20] else ""
        if first.strip() and _OTHER_FENCE.match(first.rstrip()) and "-" * 3 not in first:
            return _fenced_front_matter(text, first.strip())
        return _headless_front_matter(text)
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return {}, text
    pos = first_nl + 1
    meta: dict[str, str] = {}
    for _ in range(3000):
        nl = text.find("\n", pos)
        line = text[pos : nl if nl >= 0 else len(text)]
        if line.strip() in ("---", "..."):
            return meta, text[nl + 1 :] if nl >= 0 else ""
        m = _FRONT_KEY.match(line)
        if m:
            meta[m.group(1).strip().lower()] = m.group(2).strip().strip("'\"")
        if nl < 0:
            break
        pos = nl + 1
    return {}, text


_SITE_KEYS = {
    "title",
    "date",
    "layout",
    "tags",
    "categories",
    "category",
    "slug",
    "draft",
    "permalink",
}


def _fenced_front_matter(text: str, fence: str) -> tuple[dict[str, str], str]:
    """Front matter between two ``fence`` lines: ``key: value`` or ``key = value`` lines (two or
    more, a site's key among them) within 60 lines."""
    lines = text.split("\n", 62)[:62]
    meta: dict[str, str] = {}
    for n, line in enumerate(lines[1:], 1):
        if line.strip() == fence:
            if len(meta) >= 2 and _SITE_KEYS & meta.keys():
                return meta, "\n".join(lines[n + 1 :]) + text[len("\n".join(lines)) :]
            return {}, text
        m = _FRONT_KEY.match(line) or _TOML_KEY.match(line)
        if m:
            meta[m.group(1).strip().lower()] = m.group(2).strip().strip("'\"")
    return {}, text


def _headless_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Front matter whose opening "---" line was lost ("title: Before Sunrise" … "---" then the
    post): two or more ``key: value`` lines from the first line on, no blank line, up to a
    closing "---" within 60 lines."""
    if not _FRONT_KEY.match(text[: text.find("\n")] if "\n" in text[:200] else ""):
        return {}, text
    lines = text.split("\n", 61)[:61]
    meta: dict[str, str] = {}
    for n, line in enumerate(lines):
        if line.strip() == "---" and len(meta) >= 2 and _SITE_KEYS & meta.keys():
            return meta, "\n".join(lines[n + 1 :]) + text[len("\n".join(lines)) :]
        if not line.strip():
            return {}, text
        m = _FRONT_KEY.match(line)
        if m:
            meta[m.group(1).strip().lower()] = m.group(2).strip().strip("'\"")
        elif not line.startswith((" ", "\t", "-")):
            return {}, text  # not YAML: a key, an indented value or a list entry
    return {}, text


_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
# List markers: Markdown bullets, the bullets word processors and PDFs leave ("●", "▪", "◦",
# the Symbol-font private-use bullets), "1." / "1)" / "(1)" / "a)" / "a." / "(a)" / "ii." numbering,
# "Q1:" prompts.
_BULLETS = "-*+•●▪◦‣➢■□○◆♦\uf0b7\uf0a7\uf076\uf0d8"
_ITEM = re.compile(
    rf"^([ \t]*)([{re.escape(_BULLETS)}]|\d{{1,3}}[.)]|\(\d{{1,3}}\)|[a-h]\)|\([a-h]\)|[a-h]\.|"
    r"\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]|"
    # an exam's part letter set in emphasis: "*(b)*  Do you think…?", "**(ii)** Have your…?"
    r"(?P<em>\*\*|__|\*|_)(?:\([a-h]\)|[a-h][.)]|\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)])(?P=em)|"
    r"(?:Q|Question|Prompt)[ \t]?\d{1,3}[ \t]?[.:)])[ \t]+(?P<body>\S.*)$"
)
_BOLD_ITEM = re.compile(r"^(\*\*|__)(\d{1,3}[.)])[ \t]+(\S[^*_\n]*?)\1[ \t]*$")
# A site generator's tag: "{{< lead >}}", "{% include … %}", "{{ page.title }}"
_TAG_SRC = r"\{\{[<%][^\n]*?[>%]\}\}|\{%[^\n]*?%\}|\{\{[^\n{}]*\}\}"
# A container's fence (markdown-it-container, Pandoc's fenced div): "::: problem id=1_1",
# "::: {.callout-note}", ":::"; an attribute list alone on its line: "{.col-4}"
_CONTAINER_SRC = (
    r":{3,}[ \t]*(?:\{[^{}\n]{0,200}\}|[\w-]{1,40}(?:[ \t][^\n]{0,200})?)?|\{[.#][^{}\n]{0,200}\}"
)
_TEMPLATE = re.compile(rf"^(?:{_TAG_SRC})$")
_CONTAINER = re.compile(rf"^(?:{_CONTAINER_SRC})[ \t]*$")
_TEMPLATE_LINE = re.compile(rf"^[ \t]*(?:{_TAG_SRC}|{_CONTAINER_SRC})[ \t]*$", re.M)


def without_template_lines(text: str) -> str:
    """Markdown as a reader sees it: a site generator's tag alone on its line shows nothing."""
    if "{{" not in text and "{%" not in text and ":::" not in text and "{." not in text:
        return text
    return _TEMPLATE_LINE.sub("", text)


_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_HR = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$")


def _indent(line: str) -> int:
    n = 0
    for ch in line:
        if ch == " ":
            n += 1
        elif ch == "\t":
            n += 4
        else:
            break
    return n


def text_blocks(text: str, markdown: bool = True) -> list[Block]:
    """Blocks of plain text / Markdown: paragraphs split at blank lines, plus list items,
    headings, blockquotes (``>``), code fences and tables."""
    blocks: list[Block] = []
    lines = text.split("\n")
    para: list[str] = []
    quote_id = 0
    in_quote = False
    item: Block | None = None
    item_lines: list[str] = []
    fence: str | None = None
    code: list[str] = []

    def flush_para() -> None:
        nonlocal para
        if para:
            body = "\n".join(para).strip("\n")
            if markdown and hard_wrapped(para):
                body = " ".join(ln.strip() for ln in para)
            kind = TABLE if body.strip() and _is_table(para) else PARA
            rows = _one_cell_rows(para) if kind == TABLE else None
            if rows is not None:
                # a table used as layout, one line per row ("| TIM: Wow. Amazing. |"):
                # each row is a line of text (dialogue, notes), not a cell of data
                q = quote_id if in_quote else 0
                blocks.extend(Block(PARA, r, quote=q) for r in rows)
            elif body.strip():
                blocks.append(
                    Block(
                        kind,
                        body,
                        quote=quote_id if in_quote else 0,
                        indent=_indent(para[0]),
                    )
                )
        para = []

    def flush_item() -> None:
        nonlocal item, item_lines
        if item is not None:
            if markdown and hard_wrapped(item_lines):
                item_lines = [" ".join(ln.strip() for ln in item_lines)]
            item.text = "\n".join(item_lines).rstrip()
            blocks.append(item)
        item, item_lines = None, []

    qlines: list[str] = []

    def flush_quote() -> None:
        # A block quote's content is Markdown of its own (paragraphs, a list under a lead-in
        # "> consider the following:\n> * How does…?"): read as such, each block in the quote.
        nonlocal qlines
        if qlines:
            for b in text_blocks("\n".join(qlines), markdown=True):
                b.quote = quote_id
                blocks.append(b)
        qlines = []

    for raw in lines:
        line = raw.rstrip("\r")
        if fence is not None:
            if line.lstrip().startswith(fence):
                blocks.append(Block(CODE, "\n".join(code)))
                fence, code = None, []
            else:
                code.append(line)
            continue
        if markdown:
            fm = _FENCE.match(line)
            if fm:
                if in_quote:
                    flush_quote()
                    in_quote = False
                flush_para()
                flush_item()
                fence, code = fm.group(1), []
                continue
        stripped = line.strip()
        # Blockquote lines.
        qline = None
        if markdown and stripped.startswith(">") and not stripped.endswith("<"):
            qline = stripped[1:]
            if qline.startswith(" "):
                qline = qline[1:]
            while qline.startswith(">"):
                qline = qline[1:].lstrip(" ")
            hm = _HEADING.match(qline) if qline.startswith("#") else None
            if hm:
                qline = hm.group(2)  # "> ### “A pull quote”": the heading markup is layout
        if qline is not None:
            if not in_quote:
                flush_para()
                flush_item()
                quote_id += 1
                in_quote = True
            qlines.append(qline)
            continue
        if in_quote:
            flush_quote()
            in_quote = False
        if not stripped or (
            markdown
            and stripped[:1] in "{:"
            and (_TEMPLATE.match(stripped) or _CONTAINER.match(stripped))
        ):
            # (a site generator's tag alone on its line, "{{< lead >}}", "{% include … %}",
            # a container's fence, "::: problem id=1_1" or ":::", or an attribute list,
            # "{.col-4}", shows nothing: it parts paragraphs like a blank line)
            flush_para()
            if item is not None:
                item_lines.append("")
            continue
        if markdown:
            hm = _HEADING.match(line) if line.startswith("#") else None
            if hm:
                flush_para()
                flush_item()
                blocks.append(Block(HEADING, hm.group(2), level=len(hm.group(1))))
                continue
            if _SETEXT.match(line) and para and len(para) == 1 and not item:
                title = para[0]
                para = []
                blocks.append(
                    Block(HEADING, title.strip(), level=1 if line.strip()[0] == "=" else 2)
                )
                continue
            if _HR.match(line) and not para:
                flush_item()
                blocks.append(Block(RULE, ""))
                continue
        bm = _BOLD_ITEM.match(line) if markdown and line.startswith(("**", "__")) else None
        if bm and not para and item is None:
            # "**1. Why is Jeff confined to his apartment?**": a numbered item set in bold
            blocks.append(Block(ITEM, bm.group(3).strip(), marker=bm.group(2)))
            continue
        im = _ITEM.match(line)
        if im:
            ind = _indent(im.group(1))
            if item is not None and ind > item.indent + 1:
                # A nested item: kept with its parent (sub-question or an answer under it).
                item_lines.append(line)
                item.sub.append(im.group("body"))
                continue
            flush_para()
            flush_item()
            item = Block(ITEM, "", indent=ind, marker=im.group(2).strip("*_"), level=ind)
            first = im.group("body")
            if first[:1] in _BULLETS and first[1:2] in (" ", "\t") and first[:1] != "*":
                first = first[1:].lstrip(" \t")  # "- • Is it …": a pasted bullet doubled
            item_lines = [first]
            continue
        if item is not None:
            pending_blank = bool(item_lines) and item_lines[-1] == ""
            if _indent(line) > item.indent and (not pending_blank or _indent(line) >= 2):
                item_lines.append(line)
                continue
            if not pending_blank:
                item_lines.append(line)
                continue
            flush_item()
        para.append(line)
    if fence is not None:
        blocks.append(Block(CODE, "\n".join(code)))
    flush_quote()
    flush_para()
    flush_item()
    for b in blocks:
        if b.kind == ITEM:
            _trim_item(b)
    return blocks


# A line that opens a turn ("Q:", "**Ben:**", "EYVIND.") or an item: its line break is structure.
_TURN_START = re.compile(
    r"^[*_]{0,2}(?:[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}|[A-Z][A-Z'’ .-]{1,30}\.)"
    r"[*_]{0,2}[ \t]*[:：]|^[A-Z][A-Z'’ -]{1,30}\.[ \t]|^[A-Z][A-Z'’ -]{1,30}$"
)
_CLOSED = (".", "?", "!", ":", ";", '"', "”", "’", ")", "]", "*", "_", "|")


def hard_wrapped(lines: list[str]) -> bool:
    """Is this paragraph prose broken at a fixed width (email, Gutenberg, pandoc ``--wrap``),
    whose line breaks a reader never sees? Not verse, a column of questions, a list without
    markers, or lines that open turns: there every break ends a unit."""
    if len(lines) < 2 or any(not ln.strip() or ln.endswith(("  ", "\\")) for ln in lines):
        return False
    body = [ln.strip() for ln in lines[:-1]]
    if min(len(ln) for ln in body) < (60 if len(body) == 1 else 45):
        return False  # (fixed widths are 60-80; two short lines are a heading and a byline)
    if any(_TURN_START.match(ln.strip()) or _ITEM.match(ln) for ln in lines):
        return False
    return sum(1 for ln in body if not ln.endswith(_CLOSED)) * 2 > len(body)


def _trim_item(b: Block) -> None:
    # Collapse internal blank lines the item collected.
    b.text = re.sub(r"\n[ \t]*\n+", "\n", b.text).strip()


_RULE_ROW = re.compile(r"^[ \t|:-]+$")


def row_cells(line: str) -> list[tuple[int, str]]:
    """The filled cells of a Markdown table row: (offset in the line, text)."""
    out: list[tuple[int, str]] = []
    pos = 0
    for cell in line.split("|"):
        text = cell.strip()
        if text:
            out.append((pos + cell.find(text), text))
        pos += len(cell) + 1
    return out


def _one_cell_rows(lines: list[str]) -> list[str] | None:
    """The rows' text when every row of a Markdown table fills one cell at most (at least
    three such rows), else None."""
    rows: list[str] = []
    for ln in lines:
        if _RULE_ROW.match(ln) or not ln.strip():
            continue
        full = row_cells(ln)
        if len(full) > 1:
            return None
        if full:
            rows.append(full[0][1])
    return rows if len(rows) >= 3 else None


def _is_table(lines: list[str]) -> bool:
    if not any("|" in ln for ln in lines):
        return False  # (both tests below need a pipe; most paragraphs have none)
    pipes = sum(1 for ln in lines if ln.count("|") >= 2 or ln.strip().startswith("|"))
    return pipes >= max(2, len(lines) // 2 + 1) or any(
        "|" in ln and "-" in ln and _RULE_ROW.match(ln) for ln in lines
    )
