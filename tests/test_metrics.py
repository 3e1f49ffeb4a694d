"""The metrics count what operators watch: prompts by platform and kind, slots by outcome, errors."""

from __future__ import annotations

from bot import metrics
from bot.platform import RateLimited
from tests.conftest import load_sample
from tests.scheduler.test_scheduler import SLOT, setup


def value(name: str, **labels: str) -> float:
    return metrics.REGISTRY.get_sample_value(name, labels) or 0.0


async def test_a_posted_prompt_is_counted_by_platform_and_kind(engine, platform, mod):
    await load_sample(engine, mod)
    before = value("filmclub_prompts_posted_total", platform="fake", kind="question")
    reply = await engine.execute_text(mod, "question")
    assert "qn1" in reply.message.plain()
    assert value("filmclub_prompts_posted_total", platform="fake", kind="question") == before + 1
    assert value("filmclub_command_seconds_count", command="question") >= 1


async def test_scheduled_slots_are_counted_by_outcome(engine, platform, clock, mod):
    scheduler = await setup(engine, mod)
    posted = value("filmclub_scheduled_slots_total", outcome="posted")
    clock.current = SLOT
    assert await scheduler.tick() == 1
    assert value("filmclub_scheduled_slots_total", outcome="posted") == posted + 1


async def test_rate_limit_waits_and_errors_are_counted(engine, platform, clock, mod):
    scheduler = await setup(engine, mod)
    waited = value("filmclub_rate_limit_wait_seconds_total", platform="fake")
    errors = value("filmclub_platform_errors_total", platform="fake", error="rate_limited")
    platform.fail_next["post_message"] = RateLimited("slow down", retry_after=7.0)
    clock.current = SLOT
    await scheduler.tick()
    assert value("filmclub_rate_limit_wait_seconds_total", platform="fake") >= waited + 7
    assert (
        value("filmclub_platform_errors_total", platform="fake", error="rate_limited") == errors + 1
    )
    await scheduler.stop()
