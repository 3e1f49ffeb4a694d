"""Prometheus metrics of the bot: one registry, label values never name a club or a user."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

REGISTRY = CollectorRegistry(auto_describe=True)

PROMPTS_POSTED = Counter(
    "filmclub_prompts_posted",
    "Discussion prompts that reached a channel.",
    ["platform", "kind"],
    registry=REGISTRY,
)
SLOTS = Counter(
    "filmclub_scheduled_slots",
    "Scheduled slots settled, by outcome (posted, skipped, empty, exhausted, failed, unknown).",
    ["outcome"],
    registry=REGISTRY,
)
COMMAND_SECONDS = Histogram(
    "filmclub_command_seconds",
    "Time to answer a command.",
    ["command"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    registry=REGISTRY,
)
PLATFORM_ERRORS = Counter(
    "filmclub_platform_errors",
    "Errors returned by a chat platform, by kind (rate_limited, channel_gone, permission, other).",
    ["platform", "error"],
    registry=REGISTRY,
)
RATE_LIMIT_WAIT = Counter(
    "filmclub_rate_limit_wait_seconds",
    "Seconds spent waiting on a platform's rate limits.",
    ["platform"],
    registry=REGISTRY,
)
EXTRACTION_SECONDS = Histogram(
    "filmclub_extraction_seconds",
    "Time to extract one document.",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    registry=REGISTRY,
)
EXTRACTION_BYTES = Histogram(
    "filmclub_extraction_document_bytes",
    "Size of each extracted document's text.",
    buckets=(1e3, 1e4, 1e5, 1e6, 5e6, 1e7, 1e8),
    registry=REGISTRY,
)
DB_SECONDS = Histogram(
    "filmclub_db_query_seconds",
    "Database round-trip time, by operation (read, write, transaction).",
    ["operation"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1),
    registry=REGISTRY,
)
DISCORD_SHARDS = Gauge(
    "filmclub_discord_shards_connected", "Discord gateway shards connected.", registry=REGISTRY
)
SLACK_WORKSPACES = Gauge(
    "filmclub_slack_workspaces", "Slack workspaces the bot serves.", registry=REGISTRY
)
PLATFORM_READY = Gauge(
    "filmclub_platform_ready", "1 while a platform is connected.", ["platform"], registry=REGISTRY
)


@contextmanager
def timed(histogram: Histogram, **labels: str) -> Iterator[None]:
    """Observe the time the block takes into ``histogram``."""
    start = time.perf_counter()
    try:
        yield
    finally:
        target = histogram.labels(**labels) if labels else histogram
        target.observe(time.perf_counter() - start)


def platform_error(platform: str, exc: BaseException) -> None:
    """Count a platform error by its kind (never by its message, which may name a channel)."""
    from bot.platform import ChannelGone, MissingPermission, RateLimited

    if isinstance(exc, RateLimited):
        kind = "rate_limited"
    elif isinstance(exc, ChannelGone):
        kind = "channel_gone"
    elif isinstance(exc, MissingPermission):
        kind = "permission"
    else:
        kind = "other"
    PLATFORM_ERRORS.labels(platform=platform, error=kind).inc()


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus text format, and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
