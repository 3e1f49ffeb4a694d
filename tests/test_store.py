"""The store on real SQLite: migrations upgrade old files in place; writes are atomic."""

from __future__ import annotations

import sqlite3

import pytest

from bot.models import Item, Kind
from bot.store import Store
from bot.store.db import migrations


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
    with pytest.raises(sqlite3.IntegrityError):
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


async def test_foreign_keys_and_busy_timeout_are_on(store):
    assert (await store.db.fetchone("PRAGMA foreign_keys"))[0] == 1
    assert (await store.db.fetchone("PRAGMA busy_timeout"))[0] == 5000
