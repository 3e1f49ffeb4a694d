"""Shared fixtures: a real store (SQLite, and PostgreSQL for store tests), the engine, a
recording platform and contexts."""

from __future__ import annotations

import os
import uuid
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


# Tests marked ``backends`` (store tests) run once on SQLite and once on a real PostgreSQL
# server: the one this variable names (scripts/test-postgres and .ci/run set it). Without it the
# PostgreSQL half is skipped, saying why; with it, it never is.
POSTGRES_ENV = "FILMCLUB_TEST_POSTGRES_URL"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "backends: run on SQLite and on PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    explicit = any(
        "backend" in str(m.args[0]) for m in metafunc.definition.iter_markers("parametrize")
    )
    if metafunc.definition.get_closest_marker("backends") and not explicit:
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


def with_search_path(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}search_path={schema}"


@pytest.fixture
async def database_url(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """Where a test's store lives: a SQLite file, or a fresh schema of the test server."""
    if backend == "sqlite":
        yield str(tmp_path / "test.db")
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set (scripts/test-postgres sets it)")
    import asyncpg

    schema = f"test_{uuid.uuid4().hex[:16]}"
    conn = await asyncpg.connect(base)
    try:
        await conn.execute(f"CREATE SCHEMA {schema}")
    finally:
        await conn.close()
    yield with_search_path(base, schema)
    conn = await asyncpg.connect(base)
    try:
        await conn.execute(f"DROP SCHEMA {schema} CASCADE")
    finally:
        await conn.close()


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    s = await open_store(database_url, pool_size=4)
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
