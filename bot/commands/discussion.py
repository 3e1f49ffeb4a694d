"""The discussion commands: help, load, docs, use, preview, discuss and its shortcuts, history, stats."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.clock import local_text
from bot.commands.spec import (
    KIND_ALIASES,
    KIND_CHOICES,
    REGISTRY,
    Command,
    CommandError,
    Option,
    OptionType,
    Upload,
)
from bot.i18n import counted, t
from bot.messages import ListBlock, Message, Reply, TextBlock, verbatim
from bot.models import Kind
from bot.numbers import parse_number
from bot.ratelimit import wait_text
from bot.render import item_preview
from bot.store.records import Document, parse_short_id

if TYPE_CHECKING:
    from bot.engine import Context, Engine

log = logging.getLogger(__name__)

KIND_OPTION = Option(
    "kind", OptionType.CHOICE, "option.kind", choices=KIND_CHOICES, aliases=KIND_ALIASES
)


def command(name: str, **kwargs: Any):  # type: ignore[no-untyped-def]
    """Register the decorated handler as the command ``name``."""

    def wrap(handler):  # type: ignore[no-untyped-def]
        REGISTRY.add(
            Command(name=name, help=f"help.{name.replace(' ', '.')}", handler=handler, **kwargs)
        )
        return handler

    return wrap


@command("help")
async def help_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    moderator = await engine.is_moderator(club, ctx.actor)
    lines = []
    for cmd in engine.registry:
        if cmd.moderator and not moderator:
            continue
        lines.append(f"{cmd.usage()} \u2014 {t(cmd.help)}")
    blocks = [ListBlock(tuple(lines), title=t("help.title"))]
    if not moderator:
        blocks.append(TextBlock(t("help.member_note")))
    return Reply(Message(tuple(blocks)))


async def resolve_document(engine: Engine, club_id: int, ref: str) -> Document:
    """A document by its number (``2``, ``#2``) or a unique part of its title or source."""
    ref = ref.strip()
    number = parse_number(ref.lstrip("#"), lo=1)
    if number is not None:
        doc = await engine.store.discussion.get_document_by_number(club_id, number)
        if doc:
            return doc
    low = ref.lower()
    summaries = await engine.store.discussion.list_documents(club_id)
    matches = [
        s.document
        for s in summaries
        if low in (s.document.title or "").lower() or low in s.document.source.lower()
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise CommandError(t("docs.not_found", ref=ref))
    names = ", ".join(f"#{d.number} {d.label}" for d in matches[:5])
    raise CommandError(t("docs.ambiguous", ref=ref, names=names))


@command(
    "load",
    options=(
        Option("source", OptionType.SOURCE, "option.source"),
        Option("film", OptionType.STRING, "option.film"),
    ),
    moderator=True,
    slow=True,
)
async def load_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    from bot.sources import DocumentError, fetch_url, read_path
    from bot.sources.base import too_big

    source = args.get("source")
    if source is None:
        raise CommandError(t("load.missing_source"))
    try:
        if isinstance(source, Upload):
            if len(source.data) > engine.max_document_bytes:
                raise too_big(source.name, len(source.data), engine.max_document_bytes)
            # Decoding too (a PDF's parsing, an encoding guess) happens in a worker process.
            loaded, extraction = await engine.read_in_worker(
                source.data, source.name, source.content_type, args.get("film")
            )
        elif source.lower().startswith(("http://", "https://")):
            loaded = await fetch_url(
                source, max_bytes=engine.max_document_bytes, allow_private=engine.allow_private_urls
            )
        elif _OTHER_SCHEME.match(source):  # ftp://, file:///etc/passwd: not a path either
            raise CommandError(
                t("load.only_http_console" if ctx.platform == "console" else "load.only_http")
            )
        elif ctx.platform == "console":
            import asyncio

            loaded = await asyncio.to_thread(read_path, source, max_bytes=engine.max_document_bytes)
        else:
            raise CommandError(t("load.url_or_file"))
        if not isinstance(source, Upload):
            extraction = await engine.extract_in_worker(loaded, args.get("film"))
    except DocumentError as exc:
        return Reply.text(t("load.failed", reason=str(exc)))
    doc, existed = await engine.add_document(
        ctx, text=loaded.text, extraction=extraction, source=loaded.name
    )
    key = "load.already" if existed else "load.done"
    summary = t(
        key,
        number=doc.number,
        title=verbatim(doc.label),
        film=verbatim(doc.film) if doc.film else t("load.unknown_film"),
        quotes=counted("quote", extraction.count(Kind.QUOTE)),
        exchanges=counted("exchange", extraction.count(Kind.EXCHANGE)),
        questions=counted("question", extraction.count(Kind.QUESTION)),
    )
    if not extraction.items:
        summary += "\n" + t("load.nothing_found")
    return Reply.text(summary)


_OTHER_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:/")  # two letters at least: C:/ is a path


@command("docs")
async def docs_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    channel = await engine.channel(ctx, club)
    summaries = await engine.store.discussion.list_documents(club.id)
    if not summaries:
        return Reply.text(t("docs.empty"))
    lines = []
    for s in summaries:
        doc = s.document
        marker = t("docs.active_marker") if doc.id == channel.active_document_id else ""
        lines.append(
            t(
                "docs.line",
                number=doc.number,
                title=verbatim(doc.label),
                film=verbatim(doc.film) if doc.film else t("load.unknown_film"),
                quotes=counted("quote", s.quotes),
                exchanges=counted("exchange", s.exchanges),
                questions=counted("question", s.questions),
                active=marker,
            )
        )
    return Reply(Message((ListBlock(tuple(lines), title=t("docs.title")),)))


@command(
    "use",
    options=(Option("document", OptionType.DOCUMENT, "option.document", required=True),),
    moderator=True,
)
async def use_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    channel = await engine.channel(ctx, club)
    doc = await resolve_document(engine, club.id, str(args["document"]))
    await engine.store.discussion.set_active_document(club.id, channel.id, doc.id)
    await engine.emit("documents_changed", club=club, channel=channel)
    return Reply.text(t("use.done", number=doc.number, title=verbatim(doc.label)))


PAGE_OPTION = Option("page", OptionType.INTEGER, "option.page", positional=False, lo=1)
PAGE_LINES = 20  # lines of each section on one page of a long list


def page_of(lines: list[str], page: int, size: int = PAGE_LINES) -> tuple[list[str], int]:
    """The ``page``-th (from 1) slice of ``lines`` and how many pages there are."""
    pages = max(1, -(-len(lines) // size))
    return lines[(page - 1) * size : page * size], pages


def page_footer(page: int, pages: int, command: str) -> TextBlock | None:
    """Where a paged reply stands, and the command for the next page."""
    if pages <= 1:
        return None
    if page >= pages:
        return TextBlock(t("limits.last_page", page=page, pages=pages))
    return TextBlock(
        t("limits.page", page=page, pages=pages, command=command, next=f"page={page + 1}")
    )


@command("preview", options=(KIND_OPTION, PAGE_OPTION))
async def preview_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    """The active document's items, a page at a time (a document may hold thousands)."""
    club = await engine.club(ctx)
    channel = await engine.channel(ctx, club)
    doc = await engine.active_document(club, channel)
    kinds = [Kind(args["kind"])] if "kind" in args else [Kind.QUESTION, Kind.QUOTE, Kind.EXCHANGE]
    page = max(1, int(args.get("page", 1)))
    blocks: list[Any] = [
        TextBlock(t("preview.header", number=doc.number, title=verbatim(doc.label)))
    ]
    pages = 1
    for kind in kinds:
        items = await engine.store.discussion.list_items(club.id, doc.id, kind)
        title = t(
            "preview.section", kind=t(f"kind.{kind.value}.plural").capitalize(), count=len(items)
        )
        shown, kind_pages = page_of(items, page)
        pages = max(pages, kind_pages)
        lines = tuple(f"{s.short_id}  {item_preview(s.item)}" for s in shown) or (
            t("preview.none"),
        )
        blocks.append(ListBlock(lines, title=title))
    if page > pages:
        raise CommandError(t("limits.no_page", count=pages))
    command = "preview" + (f" {args['kind']}" if "kind" in args else "")
    footer = page_footer(page, pages, command)
    if footer is not None:
        blocks.append(footer)
    return Reply(Message(tuple(blocks)))


async def discuss(engine: Engine, ctx: Context, kind: str | None, item_ref: str | None) -> Reply:
    club = await engine.club(ctx)
    channel = await engine.channel(ctx, club)
    doc = await engine.active_document(club, channel)
    conf = await engine.settings_for(club, channel)
    if item_ref:
        parsed = parse_short_id(item_ref)
        if parsed is None:
            raise CommandError(t("discuss.bad_item", ref=item_ref))
        stored = await engine.store.discussion.get_item(club.id, doc.id, *parsed)
        if stored is None or stored.status != "active":
            raise CommandError(t("discuss.no_item", ref=item_ref, title=doc.label))
        cycle = await engine.store.discussion.rotation_cycle(channel.id, doc.id, stored.kind)
    else:
        if kind:
            kinds = [Kind(kind)]
        else:
            from bot.selection import ordered_kinds

            kinds = await ordered_kinds(engine, club, conf)
        notices: list[str] = []
        exhausted = False
        stored, cycle = None, 0
        for candidate in kinds:
            choice = await engine.choose_item(club, channel, doc, candidate, conf)
            if choice.item is not None:
                stored, cycle = choice.item, choice.cycle
                break
            exhausted = exhausted or choice.exhausted
            if choice.notice:
                notices.append(choice.notice)
        if stored is None:
            text = "\n".join(notices) or t("discuss.nothing")
            if exhausted and await engine.is_moderator(club, ctx.actor):
                text += "\n" + t("discuss.restart_hint")
            return Reply.text(text)
    reserved = await _reserve_member_prompt(engine, ctx, club, channel, conf)
    result = await engine.post_prompt(
        club, channel, doc, stored, cycle, posted_by=ctx.actor.user_id
    )
    if not result.ok:
        from bot.engine import describe_platform_error

        for key, when in reserved:  # nothing was posted: it does not count
            engine.limits.forget(key, when)
        assert result.error is not None
        return Reply.text(describe_platform_error(result.error))
    return Reply.text(t("discuss.posted", item=stored.short_id, title=verbatim(result.title)))


async def _reserve_member_prompt(
    engine: Engine, ctx: Context, club: Any, channel: Any, conf: Any
) -> list[tuple[tuple[Any, ...], Any]]:
    """Hold a member to the channel's ``member_cooldown`` and ``channel_rate`` (moderators are
    exempt and not counted, and so is the console, where one person types everything);
    reserves the member's slot, or raises ``CommandError``."""
    if ctx.platform == "console" or await engine.is_moderator(club, ctx.actor):
        return []
    now = engine.clock.now()
    member_key = ("prompt-member", club.id, channel.id, ctx.actor.user_id)
    channel_key = ("prompt-channel", club.id, channel.id)
    cooldown = int(conf.member_cooldown)
    wait = engine.limits.wait(member_key, now, limit=1, window=timedelta(minutes=cooldown))
    if wait is not None:
        raise CommandError(t("limits.member_cooldown", wait=wait_text(wait), minutes=cooldown))
    rate = int(conf.channel_rate)
    wait = engine.limits.wait(channel_key, now, limit=rate, window=timedelta(hours=1))
    if wait is not None:
        raise CommandError(t("limits.channel_rate", wait=wait_text(wait), limit=rate))
    engine.limits.record(member_key, now)
    engine.limits.record(channel_key, now)
    return [(member_key, now), (channel_key, now)]


@command(
    "discuss",
    options=(KIND_OPTION, Option("item", OptionType.ITEM, "option.item")),
)
async def discuss_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    kind, item = args.get("kind"), args.get("item")
    return await discuss(engine, ctx, kind, item)


def _shortcut(kind: str):  # type: ignore[no-untyped-def]
    async def handler(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
        return await discuss(engine, ctx, kind, args.get("item"))

    return handler


for _kind in KIND_CHOICES:
    REGISTRY.add(
        Command(
            name=_kind,
            help=f"help.{_kind}",
            handler=_shortcut(_kind),
            options=(Option("item", OptionType.ITEM, "option.item"),),
        )
    )


HISTORY_MAX = 50


@command(
    "history", options=(Option("limit", OptionType.INTEGER, "option.limit", lo=1, hi=HISTORY_MAX),)
)
async def history_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    channel = await engine.channel(ctx, club)
    limit = int(args.get("limit", 10))
    prompts = await engine.store.discussion.recent_prompts(
        club.id, channel_ref=channel.id, limit=limit
    )
    if not prompts:
        return Reply.text(t("history.empty"))
    zone = (await engine.settings_for(club)).timezone
    lines = []
    for p in prompts:
        lines.append(
            t(
                "history.line",
                when=local_text(p.posted_at, zone),
                item=p.item_short_id,
                title=p.thread_title or t("history.no_thread"),
                replies=counted("reply", p.replies),
                participants=counted("participant", p.participants),
                status="" if p.thread_status in (None, "open") else f" [{p.thread_status}]",
            )
        )
    return Reply(Message((ListBlock(tuple(lines), title=t("history.title")),)))


@command("stats")
async def stats_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    stats = await engine.store.discussion.document_stats(club.id)
    if not stats:
        return Reply.text(t("docs.empty"))
    lines = [
        t(
            "stats.line",
            number=s.document.number,
            title=verbatim(s.document.label),
            prompts=counted("prompt", s.prompts),
            replies=counted("reply", s.replies),
            participants=counted("participant", s.participants),
        )
        for s in stats
    ]
    return Reply(Message((ListBlock(tuple(lines), title=t("stats.title")),)))
