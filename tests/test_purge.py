"""`filmclub purge`: one club's data deleted for good, other clubs untouched, tokens gone too."""

from __future__ import annotations

import asyncio

import pytest

from adapters.cli import main
from bot.engine import Engine
from bot.store import open_store
from bot.store.backup import TABLES, export_clubs
from bot.store.installations import InstallationKey
from tests.conftest import context, load_sample
from tests.fakes import FakePlatform
from tests.test_backup import busy_club


async def _prepare(path: str) -> None:
    store = await open_store(path)
    engine = Engine(store)
    for workspace in ("W1", "W2"):
        platform = FakePlatform()
        engine.attach(platform)
        await busy_club(engine, platform, context(workspace=workspace))
    key = InstallationKey("fake", "111.222", "", "W1")
    await store.installations.save_bot(key, '{"bot_token": "xoxb-secret"}', engine.now())
    await store.close()


async def _rows(path: str) -> dict[str, int]:
    store = await open_store(path)
    try:
        counts = {}
        for table, _ in TABLES + [("installation_bots", "")]:
            row = await store.db.fetchone(f"SELECT COUNT(*) FROM {table}")
            counts[table] = int(row[0]) if row else 0
        return counts
    finally:
        await store.close()


def test_purge_shows_then_deletes_one_club_and_its_tokens(tmp_path, monkeypatch, capsys):
    db = tmp_path / "club.db"
    asyncio.run(_prepare(str(db)))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    before = asyncio.run(_rows(str(db)))

    assert main(["purge", "--list"]) == 0
    listed = capsys.readouterr().out
    assert "fake:W1" in listed and "fake:W2" in listed and "1 document, 1 prompt" in listed

    assert main(["purge", "fake:W1"]) == 0  # without --yes: only shows
    assert "would delete club fake:W1" in capsys.readouterr().out
    assert asyncio.run(_rows(str(db))) == before

    assert main(["purge", "fake:W1", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "deleted club fake:W1" in out and "installation" in out
    after = asyncio.run(_rows(str(db)))
    assert after["clubs"] == 1 and after["installation_bots"] == 0
    for table, _ in TABLES:  # every table held rows of both clubs: half of them are left
        if before[table]:
            assert 0 < after[table] < before[table], table

    assert main(["purge", "fake:W1", "--yes"]) == 2
    assert "no club fake:W1" in capsys.readouterr().err
    assert main(["purge", "W2"]) == 2


@pytest.mark.backends
async def test_purging_a_club_deletes_its_rows_in_every_table(engine, platform, store):
    await busy_club(engine, platform, context(workspace="W1"))
    await load_sample(engine, context(workspace="W2"))
    club = await store.clubs.find("fake", "W1")
    assert club is not None and club.prompts == 1
    assert await store.clubs.purge(club.id)
    exported = await export_clubs(store.db)
    assert [c["clubs"][0]["workspace_id"] for c in exported["clubs"]] == ["W2"]
    for table, _ in TABLES:
        if table in ("clubs", "documents", "channels", "items"):
            continue
        row = await store.db.fetchone(f"SELECT COUNT(*) FROM {table}")
        assert row is not None and row[0] == 0, table
    assert not await store.clubs.purge(club.id)
