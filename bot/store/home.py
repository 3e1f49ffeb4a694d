"""SQL behind a club's overview (a Home tab): active documents with items left, own suggestions."""

from __future__ import annotations

from dataclasses import dataclass

from bot.models import Kind
from bot.store.db import Database
from bot.store.discussion import _DOC_COLS, _doc
from bot.store.moderation import _SUGGESTION_COLS, Suggestion
from bot.store.records import Document


@dataclass(frozen=True)
class ActiveChannel:
    """A channel with an active document and how many active items of each kind are unposted."""

    channel_ref: int
    channel_id: str
    name: str | None
    document: Document
    left: dict[Kind, int]


class HomeStore:
    """Read-only queries for the overview, scoped by club and bounded by ``limit``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def active_channels(self, club_id: int, limit: int) -> tuple[list[ActiveChannel], int]:
        """Up to ``limit`` channels with an active document, and how many there are in all."""
        total = await self.db.fetchone(
            "SELECT COUNT(*) FROM channels WHERE club_id = ? AND active_document_id IS NOT NULL",
            (club_id,),
        )
        rows = await self.db.fetchall(
            f"SELECT ch.id, ch.channel_id, ch.name, {_DOC_COLS} FROM channels ch "
            "JOIN documents d ON d.id = ch.active_document_id "
            "WHERE ch.club_id = ? ORDER BY ch.id LIMIT ?",
            (club_id, limit),
        )
        out = []
        for r in rows:
            doc = _doc(r[3:])
            counts = await self.db.fetchall(
                "SELECT i.kind, COUNT(*) FROM items i WHERE i.document_id = ? "
                "AND i.status = 'active' AND NOT EXISTS (SELECT 1 FROM prompts p "
                "WHERE p.channel_ref = ? AND p.item_id = i.id AND p.cycle = COALESCE("
                "(SELECT r.cycle FROM rotations r WHERE r.channel_ref = ? "
                "AND r.document_id = ? AND r.kind = i.kind), 0)) GROUP BY i.kind",
                (doc.id, r[0], r[0], doc.id),
            )
            left = {kind: 0 for kind in Kind}
            for kind, count in counts:
                left[Kind(kind)] = int(count)
            out.append(ActiveChannel(r[0], r[1], r[2], doc, left))
        return out, int(total[0]) if total else 0

    async def suggestions_by(
        self, club_id: int, user_id: str, limit: int
    ) -> tuple[list[Suggestion], int]:
        """A member's latest suggestions (newest first), and how many they made in all."""
        total = await self.db.fetchone(
            "SELECT COUNT(*) FROM suggestions WHERE club_id = ? AND suggested_by = ?",
            (club_id, user_id),
        )
        rows = await self.db.fetchall(
            f"SELECT {_SUGGESTION_COLS} FROM suggestions WHERE club_id = ? AND suggested_by = ? "
            "ORDER BY number DESC LIMIT ?",
            (club_id, user_id, limit),
        )
        return [Suggestion(*r) for r in rows], int(total[0]) if total else 0

    async def prompt_count(self, club_id: int) -> int:
        row = await self.db.fetchone("SELECT COUNT(*) FROM prompts WHERE club_id = ?", (club_id,))
        return int(row[0]) if row else 0
