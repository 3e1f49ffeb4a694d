"""What a log line is about (club, platform, command), carried by context variables."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

club: ContextVar[int | None] = ContextVar("log_club", default=None)
platform: ContextVar[str | None] = ContextVar("log_platform", default=None)
command: ContextVar[str | None] = ContextVar("log_command", default=None)


@contextmanager
def about(
    *, club_id: int | None = None, platform_name: str | None = None, command_name: str | None = None
) -> Iterator[None]:
    """Tag every log line written inside the block with the club, platform and command."""
    tokens = []
    if club_id is not None:
        tokens.append((club, club.set(club_id)))
    if platform_name is not None:
        tokens.append((platform, platform.set(platform_name)))
    if command_name is not None:
        tokens.append((command, command.set(command_name)))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


def fields() -> dict[str, object]:
    """The known context of the current log line."""
    out: dict[str, object] = {}
    for name, var in (("club", club), ("platform", platform), ("command", command)):
        value = var.get()
        if value is not None:
            out[name] = value
    return out
