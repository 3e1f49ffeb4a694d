"""SQL for the operator's view of clubs: list them, and purge one with everything it holds."""

from __future__ import annotations

from dataclasses import dataclass

from bot.store.db import Database


@dataclass(frozen=True)
class ClubSummary:
    """A club and how much it holds."""

    id: int
    platform: str
    workspace_id: str
    name: str | None
    documents: int
    prompts: int


class ClubStore:
    """Listing and purging clubs (data deleted through the schema's ``ON DELETE CASCADE``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def list(self) -> list[ClubSummary]:
        rows = await self.db.fetchall(
            "SELECT c.id, c.platform, c.workspace_id, c.name, "
            "(SELECT COUNT(*) FROM documents d WHERE d.club_id = c.id), "
            "(SELECT COUNT(*) FROM prompts p WHERE p.club_id = c.id) "
            "FROM clubs c ORDER BY c.platform, c.workspace_id"
        )
        return [ClubSummary(*r) for r in rows]

    async def find(self, platform: str, workspace_id: str) -> ClubSummary | None:
        for club in await self.list():
            if club.platform == platform and club.workspace_id == workspace_id:
                return club
        return None

    async def purge(self, club_id: int) -> bool:
        """Delete a club and all its documents, prompts, schedules, settings and suggestions."""
        async with self.db.transaction() as conn:
            cur = await conn.execute("DELETE FROM clubs WHERE id = ?", (club_id,))
            return (cur.rowcount or 0) > 0
