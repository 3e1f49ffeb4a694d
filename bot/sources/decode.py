"""Turn raw bytes into document text: binary refusal, encodings, format detection, PDF."""

from __future__ import annotations

import codecs
import io
import logging
import os
import re
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from bot.extraction import normalize_text
from bot.extraction.htmlblocks import looks_like_html

from .base import DEFAULT_MAX_BYTES, DocumentError, LoadedDocument, too_big
from .pdflayout import layout_page_text

logger = logging.getLogger(__name__)

# Magic numbers of binary formats people might attach by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media file (WebP/WAV/AVI)"),
    (b"BM", "BMP image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "ZIP archive (or a Word/OpenDocument file)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x7fELF", "program (ELF executable)"),
    (b"MZ", "Windows program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office file"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media file"),
    (b"fLaC", "FLAC audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00\x00\x01\x00", "icon file"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"{\\rtf", "Rich Text (RTF) document"),
)

_EXT_FMT = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".php": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".fountain": "fountain",
    ".spmd": "fountain",
    ".txt": "text",
    ".text": "text",
    ".pdf": "pdf",
}
_CT_FMT = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/plain": "text",
    "application/pdf": "pdf",
    "text/x-fountain": "fountain",
}


def _binary_kind(data: bytes) -> str | None:
    """A description of a binary file, or None if the bytes look like text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if (
                magic == b"MZ"
                and len(data) > 2
                and data[2:3].isascii()
                and b"\x00" not in data[:64]
            ):
                continue  # a text file that happens to start with "MZ"
            if magic == b"BM" and b"\x00" not in data[:64]:
                continue
            if magic == b"ID3" and b"\x00" not in data[:64]:
                continue
            return kind
    if data[4:12] in (b"ftypisom", b"ftypmp42", b"ftypM4A ", b"ftypqt  ") or data[4:8] == b"ftyp":
        return "MP4/QuickTime media file"
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a BOM
    if b"\x00" in head:
        # UTF-16 without a BOM has NULs where its ASCII characters are; binary otherwise.
        if utf16_order(head) is not None:
            return None
        return "binary file"
    if head:
        ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
        if ctrl / len(head) > 0.05:
            return "binary file"
    return None


_TEXT_CATEGORIES = frozenset("LMNPSZ")  # letters, marks, numbers, punctuation, symbols, spaces


def _text_like(text: str) -> bool:
    """Nearly every character is one people write (no controls, unassigned or private use)."""
    if not text:
        return False
    bad = 0
    for ch in text:
        if ch in "\n\r\t\f":
            continue
        cat = unicodedata.category(ch)
        if cat[0] not in _TEXT_CATEGORIES or cat in ("Co", "Cn"):
            bad += 1
    return bad <= len(text) * 0.02


def utf16_order(head: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when BOM-less bytes read as text in that byte order.

    Only bytes with NULs qualify (no 8-bit encoding has them): ASCII characters (spaces, line
    ends, digits) put their NUL on the high side, which names the likelier order; the decoded
    text must then be nearly all writing. Russian, Greek and CJK text have few NULs, so the
    share of NULs is not a test."""
    head = head[: len(head) - len(head) % 2]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even_nuls, odd_nuls = head[0::2].count(0), head[1::2].count(0)
    orders = ("utf-16-le", "utf-16-be") if odd_nuls >= even_nuls else ("utf-16-be", "utf-16-le")
    for order in orders:
        try:
            text = head.decode(order)
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a pair cut at the end of the sample
                continue
            text = head[: exc.start].decode(order)
        if _text_like(text) and _latin_part_is_text(text):
            return order
    return None


def _latin_part_is_text(text: str) -> bool:
    """Read in the right order, the characters below U+0100 of UTF-16 text are its spaces,
    line ends, digits and punctuation; in a binary file read as UTF-16 they are mostly control
    codes (pairs of ASCII letters, by contrast, read as valid CJK and prove nothing)."""
    latin = [ch for ch in text if ord(ch) < 0x100]
    if not latin:
        return True
    good = sum(1 for ch in latin if ch.isprintable() or ch in "\n\r\t")
    return good >= len(latin) * 0.9


_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I
)


_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CP1252_FALLBACK = "filmclub-cp1252-fallback"


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return bytes(bad).decode("cp1252", errors="replace"), err.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _mostly_utf8(data: bytes) -> bool:
    """More well-formed multi-byte UTF-8 sequences than bytes that break UTF-8."""
    valid = len(_UTF8_SEQ.findall(data))
    if not valid:
        return False
    invalid = data.decode("utf-8", errors="replace").count("\ufffd")
    return valid >= 2 * invalid


def decode(data: bytes, charset: str | None = None) -> str:
    """Decode text bytes: BOMs, BOM-less UTF-16, ISO-2022, UTF-8, the declared charset, then
    Windows-1252, or a legacy encoding guessed by charset-normalizer when that reads wrong."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    # Before UTF-8: BOM-less UTF-16 of Cyrillic text can be all bytes below 0x80.
    order = utf16_order(data[:8192]) if b"\x00" in data[:8192] else None
    if order is not None:
        return data.decode(order, errors="replace")
    if b"\x1b$" in data[:4096]:  # ISO-2022 (Japanese e-mail and old web pages) is 7-bit
        for enc in ("iso2022_jp_2", "iso2022_kr"):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        # UTF-8 with a few stray Windows-1252 bytes (text pasted together from two sources)
        return data.decode("utf-8", errors=_CP1252_FALLBACK)
    candidates: list[str] = []
    if charset:
        candidates.append(charset)
    m = _META_CHARSET.search(data[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "replace"))
    for enc in candidates:
        enc = enc.strip().lower()
        if enc in ("utf-8", "utf8"):
            continue
        if enc in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
            enc = "cp1252"  # what browsers do: a superset for the printable range
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = data.decode("latin-1")
    if not _mostly_non_ascii_letters(western):
        return western  # Western European text: a few accented letters among ASCII ones
    guessed = _guess_legacy(data)
    return guessed if guessed is not None else western


_GUESS_SAMPLE = 64 * 1024


def _mostly_non_ascii_letters(text: str) -> bool:
    """Read as Windows-1252, more than a third of the letters are accented: not Western text
    but Cyrillic, Greek or East-Asian bytes shown as Latin-1 letters."""
    sample = text[:_GUESS_SAMPLE]
    letters = 0
    accented = 0
    for ch in sample:
        if ch.isalpha():
            letters += 1
            accented += not ch.isascii()
    return letters > 0 and accented * 3 > letters


def _guess_legacy(data: bytes) -> str | None:
    """A legacy encoding guessed by charset-normalizer from the first 64 KB (cut at a line
    end), applied to the whole document; None when there is no confident guess."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    sample = data[:_GUESS_SAMPLE]
    if len(data) > _GUESS_SAMPLE and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]
    try:
        best = from_bytes(sample).best()
    except Exception:  # a guesser failing must not lose the document
        logger.debug("charset-normalizer failed", exc_info=True)
        return None
    if best is None or not best.encoding:
        return None
    try:
        return data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError):
        try:
            return data.decode(best.encoding, errors="replace")
        except LookupError:
            return None


def _fmt_for(name: str, content_type: str | None, data: bytes) -> str | None:
    if content_type:
        ct = content_type.split(";")[0].strip().lower()
        if ct in _CT_FMT:
            fmt = _CT_FMT[ct]
            if fmt != "text":
                return fmt
    ext = os.path.splitext(name.split("?")[0].split("#")[0])[1].lower()
    if ext in _EXT_FMT:
        return _EXT_FMT[ext]
    if data.startswith(b"%PDF-"):
        return "pdf"
    return None


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*\"?([A-Za-z0-9._:-]+)", content_type, re.I)
    return m.group(1) if m else None


def _page_text(page: object, name: str) -> str:
    """A page's text with its paragraphs recovered from where the lines are drawn
    (bot/sources/pdflayout.py); else pypdf's layout mode with the page's common indentation
    removed; else plain mode."""
    try:
        text = layout_page_text(page)
        if text is not None:
            return text
    except Exception:
        logger.debug("line geometry unreadable on a page of %s", name, exc_info=True)
    try:
        text = page.extract_text(extraction_mode="layout") or ""  # type: ignore[attr-defined]
        lines = [ln.rstrip() for ln in text.split("\n")]
        indents = [len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()]
        cut = min(indents) if indents else 0
        text = "\n".join(ln[cut:] for ln in lines).strip("\n")
        if text.strip():
            return text
    except Exception:
        logger.debug("layout extraction failed on a page of %s", name, exc_info=True)
    try:
        return page.extract_text() or ""  # type: ignore[attr-defined]
    except Exception:  # one bad page should not lose the document
        logger.warning("could not read a page of %s", name, exc_info=True)
        return ""


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf's own warnings ("EOF marker not found", "CAUTION: …") go to our debug log, not to
    stderr or the console: whatever matters reaches the user as our one DocumentError."""
    # Set for good, not restored: PDFs may be read in several threads at once.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def pdf_text(data: bytes, name: str) -> str:
    """Text of a PDF, page by page, with pypdf (its own warnings silenced)."""
    with _quiet_pypdf():
        return _pdf_text(data, name)


def _pdf_text(data: bytes, name: str) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a declared dependency
        raise DocumentError(
            "Reading PDF files needs the pypdf package, which is not installed."
        ) from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise DocumentError(
                    f"{name} is a password-protected PDF; please send an unlocked copy."
                ) from None
        pages = []
        for page in reader.pages:
            pages.append(_page_text(page, name))
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError(f"{name} looks like a PDF but could not be read ({exc}).") from None
    except Exception as exc:  # pypdf raises a variety of errors on damaged files
        raise DocumentError(
            f"{name} looks like a PDF but could not be read ({type(exc).__name__})."
        ) from None
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise DocumentError(
            f"{name} is a PDF with no text layer (a scan?); there is no text to extract from it."
        )
    return text


def read_bytes(
    data: bytes,
    name: str,
    content_type: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadedDocument:
    """Decode a document's bytes and decide its format ("text", "markdown", "html", "fountain")."""
    if len(data) > max_bytes:
        raise too_big(name, len(data), max_bytes)
    if not data.strip():
        raise DocumentError(f"{name} is empty.")
    fmt = _fmt_for(name, content_type, data)
    if fmt == "pdf" or data.startswith(b"%PDF-"):
        text = normalize_text(pdf_text(data, name))
        return LoadedDocument(text=text, fmt="text", name=name)
    kind = _binary_kind(data)
    if kind is not None:
        raise DocumentError(
            f"That file is not text: {name} looks like a {kind}. "
            "Send a text, Markdown, HTML, Fountain or PDF document."
        )
    text = normalize_text(decode(data, _charset(content_type)))
    if fmt is None or fmt == "text":
        fmt = "html" if looks_like_html(text) else "text"
    return LoadedDocument(text=text, fmt=fmt, name=name)
