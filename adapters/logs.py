"""Logging for the running bot: one format, and Slack tokens redacted from every record."""

from __future__ import annotations

import logging
import re
import sys

# Slack tokens (bot, user, app, refresh, config): never written to a log, whoever logs them
# (slack_sdk and aiosqlite log request bodies and statement parameters at DEBUG).
_TOKEN = re.compile(r"\bxox[a-z]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+")
REDACTED = "[redacted]"


def redact(text: str) -> str:
    return _TOKEN.sub(REDACTED, text)


class RedactSecrets(logging.Filter):
    """Rewrites a record's message with every token replaced by ``[redacted]``."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def configure(level: str) -> None:
    """Log to standard error at ``level``, with secrets redacted from every record."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets())
    logging.basicConfig(level=getattr(logging, level, logging.INFO), handlers=[handler])
