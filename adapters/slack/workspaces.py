"""The Web API client for each workspace: the one bot token, or that workspace's installation."""

from __future__ import annotations

import asyncio
import logging

from slack_sdk.oauth.installation_store import Bot
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.oauth import loads
from adapters.slack.platform import make_client
from adapters.slack.strings import install_s
from bot.platform import MissingPermission, current_workspace
from bot.store.installations import InstallationStore

log = logging.getLogger(__name__)

PLATFORM = "slack"


class Workspaces:
    """Hands out a client per workspace; in distribution mode tokens come from the database
    and are refreshed (token rotation) before they expire, also outside any request."""

    def __init__(
        self,
        api_url: str | None,
        *,
        client: AsyncWebClient | None = None,
        store: InstallationStore | None = None,
        installations: AsyncInstallationStore | None = None,
        client_id: str | None = None,
        rotator: AsyncTokenRotator | None = None,
        rotation_minutes: int = 120,
    ) -> None:
        self.api_url = api_url
        self.single = client
        self.store = store
        self.installations = installations
        self.client_id = client_id
        self.rotator = rotator
        self.rotation_minutes = rotation_minutes
        self._clients: dict[str, tuple[str, AsyncWebClient]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    @classmethod
    def of(cls, client: AsyncWebClient) -> Workspaces:
        """Single-workspace mode: every workspace id gets ``client``."""
        return cls(None, client=client)

    @property
    def distribution(self) -> bool:
        return self.single is None

    def __repr__(self) -> str:
        mode = "distribution" if self.distribution else "single"
        return f"Workspaces({mode}, {len(self._clients)} cached)"

    def forget(self, team_id: str) -> None:
        """Drop a workspace's cached client (uninstalled, tokens revoked)."""
        self._clients.pop(team_id, None)

    async def client_for(self, team_id: str | None = None) -> AsyncWebClient:
        """The client for ``team_id`` (default: the workspace the engine is acting for)."""
        if self.single is not None:
            return self.single
        team = team_id or current_workspace.get() or ""
        lock = self._locks.setdefault(team, asyncio.Lock())
        async with lock:  # one refresh at a time per workspace
            bot = await self._bot(team)
            if bot is None:
                self.forget(team)
                raise MissingPermission(install_s("not_installed"), "installation")
            cached = self._clients.get(team)
            if cached is not None and cached[0] == bot.bot_token:
                return cached[1]
            client = make_client(bot.bot_token, self.api_url)
            self._clients[team] = (bot.bot_token, client)
            return client

    async def _bot(self, team: str) -> Bot | None:
        assert self.store is not None and self.client_id is not None
        data = await self.store.find_team_bot(PLATFORM, self.client_id, team)
        if data is None:
            return None
        bot = Bot(**loads(data))
        if self.rotator is not None and bot.bot_refresh_token and self.installations:
            refreshed = await self.rotator.perform_bot_token_rotation(
                bot=bot, minutes_before_expiration=self.rotation_minutes
            )
            if refreshed is not None:
                await self.installations.async_save_bot(refreshed)
                log.info("refreshed the bot token of workspace %s", team)
                bot = refreshed
        return bot
