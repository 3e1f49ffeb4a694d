"""The scheduler: one asyncio task that posts scheduled prompts exactly once per slot."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bot import metrics
from bot.clock import iso, local_text, parse_iso
from bot.commands.spec import CommandError
from bot.i18n import counted, t, using_language
from bot.messages import Message
from bot.models import Kind
from bot.platform import (
    FIND_POST,
    NONCE_WINDOW,
    ChannelGone,
    MessageRef,
    MissingPermission,
    OutcomeUnknown,
    PlatformError,
    RateLimited,
    TransientError,
    on_workspace,
)
from bot.scheduler.attempts import AttemptMarks, LeaseLost
from bot.scheduler.cluster import Cluster
from bot.scheduler.recurrence import MINUTE, Recurrence, from_spec, zone_of
from bot.store.records import Channel, Club, Document, StoredItem
from bot.store.schedules import (
    ACTIVE,
    DONE,
    EMPTY,
    EXHAUSTED,
    FAILED,
    POSTED,
    SKIPPED,
    STARTED,
    Claim,
    Finish,
    NewPrompt,
    OpenRun,
    Schedule,
    SlotNotice,
    Unknown,
)

if TYPE_CHECKING:
    from bot.club_settings import ClubSettings
    from bot.engine import Engine

log = logging.getLogger(__name__)

LATE_TOLERANCE = timedelta(minutes=1)  # a slot this late is on time, whatever the grace
IDLE = timedelta(hours=24)  # with nothing scheduled, look again after this (changes wake us)
MAX_COUNTED_MISSES = 1000  # after a long downtime, stop counting missed slots one by one
NONCE_WINDOW_ATTRIBUTE = NONCE_WINDOW  # seconds a platform dedupes a repeated nonce
LOOKUP_MARGIN = timedelta(minutes=5)  # clocks differ: look this much further back for a post
NOTICE_MAX_LINES = 25  # slots listed by name in one moderators' notice


def nonce_for(schedule_id: int, slot: datetime) -> str:
    """The idempotency key of one slot (at most 25 characters, as Discord requires)."""
    return f"fc{schedule_id}.{int(slot.timestamp()) // 60}"


@lru_cache(maxsize=4096)
def slot_plan(
    spec: str, zone_name: str, next_run: str, now_text: str, grace: timedelta
) -> tuple[datetime | None, int, datetime | None, datetime | None] | None:
    """What a due schedule does at ``now``: see :func:`plan_slots`.

    ``None`` when ``next_run`` is not a run of ``spec`` in the zone (the zone changed and a
    slot between is not due yet). Cached: schedules due together share their answer.
    """
    rec, zone, now = from_spec(spec), zone_of(zone_name), parse_iso(now_text)
    first: datetime | None = parse_iso(next_run)
    assert first is not None
    if not rec.fires_at(first, zone):
        first = rec.next_after(first - timedelta(days=1), zone)
        if first is None or first > now:
            return None
    return plan_slots(rec, zone, first, now, grace)


def plan_slots(
    rec: Recurrence, zone: Any, first: datetime, now: datetime, grace: timedelta
) -> tuple[datetime | None, int, datetime | None, datetime | None]:
    """(slot to post, slots folded into it, next run, last skipped slot) for a due schedule.

    Slots older than the grace are skipped; of those within it, only the latest is posted.
    """
    window_start = now - grace
    skipped, last_skipped = 0, None
    moment: datetime | None = first
    while moment is not None and moment < window_start:
        skipped += 1
        last_skipped = moment
        if skipped >= MAX_COUNTED_MISSES:
            moment = rec.next_after(window_start - MINUTE, zone)
            while moment is not None and moment < window_start:
                moment = rec.next_after(moment, zone)
            break
        moment = rec.next_after(moment, zone)
    latest, in_grace = None, 0
    while moment is not None and moment <= now:
        latest = moment
        in_grace += 1
        moment = rec.next_after(moment, zone)
    if latest is None:
        return None, max(skipped - 1, 0), moment, last_skipped
    return latest, skipped + in_grace - 1, moment, last_skipped


@dataclass(frozen=True)
class Job:
    """One slot whose prompt is being posted."""

    schedule: Schedule
    slot: datetime
    grace: timedelta
    language: str
    club: Club
    channel: Channel
    document: Document
    stored: StoredItem | None  # None: choose it when the attempt is made
    cycle: int
    nonce: str
    prompt_id: int | None = None
    attempt: int = 1
    # The earliest attempt that may have reached the platform (its answer was lost): the
    # post may exist, so it is looked up or re-sent with its nonce, never blindly re-sent.
    unsure_since: datetime | None = None
    found: MessageRef | None = None  # the post, found on the platform: complete, do not send
    checks: int = 0  # lookups that failed (they back off like attempts)


Outcome = Finish | Unknown | None  # None: the slot stays open (a retry is planned)


@dataclass(frozen=True)
class _ClubTime:
    zone_name: str
    grace: timedelta
    language: str


def club_of(schedule: Schedule) -> Club:
    return Club(schedule.club_id, schedule.platform, schedule.workspace_id, None)


def channel_of(schedule: Schedule) -> Channel:
    return Channel(
        schedule.channel_ref,
        schedule.club_id,
        schedule.channel_id,
        schedule.channel_name,
        schedule.active_document_id,
    )


class Scheduler:
    """Sleeps until the earliest due slot, posts it once, and wakes early on changes."""

    def __init__(
        self,
        engine: Engine,
        *,
        batch_size: int = 500,
        concurrency: int = 16,
        plan_concurrency: int = 16,
        base_backoff: float = 2.0,
        max_backoff: float = 300.0,
        recovery_batch: int = 200,
    ) -> None:
        self.engine = engine
        self.store = engine.store.schedules
        self.batch_size = batch_size
        self.concurrency = concurrency  # posts under way at once
        self.plan_concurrency = plan_concurrency  # due schedules being planned at once
        self.base_backoff = base_backoff
        self.max_backoff = max_backoff
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._retries: set[asyncio.Task[None]] = set()
        self._reconciled: set[str] = set()
        self._offline_wait = 1.0
        self._documents: dict[int, Document | None] = {}
        self.recovery_batch = recovery_batch
        self._marks = AttemptMarks(self.store, engine.now)
        self._recovering: deque[OpenRun] = deque()  # left open by the last process
        self._recovering_ids: set[int] = set()  # their schedules wait for them
        self._late_unknowns: list[Unknown] = []  # told in the restart's one notice per club
        self._notices: asyncio.Lock = asyncio.Lock()
        # Other slot sources (screenings) run in each pass: ``tick(now, platforms)`` and
        # ``earliest()``; they keep their own claims, with the same rules.
        self.sources: list[Any] = []
        engine.listeners.append(self._on_event)
        engine.attach_hooks.append(self._on_attach)
        self.cluster = Cluster(self)  # several processes on PostgreSQL; idle on SQLite

    # -- life cycle -----------------------------------------------------------------------
    def start(self) -> asyncio.Task[None]:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self.run(), name="scheduler")
            self.cluster.start()
        return self._task

    async def stop(self) -> None:
        tasks = [*self._retries, *([self._task] if self._task else [])]
        for task in tasks:
            task.cancel()
        # gather, not a try/except around each await: a cancellation of stop() itself must
        # propagate rather than be mistaken for the tasks' own.
        await asyncio.gather(*tasks, return_exceptions=True)
        self._task = None
        await self.cluster.stop()  # its started slots go to another process at once
        if self._on_event in self.engine.listeners:
            self.engine.listeners.remove(self._on_event)
        if self._on_attach in self.engine.attach_hooks:
            self.engine.attach_hooks.remove(self._on_attach)

    def _on_attach(self, platform: Any) -> None:
        self.wake()  # its missed and interrupted slots are settled on the next pass

    def wake(self) -> None:
        """Schedules changed: look again now instead of at the planned time."""
        self._wake.set()

    async def drain(self) -> None:
        """Wait for the slots being retried (tests, shutdown)."""
        while self._retries:
            await asyncio.gather(*list(self._retries), return_exceptions=True)

    async def run(self) -> None:
        """Forever: post what is due, then sleep until the next slot or a change."""
        log.info("scheduler started")
        while True:
            self._wake.clear()
            failed = False
            try:
                await self.tick()
            except Exception:
                log.exception("scheduler tick failed")
                failed = True
            target = await self.next_wake(failed=failed)
            await self.engine.clock.sleep_until(target, self._wake)

    async def next_wake(self, *, failed: bool = False) -> datetime:
        """When to look next: the earliest slot of any schedule (a change wakes us sooner).

        After a pass, a slot still due belongs to a platform that is not connected (yet):
        look again after a delay that doubles while it stays that way, so it is never a
        busy loop.
        """
        now = self.engine.clock.now()
        earliest = await self.store.earliest(None)
        for source in self.sources:
            other = await source.earliest()
            if other is not None and (earliest is None or other < earliest):
                earliest = other
        target = parse_iso(earliest) if earliest else now + IDLE
        target = await self.cluster.wake_by(target, now)
        if failed or target <= now:
            target = now + timedelta(seconds=self._offline_wait)
            self._offline_wait = min(self._offline_wait * 2, self.max_backoff)
        else:
            self._offline_wait = 1.0
        return target

    async def _on_event(self, event: str, data: dict[str, Any]) -> None:
        if event == "schedules_changed":
            self.wake()
            await self.cluster.changed()
        elif event == "settings_changed" and data.get("key") in ("timezone", None):
            if not data.get("scope") and data.get("club") is not None:
                await self.retime(data["club"])
                self.wake()
                await self.cluster.changed()

    async def retime(self, club: Club) -> None:
        """The club's time zone changed: recompute its schedules' next runs in the new zone."""
        zone = zone_of((await self.engine.settings_for(club)).timezone)
        now = self.engine.clock.now()
        updates = []
        for schedule in await self.store.list(club.id):
            if schedule.status == ACTIVE:
                nxt = from_spec(schedule.spec).next_after(now, zone)
                updates.append((schedule.id, iso(nxt) if nxt else None))
        if updates:
            await self.store.set_next_runs(updates)

    # -- one pass -------------------------------------------------------------------------
    async def tick(self) -> int:
        """Settle what a stop left open, then run every due slot; returns posts made.

        Recovery goes in batches between the due batches, so it never holds up the next
        slots; the time is taken afresh for each batch, so a slow pass folds nothing.
        """
        attached = sorted(self.engine.platforms)
        posted = 0
        fresh = [p for p in attached if p not in self._reconciled]
        if fresh:
            self._reconciled.update(fresh)
            posted += await self.reconcile(fresh, self.engine.clock.now())
        if self.cluster.active:  # several processes: slots of one whose lease ran out
            posted += await self.reconcile(attached, self.engine.clock.now(), startup=False)
        self._documents.clear()
        # A pipeline: while one batch is being posted, the next one is planned and claimed.
        # Claims record each slot's prompt before it is posted, so a later batch never picks
        # an item an earlier one is posting; a channel's posts stay in order.
        posting: asyncio.Task[int] | None = None
        try:
            while True:
                worked = False
                if self._recovering:
                    if posting is not None:
                        posted += await posting
                        posting = None
                    posted += await self._recover_batch()
                    worked = True
                now = self.engine.clock.now()
                due = await self.store.due(iso(now), attached, self.batch_size)
                batch: list[Schedule] = []
                channels: set[int] = set()
                for schedule in due:
                    if schedule.id in self._recovering_ids:  # its older slot goes first
                        continue
                    if schedule.channel_ref not in channels:  # one per channel per batch
                        channels.add(schedule.channel_ref)
                        batch.append(schedule)
                if batch:
                    jobs = await self._prepare(batch, now)
                    if posting is not None:
                        posted += await posting
                    posting = asyncio.create_task(self._dispatch(jobs, now))
                    worked = True
                if not worked:
                    break
            if posting is not None:
                posted += await posting
                posting = None
            for source in self.sources:
                posted += await source.tick(now, attached)
        except asyncio.CancelledError:
            if posting is not None:
                posting.cancel()
            raise
        except Exception:
            if posting is not None:  # let the batch already under way finish and be recorded
                await asyncio.gather(posting, return_exceptions=True)
            raise
        return posted

    async def _club_time(self, club: Club) -> _ClubTime:
        conf = await self.engine.settings_for(club)
        grace = max(timedelta(minutes=int(conf.grace_minutes)), LATE_TOLERANCE)
        return _ClubTime(conf.timezone, grace, conf.language)

    async def _document(self, club_id: int, document_id: int) -> Document | None:
        if document_id not in self._documents:
            self._documents[document_id] = await self.engine.store.discussion.get_document(
                club_id, document_id
            )
        return self._documents[document_id]

    async def _prepare(self, batch: list[Schedule], now: datetime) -> list[Job]:
        """Plan each due schedule and claim its slot (with its prompt) in one transaction."""
        claims: list[Claim] = []
        jobs: dict[tuple[int, str], Job] = {}
        notices: dict[tuple[int, str], tuple[Schedule, str]] = {}
        limit = asyncio.Semaphore(self.plan_concurrency)

        async def plan(schedule: Schedule) -> tuple[Claim | None, Job | None, str | None]:
            async with limit:
                try:
                    return await self._plan(schedule, now)
                except Exception:
                    log.exception("planning schedule %s failed", schedule.id)
                    return self._failed_plan(schedule, now), None, None

        # One schedule per channel in a batch, so plans can be made side by side.
        planned = await asyncio.gather(*(plan(s) for s in batch))
        for schedule, (claim, job, notice) in zip(batch, planned, strict=True):
            if claim is None:
                continue
            claims.append(claim)
            if job is not None:
                jobs[(claim.schedule_id, claim.slot)] = job
            if notice is not None:
                notices[(claim.schedule_id, claim.slot)] = (schedule, notice)
        claimed = await self.store.claim(claims, iso(now))
        to_post: list[Job] = []
        for claim, prompt_id in claimed:
            key = (claim.schedule_id, claim.slot)
            if key in notices:
                schedule, text = notices[key]
                await self._notify(schedule, text)
            if claim.status == STARTED and key in jobs:
                to_post.append(replace(jobs[key], prompt_id=prompt_id))
        return to_post

    async def _dispatch(self, jobs: list[Job], now: datetime) -> int:
        """Post claimed slots side by side and record their outcomes; returns posts made."""
        return await self._record(await self._post_all(jobs, now))

    async def _record(self, outcomes: list[Outcome], *, recovering: bool = False) -> int:
        """Store outcomes; unknown ones are closed and their clubs told (once, see notices)."""
        finishes = [o for o in outcomes if isinstance(o, Finish)]
        unknowns = [o for o in outcomes if isinstance(o, Unknown)]
        await self.store.finish(finishes, self.engine.now())
        if recovering:
            self._late_unknowns.extend(unknowns)
        elif unknowns:
            await self.store.settle_unknown(unknowns, self.engine.now())
            await self.send_notices(sorted(self.engine.platforms))
        return sum(1 for f in finishes if f.status == POSTED)

    def _failed_plan(self, schedule: Schedule, now: datetime) -> Claim:
        try:
            nxt = from_spec(schedule.spec).next_after(now, zone_of("UTC"))
        except Exception:
            nxt = None
        return Claim(
            schedule.id,
            schedule.next_run or iso(now),
            FAILED,
            next_run=iso(nxt) if nxt else None,
            detail=t("schedule.detail.internal"),
        )

    async def _plan(
        self, schedule: Schedule, now: datetime
    ) -> tuple[Claim | None, Job | None, str | None]:
        """Decide what a due schedule does now: post its latest slot, or record a skip."""
        club = club_of(schedule)
        when = await self._club_time(club)
        zone = zone_of(when.zone_name)
        assert schedule.next_run is not None
        timing = slot_plan(schedule.spec, when.zone_name, schedule.next_run, iso(now), when.grace)
        if timing is None:  # the zone changed since this slot was computed: re-timed
            rec = from_spec(schedule.spec)
            later = rec.next_after(parse_iso(schedule.next_run) - timedelta(days=1), zone)
            await self.store.set_next_runs([(schedule.id, iso(later) if later else None)])
            return None, None, None
        slot, missed, nxt, skipped = timing
        next_run = iso(nxt) if nxt else None
        lang = when.language
        if slot is None:
            assert skipped is not None
            detail = t("schedule.detail.offline", lang)
            return (
                Claim(schedule.id, iso(skipped), SKIPPED, next_run, detail=detail, missed=missed),
                None,
                None,
            )
        key = iso(slot)
        channel = channel_of(schedule)
        document_id = schedule.document_id or schedule.active_document_id
        document = await self._document(club.id, document_id) if document_id else None
        if document is None:
            reason = t(
                "schedule.detail.no_document",
                lang,
                channel=self.engine.channel_label(schedule.platform, schedule.channel_id),
            )
            return self._nothing(schedule, key, next_run, missed, EMPTY, reason, lang)
        conf = await self.engine.settings_for(club, channel)
        with using_language(lang):
            stored, cycle, status, reason = await self._choose(
                schedule, club, channel, document, conf
            )
        if stored is None:
            return self._nothing(schedule, key, next_run, missed, status, reason, lang)
        job = Job(
            schedule=schedule,
            slot=slot,
            grace=when.grace,
            language=lang,
            club=club,
            channel=channel,
            document=document,
            stored=stored,
            cycle=cycle,
            nonce=nonce_for(schedule.id, slot),
        )
        prompt = NewPrompt(club.id, channel.id, document.id, stored.id, cycle)
        claim = Claim(
            schedule.id, key, STARTED, next_run, nonce=job.nonce, missed=missed, prompt=prompt
        )
        return claim, job, None

    def _nothing(
        self,
        schedule: Schedule,
        slot: str,
        next_run: str | None,
        missed: int,
        status: str,
        reason: str,
        lang: str,
    ) -> tuple[Claim, None, str | None]:
        """A slot with nothing to post: recorded, and the moderators told once."""
        first_time = schedule.notice != status
        claim = Claim(
            schedule.id,
            slot,
            status,
            next_run,
            detail=reason,
            missed=missed,
            notice=status if first_time else None,
        )
        notice = None
        if first_time:
            key = "schedule.notice.exhausted" if status == EXHAUSTED else "schedule.notice.empty"
            notice = t(
                key,
                lang,
                number=schedule.number,
                channel=self.engine.channel_label(schedule.platform, schedule.channel_id),
                reason=reason,
            )
        return claim, None, notice

    async def _choose(
        self,
        schedule: Schedule,
        club: Club,
        channel: Channel,
        document: Document,
        conf: ClubSettings,
    ) -> tuple[StoredItem | None, int, str, str]:
        """The next item, as ``/filmclub discuss`` picks it (one kind, or the club's kinds)."""
        if schedule.kind != "any":
            kinds = [Kind(schedule.kind)]
        else:
            from bot.selection import ordered_kinds  # the fixed order, or by engagement

            kinds = await ordered_kinds(self.engine, club, conf)
        notes: list[str] = []
        exhausted = False
        for kind in kinds:
            choice = await self.engine.choose_item(club, channel, document, kind, conf)
            if choice.item is not None:
                return choice.item, choice.cycle, STARTED, ""
            exhausted = exhausted or choice.exhausted
            if choice.notice:
                notes.append(choice.notice)
        reason = " ".join(notes) or t("discuss.nothing")
        return None, 0, EXHAUSTED if exhausted else EMPTY, reason

    # -- posting --------------------------------------------------------------------------
    async def _post_all(self, jobs: list[Job], now: datetime) -> list[Outcome]:
        if not jobs:
            return []
        outcomes: list[Outcome] = []
        limit = asyncio.Semaphore(self.concurrency)

        async def one(job: Job) -> None:
            async with limit:
                outcome = await self._post(job, now)
            if outcome is not None:
                outcomes.append(outcome)

        await asyncio.gather(*(one(job) for job in jobs))
        return outcomes

    async def _post(self, job: Job, now: datetime) -> Outcome:
        """Post one slot's prompt (or complete one found on the platform).

        The attempt is recorded just before the platform call, so after a crash only a slot
        whose post was really under way can be in doubt. ``None``: retried later.
        """
        schedule = job.schedule
        slot = iso(job.slot)
        assert job.stored is not None
        started: list[datetime] = []

        async def before_send() -> None:
            started.append(self.engine.clock.now())
            await self._marks.mark(schedule.id, slot)

        try:
            result = await self.engine.post_prompt(
                job.club,
                job.channel,
                job.document,
                job.stored,
                job.cycle,
                posted_by=None,
                nonce=job.nonce,
                schedule_id=schedule.id,
                prompt_id=job.prompt_id,
                before_send=before_send,
                found=job.found,
                cancel_failed=False,
            )
        except LeaseLost:  # another process holds the slot now: nothing was sent here
            log.warning("slot %s of schedule %s was taken over; not posted here", slot, schedule.id)
            return None
        except CommandError as exc:  # the platform went away before anything was sent
            if job.unsure_since is not None:
                return self._unknown(job)
            return Finish(
                schedule.id, slot, FAILED, detail=str(exc), attempts=job.attempt, drop_prompt=True
            )
        except Exception:
            log.exception("posting slot %s of schedule %s failed", slot, schedule.id)
            if started or job.unsure_since is not None:  # it may have gone out
                since = job.unsure_since or started[0]
                return await self._unsure(replace(job, unsure_since=since))
            return Finish(
                schedule.id,
                slot,
                FAILED,
                detail=t("schedule.detail.internal", job.language),
                attempts=job.attempt,
                drop_prompt=True,
            )
        error = result.error
        pause = None
        if isinstance(error, ChannelGone | MissingPermission):
            pause = str(error)
            await self._notify(
                schedule,
                t(
                    "schedule.notice.paused",
                    job.language,
                    number=schedule.number,
                    channel=self.engine.channel_label(schedule.platform, schedule.channel_id),
                    reason=str(error),
                ),
            )
        if result.message is not None:  # it reached the channel (maybe without its thread)
            return Finish(
                schedule.id,
                slot,
                POSTED,
                message_id=result.message.message_id,
                detail=str(error) if error else None,
                attempts=job.attempt,
                pause_reason=pause,
            )
        unsure = job.unsure_since
        if isinstance(error, OutcomeUnknown) and started:
            unsure = unsure or started[0]
        if pause is not None:
            return Finish(
                schedule.id,
                slot,
                FAILED,
                detail=pause,
                attempts=job.attempt,
                pause_reason=pause,
                drop_prompt=unsure is None or isinstance(error, ChannelGone),
            )
        if unsure is not None:
            return await self._unsure(replace(job, unsure_since=unsure), error)
        # Nothing was sent: the item is free again and a crash now leaves nothing in doubt.
        if job.prompt_id is not None:
            await self.engine.store.discussion.cancel_prompt(job.prompt_id)
        if started:
            await self.store.clear_attempt(schedule.id, slot)
        if isinstance(error, RateLimited | TransientError):
            delay = self.backoff(job.attempt, error)
            if self.engine.clock.now() + timedelta(seconds=delay) <= job.slot + job.grace:
                log.info("retrying slot %s of schedule %s in %.1fs", slot, schedule.id, delay)
                if isinstance(error, RateLimited):
                    metrics.RATE_LIMIT_WAIT.labels(platform=schedule.platform).inc(delay)
                self._retry_later(replace(job, prompt_id=None), delay)
                return None
            detail = t("schedule.detail.gave_up", job.language, reason=str(error))
            return Finish(schedule.id, slot, FAILED, detail=detail, attempts=job.attempt)
        return Finish(schedule.id, slot, FAILED, detail=str(error or ""), attempts=job.attempt)

    async def _unsure(self, job: Job, error: PlatformError | None = None) -> Outcome:
        """An attempt whose answer was lost. Where the platform can tell (it finds the post,
        or dedupes a re-sent nonce), try again after a backoff; anywhere else, unknown."""
        platform = self.engine.platforms.get(job.schedule.platform)
        can_tell = getattr(platform, FIND_POST, None) is not None or self._nonce_window(platform)
        if not can_tell:
            return self._unknown(job)
        delay = self.backoff(job.attempt + job.checks, error or TransientError(""))
        if self.engine.clock.now() + timedelta(seconds=delay) <= job.slot + job.grace:
            log.info(
                "slot %s of schedule %s may have been posted; checking in %.1fs",
                job.slot,
                job.schedule.id,
                delay,
            )
            self._retry_later(job, delay)
            return None
        late = self._gave_up(job, error)
        return await self._resolve(job, self.engine.clock.now(), late=late, final=True)

    def _gave_up(self, job: Job, error: PlatformError | None) -> Finish:
        reason = str(error) if error else t("schedule.detail.internal", job.language)
        detail = t("schedule.detail.gave_up", job.language, reason=reason)
        return Finish(
            job.schedule.id,
            iso(job.slot),
            FAILED,
            detail=detail,
            attempts=job.attempt,
            drop_prompt=True,
        )

    async def _resolve(
        self, job: Job, now: datetime, *, late: Finish, final: bool = False
    ) -> Outcome:
        """Settle a slot that may have been posted (``job.unsure_since``), never posting twice.

        - The platform can look for it (Slack: the slot's message metadata): found, it is
          recorded as posted; not found, it is posted now, or ``late`` past the grace.
        - The platform dedupes nonces (Discord) and the window has not passed: sent again with
          the same nonce, which returns the first message if there was one.
        - Otherwise its outcome is unknown.

        ``final``: the grace is over for another try (no retry, no new post): found or not.
        """
        assert job.unsure_since is not None
        platform = self.engine.platforms.get(job.schedule.platform)
        in_grace = now <= job.slot + job.grace and not final
        find = getattr(platform, FIND_POST, None)
        if find is not None:
            try:
                with on_workspace(job.club.workspace_id):
                    ref = await find(
                        job.channel.channel_id, job.nonce, job.unsure_since - LOOKUP_MARGIN
                    )
            except PlatformError as exc:
                log.warning(
                    "could not look for slot %s of schedule %s: %s", job.slot, job.schedule.id, exc
                )
                if in_grace:
                    return await self._unsure(replace(job, checks=job.checks + 1), exc)
                return self._unknown(job)
            if ref is not None:
                log.info("slot %s of schedule %s was posted: %s", job.slot, job.schedule.id, ref)
                return await self._post(replace(job, found=ref), now)
            if not in_grace:
                return late
            return await self._post(replace(job, attempt=job.attempt + 1), now)
        window = self._nonce_window(platform)
        age = (self.engine.clock.now() - job.unsure_since).total_seconds()
        if window and age <= window and in_grace and job.stored is not None:
            return await self._post(replace(job, attempt=job.attempt + 1), now)
        return self._unknown(job)

    @staticmethod
    def _nonce_window(platform: Any) -> float:
        return float(getattr(platform, NONCE_WINDOW_ATTRIBUTE, 0) or 0)

    def _unknown(self, job: Job) -> Unknown:
        return self._unknown_of(job.schedule, iso(job.slot), job.language)

    def _unknown_of(self, schedule: Schedule, slot: str, language: str) -> Unknown:
        return Unknown(
            schedule.id,
            slot,
            schedule.club_id,
            t("schedule.detail.unknown", language),
            schedule.manage_channel or schedule.channel_id,
        )

    def backoff(self, attempt: int, error: PlatformError) -> float:
        """Seconds before the next attempt: exponential, and never before ``retry_after``."""
        delay = min(self.base_backoff * (2 ** (attempt - 1)), self.max_backoff)
        if isinstance(error, RateLimited):
            delay = max(delay, float(error.retry_after))
        return delay

    def _retry_later(self, job: Job, delay: float) -> None:
        task = asyncio.create_task(self._retry(job, delay))
        self._retries.add(task)
        task.add_done_callback(self._retries.discard)

    async def _retry(self, job: Job, delay: float) -> None:
        """Try a slot again after ``delay``; the slot stays claimed (``started``) meanwhile."""
        try:
            when = self.engine.clock.now() + timedelta(seconds=delay)
            await self.engine.clock.sleep_until(when, asyncio.Event())
            outcome = await self._again(job)
            if outcome is not None:
                await self._record([outcome])
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("retrying schedule %s failed", job.schedule.id)

    async def _again(self, job: Job) -> Outcome:
        """A fresh attempt at a claimed slot: settled first if an earlier one may have posted."""
        slot = iso(job.slot)
        if job.unsure_since is not None:
            now = self.engine.clock.now()
            return await self._resolve(job, now, late=self._gave_up(job, None))
        current = await self.store.get_by_id(job.schedule.id)
        if current is None:
            return None
        if current.status not in (ACTIVE, DONE):
            return Finish(current.id, slot, FAILED, detail=current.status_reason or current.status)
        channel = channel_of(current)
        conf = await self.engine.settings_for(job.club, channel)
        with using_language(job.language):
            stored, cycle, status, reason = await self._choose(
                current, job.club, channel, job.document, conf
            )
        if stored is None:
            return Finish(current.id, slot, status, detail=reason, attempts=job.attempt)
        prompt = NewPrompt(job.club.id, channel.id, job.document.id, stored.id, cycle)
        prompt_id = await self.store.start_prompt(current.id, slot, prompt, self.engine.now())
        again = replace(
            job,
            schedule=current,
            channel=channel,
            stored=stored,
            cycle=cycle,
            prompt_id=prompt_id,
            attempt=job.attempt + 1,
        )
        return await self._post(again, self.engine.clock.now())

    # -- after a crash --------------------------------------------------------------------
    async def reconcile(self, platforms: list[str], now: datetime, *, startup: bool = True) -> int:
        """Settle slots left ``started`` by a stop, without ever posting one twice.

        What needs no platform call is settled at once: a recorded message id is a post; a
        slot never attempted past its grace is skipped (its item freed); an attempt under way
        at the stop, on a platform that can neither find the post nor dedupe a re-send, is
        ``unknown``. The rest (posts to make, posts to look for) is queued and run in batches
        between the due slots (:meth:`tick`). The unknown slots are told to each club's
        moderators in one notice per club, recorded so that nobody hears of a slot twice.
        """
        finishes: list[Finish] = []
        unknowns: list[Unknown] = []
        # The slots this process settles: on SQLite every open one; on PostgreSQL those of no
        # live process (see bot/scheduler/cluster.py).
        taken = await self.cluster.take_over(platforms, now, startup=startup)
        if not taken and not startup:
            return 0
        for open_run in await self.store.open_runs(platforms):
            schedule, run = open_run.schedule, open_run.run
            if (run.schedule_id, run.slot) not in taken:
                continue
            when = await self._club_time(club_of(schedule))
            slot = parse_iso(run.slot)
            in_grace = now <= slot + when.grace
            if open_run.prompt_message_id is not None:
                finishes.append(
                    Finish(
                        schedule.id,
                        run.slot,
                        POSTED,
                        message_id=open_run.prompt_message_id,
                        attempts=max(run.attempts, 1),
                    )
                )
                continue
            platform = self.engine.platforms.get(schedule.platform)
            if run.attempted_at is None:
                if in_grace and schedule.status in (ACTIVE, DONE):
                    self._queue(open_run)
                    continue
                detail = t("schedule.detail.offline", when.language)
                finishes.append(
                    Finish(schedule.id, run.slot, SKIPPED, detail=detail, drop_prompt=True)
                )
                continue
            can_find = getattr(platform, FIND_POST, None) is not None
            window = self._nonce_window(platform)
            attempted = parse_iso(run.attempted_at)
            resend = (
                window > 0
                and (now - attempted).total_seconds() <= window
                and in_grace
                and open_run.prompt_item_id is not None
            )
            if can_find or resend:
                self._queue(open_run)
                continue
            unknowns.append(self._unknown_of(schedule, run.slot, when.language))
        await self.store.finish(finishes, self.engine.now())
        self._late_unknowns.extend(unknowns)  # told with the queue's, in one notice per club
        if not self._recovering:
            await self._end_recovery()
        return sum(1 for f in finishes if f.status == POSTED)

    async def _end_recovery(self) -> None:
        """Close the restart's unknown slots and tell each club once, listing them."""
        unknowns, self._late_unknowns = self._late_unknowns, []
        await self.store.settle_unknown(unknowns, self.engine.now())
        await self.send_notices(sorted(self.engine.platforms))

    def _queue(self, open_run: OpenRun) -> None:
        self._recovering.append(open_run)
        self._recovering_ids.add(open_run.schedule.id)

    async def _recover_batch(self) -> int:
        """Settle the next batch of slots a stop left open (posting or looking up)."""
        batch: list[OpenRun] = []
        while self._recovering and len(batch) < self.recovery_batch:
            batch.append(self._recovering.popleft())
        now = self.engine.clock.now()
        limit = asyncio.Semaphore(self.concurrency)

        async def one(open_run: OpenRun) -> Outcome:
            async with limit:
                try:
                    return await self._settle_open(open_run, now)
                except Exception:
                    log.exception("settling slot %s failed", open_run.run.slot)
                    return None  # left open: settled on the next start

        outcomes = await asyncio.gather(*(one(o) for o in batch))
        posted = await self._record(list(outcomes), recovering=True)
        for open_run in batch:
            self._recovering_ids.discard(open_run.schedule.id)
        self._recovering_ids.update(o.schedule.id for o in self._recovering)
        if not self._recovering:
            await self._end_recovery()
        return posted

    async def _settle_open(self, open_run: OpenRun, now: datetime) -> Outcome:
        schedule, run = open_run.schedule, open_run.run
        when = await self._club_time(club_of(schedule))
        slot = parse_iso(run.slot)
        offline = Finish(
            schedule.id,
            run.slot,
            SKIPPED,
            detail=t("schedule.detail.offline", when.language),
            drop_prompt=True,
        )
        if run.attempted_at is None:  # never sent: post it now, with its item if it has one
            with_item = open_run if open_run.prompt_item_id is not None else None
            job = await self._rebuild(schedule, slot, when, run.nonce, with_item)
            if job is None:
                return offline
            if job.stored is None:
                return await self._again(replace(job, attempt=run.attempts))
            return await self._post(
                replace(job, prompt_id=run.prompt_id, attempt=run.attempts + 1), now
            )
        job = await self._rebuild(schedule, slot, when, run.nonce, open_run)
        if job is None:
            return self._unknown_of(schedule, run.slot, when.language)
        job = replace(
            job,
            prompt_id=run.prompt_id,
            attempt=max(run.attempts, 1),
            unsure_since=parse_iso(run.attempted_at),
        )
        return await self._resolve(job, now, late=offline)

    async def _rebuild(
        self,
        schedule: Schedule,
        slot: datetime,
        when: _ClubTime,
        nonce: str | None,
        open_run: OpenRun | None = None,
    ) -> Job | None:
        """The job of an open run: its recorded prompt's item, or a placeholder to re-choose."""
        club = club_of(schedule)
        discussion = self.engine.store.discussion
        if open_run is not None and open_run.prompt_item_id is not None:
            stored = await discussion.get_item_by_id(club.id, open_run.prompt_item_id)
            document = await discussion.get_document(club.id, open_run.prompt_document_id)
            cycle = open_run.prompt_cycle or 0
        else:
            document_id = schedule.document_id or schedule.active_document_id
            document = await discussion.get_document(club.id, document_id) if document_id else None
            stored, cycle = None, 0
        if document is None or (open_run is not None and stored is None):
            return None
        return Job(
            schedule=schedule,
            slot=slot,
            grace=when.grace,
            language=when.language,
            club=club,
            channel=channel_of(schedule),
            document=document,
            stored=stored,
            cycle=cycle,
            nonce=nonce or nonce_for(schedule.id, slot),
        )

    # -- telling the moderators -----------------------------------------------------------
    async def send_notices(self, platforms: list[str]) -> None:
        """Send the notices of unknown slots not sent yet: each at most once, ever.

        The attempt is recorded before the platform call. A notice whose sending a stop
        interrupted is looked up (Slack) or re-sent with its nonce (Discord, within the
        window); where the platform can do neither it is dropped rather than risk a repeat.
        """
        async with self._notices:
            for notice in await self.store.open_notices(platforms):
                try:
                    await self._send_notice(notice)
                except Exception:
                    log.exception("sending notice %s failed", notice.id)

    async def _send_notice(self, notice: SlotNotice) -> None:
        club = Club(notice.club_id, notice.platform, notice.workspace_id, None)
        platform = self.engine.platforms.get(notice.platform)
        target = await self.engine.moderator_channel(club, notice.channel_id)
        if platform is None or target is None or not notice.slots:
            if target is None or not notice.slots:
                await self.store.notice_done(notice.id, "dropped", self.engine.now())
            return
        nonce = f"fcn{notice.id}"
        if notice.status == "sending" and notice.attempted_at is not None:
            attempted = parse_iso(notice.attempted_at)
            find = getattr(platform, FIND_POST, None)
            age = (self.engine.clock.now() - attempted).total_seconds()
            if find is not None:
                with on_workspace(club.workspace_id):
                    ref = await find(target, nonce, attempted - LOOKUP_MARGIN)
                if ref is not None:
                    await self.store.notice_done(
                        notice.id, "sent", self.engine.now(), ref.message_id
                    )
                    return
            elif not (self._nonce_window(platform) and age <= self._nonce_window(platform)):
                log.warning("notice %s may have been sent before a stop; not sent again", notice.id)
                await self.store.notice_done(notice.id, "dropped", self.engine.now())
                return
        conf = await self.engine.settings_for(club)
        text = self._notice_text(notice, conf.language, conf.timezone)
        await self.store.notice_sending(notice.id, self.engine.now())
        try:
            with on_workspace(club.workspace_id):
                ref = await platform.post_message(target, Message.text(text), nonce=nonce)
        except OutcomeUnknown as exc:
            log.warning("notice %s may not have arrived: %s", notice.id, exc)
            if getattr(platform, FIND_POST, None) is None and not self._nonce_window(platform):
                await self.store.notice_done(notice.id, "dropped", self.engine.now())
            return  # left "sending": looked up on the next pass
        except PlatformError as exc:
            log.warning("could not tell club %s's moderators: %s", club.id, exc)
            await self.store.notice_done(notice.id, "pending", self.engine.now())
            return
        await self.store.notice_done(notice.id, "sent", self.engine.now(), ref.message_id)

    def _notice_text(self, notice: SlotNotice, language: str, zone: str) -> str:
        lines = [
            t(
                "schedule.recovery.line",
                language,
                number=slot.number,
                channel=self.engine.channel_label(notice.platform, slot.channel_id),
                slot=local_text(slot.slot, zone),
            )
            for slot in notice.slots[:NOTICE_MAX_LINES]
        ]
        more = len(notice.slots) - len(lines)
        if more > 0:
            lines.append(t("schedule.recovery.more", language, count=more))
        head = t(
            "schedule.recovery.unknown",
            language,
            prompts=counted("scheduled_prompt", len(notice.slots), language),
        )
        return "\n".join([head, *lines])

    async def _notify(self, schedule: Schedule, text: str) -> None:
        club = club_of(schedule)
        await self.engine.notify_moderators(
            club, text, fallback_channel=schedule.manage_channel or schedule.channel_id
        )
