"""Legacy Cyrillic, Greek and East-Asian encodings and BOM-less UTF-16 are read, not garbled."""

from __future__ import annotations

import pytest

from bot.sources import DocumentError, read_bytes
from tests.encoding_samples import LEGACY, UTF16

WESTERN = (
    ("fr", "Hier, le ciné-club a regardé « Her ». Théodore écrit des lettres.\n", "cp1252"),
    ("de", "Der Filmclub hat „Her“ gesehen – fröhlich und ruhig zugleich.\n", "cp1252"),
    ("is", "Sigurjónsson wrote Fjalla-Eyvindur in Iceland.", "latin-1"),
    ("en", "“Quoted” text — with dashes and café’s ‘quotes’.\n", "cp1252"),
)


@pytest.mark.parametrize(("label", "text", "encoding"), LEGACY, ids=[x[0] for x in LEGACY])
def test_legacy_encodings_are_guessed(label, text, encoding):
    assert read_bytes(text.encode(encoding), "doc.txt").text.strip() == text.strip()


@pytest.mark.parametrize(("label", "text", "encoding"), UTF16, ids=[x[0] for x in UTF16])
def test_utf16_without_a_byte_order_mark_is_text(label, text, encoding):
    doc = read_bytes(text.encode(encoding), "doc.txt")
    assert doc.text.strip() == text.strip()


@pytest.mark.parametrize(("label", "text", "encoding"), WESTERN, ids=[x[0] for x in WESTERN])
def test_western_text_still_reads_as_windows_1252(label, text, encoding):
    assert read_bytes(text.encode(encoding), "doc.txt").text.strip() == text.strip()


def test_ascii_text_with_a_stray_nul_is_not_taken_for_utf16():
    data = b"Theodore writes letters for other people, and then he falls in love.\x00" * 20
    with pytest.raises(DocumentError, match="binary file"):
        read_bytes(data, "odd.txt")


def test_compiled_python_is_not_taken_for_utf16():
    """Pairs of ASCII letters read as valid CJK: a .pyc full of names is still binary."""
    import marshal

    table = ", ".join(f"'/glyph{n}': '{chr(0x100 + n)}'" for n in range(3000))
    code = compile(f"GLYPHS = {{{table}}}", "x.py", "exec")  # like pypdf's adobe_glyphs
    data = b"\xa7\r\r\n" + b"\x00" * 12 + marshal.dumps(code)
    with pytest.raises(DocumentError, match="binary file"):
        read_bytes(data, "x.pyc")
