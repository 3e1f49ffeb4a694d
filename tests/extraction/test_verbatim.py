"""Every returned text is one contiguous piece of the input (whitespace and markup aside).

Structured random documents (screenplays, plays, Markdown interviews, guides, prose with quotes)
built from random words exercise the rules that join lines and paragraphs into one item. The
property holds both for ``extract()`` (which ends with a verbatim guard) and for the rules alone
(guard switched off), so that the guard is a safety net, not the thing that makes it true."""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bot.extraction as extraction
from bot.extraction import extract
from bot.models import Extraction, Kind

WORDS = st.sampled_from(
    "the a light harbour night film keeper lamp she he we never always why what "
    "is was do did you I it and but so then window sea rope paraffin oh well".split()
)
NAMES = st.sampled_from(["MARTA", "DEV", "JACK", "ALGERNON", "LANE", "NORA", "OWEN"])
MIXED = st.sampled_from(["Marta", "Dev", "Jonas Whitfield", "Whitfield", "Ines Albarrán", "Q", "A"])


def _sentence(words: list[str], end: str) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:] + end


SENT = st.builds(
    _sentence, st.lists(WORDS, min_size=1, max_size=12), st.sampled_from([".", "?", "!", "…"])
)
PARA = st.lists(SENT, min_size=1, max_size=4).map(" ".join)


@st.composite
def screenplay(draw: st.DrawFn) -> str:
    out = ["Title: " + draw(PARA).rstrip(".?!…"), "Author: " + draw(MIXED), ""]
    for _ in range(draw(st.integers(1, 14))):
        kind = draw(st.sampled_from(["scene", "speech", "speech", "action", "transition"]))
        if kind == "scene":
            out.append(draw(st.sampled_from(["INT. ", "EXT. "])) + draw(NAMES) + " - NIGHT")
        elif kind == "action":
            out.append(draw(PARA))
        elif kind == "transition":
            out.append("CUT TO:")
        else:
            ext = draw(st.sampled_from(["", " (V.O.)", " (CONT'D)", " ^"]))
            lines = [draw(NAMES) + ext]
            if draw(st.booleans()):
                lines.append("(" + " ".join(draw(st.lists(WORDS, min_size=1, max_size=3))) + ")")
            lines += draw(st.lists(SENT, min_size=1, max_size=3))
            out.append("\n".join(lines))
        out.append("")
    return "\n".join(out)


@st.composite
def play(draw: st.DrawFn) -> str:
    out = [draw(NAMES) + " " + draw(NAMES), "", "ACT I", ""]
    for _ in range(draw(st.integers(1, 14))):
        kind = draw(st.sampled_from(["speech", "speech", "direction", "more"]))
        if kind == "direction":
            out.append("[" + draw(SENT) + "]")
        elif kind == "more":
            out.append(draw(PARA))
        else:
            lead = draw(st.sampled_from(["", "[" + draw(SENT) + "]  ", "(" + draw(SENT) + ") "]))
            out.append(draw(NAMES) + ".  " + lead + draw(PARA))
        out.append("")
    return "\n".join(out)


@st.composite
def interview(draw: st.DrawFn) -> str:
    out = ["# " + draw(PARA).rstrip(".?!…"), "", draw(PARA), ""]
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["label", "label", "bold", "more", "quote", "aside", "rule"]))
        if kind == "label":
            style = draw(
                st.sampled_from(["**{n}:** {t}", "**{n}**: {t}", "{n}: {t}", "_{n}:_ {t}"])
            )
            out.append(style.format(n=draw(MIXED), t=draw(PARA)))
        elif kind == "bold":
            out.append("**" + draw(SENT) + "**")
        elif kind == "more":
            out.append(draw(PARA))
        elif kind == "quote":
            out.append("> “" + draw(PARA) + "”")
            out.append("")
            out.append("— " + draw(MIXED))
        elif kind == "aside":
            out.append(draw(st.sampled_from(["[Laughs]", "*This interview has been edited.*"])))
        else:
            out.append("---")
        out.append("")
    return "\n".join(out)


@st.composite
def prose(draw: st.DrawFn) -> str:
    out = [draw(PARA).rstrip(".?!…"), ""]
    for _ in range(draw(st.integers(1, 10))):
        kind = draw(st.sampled_from(["plain", "said", "split", "item", "heading"]))
        if kind == "plain":
            out.append(draw(PARA))
        elif kind == "said":
            out.append(f"“{draw(PARA)}” {draw(MIXED)} said. {draw(PARA)}")
        elif kind == "split":
            out.append(f"“{draw(SENT)[:-1]},” {draw(MIXED)} told me. “{draw(PARA)}”")
        elif kind == "item":
            out.append(f"{draw(st.integers(1, 9))}. {draw(PARA)}")
            out.append(f"   a) {draw(SENT)}")
        else:
            out.append("## Questions for discussion")
        out.append("")
    return "\n".join(out)


@st.composite
def guide(draw: st.DrawFn) -> str:
    out = ["# Discussion questions", ""]
    for n in range(1, draw(st.integers(2, 8))):
        out.append(f"{n}. {draw(PARA)}")
        for _ in range(draw(st.integers(0, 4))):
            if draw(st.booleans()):
                out.append(f"   - {draw(st.sampled_from('abcd'))}) {draw(SENT)}")
            else:
                out.append(f"   - {draw(PARA)}")  # an answer typed under the item
        if draw(st.booleans()):
            out.append(f"   Answer: {draw(PARA)}")
        out.append("")
    return "\n".join(out)


LAYOUTS = st.one_of(
    st.tuples(guide(), st.sampled_from(["text", "markdown"])),
    st.tuples(screenplay(), st.just("fountain")),
    st.tuples(screenplay(), st.just("text")),
    st.tuples(play(), st.just("text")),
    st.tuples(interview(), st.just("markdown")),
    st.tuples(prose(), st.sampled_from(["text", "markdown"])),
)


def _flat(s: str) -> str:
    """An independent normalisation: Markdown markup characters out, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"[*_>#`\\]", "", s)).strip()


def _texts(ex: Extraction) -> list[str]:
    out: list[str] = []
    for item in ex.items:
        if item.kind is Kind.EXCHANGE:
            out.extend(t.text for t in item.turns)
        else:
            out.append(item.text)
    return out


def _assert_verbatim(ex: Extraction, text: str) -> None:
    source = _flat(text)
    for piece in _texts(ex):
        assert _flat(piece), piece
        assert _flat(piece) in source, (piece, text)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LAYOUTS)
def test_every_text_is_one_piece_of_the_input(doc: tuple[str, str]):
    text, fmt = doc
    _assert_verbatim(extract(text, fmt=fmt), text)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LAYOUTS)
def test_the_rules_alone_return_verbatim_text(doc: tuple[str, str]):
    text, fmt = doc
    with mock.patch.object(extraction, "_verbatim", lambda items, visible: items):
        ex = extract(text, fmt=fmt)
    _assert_verbatim(ex, text)


def test_the_guard_drops_a_turn_that_is_not_in_the_text():
    doc = "MARTA: We sail at dawn.\n\nDEV: Then we sail.\n\nMARTA: At dawn, then.\n"
    items = list(extract(doc).items)
    assert items and items[0].kind is Kind.EXCHANGE
    forged = extraction.Item(
        Kind.EXCHANGE,
        turns=(*items[0].turns, extraction.Turn("DEV", "We sail. At dawn, then.")),
    )
    kept = extraction._verbatim([forged, extraction.Item(Kind.QUOTE, text="made up")], doc)
    assert len(kept) == 1
    assert [t.text for t in kept[0].turns] == [t.text for t in items[0].turns]


def test_a_scene_heading_ends_a_speech():
    doc = (
        "Title: The Keepers\n\nINT. HUT - DAY\n\nDEV\nI need a word.\n\n"
        "MARTA\nCarry the paraffin.\n\n"
        "She drops the crate.\n\nINT. LAMP ROOM - CONTINUOUS\n\nBrass and glass.\n\n"
        "DEV\nIt's about the schedule.\n\nMARTA\nLater.\n"
    )
    turns = [t for it in extract(doc, fmt="fountain").items for t in it.turns]
    assert [(t.speaker, t.text) for t in turns] == [
        ("DEV", "I need a word."),
        ("MARTA", "Carry the paraffin."),
        ("DEV", "It's about the schedule."),
        ("MARTA", "Later."),
    ]


def test_the_check_is_linear_on_a_large_document():
    import time

    line = "ALICE: We went to the pictures and it rained the whole way home.\n"
    doc = "".join(line.replace("home", f"home {i}") for i in range(40_000))
    start = time.perf_counter()
    kept = extraction._verbatim(
        [extraction.Item(Kind.QUESTION, text="not there at all?")] * 5_000
        + [extraction.Item(Kind.QUOTE, text=f"the whole way home {i}") for i in range(40_000)],
        doc,
    )
    assert time.perf_counter() - start < 10
    assert len(kept) == 40_000
    # Thousands of pieces that are nowhere in a 10 MB document stay cheap.
    big = "word " * 2_000_000
    start = time.perf_counter()
    kept = extraction._verbatim(
        [extraction.Item(Kind.QUOTE, text=f"missing piece {i}") for i in range(5_000)], big
    )
    assert kept == []
    assert time.perf_counter() - start < 8


def test_narration_after_the_last_turn_is_not_joined_to_it():
    doc = (
        "# Court notes\n\nJudge: Did you see the film?\n\nWitness: I saw most of it, except "
        "for the ending, because the projector broke down halfway through the final reel.\n\n"
        "The court later heard that the projector had been repaired.\n\n## Other news\n\nNone.\n"
    )
    turns = [t for it in extract(doc, fmt="markdown").items for t in it.turns]
    assert turns[-1].text.endswith("final reel.")


def test_a_duplicate_further_on_does_not_make_later_pieces_vanish():
    # "intro" is checked out of order and also occurs at the very end, so the cursor jumps
    # there; every piece after it is still found (before the cursor), none is dropped.
    from bot.extraction import _Verbatim

    doc = "intro " + " ".join(f"piece{i:03d}" for i in range(200)) + " intro"
    check = _Verbatim(doc)
    assert check("piece005") and check("intro")
    assert all(check(f"piece{i:03d}") for i in range(6, 200))
    assert not check("absent words")
