"""SQL for app installations (per workspace and per installing user) and one-time OAuth states.

The store keeps each installation as opaque JSON text chosen by the adapter; it never logs it.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.store.db import Database


@dataclass(frozen=True)
class InstallationKey:
    """Which app installation: the app's client id and the org/workspace ('' when none)."""

    platform: str
    client_id: str
    enterprise_id: str = ""
    team_id: str = ""


@dataclass(frozen=True)
class InstalledTeam:
    """A workspace that has the app installed (no secrets)."""

    platform: str
    enterprise_id: str
    team_id: str
    installed_at: str


_KEY_WHERE = "platform = ? AND client_id = ? AND enterprise_id = ? AND team_id = ?"


def _key(key: InstallationKey) -> tuple[str, str, str, str]:
    return (key.platform, key.client_id, key.enterprise_id, key.team_id)


class InstallationStore:
    """Installations, bots and OAuth states; every statement parameterized and portable."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- installations (one per installing user) -------------------------------------------
    async def save_installation(
        self, key: InstallationKey, user_id: str, data: str, now: str
    ) -> None:
        await self.db.execute(
            "INSERT INTO installations "
            "(platform, client_id, enterprise_id, team_id, user_id, data, installed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (platform, client_id, enterprise_id, team_id, user_id) "
            "DO UPDATE SET data = excluded.data, installed_at = excluded.installed_at",
            (*_key(key), user_id, data, now),
        )

    async def find_installation(self, key: InstallationKey, user_id: str | None) -> str | None:
        """The installing user's installation, or the workspace's latest one."""
        sql = f"SELECT data FROM installations WHERE {_KEY_WHERE}"
        params: list[str] = list(_key(key))
        if user_id is not None:
            sql += " AND user_id = ?"
            params.append(user_id)
        row = await self.db.fetchone(sql + " ORDER BY installed_at DESC, id DESC LIMIT 1", params)
        return str(row[0]) if row else None

    async def delete_installation(self, key: InstallationKey, user_id: str | None) -> None:
        sql = f"DELETE FROM installations WHERE {_KEY_WHERE}"
        params: list[str] = list(_key(key))
        if user_id is not None:
            sql += " AND user_id = ?"
            params.append(user_id)
        await self.db.execute(sql, params)

    # -- bots (one per workspace) ----------------------------------------------------------
    async def save_bot(self, key: InstallationKey, data: str, now: str) -> None:
        await self.db.execute(
            "INSERT INTO installation_bots "
            "(platform, client_id, enterprise_id, team_id, data, installed_at) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (platform, client_id, enterprise_id, team_id) "
            "DO UPDATE SET data = excluded.data, installed_at = excluded.installed_at",
            (*_key(key), data, now),
        )

    async def find_bot(self, key: InstallationKey) -> str | None:
        row = await self.db.fetchone(
            f"SELECT data FROM installation_bots WHERE {_KEY_WHERE}", _key(key)
        )
        return str(row[0]) if row else None

    async def find_team_bot(self, platform: str, client_id: str, team_id: str) -> str | None:
        """A workspace's bot, whatever its org (the engine knows clubs by workspace id only)."""
        row = await self.db.fetchone(
            "SELECT data FROM installation_bots WHERE platform = ? AND client_id = ? "
            "AND team_id = ? ORDER BY installed_at DESC, id DESC LIMIT 1",
            (platform, client_id, team_id),
        )
        return str(row[0]) if row else None

    async def delete_bot(self, key: InstallationKey) -> None:
        await self.db.execute(f"DELETE FROM installation_bots WHERE {_KEY_WHERE}", _key(key))

    async def delete_all(self, key: InstallationKey) -> None:
        """Forget every token of a workspace at once (uninstalled, tokens revoked)."""
        async with self.db.transaction() as conn:
            await conn.execute(f"DELETE FROM installation_bots WHERE {_KEY_WHERE}", _key(key))
            await conn.execute(f"DELETE FROM installations WHERE {_KEY_WHERE}", _key(key))

    async def installed_teams(self, platform: str) -> list[InstalledTeam]:
        rows = await self.db.fetchall(
            "SELECT platform, enterprise_id, team_id, installed_at FROM installation_bots "
            "WHERE platform = ? ORDER BY installed_at",
            (platform,),
        )
        return [InstalledTeam(*r) for r in rows]

    async def delete_workspace(self, platform: str, team_id: str) -> int:
        """Every installation of a workspace, for any app (``filmclub purge``); returns rows."""
        async with self.db.transaction() as conn:
            a = await conn.execute(
                "DELETE FROM installation_bots WHERE platform = ? AND team_id = ?",
                (platform, team_id),
            )
            b = await conn.execute(
                "DELETE FROM installations WHERE platform = ? AND team_id = ?",
                (platform, team_id),
            )
            return (a.rowcount or 0) + (b.rowcount or 0)

    # -- OAuth states ------------------------------------------------------------------------
    async def issue_state(self, state: str, expires_at: str, now: str) -> None:
        """Remember a state the bot handed out (and drop the expired ones)."""
        async with self.db.transaction() as conn:
            await conn.execute("DELETE FROM oauth_states WHERE expires_at < ?", (now,))
            await conn.execute(
                "INSERT INTO oauth_states (state, expires_at) VALUES (?, ?)", (state, expires_at)
            )

    async def consume_state(self, state: str, now: str) -> bool:
        """True once for a state the bot issued and that has not expired; it is then gone."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "DELETE FROM oauth_states WHERE state = ? RETURNING expires_at", (state,)
            )
            row = await cur.fetchone()
        return row is not None and str(row[0]) >= now
