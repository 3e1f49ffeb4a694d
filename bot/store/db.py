"""The database: SQLite (aiosqlite) or PostgreSQL (asyncpg), numbered migrations, transactions.

Store modules write SQL once, in the portable form (``?`` placeholders, ``RETURNING id``,
``ON CONFLICT``); :mod:`bot.store.dialect` turns it into what PostgreSQL runs.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import aiosqlite

from bot import metrics
from bot.errors import StorageError
from bot.store.dialect import (
    POSTGRESQL,
    SQLITE,
    dialect_of,
    postgres_ddl,
    redact,
    returns_rows,
    sqlite_path,
    to_postgres,
)

log = logging.getLogger(__name__)

Params = Sequence[Any] | dict[str, Any]

VERSION_TABLE = "schema_version"
_VERSION_DDL = (
    f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER NOT NULL PRIMARY KEY, "
    "name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)
_MIGRATION_LOCK = 0x46494C4D  # pg_advisory_xact_lock key: one process migrates at a time


def migrations() -> list[tuple[int, str, str]]:
    """The bundled migrations as (version, name, sql), in order."""
    found = []
    for entry in resources.files("bot.store").joinpath("migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class MigrationError(Exception):
    """A migration would break the database; it was rolled back. ``str()`` says why."""


class DatabaseError(StorageError):
    """The database cannot be reached or used; the message never holds a password."""


class Result:
    """What a statement gave: its rows (all fetched), ``rowcount`` and, on SQLite, ``lastrowid``."""

    def __init__(self, rows: list[Any], rowcount: int, lastrowid: int | None = None) -> None:
        self.rows = rows
        self.rowcount = rowcount
        self._lastrowid = lastrowid

    @property
    def lastrowid(self) -> int | None:
        if self._lastrowid is None:
            raise RuntimeError("lastrowid exists only on SQLite: use INSERT ... RETURNING id")
        return self._lastrowid

    async def fetchone(self) -> Any | None:
        return self.rows[0] if self.rows else None

    async def fetchall(self) -> list[Any]:
        return self.rows

    async def fetchmany(self, size: int = 1) -> list[Any]:
        taken, self.rows = self.rows[:size], self.rows[size:]
        return taken

    async def close(self) -> None:
        """Nothing to release (the rows were fetched); kept for cursor-style callers."""

    def __aiter__(self) -> AsyncIterator[Any]:
        async def rows() -> AsyncIterator[Any]:
            for row in self.rows:
                yield row

        return rows()


def _sqlite_run(conn: sqlite3.Connection, sql: str, params: Params) -> Result:
    """Run one statement on the database thread and read all of its result there."""
    cur = conn.execute(sql, params)
    try:
        return Result(cur.fetchall(), cur.rowcount, cur.lastrowid or 0)
    finally:
        cur.close()


def _sqlite_run_many(conn: sqlite3.Connection, sql: str, rows: list[Params]) -> Result:
    cur = conn.executemany(sql, rows)
    try:
        return Result([], cur.rowcount, 0)
    finally:
        cur.close()


class _SqliteTx:
    """Statements inside a SQLite transaction."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Params = ()) -> Result:
        # One hop to the database thread: run, fetch and close there (not three awaits).
        return await self._conn._execute(_sqlite_run, self._conn._conn, sql, params)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> Result:
        return await self._conn._execute(_sqlite_run_many, self._conn._conn, sql, list(rows))

    async def execute_fetchall(self, sql: str, params: Params = ()) -> list[Any]:
        return (await self.execute(sql, params)).rows


class _PgTx:
    """Statements inside a PostgreSQL transaction (one pooled connection)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Params = ()) -> Result:
        query, args = to_postgres(sql, params)
        if returns_rows(query):
            rows = await self._conn.fetch(query, *args)
            return Result(list(rows), len(rows))
        status = await self._conn.execute(query, *args)
        return Result([], _rowcount(status))

    async def executemany(self, sql: str, rows: Iterable[Params]) -> Result:
        batch = [to_postgres(sql, r)[1] for r in rows]
        if batch:
            await self._conn.executemany(to_postgres(sql, ())[0], batch)
        return Result([], len(batch))

    async def execute_fetchall(self, sql: str, params: Params = ()) -> list[Any]:
        return (await self.execute(sql, params)).rows


def _rowcount(status: str) -> int:
    last = status.rsplit(" ", 1)[-1] if status else ""
    return int(last) if last.isdigit() else 0


class Database:
    """One SQLite connection or a PostgreSQL pool; writes go through :meth:`transaction`.

    ``target`` is a file path, a ``sqlite:///`` URL or a ``postgresql://`` URL. Within one
    process writes are serialized (as SQLite requires anyway); reads run concurrently on
    PostgreSQL.
    """

    def __init__(self, target: str, *, pool_size: int = 10) -> None:
        self._target = target  # may hold a password: never logged, never in repr
        self.dialect = dialect_of(target)
        self.path = sqlite_path(target) if self.dialect == SQLITE else None
        self.pool_size = pool_size
        self._conn: aiosqlite.Connection | None = None
        self._pool: Any = None
        self._write_lock = asyncio.Lock()

    def __repr__(self) -> str:
        return f"Database({self.display!r})"

    @property
    def display(self) -> str:
        """Where the data lives, safe to show (no password)."""
        return self.path if self.path is not None else redact(self._target)

    @property
    def url(self) -> str:
        """The full URL (with its password): for connecting only, never for showing."""
        return self._target

    @property
    def integrity_errors(self) -> tuple[type[BaseException], ...]:
        """The exception types a violated constraint raises on this backend."""
        if self.dialect == POSTGRESQL:
            import asyncpg

            return (asyncpg.IntegrityConstraintViolationError,)
        return (sqlite3.IntegrityError,)

    @property
    def data_errors(self) -> tuple[type[BaseException], ...]:
        """What a row the schema refuses raises: a violated constraint, or a value of a type
        the column (or the driver) cannot take."""
        if self.dialect == POSTGRESQL:
            import asyncpg

            return (*self.integrity_errors, asyncpg.DataError)
        return (*self.integrity_errors, sqlite3.InterfaceError, sqlite3.ProgrammingError)

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    @property
    def pool(self) -> Any:
        if self._pool is None:
            raise RuntimeError("database is not open")
        return self._pool

    async def open(self, *, upto: int | None = None) -> None:
        """Connect (and migrate); a database that cannot be opened is a StorageError."""
        if self.dialect == POSTGRESQL:
            await self._open_postgres()
        else:
            assert self.path is not None
            try:
                # Probe first: a failed aiosqlite connect leaves its worker thread reporting to
                # a loop that may be closed by then ("Event loop is closed" noise at exit).
                await asyncio.to_thread(_probe, self.path)
                await self._open_sqlite()
                await self.migrate(upto=upto)
            except sqlite3.Error as exc:
                await self.close()
                raise StorageError(f"cannot open the database {self.path!r}: {exc}") from None
            except BaseException:
                await self.close()
                raise
            return
        try:
            await self.migrate(upto=upto)
        except BaseException:
            await self.close()
            raise

    async def _open_sqlite(self) -> None:
        assert self.path is not None
        self._conn = await aiosqlite.connect(self.path, isolation_level=None)
        self._conn.row_factory = aiosqlite.Row
        await self._conn.execute("PRAGMA foreign_keys = ON")
        await self._conn.execute("PRAGMA busy_timeout = 5000")
        if self.path != ":memory:":
            await self._conn.execute("PRAGMA journal_mode = WAL")
            await self._conn.execute("PRAGMA synchronous = NORMAL")

    async def _open_postgres(self) -> None:
        try:
            import asyncpg
        except ImportError:
            raise DatabaseError(
                "DATABASE_URL is a PostgreSQL URL but asyncpg is not installed: "
                "pip install 'filmclub[postgres]'"
            ) from None
        try:
            self._pool = await asyncpg.create_pool(
                self._target,
                min_size=1,
                max_size=self.pool_size,
                command_timeout=60,
                reset=_keep_session,
            )
        except (TimeoutError, OSError, asyncpg.PostgresError, ValueError) as exc:
            message = str(exc).replace(self._target, self.display)
            raise DatabaseError(f"cannot connect to {self.display}: {message}") from None
        log.info("connected to %s (pool of %d)", self.display, self.pool_size)

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await pool.close()

    # -- versions and migrations ----------------------------------------------------------
    async def version(self) -> int:
        """The newest migration applied (recorded in ``schema_version`` on both backends)."""
        if self.dialect == POSTGRESQL:
            row = await self.fetchone(f"SELECT to_regclass('{VERSION_TABLE}') IS NOT NULL")
            if not row or not row[0]:
                return 0
            row = await self.fetchone(f"SELECT MAX(version) FROM {VERSION_TABLE}")
            return int(row[0] or 0) if row else 0
        row = await self.fetchone("PRAGMA user_version")
        legacy = int(row[0]) if row else 0
        row = await self.fetchone(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
        )
        if not row:
            return legacy
        row = await self.fetchone(f"SELECT MAX(version) FROM {VERSION_TABLE}")
        return max(legacy, int(row[0] or 0) if row else 0)

    async def migrate(self, *, upto: int | None = None) -> None:
        """Apply every migration not yet recorded, each atomically, and record it."""
        if self.dialect == POSTGRESQL:
            await self._migrate_postgres(upto)
        else:
            await self._migrate_sqlite(upto)

    async def _migrate_sqlite(self, upto: int | None) -> None:
        """Foreign keys are switched off around each migration (outside its transaction, the
        only place SQLite honours the switch), so that the standard table rebuild -- create
        the new table, copy, drop the old one, rename -- does not cascade the drop into child
        rows. ``PRAGMA foreign_key_check`` must find nothing before the migration commits.
        """
        current = await self.version()
        has_table = await self.fetchone(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
        )
        if current and not has_table:  # a file from before schema_version: record its past
            async with self.transaction() as tx:
                await tx.execute(_VERSION_DDL)
                for old_version, old_name, _ in migrations():
                    if old_version <= current:
                        await self._record(tx, old_version, old_name)
        # Every migration not yet recorded, in order (a number added below the newest one,
        # like a reserved 0005 after 0007, is still applied).
        applied = {0}
        if current:
            applied |= {r[0] for r in await self.fetchall(f"SELECT version FROM {VERSION_TABLE}")}
        for version, name, sql in migrations():
            if version in applied or (upto is not None and version > upto):
                continue
            log.info("applying migration %s", name)
            await self.conn.execute("PRAGMA foreign_keys = OFF")
            try:
                async with self.transaction() as tx:
                    for statement in _statements(sql):
                        await tx.execute(statement)
                    broken = (await tx.execute("PRAGMA foreign_key_check")).rows
                    if broken:
                        tables = sorted({row[0] for row in broken})
                        raise MigrationError(
                            f"migration {name} leaves {len(broken)} row(s) pointing at missing "
                            f"rows (in {', '.join(tables)}); nothing was changed"
                        )
                    await tx.execute(_VERSION_DDL)
                    await self._record(tx, version, name)
                    await tx.execute(f"PRAGMA user_version = {int(version)}")
            finally:
                await self.conn.execute("PRAGMA foreign_keys = ON")

    async def _migrate_postgres(self, upto: int | None) -> None:
        for version, name, sql in migrations():
            if upto is not None and version > upto:
                break
            async with self.transaction() as tx:
                # Several processes may start at once: one migrates, the others wait and skip.
                await tx.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
                await tx.execute(_VERSION_DDL)
                done = await tx.execute(
                    f"SELECT 1 FROM {VERSION_TABLE} WHERE version = ?", (version,)
                )
                if done.rows:
                    continue
                log.info("applying migration %s", name)
                for statement in _statements(sql):
                    translated = postgres_ddl(statement)
                    if translated is not None:
                        await tx.execute(translated)
                await _resync_identities(tx)
                await self._record(tx, version, name)

    async def _record(self, tx: Any, version: int, name: str) -> None:
        await tx.execute(
            f"INSERT INTO {VERSION_TABLE} (version, name, applied_at) VALUES (?, ?, ?)",
            (version, name, _now()),
        )

    # -- statements -----------------------------------------------------------------------
    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Any]:
        """A write transaction: all of it is committed, or none of it.

        Yields an object with ``execute(sql, params)`` (returning a :class:`Result`) and
        ``executemany(sql, rows)``.
        """
        async with self._write_lock:
            with metrics.timed(metrics.DB_SECONDS, operation="transaction"):
                if self.dialect == POSTGRESQL:
                    async with self.pool.acquire() as conn, conn.transaction():
                        yield _PgTx(conn)
                    return
                conn = self.conn
                await conn.execute("BEGIN IMMEDIATE")
                try:
                    yield _SqliteTx(conn)
                except BaseException:
                    await conn.execute("ROLLBACK")
                    raise
                else:
                    await conn.execute("COMMIT")

    @property
    def skip_locked(self) -> str:
        """A suffix for a SELECT inside a transaction that locks the rows it returns and skips
        rows another process holds (PostgreSQL); SQLite has one writer, so nothing."""
        return " FOR UPDATE SKIP LOCKED" if self.dialect == POSTGRESQL else ""

    async def notify(self, channel: str, payload: str = "") -> None:
        """Tell the other processes on this database (PostgreSQL NOTIFY; nothing on SQLite)."""
        if self.dialect == POSTGRESQL:
            await self.pool.execute("SELECT pg_notify($1, $2)", channel, payload)

    async def listen(self, channel: str, callback: Any) -> Any:
        """Call ``callback(payload)`` on every NOTIFY on ``channel`` (PostgreSQL; a dedicated
        connection); returns an object to pass to :meth:`unlisten`, or None on SQLite."""
        if self.dialect != POSTGRESQL:
            return None
        import asyncpg

        conn = await asyncpg.connect(self._target)
        await conn.add_listener(channel, lambda _c, _pid, _ch, payload: callback(payload))
        return conn

    async def unlisten(self, handle: Any) -> None:
        if handle is not None:
            await handle.close()

    async def fetchone(self, sql: str, params: Params = ()) -> Any | None:
        """The first row of a query (one round trip)."""
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Params = ()) -> list[Any]:
        """Every row of a query (one round trip)."""
        with metrics.timed(metrics.DB_SECONDS, operation="read"):
            if self.dialect == POSTGRESQL:
                query, args = to_postgres(sql, params)
                return list(await self.pool.fetch(query, *args))
            return list(await self.conn.execute_fetchall(sql, params))

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one write statement, atomic on its own.

        Returns the first value of a ``RETURNING`` clause when there is one (portable), else
        SQLite's ``lastrowid`` (0 on PostgreSQL).
        """
        if self.dialect == SQLITE:
            async with self._write_lock:
                with metrics.timed(metrics.DB_SECONDS, operation="write"):
                    result = await _SqliteTx(self.conn).execute(sql, params)
        else:
            async with self.transaction() as tx:
                result = await tx.execute(sql, params)
        if result.rows:
            return int(result.rows[0][0] or 0)
        return result._lastrowid or 0


async def resync_identities(db: Database, tx: Any) -> None:
    """After rows were written with explicit ids: on PostgreSQL, move identity sequences past
    them (SQLite needs nothing)."""
    if db.dialect == POSTGRESQL:
        await _resync_identities(tx)


async def _resync_identities(tx: Any) -> None:
    """Move identity sequences past rows copied with explicit ids (a table rebuild)."""
    rows = (
        await tx.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND is_identity = 'YES'"
        )
    ).rows
    for table, column in rows:
        await tx.execute(
            f'SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX("{column}"), 0) + 1, '
            f'false) FROM "{table}"',
            (f'"{table}"', column),
        )


async def _keep_session(conn: Any) -> None:
    """A connection going back to the pool needs no reset round trip: the store sets no
    session state, takes only transaction-scoped locks and listens on its own connection."""


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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
