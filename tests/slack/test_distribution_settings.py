"""Distribution-mode settings: read once, validated naming the variable, secrets hidden."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from adapters.slack.oauth import DEFAULT_SCOPES, authorization_url
from bot.settings import SettingsError, load_settings

BASE = {
    "SLACK_CLIENT_ID": "111.222",
    "SLACK_CLIENT_SECRET": "client-secret-value",
    "SLACK_SIGNING_SECRET": "signing-secret-value",
}


def test_client_id_secret_and_signing_secret_without_a_bot_token_is_distribution_mode():
    slack = load_settings(BASE, dotenv_path=None).slack
    assert slack is not None and slack.distribution
    assert slack.client_id == "111.222" and slack.scopes is None
    assert "client-secret-value" not in repr(slack) and "signing-secret-value" not in repr(slack)


@pytest.mark.parametrize("missing", sorted(BASE))
def test_a_missing_distribution_variable_is_named(missing):
    env = {k: v for k, v in BASE.items() if k != missing}
    with pytest.raises(SettingsError, match=missing) as caught:
        load_settings(env, dotenv_path=None)
    assert "secret-value" not in str(caught.value)


def test_a_bot_token_keeps_single_workspace_mode():
    slack = load_settings({**BASE, "SLACK_BOT_TOKEN": "xoxb-1"}, dotenv_path=None).slack
    assert slack is not None and not slack.distribution and slack.client_secret is None


def test_slack_scopes_overrides_and_is_validated():
    env = {**BASE, "SLACK_SCOPES": "commands, chat:write"}
    assert load_settings(env, dotenv_path=None).slack.scopes == ("commands", "chat:write")
    with pytest.raises(SettingsError, match="SLACK_SCOPES"):
        load_settings({**BASE, "SLACK_SCOPES": "chat write;drop"}, dotenv_path=None)


def test_redirect_uri_must_be_a_url():
    with pytest.raises(SettingsError, match="SLACK_REDIRECT_URI"):
        load_settings({**BASE, "SLACK_REDIRECT_URI": "example.com/cb"}, dotenv_path=None)


def test_the_default_scopes_are_the_manifests():
    text = resources.files("adapters").joinpath("slack/manifest.yml").read_text()
    bot = text.split("    bot:\n", 1)[1].split("settings:", 1)[0]
    assert tuple(re.findall(r"^      - (\S+)$", bot, flags=re.M)) == DEFAULT_SCOPES


def test_the_manifest_enables_the_home_tab_its_event_and_the_redirect_url():
    text = resources.files("adapters").joinpath("slack/manifest.yml").read_text()
    assert "home_tab_enabled: true" in text
    assert "- app_home_opened\n" in text
    assert "/slack/oauth_redirect" in text


def test_the_install_link_goes_to_the_same_slack_as_the_api():
    assert authorization_url(None) == "https://slack.com/oauth/v2/authorize"
    assert (
        authorization_url("https://slack-gov.com/api") == "https://slack-gov.com/oauth/v2/authorize"
    )
