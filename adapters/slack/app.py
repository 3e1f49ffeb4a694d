"""Build the slack-bolt app around the engine and run it in Socket Mode or HTTP mode."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.commands import SlackCommands
from adapters.slack.events import SlackEvents
from adapters.slack.home import SlackHome
from adapters.slack.oauth import INSTALL_PATH, REDIRECT_PATH, FilmclubOAuthFlow, build_oauth
from adapters.slack.people import Directory
from adapters.slack.platform import SlackPlatform, call, make_client
from adapters.slack.replay import ReplayGuard
from adapters.slack.strings import install_s
from adapters.slack.workspaces import Workspaces
from bot.engine import Engine
from bot.platform import PlatformError, RateLimited, TransientError
from bot.settings import SettingsError, SlackSettings

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


@dataclass
class SlackApp:
    """The bolt app and the pieces tests and the runner reach into."""

    bolt: AsyncApp
    client: AsyncWebClient
    platform: SlackPlatform
    commands: SlackCommands
    directory: Directory
    workspaces: Workspaces
    home: SlackHome
    oauth: FilmclubOAuthFlow | None = None


def check_settings(settings: SlackSettings) -> None:
    """Refuse a half-configured Slack, naming what is missing."""
    if settings.distribution:
        if not settings.client_secret or not settings.signing_secret:
            raise SettingsError(
                "Slack distribution mode needs SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET"
            )
        return
    if not settings.bot_token:
        raise SettingsError("Slack needs SLACK_BOT_TOKEN (xoxb-…)")
    if not settings.app_token and not settings.signing_secret:
        raise SettingsError(
            "Slack needs SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)"
        )


def build_app(
    engine: Engine, settings: SlackSettings, *, client: AsyncWebClient | None = None
) -> SlackApp:
    """The bolt ``AsyncApp`` with the /filmclub command, buttons, modals, events and Home tab.

    The platform is attached to ``engine``. HTTP mode verifies every request's signature. In
    distribution mode every request is served with its workspace's token from the database.
    """
    check_settings(settings)
    common: dict[str, Any] = {
        "signing_secret": settings.signing_secret or "",
        "process_before_response": False,
        # Our message listener skips the bot's own posts itself; bolt's filter would also hide
        # the deletion of a prompt (its previous_message is the bot's), which closes a thread.
        "ignoring_self_events_enabled": False,
        "logger": logging.getLogger("slack_bolt"),
    }
    flow: FilmclubOAuthFlow | None = None
    if settings.distribution:
        assert settings.client_id and settings.client_secret
        client = client or make_client(None, settings.api_url)
        flow, installations, _ = build_oauth(settings, engine.store.installations, client)
        bolt = AsyncApp(
            client=client,
            oauth_flow=flow,
            # What a person of a workspace without an installation is told.
            user_facing_authorize_error_message=install_s("not_installed"),
            **common,
        )
        workspaces = Workspaces(
            settings.api_url,
            store=engine.store.installations,
            installations=installations,
            client_id=settings.client_id,
            rotator=AsyncTokenRotator(
                client_id=settings.client_id, client_secret=settings.client_secret, client=client
            ),
        )
    else:
        client = client or make_client(settings.bot_token, settings.api_url)
        bolt = AsyncApp(
            client=client, request_verification_enabled=not settings.socket_mode, **common
        )
        workspaces = Workspaces.of(client)
    platform = SlackPlatform(workspaces)
    directory = Directory(workspaces)
    commands = SlackCommands(engine, directory, workspaces)
    commands.register(bolt)
    SlackEvents(engine).register(bolt)
    home = SlackHome(engine, directory, workspaces, commands)
    home.register(bolt)
    if flow is not None:
        register_uninstall(bolt, flow, workspaces, directory, home)
    engine.attach(platform)
    return SlackApp(bolt, client, platform, commands, directory, workspaces, home, flow)


def register_uninstall(
    bolt: AsyncApp,
    flow: FilmclubOAuthFlow,
    workspaces: Workspaces,
    directory: Directory,
    home: SlackHome,
) -> None:
    """``app_uninstalled`` and ``tokens_revoked`` delete the workspace's tokens at once.

    The club's data stays until the workspace reinstalls (it finds its club again) or the
    operator runs ``filmclub purge``.
    """
    installations = flow.settings.installation_store

    def forget(team_id: str) -> None:
        workspaces.forget(team_id)
        directory.forget_team(team_id)
        home.forget_team(team_id)

    async def uninstalled(context: Any) -> None:
        await installations.async_delete_all(
            enterprise_id=context.enterprise_id, team_id=context.team_id
        )
        forget(str(context.team_id or ""))
        log.info("uninstalled from workspace %s: its tokens are deleted", context.team_id)

    async def revoked(event: dict[str, Any], context: Any) -> None:
        tokens = event.get("tokens") or {}
        if tokens.get("bot"):
            # Installation rows carry the bot token too: drop them all.
            await installations.async_delete_all(
                enterprise_id=context.enterprise_id, team_id=context.team_id
            )
            forget(str(context.team_id or ""))
        else:
            for user_id in tokens.get("oauth") or []:
                await installations.async_delete_installation(
                    enterprise_id=context.enterprise_id, team_id=context.team_id, user_id=user_id
                )
        log.info("tokens revoked in workspace %s: deleted", context.team_id)

    bolt.event("app_uninstalled")(uninstalled)
    bolt.event("tokens_revoked")(revoked)


def build_web_app(
    app: AsyncApp, path: str = EVENTS_PATH, *, oauth: FilmclubOAuthFlow | None = None
) -> web.Application:
    """An aiohttp application serving bolt at ``path`` (commands, events, interactivity),
    and in distribution mode the install page and the OAuth redirect.

    Before bolt checks the signature, a malformed timestamp is refused (``401``, not a crash)
    and an exact replay of a request already served in the last five minutes gets ``401``."""
    guard = ReplayGuard()

    async def events(request: web.Request) -> web.Response:
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        if not guard.valid_timestamp(timestamp):
            return web.Response(status=401, text="invalid request timestamp")
        if not guard.claim(timestamp, signature):
            log.warning("refused a replayed Slack request (timestamp %s)", timestamp)
            return web.Response(status=401, text="replayed request")
        response = await app.async_dispatch(await to_bolt_request(request))
        if response.status == 401:
            guard.release(timestamp, signature)
        return await to_aiohttp_response(response)

    web_app = web.Application()
    web_app.router.add_post(path, events)
    if oauth is not None:
        flow = oauth

        async def install(request: web.Request) -> web.Response:
            return await to_aiohttp_response(
                await flow.handle_installation(await to_bolt_request(request))
            )

        async def redirect(request: web.Request) -> web.Response:
            return await to_aiohttp_response(
                await flow.handle_callback(await to_bolt_request(request))
            )

        web_app.router.add_get(INSTALL_PATH, install)
        web_app.router.add_get(REDIRECT_PATH, redirect)
    return web_app


async def verify_token(client: AsyncWebClient) -> str:
    """Check the bot token once at start-up; returns the bot's user id.

    Slack unreachable or failing (network, 5xx, rate limit) is retried with backoff; a token
    Slack refuses stops start-up with one line naming the variable.
    """
    from adapters.startup import with_retry

    async def attempt() -> Any:
        try:
            return await call(client.auth_test())
        except (TransientError, RateLimited):
            raise
        except PlatformError as exc:
            raise SettingsError(f"SLACK_BOT_TOKEN was refused by Slack: {exc}") from None

    response = await with_retry(attempt, what="slack", transient=(TransientError, RateLimited))
    return str(response.get("user_id") or "")


async def run_slack(engine: Engine, settings: SlackSettings) -> None:
    """Run until cancelled: Socket Mode when an app token is set, else an HTTP server.

    Distribution mode always serves HTTP (the install pages), and Socket Mode as well when an
    app token is set.
    """
    built = build_app(engine, settings)
    if not settings.distribution:
        await verify_token(built.client)
    handler = None
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        handler = AsyncSocketModeHandler(built.bolt, settings.app_token)
        await handler.connect_async()
        log.info("Slack connected in Socket Mode")
        _ready(engine, True)
        if not settings.distribution:
            try:
                await asyncio.Event().wait()
            finally:
                _ready(engine, False)
                await handler.close_async()
            return
    web_app = build_web_app(built.bolt, oauth=built.oauth)
    if engine.health is not None:
        from adapters.ops_http import add_to_aiohttp

        add_to_aiohttp(web_app, engine.health)
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, port=settings.http_port)
    await site.start()
    if settings.distribution:
        log.info(
            "Slack distribution mode: listening on port %s (install at %s, events at %s)",
            settings.http_port,
            INSTALL_PATH,
            EVENTS_PATH,
        )
    else:
        log.info("Slack HTTP mode: listening on port %s at %s", settings.http_port, EVENTS_PATH)
    _ready(engine, True)
    try:
        await asyncio.Event().wait()
    finally:
        _ready(engine, False)
        await runner.cleanup()
        if handler is not None:
            await handler.close_async()


def _ready(engine: Engine, ready: bool) -> None:
    """Tell the health endpoints (when served) whether Slack is connected."""
    from bot import metrics

    metrics.SLACK_WORKSPACES.set(1 if ready else 0)
    if engine.health is not None:
        engine.health.platform_ready("slack", ready)
