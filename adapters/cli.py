"""The ``filmclub`` command line: run the bot, extract a document, and operator tasks."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Callable, Sequence

from bot import __version__
from bot.settings import Settings, SettingsError, load_settings

log = logging.getLogger(__name__)


class UserError(Exception):
    """A mistake the person at the terminal can fix; printed without a traceback."""


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        raise UserError(f"configuration error: {exc}") from None


def _logging(level: str) -> None:
    from adapters.logs import configure

    configure(level)


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings()
    default = "WARNING" if settings.platforms == ["console"] else "INFO"
    _logging(settings.log_level or default)
    from adapters.runner import run

    try:
        asyncio.run(run(settings))
    except KeyboardInterrupt:
        pass
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


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": cmd_run,
    "extract": cmd_extract,
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
    for extend in _extensions():
        extend(sub)
    return parser


def _extensions() -> list[Callable[[argparse._SubParsersAction], None]]:
    """Sub-command groups contributed by other modules (platform and backup tools)."""
    found = []
    for module_name in ("adapters.discord.cli", "adapters.backup", "adapters.purge"):
        try:
            module = __import__(module_name, fromlist=["register"])
        except ImportError:
            continue
        found.append(module.register)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command = "run"
    handler = getattr(args, "handler", None) or COMMANDS[args.command]
    try:
        return handler(args)
    except UserError as exc:
        print(f"filmclub: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
