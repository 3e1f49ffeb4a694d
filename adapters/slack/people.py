"""Who a Slack user is to the core: admin/owner from users.info, user groups; both cached."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from adapters.slack.platform import call
from bot.engine import Actor
from bot.platform import MissingPermission, PlatformError

log = logging.getLogger(__name__)


class Directory:
    """Looks users up through the Web API and remembers them for ``ttl`` seconds."""

    def __init__(
        self,
        workspaces: Any,
        *,
        ttl: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.workspaces = workspaces  # adapters.slack.workspaces.Workspaces
        self.ttl = ttl
        self.clock = clock
        self._users: dict[tuple[str, str], tuple[float, dict[str, Any]]] = {}
        self._groups: dict[str, tuple[float, dict[str, tuple[str, ...]]]] = {}
        self._groups_unavailable: set[str] = set()  # workspaces without usergroups:read

    def forget(self) -> None:
        self._users.clear()
        self._groups.clear()
        self._groups_unavailable.clear()

    def forget_team(self, team_id: str) -> None:
        """Forget what is known of one workspace (it was uninstalled)."""
        for key in [k for k in self._users if k[0] == team_id]:
            del self._users[key]
        self._groups.pop(team_id, None)
        self._groups_unavailable.discard(team_id)

    async def user(self, team_id: str, user_id: str) -> dict[str, Any]:
        key = (team_id, user_id)
        hit = self._users.get(key)
        if hit and self.clock() - hit[0] < self.ttl:
            return hit[1]
        try:
            client = await self.workspaces.client_for(team_id)
            response = await call(client.users_info(user=user_id))
            data = dict(response.get("user") or {})
        except PlatformError as exc:
            log.warning("users.info for %s failed: %s", user_id, exc)
            return {}
        self._users[key] = (self.clock(), data)
        return data

    async def groups_of(self, team_id: str, user_id: str) -> tuple[str, ...]:
        """The user groups ``user_id`` belongs to (empty without the usergroups:read scope)."""
        if team_id in self._groups_unavailable:
            return ()
        hit = self._groups.get(team_id)
        if hit is None or self.clock() - hit[0] >= self.ttl:
            try:
                client = await self.workspaces.client_for(team_id)
                response = await call(client.usergroups_list(include_users=True))
            except MissingPermission as exc:
                log.warning("user groups unavailable (%s); moderators by group won't work", exc)
                self._groups_unavailable.add(team_id)
                return ()
            except PlatformError as exc:
                log.warning("usergroups.list failed: %s", exc)
                return ()
            members: dict[str, list[str]] = {}
            for group in response.get("usergroups") or []:
                for member in group.get("users") or []:
                    members.setdefault(member, []).append(str(group.get("id")))
            hit = (self.clock(), {k: tuple(v) for k, v in members.items()})
            self._groups[team_id] = hit
        return hit[1].get(user_id, ())

    async def actor(self, team_id: str, user_id: str, name: str | None = None) -> Actor:
        """The core's Actor: ``is_admin`` for workspace admins and owners."""
        data = await self.user(team_id, user_id)
        profile = data.get("profile") or {}
        display = (
            profile.get("display_name") or profile.get("real_name") or data.get("name") or name
        )
        is_admin = bool(
            data.get("is_admin") or data.get("is_owner") or data.get("is_primary_owner")
        )
        groups = await self.groups_of(team_id, user_id)
        return Actor(
            user_id=user_id, name=str(display or user_id), is_admin=is_admin, group_ids=groups
        )
