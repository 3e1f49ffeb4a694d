"""SQL behind a club's overview (a Home tab): active documents with items left, own suggestions."""

from __future__ import annotations

from dataclasses import dataclass

from bot.models import Kind
from bot.store.db import Database
from bot.store.discussion import _DOC_COLS, _doc
from bot.store.moderation import _SUGGESTION_COLS, Suggestion
from bot.store.records import Document
from bot.store.schedules import _RUN_COLS, ScheduleRun, _run


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
        refs = [int(r[0]) for r in rows]
        left: dict[int, dict[Kind, int]] = {ref: {kind: 0 for kind in Kind} for ref in refs}
        if refs:
            marks = ", ".join("?" for _ in refs)
            counts = await self.db.fetchall(
                "SELECT ch.id, i.kind, COUNT(*) FROM channels ch "
                "JOIN items i ON i.document_id = ch.active_document_id "
                f"WHERE ch.id IN ({marks}) AND i.status = 'active' AND NOT EXISTS ("
                "SELECT 1 FROM prompts p WHERE p.channel_ref = ch.id AND p.item_id = i.id "
                "AND p.cycle = COALESCE((SELECT r.cycle FROM rotations r WHERE "
                "r.channel_ref = ch.id AND r.document_id = i.document_id AND r.kind = i.kind), 0)) "
                "GROUP BY ch.id, i.kind",
                refs,
            )
            for ref, kind, count in counts:
                left[int(ref)][Kind(kind)] = int(count)
        out = [ActiveChannel(r[0], r[1], r[2], _doc(r[3:]), left[int(r[0])]) for r in rows]
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

    async def pending_suggestions(self, club_id: int, limit: int) -> tuple[list[Suggestion], int]:
        """The oldest ``limit`` suggestions waiting for a decision, and how many wait in all."""
        total = await self.db.fetchone(
            "SELECT COUNT(*) FROM suggestions WHERE club_id = ? AND status = 'pending'",
            (club_id,),
        )
        rows = await self.db.fetchall(
            f"SELECT {_SUGGESTION_COLS} FROM suggestions WHERE club_id = ? AND status = 'pending' "
            "ORDER BY number LIMIT ?",
            (club_id, limit),
        )
        return [Suggestion(*r) for r in rows], int(total[0]) if total else 0

    async def last_runs(self, schedule_ids: list[int]) -> dict[int, ScheduleRun]:
        """The latest run of each schedule, in one query."""
        if not schedule_ids:
            return {}
        marks = ", ".join("?" for _ in schedule_ids)
        rows = await self.db.fetchall(
            f"SELECT {_RUN_COLS}, i.kind, i.number, r.attempted_at FROM schedule_runs r "
            "LEFT JOIN prompts p ON p.id = r.prompt_id LEFT JOIN items i ON i.id = p.item_id "
            f"WHERE r.schedule_id IN ({marks}) AND r.slot = (SELECT MAX(r2.slot) "
            "FROM schedule_runs r2 WHERE r2.schedule_id = r.schedule_id)",
            list(schedule_ids),
        )
        return {int(r[0]): _run(r) for r in rows}

    async def prompt_count(self, club_id: int) -> int:
        row = await self.db.fetchone("SELECT COUNT(*) FROM prompts WHERE club_id = ?", (club_id,))
        return int(row[0]) if row else 0
