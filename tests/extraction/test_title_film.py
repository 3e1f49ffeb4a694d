"""Title and film detection (shown after ``/filmclub load``): right when found, and None
rather than a wrong guess."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.extraction import extract
from bot.sources import extract_document, read_path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "extraction"
CORPUS = REPO.parent / "shared" / "documents" / "dev"
LABELS = sorted(FIXTURES.glob("*.expected.json"))


def _norm(s: str | None) -> str:
    s = re.sub(r"[*_]", "", s or "")
    s = s.translate(str.maketrans("“”‘’", "\"\"''"))
    return re.sub(r"\s+", " ", s).strip().lower()


def _main(film: str | None) -> str | None:
    """The film a label names: its first name, without the notes in brackets."""
    if film is None:
        return None
    return re.split(r"\s*\(|;", film)[0].strip()


def _visible(path: Path) -> str:
    return _norm(re.sub(r"<[^>]+>", " ", read_path(str(path)).text))


def _results() -> list[tuple[str, dict, dict, str]]:
    out = []
    for labels in LABELS:
        expected = json.loads(labels.read_text(encoding="utf-8"))
        path = labels.parent / expected["file"]
        got = extract_document(read_path(str(path))).to_json()
        out.append((expected["file"], expected, got, _visible(path)))
    return out


RESULTS = _results()


@pytest.mark.parametrize("name,expected,got,visible", RESULTS, ids=[r[0] for r in RESULTS])
def test_fixture_title(name: str, expected: dict, got: dict, visible: str):
    title = expected.get("title")
    if title and _norm(title) not in visible:
        return  # a label that describes the document rather than quoting its title
    assert _norm(got["title"]) == _norm(title), (got["title"], title)


@pytest.mark.parametrize("name,expected,got,visible", RESULTS, ids=[r[0] for r in RESULTS])
def test_fixture_film_is_never_a_wrong_guess(name: str, expected: dict, got: dict, visible: str):
    film = _main(expected.get("film"))
    if got["film"] is not None:
        assert _norm(got["film"]) == _norm(film), (got["film"], film)


def test_fixture_films_are_mostly_found():
    labelled = [(e, g) for _, e, g, _ in RESULTS if e.get("film")]
    found = sum(1 for e, g in labelled if _norm(g["film"]) == _norm(_main(e["film"])))
    assert found >= 0.9 * len(labelled), f"{found}/{len(labelled)}"


@pytest.mark.skipif(
    not (CORPUS / "all.expected.json").exists(), reason="shared dev corpus not present"
)
def test_dev_corpus_titles_and_films():
    got = {}
    for e in json.loads((CORPUS / "all.expected.json").read_text(encoding="utf-8")):
        got[e["file"][:2]] = extract_document(read_path(str(CORPUS / e["file"])))
    assert got["06"].film == "Brick & Steel: Full Retired"
    assert got["07"].title == "EYVIND OF THE HILLS"
    assert got["07"].film == "Eyvind of the Hills"
    assert got["08"].film == "Guns, Germs, and Steel"
    assert got["10"].film is None  # an essay about many films
    assert got["11"].title == "12 Angry Men"
    assert got["04"].film == "The Big Sick"


def test_guide_title_with_an_episode_number():
    doc = "# Viewing Guide: The Long Road Home: Episode 3\n\n1. Why does she leave?\n"
    ex = extract(doc, fmt="markdown")
    assert ex.film == "The Long Road Home"


def test_a_film_named_once_in_italics_in_the_intro():
    doc = (
        "# “Light has a temper”: a conversation with Ada Obi\n\n"
        "Ada Obi shot *The Night Ferry*, the Lagos-set mystery that became the hit of the "
        "winter. We talked about lamps.\n\n**How did you start?**\n\nBy accident, really.\n"
    )
    assert extract(doc, fmt="markdown").film == "The Night Ferry"


def test_an_essay_about_several_films_names_none():
    doc = (
        "# Why I love the cinema\n\nLast year I watched *Heat*, then *Ran*, then "
        "*Paterson*, and after that *Heat* again. I saw *Ran* in a tiny room. I saw *Paterson* "
        "twice.\n"
    )
    assert extract(doc, fmt="markdown").film is None


def test_a_play_title_line_is_the_film():
    doc = (
        "THE WINTER GUEST\n\nA play in one act\n\nTOM.  Is it snowing?\n\n"
        "ANNA.  It has been snowing since noon.\n\nTOM.  Then nobody will come.\n"
    )
    ex = extract(doc)
    assert ex.title == "THE WINTER GUEST"
    assert ex.film == "The Winter Guest"


def test_a_headline_quote_is_not_the_film():
    doc = (
        '# "We built it in a barn": the story of a festival\n\n'
        "The festival began in 1998 in a barn outside the town.\n"
    )
    assert extract(doc, fmt="markdown").film is None


def test_a_fountain_title_over_two_lines():
    doc = (
        "Title:\n\t_**IRON & SALT**_\n\t_**THE LAST SHIFT**_\nAuthor: Someone\n\n"
        "INT. MILL - NIGHT\n\nDust.\n\nJO\nShift's over.\n\nEXT. YARD - NIGHT\n\nRain.\n"
    )
    ex = extract(doc, fmt="fountain")
    assert ex.title == "IRON & SALT: THE LAST SHIFT"
    assert ex.film == "Iron & Salt: The Last Shift"


def test_a_header_of_key_value_lines_is_not_a_title():
    doc = "Host: Owen Park\nGuest: Rita Moe\n\nQ: What drew you to it?\n\nA: My grandmother.\n"
    assert extract(doc).title is None
    assert extract("Review: Lagos Nights\n\nPremise: A woman returns.\n").title == (
        "Review: Lagos Nights"
    )


def test_the_last_answer_stops_at_end_matter():
    doc = (
        "# A conversation with Mara Lind\n\nMara Lind edited *Glass Town*. We spoke to her.\n\n"
        "**How long did the edit take?**\n\nEleven months, in a basement with no windows.\n\n"
        "**What was hardest?**\n\nLetting go of the opening. It did not belong to this film.\n\n"
        "This interview has been edited and condensed for clarity.\n\n"
        "Tags: editing, interviews, Glass Town\n"
    )
    ex = extract(doc, fmt="markdown")
    last = [t for it in ex.items for t in it.turns][-1]
    assert last.text == "Letting go of the opening. It did not belong to this film."
    assert ex.film == "Glass Town"


@pytest.mark.parametrize(
    "doc,fmt",
    [
        ("# TIFF 2019: Day 2\n\nSaw *Parasite* and *Jojo Rabbit* today. Both great.\n", "markdown"),
        (
            "# Meet the Projectionist: Sam Ortiz\n\nSam Ortiz has run the booth for twenty "
            "years. Sam Ortiz says the job is lonely.\n",
            "markdown",
        ),
        (
            "# How to Watch Lawrence of Arabia\n\nLawrence of Arabia is long. Watch Lawrence of "
            "Arabia on the biggest screen you can.\n",
            "markdown",
        ),
        (
            "<html><head><title>Home | Riverside Film Club</title></head><body><h1>Welcome</h1>"
            "<p>Our members meet on Fridays.</p></body></html>",
            "html",
        ),
        (
            "# Harbourlight Film Festival opens\n\nThe Harbourlight Film Festival began.\n",
            "markdown",
        ),
    ],
)
def test_no_wrong_guess(doc: str, fmt: str):
    assert extract(doc, fmt=fmt).film is None


def test_a_subtitle_cue_number_is_not_a_title():
    from bot.sources import extract_document, read_bytes

    srt = b"1\n00:00:01,000 --> 00:00:03,000\nWhere are you going?\n\n2\n00:00:04,000 --> 00:00:06,000\nHome.\n"
    assert extract_document(read_bytes(srt, "film.srt", max_bytes=10_000)).title is None
