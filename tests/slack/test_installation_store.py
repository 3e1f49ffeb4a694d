"""bolt's installation and OAuth-state store interfaces over filmclub's database (real SQLite)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk.oauth.installation_store import Installation

from adapters.slack.oauth import DatabaseInstallationStore, DatabaseStateStore

pytestmark = pytest.mark.backends  # installations and the Home read the store

CLIENT = "111.222"


def installation(team: str, user: str, token: str, **extra) -> Installation:  # type: ignore[no-untyped-def]
    return Installation(
        app_id="A1",
        team_id=team,
        team_name=f"Team {team}",
        bot_token=token,
        bot_id="B1",
        bot_user_id="UBOT",
        bot_scopes="commands,chat:write",
        user_id=user,
        **extra,
    )


async def test_saved_installations_are_found_per_workspace_and_user(store):
    installs = DatabaseInstallationStore(store.installations, CLIENT)
    await installs.async_save(installation("T1", "U1", "xoxb-one"))
    await installs.async_save(installation("T2", "U2", "xoxb-two"))
    bot = await installs.async_find_bot(enterprise_id=None, team_id="T1")
    assert bot is not None and bot.bot_token == "xoxb-one" and bot.team_name == "Team T1"
    found = await installs.async_find_installation(enterprise_id=None, team_id="T2", user_id="U2")
    assert found is not None and found.bot_token == "xoxb-two"
    assert (
        await installs.async_find_installation(enterprise_id=None, team_id="T2", user_id="U1")
        is None
    )
    assert "xoxb" not in repr(installs)
    # Another app (client id) sharing the database sees none of them.
    other = DatabaseInstallationStore(store.installations, "999.999")
    assert await other.async_find_bot(enterprise_id=None, team_id="T1") is None


async def test_a_users_installation_carries_the_workspaces_rotated_bot_token(store):
    installs = DatabaseInstallationStore(store.installations, CLIENT)
    await installs.async_save(
        installation("T1", "U1", "xoxb-old", bot_refresh_token="xoxe-1", bot_token_expires_in=600)
    )
    bot = await installs.async_find_bot(enterprise_id=None, team_id="T1")
    assert bot is not None and bot.bot_token_expires_at is not None
    bot.bot_token, bot.bot_refresh_token = "xoxb-new", "xoxe-2"
    await installs.async_save_bot(bot)
    found = await installs.async_find_installation(enterprise_id=None, team_id="T1", user_id="U1")
    assert found is not None
    assert (found.bot_token, found.bot_refresh_token) == ("xoxb-new", "xoxe-2")
    assert found.bot_token_expires_at == bot.bot_token_expires_at


async def test_deleting_one_user_or_the_whole_workspace(store):
    installs = DatabaseInstallationStore(store.installations, CLIENT)
    await installs.async_save(installation("T1", "U1", "xoxb-one"))
    await installs.async_save(installation("T1", "U2", "xoxb-one"))
    await installs.async_delete_installation(enterprise_id=None, team_id="T1", user_id="U1")
    assert (
        await installs.async_find_installation(enterprise_id=None, team_id="T1", user_id="U1")
        is None
    )
    latest = await installs.async_find_installation(enterprise_id=None, team_id="T1")
    assert latest is not None and latest.user_id == "U2"
    await installs.async_delete_all(enterprise_id=None, team_id="T1")
    assert await installs.async_find_bot(enterprise_id=None, team_id="T1") is None
    assert await installs.async_find_installation(enterprise_id=None, team_id="T1") is None


async def test_an_org_wide_install_is_found_by_its_enterprise(store):
    installs = DatabaseInstallationStore(store.installations, CLIENT)
    org = installation("T1", "U1", "xoxb-org", enterprise_id="E1", is_enterprise_install=True)
    await installs.async_save(org)
    bot = await installs.async_find_bot(
        enterprise_id="E1", team_id="T7", is_enterprise_install=True
    )
    assert bot is not None and bot.bot_token == "xoxb-org"


async def test_a_state_is_good_once_and_only_until_it_expires(store):
    now = [datetime(2026, 12, 3, 12, 0, tzinfo=UTC)]
    states = DatabaseStateStore(store.installations, expiration_seconds=600, now=lambda: now[0])
    first = await states.async_issue()
    second = await states.async_issue()
    await states.async_issue()  # never used: swept once expired
    assert first != second and len(first) >= 24
    assert await states.async_consume(first)
    assert not await states.async_consume(first)  # used
    assert not await states.async_consume("never-issued")
    assert not await states.async_consume("")
    now[0] += timedelta(seconds=601)
    assert not await states.async_consume(second)  # expired
    # Issuing sweeps expired states away.
    await states.async_issue()
    row = await store.db.fetchone("SELECT COUNT(*) FROM oauth_states")
    assert row is not None and row[0] == 1
