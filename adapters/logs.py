"""Logging set-up at the edge: human-readable or JSON lines, with secrets scrubbed from every line."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime

from bot import logcontext

REDACTED = "[redacted]"
# Token shapes scrubbed even when they are not this process's own (a pasted one in an error).
_TOKEN_PATTERNS = re.compile(
    r"\b(?:xox[a-z](?:\.xox[a-z])?-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+)"
    r"|(?<=://)([^:/@\s]+):([^@/\s]+)@"
)


class Scrubber(logging.Filter):
    """Replace every known secret, token-shaped string and URL password in a record."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return _TOKEN_PATTERNS.sub(_redact_match, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = self.scrub(message)
        record.args = None
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        return True


def redact(text: str) -> str:
    """``text`` with token-shaped strings and URL passwords replaced (no process secrets known)."""
    return Scrubber(()).scrub(text)


class RedactSecrets(Scrubber):
    """The scrubber with no known secrets: token shapes and URL passwords only."""

    def __init__(self) -> None:
        super().__init__(())


def _redact_match(match: re.Match[str]) -> str:
    if match.group(1) is not None:  # user:password@ in a URL keeps the user
        return f"{match.group(1)}:{REDACTED}@"
    return REDACTED


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and club/platform/command if known."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(logcontext.fields())
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """The default human-readable line, with the club/platform/command appended when known."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = logcontext.fields()
        if context:
            line += " [" + " ".join(f"{k}={v}" for k, v in context.items()) + "]"
        return line


def configure(level: str, fmt: str = "text", secrets: Iterable[str] = ()) -> None:
    """Send logs to standard error in ``fmt`` (``text`` or ``json``), scrubbing ``secrets``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(Scrubber(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(getattr(logging, level, logging.INFO))
