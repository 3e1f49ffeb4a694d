"""Autocomplete on Discord runs the core's moderator check."""

from __future__ import annotations

from tests.discord.conftest import load_club_sample, mod_context


async def test_a_member_who_can_see_the_moderator_commands_is_offered_no_schedules(
    harness, discord_engine
):
    from tests.discord.payloads import command_interaction

    await load_club_sample(discord_engine)
    await discord_engine.execute_text(mod_context(), 'schedule add "fridays 19:00" question')
    for moderator, expected in ((True, ["1"]), (False, [])):
        payload = await harness.feed(
            command_interaction(
                "schedule pause", {"schedule": ""}, focused="schedule", moderator=moderator
            )
        )
        choices = harness.callback(payload)["data"]["choices"]
        assert [c["value"] for c in choices] == expected
