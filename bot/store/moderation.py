"""SQL for moderator work: settings changes with their log, suggestions, and item curation."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.models import Item, Kind
from bot.store.db import Database
from bot.store.discussion import _ITEM_COLS, _item, item_json
from bot.store.records import StoredItem


@dataclass(frozen=True)
class ConfigChange:
    scope: str
    key: str
    old_value: Any
    new_value: Any
    changed_by: str
    changed_at: str


@dataclass(frozen=True)
class Suggestion:
    id: int
    number: int
    document_id: int
    channel_ref: int | None
    text: str
    suggested_by: str
    suggested_by_name: str | None
    status: str
    duplicate_of: str | None
    decided_by: str | None
    item_id: int | None
    created_at: str


_SUGGESTION_COLS = (
    "id, number, document_id, channel_ref, text, suggested_by, suggested_by_name, status, "
    "duplicate_of, decided_by, item_id, created_at"
)


def _loads(value: str | None) -> Any:
    return None if value is None else json.loads(value)


class ModerationStore:
    """Settings writes (always logged), suggestions and curation, scoped by club."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- settings -----------------------------------------------------------------------
    async def set_setting(
        self, club_id: int, scope: str, key: str, value: Any, changed_by: str, now: str
    ) -> Any:
        """Set (or with ``value`` None, reset) a setting and log the change atomically.

        Returns the old value (None when it was not set).
        """
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT value FROM settings WHERE club_id = ? AND scope = ? AND key = ?",
                (club_id, scope, key),
            )
            row = await cur.fetchone()
            old = row[0] if row else None
            new = None if value is None else json.dumps(value)
            if new is None:
                await conn.execute(
                    "DELETE FROM settings WHERE club_id = ? AND scope = ? AND key = ?",
                    (club_id, scope, key),
                )
            else:
                await conn.execute(
                    "INSERT INTO settings (club_id, scope, key, value) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (club_id, scope, key) DO UPDATE SET value = excluded.value",
                    (club_id, scope, key, new),
                )
            await conn.execute(
                "INSERT INTO config_log (club_id, scope, key, old_value, new_value, changed_by, "
                "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (club_id, scope, key, old, new, changed_by, now),
            )
        return _loads(old)

    async def config_log(self, club_id: int, limit: int = 20) -> list[ConfigChange]:
        rows = await self.db.fetchall(
            "SELECT scope, key, old_value, new_value, changed_by, changed_at FROM config_log "
            "WHERE club_id = ? ORDER BY id DESC LIMIT ?",
            (club_id, limit),
        )
        return [ConfigChange(r[0], r[1], _loads(r[2]), _loads(r[3]), r[4], r[5]) for r in rows]

    # -- suggestions --------------------------------------------------------------------
    async def add_suggestion(
        self,
        club_id: int,
        *,
        document_id: int,
        channel_ref: int | None,
        text: str,
        user_id: str,
        user_name: str | None,
        duplicate_of: str | None,
        now: str,
    ) -> Suggestion:
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM suggestions WHERE club_id = ?", (club_id,)
            )
            number = (await cur.fetchone())[0]
            await conn.execute(
                "INSERT INTO suggestions (club_id, number, document_id, channel_ref, text, "
                "suggested_by, suggested_by_name, duplicate_of, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    club_id,
                    number,
                    document_id,
                    channel_ref,
                    text,
                    user_id,
                    user_name,
                    duplicate_of,
                    now,
                ),
            )
        found = await self.get_suggestion(club_id, number)
        assert found is not None
        return found

    async def get_suggestion(self, club_id: int, number: int) -> Suggestion | None:
        row = await self.db.fetchone(
            f"SELECT {_SUGGESTION_COLS} FROM suggestions WHERE club_id = ? AND number = ?",
            (club_id, number),
        )
        return Suggestion(*row) if row else None

    async def pending_suggestions(self, club_id: int) -> list[Suggestion]:
        rows = await self.db.fetchall(
            f"SELECT {_SUGGESTION_COLS} FROM suggestions WHERE club_id = ? AND status = 'pending' "
            "ORDER BY number",
            (club_id,),
        )
        return [Suggestion(*r) for r in rows]

    async def decide_suggestion(
        self, club_id: int, number: int, *, approve: bool, decided_by: str, now: str
    ) -> tuple[Suggestion, StoredItem | None] | None:
        """Approve (adding the question to its document) or reject a pending suggestion."""
        item_id = None
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT id, document_id, text FROM suggestions "
                "WHERE club_id = ? AND number = ? AND status = 'pending'",
                (club_id, number),
            )
            row = await cur.fetchone()
            if row is None:
                return None
            if approve:
                item_id = await self._insert_item(
                    conn, row[1], Item(Kind.QUESTION, text=row[2]), origin="suggestion"
                )
            await conn.execute(
                "UPDATE suggestions SET status = ?, decided_by = ?, decided_at = ?, item_id = ? "
                "WHERE id = ?",
                ("approved" if approve else "rejected", decided_by, now, item_id, row[0]),
            )
        suggestion = await self.get_suggestion(club_id, number)
        assert suggestion is not None
        item = await self._item_by_id(item_id) if item_id else None
        return suggestion, item

    # -- curation -----------------------------------------------------------------------
    async def _insert_item(self, conn: Any, document_id: int, item: Item, *, origin: str) -> int:
        cur = await conn.execute(
            "SELECT COALESCE(MAX(number), 0) + 1, (SELECT COALESCE(MAX(position), 0) + 1 FROM "
            "items WHERE document_id = ?) FROM items WHERE document_id = ? AND kind = ?",
            (document_id, document_id, item.kind.value),
        )
        number, position = await cur.fetchone()
        cur = await conn.execute(
            "INSERT INTO items (document_id, kind, number, position, data, origin) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (document_id, item.kind.value, number, position, item_json(item), origin),
        )
        return (await cur.fetchone())[0]

    async def _item_by_id(self, item_id: int) -> StoredItem | None:
        row = await self.db.fetchone(f"SELECT {_ITEM_COLS} FROM items i WHERE i.id = ?", (item_id,))
        return _item(row) if row else None

    async def add_item(self, club_id: int, document_id: int, item: Item) -> StoredItem:
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT 1 FROM documents WHERE id = ? AND club_id = ?", (document_id, club_id)
            )
            if await cur.fetchone() is None:
                raise LookupError("no such document in this club")
            item_id = await self._insert_item(conn, document_id, item, origin="moderator")
        stored = await self._item_by_id(item_id)
        assert stored is not None
        return stored

    async def set_item_status(self, club_id: int, item_id: int, status: str) -> None:
        await self.db.execute(
            "UPDATE items SET status = ? WHERE id = ? AND document_id IN "
            "(SELECT id FROM documents WHERE club_id = ?)",
            (status, item_id, club_id),
        )

    async def edit_item(self, club_id: int, item_id: int, item: Item) -> None:
        """Replace an item's text, keeping the first version as the original."""
        await self.db.execute(
            "UPDATE items SET original = COALESCE(original, data), data = ? WHERE id = ? AND "
            "document_id IN (SELECT id FROM documents WHERE club_id = ?)",
            (item_json(item), item_id, club_id),
        )
