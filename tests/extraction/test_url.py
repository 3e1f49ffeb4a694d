"""Fetching documents by URL from a local HTTP server: content, SSRF guard, caps, errors."""

from __future__ import annotations

import gzip
import http.server
import threading
import time
from collections.abc import Iterator

import pytest

from bot.models import Kind
from bot.sources import DocumentError, extract_document, fetch_url, is_public_address, load_source

ARTICLE = """<!DOCTYPE html>
<html><head><title>In conversation: Mara Oyelaran</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/films">Films</a></li><li>Why join?</li></ul></nav>
<article>
<h1>In conversation: Mara Oyelaran</h1>
<p>Mara Oyelaran's debut <em>The Lighthouse Keeper</em> won the jury prize this year. We spoke to her
about islands, fog and patience. The conversation has been edited for length and clarity, and it
ranges over her childhood on the north coast, her years as a documentary editor, and the long road
to financing a film that almost nobody believed in.</p>
<p><strong>Oyelaran:</strong> My grandfather kept a light on the north coast for eleven years.</p>
<p><strong>Filmclub:</strong> Did you ever stay there with him?</p>
<p><strong>Oyelaran:</strong> Every summer, until I was twelve. The fog was the first thing I ever filmed.</p>
<p><strong>Filmclub:</strong> And the island in the film?</p>
<p><strong>Oyelaran:</strong> A different island, but the same fog. You can't cast fog, you have to wait for it.</p>
<p>The Lighthouse Keeper opens nationwide on Friday. Tickets are on sale now at most cinemas, and the
director will take part in question-and-answer sessions after selected screenings in the capital.</p>
</article>
<div class="comments"><h3>Leave a Reply</h3><p>Did anyone see it at the festival?</p></div>
<footer>Share this article</footer>
</body></html>
"""


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        return

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        if self.path == "/article":
            body = ARTICLE.encode("utf-8")
            self._send(200, "text/html; charset=utf-8", body)
        elif self.path == "/notes.txt":
            self._send(
                200,
                "text/plain; charset=windows-1252",
                "Q: Why fog?\nA: Because it’s honest.\n".encode("cp1252"),
            )
        elif self.path == "/big":
            self._send(200, "text/plain", b"x" * 300_000)
        elif self.path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"y" * 10_000)
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, "text/plain", b"late")
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif self.path == "/gzipped":
            body = gzip.compress(ARTICLE.encode("utf-8"))
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/bomb":
            body = gzip.compress(b"z" * 3_000_000)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, code: int, ctype: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        return  # clients hanging up on purpose (size cap, timeout) are expected here


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    srv = _QuietServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


async def test_fetches_main_content_and_extracts(server: str):
    doc = await fetch_url(f"{server}/article", allow_private=True)
    assert doc.fmt == "html" and doc.name == f"{server}/article"
    ex = extract_document(doc)
    turns = [(t.speaker, t.text) for it in ex.items if it.kind is Kind.EXCHANGE for t in it.turns]
    assert ("Filmclub", "Did you ever stay there with him?") in turns
    assert len(turns) == 5
    # navigation and the comment box are not content
    assert not [it for it in ex.items if it.kind is Kind.QUESTION]


def test_trafilatura_is_importable():
    # A plain install must be able to import it (it needs lxml_html_clean); otherwise pages
    # silently fall back to the whole page, navigation and comments included.
    import trafilatura  # noqa: F401


async def test_a_fetched_page_is_reduced_to_its_main_content(server: str):
    doc = await fetch_url(f"{server}/article", allow_private=True)
    assert "My grandfather kept a light" in doc.text
    assert "Why join?" not in doc.text  # navigation
    assert "Leave a Reply" not in doc.text and "Did anyone see it" not in doc.text  # comments
    assert "Share this article" not in doc.text  # footer


async def test_private_addresses_are_refused_by_default(
    server: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("FILMCLUB_ALLOW_PRIVATE_URLS", raising=False)
    with pytest.raises(DocumentError, match="private or local address"):
        await fetch_url(f"{server}/article")
    with pytest.raises(DocumentError, match="FILMCLUB_ALLOW_PRIVATE_URLS"):
        await load_source(f"{server}/article")


async def test_the_operator_setting_allows_private_addresses(server: str, tmp_path):
    from bot.engine import Actor, Context, Engine
    from bot.settings import load_settings
    from bot.store import open_store

    doc = await load_source(f"{server}/notes.txt", allow_private=True)
    assert doc.fmt == "text" and "it’s honest" in doc.text
    # End to end: the variable, read once into the settings, reaches /filmclub load.
    ctx = Context("console", "local", "film-club", Actor("mod", "mod", is_admin=True))
    for value, expected in (("0", "private or local address"), ("1", "Loaded document #1")):
        settings = load_settings({"FILMCLUB_ALLOW_PRIVATE_URLS": value})
        store = await open_store(str(tmp_path / f"club{value}.db"))
        engine = Engine(store, allow_private_urls=settings.allow_private_urls)
        reply = await engine.execute_text(ctx, f"load {server}/notes.txt")
        await store.close()
        assert expected in reply.message.plain()


async def test_localhost_name_is_refused():
    with pytest.raises(DocumentError, match="private or local"):
        await fetch_url("http://localhost:9/", allow_private=False)


@pytest.mark.parametrize(
    ("ip", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
    ],
)
def test_is_public_address(ip: str, public: bool):
    assert is_public_address(ip) is public


async def test_redirects_are_followed_and_checked(server: str):
    doc = await fetch_url(f"{server}/redirect", allow_private=True)
    assert "Oyelaran" in doc.text
    with pytest.raises(DocumentError):
        await fetch_url(f"{server}/to-file", allow_private=True)


async def test_size_cap_from_content_length_and_while_streaming(server: str):
    with pytest.raises(DocumentError, match="the limit is 100 KB"):
        await fetch_url(f"{server}/big", allow_private=True, max_bytes=100 * 1024)
    with pytest.raises(DocumentError, match="more than"):
        await fetch_url(f"{server}/big-chunked", allow_private=True, max_bytes=100 * 1024)


async def test_gzip_pages_are_decompressed_within_the_cap(server: str):
    doc = await fetch_url(f"{server}/gzipped", allow_private=True)
    assert "Oyelaran" in doc.text
    with pytest.raises(DocumentError, match="the limit is 1 MB"):
        await fetch_url(f"{server}/bomb", allow_private=True, max_bytes=1024 * 1024)


async def test_timeout(server: str):
    with pytest.raises(DocumentError, match="did not answer within|took longer than 0.5 sec"):
        await fetch_url(f"{server}/slow", allow_private=True, timeout=0.5)


async def test_http_errors_and_binary_content(server: str):
    with pytest.raises(DocumentError, match="HTTP 404"):
        await fetch_url(f"{server}/missing", allow_private=True)
    with pytest.raises(DocumentError, match="PNG image"):
        await fetch_url(f"{server}/image", allow_private=True)


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/a.txt", "file:///etc/passwd", "http://", "http://user:pw@example.com/"],
)
async def test_bad_urls_are_refused(url: str):
    with pytest.raises(DocumentError):
        await fetch_url(url)
