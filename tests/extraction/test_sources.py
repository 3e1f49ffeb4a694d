"""Document loading: encodings, line endings, formats, PDF, binary files and size caps."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from bot.extraction import extract
from bot.models import Kind
from bot.sources import (
    DocumentError,
    LoadedDocument,
    extract_document,
    load_source,
    read_bytes,
    read_path,
)
from tests.extraction.scoring import mean_f1, score
from tests.pdfs import esc, pdf_from_streams

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "bot" / "data" / "her.txt"
SAMPLE_LABELS = REPO / "tests" / "fixtures" / "sample_her.expected.json"
DIALOGUE = "Theodore: Do you talk to someone else while we’re talking?\n\nSamantha: Yes.\n"


def make_pdf(lines: list[str], per_page: int = 48) -> bytes:
    """A minimal PDF with the given lines in Helvetica, ``per_page`` lines a page."""
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    streams = []
    for page in pages:
        ops = ["BT", "/F1 11 Tf", "56 760 Td", "14 TL"]
        ops += [f"({esc(line)}) Tj T*" for line in page]
        ops.append("ET")
        streams.append("\n".join(ops).encode("cp1252", "replace"))
    return pdf_from_streams(streams)


def _turns(doc: LoadedDocument) -> list[tuple[str | None, str]]:
    ex = extract_document(doc)
    return [(t.speaker, t.text) for it in ex.items if it.kind is Kind.EXCHANGE for t in it.turns]


@pytest.mark.parametrize(
    "data",
    [
        DIALOGUE.encode("utf-8"),
        b"\xef\xbb\xbf" + DIALOGUE.encode("utf-8"),
        DIALOGUE.encode("cp1252"),
        DIALOGUE.replace("\n", "\r\n").encode("utf-8"),
        DIALOGUE.encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "crlf", "utf16-bom"],
)
def test_encodings_and_line_endings_give_the_same_turns(data: bytes):
    doc = read_bytes(data, "scene.txt")
    assert "\r" not in doc.text and not doc.text.startswith("\ufeff")
    assert _turns(doc) == [
        ("Theodore", "Do you talk to someone else while we’re talking?"),
        ("Samantha", "Yes."),
    ]


def test_utf8_with_a_stray_windows_1252_byte():
    data = "“Quoted” in UTF-8 — and ".encode() + "a cp1252 ’ here".encode("cp1252")
    assert read_bytes(data, "mixed.txt").text == "“Quoted” in UTF-8 — and a cp1252 ’ here"


def test_latin1_text_is_decoded():
    doc = read_bytes("Sigurjónsson wrote Fjalla-Eyvindur in Iceland.".encode("latin-1"), "a.txt")
    assert "Sigurjónsson" in doc.text


def test_html_meta_charset_is_honoured():
    html = (
        '<html><head><meta charset="windows-1252"></head><body><p>“Hello” — café</p></body></html>'
    )
    doc = read_bytes(html.encode("cp1252"), "page.html")
    assert doc.fmt == "html" and "“Hello” — café" in doc.text


def test_non_breaking_spaces_and_straight_quotes():
    text = (
        'Director Ana\u00a0Lima said, "I wanted the river to be the main character of the film."\n'
    )
    ex = extract(text)
    quotes = [it for it in ex.items if it.kind is Kind.QUOTE]
    assert [q.text for q in quotes] == ["I wanted the river to be the main character of the film."]
    assert quotes[0].speaker and quotes[0].speaker.replace("\u00a0", " ") == "Ana Lima"


@pytest.mark.parametrize(
    ("name", "content_type", "data", "fmt"),
    [
        ("a.md", None, b"# Title\n\nText.", "markdown"),
        ("a.markdown", None, b"# Title\n\nText.", "markdown"),
        ("a.html", None, b"<p>Hi</p>", "html"),
        ("a.php", None, b"<p>Hi</p>", "html"),
        ("a.fountain", None, b"INT. ROOM - DAY\n\nBOB\nHi.", "fountain"),
        ("a.txt", None, b"Plain words.", "text"),
        ("noext", None, b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        ("https://x.test/page", "text/html; charset=utf-8", b"<p>Hi</p>", "html"),
        ("https://x.test/notes", "text/markdown", b"# Hi", "markdown"),
    ],
)
def test_format_detection(name: str, content_type: str | None, data: bytes, fmt: str):
    assert read_bytes(data, name, content_type).fmt == fmt


def test_pdf_text_is_extracted():
    pdf = make_pdf(["Discussion questions", "", "What does the lighthouse stand for?"])
    doc = read_bytes(pdf, "guide.pdf")
    assert doc.fmt == "text"
    assert "What does the lighthouse stand for?" in doc.text


def test_sample_as_a_wrapped_multi_page_pdf_scores_like_the_text():
    text = SAMPLE.read_text(encoding="utf-8")
    lines: list[str] = []
    for para in text.split("\n"):
        lines.extend(textwrap.wrap(para, 88) or [""])
    doc = read_bytes(make_pdf(lines), "her.pdf")
    expected = json.loads(SAMPLE_LABELS.read_text(encoding="utf-8"))
    assert mean_f1(score(expected, extract_document(doc).to_json())) >= 0.9


@pytest.mark.parametrize(
    "stem",
    [
        "blind8_screenplay_page_breaks",
        "blind8_guide_hanging_indent",
        "play_upper_dot",
        "qa_transcript",
    ],
)
def test_fixtures_as_pdf_score_like_the_text(stem: str):
    fixtures = REPO / "tests" / "fixtures" / "extraction"
    expected = json.loads((fixtures / f"{stem}.expected.json").read_text(encoding="utf-8"))
    text = (fixtures / expected["file"]).read_text(encoding="utf-8")
    doc = read_bytes(make_pdf(text.split("\n")), f"{stem}.pdf")
    assert mean_f1(score(expected, extract_document(doc).to_json())) >= 0.9


def test_damaged_pdf_gives_a_clear_error():
    with pytest.raises(DocumentError, match="PDF"):
        read_bytes(b"%PDF-1.4\n garbage without objects", "broken.pdf")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "JPEG image"),
        (b"PK\x03\x04" + b"\x00" * 100, "ZIP archive"),
        (b"\x7fELF" + b"\x00" * 100, "ELF"),
        (bytes(range(256)) * 4, "binary file"),
    ],
)
def test_binary_files_are_refused_with_a_clear_message(data: bytes, kind: str):
    with pytest.raises(DocumentError) as err:
        read_bytes(data, "photo.bin")
    msg = str(err.value)
    assert msg.startswith("That file is not text") and kind in msg and "photo.bin" in msg


def test_size_cap_is_enforced_with_sizes_in_the_message():
    data = b"a" * (2 * 1024 * 1024 + 200 * 1024)
    with pytest.raises(DocumentError) as err:
        read_bytes(data, "big.txt", max_bytes=1024 * 1024)
    assert str(err.value) == "big.txt is 2.2 MB; the limit is 1 MB (FILMCLUB_MAX_DOCUMENT_MB)."


def test_read_path_checks_size_before_reading(tmp_path: Path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * 5000)
    with pytest.raises(DocumentError, match="limit is 4 KB"):
        read_path(str(p), max_bytes=4096)


def test_read_path_errors(tmp_path: Path):
    with pytest.raises(DocumentError, match="There is no file"):
        read_path(str(tmp_path / "missing.txt"))
    with pytest.raises(DocumentError, match="folder"):
        read_path(str(tmp_path))
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    with pytest.raises(DocumentError, match="empty"):
        read_path(str(tmp_path / "empty.txt"))


async def test_load_source_reads_a_path(tmp_path: Path):
    p = tmp_path / "her.md"
    p.write_text("# Her\n\n" + DIALOGUE, encoding="utf-8")
    doc = await load_source(str(p))
    assert doc.fmt == "markdown" and doc.name == "her.md"
    assert len(_turns(doc)) == 2
