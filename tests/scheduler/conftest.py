"""Helpers for scheduler tests: platforms with and without nonce support, a crash, a driver."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.engine import Context, Engine
from bot.messages import Message, QuestionBlock, QuoteBlock
from bot.platform import MessageRef, PlatformError
from bot.scheduler import Scheduler
from bot.store.schedules import ScheduleRun
from tests.fakes import FakePlatform, Post


class Crash(BaseException):
    """The process dies here (not an error the bot could handle)."""


@dataclass
class NoncePlatform(FakePlatform):
    """Like Discord with ``enforce_nonce``: a repeated nonce returns the first message."""

    nonce_window: float = 300.0
    crash_after_post: bool = False
    errors: list[PlatformError] = field(default_factory=list)  # raised by the next posts

    async def post_message(
        self,
        channel_id: str,
        message: Message,
        *,
        nonce: str | None = None,
        title: str | None = None,
    ) -> MessageRef:
        if self.errors:
            raise self.errors.pop(0)
        ref = await super().post_message(channel_id, message, nonce=nonce, title=title)
        if self.crash_after_post:
            self.crash_after_post = False
            raise Crash()
        return ref


@dataclass
class PlainPlatform(NoncePlatform):
    """Like Slack or the console: no idempotent nonce, every post is a new message."""

    nonce_window: float = 0.0

    async def post_message(
        self,
        channel_id: str,
        message: Message,
        *,
        nonce: str | None = None,
        title: str | None = None,
    ) -> MessageRef:
        return await NoncePlatform.post_message(self, channel_id, message, title=title)


def prompts(platform: FakePlatform, channel: str = "C1") -> list[Post]:
    """Prompt posts (not notices) at the top of a channel."""
    return [
        p
        for p in platform.channel_posts(channel)
        if any(isinstance(b, QuestionBlock | QuoteBlock) for b in p.message.blocks)
        or "Dialogue" in p.message.plain()
    ]


def notices(platform: FakePlatform, channel: str = "C1") -> list[str]:
    return [
        p.message.plain()
        for p in platform.channel_posts(channel)
        if p not in prompts(platform, channel)
    ]


async def add(
    engine: Engine, ctx: Context, when: str, kind: str | None = "question", **extra: Any
) -> str:
    args: dict[str, Any] = {"when": when, **extra}
    if kind:
        args["kind"] = kind
    return (await engine.execute(ctx, "schedule add", args)).message.plain()


async def drive(scheduler: Scheduler, clock: Any, until: datetime) -> list[datetime]:
    """The scheduler's loop, by hand: jump to each wake-up time and run a pass, up to ``until``."""
    fired: list[datetime] = []
    for _ in range(10_000):
        target = await scheduler.next_wake()
        if target > until:
            break
        clock.current = target
        fired += [target] * await scheduler.tick()
        await scheduler.drain()
    clock.current = until
    return fired


async def runs(engine: Engine, number: int = 1, workspace: str = "W1") -> list[ScheduleRun]:
    club = await engine.club_of("fake", workspace)
    schedule = await engine.store.schedules.get(club.id, number)
    assert schedule is not None
    return list(reversed(await engine.store.schedules.runs(schedule.id)))


async def schedule_row(engine: Engine, number: int = 1, workspace: str = "W1"):  # type: ignore[no-untyped-def]
    club = await engine.club_of("fake", workspace)
    return await engine.store.schedules.get(club.id, number)
