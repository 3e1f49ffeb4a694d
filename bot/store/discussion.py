"""SQL for clubs, channels, documents, items, prompts, threads and per-club settings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.models import Item, Kind
from bot.store.db import Database
from bot.store.records import (
    Channel,
    Club,
    Document,
    DocumentStats,
    DocumentSummary,
    PromptRecord,
    StoredItem,
    short_id,
)

_DOC_COLS = "d.id, d.club_id, d.number, d.title, d.film, d.source, d.content_hash, d.loaded_at"
_ITEM_COLS = (
    "i.id, i.document_id, i.kind, i.number, i.position, i.data, i.status, i.original, i.origin"
)


def _doc(row: Any) -> Document:
    return Document(*row[:8])


def _item(row: Any) -> StoredItem:
    original = Item.from_json(json.loads(row[7])) if row[7] else None
    return StoredItem(
        id=row[0],
        document_id=row[1],
        kind=Kind(row[2]),
        number=row[3],
        position=row[4],
        item=Item.from_json(json.loads(row[5])),
        status=row[6],
        original=original,
        origin=row[8],
    )


def item_json(item: Item) -> str:
    return json.dumps(item.to_json(), ensure_ascii=False)


class DiscussionStore:
    """Every query of the discussion loop; parameterized, scoped by club."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- clubs and channels -------------------------------------------------------------
    async def ensure_club(
        self, platform: str, workspace_id: str, name: str | None, now: str
    ) -> Club:
        row = await self.db.fetchone(
            "SELECT id, platform, workspace_id, name FROM clubs WHERE platform = ? AND workspace_id = ?",
            (platform, workspace_id),
        )
        if row:
            return Club(*row)
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO clubs (platform, workspace_id, name, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (platform, workspace_id) DO NOTHING",
                (platform, workspace_id, name, now),
            )
        row = await self.db.fetchone(
            "SELECT id, platform, workspace_id, name FROM clubs WHERE platform = ? AND workspace_id = ?",
            (platform, workspace_id),
        )
        assert row is not None
        return Club(*row)

    async def ensure_channel(self, club_id: int, channel_id: str, name: str | None) -> Channel:
        row = await self.get_channel(club_id, channel_id)
        if row:
            return row
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO channels (club_id, channel_id, name) VALUES (?, ?, ?) "
                "ON CONFLICT (club_id, channel_id) DO NOTHING",
                (club_id, channel_id, name),
            )
        channel = await self.get_channel(club_id, channel_id)
        assert channel is not None
        return channel

    async def get_channel(self, club_id: int, channel_id: str) -> Channel | None:
        row = await self.db.fetchone(
            "SELECT id, club_id, channel_id, name, active_document_id FROM channels "
            "WHERE club_id = ? AND channel_id = ?",
            (club_id, channel_id),
        )
        return Channel(*row) if row else None

    async def get_channel_by_ref(self, club_id: int, channel_ref: int) -> Channel | None:
        row = await self.db.fetchone(
            "SELECT id, club_id, channel_id, name, active_document_id FROM channels "
            "WHERE club_id = ? AND id = ?",
            (club_id, channel_ref),
        )
        return Channel(*row) if row else None

    async def set_active_document(self, club_id: int, channel_ref: int, document_id: int) -> None:
        await self.db.execute(
            "UPDATE channels SET active_document_id = ? WHERE id = ? AND club_id = ?",
            (document_id, channel_ref, club_id),
        )

    # -- documents and items ------------------------------------------------------------
    async def find_document_by_hash(self, club_id: int, content_hash: str) -> Document | None:
        row = await self.db.fetchone(
            f"SELECT {_DOC_COLS} FROM documents d WHERE d.club_id = ? AND d.content_hash = ?",
            (club_id, content_hash),
        )
        return _doc(row) if row else None

    async def add_document(
        self,
        club_id: int,
        *,
        title: str | None,
        film: str | None,
        source: str,
        content_hash: str,
        body: str,
        items: Sequence[Item],
        loaded_by: str | None,
        now: str,
    ) -> Document:
        """Store a document and its items atomically (a crash leaves neither)."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM documents WHERE club_id = ?", (club_id,)
            )
            number = (await cur.fetchone())[0]
            cur = await conn.execute(
                "INSERT INTO documents (club_id, number, title, film, source, content_hash, body, "
                "loaded_by, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (club_id, number, title, film, source, content_hash, body, loaded_by, now),
            )
            doc_id = (await cur.fetchone())[0]
            counters: dict[Kind, int] = {}
            rows = []
            for position, item in enumerate(items):
                counters[item.kind] = counters.get(item.kind, 0) + 1
                rows.append(
                    (doc_id, item.kind.value, counters[item.kind], position, item_json(item))
                )
            await conn.executemany(
                "INSERT INTO items (document_id, kind, number, position, data) VALUES (?, ?, ?, ?, ?)",
                rows,
            )
        doc = await self.get_document(club_id, doc_id)
        assert doc is not None
        return doc

    async def get_document(self, club_id: int, document_id: int) -> Document | None:
        row = await self.db.fetchone(
            f"SELECT {_DOC_COLS} FROM documents d WHERE d.club_id = ? AND d.id = ?",
            (club_id, document_id),
        )
        return _doc(row) if row else None

    async def get_document_by_number(self, club_id: int, number: int) -> Document | None:
        row = await self.db.fetchone(
            f"SELECT {_DOC_COLS} FROM documents d WHERE d.club_id = ? AND d.number = ?",
            (club_id, number),
        )
        return _doc(row) if row else None

    async def list_documents(self, club_id: int) -> list[DocumentSummary]:
        rows = await self.db.fetchall(
            f"SELECT {_DOC_COLS}, "
            "SUM(CASE WHEN i.kind = 'quote' AND i.status = 'active' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN i.kind = 'exchange' AND i.status = 'active' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN i.kind = 'question' AND i.status = 'active' THEN 1 ELSE 0 END) "
            "FROM documents d LEFT JOIN items i ON i.document_id = d.id "
            "WHERE d.club_id = ? GROUP BY d.id ORDER BY d.number",
            (club_id,),
        )
        return [DocumentSummary(_doc(r), r[8] or 0, r[9] or 0, r[10] or 0) for r in rows]

    async def list_items(
        self, club_id: int, document_id: int, kind: Kind | None = None, *, active_only: bool = True
    ) -> list[StoredItem]:
        sql = (
            f"SELECT {_ITEM_COLS} FROM items i JOIN documents d ON d.id = i.document_id "
            "WHERE d.club_id = ? AND i.document_id = ?"
        )
        params: list[Any] = [club_id, document_id]
        if kind is not None:
            sql += " AND i.kind = ?"
            params.append(kind.value)
        if active_only:
            sql += " AND i.status = 'active'"
        sql += " ORDER BY i.position, i.id"
        return [_item(r) for r in await self.db.fetchall(sql, params)]

    async def get_item(
        self, club_id: int, document_id: int, kind: Kind, number: int
    ) -> StoredItem | None:
        row = await self.db.fetchone(
            f"SELECT {_ITEM_COLS} FROM items i JOIN documents d ON d.id = i.document_id "
            "WHERE d.club_id = ? AND i.document_id = ? AND i.kind = ? AND i.number = ?",
            (club_id, document_id, kind.value, number),
        )
        return _item(row) if row else None

    async def get_item_by_id(self, club_id: int, item_id: int) -> StoredItem | None:
        row = await self.db.fetchone(
            f"SELECT {_ITEM_COLS} FROM items i JOIN documents d ON d.id = i.document_id "
            "WHERE d.club_id = ? AND i.id = ?",
            (club_id, item_id),
        )
        return _item(row) if row else None

    # -- rotation -----------------------------------------------------------------------
    async def rotation_cycle(self, channel_ref: int, document_id: int, kind: Kind) -> int:
        row = await self.db.fetchone(
            "SELECT cycle FROM rotations WHERE channel_ref = ? AND document_id = ? AND kind = ?",
            (channel_ref, document_id, kind.value),
        )
        return row[0] if row else 0

    async def next_unposted(
        self, channel_ref: int, document_id: int, kind: Kind
    ) -> tuple[StoredItem | None, int]:
        """The first active item of ``kind`` not yet posted in this rotation, and the cycle."""
        cycle = await self.rotation_cycle(channel_ref, document_id, kind)
        row = await self.db.fetchone(
            f"SELECT {_ITEM_COLS} FROM items i WHERE i.document_id = ? AND i.kind = ? "
            "AND i.status = 'active' AND NOT EXISTS (SELECT 1 FROM prompts p "
            "WHERE p.channel_ref = ? AND p.item_id = i.id AND p.cycle = ?) "
            "ORDER BY i.position, i.id LIMIT 1",
            (document_id, kind.value, channel_ref, cycle),
        )
        return (_item(row) if row else None), cycle

    async def restart_rotation(self, channel_ref: int, document_id: int, kind: Kind) -> int:
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO rotations (channel_ref, document_id, kind, cycle) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (channel_ref, document_id, kind) DO UPDATE SET cycle = rotations.cycle + 1",
                (channel_ref, document_id, kind.value),
            )
        return await self.rotation_cycle(channel_ref, document_id, kind)

    # -- prompts and threads ------------------------------------------------------------
    async def begin_prompt(
        self,
        *,
        club_id: int,
        channel_ref: int,
        document_id: int,
        item_id: int,
        cycle: int,
        posted_by: str | None,
        now: str,
        schedule_id: int | None = None,
    ) -> int:
        """Record a prompt before it is posted, so the item counts as used even after a crash."""
        return await self.db.execute(
            "INSERT INTO prompts (club_id, channel_ref, document_id, item_id, cycle, posted_by, "
            "posted_at, schedule_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (club_id, channel_ref, document_id, item_id, cycle, posted_by, now, schedule_id),
        )

    async def cancel_prompt(self, prompt_id: int) -> None:
        """Forget a prompt whose post failed, so its item is offered again."""
        await self.db.execute(
            "DELETE FROM prompts WHERE id = ? AND message_id IS NULL", (prompt_id,)
        )

    async def complete_prompt(
        self,
        *,
        prompt_id: int,
        club_id: int,
        message_id: str,
        thread_id: str | None,
        thread_channel_id: str,
        title: str,
        now: str,
    ) -> None:
        """Attach the posted message and its thread to a recorded prompt, atomically."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE prompts SET message_id = ? WHERE id = ?", (message_id, prompt_id)
            )
            if thread_id is not None:
                await conn.execute(
                    "INSERT INTO threads (club_id, prompt_id, platform_thread_id, "
                    "platform_channel_id, title, last_activity) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (club_id, platform_thread_id) DO NOTHING",
                    (club_id, prompt_id, thread_id, thread_channel_id, title, now),
                )

    async def record_thread_message(
        self, club_id: int, thread_id: str, message_id: str, user_id: str, now: str
    ) -> bool:
        """Count a reply in a tracked thread once (retried events are ignored)."""
        row = await self.db.fetchone(
            "SELECT id FROM threads WHERE club_id = ? AND platform_thread_id = ?",
            (club_id, thread_id),
        )
        if not row:
            return False
        tid = row[0]
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT 1 FROM thread_messages WHERE thread_id = ? AND user_id = ? LIMIT 1",
                (tid, user_id),
            )
            new_participant = (await cur.fetchone()) is None
            cur = await conn.execute(
                "INSERT INTO thread_messages (thread_id, message_id, user_id) VALUES (?, ?, ?) "
                "ON CONFLICT (thread_id, message_id) DO NOTHING",
                (tid, message_id, user_id),
            )
            if cur.rowcount == 0:
                return False
            await conn.execute(
                "UPDATE threads SET replies = replies + 1, participants = participants + ?, "
                "last_activity = ? WHERE id = ?",
                (1 if new_participant else 0, now, tid),
            )
        return True

    async def close_thread(self, club_id: int, thread_id: str, status: str = "closed") -> None:
        await self.db.execute(
            "UPDATE threads SET status = ? WHERE club_id = ? AND platform_thread_id = ?",
            (status, club_id, thread_id),
        )

    async def close_channel_threads(self, club_id: int, channel_id: str) -> int:
        """Mark every open thread of a deleted channel as deleted."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE threads SET status = 'deleted' WHERE club_id = ? AND status = 'open' AND "
                "(platform_channel_id = ? OR prompt_id IN (SELECT p.id FROM prompts p JOIN channels c "
                "ON c.id = p.channel_ref WHERE c.club_id = ? AND c.channel_id = ?))",
                (club_id, channel_id, club_id, channel_id),
            )
            return cur.rowcount

    async def recent_prompts(
        self, club_id: int, *, channel_ref: int | None = None, limit: int = 10
    ) -> list[PromptRecord]:
        sql = (
            "SELECT p.id, p.club_id, p.channel_ref, c.channel_id, p.document_id, p.item_id, "
            "i.kind, i.number, p.message_id, p.posted_by, p.posted_at, t.platform_thread_id, "
            "t.title, COALESCE(t.replies, 0), COALESCE(t.participants, 0), t.status "
            "FROM prompts p JOIN channels c ON c.id = p.channel_ref "
            "JOIN items i ON i.id = p.item_id LEFT JOIN threads t ON t.prompt_id = p.id "
            "WHERE p.club_id = ?"
        )
        params: list[Any] = [club_id]
        if channel_ref is not None:
            sql += " AND p.channel_ref = ?"
            params.append(channel_ref)
        sql += " ORDER BY p.id DESC LIMIT ?"
        params.append(limit)
        out = []
        for r in await self.db.fetchall(sql, params):
            kind = Kind(r[6])
            out.append(
                PromptRecord(
                    id=r[0],
                    club_id=r[1],
                    channel_ref=r[2],
                    channel_id=r[3],
                    document_id=r[4],
                    item_id=r[5],
                    item_short_id=short_id(kind, r[7]),
                    kind=kind,
                    message_id=r[8],
                    posted_by=r[9],
                    posted_at=r[10],
                    thread_id=r[11],
                    thread_title=r[12],
                    replies=r[13],
                    participants=r[14],
                    thread_status=r[15],
                )
            )
        return out

    async def document_stats(self, club_id: int) -> list[DocumentStats]:
        rows = await self.db.fetchall(
            f"SELECT {_DOC_COLS}, COUNT(p.id), COALESCE(SUM(t.replies), 0), "
            "(SELECT COUNT(DISTINCT tm.user_id) FROM thread_messages tm "
            " JOIN threads t2 ON t2.id = tm.thread_id JOIN prompts p2 ON p2.id = t2.prompt_id "
            " WHERE p2.document_id = d.id) "
            "FROM documents d LEFT JOIN prompts p ON p.document_id = d.id "
            "LEFT JOIN threads t ON t.prompt_id = p.id "
            "WHERE d.club_id = ? GROUP BY d.id ORDER BY d.number",
            (club_id,),
        )
        return [DocumentStats(_doc(r), r[8], r[9], r[10]) for r in rows]

    # -- settings -----------------------------------------------------------------------
    async def settings(self, club_id: int, scope: str = "") -> dict[str, Any]:
        rows = await self.db.fetchall(
            "SELECT key, value FROM settings WHERE club_id = ? AND scope = ?", (club_id, scope)
        )
        return {r[0]: json.loads(r[1]) for r in rows}
