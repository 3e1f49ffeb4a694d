"""The ``filmclub`` command line: run the bot, extract a document, and operator tasks."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence

from adapters.extras import MissingExtra
from bot import __version__
from bot.errors import StorageError
from bot.settings import Settings, SettingsError, load_settings

log = logging.getLogger(__name__)


class UserError(Exception):
    """A mistake the person at the terminal can fix; printed without a traceback."""


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        raise UserError(f"configuration error: {exc}") from None


def require_database(target: str, what: str, *, name: str = "DATABASE_URL") -> None:
    """Refuse a SQLite database that does not exist yet: opening it would create an empty one
    (a backup that silently holds nothing, a purge list of no clubs)."""
    from bot.store.dialect import SQLITE, DatabaseUrlError, dialect_of, sqlite_path

    if dialect_of(target) != SQLITE:
        return
    try:
        path = sqlite_path(target)
    except DatabaseUrlError as exc:
        raise UserError(str(exc)) from None
    if path == ":memory:" or not os.path.isfile(path):
        raise UserError(f"there is no database at {path} ({name}): {what}")


def _logging(level: str, settings: Settings | None = None) -> None:
    from adapters.logs import configure

    configure(
        level,
        settings.log_format if settings else "text",
        settings.secrets() if settings else (),
    )


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings()
    default = "WARNING" if settings.platforms == ["console"] else "INFO"
    _logging(settings.log_level or default, settings)
    from adapters.runner import run

    try:
        asyncio.run(run(settings))
    except KeyboardInterrupt:
        pass
    except SettingsError as exc:  # a token the platform refused: one line, no traceback
        raise UserError(str(exc)) from None
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from bot.extraction import format_text
    from bot.sources import DocumentError, extract_document, load_source

    settings = _settings()
    try:
        loaded = asyncio.run(
            load_source(
                args.source,
                max_bytes=settings.max_document_bytes,
                allow_private=settings.allow_private_urls,
            )
        )
    except DocumentError as exc:
        raise UserError(str(exc)) from None
    extraction = extract_document(loaded, args.film)
    if args.format == "json":
        print(json.dumps(extraction.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_text(extraction))
    return 0


def cmd_healthcheck(args: argparse.Namespace) -> int:
    """Ask the running bot's /healthz (the container's HEALTHCHECK): 0 healthy, 1 not."""
    import urllib.error
    import urllib.request

    settings = _settings()
    if settings.slack is not None and not settings.slack.socket_mode:
        port = settings.slack.http_port
    else:
        port = settings.http_port
    if not port:
        raise UserError("the health endpoints are off (FILMCLUB_HTTP_PORT=0)")
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=args.timeout) as response:
            print(response.read().decode("utf-8", "replace").strip())
            return 0
    except urllib.error.HTTPError as exc:
        print(f"unhealthy: {exc.read().decode('utf-8', 'replace').strip()}", file=sys.stderr)
    except (OSError, TimeoutError) as exc:
        print(f"unhealthy: no answer on port {port} ({type(exc).__name__})", file=sys.stderr)
    return 1


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": cmd_run,
    "extract": cmd_extract,
    "healthcheck": cmd_healthcheck,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="filmclub", description="A bot that runs film-club discussions."
    )
    parser.add_argument("--version", action="version", version=f"filmclub {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="run the bot on every configured platform (the console if none)")
    ex = sub.add_parser("extract", help="print what a document holds: quotes, exchanges, questions")
    ex.add_argument("source", help="a file path or an http(s) URL")
    ex.add_argument("--format", choices=("json", "text"), default="text")
    ex.add_argument("--film", help="the film's title, if it is not detected")
    hc = sub.add_parser("healthcheck", help="exit 0 if the running bot's /healthz answers 200")
    hc.add_argument("--timeout", type=_seconds, default=4.0, help="seconds to wait (default 4)")
    for extend in _extensions():
        extend(sub)
    return parser


def _seconds(text: str) -> float:
    """A positive number of seconds (argparse turns the ValueError into a usage line)."""
    import math

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text!r}")
    return value


def _extensions() -> list[Callable[[argparse._SubParsersAction], None]]:
    """Sub-command groups contributed by other modules (platform and backup tools).

    They import no platform package until they run, so ``filmclub discord invite`` without
    discord.py installed names the extra to install instead of ``invalid choice``.
    """
    from adapters import backup, purge
    from adapters.discord import cli as discord_cli

    return [discord_cli.register, backup.register, purge.register]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command; every failure a person can act on ends as one line on stderr."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command = "run"
    handler = getattr(args, "handler", None) or COMMANDS[args.command]
    try:
        code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here for output that fit in the buffer
        return code
    except BrokenPipeError:
        # The reader went away (`filmclub extract … | head -1`): stop quietly, and keep Python
        # from failing again while flushing stdout at exit.
        _silence_stdout()
        return 1
    except (UserError, MissingExtra, StorageError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        # A file we were asked to read or write: a missing folder, no permission, a full disk.
        where = f": {exc.filename}" if exc.filename else ""
        return _fail(f"{exc.strerror or exc}{where}")


def _fail(message: str) -> int:
    print(f"filmclub: {message}", file=sys.stderr)
    return 2


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
