"""The schedule commands: add, list, pause, resume and remove scheduled prompts (moderators)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.clock import iso, parse_iso
from bot.commands.config import channel_reference
from bot.commands.discussion import KIND_OPTION, command, resolve_document
from bot.commands.spec import KIND_ALIASES, KIND_CHOICES, CommandError, Option, OptionType
from bot.i18n import t
from bot.messages import ListBlock, Message, Reply, TextBlock
from bot.numbers import parse_number
from bot.scheduler.recurrence import (
    Recurrence,
    ScheduleError,
    from_spec,
    is_when,
    parse,
    zone_of,
)
from bot.store.schedules import ACTIVE, DONE, PAUSED, Schedule, ScheduleRun

if TYPE_CHECKING:
    from bot.engine import Context, Engine
    from bot.store.records import Club

log = logging.getLogger(__name__)

SCHEDULE_OPTION = Option("schedule", OptionType.SCHEDULE, "schedule.option.schedule", required=True)
SHOWN_RUNS = 3


def local_slot(moment: datetime, zone: ZoneInfo) -> str:
    """A run time in the club's zone: ``Fri 2026-12-04 19:00 GMT``."""
    from bot.clock import moment_text

    return moment_text(moment, zone)


def _parse_when(text: str, today: Any) -> Recurrence:
    try:
        return parse(text, today)
    except ScheduleError as exc:
        raise CommandError(str(exc) + " " + t("schedule.error.examples")) from None


def split_when(args: dict[str, Any], today: Any) -> tuple[Recurrence, dict[str, Any]]:
    """The recurrence and the other options, also when an unquoted phrase spilled into them.

    ``/filmclub schedule add fridays 19:00 question`` arrives as when=fridays and the rest
    shifted into later options: rejoin the words in order and take the longest phrase.
    """
    try:
        return parse(str(args["when"]), today), args
    except ScheduleError:
        pass
    words = [str(args[k]) for k in ("when", "kind", "channel", "document") if k in args]
    for size in range(len(words), 1, -1):
        try:
            rec = parse(" ".join(words[:size]), today)
        except ScheduleError:
            continue
        rest = words[size:]
        fixed: dict[str, Any] = {"when": " ".join(words[:size])}
        if rest and KIND_ALIASES.get(rest[0].lower(), rest[0].lower()) in KIND_CHOICES:
            fixed["kind"] = KIND_ALIASES.get(rest[0].lower(), rest[0].lower())
            rest = rest[1:]
        for name, value in zip(("channel", "document"), rest, strict=False):
            fixed[name] = value
        if len(rest) > 2:
            break
        return rec, fixed
    return _parse_when(str(args["when"]), today), args


def upcoming_text(rec: Recurrence, zone: ZoneInfo, after: datetime) -> str:
    runs = rec.upcoming(after, zone, SHOWN_RUNS)
    if not runs:
        return t("schedule.no_more_runs")
    return ", ".join(local_slot(r, zone) for r in runs)


async def _club_zone(engine: Engine, club: Club) -> tuple[ZoneInfo, str]:
    name = (await engine.settings_for(club)).timezone
    return zone_of(name), name


async def _find(engine: Engine, club: Club, ref: Any) -> Schedule:
    text = str(ref).strip().lstrip("#")
    number = parse_number(text, lo=1)
    if number is None:
        raise CommandError(t("schedule.error.bad_ref", ref=ref))
    schedule = await engine.store.schedules.get(club.id, number)
    if schedule is None:
        raise CommandError(t("schedule.error.not_found", ref=ref))
    return schedule


def _kind_text(kind: str) -> str:
    return t(f"schedule.kind.{kind}")


@command(
    "schedule add",
    options=(
        Option("when", OptionType.STRING, "schedule.option.when", required=True, phrase=is_when),
        KIND_OPTION,
        Option("channel", OptionType.CHANNEL, "schedule.option.channel"),
        Option("document", OptionType.DOCUMENT, "schedule.option.document"),
    ),
    moderator=True,
)
async def schedule_add(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    zone, zone_name = await _club_zone(engine, club)
    now = engine.clock.now()
    rec, args = split_when(args, now.astimezone(zone).date())
    first = rec.next_after(now, zone)
    if first is None:
        # A date that is gone has passed; a rule with no run in the years ahead never happens.
        key = "schedule.error.past" if rec.is_once else "schedule.error.never"
        raise CommandError(t(key, spec=rec.spec, zone=zone_name))
    conf = await engine.settings_for(club)
    if args.get("channel"):
        near = (*KIND_CHOICES, *KIND_ALIASES)
        channel_id = await channel_reference(engine, ctx, club, str(args["channel"]), near=near)
    else:
        channel_id = conf.prompt_channel or ctx.channel_id
    known = await engine.store.discussion.get_channel(club.id, channel_id)
    document = None
    if args.get("document"):
        document = await resolve_document(engine, club.id, str(args["document"]))
    elif known is None or known.active_document_id is None:
        raise CommandError(
            t("schedule.error.no_document", channel=engine.channel_label(club.platform, channel_id))
        )
    name = ctx.channel_name if channel_id == ctx.channel_id else None
    channel = known or await engine.store.discussion.ensure_channel(club.id, channel_id, name)
    kind = args.get("kind") or "any"
    schedule = await engine.store.schedules.add(
        club_id=club.id,
        channel_ref=channel.id,
        document_id=document.id if document else None,
        kind=kind,
        spec=rec.spec,
        next_run=iso(first),
        created_by=ctx.actor.user_id,
        manage_channel=ctx.channel_id,
        now=engine.now(),
    )
    await engine.emit("schedules_changed", club=club)
    source = (
        t("schedule.document_fixed", number=document.number, title=document.label)
        if document
        else t("schedule.document_active")
    )
    text = t(
        "schedule.added",
        number=schedule.number,
        spec=rec.spec,
        zone=zone_name,
        kind=_kind_text(kind),
        channel=engine.channel_label(club.platform, channel_id),
        source=source,
        runs=upcoming_text(rec, zone, now),
    )
    return Reply.text(text)


def _run_text(run: ScheduleRun, zone: ZoneInfo) -> str:
    when = local_slot(parse_iso(run.slot), zone)
    outcome = t(f"schedule.outcome.{run.status}", item=run.item_short_id or "?")
    text = t("schedule.last_run", when=when, outcome=outcome)
    if run.detail:
        text += t("schedule.detail_suffix", detail=run.detail)
    if run.missed:
        key = "schedule.missed_skipped" if run.status == "skipped" else "schedule.missed_folded"
        text += t(key, count=run.missed)
    return text


@command("schedule list", moderator=True)
async def schedule_list(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    zone, zone_name = await _club_zone(engine, club)
    schedules = await engine.store.schedules.list(club.id)
    if not schedules:
        return Reply.text(t("schedule.empty"))
    now = engine.clock.now()
    lines: list[str] = []
    for s in schedules:
        rec = from_spec(s.spec)
        status = t(f"schedule.status.{s.status}")
        if s.status == PAUSED and s.status_reason:
            status += t("schedule.detail_suffix", detail=s.status_reason)
        if s.document_id is not None:
            doc = await engine.store.discussion.get_document(club.id, s.document_id)
            source = t("schedule.document_fixed", number=doc.number, title=doc.label) if doc else ""
        else:
            source = t("schedule.document_active")
        lines.append(
            t(
                "schedule.line",
                number=s.number,
                spec=s.spec,
                kind=_kind_text(s.kind),
                channel=engine.channel_label(s.platform, s.channel_id),
                source=source,
                status=status,
            )
        )
        if s.status == ACTIVE:
            lines.append(t("schedule.next_runs", runs=upcoming_text(rec, zone, now)))
        run = await engine.store.schedules.last_run(s.id)
        lines.append(_run_text(run, zone) if run else t("schedule.never_ran"))
    title = t("schedule.list_title", zone=zone_name)
    return Reply(Message((ListBlock(tuple(lines), title=title),)))


@command("schedule pause", options=(SCHEDULE_OPTION,), moderator=True)
async def schedule_pause(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    schedule = await _find(engine, club, args["schedule"])
    if schedule.status != ACTIVE:
        return Reply.text(
            t(
                "schedule.not_active",
                number=schedule.number,
                status=t(f"schedule.status.{schedule.status}"),
            )
        )
    reason = t("schedule.paused_by", user=ctx.actor.name)
    await engine.store.schedules.set_status(club.id, schedule.id, PAUSED, reason=reason)
    await engine.emit("schedules_changed", club=club)
    return Reply.text(t("schedule.paused", number=schedule.number))


@command("schedule resume", options=(SCHEDULE_OPTION,), moderator=True)
async def schedule_resume(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    schedule = await _find(engine, club, args["schedule"])
    if schedule.status == ACTIVE:
        return Reply.text(t("schedule.already_active", number=schedule.number))
    zone, _ = await _club_zone(engine, club)
    now = engine.clock.now()
    rec = from_spec(schedule.spec)
    first = rec.next_after(now, zone)
    if first is None:
        await engine.store.schedules.set_status(club.id, schedule.id, DONE)
        return Reply.text(t("schedule.resume_past", number=schedule.number, spec=schedule.spec))
    await engine.store.schedules.set_status(club.id, schedule.id, ACTIVE, next_run=iso(first))
    await engine.emit("schedules_changed", club=club)
    return Reply.text(
        t("schedule.resumed", number=schedule.number, runs=upcoming_text(rec, zone, now))
    )


@command("schedule remove", options=(SCHEDULE_OPTION,), moderator=True)
async def schedule_remove(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    schedule = await _find(engine, club, args["schedule"])
    await engine.store.schedules.remove(club.id, schedule.id)
    await engine.emit("schedules_changed", club=club)
    return Reply(
        Message((TextBlock(t("schedule.removed", number=schedule.number, spec=schedule.spec)),))
    )
