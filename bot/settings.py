"""Process settings, read once at start-up from the environment and a ``.env`` file."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path

from bot.store.dialect import (
    POSTGRESQL,
    SQLITE_FORMS,
    DatabaseUrlError,
    check_url,
    dialect_of,
    redact,
    sqlite_path,
)


class SettingsError(Exception):
    """A variable is missing or malformed; the message names it."""


@dataclass(frozen=True)
class DiscordSettings:
    """Discord credentials and options."""

    token: str = field(repr=False)
    guild_id: int | None = None
    api_base_url: str | None = None
    # Gateway shards: with neither set, one process runs every shard Discord recommends.
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None  # this process's shards (needs shard_count)


@dataclass(frozen=True)
class SlackSettings:
    """Slack credentials and options (Socket Mode when ``app_token`` is set, else HTTP).

    With ``client_id``/``client_secret`` and no ``bot_token`` the bot runs in distribution mode:
    installed into any workspace through OAuth, each workspace's tokens kept in the database.
    """

    bot_token: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    http_port: int = 3000
    api_url: str | None = None
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    scopes: tuple[str, ...] | None = None  # None: the manifest's bot scopes
    redirect_uri: str | None = None

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    @property
    def distribution(self) -> bool:
        """Installed through OAuth into many workspaces (no single bot token)."""
        return self.bot_token is None and self.client_id is not None


@dataclass(frozen=True)
class Settings:
    """Everything the process needs, typed; secrets are kept out of ``repr``."""

    # sqlite:///PATH or postgresql://USER:PASSWORD@HOST:5432/DB; out of repr (a password).
    database_url: str = field(default="sqlite:///filmclub.db", repr=False)
    database_pool_size: int = 10  # PostgreSQL connections per process
    log_level: str | None = None  # None: WARNING in the console, INFO when serving platforms
    max_document_bytes: int = 10 * 1024 * 1024
    allow_private_urls: bool = False
    extraction_seconds: int = 60  # a document taking longer to read is refused
    extraction_workers: int = 2  # worker processes that read documents
    console_user: str = "you"
    log_format: str = "text"  # "text" (human-readable) or "json" (one object per line)
    http_port: int = 8080  # /healthz, /readyz, /metrics when serving platforms; 0 turns them off
    discord: DiscordSettings | None = None
    slack: SlackSettings | None = None

    def secrets(self) -> list[str]:
        """Every secret value held (each field kept out of ``repr``), for scrubbing logs."""
        found: list[str] = []

        def walk(obj: object) -> None:
            for f in fields(obj):  # type: ignore[arg-type]
                value = getattr(obj, f.name)
                if is_dataclass(value):
                    walk(value)
                elif not f.repr and isinstance(value, str) and value:
                    found.append(value)

        walk(self)
        return found

    @property
    def database_path(self) -> str:
        """What :func:`bot.store.open_store` opens: the SQLite file path, or the full URL."""
        if dialect_of(self.database_url) == POSTGRESQL:
            return self.database_url
        return sqlite_path(self.database_url)

    @property
    def database_display(self) -> str:
        """The database, safe to show in logs and messages (no password)."""
        return redact(self.database_url)

    @property
    def platforms(self) -> list[str]:
        names = [n for n, conf in (("discord", self.discord), ("slack", self.slack)) if conf]
        return names or ["console"]


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _get(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    low = raw.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise SettingsError(f"{name} must be 1 or 0 (true/false), not {raw!r}")


def _int(env: Mapping[str, str], name: str, default: int | None, *, lo: int, hi: int) -> int | None:
    raw = _get(env, name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if not lo <= value <= hi:
        raise SettingsError(f"{name} must be between {lo} and {hi}, not {value}")
    return value


def _url(env: Mapping[str, str], name: str) -> str | None:
    raw = _get(env, name)
    if raw is None:
        return None
    if not raw.startswith(("http://", "https://")):
        raise SettingsError(f"{name} must be an http:// or https:// URL, not {raw!r}")
    return raw.rstrip("/")


def _token(env: Mapping[str, str], name: str, prefix: str) -> str | None:
    raw = _get(env, name)
    if raw is None:
        return None
    if prefix and not raw.startswith(prefix):
        # Never echo the value: it may be a real secret pasted into the wrong variable.
        raise SettingsError(f"{name} does not look right: it should start with {prefix!r}")
    return raw


_SCOPE = re.compile(r"[a-z][a-z0-9_.:-]*")


def _scopes(env: Mapping[str, str], name: str) -> tuple[str, ...] | None:
    raw = _get(env, name)
    if raw is None:
        return None
    scopes = tuple(part.strip() for part in raw.split(",") if part.strip())
    bad = [scope for scope in scopes if not _SCOPE.fullmatch(scope)]
    if bad or not scopes:
        raise SettingsError(
            f"{name} must be Slack scopes separated by commas (chat:write,commands), not {raw!r}"
        )
    return scopes


def database_path(url: str) -> str:
    """Turn ``sqlite:///relative.db``, ``sqlite:////abs.db`` or ``sqlite://:memory:`` into a path."""
    if not url.lower().startswith("sqlite:"):
        scheme = url.split(":", 1)[0] if "://" in url else None
        what = f"uses an unsupported scheme {scheme!r}" if scheme else f"is not a URL ({url!r})"
        raise SettingsError(f"DATABASE_URL {what}: use {SQLITE_FORMS}")
    try:
        return sqlite_path(url)
    except DatabaseUrlError as exc:
        raise SettingsError(str(exc)) from None


def _database_url(env: Mapping[str, str]) -> str:
    url = _get(env, "DATABASE_URL") or "sqlite:///filmclub.db"
    if dialect_of(url) == POSTGRESQL:
        try:
            check_url(url)
        except DatabaseUrlError as exc:
            raise SettingsError(str(exc)) from None
        return url
    database_path(url)
    return url


def _shard_ids(env: Mapping[str, str], count: int | None) -> tuple[int, ...] | None:
    raw = _get(env, "DISCORD_SHARD_IDS")
    if raw is None:
        return None
    if count is None:
        raise SettingsError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT (the total of shards)")
    try:
        ids = tuple(sorted({int(part) for part in raw.split(",") if part.strip()}))
    except ValueError:
        raise SettingsError(
            f"DISCORD_SHARD_IDS must be shard numbers separated by commas (e.g. 0,1), not {raw!r}"
        ) from None
    if not ids or any(not 0 <= i < count for i in ids):
        raise SettingsError(
            f"DISCORD_SHARD_IDS must be between 0 and {count - 1} (DISCORD_SHARD_COUNT={count}), "
            f"not {raw!r}"
        )
    return ids


def load_settings(
    env: Mapping[str, str] | None = None, *, dotenv_path: str | Path | None = ".env"
) -> Settings:
    """Read settings from ``env`` (default: ``os.environ`` plus a ``.env`` file)."""
    if env is None:
        if dotenv_path is not None and Path(dotenv_path).is_file():
            from dotenv import dotenv_values

            file_values = {k: v for k, v in dotenv_values(dotenv_path).items() if v is not None}
            env = {**file_values, **os.environ}
        else:
            env = dict(os.environ)

    db = _database_url(env)
    pool_size = _int(env, "DATABASE_POOL_SIZE", 10, lo=1, hi=1000)
    assert pool_size is not None
    level = _get(env, "LOG_LEVEL")
    level = level.upper() if level else None
    if level is not None and level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise SettingsError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {level!r}")
    max_mb = _int(env, "FILMCLUB_MAX_DOCUMENT_MB", 10, lo=1, hi=1024)
    assert max_mb is not None
    log_format = (_get(env, "LOG_FORMAT") or "text").lower()
    if log_format not in ("text", "json"):
        raise SettingsError(f"LOG_FORMAT must be text or json, not {log_format!r}")
    http_port = _int(env, "FILMCLUB_HTTP_PORT", 8080, lo=0, hi=65535)
    assert http_port is not None
    extraction_seconds = _int(env, "FILMCLUB_EXTRACTION_SECONDS", 60, lo=1, hi=3600)
    extraction_workers = _int(env, "FILMCLUB_EXTRACTION_WORKERS", 2, lo=1, hi=32)
    assert extraction_seconds is not None and extraction_workers is not None

    discord = None
    token = _get(env, "DISCORD_TOKEN")
    if token:
        shard_count = _int(env, "DISCORD_SHARD_COUNT", None, lo=1, hi=100_000)
        discord = DiscordSettings(
            token=token,
            guild_id=_int(env, "DISCORD_GUILD_ID", None, lo=1, hi=2**64 - 1),
            api_base_url=_url(env, "DISCORD_API_BASE_URL"),
            shard_count=shard_count,
            shard_ids=_shard_ids(env, shard_count),
        )

    slack = None
    bot_token = _token(env, "SLACK_BOT_TOKEN", "xoxb-")
    app_token = _token(env, "SLACK_APP_TOKEN", "xapp-")
    signing = _get(env, "SLACK_SIGNING_SECRET")
    client_id = _get(env, "SLACK_CLIENT_ID")
    client_secret = _get(env, "SLACK_CLIENT_SECRET")
    distribution = not bot_token and bool(client_id or client_secret)
    if distribution:
        missing = [
            name
            for name, value in (
                ("SLACK_CLIENT_ID", client_id),
                ("SLACK_CLIENT_SECRET", client_secret),
                ("SLACK_SIGNING_SECRET", signing),
            )
            if not value
        ]
        if missing:
            raise SettingsError(
                "Slack distribution mode (install into many workspaces) needs "
                + ", ".join(missing)
                + "; or set SLACK_BOT_TOKEN for a single workspace"
            )
    if bot_token or app_token or signing or distribution:
        if not bot_token and not distribution:
            raise SettingsError(
                "Slack is half-configured: SLACK_BOT_TOKEN (xoxb-…) is missing; it is needed "
                "with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET (or set SLACK_CLIENT_ID and "
                "SLACK_CLIENT_SECRET to install the app into many workspaces)"
            )
        if bot_token and not (app_token or signing):
            raise SettingsError(
                "Slack is half-configured: set SLACK_APP_TOKEN (xapp-…, Socket Mode) or "
                "SLACK_SIGNING_SECRET (HTTP mode) alongside SLACK_BOT_TOKEN"
            )
        port = _int(env, "SLACK_HTTP_PORT", 3000, lo=1, hi=65535)
        assert port is not None
        slack = SlackSettings(
            bot_token=bot_token,
            app_token=app_token,
            signing_secret=signing,
            http_port=port,
            api_url=_url(env, "SLACK_API_URL"),
            client_id=client_id if distribution else None,
            client_secret=client_secret if distribution else None,
            scopes=_scopes(env, "SLACK_SCOPES"),
            redirect_uri=_url(env, "SLACK_REDIRECT_URI"),
        )

    return Settings(
        database_url=db,
        database_pool_size=pool_size,
        log_level=level,
        max_document_bytes=max_mb * 1024 * 1024,
        allow_private_urls=_bool(env, "FILMCLUB_ALLOW_PRIVATE_URLS", False),
        extraction_seconds=extraction_seconds,
        extraction_workers=extraction_workers,
        console_user=_get(env, "FILMCLUB_CONSOLE_USER") or "you",
        log_format=log_format,
        http_port=http_port,
        discord=discord,
        slack=slack,
    )
