"""The discussion engine: every use case as an async method, platform-independent."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot import logcontext, metrics
from bot.clock import Clock, SystemClock, iso
from bot.club_settings import ClubSettings, effective
from bot.commands.spec import REGISTRY, Command, CommandError, Registry, convert_options
from bot.i18n import t, using_language
from bot.messages import Message, Reply
from bot.models import Extraction, Kind
from bot.platform import (
    ChannelGone,
    ChatPlatform,
    MessageRef,
    MissingPermission,
    PlatformError,
    RateLimited,
    ThreadRef,
    on_workspace,
)
from bot.ratelimit import RateLimiter
from bot.render import render_prompt, thread_title
from bot.store import Store
from bot.store.records import Channel, Club, Document, StoredItem

log = logging.getLogger(__name__)

# Option types whose suggestions only moderators may see (their commands are moderators').
MODERATOR_COMPLETIONS = frozenset({"schedule", "suggestion"})


@dataclass(frozen=True)
class Actor:
    """Who runs a command: ``is_admin`` is the platform's own word (Manage Server, Slack admin)."""

    user_id: str
    name: str
    is_admin: bool = False
    role_ids: tuple[str, ...] = ()
    group_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """Where and by whom a command was run, in platform-neutral terms."""

    platform: str
    workspace_id: str
    channel_id: str
    actor: Actor
    channel_name: str | None = None
    workspace_name: str | None = None
    thread_id: str | None = None


@dataclass(frozen=True)
class PostResult:
    """What became of one prompt: posted (with its refs) or failed (with a reason)."""

    ok: bool
    prompt_id: int | None = None
    message: MessageRef | None = None
    thread: ThreadRef | None = None
    title: str = ""
    error: PlatformError | None = None


@dataclass(frozen=True)
class Choice:
    """The item to post next, or why there is none (``exhausted``: all were posted)."""

    item: StoredItem | None
    cycle: int
    notice: str | None = None
    exhausted: bool = False


@dataclass
class Engine:
    """The core: commands in, neutral messages out through the attached platforms."""

    store: Store
    clock: Clock = field(default_factory=SystemClock)
    registry: Registry = field(default_factory=lambda: REGISTRY)
    max_document_bytes: int = 10 * 1024 * 1024
    allow_private_urls: bool = False
    extraction_seconds: float = 60.0  # a document taking longer to read is refused
    extraction_workers: int = 2  # size of the process-wide extraction pool (first use wins)
    platforms: dict[str, ChatPlatform] = field(default_factory=dict)
    limits: RateLimiter = field(default_factory=RateLimiter)
    listeners: list[Any] = field(default_factory=list)
    attach_hooks: list[Any] = field(default_factory=list)  # sync callables(platform)
    health: Any = None  # a bot.health.Health while serving platforms (adapters report to it)
    _clubs: dict[tuple[str, str], Club] = field(default_factory=dict, repr=False)
    _settings: dict[tuple[int, str], dict[str, Any]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        import bot.commands  # noqa: F401  (registers every command)

    def attach(self, platform: ChatPlatform) -> None:
        self.platforms[platform.name] = platform
        for hook in list(self.attach_hooks):  # e.g. the scheduler wakes for a new platform
            hook(platform)

    def channel_label(self, platform_name: str, channel_id: str) -> str:
        """How the bot's own words name a channel: the platform's mention form, else ``#id``."""
        platform = self.platforms.get(platform_name)
        label = getattr(platform, "channel_label", None)
        return label(channel_id) if label is not None else f"#{channel_id}"

    def now(self) -> str:
        return iso(self.clock.now())

    # -- dispatch -----------------------------------------------------------------------
    async def execute_text(self, ctx: Context, text: str) -> Reply:
        """Run a command typed as text (console, Slack): the words after ``/filmclub``."""
        club = await self.club(ctx)
        with using_language((await self.settings_for(club)).language):
            try:
                command, args = self.registry.parse(text)
            except CommandError as exc:
                return Reply.text(str(exc))
        return await self.execute(ctx, command.name, args)

    async def execute(self, ctx: Context, name: str, args: dict[str, Any]) -> Reply:
        """Run a command by name with already-typed options, checking who may run it."""
        command = self.registry.get(name)
        if command is None:
            return Reply.text(
                t("errors.unknown_command", name=name, hint=self.registry.suggest(name))
            )
        club = await self.club(ctx)
        with (
            using_language((await self.settings_for(club)).language),
            logcontext.about(club_id=club.id, platform_name=ctx.platform, command_name=name),
            metrics.timed(metrics.COMMAND_SECONDS, command=command.name),
        ):
            return await self._run(ctx, command, club, args)

    async def _run(self, ctx: Context, command: Command, club: Club, args: dict[str, Any]) -> Reply:
        name = command.name
        try:
            args = convert_options(command, args)
            if command.moderator:
                if not await self.is_moderator(club, ctx.actor):
                    log.info("refused %s to non-moderator %s", name, ctx.actor.user_id)
                    return Reply.text(t("errors.moderators_only", command=command.name))
            return await command.handler(self, ctx, args)
        except CommandError as exc:
            return Reply.text(str(exc))
        except PlatformError as exc:
            return Reply.text(t("errors.platform", reason=str(exc)))
        except Exception:
            log.exception("command %s failed", name)
            return Reply.text(t("errors.internal", command=command.name))

    # -- clubs, channels, settings ---------------------------------------------------------
    async def club(self, ctx: Context) -> Club:
        return await self.club_of(ctx.platform, ctx.workspace_id, ctx.workspace_name)

    async def club_of(self, platform: str, workspace_id: str, name: str | None = None) -> Club:
        """The club of a workspace, created on first contact (cached: clubs do not change)."""
        key = (platform, workspace_id)
        club = self._clubs.get(key)
        if club is None:
            club = await self.store.discussion.ensure_club(platform, workspace_id, name, self.now())
            self._clubs[key] = club
        return club

    async def _scope_settings(self, club_id: int, scope: str) -> dict[str, Any]:
        key = (club_id, scope)
        values = self._settings.get(key)
        if values is None:
            values = await self.store.discussion.settings(club_id, scope)
            self._settings[key] = values
        return values

    def settings_changed(self, club_id: int, scope: str = "") -> None:
        self._settings.pop((club_id, scope), None)

    async def channel(self, ctx: Context, club: Club | None = None) -> Channel:
        club = club or await self.club(ctx)
        return await self.store.discussion.ensure_channel(club.id, ctx.channel_id, ctx.channel_name)

    async def settings_for(self, club: Club, channel: Channel | None = None) -> ClubSettings:
        club_values = await self._scope_settings(club.id, "")
        channel_values = (
            await self._scope_settings(club.id, channel.channel_id) if channel else None
        )
        return effective(club_values, channel_values)

    async def is_moderator(self, club: Club, actor: Actor) -> bool:
        """Platform admins, holders of a moderator role, and named moderator users."""
        if actor.is_admin:
            return True
        conf = await self.settings_for(club)
        roles = set(conf.moderator_roles)
        if roles & set(actor.role_ids) or roles & set(actor.group_ids):
            return True
        return actor.user_id in set(conf.moderator_users)

    async def active_document(self, club: Club, channel: Channel) -> Document:
        if channel.active_document_id is None:
            raise CommandError(t("errors.no_document"))
        doc = await self.store.discussion.get_document(club.id, channel.active_document_id)
        if doc is None:
            raise CommandError(t("errors.no_document"))
        return doc

    # -- documents ----------------------------------------------------------------------
    async def add_document(
        self,
        ctx: Context,
        *,
        text: str,
        extraction: Extraction,
        source: str,
        make_active: bool = True,
    ) -> tuple[Document, bool]:
        """Store a document (once per content hash) and make it the channel's active one."""
        club = await self.club(ctx)
        channel = await self.channel(ctx, club)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        existing = await self.store.discussion.find_document_by_hash(club.id, digest)
        if existing is None:
            doc = await self.store.discussion.add_document(
                club.id,
                title=extraction.title,
                film=extraction.film,
                source=source,
                content_hash=digest,
                body=text,
                items=extraction.items,
                loaded_by=ctx.actor.user_id,
                now=self.now(),
            )
        else:
            doc = existing
        if make_active:
            await self.store.discussion.set_active_document(club.id, channel.id, doc.id)
            await self.emit("documents_changed", club=club, channel=channel)
        return doc, existing is not None

    async def extract_in_worker(self, loaded: Any, film: str | None) -> Extraction:
        """Extraction is CPU work: run it in a worker process, with a time limit, so no
        document can stall the event loop (``DocumentError`` when it takes too long)."""
        from bot.sources.worker import shared_pool

        pool = shared_pool(self.extraction_workers)
        with metrics.timed(metrics.EXTRACTION_SECONDS):
            extraction = await pool.extract(loaded, film, timeout=self.extraction_seconds)
        metrics.EXTRACTION_BYTES.observe(len(getattr(loaded, "text", "") or ""))
        return extraction

    async def read_in_worker(
        self, data: bytes, name: str, content_type: str | None, film: str | None
    ) -> tuple[Any, Extraction]:
        """Decode uploaded bytes (PDF parsing, encoding guesses) and extract them, both in a
        worker process under the same time limit (``DocumentError`` when too long)."""
        from bot.sources.worker import shared_pool

        pool = shared_pool(self.extraction_workers)
        with metrics.timed(metrics.EXTRACTION_SECONDS):
            loaded, extraction = await pool.read_and_extract(
                data,
                name,
                content_type,
                max_bytes=self.max_document_bytes,
                film=film,
                timeout=self.extraction_seconds,
            )
        metrics.EXTRACTION_BYTES.observe(len(loaded.text))
        return loaded, extraction

    # -- prompts ------------------------------------------------------------------------
    def platform_for(self, club: Club) -> ChatPlatform:
        platform = self.platforms.get(club.platform)
        if platform is None:
            raise CommandError(t("errors.platform_offline", platform=club.platform))
        return platform

    async def post_prompt(
        self,
        club: Club,
        channel: Channel,
        document: Document,
        stored: StoredItem,
        cycle: int,
        *,
        posted_by: str | None,
        nonce: str | None = None,
        schedule_id: int | None = None,
        prompt_id: int | None = None,
        before_send: Callable[[], Awaitable[None]] | None = None,
        found: MessageRef | None = None,
        cancel_failed: bool = True,
        spoiler: bool | None = None,
    ) -> PostResult:
        """Record, post, open the thread, complete: the one way a prompt reaches a channel.

        ``before_send`` runs just before the platform call (the scheduler records the attempt);
        ``found`` is the prompt's message already on the platform (a post a crash interrupted,
        found again): it is not sent again, only completed. With ``cancel_failed`` off, a post
        that failed keeps its prompt record; the caller decides whether its item is free.
        ``spoiler`` overrides the channel's spoiler setting (a screening's arc prompts).
        """
        platform = self.platform_for(club)
        conf = await self.settings_for(club, channel)
        if spoiler is not None and spoiler != conf.spoilers:
            conf = ClubSettings({**conf.values, "spoilers": spoiler})
        with using_language(conf.language), on_workspace(club.workspace_id):
            return await self._post_prompt(
                platform,
                conf,
                club,
                channel,
                document,
                stored,
                cycle,
                posted_by=posted_by,
                nonce=nonce,
                schedule_id=schedule_id,
                prompt_id=prompt_id,
                before_send=before_send,
                found=found,
                cancel_failed=cancel_failed,
            )

    async def _post_prompt(
        self,
        platform: ChatPlatform,
        conf: ClubSettings,
        club: Club,
        channel: Channel,
        document: Document,
        stored: StoredItem,
        cycle: int,
        *,
        posted_by: str | None,
        nonce: str | None,
        schedule_id: int | None,
        prompt_id: int | None,
        before_send: Callable[[], Awaitable[None]] | None = None,
        found: MessageRef | None = None,
        cancel_failed: bool = True,
    ) -> PostResult:
        ping = conf.ping_role
        messages = render_prompt(
            stored.item,
            document_label=document.label,
            short_id=stored.short_id,
            max_chars=getattr(platform, "max_message_chars", 2000),
            max_quote_length=conf.max_quote_length,
            spoiler=conf.spoilers,
            ping_role=ping,
        )
        title = thread_title(stored.item, spoiler=conf.spoilers)
        if prompt_id is None:
            prompt_id = await self.store.discussion.begin_prompt(
                club_id=club.id,
                channel_ref=channel.id,
                document_id=document.id,
                item_id=stored.id,
                cycle=cycle,
                posted_by=posted_by,
                now=self.now(),
                schedule_id=schedule_id,
            )
        ref: MessageRef | None = found
        thread: ThreadRef | None = None
        error: PlatformError | None = None
        try:
            if ref is None:
                if before_send is not None:
                    await before_send()
                ref = await platform.post_message(
                    channel.channel_id, messages[0], nonce=nonce, title=title
                )
            thread = await platform.open_thread(ref, title, auto_archive_minutes=conf.auto_archive)
            for extra in messages[1:]:
                await platform.post_in_thread(thread, extra)
        except PlatformError as exc:
            log.warning("posting prompt %s in %s failed: %s", prompt_id, channel.channel_id, exc)
            metrics.platform_error(platform.name, exc)
            error = exc
        if ref is None:
            # Nothing reached the channel: forget the prompt so the item is offered again.
            if cancel_failed:
                await self.store.discussion.cancel_prompt(prompt_id)
            if isinstance(error, ChannelGone):
                await self.store.discussion.close_channel_threads(club.id, channel.channel_id)
            return PostResult(False, prompt_id=prompt_id, title=title, error=error)
        # The prompt is visible: keep it recorded, with its thread when one was opened.
        await self.store.discussion.complete_prompt(
            prompt_id=prompt_id,
            club_id=club.id,
            message_id=ref.message_id,
            thread_id=thread.thread_id if thread else None,
            thread_channel_id=thread.channel_id if thread else ref.channel_id,
            title=title,
            now=self.now(),
        )
        metrics.PROMPTS_POSTED.labels(platform=platform.name, kind=stored.item.kind.value).inc()
        if error is not None or thread is None:
            return PostResult(False, prompt_id, ref, thread, title, error=error)
        await self.emit("prompt_posted", club=club, channel=channel, thread=thread)
        return PostResult(True, prompt_id=prompt_id, message=ref, thread=thread, title=title)

    async def choose_item(
        self,
        club: Club,
        channel: Channel,
        document: Document,
        kind: Kind,
        conf: ClubSettings,
    ) -> Choice:
        """The next unposted item of ``kind``; on exhaustion restart only if the club asked."""
        stored, cycle = await self.store.discussion.next_unposted(channel.id, document.id, kind)
        if stored is not None and conf.selection == "engaging":
            from bot.selection import engaging_item

            stored = await engaging_item(self, club, channel, document, kind, cycle) or stored
        if stored is not None:
            return Choice(stored, cycle)
        pool = await self.store.discussion.list_items(club.id, document.id, kind)
        plural = t(f"kind.{kind.value}.plural")
        if not pool:
            return Choice(
                None, cycle, t("discuss.none_of_kind", kind=plural, document=document.label)
            )
        if conf.rotation == "restart":
            await self.store.discussion.restart_rotation(channel.id, document.id, kind)
            stored, cycle = await self.store.discussion.next_unposted(channel.id, document.id, kind)
            if stored is not None:
                return Choice(stored, cycle)
        notice = t(
            "discuss.exhausted",
            count=len(pool),
            kind=plural,
            kind_one=t(f"kind.{kind.value}.one"),
            document=document.label,
            # Named, not "this channel": the notice may be posted in the log channel.
            channel=self.channel_label(club.platform, channel.channel_id),
        )
        return Choice(None, cycle, notice, exhausted=True)

    # -- autocomplete -------------------------------------------------------------------
    async def complete(
        self, ctx: Context, option_type: str, prefix: str, limit: int = 25
    ) -> list[tuple[str, str]]:
        """Suggestions (label, value) for an option being typed: documents, items, schedules,
        waiting suggestions."""
        from bot.render import item_preview, shorten

        club = await self.club(ctx)
        if option_type in MODERATOR_COMPLETIONS and not await self.is_moderator(club, ctx.actor):
            return []  # members never see pending suggestions or the club's schedules
        low = prefix.strip().lower()
        out: list[tuple[str, str]] = []
        if option_type == "document":
            for s in await self.store.discussion.list_documents(club.id):
                label = f"#{s.document.number} {s.document.label}"
                if not low or low in label.lower():
                    out.append((shorten(label, 100)[0], str(s.document.number)))
        elif option_type == "item":
            channel = await self.channel(ctx, club)
            if channel.active_document_id is not None:
                items = await self.store.discussion.list_items(club.id, channel.active_document_id)
                for stored in items:
                    label = f"{stored.short_id} {item_preview(stored.item, 80)}"
                    if not low or low in label.lower():
                        out.append((shorten(label, 100)[0], stored.short_id))
        elif option_type == "schedule":
            for schedule in await self.store.schedules.list(club.id):
                label = f"{schedule.number} {schedule.kind}: {schedule.spec} ({schedule.status})"
                if not low or low in label.lower():
                    out.append((shorten(label, 100)[0], str(schedule.number)))
        elif option_type == "suggestion":
            for suggestion in await self.store.moderation.pending_suggestions(club.id):
                label = f"#{suggestion.number} {suggestion.text}"
                if not low or low in label.lower():
                    out.append((shorten(label, 100)[0], str(suggestion.number)))
        return out[:limit]

    # -- thread activity ----------------------------------------------------------------
    async def record_reply(
        self, platform: str, workspace_id: str, thread_id: str, message_id: str, user_id: str
    ) -> bool:
        """Count a reply in a tracked thread; returns False for untracked threads or repeats."""
        club = await self.club_of(platform, workspace_id)
        counted = await self.store.discussion.record_thread_message(
            club.id, thread_id, message_id, user_id, self.now()
        )
        if counted:
            await self.emit(
                "reply_recorded",
                club=club,
                thread_id=thread_id,
                message_id=message_id,
                user_id=user_id,
            )
        return counted

    async def thread_gone(self, platform: str, workspace_id: str, thread_id: str) -> None:
        """A tracked thread was deleted on the platform: mark its record closed."""
        club = await self.club_of(platform, workspace_id)
        await self.store.discussion.close_thread(club.id, thread_id, "deleted")

    async def channel_gone(self, platform: str, workspace_id: str, channel_id: str) -> int:
        """A channel was deleted: close the records of every thread it held; returns how many."""
        club = await self.club_of(platform, workspace_id)
        closed = await self.store.discussion.close_channel_threads(club.id, channel_id)
        await self.emit("channel_gone", club=club, channel_id=channel_id)
        return closed

    # -- notices ------------------------------------------------------------------------
    async def moderator_channel(self, club: Club, fallback_channel: str | None) -> str | None:
        """Where the moderators are told things: the log channel, else ``fallback_channel``."""
        conf = await self.settings_for(club)
        return conf.log_channel or fallback_channel

    async def notify_moderators(
        self, club: Club, text: str, *, fallback_channel: str | None = None
    ) -> bool:
        """Tell a club's moderators something: in the log channel, else ``fallback_channel``."""
        target = await self.moderator_channel(club, fallback_channel)
        platform = self.platforms.get(club.platform)
        if target is None or platform is None:
            log.warning("no channel to tell club %s: %s", club.id, text)
            return False
        try:
            with on_workspace(club.workspace_id):
                await platform.post_message(target, Message.text(text))
            return True
        except PlatformError as exc:
            log.warning("could not tell club %s's moderators: %s", club.id, exc)
            return False

    async def tell_user(
        self,
        club: Club,
        user_id: str,
        text: str,
        *,
        channel_ref: int | None = None,
        public_text: str | None = None,
    ) -> bool:
        """Tell one person something: a direct message where the platform can, else the
        channel (``public_text``, which says whom it is for, when given)."""
        with on_workspace(club.workspace_id):
            return await self._tell_user(club, user_id, text, channel_ref, public_text)

    async def _tell_user(
        self,
        club: Club,
        user_id: str,
        text: str,
        channel_ref: int | None,
        public_text: str | None = None,
    ) -> bool:
        platform = self.platforms.get(club.platform)
        if platform is None:
            return False
        direct = getattr(platform, "send_direct", None)
        if direct is not None:
            try:
                await direct(club.workspace_id, user_id, Message.text(text))
                return True
            except PlatformError as exc:  # direct messages closed: say it in the channel
                log.info("direct message to %s refused (%s); using the channel", user_id, exc)
        try:
            if channel_ref is not None:
                channel = await self.store.discussion.get_channel_by_ref(club.id, channel_ref)
                if channel is not None:
                    await platform.post_message(
                        channel.channel_id, Message.text(public_text or text)
                    )
                    return True
        except PlatformError as exc:
            log.warning("could not tell user %s: %s", user_id, exc)
        return False

    async def emit(self, event: str, **data: Any) -> None:
        for listener in list(self.listeners):
            try:
                await listener(event, data)
            except Exception:
                log.exception("listener failed on %s", event)


def describe_platform_error(exc: PlatformError) -> str:
    """A user-facing sentence for a platform failure."""
    if isinstance(exc, MissingPermission):
        return t("errors.missing_permission", reason=str(exc))
    if isinstance(exc, ChannelGone):
        return t("errors.channel_gone", reason=str(exc))
    if isinstance(exc, RateLimited):
        return t("errors.rate_limited", seconds=round(exc.retry_after, 1))
    return t("errors.platform", reason=str(exc))
