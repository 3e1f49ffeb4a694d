"""Plain frozen dataclasses shared by the extractor, the engine and the adapters."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """The three kinds of discussion item a document yields."""

    QUOTE = "quote"
    EXCHANGE = "exchange"
    QUESTION = "question"


KIND_CHOICES = ("question", "quote", "exchange")
KIND_ALIASES = {
    "questions": "question",
    "quotes": "quote",
    "exchanges": "exchange",
    "dialogue": "exchange",
    "dialog": "exchange",
}


@dataclass(frozen=True)
class Turn:
    """One speaker-labelled turn of a dialogue exchange."""

    speaker: str | None
    text: str


@dataclass(frozen=True)
class Item:
    """A quote (text + speaker), an exchange (turns) or a question (text)."""

    kind: Kind
    text: str = ""
    speaker: str | None = None
    turns: tuple[Turn, ...] = ()

    def to_json(self) -> dict[str, Any]:
        if self.kind is Kind.QUOTE:
            return {"kind": "quote", "text": self.text, "speaker": self.speaker}
        if self.kind is Kind.EXCHANGE:
            return {
                "kind": "exchange",
                "turns": [{"speaker": t.speaker, "text": t.text} for t in self.turns],
            }
        return {"kind": "question", "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Item:
        kind = Kind(data["kind"])
        if kind is Kind.EXCHANGE:
            turns = tuple(Turn(t.get("speaker"), t["text"]) for t in data.get("turns", ()))
            return cls(kind, turns=turns)
        return cls(kind, text=data["text"], speaker=data.get("speaker"))


@dataclass(frozen=True)
class Extraction:
    """What the extractor found in one document."""

    title: str | None
    film: str | None
    items: tuple[Item, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "film": self.film,
            "items": [item.to_json() for item in self.items],
        }

    def count(self, kind: Kind) -> int:
        return sum(1 for item in self.items if item.kind is kind)
