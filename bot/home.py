"""A club at a glance for one person (a Home tab), read from the store; platform-neutral."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.clock import parse_iso
from bot.commands.schedule import _club_zone, _kind_text, _run_text, local_slot
from bot.engine import Actor, Engine
from bot.i18n import t
from bot.store.home import ActiveChannel
from bot.store.moderation import Suggestion
from bot.store.records import Club, PromptRecord
from bot.store.schedules import ACTIVE, PAUSED, Schedule, ScheduleRun

# How many of each list one view shows; the rest is counted ("and N more").
CHANNELS = 8
SCHEDULES = 10
PROMPTS = 8
PENDING = 10
MINE = 10


@dataclass(frozen=True)
class ScheduleLine:
    """A schedule as the overview shows it: its parts as text, next runs and last outcome."""

    number: int
    status: str
    spec: str
    kind: str
    channel_id: str
    source: str
    status_text: str
    next_runs: str | None
    last: str


@dataclass(frozen=True)
class Overview:
    """What one person sees of their club. Lists are cut; ``*_more`` counts what was cut."""

    moderator: bool
    language: str
    prompts: tuple[PromptRecord, ...]
    prompts_more: int
    mine: tuple[Suggestion, ...] = ()
    mine_more: int = 0
    channels: tuple[ActiveChannel, ...] = ()
    channels_more: int = 0
    schedules: tuple[ScheduleLine, ...] = ()
    schedules_more: int = 0
    pending: tuple[Suggestion, ...] = ()
    pending_more: int = 0


async def overview(engine: Engine, club: Club, actor: Actor) -> Overview:
    """The overview for ``actor``: moderators get the club's state, members their own part."""
    store = engine.store
    conf = await engine.settings_for(club)
    moderator = await engine.is_moderator(club, actor)
    prompts = await store.discussion.recent_prompts(club.id, limit=PROMPTS)
    prompts_more = max(0, await store.home.prompt_count(club.id) - len(prompts))
    if not moderator:
        mine, mine_total = await store.home.suggestions_by(club.id, actor.user_id, MINE)
        return Overview(
            False,
            conf.language,
            tuple(prompts),
            prompts_more,
            mine=tuple(mine),
            mine_more=max(0, mine_total - len(mine)),
        )
    channels, channels_total = await store.home.active_channels(club.id, CHANNELS)
    schedules = await store.schedules.list(club.id)
    shown = schedules[:SCHEDULES]
    zone, _ = await _club_zone(engine, club)
    last = await store.home.last_runs([s.id for s in shown])
    lines = [_schedule_line(zone, s, last.get(s.id)) for s in shown]
    pending, pending_total = await store.home.pending_suggestions(club.id, PENDING)
    return Overview(
        True,
        conf.language,
        tuple(prompts),
        prompts_more,
        channels=tuple(channels),
        channels_more=max(0, channels_total - len(channels)),
        schedules=tuple(lines),
        schedules_more=max(0, len(schedules) - SCHEDULES),
        pending=tuple(pending),
        pending_more=max(0, pending_total - len(pending)),
    )


def _schedule_line(zone: ZoneInfo, schedule: Schedule, run: ScheduleRun | None) -> ScheduleLine:
    status = t(f"schedule.status.{schedule.status}")
    if schedule.status == PAUSED and schedule.status_reason:
        status += t("schedule.detail_suffix", detail=schedule.status_reason)
    if schedule.document_id is None:
        source = t("schedule.document_active")
    else:
        source = t("home.fixed_document")
    next_runs = None
    if schedule.status == ACTIVE and schedule.next_run:
        # The stored next run (the scheduler keeps it current): cheaper than recomputing.
        next_runs = local_slot(parse_iso(schedule.next_run), zone)
    last = _run_text(run, zone).strip() if run else t("schedule.never_ran").strip()
    return ScheduleLine(
        schedule.number,
        schedule.status,
        schedule.spec,
        _kind_text(schedule.kind),
        schedule.channel_id,
        source,
        status,
        next_runs,
        last,
    )
