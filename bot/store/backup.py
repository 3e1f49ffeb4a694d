"""Export and import whole clubs as JSON, table by table, remapping ids on the way in."""

from __future__ import annotations

import logging
from typing import Any

from bot.store import introspect
from bot.store.db import Database, resync_identities

log = logging.getLogger(__name__)

FORMAT = "filmclub-export"

# Every table that holds a club's data, in an order where referenced rows come first, with
# the condition that selects one club's rows.
TABLES: list[tuple[str, str]] = [
    ("clubs", "id = :club"),
    ("documents", "club_id = :club"),
    ("channels", "club_id = :club"),
    ("items", "document_id IN (SELECT id FROM documents WHERE club_id = :club)"),
    ("schedules", "club_id = :club"),
    ("prompts", "club_id = :club"),
    ("threads", "club_id = :club"),
    ("thread_messages", "thread_id IN (SELECT id FROM threads WHERE club_id = :club)"),
    ("rotations", "channel_ref IN (SELECT id FROM channels WHERE club_id = :club)"),
    ("settings", "club_id = :club"),
    ("schedule_notices", "club_id = :club"),
    ("schedule_runs", "schedule_id IN (SELECT id FROM schedules WHERE club_id = :club)"),
    ("config_log", "club_id = :club"),
    ("suggestions", "club_id = :club"),
    ("screenings", "club_id = :club"),
    ("screening_slots", "screening_id IN (SELECT id FROM screenings WHERE club_id = :club)"),
    ("screening_rsvps", "screening_id IN (SELECT id FROM screenings WHERE club_id = :club)"),
    ("screening_replies", "screening_id IN (SELECT id FROM screenings WHERE club_id = :club)"),
]

# Tables that hold no club's data: Slack installations (a workspace's tokens, secrets that a
# club export must not carry; a moved workspace reinstalls) and short-lived OAuth states.
NOT_CLUB_DATA: dict[str, str] = {
    "installations": "Slack install tokens (secrets)",
    "installation_bots": "Slack bot tokens (secrets)",
    "oauth_states": "short-lived OAuth states",
}


class BackupError(Exception):
    """An export file that cannot be imported here; ``str()`` says why."""


async def _columns(db: Database, table: str) -> list[str]:
    return await introspect.columns(db, table)


async def _foreign_keys(db: Database, table: str) -> dict[str, str]:
    """column -> referenced table."""
    return {col: target for col, (target, _) in (await introspect.foreign_keys(db, table)).items()}


async def _id_free(conn: Any, table: str, row_id: Any) -> bool:
    if not isinstance(row_id, int):
        return False
    cur = await conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,))
    return await cur.fetchone() is None


async def schema_tables(db: Database) -> set[str]:
    return await introspect.tables(db)


async def export_clubs(db: Database, club_ids: list[int] | None = None) -> dict[str, Any]:
    """Every row of the given clubs (all clubs when None), as plain JSON-ready data."""
    if club_ids is None:
        club_ids = [r[0] for r in await db.fetchall("SELECT id FROM clubs ORDER BY id")]
    clubs = []
    for club_id in club_ids:
        data: dict[str, list[dict[str, Any]]] = {}
        for table, where in TABLES:
            cols = await _columns(db, table)
            key = await introspect.primary_key(db, table)
            rows = await db.fetchall(
                f"SELECT {', '.join(cols)} FROM {table} WHERE {where}", {"club": club_id}
            )
            records = [dict(zip(cols, row, strict=True)) for row in rows]
            # The same order on every backend: by primary key, compared in Python.
            records.sort(key=lambda r: tuple(r[k] for k in key))
            data[table] = records
        clubs.append(data)
    return {"format": FORMAT, "schema": await db.version(), "clubs": clubs}


_SCALARS = (str, int, float, type(None))


def _invalid(why: str) -> BackupError:
    return BackupError(f"not a valid export: {why}")


def check_shape(payload: Any) -> list[dict[str, list[dict[str, Any]]]]:
    """The export's clubs, once every part has the shape :func:`export_clubs` writes
    (a BackupError naming the first part that does not)."""
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise BackupError("this is not a filmclub export file")
    schema = payload.get("schema", 0)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
        raise _invalid(f"schema must be a whole number, not {schema!r}")
    clubs = payload.get("clubs", [])
    if not isinstance(clubs, list):
        raise _invalid("clubs must be a list")
    for n, club in enumerate(clubs):
        where = f"clubs[{n}]"
        if not isinstance(club, dict):
            raise _invalid(f"{where} must be an object of tables")
        for table, _ in TABLES:
            rows = club.get(table, [])
            if not isinstance(rows, list):
                raise _invalid(f"{where}.{table} must be a list of rows")
            for i, row in enumerate(rows):
                if not isinstance(row, dict):
                    raise _invalid(f"{where}.{table}[{i}] must be an object")
                for column, value in row.items():
                    if not isinstance(value, _SCALARS):
                        raise _invalid(
                            f"{where}.{table}[{i}].{column} must be text, a number or null"
                        )
        if len(club.get("clubs", [])) != 1:
            raise _invalid(f"{where}.clubs must hold exactly one club row")
        head = club["clubs"][0]
        if not isinstance(head.get("platform"), str) or not isinstance(
            head.get("workspace_id"), str
        ):
            raise _invalid(f"{where}.clubs[0] must name its platform and workspace_id")
    return clubs


async def import_clubs(
    db: Database, payload: dict[str, Any], *, replace: bool = False
) -> list[str]:
    """Add the clubs of an export to this database in one transaction; returns their names.

    A malformed export (a wrong shape, a missing column a constraint needs, a row that
    refers to nothing) is a BackupError, and nothing is written.
    """
    clubs = check_shape(payload)
    if payload.get("schema", 0) > await db.version():
        raise BackupError(
            "the export comes from a newer filmclub (schema "
            f"{payload.get('schema')}); upgrade this one first"
        )
    columns = {table: await _columns(db, table) for table, _ in TABLES}
    fks = {table: await _foreign_keys(db, table) for table, _ in TABLES}
    imported: list[str] = []
    try:
        async with db.transaction() as conn:
            await _insert_clubs(conn, db, clubs, columns, fks, replace, imported)
    except db.data_errors as exc:
        raise _invalid(f"a row breaks a rule of the database ({_first_line(exc)})") from None
    return imported


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


async def _insert_clubs(  # noqa: PLR0913 - the state of one import
    conn: Any,
    db: Database,
    clubs: list[dict[str, list[dict[str, Any]]]],
    columns: dict[str, list[str]],
    fks: dict[str, dict[str, str]],
    replace: bool,
    imported: list[str],
) -> None:
    for n, club in enumerate(clubs):
        [club_row] = club["clubs"]
        key = (club_row["platform"], club_row["workspace_id"])
        cur = await conn.execute(
            "SELECT id FROM clubs WHERE platform = ? AND workspace_id = ?", key
        )
        existing = await cur.fetchone()
        if existing is not None:
            if not replace:
                raise BackupError(
                    f"club {key[0]}:{key[1]} already exists here; use --replace to overwrite it"
                )
            await conn.execute("DELETE FROM clubs WHERE id = ?", (existing[0],))
        ids: dict[str, dict[int, int]] = {}
        for table, _ in TABLES:
            known = columns[table]
            for row in club.get(table, []):
                unknown = set(row) - set(known)
                if unknown:
                    raise BackupError(
                        f"{table} has columns this filmclub does not know: {sorted(unknown)}"
                    )
                values = dict(row)
                old_id = values.pop("id", None) if "id" in known else None
                for column, target in fks[table].items():
                    if values.get(column) is not None:
                        mapped = ids.get(target, {}).get(values[column])
                        if mapped is None:
                            raise BackupError(f"{table}.{column} refers to a missing {target} row")
                        values[column] = mapped
                if old_id is not None and await _id_free(conn, table, old_id):
                    # Keep the id where it is free (always in a fresh database, and after
                    # --replace): the round trip then exports identically, and a scheduled
                    # run's nonce (made from its schedule's id) still matches its schedule.
                    values = {"id": old_id, **values}
                names = list(values)
                try:
                    cur = await conn.execute(
                        f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                        f"({', '.join('?' for _ in names)})"
                        + (" RETURNING id" if "id" in known else ""),
                        [values[c] for c in names],
                    )
                except db.data_errors as exc:
                    raise _invalid(
                        f"clubs[{n}].{table} row {old_id if old_id is not None else '?'} "
                        f"breaks a rule of the database ({_first_line(exc)})"
                    ) from None
                if old_id is not None:
                    ids.setdefault(table, {})[old_id] = (await cur.fetchone())[0]
        imported.append(f"{key[0]}:{key[1]}")
    await resync_identities(db, conn)  # rows kept their ids: later inserts go past them
