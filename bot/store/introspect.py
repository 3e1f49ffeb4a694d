"""The schema as the database reports it (tables, columns, keys, indexes), on both backends."""

from __future__ import annotations

import re
from typing import Any

from bot.store.db import VERSION_TABLE, Database
from bot.store.dialect import POSTGRESQL

_PG_TYPES = {"integer": "INTEGER", "bigint": "INTEGER", "text": "TEXT", "double precision": "REAL"}


async def tables(db: Database) -> set[str]:
    """The data tables (not the migration bookkeeping)."""
    if db.dialect == POSTGRESQL:
        rows = await db.fetchall(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    else:
        rows = await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    return {r[0] for r in rows} - {VERSION_TABLE}


async def columns(db: Database, table: str) -> list[str]:
    """Column names in table order."""
    return [c[0] for c in await _columns(db, table)]


async def _columns(db: Database, table: str) -> list[tuple[str, str, bool, str | None]]:
    """(name, type, not null, default) of each column, types as INTEGER/TEXT/REAL."""
    if db.dialect == POSTGRESQL:
        rows = await db.fetchall(
            "SELECT column_name, data_type, is_nullable, column_default, is_identity "
            "FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
        return [
            (
                r[0],
                _PG_TYPES.get(r[1], r[1].upper()),
                r[2] == "NO",
                None if r[4] == "YES" else _default(r[3]),
            )
            for r in rows
        ]
    rows = await db.fetchall(f'PRAGMA table_info("{table}")')
    # A SQLite INTEGER PRIMARY KEY column is never NULL (it is the rowid).
    return [(r[1], r[2].upper(), bool(r[3]) or bool(r[5]), _default(r[4])) for r in rows]


def _default(value: str | None) -> str | None:
    if value is None:
        return None
    return re.sub(r"::[a-z ]+$", "", value)


async def primary_key(db: Database, table: str) -> list[str]:
    if db.dialect == POSTGRESQL:
        rows = await db.fetchall(
            "SELECT kcu.column_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = "
            "tc.constraint_name AND kcu.table_schema = tc.table_schema "
            "WHERE tc.table_schema = current_schema() AND tc.table_name = ? "
            "AND tc.constraint_type = 'PRIMARY KEY' ORDER BY kcu.ordinal_position",
            (table,),
        )
        return [r[0] for r in rows]
    rows = await db.fetchall(f'PRAGMA table_info("{table}")')
    return [r[1] for r in sorted(rows, key=lambda r: r[5]) if r[5]]


async def foreign_keys(db: Database, table: str) -> dict[str, tuple[str, str]]:
    """column -> (referenced table, ON DELETE action)."""
    if db.dialect == POSTGRESQL:
        rows = await db.fetchall(
            "SELECT a.attname, cf.relname, CAST(c.confdeltype AS text) FROM pg_constraint c "
            "JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class cf ON cf.oid = c.confrelid "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
            "WHERE c.contype = 'f' AND cl.relname = ? "
            "AND cl.relnamespace = to_regnamespace(current_schema())",
            (table,),
        )
        actions = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL"}
        return {r[0]: (r[1], actions.get(r[2], r[2])) for r in rows}
    rows = await db.fetchall(f'PRAGMA foreign_key_list("{table}")')
    return {r[3]: (r[2], r[6]) for r in rows}


async def indexes(db: Database, table: str) -> set[tuple[str | None, bool, tuple[str, ...]]]:
    """(name of a CREATE INDEX index, or None for a UNIQUE constraint; unique; columns),
    primary keys left out."""
    out: set[tuple[str | None, bool, tuple[str, ...]]] = set()
    if db.dialect == POSTGRESQL:
        rows = await db.fetchall(
            "SELECT ic.relname, ix.indisunique, "
            "ARRAY(SELECT a.attname FROM unnest(CAST(ix.indkey AS int2[])) WITH ORDINALITY "
            "AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = ix.indrelid "
            "AND a.attnum = k.attnum ORDER BY k.ord), "
            "EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid) "
            "FROM pg_index ix JOIN pg_class ic ON ic.oid = ix.indexrelid "
            "JOIN pg_class t ON t.oid = ix.indrelid WHERE NOT ix.indisprimary "
            "AND t.relname = ? AND t.relnamespace = to_regnamespace(current_schema())",
            (table,),
        )
        for name, unique, cols, constraint in rows:
            out.add((None if constraint else name, bool(unique), tuple(cols)))
        return out
    for row in await db.fetchall(f'PRAGMA index_list("{table}")'):
        name, unique, origin = row[1], bool(row[2]), row[3]
        if origin == "pk":
            continue
        cols = tuple(r[2] for r in await db.fetchall(f'PRAGMA index_info("{name}")'))
        out.add((name if origin == "c" else None, unique, cols))
    return out


async def describe(db: Database) -> dict[str, Any]:
    """The whole schema, in a form that is the same for the same migrations on either backend."""
    out: dict[str, Any] = {}
    for table in sorted(await tables(db)):
        out[table] = {
            "columns": await _columns(db, table),
            "primary_key": await primary_key(db, table),
            "foreign_keys": await foreign_keys(db, table),
            "indexes": sorted(await indexes(db, table), key=repr),
        }
    return out
