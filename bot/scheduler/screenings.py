"""Screening slots for the scheduler: announcement, reminders, arc prompts and recap, once each."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.clock import iso, parse_iso
from bot.club_settings import duration_minutes
from bot.commands.spec import CommandError
from bot.i18n import DEFAULT_LANGUAGE, catalog, t, using_language
from bot.messages import Message
from bot.models import Kind
from bot.platform import (
    FIND_POST,
    ChannelGone,
    MessageRef,
    MissingPermission,
    OutcomeUnknown,
    PlatformError,
    RateLimited,
    ThreadRef,
    TransientError,
    on_workspace,
)
from bot.render import item_preview, render_prompt
from bot.scheduler.recurrence import zone_of
from bot.screening import (
    Rsvp,
    announcement,
    arc_opening,
    local_when,
    plan,
    recap_message,
    reminder,
    spoilers_until,
)
from bot.selection import choose_arc_item
from bot.store.records import Channel, Club, Document
from bot.store.screenings import (
    ACTIVE,
    ANNOUNCE,
    ARC,
    DONE,
    FAILED,
    PAUSED,
    POSTED,
    RECAP,
    REMIND,
    SKIPPED,
    UNKNOWN,
    Screening,
    Slot,
)

if TYPE_CHECKING:
    from bot.club_settings import ClubSettings
    from bot.engine import Engine
    from bot.scheduler.service import Scheduler

log = logging.getLogger(__name__)

LATE_TOLERANCE = timedelta(minutes=1)
LOOKUP_MARGIN = timedelta(minutes=5)
MAX_ATTEMPTS = 3  # a slot whose outcome stays unsure after this many tries is unknown  # clocks differ: look this much further back for a post
# Settings that move a screening's slots still to come (None: several changed at once).
REPLAN_KEYS = (
    "timezone",
    "arc_time",
    "arc_days",
    "screening_length",
    "screening_reminders",
    None,
)
NONCE_WINDOW_ATTRIBUTE = "nonce_window"


def slot_nonce(slot: Slot) -> str:
    """The idempotency key of one screening slot (at most 25 characters)."""
    code = {ANNOUNCE: "a", REMIND: "m", ARC: "p", RECAP: "r"}.get(slot.kind, "x")
    return f"fs{slot.screening_id}.{code}{slot.seq}"


def club_of(screening: Screening) -> Club:
    return Club(screening.club_id, screening.platform, screening.workspace_id, None)


class Paused(Exception):
    """The screening cannot go on (channel gone, permission lost): pause it, tell moderators."""


class ScreeningSlots:
    """A slot source of the scheduler: runs due screening slots in its passes, exactly once.

    Each slot is claimed (one row moves from ``pending`` to ``started``, with its prompt record
    for an arc prompt, in one transaction) before anything is posted, and closed with its
    outcome after; a slot found ``started`` after a restart is settled, never posted twice.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.store = engine.store.screenings
        self._reconciled: set[str] = set()
        self._lost: dict[int, str] = {}  # slot -> why its post went out incomplete
        # One pass at a time: a second one (the console's /wait beside the scheduler's loop)
        # waits for the first to finish its posts rather than return while they are under way.
        self._pass = asyncio.Lock()
        engine.listeners.append(self._on_event)

    def attach(self, scheduler: Scheduler) -> ScreeningSlots:
        scheduler.sources.append(self)
        scheduler.cluster.holders.append(self.store)  # leases renewed and released with its own
        return self

    def detach(self, scheduler: Scheduler) -> None:
        if self in scheduler.sources:
            scheduler.sources.remove(self)
        if self.store in scheduler.cluster.holders:
            scheduler.cluster.holders.remove(self.store)
        if self._on_event in self.engine.listeners:
            self.engine.listeners.remove(self._on_event)

    async def earliest(self) -> str | None:
        return await self.store.earliest()

    # -- events ---------------------------------------------------------------------------
    async def _on_event(self, event: str, data: dict[str, Any]) -> None:
        if event == "reply_recorded":
            club: Club = data["club"]
            found = await self.store.arc_prompt_for_thread(club.id, data["thread_id"])
            if found is not None:
                await self.store.record_reply(
                    found[0], found[1], data["message_id"], data["user_id"], self.engine.now()
                )
        elif event == "settings_changed" and not data.get("scope") and data.get("club"):
            if data.get("key") in REPLAN_KEYS:
                await self.replan_club(data["club"])
                await self.engine.emit("schedules_changed", club=data["club"])

    async def replan_club(self, club: Club) -> None:
        """The club's zone or arc time changed: move every active screening's future slots."""
        for screening in await self.store.list(club.id):
            if screening.status == ACTIVE:
                await self.replan(screening)

    async def replan(self, screening: Screening) -> None:
        club = club_of(screening)
        conf = await self.engine.settings_for(club)
        zone = zone_of(conf.timezone)
        now = self.engine.clock.now()
        slots = [
            (kind, seq, iso(due))
            for kind, seq, due in plan(parse_iso(screening.starts_at), now, conf, zone)
            if kind != ANNOUNCE
        ]
        await self.store.replan(screening.id, slots)

    # -- one pass -------------------------------------------------------------------------
    async def tick(self, now: datetime, attached: Sequence[str]) -> int:
        """Settle slots interrupted by a stop, then run every due slot; returns posts made."""
        async with self._pass:
            return await self._tick(now, attached)

    async def _tick(self, now: datetime, attached: Sequence[str]) -> int:
        posted = 0
        fresh = [p for p in attached if p not in self._reconciled]
        if fresh:
            self._reconciled.update(fresh)
            posted += await self.reconcile(fresh, now)
        if self.store.db.skip_locked:  # several processes: slots of one whose lease ran out
            posted += await self.reconcile(list(attached), now, startup=False)
        for _ in range(1000):
            due = await self.store.due(iso(now), list(attached))
            if not due:
                break
            by_screening: dict[int, list[Slot]] = {}
            for slot in due:
                by_screening.setdefault(slot.screening_id, []).append(slot)
            for screening_id, slots in by_screening.items():
                posted += await self._run_screening(screening_id, slots, now)
        return posted

    async def _run_screening(self, screening_id: int, slots: list[Slot], now: datetime) -> int:
        screening = await self.store.get_by_id(screening_id)
        if screening is None or screening.status != ACTIVE:
            return 0
        club = club_of(screening)
        conf = await self.engine.settings_for(club)
        grace = max(timedelta(minutes=int(conf.grace_minutes)), LATE_TOLERANCE)
        posted = 0
        latest_reminder = max((s.seq for s in slots if s.kind == REMIND), default=None)
        with using_language(conf.language), on_workspace(screening.workspace_id):
            for slot in slots:
                due = parse_iso(slot.due_at)
                if slot.kind == REMIND and slot.seq != latest_reminder:
                    await self.store.mark(
                        slot.id, SKIPPED, self.engine.now(), detail=t("screening.detail.folded")
                    )
                    continue
                if now > due + grace:
                    await self.store.mark(
                        slot.id, SKIPPED, self.engine.now(), detail=t("schedule.detail.offline")
                    )
                    continue
                try:
                    if await self._run(screening, slot, conf, grace):
                        posted += 1
                except Paused as exc:
                    await self._pause(screening, str(exc))
                    break
                except CommandError as exc:  # e.g. the film's document was deleted
                    await self._claim_and_mark(slot, FAILED, str(exc))
                except Exception:
                    log.exception("screening slot %s failed", slot.id)
                    await self._claim_and_mark(slot, FAILED, t("schedule.detail.internal"))
                screening = await self.store.get_by_id(screening_id) or screening
        return posted

    async def _run(self, screening: Screening, slot: Slot, conf: ClubSettings, grace: Any) -> bool:
        """Claim one slot and post it; returns whether something was posted."""
        platform = self.engine.platforms.get(screening.platform)
        if platform is None:
            return False
        club = club_of(screening)
        channel = Channel(screening.channel_ref, club.id, screening.channel_id, None, None)
        nonce = slot_nonce(slot)
        stored = None
        document = None
        if slot.kind == ARC:
            document = await self._document(screening)
            chosen = await choose_arc_item(self.engine, club, channel, document, slot.seq, conf)
            if chosen is None:
                await self._claim_and_mark(slot, FAILED, t("screening.detail.nothing"))
                return False
            stored, cycle = chosen
            ok, prompt_id = await self.store.claim(
                slot,
                self.engine.now(),
                nonce=nonce,
                prompt=(club.id, channel.id, document.id, stored.id, cycle),
            )
        else:
            ok, prompt_id = await self.store.claim(slot, self.engine.now(), nonce=nonce)
        if not ok:
            return False
        if not await self.store.hold(slot.id, self.engine.now()):
            # It stalled past its lease and another process took the slot over: not ours.
            log.warning("screening slot %s was taken over; not posted here", slot.id)
            return False
        try:
            message_id = await self._post(
                platform, screening, slot, conf, nonce, document, stored, prompt_id
            )
        except CommandError as exc:
            await self.store.mark(slot.id, FAILED, self.engine.now(), detail=str(exc))
            return False
        except PlatformError as exc:
            if prompt_id is not None and not isinstance(exc, OutcomeUnknown):
                await self.engine.store.discussion.cancel_prompt(prompt_id)  # item free again
            return await self._failed(screening, slot, exc, grace)
        await self.store.mark(slot.id, POSTED, self.engine.now(), message_id=message_id)
        if slot.kind == RECAP:
            await self.store.update(screening.id, status=DONE)
        lost = self._lost.pop(slot.id, None)
        if lost is not None:  # posted, but its thread could not be opened: stop here
            raise Paused(lost)
        return True

    async def _claim_and_mark(self, slot: Slot, status: str, detail: str) -> None:
        ok, _ = await self.store.claim(slot, self.engine.now(), nonce=None)
        if ok:
            await self.store.mark(slot.id, status, self.engine.now(), detail=detail)

    async def _failed(
        self, screening: Screening, slot: Slot, error: PlatformError, grace: Any
    ) -> bool:
        if isinstance(error, ChannelGone | MissingPermission):
            await self.store.mark(slot.id, FAILED, self.engine.now(), detail=str(error))
            raise Paused(str(error))
        if isinstance(error, OutcomeUnknown):  # it may have been posted: never blindly again
            return await self._settle(screening, slot, grace, since=self.engine.clock.now())
        if isinstance(error, RateLimited | TransientError):
            delay = min(2.0 * (2 ** max(slot.attempts, 0)), 300.0)
            if isinstance(error, RateLimited):
                delay = max(delay, float(error.retry_after))
            when = self.engine.clock.now() + timedelta(seconds=delay)
            if when <= parse_iso(slot.due_at) + grace:
                await self.store.retry_later(slot.id, iso(when), str(error))
                return False
            detail = t("schedule.detail.gave_up", reason=str(error))
            await self.store.mark(slot.id, FAILED, self.engine.now(), detail=detail)
            return False
        await self.store.mark(slot.id, FAILED, self.engine.now(), detail=str(error))
        return False

    async def _pause(self, screening: Screening, reason: str) -> None:
        await self.store.update(screening.id, status=PAUSED, status_reason=reason)
        text = t(
            "screening.notice.paused",
            number=screening.number,
            film=screening.film,
            channel=self.engine.channel_label(screening.platform, screening.channel_id),
            reason=reason,
        )
        await self._notify(screening, text)

    async def _notify(self, screening: Screening, text: str) -> None:
        await self.engine.notify_moderators(
            club_of(screening),
            text,
            fallback_channel=screening.manage_channel or screening.channel_id,
        )

    async def _document(self, screening: Screening) -> Document:
        document = None
        if screening.document_id is not None:
            document = await self.engine.store.discussion.get_document(
                screening.club_id, screening.document_id
            )
        if document is None:
            raise CommandError(t("screening.detail.no_document"))
        return document

    # -- posting each kind ----------------------------------------------------------------
    async def _post(
        self,
        platform: Any,
        screening: Screening,
        slot: Slot,
        conf: ClubSettings,
        nonce: str,
        document: Document | None,
        stored: Any,
        prompt_id: int | None,
    ) -> str | None:
        zone = zone_of(conf.timezone)
        if slot.kind == ANNOUNCE:
            return await self.announce(platform, screening, zone, nonce)
        if slot.kind == REMIND:
            count = await self.rsvp_count(screening)
            now = self.engine.clock.now()
            due = parse_iso(slot.due_at)
            moment = due if now - due <= LATE_TOLERANCE else now  # on time: the nominal lead
            message = reminder(screening, zone, moment, count)
            ref = await platform.post_message(
                screening.channel_id, message, nonce=nonce, title=screening.film
            )
            return ref.message_id
        if slot.kind == ARC:
            assert document is not None and prompt_id is not None
            return await self._post_arc(
                platform, screening, slot, conf, document, stored, prompt_id
            )
        if slot.kind == RECAP:
            message = await self.recap(screening)
            ref = await platform.post_message(
                screening.channel_id, message, nonce=nonce, title=screening.film
            )
            return ref.message_id
        raise CommandError(f"unknown slot kind {slot.kind}")

    async def announce(self, platform: Any, screening: Screening, zone: Any, nonce: str) -> str:
        """Post the announcement, after creating the platform's event where it has one."""
        create_event = getattr(platform, "create_screening_event", None)
        if create_event is not None and screening.event_id is None:
            try:
                event_id = await create_event(screening, await self._end_of(screening))
                await self.store.update(screening.id, event_id=event_id)
                screening = await self.store.get_by_id(screening.id) or screening
            except MissingPermission as exc:
                await self._notify(
                    screening,
                    t("screening.notice.no_event", number=screening.number, reason=str(exc)),
                )
            except PlatformError as exc:
                log.warning("could not create the event of screening %s: %s", screening.id, exc)
        count = await self.rsvp_count(screening)
        message = announcement(screening, zone, count, rsvp_hint(platform, screening))
        rsvp = Rsvp(screening.id, screening.number, count)
        post_card = getattr(platform, "post_screening", None)
        if post_card is not None:
            ref = await post_card(screening.channel_id, message, rsvp, nonce=nonce)
        else:
            ref = await platform.post_message(
                screening.channel_id, message, nonce=nonce, title=screening.film
            )
        await self.store.update(
            screening.id, announce_channel=ref.channel_id, announce_message_id=ref.message_id
        )
        return ref.message_id

    async def _end_of(self, screening: Screening) -> datetime:
        conf = await self.engine.settings_for(club_of(screening))
        minutes = duration_minutes(str(conf.screening_length)) or 180
        return parse_iso(screening.starts_at) + timedelta(minutes=minutes)

    async def rsvp_count(self, screening: Screening) -> int:
        return await rsvp_count(self.engine, screening)

    async def _post_arc(
        self,
        platform: Any,
        screening: Screening,
        slot: Slot,
        conf: ClubSettings,
        document: Document,
        stored: Any,
        prompt_id: int,
    ) -> str:
        club = club_of(screening)
        spoiler = self.engine.clock.now() < spoilers_until(parse_iso(screening.starts_at), conf)
        if conf.arc_threads == "per-prompt":
            channel = Channel(screening.channel_ref, club.id, screening.channel_id, None, None)
            result = await self.engine.post_prompt(
                club,
                channel,
                document,
                stored,
                0,
                posted_by=None,
                nonce=slot_nonce(slot),
                prompt_id=prompt_id,
                spoiler=spoiler,
                cancel_failed=False,  # the slot decides: a post in doubt keeps its item
            )
            if result.message is None:
                raise result.error or PlatformError("not posted")
            if isinstance(result.error, ChannelGone | MissingPermission):
                self._lost[slot.id] = str(result.error)
            return result.message.message_id
        # One thread for the whole arc, named after the film (a forum post in a forum).
        thread = await self._arc_thread(platform, screening, conf)
        messages = render_prompt(
            stored.item,
            document_label=document.label,
            short_id=stored.short_id,
            max_chars=getattr(platform, "max_message_chars", 2000),
            max_quote_length=conf.max_quote_length,
            spoiler=spoiler,
            ping_role=None,
        )
        first: MessageRef | None = None
        try:
            for message in messages:
                ref = await platform.post_in_thread(thread, message)
                first = first or ref
        except PlatformError:
            if first is None:
                raise
        assert first is not None
        registered = slot.seq == 0 or not await self._thread_tracked(club, thread)
        await self.engine.store.discussion.complete_prompt(
            prompt_id=prompt_id,
            club_id=club.id,
            message_id=first.message_id,
            thread_id=thread.thread_id if registered else None,
            thread_channel_id=thread.channel_id,
            title=screening.film,
            now=self.engine.now(),
        )
        return first.message_id

    async def _thread_tracked(self, club: Club, thread: ThreadRef) -> bool:
        row = await self.engine.store.db.fetchone(
            "SELECT 1 FROM threads WHERE club_id = ? AND platform_thread_id = ?",
            (club.id, thread.thread_id),
        )
        return row is not None

    async def _arc_thread(
        self, platform: Any, screening: Screening, conf: ClubSettings
    ) -> ThreadRef:
        if screening.arc_thread_id and screening.arc_thread_channel:
            return ThreadRef(screening.arc_thread_channel, screening.arc_thread_id)
        opening = arc_opening(screening, int(conf.arc_days))
        ref = await platform.post_message(screening.channel_id, opening, title=screening.film)
        thread = await platform.open_thread(
            ref, screening.film, auto_archive_minutes=conf.auto_archive
        )
        await self.store.update(
            screening.id, arc_thread_id=thread.thread_id, arc_thread_channel=thread.channel_id
        )
        return thread

    async def recap(self, screening: Screening) -> Message:
        return await build_recap(self.engine, screening)

    # -- a post that may or may not have arrived -------------------------------------------
    def _channel_post(self, slot: Slot, conf: ClubSettings) -> bool:
        """Whether the slot's post is a channel message made with its nonce (found again by
        it), not a message inside the arc's shared thread."""
        return slot.kind in (ANNOUNCE, REMIND, RECAP) or conf.arc_threads != "one"

    async def _settle(
        self, screening: Screening, slot: Slot, grace: timedelta, *, since: datetime
    ) -> bool:
        """Settle a slot left ``started`` whose post may exist, never posting it twice.

        - The platform can look for it by its nonce (Slack: message metadata): found, it is
          recorded as posted; not found, it is posted now (or skipped past the grace).
        - The platform dedupes nonces (Discord) within its window: sent again with the same
          nonce, which returns the first message if there was one.
        - Otherwise its outcome is unknown: recorded so, and the moderators are told.
        """
        slot = await self.store.get_slot(slot.id) or slot  # with its prompt, as recorded
        conf = await self.engine.settings_for(club_of(screening))
        platform = self.engine.platforms.get(screening.platform)
        now = self.engine.clock.now()
        in_grace = now <= parse_iso(slot.due_at) + grace and screening.status == ACTIVE
        if slot.attempts >= MAX_ATTEMPTS:  # unsure again and again: stop trying
            in_grace = False
        channel_post = self._channel_post(slot, conf)
        find = getattr(platform, FIND_POST, None)
        if find is not None and channel_post:
            try:
                ref = await find(screening.channel_id, slot_nonce(slot), since - LOOKUP_MARGIN)
            except PlatformError as exc:
                log.warning("could not look for screening slot %s: %s", slot.id, exc)
            else:
                if ref is not None:
                    await self._found(platform, screening, slot, ref)
                    return True
                if not in_grace:
                    if slot.prompt_id is not None:
                        await self.engine.store.discussion.cancel_prompt(slot.prompt_id)
                    await self.store.mark(
                        slot.id, SKIPPED, self.engine.now(), detail=t("schedule.detail.offline")
                    )
                    return False
                return await self._again(screening, slot, conf, grace)
        window = float(getattr(platform, NONCE_WINDOW_ATTRIBUTE, 0) or 0)
        age = (now - since).total_seconds()
        if find is None and window > 0 and channel_post and age <= window and in_grace:
            return await self._again(screening, slot, conf, grace)
        await self.store.mark(
            slot.id, UNKNOWN, self.engine.now(), detail=t("schedule.detail.unknown")
        )
        await self._notify(
            screening,
            t(
                "screening.notice.unknown",
                number=screening.number,
                film=screening.film,
                what=t(f"screening.slot.{slot.kind}"),
                when=local_when(parse_iso(slot.due_at), zone_of(conf.timezone)),
            ),
        )
        return False

    async def _again(
        self, screening: Screening, slot: Slot, conf: ClubSettings, grace: timedelta
    ) -> bool:
        """Post a started slot once more (its post is known not to exist, or dedupes)."""
        if slot.prompt_id is not None:
            await self.engine.store.discussion.cancel_prompt(slot.prompt_id)
        await self.store.retry_later(slot.id, self.engine.now(), "restarted")
        fresh = await self.store.get_by_id(screening.id)
        again = await self.store.get_slot(slot.id)
        if fresh is None or again is None:
            return False
        return await self._run(fresh, again, conf, grace)

    async def _unsent(
        self, screening: Screening, slot: Slot, conf: ClubSettings, grace: timedelta
    ) -> bool:
        """A started slot whose platform call never began: posted within its grace (and
        while the screening is active), else skipped with its prompt forgotten."""
        in_grace = self.engine.clock.now() <= parse_iso(slot.due_at) + grace
        if in_grace and screening.status == ACTIVE:
            return await self._again(screening, slot, conf, grace)
        if slot.prompt_id is not None:
            await self.engine.store.discussion.cancel_prompt(slot.prompt_id)
        await self.store.mark(
            slot.id, SKIPPED, self.engine.now(), detail=t("schedule.detail.offline")
        )
        return False

    async def _found(
        self, platform: Any, screening: Screening, slot: Slot, ref: MessageRef
    ) -> None:
        """A post looked up after a lost answer: record it as the slot's."""
        if slot.kind == ANNOUNCE:
            await self.store.update(
                screening.id, announce_channel=ref.channel_id, announce_message_id=ref.message_id
            )
        if slot.prompt_id is not None:
            conf = await self.engine.settings_for(club_of(screening))
            thread = await platform.open_thread(
                ref, screening.film, auto_archive_minutes=conf.auto_archive
            )
            await self.engine.store.discussion.complete_prompt(
                prompt_id=slot.prompt_id,
                club_id=screening.club_id,
                message_id=ref.message_id,
                thread_id=thread.thread_id,
                thread_channel_id=thread.channel_id,
                title=screening.film,
                now=self.engine.now(),
            )
        await self.store.mark(slot.id, POSTED, self.engine.now(), message_id=ref.message_id)

    # -- after a crash --------------------------------------------------------------------
    async def reconcile(self, platforms: list[str], now: datetime, *, startup: bool = True) -> int:
        """Settle slots left ``started`` by a stop, without ever posting one twice.

        Only the slots this process takes over are settled: on SQLite every open one; on
        PostgreSQL those of no live process (a lease ran out or was released; at start-up
        also this process's own). An arc prompt whose message id was recorded, or an
        announcement whose message was, is posted. A slot whose platform call never began
        sent nothing: it is posted within its grace, else skipped. Otherwise, where the
        platform can find the post or dedupes nonces within its window, it is looked for or
        posted again with the same nonce; anywhere else it is ``unknown`` and the moderators
        are told.
        """
        posted = 0
        taken = await self.store.take_over(
            platforms,
            iso(now),
            everything=not self.store.db.skip_locked,
            mine=startup,
        )
        if not taken:
            return 0
        for slot in await self.store.open_slots(platforms):
            if slot.id not in taken:
                continue
            screening = await self.store.get_by_id(slot.screening_id)
            if screening is None:
                continue
            message_id = None
            if slot.prompt_id is not None:
                message_id = await self.store.prompt_message(slot.prompt_id)
            elif slot.kind == ANNOUNCE:
                message_id = screening.announce_message_id
            if message_id is not None:
                await self.store.mark(slot.id, POSTED, self.engine.now(), message_id=message_id)
                continue
            club = club_of(screening)
            conf = await self.engine.settings_for(club)
            grace = max(timedelta(minutes=int(conf.grace_minutes)), LATE_TOLERANCE)
            since = parse_iso(slot.attempted_at or slot.started_at or slot.due_at)
            with using_language(conf.language), on_workspace(screening.workspace_id):
                try:
                    if slot.attempted_at is None:  # nothing was sent: post it, or skip it
                        if await self._unsent(screening, slot, conf, grace):
                            posted += 1
                    elif await self._settle(screening, slot, grace, since=since):
                        posted += 1
                except Paused as exc:
                    await self._pause(screening, str(exc))
        return posted


def rsvp_hint(platform: Any, screening: Screening) -> str:
    """How to say "I'm in" here: the platform's own way (a button, an event) or the command."""
    link_of = getattr(platform, "event_link", None)
    if screening.event_id and link_of is not None:
        link = link_of(screening.workspace_id, screening.event_id)
        return t("screening.rsvp_hint.event", number=screening.number, link=link)
    key = f"screening.rsvp_hint.{getattr(platform, 'name', '')}"
    if key not in catalog(DEFAULT_LANGUAGE):
        key = "screening.rsvp_hint.default"
    return t(key, number=screening.number)


async def rsvp_count(engine: Engine, screening: Screening) -> int:
    """How many said they would come: RSVPs here, plus the platform's event interest."""
    count = len(await engine.store.screenings.rsvp_users(screening.id))
    platform = engine.platforms.get(screening.platform)
    interested = getattr(platform, "event_interest", None)
    if interested is not None and screening.event_id:
        try:
            count += int(await interested(screening.workspace_id, screening.event_id))
        except PlatformError as exc:
            log.info("could not read the event interest of %s: %s", screening.id, exc)
    return count


async def build_recap(engine: Engine, screening: Screening) -> Message:
    """The recap message of a screening (when the arc ends, or on demand)."""
    data = await engine.store.screenings.recap(screening.club_id, screening.id)
    top_text = None
    if data.top is not None:
        stored = await engine.store.discussion.get_item_by_id(screening.club_id, data.top.item_id)
        preview = item_preview(stored.item, 80) if stored else "?"
        # In the arc's one thread the prompt is a message inside it; else it opens its own.
        inside = screening.arc_thread_id
        channel = (
            screening.arc_thread_channel if inside else data.top.channel_id
        ) or screening.channel_id
        platform = engine.platforms.get(screening.platform)
        link_of = getattr(platform, "message_link", None)
        link = ""
        if link_of is not None and data.top.message_id:
            link = link_of(screening.workspace_id, channel, data.top.message_id, inside)
        elif inside or data.top.thread_id:
            link = t("screening.recap.in_thread", thread=inside or data.top.thread_id)
        top_text = t(
            "screening.recap.top", preview=preview, count=data.top.replies, link=link
        ).rstrip()
    return recap_message(screening, data, top_text)


async def refresh_card(engine: Engine, screening: Screening, *, closed: bool = False) -> None:
    """Update the announcement's RSVP count in place where the platform can."""
    platform = engine.platforms.get(screening.platform)
    update = getattr(platform, "update_screening", None)
    if update is None or not screening.announce_message_id or not screening.announce_channel:
        return
    conf = await engine.settings_for(club_of(screening))
    zone = zone_of(conf.timezone)
    count = await rsvp_count(engine, screening)
    with using_language(conf.language):
        hint = rsvp_hint(platform, screening)
        if closed:
            hint = t("screening.closed_hint")
        message = announcement(screening, zone, count, hint)
    try:
        with on_workspace(screening.workspace_id):
            await update(
                MessageRef(screening.announce_channel, screening.announce_message_id),
                message,
                Rsvp(screening.id, screening.number, count, closed=closed),
            )
    except PlatformError as exc:
        log.info("could not update the announcement of %s: %s", screening.id, exc)


__all__ = ["Kind", "ScreeningSlots", "build_recap", "refresh_card", "rsvp_count"]
