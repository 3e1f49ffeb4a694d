"""The store on real SQLite and PostgreSQL: migrations upgrade old files in place; writes are atomic."""

from __future__ import annotations

import sqlite3

import pytest

from bot.models import Item, Kind
from bot.store import Store
from bot.store.db import MigrationError, migrations

pytestmark = pytest.mark.backends


async def test_an_old_database_file_is_upgraded_in_place(tmp_path):
    path = str(tmp_path / "old.db")
    old = Store(path)
    await old.db.open(upto=1)  # a database written by the first release
    assert await old.db.version() == 1
    club = await old.discussion.ensure_club("console", "local", "Club", "2026-01-01T00:00:00Z")
    await old.db.execute(
        "INSERT INTO documents (club_id, number, title, film, source, content_hash, body, loaded_at) "
        "VALUES (?, 1, 'Old doc', 'Her', 'old.txt', 'h', 'body', '2026-01-01T00:00:00Z')",
        (club.id,),
    )
    await old.db.execute(
        "INSERT INTO items (document_id, kind, number, position, data) VALUES "
        '(1, \'question\', 1, 0, \'{"kind": "question", "text": "Why?"}\')'
    )
    await old.close()

    new = Store(path)
    await new.open()
    latest = migrations()[-1][0]
    assert await new.db.version() == latest
    items = await new.discussion.list_items(club.id, 1)
    assert [(i.item.text, i.status, i.origin) for i in items] == [("Why?", "active", "document")]
    await new.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_a_failed_document_write_leaves_nothing(store, monkeypatch):
    club = await store.discussion.ensure_club("fake", "W", None, "2026-01-01T00:00:00Z")
    bad = [Item(Kind.QUESTION, text="ok?"), Item(Kind.QUESTION, text="ok?")]
    # An item that cannot be stored makes the write fail after the document row was inserted.
    monkeypatch.setattr("bot.store.discussion.item_json", lambda item: None)
    with pytest.raises(store.db.integrity_errors):
        await store.discussion.add_document(
            club.id,
            title="t",
            film=None,
            source="s",
            content_hash="x",
            body="b",
            items=bad,
            loaded_by=None,
            now="2026-01-01T00:00:00Z",
        )
    assert await store.discussion.list_documents(club.id) == []


async def test_foreign_keys_and_busy_timeout_are_on(tmp_path):
    store = await Store(str(tmp_path / "club.db")).open()
    assert (await store.db.fetchone("PRAGMA foreign_keys"))[0] == 1
    assert (await store.db.fetchone("PRAGMA busy_timeout"))[0] == 5000
    await store.close()


# A standard SQLite table rebuild (create new, copy, drop old, rename) of a parent table.
REBUILD_DOCUMENTS = """
CREATE TABLE documents_new (
    id INTEGER PRIMARY KEY,
    club_id INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number > 0),
    title TEXT,
    film TEXT,
    source TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    body TEXT NOT NULL,
    loaded_by TEXT,
    loaded_at TEXT NOT NULL,
    UNIQUE (club_id, content_hash),
    UNIQUE (club_id, number)
);
INSERT INTO documents_new SELECT * FROM documents;
DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;
"""


async def _club_with_items(store: Store) -> int:
    club = await store.discussion.ensure_club("fake", "W", None, "2026-01-01T00:00:00Z")
    await store.discussion.add_document(
        club.id,
        title="t",
        film=None,
        source="s",
        content_hash="x",
        body="b",
        items=[Item(Kind.QUESTION, text=f"q{n}?") for n in range(5)],
        loaded_by=None,
        now="2026-01-01T00:00:00Z",
    )
    return club.id


async def test_a_table_rebuild_migration_keeps_the_child_rows(tmp_path, monkeypatch):
    path = str(tmp_path / "club.db")
    store = await Store(path).open()
    club_id = await _club_with_items(store)
    await store.close()
    latest = migrations()[-1][0]
    extra = (latest + 1, f"{latest + 1:04d}_rebuild.sql", REBUILD_DOCUMENTS)
    monkeypatch.setattr("bot.store.db.migrations", lambda: [*migrations(), extra])

    store = await Store(path).open()
    assert await store.db.version() == latest + 1
    [summary] = await store.discussion.list_documents(club_id)
    assert summary.questions == 5  # the drop of the old table cascaded nothing
    assert len(await store.discussion.list_items(club_id, summary.document.id)) == 5
    assert (await store.db.fetchone("PRAGMA foreign_keys"))[0] == 1  # back on afterwards
    await store.close()


async def test_a_migration_that_breaks_references_is_rolled_back(tmp_path, monkeypatch):
    path = str(tmp_path / "club.db")
    store = await Store(path).open()
    club_id = await _club_with_items(store)
    await store.close()
    latest = migrations()[-1][0]
    broken = "DELETE FROM documents"  # would orphan the items (the cascade is off)
    extra = (latest + 1, f"{latest + 1:04d}_broken.sql", broken)
    monkeypatch.setattr("bot.store.db.migrations", lambda: [*migrations(), extra])

    with pytest.raises(MigrationError, match="pointing at missing rows"):
        await Store(path).open()
    monkeypatch.undo()
    store = await Store(path).open()
    assert await store.db.version() == latest
    [summary] = await store.discussion.list_documents(club_id)
    assert summary.questions == 5
    await store.close()
