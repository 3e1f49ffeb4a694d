"""Member suggestions and moderator curation of the active document's pool."""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any

from bot.commands.discussion import KIND_OPTION, command
from bot.commands.spec import CommandError, Option, OptionType
from bot.i18n import t
from bot.messages import Action, ListBlock, Message, Reply
from bot.models import Item, Kind, Turn
from bot.render import item_preview
from bot.store.records import StoredItem, parse_short_id

if TYPE_CHECKING:
    from bot.engine import Context, Engine

ITEM = Option("item", OptionType.ITEM, "option.item", required=True)
SUGGESTION = Option("suggestion", OptionType.INTEGER, "option.suggestion", required=True)
_WORD = re.compile(r"[\w']+")
MAX_SUGGESTION = 1000


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def near_duplicate(text: str, candidates: list[tuple[str, str]]) -> str | None:
    """The label of a candidate that says nearly the same thing, if any."""
    mine = _norm(text)
    words = set(mine.split())
    for label, other in candidates:
        theirs = _norm(other)
        if not theirs:
            continue
        overlap = len(words & set(theirs.split())) / max(1, len(words | set(theirs.split())))
        if (
            mine == theirs
            or overlap >= 0.8
            or difflib.SequenceMatcher(None, mine, theirs).ratio() >= 0.88
        ):
            return label
    return None


def parse_item_text(kind: Kind, text: str, speaker: str | None) -> Item:
    """Build an item from what a moderator typed; exchanges are ``Name: line`` turns."""
    text = text.strip()
    if not text:
        raise CommandError(t("curation.empty_text"))
    if kind is Kind.EXCHANGE:
        turns = []
        for part in re.split(r"\n| / ", text):
            name, sep, line = part.partition(":")
            if not sep or not name.strip() or not line.strip():
                raise CommandError(t("curation.exchange_format"))
            turns.append(Turn(name.strip(), line.strip()))
        if len(turns) < 2:
            raise CommandError(t("curation.exchange_format"))
        return Item(kind, turns=tuple(turns))
    if kind is Kind.QUOTE:
        return Item(kind, text=text, speaker=(speaker or None))
    return Item(kind, text=text)


async def _active_item(engine: Engine, ctx: Context, ref: str) -> tuple[Any, StoredItem]:
    club = await engine.club(ctx)
    channel = await engine.channel(ctx, club)
    doc = await engine.active_document(club, channel)
    parsed = parse_short_id(ref)
    if parsed is None:
        raise CommandError(t("discuss.bad_item", ref=ref))
    stored = await engine.store.discussion.get_item(club.id, doc.id, *parsed)
    if stored is None:
        raise CommandError(t("discuss.no_item", ref=ref, title=doc.label))
    return club, stored


@command(
    "suggest", options=(Option("question", OptionType.TEXT, "option.question", required=True),)
)
async def suggest_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    text = str(args["question"]).strip()
    if len(text) > MAX_SUGGESTION:
        raise CommandError(t("curation.too_long", limit=MAX_SUGGESTION))
    club = await engine.club(ctx)
    channel = await engine.channel(ctx, club)
    doc = await engine.active_document(club, channel)
    items = await engine.store.discussion.list_items(club.id, doc.id, Kind.QUESTION)
    pending = await engine.store.moderation.pending_suggestions(club.id)
    candidates = [(s.short_id, s.item.text) for s in items]
    candidates += [(f"#{p.number}", p.text) for p in pending if p.document_id == doc.id]
    duplicate = near_duplicate(text, candidates)
    suggestion = await engine.store.moderation.add_suggestion(
        club.id,
        document_id=doc.id,
        channel_ref=channel.id,
        text=text,
        user_id=ctx.actor.user_id,
        user_name=ctx.actor.name,
        duplicate_of=duplicate,
        now=engine.now(),
    )
    await engine.emit("suggestions_changed", club=club)
    reply = t("curation.suggested", number=suggestion.number, title=doc.label)
    if duplicate:
        reply += "\n" + t("curation.duplicate_note", other=duplicate)
    await engine.notify_moderators(
        club,
        t("curation.new_suggestion", number=suggestion.number, who=ctx.actor.name, text=text),
        fallback_channel=None,
    )
    return Reply.text(reply)


@command("suggestions", moderator=True)
async def suggestions_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    pending = await engine.store.moderation.pending_suggestions(club.id)
    if not pending:
        return Reply.text(t("curation.queue_empty"))
    lines, actions = [], []
    for s in pending:
        flag = t("curation.duplicate_flag", other=s.duplicate_of) if s.duplicate_of else ""
        lines.append(
            t(
                "curation.queue_line",
                number=s.number,
                who=s.suggested_by_name or s.suggested_by,
                text=s.text,
                flag=flag,
            )
        )
        actions.append(
            Action(
                t("curation.approve_button", number=s.number),
                "approve",
                (("suggestion", str(s.number)),),
                "primary",
            )
        )
        actions.append(
            Action(
                t("curation.reject_button", number=s.number),
                "reject",
                (("suggestion", str(s.number)),),
                "danger",
            )
        )
    lines.append(t("curation.queue_hint"))
    return Reply(
        Message((ListBlock(tuple(lines), title=t("curation.queue_title")),)),
        actions=tuple(actions[:25]),
    )


async def _decide(engine: Engine, ctx: Context, number: int, approve: bool) -> Reply:
    club = await engine.club(ctx)
    result = await engine.store.moderation.decide_suggestion(
        club.id, number, approve=approve, decided_by=ctx.actor.user_id, now=engine.now()
    )
    if result is None:
        raise CommandError(t("curation.no_suggestion", number=number))
    suggestion, item = result
    await engine.emit("suggestions_changed", club=club)
    outcome = "approved" if approve else "rejected"
    await engine.tell_user(
        club,
        suggestion.suggested_by,
        t(
            f"curation.told_{outcome}",
            number=suggestion.number,
            text=suggestion.text,
            item=item.short_id if item else "",
        ),
        channel_ref=suggestion.channel_ref,
    )
    if item:
        return Reply.text(t("curation.approved", number=number, item=item.short_id))
    return Reply.text(t("curation.rejected", number=number))


@command("approve", options=(SUGGESTION,), moderator=True)
async def approve_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    return await _decide(engine, ctx, int(args["suggestion"]), True)


@command("reject", options=(SUGGESTION,), moderator=True)
async def reject_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    return await _decide(engine, ctx, int(args["suggestion"]), False)


@command(
    "add",
    options=(
        Option(
            KIND_OPTION.name,
            KIND_OPTION.type,
            KIND_OPTION.help,
            required=True,
            choices=KIND_OPTION.choices,
            aliases=KIND_OPTION.aliases,
        ),
        Option("speaker", OptionType.STRING, "option.speaker", positional=False),
        Option("text", OptionType.TEXT, "option.item_text", required=True),
    ),
    moderator=True,
)
async def add_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    channel = await engine.channel(ctx, club)
    doc = await engine.active_document(club, channel)
    item = parse_item_text(Kind(args["kind"]), str(args["text"]), args.get("speaker"))
    stored = await engine.store.moderation.add_item(club.id, doc.id, item)
    return Reply.text(
        t("curation.added", item=stored.short_id, preview=item_preview(item), title=doc.label)
    )


def _status_command(name: str, status: str) -> None:
    @command(name, options=(ITEM,), moderator=True)
    async def handler(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
        club, stored = await _active_item(engine, ctx, str(args["item"]))
        await engine.store.moderation.set_item_status(club.id, stored.id, status)
        return Reply.text(
            t(f"curation.{name}_done", item=stored.short_id, preview=item_preview(stored.item))
        )


_status_command("skip", "skipped")
_status_command("remove", "removed")
_status_command("restore", "active")


@command(
    "edit",
    options=(ITEM, Option("text", OptionType.TEXT, "option.item_text", required=True)),
    moderator=True,
)
async def edit_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club, stored = await _active_item(engine, ctx, str(args["item"]))
    new = parse_item_text(stored.kind, str(args["text"]), stored.item.speaker)
    await engine.store.moderation.edit_item(club.id, stored.id, new)
    original = stored.original or stored.item
    return Reply.text(
        t(
            "curation.edited",
            item=stored.short_id,
            preview=item_preview(new),
            original=item_preview(original),
        )
    )


@command("pool", options=(KIND_OPTION,), moderator=True)
async def pool_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    """Every item of the active document, with its status and origin (moderators)."""
    club = await engine.club(ctx)
    channel = await engine.channel(ctx, club)
    doc = await engine.active_document(club, channel)
    kind = Kind(args["kind"]) if "kind" in args else None
    items = await engine.store.discussion.list_items(club.id, doc.id, kind, active_only=False)
    lines = []
    for s in items:
        notes = []
        if s.status != "active":
            notes.append(t(f"curation.status.{s.status}"))
        if s.origin != "document":
            notes.append(t(f"curation.origin.{s.origin}"))
        if s.original is not None:
            notes.append(t("curation.edited_flag"))
        suffix = f"  [{', '.join(notes)}]" if notes else ""
        lines.append(f"{s.short_id}  {item_preview(s.item)}{suffix}")
    return Reply(
        Message(
            (
                ListBlock(
                    tuple(lines) or (t("preview.none"),),
                    title=t("curation.pool_title", title=doc.label),
                ),
            )
        )
    )
