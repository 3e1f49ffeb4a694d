"""The operations endpoints (/healthz, /readyz, /metrics) on a small HTTP server or an aiohttp app."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot import metrics
from bot.health import Health

log = logging.getLogger(__name__)

Answer = tuple[int, str, bytes]  # status, content type, body
_TEXT = "text/plain; charset=utf-8"
_REASONS = {200: "OK", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"}


def routes(health: Health) -> dict[str, Callable[[], Awaitable[Answer]]]:
    """The endpoints by path; each answers (status, content type, body)."""

    async def healthz() -> Answer:
        ok, detail = await health.live()
        return (200 if ok else 503), _TEXT, detail.encode() + b"\n"

    async def readyz() -> Answer:
        ok, detail = health.ready()
        return (200 if ok else 503), _TEXT, detail.encode() + b"\n"

    async def metrics_page() -> Answer:
        body, content_type = metrics.exposition()
        return 200, content_type, body

    return {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics_page}


async def serve(health: Health, port: int, host: str = "0.0.0.0") -> asyncio.AbstractServer:
    """A minimal HTTP/1.1 server answering GET on the operations endpoints, then closing."""
    table = routes(health)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
            method, _, rest = head.decode("latin-1").partition(" ")
            path = rest.split(" ", 1)[0].split("?", 1)[0]
            handler = table.get(path)
            if handler is None:
                answer: Answer = (404, _TEXT, b"not found\n")
            elif method not in ("GET", "HEAD"):
                answer = (405, _TEXT, b"GET only\n")
            else:
                answer = await handler()
            status, content_type, body = answer
            writer.write(
                f"HTTP/1.1 {status} {_REASONS.get(status, '')}\r\n"
                f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                "Connection: close\r\n\r\n".encode("latin-1")
                + (b"" if method == "HEAD" else body)
            )
            await writer.drain()
        except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, OSError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, host, port)
    log.info("operations endpoints on port %s: /healthz /readyz /metrics", port)
    return server


def add_to_aiohttp(web_app: object, health: Health) -> None:
    """Serve the same endpoints from an aiohttp application (Slack's HTTP mode server)."""
    from aiohttp import web

    assert isinstance(web_app, web.Application)
    for path, handler in routes(health).items():

        async def view(request: web.Request, handler=handler) -> web.Response:
            status, content_type, body = await handler()
            kind, _, params = content_type.partition(";")
            charset = params.split("=", 1)[1].strip() if "charset=" in params else None
            return web.Response(status=status, body=body, content_type=kind, charset=charset)

        web_app.router.add_get(path, view)
