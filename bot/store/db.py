"""The SQLite connection: pragmas, numbered migrations and serialized transactions."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

import aiosqlite

from bot.errors import StorageError

log = logging.getLogger(__name__)

Params = Sequence[Any] | dict[str, Any]


def migrations() -> list[tuple[int, str, str]]:
    """The bundled migrations as (version, name, sql), in order."""
    found = []
    for entry in resources.files("bot.store").joinpath("migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class Database:
    """One aiosqlite connection; writes go through :meth:`transaction`, one at a time."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._conn: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    async def open(self, *, upto: int | None = None) -> None:
        """Connect, set the pragmas and migrate; a file that cannot be opened is a StorageError."""
        try:
            # Probe first: a failed aiosqlite connect leaves its worker thread reporting to a
            # loop that may be closed by then ("Event loop is closed" noise at exit).
            await asyncio.to_thread(_probe, self.path)
            await self._open(upto=upto)
        except sqlite3.Error as exc:
            await self.close()
            raise StorageError(f"cannot open the database {self.path!r}: {exc}") from None

    async def _open(self, *, upto: int | None) -> None:
        self._conn = await aiosqlite.connect(self.path, isolation_level=None)
        self._conn.row_factory = aiosqlite.Row
        await self._conn.execute("PRAGMA foreign_keys = ON")
        await self._conn.execute("PRAGMA busy_timeout = 5000")
        if self.path != ":memory:":
            await self._conn.execute("PRAGMA journal_mode = WAL")
            await self._conn.execute("PRAGMA synchronous = NORMAL")
        await self.migrate(upto=upto)

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    async def version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self, *, upto: int | None = None) -> None:
        """Apply every migration newer than the file's ``user_version``, each atomically."""
        current = await self.version()
        for version, name, sql in migrations():
            if version <= current or (upto is not None and version > upto):
                continue
            log.info("applying migration %s", name)
            async with self.transaction() as conn:
                for statement in _statements(sql):
                    await conn.execute(statement)
                await conn.execute(f"PRAGMA user_version = {int(version)}")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction: all of it is committed, or none of it."""
        async with self._write_lock:
            conn = self.conn
            await conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
            else:
                await conn.execute("COMMIT")

    async def fetchone(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        """The first row of a query (one round trip to the database thread)."""
        rows = await self.conn.execute_fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Params = ()) -> Iterable[aiosqlite.Row]:
        """Every row of a query (one round trip to the database thread)."""
        return await self.conn.execute_fetchall(sql, params)

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one write statement (atomic on its own, in autocommit); returns ``lastrowid``."""
        async with self._write_lock:
            cur = await self.conn.execute(sql, params)
            return cur.lastrowid or 0


def _probe(path: str) -> None:
    """Open and close the file once, so an unusable path fails here with a plain sqlite3 error."""
    folder = os.path.dirname(os.path.abspath(path))
    if path != ":memory:" and not os.path.isdir(folder):
        raise sqlite3.OperationalError(f"its folder {folder} does not exist")
    sqlite3.connect(path).close()


def _statements(sql: str) -> list[str]:
    """Split a migration file into statements (our migrations hold no ``;`` in literals)."""
    body = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]
