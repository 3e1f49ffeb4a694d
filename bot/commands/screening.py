"""The screening commands: add, list, edit, cancel and resume a screening; rsvp; recap."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.clock import iso, parse_iso
from bot.commands.config import channel_reference
from bot.commands.discussion import command, resolve_document
from bot.commands.spec import CommandError, Option, OptionType
from bot.i18n import t
from bot.messages import ListBlock, Message, Reply
from bot.platform import on_workspace
from bot.scheduler.recurrence import ScheduleError, is_when, parse, zone_of
from bot.screening import cancelled_message, local_when, plan
from bot.store.screenings import ACTIVE, CANCELLED, DONE, PAUSED, Screening

if TYPE_CHECKING:
    from bot.engine import Context, Engine
    from bot.store.records import Club, Document

log = logging.getLogger(__name__)

SCREENING = Option("screening", OptionType.INTEGER, "screening.option.screening", required=True)
WHEN = Option("when", OptionType.STRING, "screening.option.when", required=True, phrase=is_when)
DOCUMENT = Option("document", OptionType.DOCUMENT, "screening.option.document")
WHERE = Option("where", OptionType.STRING, "screening.option.where")
CHANNEL = Option("channel", OptionType.CHANNEL, "screening.option.channel")


def _start(text: str, now: datetime, zone: Any) -> datetime:
    """The screening's start: the next run of ``when`` as schedules read it, in the zone."""
    try:
        rec = parse(text, now.astimezone(zone).date())
    except ScheduleError as exc:
        raise CommandError(str(exc) + " " + t("screening.error.examples")) from None
    start = rec.next_after(now, zone)
    if start is None:
        raise CommandError(t("screening.error.past", when=text))
    return start


def _split_when(args: dict[str, Any], now: datetime, zone: Any) -> tuple[datetime, dict[str, Any]]:
    """``screening add 2026-12-04 20:00 …`` arrives with the time in the next option: rejoin."""
    try:
        return _start(str(args["when"]), now, zone), args
    except CommandError as first_error:
        names = [k for k in ("when", "document", "where", "channel") if k in args]
        words = [str(args[k]) for k in names]
        for size in range(len(words), 1, -1):
            try:
                start = _start(" ".join(words[:size]), now, zone)
            except CommandError:
                continue
            fixed: dict[str, Any] = {"when": " ".join(words[:size])}
            for name, value in zip(("document", "where", "channel"), words[size:], strict=False):
                fixed[name] = value
            return start, fixed
        raise first_error from None


async def find(engine: Engine, club: Club, ref: Any) -> Screening:
    text = str(ref).strip().lstrip("#")
    if not text.isdigit():
        raise CommandError(t("screening.error.bad_ref", ref=ref))
    screening = await engine.store.screenings.get(club.id, int(text))
    if screening is None:
        raise CommandError(t("screening.error.not_found", ref=ref))
    return screening


async def _zone(engine: Engine, club: Club) -> tuple[Any, str]:
    name = (await engine.settings_for(club)).timezone
    return zone_of(name), name


def _film_of(document: Document) -> str:
    return document.film or document.label


@command(
    "screening add",
    options=(WHEN, DOCUMENT, WHERE, CHANNEL),
    moderator=True,
)
async def screening_add(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    zone, zone_name = await _zone(engine, club)
    now = engine.clock.now()
    starts_at, args = _split_when(args, now, zone)
    conf = await engine.settings_for(club)
    if args.get("channel"):
        channel_id = await channel_reference(engine, ctx, club, str(args["channel"]))
    else:
        channel_id = conf.prompt_channel or ctx.channel_id
    name = ctx.channel_name if channel_id == ctx.channel_id else None
    channel = await engine.store.discussion.ensure_channel(club.id, channel_id, name)
    if args.get("document"):
        document = await resolve_document(engine, club.id, str(args["document"]))
    else:
        here = await engine.channel(ctx, club)
        source = channel if channel.active_document_id is not None else here
        if source.active_document_id is None:
            raise CommandError(
                t(
                    "screening.error.no_document",
                    channel=engine.channel_label(club.platform, channel_id),
                )
            )
        document = await engine.active_document(club, source)
    slots = [(kind, seq, iso(due)) for kind, seq, due in plan(starts_at, now, conf, zone)]
    screening = await engine.store.screenings.add(
        club_id=club.id,
        channel_ref=channel.id,
        document_id=document.id,
        film=_film_of(document),
        starts_at=iso(starts_at),
        place=(str(args["where"]).strip() or None) if args.get("where") else None,
        created_by=ctx.actor.user_id,
        manage_channel=ctx.channel_id,
        slots=slots,
        now=engine.now(),
    )
    await engine.emit("schedules_changed", club=club)  # the scheduler wakes: announce now
    return Reply.text(
        t(
            "screening.added",
            number=screening.number,
            film=screening.film,
            when=local_when(starts_at, zone),
            # The zone's name only where its abbreviation does not already say it (UTC).
            zone="" if local_when(starts_at, zone).endswith(f" {zone_name}") else f" ({zone_name})",
            channel=engine.channel_label(club.platform, channel_id),
            plan=_plan_text(slots, zone),
        )
    )


def _plan_text(slots: list[tuple[str, int, str]], zone: Any) -> str:
    parts = []
    for kind, _seq, due in slots:
        if kind == "announce":
            continue
        parts.append(f"{t(f'screening.slot.{kind}')} {local_when(parse_iso(due), zone)}")
    return "; ".join(parts)


@command("screening list")
async def screening_list(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    from bot.scheduler.screenings import rsvp_count

    club = await engine.club(ctx)
    zone, zone_name = await _zone(engine, club)
    screenings = await engine.store.screenings.list(club.id)
    if not screenings:
        return Reply.text(t("screening.empty"))
    lines: list[str] = []
    for s in screenings:
        status = t(f"screening.status.{s.status}")
        if s.status == PAUSED and s.status_reason:
            status += f" ({s.status_reason})"
        lines.append(
            t(
                "screening.line",
                number=s.number,
                film=s.film,
                when=local_when(parse_iso(s.starts_at), zone),
                place=s.place or "—",
                channel=engine.channel_label(s.platform, s.channel_id),
                count=await rsvp_count(engine, s),
                status=status,
            )
        )
        if s.status == ACTIVE:
            pending = [
                x for x in await engine.store.screenings.slots(s.id) if x.status == "pending"
            ]
            if pending:
                nxt = pending[0]
                lines.append(
                    t(
                        "screening.next",
                        what=t(f"screening.slot.{nxt.kind}"),
                        when=local_when(parse_iso(nxt.due_at), zone),
                    )
                )
    return Reply(
        Message((ListBlock(tuple(lines), title=t("screening.list_title", zone=zone_name)),))
    )


@command(
    "screening edit",
    options=(
        SCREENING,
        Option("when", OptionType.STRING, "screening.option.when"),
        WHERE,
        DOCUMENT,
    ),
    moderator=True,
)
async def screening_edit(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    screening = await find(engine, club, args["screening"])
    if screening.status in (CANCELLED, DONE):
        raise CommandError(
            t(
                "screening.error.over",
                number=screening.number,
                status=t(f"screening.status.{screening.status}"),
            )
        )
    zone, _ = await _zone(engine, club)
    now = engine.clock.now()
    changes: dict[str, Any] = {}
    if args.get("when"):
        changes["starts_at"] = iso(_start(str(args["when"]), now, zone))
    if args.get("where"):
        where = str(args["where"]).strip()
        changes["place"] = None if where.lower() in ("none", "-") else where
    if args.get("document"):
        document = await resolve_document(engine, club.id, str(args["document"]))
        changes["document_id"] = document.id
        changes["film"] = _film_of(document)
    if not changes:
        raise CommandError(t("screening.error.nothing_to_edit", number=screening.number))
    await engine.store.screenings.update(screening.id, **changes)
    updated = await engine.store.screenings.get_by_id(screening.id)
    assert updated is not None
    if "starts_at" in changes:
        conf = await engine.settings_for(club)
        slots = [
            (kind, seq, iso(due))
            for kind, seq, due in plan(parse_iso(updated.starts_at), now, conf, zone)
            if kind != "announce"
        ]
        await engine.store.screenings.replan(updated.id, slots)
    from bot.scheduler.screenings import refresh_card

    await refresh_card(engine, updated)
    await engine.emit("schedules_changed", club=club)
    text = t(
        "screening.edited",
        number=updated.number,
        film=updated.film,
        when=local_when(parse_iso(updated.starts_at), zone),
        place=updated.place or "—",
    )
    if updated.announce_message_id and updated.status == ACTIVE:
        platform = engine.platforms.get(club.platform)
        if platform is not None:
            try:
                with on_workspace(club.workspace_id):
                    await platform.post_message(updated.channel_id, Message.text(text))
            except Exception as exc:  # the reply still says what changed
                log.info("could not post the change of screening %s: %s", updated.id, exc)
            else:
                if updated.channel_id != ctx.channel_id:
                    return Reply.text(text)  # posted elsewhere: the reply carries the change
                # Posted right here: say it once, the reply only points to it.
                return Reply.text(
                    t(
                        "screening.edit_posted",
                        number=updated.number,
                        channel=engine.channel_label(club.platform, updated.channel_id),
                    )
                )
    return Reply.text(text)


@command("screening cancel", options=(SCREENING,), moderator=True)
async def screening_cancel(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    from bot.scheduler.screenings import refresh_card

    club = await engine.club(ctx)
    screening = await find(engine, club, args["screening"])
    if screening.status in (CANCELLED, DONE):
        raise CommandError(
            t(
                "screening.error.over",
                number=screening.number,
                status=t(f"screening.status.{screening.status}"),
            )
        )
    zone, _ = await _zone(engine, club)
    await engine.store.screenings.update(
        screening.id, status=CANCELLED, status_reason=ctx.actor.name
    )
    await engine.store.screenings.drop_pending(screening.id)
    await engine.emit("schedules_changed", club=club)
    updated = await engine.store.screenings.get_by_id(screening.id) or screening
    await refresh_card(engine, updated, closed=True)
    users = await engine.store.screenings.rsvp_users(screening.id)
    platform = engine.platforms.get(club.platform)
    told = 0
    if platform is not None:
        cancel_event = getattr(platform, "cancel_screening_event", None)
        if cancel_event is not None and screening.event_id:
            try:
                await cancel_event(screening.workspace_id, screening.event_id)
            except Exception as exc:
                log.info("could not cancel the event of screening %s: %s", screening.id, exc)
        if screening.announce_message_id:  # only if it was announced: say so where it was
            try:
                with on_workspace(club.workspace_id):
                    await platform.post_message(
                        screening.channel_id, cancelled_message(screening, zone, len(users))
                    )
            except Exception as exc:
                log.info("could not post the cancellation of %s: %s", screening.id, exc)
        if getattr(platform, "send_direct", None) is not None:
            text = t(
                "screening.cancelled_direct",
                number=screening.number,
                film=screening.film,
                when=local_when(parse_iso(screening.starts_at), zone),
            )
            for user in users:
                if await engine.tell_user(club, user, text):
                    told += 1
    direct = platform is not None and getattr(platform, "send_direct", None) is not None
    return Reply.text(
        t(
            "screening.cancel_done_direct" if direct else "screening.cancel_done",
            number=screening.number,
            film=screening.film,
            count=len(users),
            told=told,
        )
    )


@command("screening resume", options=(SCREENING,), moderator=True)
async def screening_resume(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    screening = await find(engine, club, args["screening"])
    if screening.status != PAUSED:
        raise CommandError(
            t(
                "screening.error.not_paused",
                number=screening.number,
                status=t(f"screening.status.{screening.status}"),
            )
        )
    await engine.store.screenings.update(screening.id, status=ACTIVE, status_reason=None)
    await engine.store.screenings.requeue_failed(screening.id)
    await engine.emit("schedules_changed", club=club)
    return Reply.text(t("screening.resumed", number=screening.number, film=screening.film))


async def answer(
    engine: Engine, club: Club, screening: Screening, user_id: str, coming: bool
) -> tuple[bool, int]:
    """Record an RSVP (a command or a button); returns (changed, count), the card refreshed."""
    from bot.scheduler.screenings import refresh_card, rsvp_count

    if (
        screening.status not in (ACTIVE, PAUSED)
        or parse_iso(screening.starts_at) < engine.clock.now()
    ):
        raise CommandError(
            t("screening.error.closed", number=screening.number, film=screening.film)
        )
    changed = await engine.store.screenings.rsvp(screening.id, user_id, coming, engine.now())
    if changed:
        await refresh_card(engine, screening)
    return changed, await rsvp_count(engine, screening)


@command(
    "rsvp",
    options=(
        SCREENING,
        Option(
            "answer",
            OptionType.CHOICE,
            "screening.option.answer",
            choices=("yes", "no", "toggle"),
            aliases={"in": "yes", "out": "no"},
        ),
    ),
)
async def rsvp_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    screening = await find(engine, club, args["screening"])
    choice = args.get("answer", "yes")
    if choice == "toggle":  # a button: pressing it again takes the answer back
        coming = not await engine.store.screenings.has_rsvp(screening.id, ctx.actor.user_id)
    else:
        coming = choice == "yes"
    _changed, count = await answer(engine, club, screening, ctx.actor.user_id, coming)
    key = "screening.rsvp_yes" if coming else "screening.rsvp_no"
    return Reply.text(t(key, number=screening.number, film=screening.film, count=count))


@command(
    "recap",
    options=(Option("screening", OptionType.INTEGER, "screening.option.screening"),),
    public=True,
)
async def recap_command(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    from bot.scheduler.screenings import build_recap

    club = await engine.club(ctx)
    if args.get("screening") is not None:
        screening = await find(engine, club, args["screening"])
    else:
        now = iso(engine.clock.now())
        past = [
            s
            for s in await engine.store.screenings.list(club.id)
            if s.starts_at <= now and s.status != CANCELLED
        ]
        if not past:
            raise CommandError(t("screening.error.no_recap"))
        screening = max(past, key=lambda s: s.starts_at)
    return Reply(await build_recap(engine, screening), private=False)
