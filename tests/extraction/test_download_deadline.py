"""A download has a total deadline, and slow servers never starve other downloads or DNS."""

from __future__ import annotations

import asyncio
import http.server
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from bot.sources import DocumentError, fetch_url


class _SlowLoris(http.server.BaseHTTPRequestHandler):
    """``/trickle`` sends a byte every 0.2 s for ever (each read is quick; the whole is not);
    ``/slow-headers`` sends its status line a byte at a time; ``/fast`` answers at once."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        return

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        try:
            if self.path == "/fast":
                body = b"Why does the fog matter so much to Mara?\n"
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            if self.path == "/slow-headers":
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.2)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            for _ in range(1000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            return  # the client gave up: what we want


@pytest.fixture
def slow_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SlowLoris)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["/trickle", "/slow-headers"])
async def test_a_slow_loris_download_ends_at_the_total_deadline(slow_server, path):
    start = time.monotonic()
    with pytest.raises(DocumentError, match="took longer than 1 seconds"):
        await fetch_url(slow_server + path, timeout=1.0, allow_private=True)
    assert time.monotonic() - start < 3.0


async def test_six_slow_downloads_do_not_block_another_download_or_dns(slow_server):
    slow = [
        asyncio.create_task(fetch_url(slow_server + "/trickle", timeout=3.0, allow_private=True))
        for _ in range(6)
    ]
    await asyncio.sleep(0.3)  # every slow download has its thread by now
    loop = asyncio.get_running_loop()
    start = time.monotonic()
    doc = await fetch_url(slow_server + "/fast", timeout=4.0, allow_private=True)
    await loop.getaddrinfo("localhost", 80, type=socket.SOCK_STREAM)  # the default executor
    elapsed = time.monotonic() - start
    assert "fog" in doc.text
    assert elapsed < 2.0, f"a fast download waited {elapsed:.1f} s behind slow ones"
    assert not any(task.done() for task in slow)  # they were all still going meanwhile
    for task in slow:
        with pytest.raises(DocumentError, match="took longer"):
            await task
