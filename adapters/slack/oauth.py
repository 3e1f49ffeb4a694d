"""Distribution mode: bolt's OAuth flow, installations and states kept in filmclub's database."""

from __future__ import annotations

import html
import json
import logging
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from logging import Logger
from typing import Any
from urllib.parse import urlsplit

from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.oauth.async_callback_options import (
    AsyncCallbackOptions,
    AsyncFailureArgs,
    AsyncSuccessArgs,
)
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import iso
from bot.i18n import t
from bot.settings import SlackSettings
from bot.store.installations import InstallationKey, InstallationStore

log = logging.getLogger(__name__)

PLATFORM = "slack"
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
# The bot scopes of adapters/slack/manifest.yml (a test keeps the two equal).
DEFAULT_SCOPES = (
    "commands",
    "chat:write",
    "channels:history",
    "groups:history",
    "channels:read",
    "groups:read",
    "users:read",
    "usergroups:read",
)
STATE_SECONDS = 600
Now = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _key(client_id: str, enterprise_id: str | None, team_id: str | None, org_wide: bool) -> Any:
    if org_wide or (enterprise_id is not None and team_id is None):
        team_id = None  # an org-wide install is found by its enterprise alone
    return InstallationKey(PLATFORM, client_id, enterprise_id or "", team_id or "")


def _dumps(data: dict[str, Any]) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.timestamp()
        raise TypeError(type(value).__name__)

    return json.dumps(data, default=plain)


def loads(data: str) -> dict[str, Any]:
    """Stored JSON back to constructor arguments (expiry times are whole seconds)."""
    values: dict[str, Any] = json.loads(data)
    for name in ("bot_token_expires_at", "user_token_expires_at"):
        if values.get(name) is not None:
            values[name] = int(values[name])
    return values


class DatabaseInstallationStore(AsyncInstallationStore):
    """bolt's installation store over ``bot.store``: one bot per workspace, one row per installer.

    Nothing here logs a token; ``repr`` shows only the client id.
    """

    def __init__(self, store: InstallationStore, client_id: str, *, now: Now = _utcnow) -> None:
        self.store = store
        self.client_id = client_id
        self.now = now
        self._logger = logging.getLogger(__name__ + ".installations")

    def __repr__(self) -> str:
        return f"DatabaseInstallationStore(client_id={self.client_id!r})"

    @property
    def logger(self) -> Logger:
        return self._logger

    def _key_of(self, item: Installation | Bot) -> Any:
        return _key(self.client_id, item.enterprise_id, item.team_id, item.is_enterprise_install)

    async def async_save(self, installation: Installation) -> None:
        key = self._key_of(installation)
        now = iso(self.now())
        data = _dumps(installation.to_dict_for_copying())
        await self.store.save_installation(key, installation.user_id or "", data, now)
        if installation.bot_token:
            await self.async_save_bot(installation.to_bot())
        log.info(
            "saved the installation of workspace %s", installation.team_id or key.enterprise_id
        )

    async def async_save_bot(self, bot: Bot) -> None:
        await self.store.save_bot(
            self._key_of(bot), _dumps(bot.to_dict_for_copying()), iso(self.now())
        )

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        key = _key(self.client_id, enterprise_id, team_id, bool(is_enterprise_install))
        data = await self.store.find_bot(key)
        return Bot(**loads(data)) if data else None

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        key = _key(self.client_id, enterprise_id, team_id, bool(is_enterprise_install))
        data = await self.store.find_installation(key, user_id)
        if data is None:
            return None
        installation = Installation(**loads(data))
        if user_id is not None:
            # The workspace's bot token may have been rotated since this user installed.
            bot = await self.store.find_bot(key)
            if bot is not None:
                fresh = loads(bot)
                for name in ("bot_token", "bot_refresh_token", "bot_token_expires_at"):
                    setattr(installation, name, fresh.get(name))
        return installation

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.store.delete_bot(_key(self.client_id, enterprise_id, team_id, False))

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        await self.store.delete_installation(
            _key(self.client_id, enterprise_id, team_id, False), user_id
        )

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.store.delete_all(_key(self.client_id, enterprise_id, team_id, False))
        log.info("deleted every token of workspace %s", team_id or enterprise_id)


class DatabaseStateStore(AsyncOAuthStateStore):
    """One-time OAuth states in the database: issued by the install page, consumed once."""

    def __init__(
        self,
        store: InstallationStore,
        *,
        expiration_seconds: int = STATE_SECONDS,
        now: Now = _utcnow,
    ) -> None:
        self.store = store
        self.expiration_seconds = expiration_seconds
        self.now = now
        self._logger = logging.getLogger(__name__ + ".states")

    @property
    def logger(self) -> Logger:
        return self._logger

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        state = secrets.token_urlsafe(24)
        now = self.now()
        expires = now + timedelta(seconds=self.expiration_seconds)
        await self.store.issue_state(state, iso(expires), iso(now))
        return state

    async def async_consume(self, state: str) -> bool:
        if not state:
            return False
        return await self.store.consume_state(state, iso(self.now()))


# -- pages ------------------------------------------------------------------------------
def page(title: str, body: str, *, status: int = 200, headers: dict[str, Any] | None = None) -> Any:
    """A small self-contained HTML page (every piece of text already escaped by the caller)."""
    document = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em;"
        "line-height:1.5}a.button{display:inline-block;padding:.6em 1.2em;background:#4a154b;"
        "color:#fff;border-radius:6px;text-decoration:none}</style></head>"
        f"<body>{body}</body></html>"
    )
    return BoltResponse(
        status=status,
        body=document,
        headers={"Content-Type": "text/html; charset=utf-8", **(headers or {})},
    )


def _p(key: str, **values: Any) -> str:
    return f"<p>{html.escape(t(f'slack_install.{key}', **values))}</p>"


def install_page_html(url: str) -> str:
    return (
        f"<h1>{html.escape(t('slack_install.add_heading'))}</h1>"
        + _p("add_intro")
        + f"<p><a class='button' href='{html.escape(url, quote=True)}'>"
        f"{html.escape(t('slack_install.add_button'))}</a></p>"
    )


FAILURES = {
    "access_denied": "failure_access_denied",
    "invalid_browser": "failure_state",
    "invalid_state": "failure_state",
    "missing_code": "failure_code",
    "invalid_code": "failure_code",
    "storage_error": "failure_storage",
}


async def on_success(args: AsyncSuccessArgs) -> BoltResponse:
    installation = args.installation
    workspace = installation.team_name or installation.enterprise_name or installation.team_id
    workspace = str(workspace or "")
    steps = "".join(
        f"<li>{html.escape(t(f'slack_install.success_step_{step}'))}</li>"
        for step in ("invite", "load", "home", "help")
    )
    team = installation.team_id or ""
    link = f"slack://app?team={team}&id={installation.app_id or ''}"
    body = (
        f"<h1>{html.escape(t('slack_install.success_heading', workspace=workspace))}</h1>"
        + _p("success_intro", workspace=workspace)
        + f"<ol>{steps}</ol>"
        + f"<p><a class='button' href='{html.escape(link, quote=True)}'>"
        f"{html.escape(t('slack_install.success_open'))}</a></p>"
    )
    log.info("installed in workspace %s", team or installation.enterprise_id)
    return page(t("slack_install.page_title"), body)


async def on_failure(args: AsyncFailureArgs) -> BoltResponse:
    reason = str(args.reason or "unknown")
    key = FAILURES.get(reason)
    text = _p(key) if key else _p("failure_other", reason=reason)
    body = (
        f"<h1>{html.escape(t('slack_install.failure_heading'))}</h1>"
        + text
        + f"<p><a href='{html.escape(args.settings.install_path, quote=True)}'>"
        f"{html.escape(t('slack_install.failure_retry'))}</a></p>"
    )
    log.info("installation refused: %s", reason)
    status = args.suggested_status_code if reason != "access_denied" else 200
    return page(t("slack_install.page_title"), body, status=status)


class FilmclubOAuthFlow(AsyncOAuthFlow):
    """bolt's flow with filmclub's own install page."""

    async def build_install_page_html(self, url: str, request: AsyncBoltRequest) -> str:
        return str(page(t("slack_install.page_title"), install_page_html(url)).body)


def authorization_url(api_url: str | None) -> str:
    """Where the browser is sent to approve: the same Slack as ``SLACK_API_URL``."""
    if not api_url:
        return "https://slack.com/oauth/v2/authorize"
    parts = urlsplit(api_url)
    return f"{parts.scheme}://{parts.netloc}/oauth/v2/authorize"


def build_oauth(
    settings: SlackSettings, store: InstallationStore, client: AsyncWebClient
) -> tuple[FilmclubOAuthFlow, DatabaseInstallationStore, AsyncInstallationStoreAuthorize]:
    """The flow, its installation store and the authorize step that rotates tokens.

    ``client`` points at ``SLACK_API_URL``: oauth.v2.access, auth.test and token refreshes
    all go there.
    """
    assert settings.client_id and settings.client_secret
    installations = DatabaseInstallationStore(store, settings.client_id)
    oauth_settings = AsyncOAuthSettings(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scopes=list(settings.scopes or DEFAULT_SCOPES),
        user_scopes=[],
        redirect_uri=settings.redirect_uri,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        callback_options=AsyncCallbackOptions(success=on_success, failure=on_failure),
        authorization_url=authorization_url(settings.api_url),
        installation_store=installations,
        state_store=DatabaseStateStore(store),
        state_expiration_seconds=STATE_SECONDS,
    )
    authorize = AsyncInstallationStoreAuthorize(
        installation_store=installations,
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        token_rotation_expiration_minutes=oauth_settings.token_rotation_expiration_minutes,
        client=client,
        cache_enabled=True,  # one auth.test per token, not per request
        logger=logging.getLogger("slack_bolt"),
    )
    oauth_settings.authorize = authorize
    flow = FilmclubOAuthFlow(client=client, settings=oauth_settings)
    return flow, installations, authorize
