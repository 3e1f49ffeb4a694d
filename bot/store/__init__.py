"""The storage layer: all SQL of filmclub lives in this package."""

from __future__ import annotations

from bot.store.clubs import ClubStore
from bot.store.db import Database
from bot.store.discussion import DiscussionStore
from bot.store.home import HomeStore
from bot.store.installations import InstallationStore
from bot.store.moderation import ModerationStore
from bot.store.schedules import ScheduleStore
from bot.store.screenings import ScreeningStore


class Store:
    """The database and the query groups that use it (composition, one connection)."""

    def __init__(self, target: str, *, pool_size: int = 10) -> None:
        # target: a SQLite file path, a sqlite:/// URL or a postgresql:// URL.
        self.db = Database(target, pool_size=pool_size)
        self.discussion = DiscussionStore(self.db)
        self.schedules = ScheduleStore(self.db)
        self.moderation = ModerationStore(self.db)
        self.screenings = ScreeningStore(self.db, leases=self.schedules)
        self.home = HomeStore(self.db)
        self.installations = InstallationStore(self.db)
        self.clubs = ClubStore(self.db)

    async def open(self) -> Store:
        await self.db.open()
        return self

    async def close(self) -> None:
        await self.db.close()


async def open_store(target: str, *, pool_size: int = 10) -> Store:
    """Open (creating and migrating as needed) the database at ``target`` (a path or URL)."""
    return await Store(target, pool_size=pool_size).open()


__all__ = ["Store", "open_store"]
