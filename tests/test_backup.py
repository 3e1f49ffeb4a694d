"""Export and import: moving a club between machines loses nothing."""

from __future__ import annotations

import json

import pytest

from adapters.cli import main
from bot.engine import Engine
from bot.store import open_store
from bot.store.backup import (
    NOT_CLUB_DATA,
    TABLES,
    BackupError,
    export_clubs,
    import_clubs,
    schema_tables,
)
from tests.conftest import context, load_sample
from tests.fakes import FakePlatform

pytestmark = pytest.mark.backends


async def busy_club(engine, platform, ctx):  # type: ignore[no-untyped-def]
    await load_sample(engine, ctx)
    await engine.execute_text(ctx, "question")
    [thread] = platform.threads
    await engine.record_reply("fake", ctx.workspace_id, thread, "r1", "ann")
    await engine.record_reply("fake", ctx.workspace_id, thread, "r2", "bob")
    await engine.execute_text(ctx, "config set timezone Europe/Paris")
    await engine.execute_text(ctx, "suggest What is Samantha afraid of?")
    await engine.execute_text(ctx, "edit qn2 Would you date an operating system?")


async def test_every_table_is_part_of_the_backup(store):
    # A new table must be either exported with its club or named as holding no club's data.
    assert await schema_tables(store.db) == {t for t, _ in TABLES} | set(NOT_CLUB_DATA)
    assert not {t for t, _ in TABLES} & set(NOT_CLUB_DATA)


async def test_round_trip_into_a_fresh_database_is_identical(
    engine, platform, store, mod, tmp_path
):
    await busy_club(engine, platform, mod)
    exported = await export_clubs(store.db)
    fresh = await open_store(str(tmp_path / "fresh.db"))
    assert await import_clubs(fresh.db, json.loads(json.dumps(exported))) == ["fake:W1"]
    assert await export_clubs(fresh.db) == exported
    await fresh.close()


async def test_import_next_to_other_clubs_remaps_ids(engine, platform, store, mod, tmp_path):
    await busy_club(engine, platform, mod)
    exported = await export_clubs(store.db)
    other = await open_store(str(tmp_path / "other.db"))
    other_engine = Engine(other)
    other_platform = FakePlatform()
    other_engine.attach(other_platform)
    await busy_club(other_engine, other_platform, context(workspace="ELSEWHERE"))
    await import_clubs(other.db, exported)
    history = (await other_engine.execute_text(mod, "history")).message.plain()
    assert "2 replies, 2 participants" in history
    assert "Europe/Paris" in (await other_engine.execute_text(mod, "config show")).message.plain()
    assert "#1 from mod" in (await other_engine.execute_text(mod, "suggestions")).message.plain()
    # The existing club is refused unless replaced, and a refusal changes nothing.
    with pytest.raises(BackupError, match="already exists"):
        await import_clubs(other.db, exported)
    assert await import_clubs(other.db, exported, replace=True) == ["fake:W1"]
    await other.close()


async def test_files_that_are_not_exports_are_refused(store):
    with pytest.raises(BackupError, match="not a filmclub export"):
        await import_clubs(store.db, {"hello": 1})
    with pytest.raises(BackupError, match="newer filmclub"):
        await import_clubs(store.db, {"format": "filmclub-export", "schema": 999, "clubs": []})


def test_cli_export_and_import(tmp_path, monkeypatch, capsys):
    import asyncio

    source_db = tmp_path / "a.db"

    async def prepare() -> None:
        s = await open_store(str(source_db))
        e = Engine(s)
        p = FakePlatform()
        e.attach(p)
        await busy_club(e, p, context())
        await s.close()

    asyncio.run(prepare())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{source_db}")
    assert main(["export", "backup.json", "--club", "fake:W1"]) == 0
    assert main(["export", "x.json", "--club", "fake:nope"]) == 2
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'b.db'}")
    assert main(["import", "backup.json"]) == 0
    assert main(["import", "backup.json"]) == 2
    err = capsys.readouterr().err
    assert "no club 'fake:nope'" in err and "already exists" in err
    (tmp_path / "junk.json").write_text("{not json")
    assert main(["import", "junk.json"]) == 2


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
async def test_a_sqlite_club_moves_to_postgresql_unchanged(database_url, tmp_path, monkeypatch):
    import asyncio
    import os

    import asyncpg

    from tests.conftest import POSTGRES_ENV

    source_db = tmp_path / "a.db"
    s = await open_store(str(source_db))
    e = Engine(s)
    p = FakePlatform()
    e.attach(p)
    await busy_club(e, p, context())
    await s.close()
    monkeypatch.chdir(tmp_path)

    def cli(url: str, *argv: str) -> int:
        monkeypatch.setenv("DATABASE_URL", url)
        return main(list(argv))

    # filmclub export from SQLite, filmclub import into PostgreSQL: the same export afterwards.
    assert await asyncio.to_thread(cli, f"sqlite:///{source_db}", "export", "sqlite.json") == 0
    assert await asyncio.to_thread(cli, database_url, "import", "sqlite.json") == 0
    assert await asyncio.to_thread(cli, database_url, "export", "postgres.json") == 0
    before = json.loads((tmp_path / "sqlite.json").read_text())
    assert before["clubs"] and before["clubs"][0]["thread_messages"]
    assert json.loads((tmp_path / "postgres.json").read_text()) == before

    # filmclub db copy does the same in one step, into an empty database.
    empty = database_url.replace("search_path=", "search_path=copy_")
    schema = empty.rsplit("search_path=", 1)[1]
    conn = await asyncpg.connect(os.environ[POSTGRES_ENV])
    await conn.execute(f"CREATE SCHEMA {schema}")
    try:
        copy = ["db", "copy", f"sqlite:///{source_db}", empty]
        assert await asyncio.to_thread(cli, "", *copy) == 0
        assert await asyncio.to_thread(cli, empty, "export", "copied.json") == 0
        assert json.loads((tmp_path / "copied.json").read_text()) == before
        assert await asyncio.to_thread(cli, "", *copy) == 2  # there already: refused
    finally:
        await conn.execute(f"DROP SCHEMA {schema} CASCADE")
        await conn.close()
    assert await asyncio.to_thread(cli, "", "db", "copy", "missing.db", database_url) == 2
