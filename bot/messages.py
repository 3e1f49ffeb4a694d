"""Neutral outgoing messages: blocks that every adapter renders in its own format."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.models import Turn

# Text from outside (a document's title, a member's name or suggestion) embedded in the bot's
# own words is wrapped in these private-use marks; each renderer shows the span as inert text
# (on Discord: Markdown and link syntax escaped) and drops the marks.
VERBATIM_OPEN = "\ue000"
VERBATIM_CLOSE = "\ue001"


def verbatim(text: str) -> str:
    """``text`` marked as not ours: never Markdown, a masked link or a mention when shown."""
    return VERBATIM_OPEN + strip_verbatim(text) + VERBATIM_CLOSE


def strip_verbatim(text: str) -> str:
    """``text`` without verbatim marks (for surfaces that escape everything anyway)."""
    if VERBATIM_OPEN not in text and VERBATIM_CLOSE not in text:
        return text
    return text.replace(VERBATIM_OPEN, "").replace(VERBATIM_CLOSE, "")


@dataclass(frozen=True)
class TextBlock:
    """A paragraph of the bot's own words (notices, command replies)."""

    text: str


@dataclass(frozen=True)
class QuoteBlock:
    """Quoted words from a document and who said them (None when the text does not say)."""

    text: str
    speaker: str | None
    truncated: bool = False


@dataclass(frozen=True)
class DialogueBlock:
    """Speaker-labelled turns of an exchange, in order."""

    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class QuestionBlock:
    """A discussion question, standing alone."""

    text: str


@dataclass(frozen=True)
class FooterBlock:
    """A short line naming where a prompt comes from."""

    text: str


@dataclass(frozen=True)
class ListBlock:
    """A list of short lines (help, previews, history)."""

    lines: tuple[str, ...]
    title: str | None = None


Block = TextBlock | QuoteBlock | DialogueBlock | QuestionBlock | FooterBlock | ListBlock


@dataclass(frozen=True)
class Message:
    """A neutral message: blocks plus delivery hints; adapters decide the markup."""

    blocks: tuple[Block, ...]
    spoiler: bool = False
    ping_role: str | None = None

    @classmethod
    def text(cls, text: str) -> Message:
        return cls((TextBlock(text),))

    def plain(self) -> str:
        """A plain-text rendering (console, fallbacks, logs)."""
        return render_plain(self)


@dataclass(frozen=True)
class Reply:
    """The answer to a command: shown only to its author when ``private``."""

    message: Message
    private: bool = True
    # Extra actions an interactive surface may offer (e.g. suggestion approve/reject buttons).
    actions: tuple[Action, ...] = field(default_factory=tuple)
    # Select menus an interactive surface may offer (e.g. common settings in config show).
    menus: tuple[Menu, ...] = field(default_factory=tuple)

    @classmethod
    def text(cls, text: str, *, private: bool = True) -> Reply:
        return cls(Message.text(text), private=private)


@dataclass(frozen=True)
class Action:
    """A button-like action: running ``command`` with ``args`` as the clicking user."""

    label: str
    command: str
    args: tuple[tuple[str, str], ...]
    style: str = "default"  # "primary", "danger" or "default"


@dataclass(frozen=True)
class Menu:
    """A select menu: choosing ``value`` runs ``command`` with ``args`` plus ``option=value``.

    ``multiple`` menus pass the chosen values joined by spaces.
    """

    placeholder: str
    command: str
    args: tuple[tuple[str, str], ...]
    option: str
    choices: tuple[tuple[str, str], ...]  # (label, value)
    current: tuple[str, ...] = ()
    multiple: bool = False


def render_plain(message: Message) -> str:
    """Render a message as plain text, the common denominator of every surface."""
    parts: list[str] = []
    for block in message.blocks:
        if isinstance(block, TextBlock):
            parts.append(block.text)
        elif isinstance(block, QuoteBlock):
            quoted = "\n".join(f"> {line}" if line else ">" for line in block.text.split("\n"))
            if block.speaker:
                quoted += f"\n  \u2014 {block.speaker}"
            parts.append(quoted)
        elif isinstance(block, DialogueBlock):
            parts.append("\n".join(f"{t.speaker or '?'}: {t.text}" for t in block.turns))
        elif isinstance(block, QuestionBlock):
            parts.append(block.text)
        elif isinstance(block, FooterBlock):
            parts.append(f"\u2014 {block.text}")
        elif isinstance(block, ListBlock):
            lines = [block.title] if block.title else []
            lines.extend(block.lines)
            parts.append("\n".join(lines))
    return strip_verbatim("\n\n".join(parts))
