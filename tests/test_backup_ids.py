"""Export → import → export is identical, internal ids (schedules') included, gaps and all."""

from __future__ import annotations

import json

from bot.store import open_store
from bot.store.backup import export_clubs, import_clubs
from tests.conftest import load_sample


async def club_with_gaps(engine, mod):  # type: ignore[no-untyped-def]
    await load_sample(engine, mod)
    for when in ("daily 19:00", "fridays 20:00", "weekdays 08:30"):
        await engine.execute_text(mod, f'schedule add "{when}" question')
    await engine.execute_text(mod, "schedule remove 1")  # a gap in the schedules' ids
    await engine.execute_text(mod, 'schedule add "hourly" quote')
    await engine.execute_text(mod, "question")


async def test_a_round_trip_keeps_every_id(engine, store, mod, tmp_path):
    await club_with_gaps(engine, mod)
    exported = await export_clubs(store.db)
    ids = [row["id"] for row in exported["clubs"][0]["schedules"]]
    assert ids != list(range(1, len(ids) + 1))  # the case that used to be renumbered
    fresh = await open_store(str(tmp_path / "fresh.db"))
    try:
        await import_clubs(fresh.db, json.loads(json.dumps(exported)))
        assert await export_clubs(fresh.db) == exported
    finally:
        await fresh.close()


async def test_replacing_a_club_keeps_its_ids(engine, store, mod):
    await club_with_gaps(engine, mod)
    exported = await export_clubs(store.db)
    await import_clubs(store.db, json.loads(json.dumps(exported)), replace=True)
    assert await export_clubs(store.db) == exported
