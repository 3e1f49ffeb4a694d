"""Shared fixtures: a real SQLite store, the engine, a recording platform and contexts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.engine import Actor, Context, Engine
from bot.models import Extraction, Item, Kind, Turn
from bot.store import Store, open_store
from tests.fakes import FakePlatform

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    async def sleep_until(self, when, wake) -> None:  # type: ignore[no-untyped-def]
        if when > self.current:
            self.current = when


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await open_store(str(tmp_path / "test.db"))
    yield s
    await s.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def platform() -> FakePlatform:
    return FakePlatform()


@pytest.fixture
def engine(store: Store, platform: FakePlatform, clock: FakeClock) -> Engine:
    e = Engine(store, clock=clock)
    e.attach(platform)
    return e


def context(
    user: str = "mod",
    *,
    admin: bool = True,
    channel: str = "C1",
    workspace: str = "W1",
    platform: str = "fake",
    roles: tuple[str, ...] = (),
) -> Context:
    return Context(
        platform=platform,
        workspace_id=workspace,
        channel_id=channel,
        actor=Actor(user_id=user, name=user, is_admin=admin, role_ids=roles),
        channel_name=channel,
    )


@pytest.fixture
def mod() -> Context:
    return context()


@pytest.fixture
def member() -> Context:
    return context("member", admin=False)


SAMPLE = Extraction(
    title="A test review",
    film="Her",
    items=(
        Item(Kind.QUOTE, text="We wanted the world to be warm.", speaker="Spike Jonze"),
        Item(Kind.QUESTION, text="Is Samantha's love real?"),
        Item(
            Kind.EXCHANGE,
            turns=(Turn("Theodore", "How many others?"), Turn("Samantha", "641.")),
        ),
        Item(Kind.QUESTION, text="Would you date an OS?"),
        Item(Kind.QUOTE, text="I've never loved anyone the way I loved you.", speaker=None),
    ),
)


async def load_sample(
    engine: Engine, ctx: Context, extraction: Extraction = SAMPLE, text: str = "sample text"
):
    return await engine.add_document(ctx, text=text, extraction=extraction, source="sample.txt")
