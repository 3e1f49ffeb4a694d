"""Autocomplete shows members nothing a moderator command would hide from them."""

from __future__ import annotations

from tests.conftest import load_sample


async def test_members_are_not_offered_pending_suggestions_or_schedules(engine, mod, member):
    await load_sample(engine, mod)
    await engine.execute_text(mod, 'schedule add "fridays 19:00" question')
    await engine.execute_text(member, "suggest Who is Amy to Theodore?")
    assert await engine.complete(member, "suggestion", "") == []
    assert await engine.complete(member, "schedule", "") == []
    # What members may use is still offered to them; moderators see everything.
    assert await engine.complete(member, "document", "") == [("#1 A test review", "1")]
    assert [v for _, v in await engine.complete(member, "item", "qn")] == ["qn1", "qn2"]
    assert await engine.complete(mod, "suggestion", "") == [("#1 Who is Amy to Theodore?", "1")]
    assert len(await engine.complete(mod, "schedule", "")) == 1
