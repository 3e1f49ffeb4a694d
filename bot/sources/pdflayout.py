"""Paragraph breaks of a PDF page recovered from where its lines are drawn (gaps, indents, sizes)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# A list marker opening a line: bullets, "1." / "1)" / "(a)" / "a.".
_MARKER = re.compile(r"^(?:[-*•◦▪‣–·]\s|\(?\d{1,3}[.)]\s|\(?[a-zA-Z][.)]\s)")
_MAX_INDENT = 40  # characters of indentation rendered, at most
# A list item's wrapped lines start at most this many ems right of its marker (Word: 0.25 in).
_HANGING_EMS = 2.6
_MAX_LINES = 20_000  # per page; beyond that the page is read without layout


@dataclass
class _Line:
    text: str
    x: float | None = None
    y: float | None = None
    size: float | None = None


def _runs_to_lines(page: object) -> list[_Line]:
    """The page's lines in drawing order, each with the position and size of its first run."""
    lines: list[_Line] = [_Line("")]

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if len(lines) > _MAX_LINES:
            raise OverflowError("too many lines")
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append(_Line(""))
            line = lines[-1]
            if part.strip() and line.x is None and i == 0 and not line.text.strip():
                # The run's start: text matrix times current matrix.
                a = tm[0] * cm[0] + tm[1] * cm[2]
                b = tm[0] * cm[1] + tm[1] * cm[3]
                c = tm[2] * cm[0] + tm[3] * cm[2]
                d = tm[2] * cm[1] + tm[3] * cm[3]
                if abs(b) > 0.01 * abs(a) + 1e-9 or abs(c) > 0.01 * abs(d) + 1e-9:
                    line.text += part  # rotated (a watermark, a margin note): no geometry
                    continue
                line.x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                line.y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                line.size = abs(size * d) or None
            line.text += part

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return [ln for ln in lines if ln.text.strip()]


def _usual_spacing(lines: list[_Line]) -> float | None:
    """The page's ordinary line spacing, as a multiple of the font size (a low median)."""
    ratios = []
    for prev, cur in zip(lines, lines[1:], strict=False):
        if prev.y is None or cur.y is None or not cur.size or prev.size != cur.size:
            continue
        r = (prev.y - cur.y) / cur.size
        if r >= 0.8:
            ratios.append(r)
    if not ratios:
        return None
    ratios.sort()
    return ratios[len(ratios) // 3]


def layout_page_text(page: object) -> str | None:
    """The page's text with a blank line wherever a paragraph starts: a vertical gap clearly
    larger than the page's usual spacing, a change of font size, a first-line indent or the
    end of an indented block; wrapped lines of a list item stay with it. None when the page's
    geometry cannot be read (mostly rotated text, no positioned runs): the caller falls back."""
    lines = _runs_to_lines(page)
    placed = [ln for ln in lines if ln.x is not None and ln.size]
    if len(placed) < len(lines) * 0.8 or not placed:
        return None
    usual = _usual_spacing(lines)
    left = min(ln.x for ln in placed)  # type: ignore[type-var]
    out: list[str] = []
    prev: _Line | None = None
    first_x: float | None = None  # where the current block's first line starts
    cont_x: float | None = None  # where its further lines start, once seen
    in_item = False
    for ln in lines:
        text = ln.text.strip()
        marker = bool(_MARKER.match(text))
        brk = False
        if prev is not None and prev.y is not None and ln.y is not None and ln.size:
            size = ln.size
            dy = prev.y - ln.y
            thr = 0.5 * size
            if prev.size and abs(prev.size - size) > 0.1 * max(prev.size, size):
                brk = True  # a heading, or the text after one
            elif dy < -size or (usual is not None and dy / size > max(usual * 1.15, usual + 0.15)):
                brk = True  # a clear gap (or a jump to a new column)
            elif dy / size >= 2.0:
                brk = True  # room for a blank line (pypdf's layout mode's own rule)
            elif not marker and first_x is not None and ln.x is not None:
                ref = cont_x if cont_x is not None else first_x
                if cont_x is None:
                    if ln.x > first_x + thr:
                        # under a list item, where its text starts after the marker: its
                        # wrapped line; further right, or under a paragraph: a new block
                        brk = not in_item or ln.x > first_x + _HANGING_EMS * size
                    # a line left of the first one: that first line was indented
                elif ln.x > ref + thr or ln.x < ref - thr:
                    brk = True  # a first-line indent, or the end of an indented block
        if prev is None or brk or marker:
            first_x, cont_x, in_item = ln.x, None, marker
        elif cont_x is None:
            cont_x = ln.x
        if brk and out:
            out.append("")
        indent = 0
        if ln.x is not None and ln.size:
            indent = min(_MAX_INDENT, round((ln.x - left) / (0.5 * ln.size)))
        if brk and not marker:
            indent = 0 if indent < 8 else indent  # a first-line indent is consumed by the break
        out.append(" " * max(0, indent) + text)
        prev = ln
    return "\n".join(out)
