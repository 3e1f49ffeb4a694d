"""Settings are read once into a typed object; bad values fail naming the variable."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, database_path, load_settings


def test_defaults_need_no_variables():
    s = load_settings({})
    assert s.database_path == "filmclub.db"
    assert s.platforms == ["console"]
    assert s.max_document_bytes == 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgresql://u:pw@host:port/db"}, "DATABASE_URL"),
        ({"DATABASE_POOL_SIZE": "0"}, "DATABASE_POOL_SIZE"),
        ({"FILMCLUB_MAX_DOCUMENT_MB": "lots"}, "FILMCLUB_MAX_DOCUMENT_MB"),
        ({"FILMCLUB_ALLOW_PRIVATE_URLS": "maybe"}, "FILMCLUB_ALLOW_PRIVATE_URLS"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"DISCORD_TOKEN": "abc", "DISCORD_GUILD_ID": "guild"}, "DISCORD_GUILD_ID"),
        ({"DISCORD_TOKEN": "abc", "DISCORD_API_BASE_URL": "ftp://x"}, "DISCORD_API_BASE_URL"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN"),
        ({"SLACK_APP_TOKEN": "xapp-1"}, "SLACK_BOT_TOKEN"),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_HTTP_PORT": "99999"},
            "SLACK_HTTP_PORT",
        ),
    ],
)
def test_malformed_values_fail_naming_the_variable(env, named):
    with pytest.raises(SettingsError, match=named):
        load_settings(env)


def test_secrets_never_appear_in_errors_or_repr():
    with pytest.raises(SettingsError) as info:
        load_settings({"SLACK_BOT_TOKEN": "xapp-very-secret-value"})
    assert "very-secret" not in str(info.value)
    s = load_settings(
        {
            "DISCORD_TOKEN": "tok-secret",
            "SLACK_BOT_TOKEN": "xoxb-secret",
            "SLACK_SIGNING_SECRET": "sig-secret",
        }
    )
    assert s.platforms == ["discord", "slack"]
    assert "secret" not in repr(s)


def test_dotenv_file_is_read_and_environment_wins(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text("DATABASE_URL=sqlite:///from-file.db\nLOG_LEVEL=debug\n")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    s = load_settings(dotenv_path=env_file)
    assert s.database_path == "from-file.db"
    assert s.log_level == "WARNING"


def test_database_urls():
    assert database_path("sqlite:///data/club.db") == "data/club.db"
    assert database_path("sqlite:////var/lib/club.db") == "/var/lib/club.db"
    assert database_path("sqlite://:memory:") == ":memory:"


def test_env_example_documents_every_variable_and_loads(tmp_path, monkeypatch):
    import re
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    example = (repo / ".env.example").read_text(encoding="utf-8")
    read = set(
        re.findall(r'env, "([A-Z][A-Z0-9_]{4,})"', (repo / "bot" / "settings.py").read_text())
    )
    # Documented either set (NAME=value) or left at its default, commented out (# NAME=value).
    documented = set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]+)=", example, flags=re.M))
    assert read <= documented, f"undocumented: {sorted(read - documented)}"
    for name in documented:
        monkeypatch.delenv(name, raising=False)
    settings = load_settings(dotenv_path=repo / ".env.example")
    assert settings.platforms == ["console"]
    # A copied .env.example keeps the console free of INFO lines (the documented default).
    assert settings.log_level is None


def test_a_postgresql_url_is_accepted_and_its_password_never_shown():
    url = "postgresql://club:Sup3r-s3cret@db.example:5432/filmclub"
    s = load_settings({"DATABASE_URL": url, "DATABASE_POOL_SIZE": "25"})
    assert s.database_path == url  # what open_store connects to
    assert s.database_pool_size == 25
    assert "Sup3r-s3cret" not in repr(s)
    assert s.database_display == "postgresql://club:***@db.example:5432/filmclub"
    with pytest.raises(SettingsError) as info:
        load_settings({"DATABASE_URL": "postgresql://club:Sup3r-s3cret@db.example:99999/x"})
    assert "Sup3r-s3cret" not in str(info.value)


def test_discord_shards_are_read_and_checked():
    base = {"DISCORD_TOKEN": "abc"}
    s = load_settings({**base, "DISCORD_SHARD_COUNT": "4", "DISCORD_SHARD_IDS": "2, 0"})
    assert s.discord is not None
    assert (s.discord.shard_count, s.discord.shard_ids) == (4, (0, 2))
    unset = load_settings(base).discord
    assert unset is not None and (unset.shard_count, unset.shard_ids) == (None, None)
    for bad in ({"DISCORD_SHARD_IDS": "0"}, {"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "2"}):
        with pytest.raises(SettingsError, match="DISCORD_SHARD"):
            load_settings({**base, **bad})
