"""Commands defined once: name, options, help and who may run them; and the text parser."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from bot.errors import CommandError
from bot.i18n import t
from bot.models import KIND_ALIASES, KIND_CHOICES
from bot.numbers import MAX_NUMBER, parse_number

if TYPE_CHECKING:
    from bot.engine import Context, Engine
    from bot.messages import Reply


class OptionType(StrEnum):
    """What an option holds; adapters map these onto their platform's option types."""

    STRING = "string"
    TEXT = "text"  # free text; in a typed line it takes the rest of the line
    INTEGER = "integer"
    CHOICE = "choice"
    DOCUMENT = "document"  # autocompleted from the club's documents
    ITEM = "item"  # autocompleted from the active document's items
    SOURCE = "source"  # a path or URL (or an uploaded file on chat platforms)
    CHANNEL = "channel"
    SCHEDULE = "schedule"  # autocompleted from the club's schedules
    SUGGESTION = "suggestion"


@dataclass(frozen=True)
class Option:
    """One option of a command."""

    name: str
    type: OptionType
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)
    positional: bool = True  # False: in a typed line only as ``name=value``
    lo: int = 0  # an INTEGER option's bounds; a number outside them is refused, not clamped
    hi: int = MAX_NUMBER
    # A phrase option (a schedule's "fridays 19:00"): in a typed line it takes the longest run
    # of words this accepts, so the phrase needs no quotes even when more options follow.
    phrase: Callable[[str], bool] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Upload:
    """A file a user attached to a command (chat platforms)."""

    name: str
    data: bytes
    content_type: str | None = None


Handler = Callable[["Engine", "Context", dict[str, Any]], Awaitable["Reply"]]


@dataclass(frozen=True)
class Command:
    """A command of the ``/filmclub`` group; ``name`` may hold a group (``schedule add``)."""

    name: str
    help: str
    handler: Handler
    options: tuple[Option, ...] = ()
    moderator: bool = False
    slow: bool = False  # may take longer than two seconds: adapters defer first
    public: bool = False  # the reply is for the whole channel, not just its author

    @property
    def group(self) -> str | None:
        return self.name.split(" ", 1)[0] if " " in self.name else None

    @property
    def leaf(self) -> str:
        return self.name.rsplit(" ", 1)[-1]

    def usage(self) -> str:
        parts = [f"/filmclub {self.name}"]
        for opt in self.options:
            label = opt.name if not 0 < len(opt.choices) <= 4 else "|".join(opt.choices)
            if not opt.positional:
                label = f"{opt.name}=…"
            parts.append(f"<{label}>" if opt.required else f"[{label}]")
        return " ".join(parts)


class Registry:
    """All commands, in the order they were registered."""

    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}

    def add(self, command: Command) -> Command:
        if command.name in self._commands:
            raise ValueError(f"command {command.name!r} is defined twice")
        self._commands[command.name] = command
        return command

    def get(self, name: str) -> Command | None:
        return self._commands.get(name)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._commands.values())

    def names(self) -> list[str]:
        return list(self._commands)

    def groups(self) -> set[str]:
        return {c.group for c in self if c.group}

    def parse(self, text: str) -> tuple[Command, dict[str, Any]]:
        """Parse the words after ``/filmclub`` into a command and its typed options."""
        tokens = split_args(text)
        if not tokens:
            command = self.get("help")
            assert command is not None
            return command, {}
        first = tokens[0][0].lower()
        command = None
        used = 1
        if len(tokens) > 1 and first in self.groups():
            command = self.get(f"{first} {tokens[1][0].lower()}")
            used = 2
        if command is None and first in self.groups():
            subs = ", ".join(c.leaf for c in self if c.group == first)
            raise CommandError(t("errors.unknown_subcommand", group=first, subs=subs))
        if command is None:
            command = self.get(first)
            used = 1
        if command is None:
            raise CommandError(
                t("errors.unknown_command", name=tokens[0][0], hint=self.suggest(first))
            )
        return command, bind_options(command, text, tokens[used:])

    def suggest(self, word: str) -> str:
        import difflib

        close = difflib.get_close_matches(word, [c.name for c in self], n=1, cutoff=0.6)
        return t("errors.did_you_mean", name=close[0]) if close else ""


_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "\u201e": "\u201d"}


# Marks that only ever open a quotation; one left open is a mistake (``/as "Ann``), while a
# lone ' or ‘ is an apostrophe (``don't``, ``'90s``) and stays a letter.
_MUST_CLOSE = {'"', "\u201c", "\u201e"}


def split_args(text: str, *, strict: bool = True) -> list[tuple[str, int, int]]:
    """Split like a shell: quotes group words. An apostrophe without a closing mark is a
    letter; a double quote left open is refused (a CommandError) unless ``strict`` is False.

    A quote opens at the start of a word or right after ``=``, so both
    ``speaker="Theodore Twombly"`` and ``"speaker=Theodore Twombly"`` give the one word
    ``speaker=Theodore Twombly``. Returns (token, start, end) with positions in ``text``, so
    free text keeps its spelling.
    """
    tokens: list[tuple[str, int, int]] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            break
        start = i
        parts: list[str] = []
        while i < n and not text[i].isspace():
            ch = text[i]
            if ch in _QUOTES and (i == start or text[i - 1] == "="):
                close = _QUOTES[ch]
                j = text.find(close, i + 1)
                if ch == "'" and j != -1 and j + 1 < n and not text[j + 1].isspace():
                    j = -1  # an apostrophe inside a word, not a closing quote
                if j != -1:
                    parts.append(text[i + 1 : j])
                    i = j + 1
                    continue
                if strict and ch in _MUST_CLOSE:
                    raise CommandError(t("errors.unclosed_quote", text=text[i:].strip()))
            parts.append(ch)
            i += 1
        tokens.append(("".join(parts), start, i))
    return tokens


def bind_options(command: Command, text: str, tokens: list[tuple[str, int, int]]) -> dict[str, Any]:
    """Assign tokens to options: ``name=value`` by name, the rest in order."""
    args: dict[str, Any] = {}
    positional: list[tuple[str, int, int]] = []
    by_name = {o.name: o for o in command.options}
    for token in tokens:
        word = token[0]
        if "=" in word and word.split("=", 1)[0].lower() in by_name:
            key, value = word.split("=", 1)
            args[key.lower()] = value
        else:
            positional.append(token)
    remaining = [o for o in command.options if o.name not in args and o.positional]
    idx = 0
    for pos, option in enumerate(remaining):
        if idx >= len(positional):
            break
        if option.type is OptionType.TEXT and pos == len(remaining) - 1:
            first, last = positional[idx], positional[-1]
            if len(positional) - idx == 1:
                args[option.name] = first[0]
            else:
                args[option.name] = text[first[1] : last[2]]
            idx = len(positional)
            break
        if option.phrase is not None:
            size = _longest_phrase(option.phrase, [tok[0] for tok in positional[idx:]])
            args[option.name] = " ".join(tok[0] for tok in positional[idx : idx + size])
            idx += size
            continue
        word = positional[idx][0]
        if option.type is OptionType.CHOICE and not option.required and pos < len(remaining) - 1:
            low = word.lower()
            if option.aliases.get(low, low) not in option.choices:
                continue  # an optional choice left out: the word belongs to the next option
        args[option.name] = word
        idx += 1
    if idx < len(positional):
        extra = " ".join(tok[0] for tok in positional[idx:])
        raise CommandError(t("errors.extra_arguments", extra=extra, usage=command.usage()))
    return convert_options(command, args)


def _longest_phrase(accepts: Callable[[str], bool], words: list[str]) -> int:
    """How many of ``words`` (at least one) make the longest phrase ``accepts`` takes."""
    for size in range(len(words), 1, -1):
        if accepts(" ".join(words[:size])):
            return size
    return 1


def convert_options(command: Command, raw: dict[str, Any]) -> dict[str, Any]:
    """Check required options and convert values to their types."""
    out: dict[str, Any] = {}
    for option in command.options:
        value = raw.get(option.name)
        if value is None or value == "":
            if option.required:
                raise CommandError(
                    t("errors.missing_option", option=option.name, usage=command.usage())
                )
            continue
        if isinstance(value, Upload):
            out[option.name] = value
            continue
        value = str(value).strip()
        if option.type is OptionType.CHOICE:
            low = value.lower()
            low = option.aliases.get(low, low)
            if low not in option.choices:
                raise CommandError(
                    t(
                        "errors.bad_choice",
                        option=option.name,
                        value=value,
                        choices=", ".join(option.choices),
                    )
                )
            value = low
        elif option.type is OptionType.INTEGER:
            number = parse_number(value.lstrip("#"), lo=option.lo, hi=option.hi)
            if number is None and (option.lo, option.hi) != (0, MAX_NUMBER):
                raise CommandError(
                    t(
                        "errors.number_range",
                        option=option.name,
                        value=value,
                        lo=option.lo,
                        hi=option.hi,
                    )
                )
            if number is None:
                raise CommandError(t("errors.not_a_number", option=option.name, value=value))
            value = number
        out[option.name] = value
    unknown = set(raw) - {o.name for o in command.options}
    if unknown:
        raise CommandError(
            t("errors.unknown_option", option=", ".join(sorted(unknown)), usage=command.usage())
        )
    return out


__all__ = ["KIND_ALIASES", "KIND_CHOICES", "CommandError"]
REGISTRY = Registry()
