"""Distribution mode through the real bolt app and its OAuth pages, against the fake Web API."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.logs import RedactSecrets
from adapters.slack.app import build_app, build_web_app
from adapters.slack.oauth import DEFAULT_SCOPES
from bot.engine import Engine
from bot.models import Kind
from bot.store.installations import InstallationKey
from tests.slack.conftest import SlackHarness
from tests.slack.distribution import (
    distribution_settings,
    finish_install,
    install,
    start_install,
    team_command,
    team_event,
)
from tests.slack.fake_slack import FakeSlackApi

pytestmark = pytest.mark.backends  # installations and the Home read the store


@pytest.fixture
async def shared(engine: Engine, slack_api: FakeSlackApi) -> AsyncIterator[SlackHarness]:
    """The bot in distribution mode; no workspace has installed it yet."""
    app = build_app(engine, distribution_settings(slack_api))
    http = TestClient(TestServer(build_web_app(app.bolt, oauth=app.oauth)))
    await http.start_server()
    yield SlackHarness(slack_api, engine, app, http)
    await http.close()


async def bots(engine: Engine) -> list[str]:
    return [team.team_id for team in await engine.store.installations.installed_teams("slack")]


def users_info_tokens(api: FakeSlackApi) -> dict[str, set[str]]:
    """Which tokens looked users up, per workspace the token belongs to."""
    seen: dict[str, set[str]] = {}
    for call in api.calls_to("users.info"):
        seen.setdefault(api.team_of(call) or "?", set()).add(api.token_of(call) or "")
    return seen


async def test_two_workspaces_install_and_each_is_served_with_its_own_token(shared):
    film = await install(shared, "T1", "Film")
    cinema = await install(shared, "T2", "Cinéma & Co")
    assert "filmclub is installed in Film" in film
    assert "installed in Cinéma &amp; Co" in cinema  # the name is escaped in the page
    assert "/invite @filmclub" in film and "/filmclub load" in film
    assert await bots(shared.engine) == ["T1", "T2"]

    one = await team_command(shared, "T1", "docs")
    two = await team_command(shared, "T2", "docs")
    assert "No documents" in one["text"] or one["text"]
    assert two["text"]
    tokens = users_info_tokens(shared.api)
    assert tokens["T1"] == {"xoxb-T1-1"} and tokens["T2"] == {"xoxb-T2-2"}
    clubs = await shared.engine.store.clubs.list()
    assert sorted(c.workspace_id for c in clubs) == ["T1", "T2"]  # each workspace its own club


async def test_a_command_is_answered_with_its_workspace_token_when_it_posts(shared):
    await install(shared, "T1", "Film")
    await install(shared, "T2", "Cinema")
    await team_command(shared, "T2", "config set log_channel C9")
    for call in shared.api.calls_to("conversations.info"):
        assert shared.api.token_of(call) == "xoxb-T2-2"
    assert shared.api.calls_to("conversations.info")


async def test_uninstall_stops_one_workspace_and_not_the_other(shared):
    await install(shared, "T1", "Film")
    await install(shared, "T2", "Cinema")
    await team_command(shared, "T1", "docs")
    await team_command(shared, "T2", "docs")
    shared.api.revoke_team("T1")
    assert await team_event(shared, "T1", {"type": "app_uninstalled"}) == 200
    assert await bots(shared.engine) == ["T2"]
    key = InstallationKey("slack", shared.api.client_id, "", "T1")
    assert await shared.engine.store.installations.find_installation(key, None) is None

    before = len(shared.api.calls)
    await team_command(shared, "T1", "docs")
    assert "not installed in this workspace" in shared.api.responses[-1]["text"]
    assert all(shared.api.team_of(c) != "T1" for c in shared.api.calls[before:])
    answered = len(shared.api.responses)
    still = await team_command(shared, "T2", "docs")
    assert "install" not in still["text"].lower() and len(shared.api.responses) == answered
    # The club of the uninstalled workspace is kept until it reinstalls or is purged.
    clubs = await shared.engine.store.clubs.list()
    assert sorted(c.workspace_id for c in clubs) == ["T1", "T2"]


async def test_tokens_revoked_deletes_the_workspace_tokens_at_once(shared):
    await install(shared, "T1", "Film")
    await install(shared, "T2", "Cinema")
    shared.api.revoke_team("T2")  # Slack has revoked them before it tells the app
    event = {"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}}
    assert await team_event(shared, "T2", event) == 200
    assert await bots(shared.engine) == ["T1"]


async def test_reinstalling_finds_the_same_club(shared):
    await install(shared, "T1", "Film")
    await team_command(shared, "T1", "docs")
    [club] = await shared.engine.store.clubs.list()
    await team_event(shared, "T1", {"type": "app_uninstalled"})
    await install(shared, "T1", "Film")
    await team_command(shared, "T1", "docs")
    assert [c.id for c in await shared.engine.store.clubs.list()] == [club.id]


async def test_a_forged_state_is_refused_and_nothing_is_stored(shared):
    shared.api.add_team("T1", "Film", "code-T1")
    status, page = await finish_install(shared.http, state="made-up", code="code-T1")
    assert status in (400, 401)
    assert "not issued by this bot" in page and "Nothing was stored" in page
    assert shared.api.calls_to("oauth.v2.access") == []
    assert await bots(shared.engine) == []


async def test_a_state_from_another_browser_is_refused(shared):
    shared.api.add_team("T1", "Film", "code-T1")
    _, _, state = await start_install(shared.http)
    status, page = await finish_install(shared.http, state=state, cookie="other", code="code-T1")
    assert status == 400 and "Nothing was stored" in page
    assert await bots(shared.engine) == []


async def test_a_state_works_once(shared):
    shared.api.add_team("T1", "Film", "code-T1")
    _, _, state = await start_install(shared.http)
    status, _ = await finish_install(shared.http, state=state, code="code-T1")
    assert status == 200
    shared.api.add_team("T2", "Cinema", "code-T2")
    status, page = await finish_install(shared.http, state=state, code="code-T2")
    assert status == 401 and "already used" in page
    assert await bots(shared.engine) == ["T1"]
    assert len(shared.api.calls_to("oauth.v2.access")) == 1


async def test_a_denied_install_shows_a_clear_page_and_stores_nothing(shared):
    _, _, state = await start_install(shared.http)
    status, page = await finish_install(shared.http, state=state, error="access_denied")
    assert status == 200
    assert "cancelled" in page and "Nothing was stored" in page
    assert await bots(shared.engine) == []


async def test_the_install_link_asks_for_the_manifest_scopes_at_the_configured_slack(shared):
    page, url, state = await start_install(shared.http)
    assert url.startswith(shared.api.url + "/oauth/v2/authorize?")
    assert "scope=" + ",".join(DEFAULT_SCOPES) + "&" in url
    assert "client_id=111.222" in url and state in url
    assert "Add to Slack" in page


async def test_slack_scopes_overrides_the_scopes(engine, slack_api):
    settings = distribution_settings(slack_api, scopes=("commands", "chat:write"))
    app = build_app(engine, settings)
    http = TestClient(TestServer(build_web_app(app.bolt, oauth=app.oauth)))
    await http.start_server()
    try:
        _, url, _ = await start_install(http)
    finally:
        await http.close()
    assert "scope=commands,chat:write&" in url


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
async def test_tokens_are_never_logged(shared, caplog, level):
    """At INFO nothing logs a token; at DEBUG the libraries do, and the bot's filter (the
    one ``filmclub run`` installs on its log handler) redacts them."""
    caplog.set_level(level)
    if level == "DEBUG":
        caplog.handler.addFilter(RedactSecrets())
    shared.api.rotation = True
    await install(shared, "T1", "Film")
    await team_command(shared, "T1", "docs")
    await team_event(shared, "T1", {"type": "app_uninstalled"})
    assert "installed in workspace T1" in caplog.text
    assert "xoxb-" not in caplog.text and "xoxe-" not in caplog.text
    assert shared.api.client_secret not in caplog.text


async def test_rotating_tokens_are_refreshed_before_they_expire(shared):
    shared.api.rotation = True
    shared.api.expires_in = 60  # already inside bolt's refresh window
    await install(shared, "T1", "Film")
    await team_command(shared, "T1", "docs")
    refreshes = [c for c in shared.api.calls_to("oauth.v2.access") if c.params.get("grant_type")]
    assert [c.params["refresh_token"] for c in refreshes] == ["xoxe-1-T1-1"]
    assert users_info_tokens(shared.api)["T1"] == {"xoxb-T1-2"}
    stored = await shared.engine.store.installations.find_team_bot(
        "slack", shared.api.client_id, "T1"
    )
    assert stored is not None and "xoxb-T1-2" in stored


async def test_scheduled_posts_outside_requests_use_and_refresh_the_workspace_token(shared):
    shared.api.rotation = True
    shared.api.expires_in = 60
    await install(shared, "T1", "Film")
    await install(shared, "T2", "Cinema")
    client = await shared.app.workspaces.client_for("T2")
    assert client.token == "xoxb-T2-3"  # T2's first token (xoxb-T2-2) was refreshed
    from bot.platform import on_workspace

    with on_workspace("T1"):
        client = await shared.app.workspaces.client_for()
    assert client.token == "xoxb-T1-4"


async def test_a_workspace_without_installation_gets_a_clear_error(shared):
    from bot.platform import MissingPermission

    with pytest.raises(MissingPermission, match="not installed"):
        await shared.app.workspaces.client_for("T404")


async def test_a_prompt_posted_outside_a_request_uses_its_workspace_token(shared):
    """What the scheduler does: the engine posts for a club, with no Slack request around."""
    from tests.conftest import context, load_sample

    await install(shared, "T1", "Film")
    await install(shared, "T2", "Cinema")
    ctx = context("UMOD", platform="slack", workspace="T2", channel="C7")
    await load_sample(shared.engine, ctx)
    club = await shared.engine.club(ctx)
    channel = await shared.engine.channel(ctx, club)
    doc = await shared.engine.active_document(club, channel)
    choice = await shared.engine.choose_item(
        club, channel, doc, Kind.QUESTION, await shared.engine.settings_for(club)
    )
    assert choice.item is not None
    result = await shared.engine.post_prompt(club, channel, doc, choice.item, 0, posted_by=None)
    assert result.ok
    [post] = shared.api.calls_to("chat.postMessage")
    assert post.params["channel"] == "C7" and shared.api.token_of(post) == "xoxb-T2-2"


async def test_the_home_tab_of_each_workspace_uses_its_token(shared):
    await install(shared, "T1", "Film")
    await install(shared, "T2", "Cinema")
    event = {"type": "app_home_opened", "user": "UMEM", "channel": "D1", "tab": "home"}
    await team_event(shared, "T2", event)
    [view] = shared.api.views
    assert view.params["user_id"] == "UMEM" and shared.api.token_of(view) == "xoxb-T2-2"
    links = [c for c in shared.api.calls_to("auth.test") if shared.api.team_of(c) == "T1"]
    assert len(links) == 1  # only T1's own install checked T1's token


async def test_a_code_slack_refuses_shows_a_page_and_stores_nothing(shared):
    _, _, state = await start_install(shared.http)
    status, page = await finish_install(shared.http, state=state, code="never-issued")
    assert status == 401 and "did not accept the installation code" in page
    assert await bots(shared.engine) == []


async def test_run_serves_the_install_page_and_events_with_socket_mode_too(engine, slack_api):
    """``filmclub run`` in distribution mode: the HTTP pages, plus Socket Mode when an app
    token is set; no bot token is checked at start-up (there is none)."""
    import asyncio

    import aiohttp

    from adapters.slack.app import run_slack
    from tests.slack.test_app import free_port

    port = free_port()
    settings = distribution_settings(slack_api, http_port=port, app_token="xapp-test")
    task = asyncio.create_task(run_slack(engine, settings))
    try:
        await asyncio.wait_for(slack_api.connected.wait(), 10)
        async with aiohttp.ClientSession() as http:
            for _ in range(200):
                try:
                    async with http.get(f"http://127.0.0.1:{port}/slack/install") as response:
                        page = await response.text()
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.02)
            else:
                raise AssertionError("the HTTP server did not start")
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert "Add to Slack" in page
    assert "auth.test" not in slack_api.methods()
