"""Frozen records the store returns."""

from __future__ import annotations

from dataclasses import dataclass

from bot.models import Item, Kind
from bot.numbers import parse_number

PREFIX = {Kind.QUOTE: "qt", Kind.EXCHANGE: "ex", Kind.QUESTION: "qn"}
KIND_OF_PREFIX = {v: k for k, v in PREFIX.items()}


def short_id(kind: Kind, number: int) -> str:
    """The short id people type for an item: ``qt3``, ``ex1``, ``qn12``."""
    return f"{PREFIX[kind]}{number}"


def parse_short_id(text: str) -> tuple[Kind, int] | None:
    """Parse ``qt3``/``QN12``; ``None`` when it is not an item id."""
    text = text.strip().lower().lstrip("#")
    prefix, digits = text[:2], text[2:]
    number = parse_number(digits, lo=1)
    if prefix in KIND_OF_PREFIX and number is not None:
        return KIND_OF_PREFIX[prefix], number
    return None


@dataclass(frozen=True)
class Club:
    id: int
    platform: str
    workspace_id: str
    name: str | None


@dataclass(frozen=True)
class Channel:
    id: int
    club_id: int
    channel_id: str
    name: str | None
    active_document_id: int | None


@dataclass(frozen=True)
class Document:
    id: int
    club_id: int
    number: int
    title: str | None
    film: str | None
    source: str
    content_hash: str
    loaded_at: str

    @property
    def label(self) -> str:
        return self.title or self.source


@dataclass(frozen=True)
class DocumentSummary:
    document: Document
    quotes: int
    exchanges: int
    questions: int


@dataclass(frozen=True)
class StoredItem:
    id: int
    document_id: int
    kind: Kind
    number: int
    position: int
    item: Item
    status: str = "active"
    original: Item | None = None
    origin: str = "document"

    @property
    def short_id(self) -> str:
        return short_id(self.kind, self.number)


@dataclass(frozen=True)
class PromptRecord:
    id: int
    club_id: int
    channel_ref: int
    channel_id: str
    document_id: int
    item_id: int
    item_short_id: str
    kind: Kind
    message_id: str | None
    posted_by: str | None
    posted_at: str
    thread_id: str | None
    thread_title: str | None
    replies: int
    participants: int
    thread_status: str | None


@dataclass(frozen=True)
class DocumentStats:
    document: Document
    prompts: int
    replies: int
    participants: int
