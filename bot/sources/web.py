"""Fetch a document from a URL: SSRF guard, timeout, size cap, main-content extraction."""

from __future__ import annotations

import asyncio
import html
import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from bot.numbers import parse_number

from .base import DEFAULT_MAX_BYTES, ENV_ALLOW_PRIVATE, DocumentError, LoadedDocument, too_big
from .decode import read_bytes

logger = logging.getLogger(__name__)

USER_AGENT = "filmclub/1.0 (+https://github.com/; film-club discussion bot)"
_MAX_REDIRECTS = 5


def is_public_address(ip: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved and unspecified addresses."""
    try:
        addr = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    if isinstance(addr, ipaddress.IPv6Address) and addr.sixtofour is not None:
        addr = addr.sixtofour
    return not (
        addr.is_private
        or addr.is_loopback
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
        or (
            isinstance(addr, ipaddress.IPv4Address)
            and addr in ipaddress.ip_network("100.64.0.0/10")
        )
    )


def _resolve(host: str, port: int, allow_private: bool) -> list[tuple[int, tuple]]:
    """Resolve ``host`` and refuse it when any address is not public (unless allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise DocumentError(f"Could not find the server {host} (DNS lookup failed).") from None
    if not infos:
        raise DocumentError(f"Could not find the server {host}.")
    if not allow_private:
        for _family, _type, _proto, _canon, sockaddr in infos:
            if not is_public_address(sockaddr[0]):
                raise DocumentError(
                    f"Refusing to fetch {host}: it resolves to a private or local address "
                    f"({sockaddr[0]}). An operator can allow this with {ENV_ALLOW_PRIVATE}=1."
                )
    return [(family, sockaddr) for family, _t, _p, _c, sockaddr in infos]


class Deadline:
    """A total time limit for one download (connecting, headers, body and redirects): when it
    passes, every socket the download opened is shut down, so no slow server (one byte every
    few seconds) keeps a download, and its thread, going past it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                sock.close()
                raise TimeoutError("download deadline passed")
            self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _connect(
    host: str,
    port: int,
    timeout: float | None,
    allow_private: bool,
    deadline: Deadline | None = None,
) -> socket.socket:
    last: OSError | None = None
    for family, sockaddr in _resolve(host, port, allow_private):
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            if deadline is not None:
                deadline.track(sock)
                timeout = min(timeout or deadline.seconds, deadline.remaining()) or 0.001
            if timeout is not None:
                sock.settimeout(timeout)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            last = exc
            sock.close()
    raise last or OSError(f"could not connect to {host}")


class _GuardedHTTPConnection(http.client.HTTPConnection):
    """Connects only to the addresses it has checked (no DNS rebinding between check and use)."""

    def __init__(
        self, *args, allow_private: bool = False, deadline: Deadline | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self._allow_private = allow_private
        self._deadline = deadline

    def connect(self) -> None:
        self.sock = _connect(
            self.host, self.port, self.timeout, self._allow_private, self._deadline
        )


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(
        self, *args, allow_private: bool = False, deadline: Deadline | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self._allow_private = allow_private
        self._deadline = deadline

    def connect(self) -> None:
        sock = _connect(self.host, self.port, self.timeout, self._allow_private, self._deadline)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, allow_private: bool, deadline: Deadline | None = None) -> None:
        super().__init__()
        self._allow_private = allow_private
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(
            partial(
                _GuardedHTTPConnection, allow_private=self._allow_private, deadline=self._deadline
            ),
            req,
        )


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, allow_private: bool, deadline: Deadline | None = None) -> None:
        super().__init__(context=ssl.create_default_context())
        self._allow_private = allow_private
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(
            partial(
                _GuardedHTTPSConnection, allow_private=self._allow_private, deadline=self._deadline
            ),
            req,
            context=self._context,
        )


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = _MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            raise DocumentError(
                f"The page redirected to a {scheme or 'non-web'} address, which is not allowed."
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check_url(url: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise DocumentError("Only http:// and https:// links can be loaded.")
    if not parts.hostname:
        raise DocumentError(f"{url} is not a complete web address.")
    if parts.username or parts.password:
        raise DocumentError("Links with a user name or password in them are not accepted.")
    return parts


def fetch_bytes(
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 15.0,
    allow_private: bool = False,
) -> tuple[bytes, str | None, str]:
    """GET ``url`` (blocking): returns (body, content type, final URL).

    ``timeout`` is the total time allowed for the whole download, redirects included."""
    _check_url(url)
    with Deadline(timeout) as deadline:
        try:
            return _fetch(url, max_bytes, timeout, allow_private, deadline)
        except DocumentError:
            raise
        except Exception:
            if deadline.expired:
                raise _too_slow(url, timeout) from None
            raise


def _too_slow(url: str, timeout: float) -> DocumentError:
    return DocumentError(f"{url} took longer than {timeout:g} seconds to download.")


def _fetch(
    url: str, max_bytes: int, timeout: float, allow_private: bool, deadline: Deadline
) -> tuple[bytes, str | None, str]:
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _HTTPHandler(allow_private, deadline),
        _HTTPSHandler(allow_private, deadline),
        _Redirects(),
    )
    req = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain,text/markdown,application/pdf;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "identity",
        },
    )
    try:
        with opener.open(req, timeout=timeout) as resp:
            length = parse_number(resp.headers.get("Content-Length") or "", hi=2**62)
            if length is not None and length > max_bytes:
                raise too_big(url, length, max_bytes)
            chunks: list[bytes] = []
            total = 0
            while True:
                chunk = resp.read1(64 * 1024)  # what has arrived, not a blocking full read
                if deadline.expired:
                    raise _too_slow(url, timeout)
                if not chunk:
                    break
                total += len(chunk)
                if total > max_bytes:
                    raise too_big(url, total, max_bytes, at_least=True)
                chunks.append(chunk)
            body = _decompress(
                b"".join(chunks), resp.headers.get("Content-Encoding", ""), url, max_bytes
            )
            return body, resp.headers.get("Content-Type"), resp.geturl()
    except DocumentError:
        raise
    except Exception as exc:
        if deadline.expired:
            raise _too_slow(url, timeout) from None
        error = _fetch_error(exc, url, timeout)
        if error is None:
            raise
        raise error from None


def _fetch_error(exc: Exception, url: str, timeout: float) -> DocumentError | None:
    """The user's message for a failed download (None: a bug, to be raised as it is)."""
    if isinstance(exc, urllib.error.HTTPError):
        return DocumentError(f"{url} answered HTTP {exc.code} ({exc.reason}).")
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, DocumentError):
            return reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return DocumentError(f"{url} did not answer within {timeout:g} seconds.")
        return DocumentError(f"Could not fetch {url}: {reason}.")
    if isinstance(exc, TimeoutError):
        return DocumentError(f"{url} did not answer within {timeout:g} seconds.")
    if isinstance(exc, (OSError, http.client.HTTPException, ValueError)):
        return DocumentError(f"Could not fetch {url}: {exc}.")
    return None


def _decompress(data: bytes, encoding: str, url: str, max_bytes: int) -> bytes:
    """Undo a gzip/deflate Content-Encoding (servers send it even when asked not to), with
    the size cap applied to the decompressed bytes (no zip bombs)."""
    enc = encoding.strip().lower()
    if enc in ("", "identity"):
        return data
    if enc not in ("gzip", "x-gzip", "deflate"):
        raise DocumentError(f"{url} was sent with an encoding this bot cannot read ({enc}).")
    wbits = 16 + zlib.MAX_WBITS if enc != "deflate" else zlib.MAX_WBITS
    try:
        d = zlib.decompressobj(wbits)
        out = d.decompress(data, max_bytes + 1)
    except zlib.error:
        try:  # some servers send raw deflate
            d = zlib.decompressobj(-zlib.MAX_WBITS)
            out = d.decompress(data, max_bytes + 1)
        except zlib.error:
            raise DocumentError(f"{url} sent a damaged compressed page.") from None
    if len(out) > max_bytes:
        raise too_big(url, len(out), max_bytes, at_least=True)
    return out


def main_content_html(page: str, url: str) -> str | None:
    """The main content of a web page as simple HTML (trafilatura), with its title."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - declared dependency (tests/extraction/test_url.py)
        logger.warning("trafilatura cannot be imported; using the whole page", exc_info=True)
        return None
    try:
        content = trafilatura.extract(
            page,
            url=url,
            output_format="html",
            include_formatting=True,
            include_comments=False,
            include_tables=True,
            include_links=False,
            include_images=False,
            favor_recall=True,
        )
    except Exception:  # trafilatura can fail on odd pages; fall back to the whole page
        logger.warning("trafilatura failed on %s", url, exc_info=True)
        return None
    if not content or len(content.strip()) < 200:
        return None
    title = None
    try:
        meta = trafilatura.extract_metadata(page)
        title = meta.title if meta is not None else None
    except Exception:
        title = None
    head = f"<head><title>{html.escape(title)}</title></head>" if title else ""
    return f"<html>{head}{content}</html>"


def load_url_sync(
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 15.0,
    allow_private: bool = False,
) -> LoadedDocument:
    """Fetch and decode a URL (blocking); HTML pages are reduced to their main content."""
    data, content_type, final = fetch_bytes(
        url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private
    )
    doc = read_bytes(data, url, content_type, max_bytes=max_bytes)
    if doc.fmt == "html":
        main = main_content_html(doc.text, final)
        if main is not None:
            return LoadedDocument(text=main, fmt="html", name=url)
    return doc


async def fetch_url(
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 15.0,  # noqa: ASYNC109 - a per-request socket timeout, enforced in the thread
    allow_private: bool = False,
) -> LoadedDocument:
    """Fetch a document from an http(s) URL in a worker thread.

    Unless ``allow_private`` (the operator's ``FILMCLUB_ALLOW_PRIVATE_URLS``, read into the
    settings at start-up), addresses that are loopback, private or link-local are refused (the
    check is made at connection time, for every redirect too)."""
    _check_url(url)
    loop = asyncio.get_running_loop()
    job = loop.run_in_executor(
        _executor(),
        partial(
            load_url_sync, url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private
        ),
    )
    try:
        # The thread's own deadline shuts its sockets; this one also covers a slow DNS lookup,
        # which no socket deadline can interrupt (the thread then finishes on its own).
        return await asyncio.wait_for(job, timeout + 1.0)
    except TimeoutError:
        raise _too_slow(url, timeout) from None


# Downloads get threads of their own: slow servers never starve the event loop's default
# executor, which also resolves host names for the Discord and Slack connections.
MAX_DOWNLOADS = 16
_EXECUTOR: ThreadPoolExecutor | None = None
_EXECUTOR_LOCK = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    global _EXECUTOR
    with _EXECUTOR_LOCK:
        if _EXECUTOR is None:
            _EXECUTOR = ThreadPoolExecutor(MAX_DOWNLOADS, thread_name_prefix="filmclub-download")
        return _EXECUTOR
