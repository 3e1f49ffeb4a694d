"""Property tests: arbitrary and pathological input never crashes, hangs or invents text."""

from __future__ import annotations

import re
import time
import unicodedata
from html.parser import HTMLParser

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.extraction import extract, format_text
from bot.models import Extraction, Kind

INVENTED_SPEAKERS = {"Interviewer", "Interviewee"}

# Text built from the pieces documents are made of, so that the rules actually fire.
PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        " ",
        "  ",
        "\t",
        "“",
        "”",
        '"',
        "‘",
        "’",
        "'",
        "?",
        ".",
        ",",
        ":",
        "—",
        "– ",
        "> ",
        "# ",
        "## ",
        "- ",
        "* ",
        "1. ",
        "**",
        "__",
        "_",
        "*",
        "(",
        ")",
        "[",
        "]",
        "Q: ",
        "A: ",
        "Name: ",
        "BOB\n",
        "ALICE\n",
        "INT. ROOM - DAY\n",
        "CUT TO:\n",
        "Theodore:",
        "Samantha.  ",
        "_Halla._\n\n",
        "he said",
        ", she told me. ",
        "says Brandes,",
        "What is love",
        "Do you agree",
        "Questions for discussion\n",
        "Spike Jonze",
        "the film was wonderful and long",
        "<p>",
        "</p>",
        "<strong>",
        "</strong>",
        "<br>",
        "<blockquote>",
        "</blockquote>",
        "<q>",
        "</q>",
        "&amp;",
        "\u00a0",
        "\r\n",
        "\ufeff",
        "\u200b",
        "\u2009",
        "\u00ad",
    ]
)
DOCS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=120).map("".join),
)


def _norm(s: str) -> str:
    """Whitespace aside: Unicode spaces collapse, zero-width characters and soft hyphens go;
    composed to NFC, as the extractor reads its input."""
    s = unicodedata.normalize("NFC", s)
    s = re.sub(r"[\x00\u200b\u2060\ufeff\u00ad]", "", s)
    return re.sub(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", s).strip()


def _assert_from_input(ex: Extraction, text: str) -> None:
    """Every line of every item's text (and every speaker) occurs in the input."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n")
    source = _norm(raw)
    # a text sniffed as HTML shows its words without the tags between them ("0:<?>0" reads
    # "0:0"): an item is a piece of that visible text
    shown = _norm(re.sub(r"<[^<>]*>", "", raw)) if "<" in raw else source
    pieces: list[str] = []
    for item in ex.items:
        if item.kind is Kind.EXCHANGE:
            assert item.turns
            for t in item.turns:
                pieces.append(t.text)
                if t.speaker and t.speaker not in INVENTED_SPEAKERS:
                    pieces.append(t.speaker)
        else:
            assert item.text.strip()
            pieces.append(item.text)
            if item.speaker:
                pieces.append(item.speaker)
    for piece in pieces:
        for line in piece.split("\n"):
            if line.strip():
                assert _norm(line) in source or _norm(line) in shown, (line, text[:200])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS, st.sampled_from(["text", "markdown", "fountain"]))
# (found by the property: a processing instruction inside a quotation of a text read as HTML)
@example("<P>“0:0:0:0 0:<?>0 0 0.", "text")
def test_text_formats_never_crash_or_invent(text: str, fmt: str):
    ex = extract(text, fmt=fmt)
    _assert_from_input(ex, text)
    format_text(ex)
    ex.to_json()


# Tags that break a line in a browser; everything else (unknown tags too) is inline.
_BLOCKY = {
    "p",
    "div",
    "br",
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
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "center",
    "hr",
    "body",
    "html",
    "head",
    "title",
    "script",
    "style",
    "form",
    "iframe",
    "noscript",
    "template",
}


def _visible(html_text: str) -> str:
    """An independent rendering of an HTML document's text: tags out, entities decoded."""
    out: list[str] = []

    opened: dict[str, int] = {}

    class _P(HTMLParser):
        def handle_data(self, data: str) -> None:
            out.append(data)

        def handle_starttag(self, tag: str, attrs: object) -> None:
            opened[tag] = opened.get(tag, 0) + 1
            if tag == "q":
                out.append("“")  # browsers render <q> with quotation marks
            elif tag in _BLOCKY:
                out.append(" ")

        def handle_endtag(self, tag: str) -> None:
            if not opened.get(tag):
                return  # a stray end tag, ignored as a browser does
            opened[tag] -= 1
            if tag == "q":
                out.append("”")
            elif tag in _BLOCKY:
                out.append(" ")

    p = _P(convert_charrefs=True)
    p.feed(html_text)
    p.close()
    return "".join(out)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_html_never_crashes_or_invents(text: str):
    ex = extract(text, fmt="html")
    for item in ex.items:
        assert item.text.strip() or item.turns
    _assert_from_input(ex, _visible(text.replace("\r\n", "\n")))


def _timed(text: str, fmt: str = "text", limit: float = 30.0) -> Extraction:
    start = time.perf_counter()
    ex = extract(text, fmt=fmt)
    elapsed = time.perf_counter() - start
    assert elapsed < limit, f"took {elapsed:.1f}s"
    return ex


def test_one_five_megabyte_line():
    line = ("He said “this is a sentence of the review” and asked why? Name: speech. " * 80_000)[
        : 5 * 1024 * 1024
    ]
    ex = _timed(line)
    _assert_from_input(ex, line)


def test_a_hundred_thousand_quote_marks():
    for mark in ('"', "“", "”", "'", "‘"):
        ex = _timed(mark * 100_000, limit=10)
        assert ex.items == ()
    mixed = "“a b c d”" * 20_000 + '"' * 100_000
    _assert_from_input(_timed(mixed), mixed)


def test_unbalanced_quotes():
    text = ("She said “it never ends, and he said 'nor does this. " * 5_000) + "”" * 3
    _assert_from_input(_timed(text), text)


def test_deep_html_nesting():
    deep = (
        "<div>" * 100_000 + "<p>“A line deep inside the page,” she said.</p>" + "</div>" * 100_000
    )
    ex = _timed(deep, fmt="html")
    assert ex is not None
    unclosed = "<b><i><blockquote>" * 30_000 + "Text"
    _timed(unclosed, fmt="html")


def test_many_labels_and_questions():
    text = "\n".join(f"Speaker{i % 7}: Is this line number {i} a question?" for i in range(50_000))
    ex = _timed(text)
    _assert_from_input(ex, text)
    guide = "## Questions\n\n" + "\n".join(
        f"{i % 900 + 1}. What does scene {i} mean?" for i in range(20_000)
    )
    ex = _timed(guide)
    assert ex.count(Kind.QUESTION) == 20_000
