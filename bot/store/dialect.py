"""What differs between SQLite and PostgreSQL, in one place: URLs, placeholders, DDL types."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

SQLITE, POSTGRESQL = "sqlite", "postgresql"
_PG_SCHEMES = ("postgresql://", "postgres://")


class DatabaseUrlError(ValueError):
    """A database URL that cannot be used; the message never holds its password."""


def dialect_of(target: str) -> str:
    """``postgresql`` for a postgresql:// URL, else ``sqlite`` (a sqlite:/// URL or a path)."""
    return POSTGRESQL if target.startswith(_PG_SCHEMES) else SQLITE


SQLITE_FORMS = (
    "sqlite:///relative/path.db, sqlite:////absolute/path.db, sqlite://:memory: "
    "or postgresql://USER:PASSWORD@HOST:5432/DB"
)


def sqlite_path(target: str) -> str:
    """Turn ``sqlite:///relative.db``, ``sqlite:////abs.db``, ``sqlite://:memory:`` or a path
    into the file path SQLite opens."""
    if target in ("sqlite://:memory:", "sqlite:///:memory:"):
        return ":memory:"
    if target.startswith("sqlite:///"):
        path = target[len("sqlite:///") :]
        if not path:
            raise DatabaseUrlError(f"DATABASE_URL has no file path: use {SQLITE_FORMS}")
        return path
    if target.lower().startswith("sqlite:"):
        # sqlite:relative.db, sqlite://host/x.db, sqlite:// -- never a file named "sqlite:…".
        raise DatabaseUrlError(
            f"DATABASE_URL {target!r} is not a SQLite URL this bot understands: use {SQLITE_FORMS}"
        )
    if "://" in target:
        scheme = target.split(":", 1)[0]
        raise DatabaseUrlError(
            f"DATABASE_URL uses an unsupported scheme {scheme!r}: use {SQLITE_FORMS}"
        )
    return target


def check_url(url: str) -> None:
    """Refuse a malformed URL early (at start-up), naming what is wrong but not the password."""
    if dialect_of(url) == SQLITE:
        sqlite_path(url)
        return
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise DatabaseUrlError(
            f"DATABASE_URL is not a valid PostgreSQL URL: {redact(url)}"
        ) from None
    if not parts.hostname and "host=" not in parts.query:
        raise DatabaseUrlError(f"DATABASE_URL names no host: {redact(url)}")


def redact(target: str) -> str:
    """The URL with its password replaced by ``***`` (what logs and messages may show)."""
    if dialect_of(target) == SQLITE:
        return target
    try:
        parts = urlsplit(target)
    except ValueError:
        return "postgresql://***"
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:***@{host}" if ":" in userinfo else f"{user}@{host}"
    query = re.sub(r"(?i)(password=)[^&]*", r"\1***", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


# -- statements --------------------------------------------------------------------------


def _scan(sql: str):  # type: ignore[no-untyped-def]
    """Yield (index, char, in_code) over ``sql``, skipping quoted text and comments."""
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in ("'", '"'):
            end = i + 1
            while end < n:
                if sql[end] == ch:
                    if end + 1 < n and sql[end + 1] == ch:
                        end += 2
                        continue
                    break
                end += 1
            yield from ((k, sql[k], False) for k in range(i, min(end + 1, n)))
            i = end + 1
            continue
        if ch == "-" and sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            yield from ((k, sql[k], False) for k in range(i, end))
            i = end
            continue
        yield i, ch, True
        i += 1


@lru_cache(maxsize=2048)
def _positional(sql: str) -> str:
    out, number = [], 0
    for _, ch, code in _scan(sql):
        if code and ch == "?":
            number += 1
            out.append(f"${number}")
        else:
            out.append(ch)
    return "".join(out)


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@lru_cache(maxsize=512)
def _named(sql: str) -> tuple[str, tuple[str, ...]]:
    out: list[str] = []
    names: list[str] = []
    skip_to = -1
    for i, ch, code in _scan(sql):
        if i < skip_to:
            continue
        prev = sql[i - 1] if i else ""
        if code and ch == ":" and prev != ":" and not sql.startswith("::", i):
            m = _NAME.match(sql, i + 1)
            if m:
                name = m.group(0)
                if name not in names:
                    names.append(name)
                out.append(f"${names.index(name) + 1}")
                skip_to = m.end()
                continue
        out.append(ch)
    return "".join(out), tuple(names)


def to_postgres(sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> tuple[str, list]:
    """A statement written for SQLite (``?`` or ``:name`` parameters) as asyncpg runs it."""
    if isinstance(params, Mapping):
        text, names = _named(sql)
        return text, [params[n] for n in names]
    return _positional(sql), list(params)


_ROWS = re.compile(r"^\s*(SELECT|WITH|VALUES|SHOW|TABLE)\b|\bRETURNING\b", re.IGNORECASE)


def returns_rows(sql: str) -> bool:
    """Whether a statement yields rows (a query, or a write with ``RETURNING``)."""
    return bool(_ROWS.search(sql))


_ID_PK = re.compile(r"\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?\b", re.IGNORECASE)
_REAL = re.compile(r"\bREAL\b", re.IGNORECASE)
_DDL = re.compile(r"^\s*(CREATE|ALTER)\s+TABLE\b", re.IGNORECASE)


def postgres_ddl(statement: str) -> str | None:
    """A migration statement as PostgreSQL runs it (``None``: SQLite-only, skipped).

    ``INTEGER PRIMARY KEY [AUTOINCREMENT]`` becomes an identity column and ``REAL`` double
    precision; every other type (TEXT, INTEGER) is the same on both.
    """
    if re.match(r"^\s*PRAGMA\b", statement, re.IGNORECASE):
        return None
    if _DDL.match(statement):
        statement = _ID_PK.sub("INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", statement)
        statement = _REAL.sub("DOUBLE PRECISION", statement)
    return statement
