"""Member suggestions and moderator curation of the active document's pool."""

from __future__ import annotations

import asyncio
import difflib
import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.commands.discussion import (
    KIND_OPTION,
    PAGE_LINES,
    PAGE_OPTION,
    command,
    page_footer,
    page_of,
)
from bot.commands.spec import CommandError, Option, OptionType
from bot.i18n import t
from bot.messages import Action, ListBlock, Message, Reply, verbatim
from bot.models import Item, Kind, Turn
from bot.ratelimit import wait_text
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
        their_words = set(theirs.split())
        overlap = len(words & their_words) / max(1, len(words | their_words))
        if mine == theirs or overlap >= 0.8:
            return label
        # The similarity ratio is at most 2·shorter/(sum of lengths): most candidates are
        # ruled out by their length alone, before the (quadratic) matcher runs.
        if 2 * min(len(mine), len(theirs)) < 0.88 * (len(mine) + len(theirs)):
            continue
        matcher = difflib.SequenceMatcher(None, mine, theirs)
        if matcher.real_quick_ratio() >= 0.88 and matcher.quick_ratio() >= 0.88:
            if matcher.ratio() >= 0.88:
                return label
    return None


MAX_PENDING_PER_MEMBER = 10  # a member's suggestions waiting for the moderators
MAX_PENDING_PER_CLUB = 200  # the whole club's queue
SUGGEST_BURST = 5  # one member's suggestions …
SUGGEST_WINDOW_MINUTES = 10  # … in this many minutes


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
    pending = await engine.store.moderation.pending_suggestions(club.id)
    moderator = await engine.is_moderator(club, ctx.actor)
    key = ("suggest", club.id, ctx.actor.user_id)
    now = engine.clock.now()
    if not moderator:
        _check_suggestion_limits(engine, ctx, key, now, pending)
        engine.limits.record(key, now)
    items = await engine.store.discussion.list_items(club.id, doc.id, Kind.QUESTION)
    candidates = [(s.short_id, s.item.text) for s in items]
    candidates += [(f"#{p.number}", p.text) for p in pending if p.document_id == doc.id]
    # Off the event loop: a document may hold thousands of questions to compare with.
    duplicate = await asyncio.to_thread(near_duplicate, text, candidates)
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
    await tell_moderators_of(engine, club, ctx, suggestion.number, text)
    return Reply.text(reply)


async def tell_moderators_of(
    engine: Engine, club: Any, ctx: Context, number: int, text: str
) -> None:
    """A new suggestion: its text in the log channel; with none, a notice in the channel where
    it was made that one is waiting (without its text: members read that channel too)."""
    if await engine.moderator_channel(club, None) is not None:
        notice = t(
            "curation.new_suggestion",
            number=number,
            who=verbatim(ctx.actor.name),
            text=verbatim(text),
        )
    else:
        notice = t("curation.suggestion_waiting", number=number)
    await engine.notify_moderators(club, notice, fallback_channel=ctx.channel_id)


def _check_suggestion_limits(
    engine: Engine, ctx: Context, key: tuple[Any, ...], now: Any, pending: list[Any]
) -> None:
    """5 suggestions per member in 10 minutes, 10 waiting per member, 200 per club."""
    wait = engine.limits.wait(
        key, now, limit=SUGGEST_BURST, window=timedelta(minutes=SUGGEST_WINDOW_MINUTES)
    )
    if wait is not None:
        raise CommandError(
            t(
                "limits.suggest_rate",
                wait=wait_text(wait),
                count=SUGGEST_BURST,
                minutes=SUGGEST_WINDOW_MINUTES,
            )
        )
    mine = sum(1 for p in pending if p.suggested_by == ctx.actor.user_id)
    if mine >= MAX_PENDING_PER_MEMBER:
        raise CommandError(t("limits.suggest_member_full", count=mine))
    if len(pending) >= MAX_PENDING_PER_CLUB:
        raise CommandError(t("limits.suggest_club_full", count=len(pending)))


@command("suggestions", options=(PAGE_OPTION,), moderator=True)
async def suggestions_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    pending = await engine.store.moderation.pending_suggestions(club.id)
    if not pending:
        return Reply.text(t("curation.queue_empty"))
    page = max(1, int(args.get("page", 1)))
    pending, pages = page_of(pending, page, 10)  # up to 1,000 characters each
    if page > pages:
        raise CommandError(t("limits.no_page", count=pages))
    lines, actions = [], []
    for s in pending:
        flag = t("curation.duplicate_flag", other=s.duplicate_of) if s.duplicate_of else ""
        lines.append(
            t(
                "curation.queue_line",
                number=s.number,
                who=verbatim(s.suggested_by_name or s.suggested_by),
                text=verbatim(s.text),
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
    blocks: list[Any] = [ListBlock(tuple(lines), title=t("curation.queue_title"))]
    footer = page_footer(page, pages, "suggestions")
    if footer is not None:
        blocks.append(footer)
    return Reply(Message(tuple(blocks)), actions=tuple(actions[:25]))


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
    told = await engine.tell_user(
        club,
        suggestion.suggested_by,
        t(
            f"curation.told_{outcome}",
            number=suggestion.number,
            text=verbatim(suggestion.text),
            item=item.short_id if item else "",
        ),
        # An approval may be said in the channel when direct messages are closed; a
        # rejection never is: it is between the member and the moderators.
        channel_ref=suggestion.channel_ref if approve else None,
        # In the channel it names whose suggestion it was (a name, never a ping).
        public_text=t(
            "curation.told_approved_public",
            who=verbatim(suggestion.suggested_by_name or suggestion.suggested_by),
            number=suggestion.number,
            text=verbatim(suggestion.text),
            item=item.short_id,
        )
        if item
        else None,
    )
    if item:
        return Reply.text(t("curation.approved", number=number, item=item.short_id))
    reply = t("curation.rejected", number=number)
    if not told:
        who = suggestion.suggested_by_name or suggestion.suggested_by
        reply += "\n" + t("limits.rejected_not_told", who=verbatim(who))
    return Reply.text(reply)


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
    options=(
        ITEM,
        Option("speaker", OptionType.STRING, "option.speaker", positional=False),
        Option("text", OptionType.TEXT, "option.item_text"),
    ),
    moderator=True,
)
async def edit_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    """New words, a new speaker (``speaker=…``, quotes only), or both; the original is kept."""
    club, stored = await _active_item(engine, ctx, str(args["item"]))
    speaker, text = args.get("speaker"), args.get("text")
    if speaker is None and text is None:
        raise CommandError(t("curation.edit_nothing", item=stored.short_id))
    if speaker is not None and stored.kind is not Kind.QUOTE:
        raise CommandError(t("curation.speaker_only_quotes", item=stored.short_id))
    if text is None:
        text = stored.item.text
    new = parse_item_text(stored.kind, str(text), speaker or stored.item.speaker)
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


@command("pool", options=(KIND_OPTION, PAGE_OPTION), moderator=True)
async def pool_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    """Every item of the active document, with its status and origin (moderators)."""
    club = await engine.club(ctx)
    channel = await engine.channel(ctx, club)
    doc = await engine.active_document(club, channel)
    kind = Kind(args["kind"]) if "kind" in args else None
    items = await engine.store.discussion.list_items(club.id, doc.id, kind, active_only=False)
    page = max(1, int(args.get("page", 1)))
    items, pages = page_of(items, page, 2 * PAGE_LINES)
    if page > pages:
        raise CommandError(t("limits.no_page", count=pages))
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
    blocks: list[Any] = [
        ListBlock(
            tuple(lines) or (t("preview.none"),), title=t("curation.pool_title", title=doc.label)
        )
    ]
    footer = page_footer(page, pages, "pool" + (f" {args['kind']}" if "kind" in args else ""))
    if footer is not None:
        blocks.append(footer)
    return Reply(Message(tuple(blocks)))
