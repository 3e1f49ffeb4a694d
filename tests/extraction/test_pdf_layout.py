"""PDF paragraphs recovered from line positions: gaps, first-line indents, font sizes, list items."""

from __future__ import annotations

import re

import pytest

from bot.models import Kind
from bot.sources import extract_document, read_bytes
from tests.pdfs import esc, pdf_from_streams

Run = tuple[float, float, float, str]  # x, y, font size, text


def positioned_pdf(pages: list[list[Run]]) -> bytes:
    """A valid PDF drawing each run in Helvetica at its own position (one BT…ET each)."""
    return pdf_from_streams(
        [
            "\n".join(
                f"BT /F1 {size} Tf {x} {y} Td ({esc(text)}) Tj ET" for x, y, size, text in runs
            ).encode("cp1252")
            for runs in pages
        ]
    )


def _flow(blocks: list[tuple[float, float, list[str]]], top: float = 740) -> list[Run]:
    """Blocks of (gap before, font size, lines); each block's further lines at x 86 when it
    starts with a list marker, else at x 72; single spacing 1.25 times the size."""
    runs: list[Run] = []
    y = top
    for gap, size, lines in blocks:
        y -= gap
        for j, line in enumerate(lines):
            x = 86 if j and line and lines[0][:1].isdigit() else 72
            runs.append((x, y, size, line))
            y -= size * 1.25
    return runs


def _questions(pdf: bytes) -> list[str]:
    ex = extract_document(read_bytes(pdf, "guide.pdf"))
    return [" ".join(it.text.split()) for it in ex.items if it.kind is Kind.QUESTION]


GUIDE_ITEMS = [
    ["1. What does the lighthouse stand for, and why does Winslow", "keep climbing towards it?"],
    ["2. How does the storm change the two men?"],
    ["3. Why is the film shot in black and white, and what does the", "narrow frame do to it?"],
]
AFTER = [
    [
        "The film was shot on 35mm stock with vintage lenses. Eggers wanted",
        "the images to look like photographs from the 1890s.",
    ],
    [
        "Its sound design relies on a foghorn that recurs through the whole",
        "film. Can a sound be a character? The actors spoke in period dialect.",
    ],
]
WANTED = [
    "What does the lighthouse stand for, and why does Winslow keep climbing towards it?",
    "How does the storm change the two men?",
    "Why is the film shot in black and white, and what does the narrow frame do to it?",
]


@pytest.mark.parametrize("para_gap", [6.0, 9.0, 14.0])
def test_list_items_end_where_the_paragraphs_after_them_begin(para_gap: float):
    # Word-processor spacing: a few points between paragraphs, far less than a blank line.
    blocks = [(0.0, 16.0, ["Discussion Guide: The Lighthouse"])]
    blocks += [(8.0, 11.0, item) for item in GUIDE_ITEMS]
    blocks += [(para_gap, 11.0, para) for para in AFTER]
    text = read_bytes(positioned_pdf([_flow(blocks)]), "guide.pdf").text
    assert "\n\nThe film was shot" in text and "\n\nIts sound design" in text
    questions = _questions(positioned_pdf([_flow(blocks)]))
    assert questions[:3] == WANTED
    assert not any("35mm" in q or "foghorn" in q for q in questions)


def test_first_line_indents_without_gaps_separate_paragraphs():
    runs: list[Run] = [(72, 740, 11, "1. Why does the keeper hide the lamp from Winslow?")]
    runs.append((72, 726, 11, "2. How does the storm change the two men?"))
    paras = [
        [
            "The film was shot on 35mm stock with vintage lenses, and Eggers",
            "wanted the images to look old.",
        ],
        [
            "Its sound design relies on a foghorn that recurs through the",
            "whole film, and the actors spoke in period dialect.",
        ],
        ["Nobody else made a film like it that year."],
    ]
    y = 706.0
    for para in paras:
        for j, line in enumerate(para):
            runs.append((72 if j else 90, y, 11, line))
            y -= 14
    text = read_bytes(positioned_pdf([runs]), "essay.pdf").text
    assert "lenses, and Eggers\nwanted the images" in text  # a paragraph's lines stay together
    assert "look old.\n\nIts sound design" in text
    assert "dialect.\n\nNobody else" in text
    assert _questions(positioned_pdf([runs])) == [
        "Why does the keeper hide the lamp from Winslow?",
        "How does the storm change the two men?",
    ]


def test_a_heading_in_a_bigger_font_is_its_own_paragraph():
    blocks = [
        (0.0, 11.0, ["1. Why does the keeper hide the lamp?"]),
        (0.0, 11.0, ["2. How does the storm change the two men?"]),
        (2.0, 14.0, ["About the production"]),
        (
            0.0,
            11.0,
            [
                "The film was shot on 35mm stock with vintage lenses. Eggers wanted",
                "the images to look like photographs from the 1890s.",
            ],
        ),
    ]
    text = read_bytes(positioned_pdf([_flow(blocks)]), "guide.pdf").text
    assert "men?\n\nAbout the production\n\nThe film was shot" in text
    assert _questions(positioned_pdf([_flow(blocks)])) == [
        "Why does the keeper hide the lamp?",
        "How does the storm change the two men?",
    ]


def test_rotated_or_odd_pages_still_give_their_text():
    # Text drawn rotated (no usable line geometry) falls back to pypdf's own extraction.
    pdf = positioned_pdf([[(72, 700, 11, "Plain words here.")]])
    pdf = pdf.replace(b"BT /F1 11 Tf 72 700 Td", b"BT /F1 11 Tf 0 1 -1 0 300 400 Tm")
    pdf = _fix_xref(pdf)
    assert "Plain words here." in read_bytes(pdf, "odd.pdf").text


def _fix_xref(pdf: bytes) -> bytes:
    """Rebuild the xref table after an in-place edit changed object lengths and offsets."""
    body = pdf[: pdf.index(b"xref\n")]
    body = re.sub(
        rb"/Length \d+ >>\nstream\n(.*?)\nendstream",
        lambda m: (
            b"/Length "
            + str(len(m.group(1))).encode()
            + b" >>\nstream\n"
            + m.group(1)
            + b"\nendstream"
        ),
        body,
        flags=re.S,
    )
    offsets = [m.start() for m in re.finditer(rb"(?m)^\d+ 0 obj\n", body)]
    out = bytearray(body)
    xref = len(out)
    out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _tm_scaled(m: re.Match[bytes]) -> bytes:
    size, x, y = m.group(1), m.group(2), m.group(3)
    return b"BT /F1 1 Tf %s 0 0 %s %s %s Tm" % (size, size, x, y)


def _top_down(m: re.Match[bytes]) -> bytes:
    size, x, y = m.group(1), m.group(2), float(m.group(3))
    return b"q 1 0 0 -1 0 792 cm BT /F1 %s Tf 1 0 0 -1 %s %d Tm" % (size, x, 792 - y)


@pytest.mark.parametrize("variant", ["tm-scaled font", "top-down coordinates"])
def test_paragraphs_survive_other_ways_of_placing_text(variant: str):
    # Generators set the size in the text matrix (1 Tf), or flip the page (browsers).
    blocks = [(0.0, 16.0, ["Discussion Guide: The Lighthouse"])]
    blocks += [(8.0, 11.0, item) for item in GUIDE_ITEMS]
    blocks += [(6.0, 11.0, para) for para in AFTER]
    pdf = positioned_pdf([_flow(blocks)])
    pattern = rb"BT /F1 ([\d.]+) Tf ([\d.]+) ([\d.]+) Td"
    if variant == "tm-scaled font":
        pdf = re.sub(pattern, _tm_scaled, pdf)
    else:
        pdf = re.sub(pattern, _top_down, pdf).replace(b") Tj ET", b") Tj ET Q")
    pdf = _fix_xref(pdf)
    assert "\n\nThe film was shot" in read_bytes(pdf, "guide.pdf").text
    assert _questions(pdf)[:3] == WANTED


def test_a_screenplay_pdf_keeps_its_indented_cues_and_speeches():
    runs: list[Run] = []
    y = 740.0

    def add(x: float, text: str, after: float = 0.0) -> None:
        nonlocal y
        runs.append((x, y, 12, text))
        y -= 12 + after

    add(108, "INT. LIGHTHOUSE - NIGHT", 12)
    add(108, "Wind batters the windows. WINSLOW climbs the stairs.", 12)
    add(266, "WAKE")
    add(180, "Why do you keep going up there,")
    add(180, "lad? What do you want from it?", 12)
    add(266, "WINSLOW")
    add(180, "The light. Only the light.", 12)
    add(266, "WAKE")
    add(180, "It ain't yours to have.")
    doc = read_bytes(positioned_pdf([runs]), "script.pdf")
    turns = [
        (t.speaker, " ".join(t.text.split()))
        for it in extract_document(doc).items
        if it.kind is Kind.EXCHANGE
        for t in it.turns
    ]
    assert turns == [
        ("WAKE", "Why do you keep going up there, lad? What do you want from it?"),
        ("WINSLOW", "The light. Only the light."),
        ("WAKE", "It ain't yours to have."),
    ]


def test_an_indented_paragraph_right_after_a_one_line_item_is_not_its_wrapped_line():
    # Word's defaults: a wrapped item line 18 pt right of the marker, a first-line indent 36 pt.
    runs: list[Run] = [
        (72, 740, 11, "1. Why does the keeper hide the lamp from Winslow?"),
        (72, 726, 11, "2. How does the storm change the two men, and why does"),
        (90, 712, 11, "the younger one stop writing his letters?"),
        (72, 698, 11, "3. Who is the mermaid?"),
        (108, 684, 11, "The film was shot on 35mm stock with vintage lenses, and Eggers"),
        (72, 670, 11, "wanted the images to look old."),
    ]
    pdf = positioned_pdf([runs])
    assert "mermaid?\n\nThe film was shot" in read_bytes(pdf, "guide.pdf").text
    assert _questions(pdf) == [
        "Why does the keeper hide the lamp from Winslow?",
        "How does the storm change the two men, and why does the younger one stop writing "
        "his letters?",
        "Who is the mermaid?",
    ]


def test_a_rotated_margin_note_does_not_cost_the_page_its_paragraphs():
    blocks = [(0.0, 11.0, item) for item in GUIDE_ITEMS]
    blocks += [(6.0, 11.0, para) for para in AFTER]
    runs = _flow(blocks) + [(30, 400, 9, "Draft for the club")]
    pdf = positioned_pdf([runs])
    pdf = _fix_xref(pdf.replace(b"BT /F1 9 Tf 30 400 Td", b"BT /F1 9 Tf 0 1 -1 0 30 400 Tm"))
    text = read_bytes(pdf, "guide.pdf").text
    assert "Draft for the club" in text and "\n\nThe film was shot" in text
    assert _questions(pdf)[:3] == WANTED
