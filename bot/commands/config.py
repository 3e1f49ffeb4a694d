"""Moderator configuration: config show, set, reset and log."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot.clock import local_text
from bot.club_settings import SPECS, describe, parse_value, show_value
from bot.commands.discussion import command
from bot.commands.spec import CommandError, Option, OptionType
from bot.i18n import t
from bot.messages import ListBlock, Menu, Message, Reply
from bot.models import KIND_CHOICES

if TYPE_CHECKING:
    from bot.engine import Context, Engine
    from bot.store.records import Club

KEY = Option("key", OptionType.CHOICE, "option.setting_key", required=True, choices=tuple(SPECS))
SCOPE = Option("scope", OptionType.CHOICE, "option.scope", choices=("club", "channel"))
_MENTION = re.compile(r"^<(?:#|@&|@|!subteam\^)([A-Za-z0-9]+)(?:\|[^>]*)?>$")


def normalize_reference(text: str) -> str:
    """``<#123>``, ``<@&123>``, ``<#C1|general>``, ``<!subteam^S1>`` and ``#name`` → the id/name."""
    text = text.strip()
    match = _MENTION.match(text)
    if match:
        return match.group(1)
    return text.lstrip("#")


async def validate_reference(engine: Engine, ctx: Context, club: Club, kind: str, ref: str) -> None:
    """Refuse a channel or role the platform says does not exist (when it can tell)."""
    platform = engine.platforms.get(club.platform)
    check = getattr(platform, f"{kind}_exists", None) if platform else None
    if check is not None and not await check(ctx.workspace_id, ref):
        raise CommandError(t(f"config.no_such_{kind}", ref=ref))


async def channel_reference(
    engine: Engine, ctx: Context, club: Club, raw: str, *, near: tuple[str, ...] = ()
) -> str:
    """A channel typed as an option, as its id: ``#name``, the platform's mention, or a bare
    word that is a channel already (this one, one the club knows, one the platform finds).

    Any other bare word is refused rather than taken as a new channel's name: a mistyped
    ``qustion`` is not a channel called #qustion. ``near`` (the words the previous option
    takes, such as the kinds) offers a "did you mean".
    """
    text = raw.strip()
    ref = normalize_reference(text)
    if ref == ctx.channel_id:
        return ref
    if text.startswith("#") or _MENTION.match(text):
        await validate_reference(engine, ctx, club, "channel", ref)
        return ref
    if await engine.store.discussion.get_channel(club.id, ref) is not None:
        return ref
    platform = engine.platforms.get(club.platform)
    check = getattr(platform, "channel_exists", None) if platform else None
    if check is not None and await check(ctx.workspace_id, ref):
        return ref
    import difflib

    close = difflib.get_close_matches(text.lower(), near, n=1, cutoff=0.6)
    hint = t("errors.did_you_mean", name=close[0]) if close else ""
    raise CommandError(t("errors.not_a_channel", word=text, hint=hint))


def shown(engine: Engine, club: Any, key: str, value: Any) -> str:
    """A setting's value as the reply shows it: a channel as the platform names it (#mods)."""
    spec = SPECS.get(key)
    if spec is not None and spec.type == "channel" and isinstance(value, str) and value:
        return engine.channel_label(club.platform, value)
    return show_value(value)


@command("config show", moderator=True)
async def config_show(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    channel = await engine.channel(ctx, club)
    conf = await engine.settings_for(club, channel)
    overrides = await engine.store.discussion.settings(club.id, channel.channel_id)
    lines = []
    for key, spec in SPECS.items():
        mark = t("config.channel_override") if key in overrides else ""
        lines.append(f"{key} = {shown(engine, club, key, conf.get(key))}{mark}  ({describe(spec)})")
    return Reply(Message((ListBlock(tuple(lines), title=t("config.title")),)), menus=menus(conf))


MENU_KEYS = ("spoilers", "rotation", "kinds", "auto_archive")


def menus(conf: Any) -> tuple[Menu, ...]:
    """Select menus for the common settings with a short list of values."""
    out = []
    for key in MENU_KEYS:
        spec = SPECS[key]
        current = conf.get(key)
        if spec.type == "bool":
            choices = (("on", "on"), ("off", "off"))
            now = ("on" if current else "off",)
        elif spec.type == "kinds":
            choices = tuple((k, k) for k in KIND_CHOICES)
            now = tuple(current)
        else:
            choices = tuple((str(c), str(c)) for c in spec.choices)
            now = (str(current),)
        out.append(
            Menu(
                placeholder=t("config.menu_placeholder", key=key, value=show_value(current)),
                command="config set",
                args=(("key", key),),
                option="value",
                choices=choices,
                current=now,
                multiple=spec.type == "kinds",
            )
        )
    return tuple(out)


async def _change(
    engine: Engine, ctx: Context, key: str, value: Any, scope_choice: str | None
) -> Reply:
    club = await engine.club(ctx)
    spec = SPECS[key]
    if scope_choice == "channel" and not spec.per_channel:
        raise CommandError(t("config.not_per_channel", key=key))
    scope = ctx.channel_id if scope_choice == "channel" else ""
    if value is not None and spec.type in ("channel", "role") and value is not None:
        value = normalize_reference(value)
        await validate_reference(engine, ctx, club, spec.type, value)
    if value is not None and spec.type in ("roles", "users"):
        value = [normalize_reference(v) for v in value]
        if spec.type == "roles":
            for role in value:
                await validate_reference(engine, ctx, club, "role", role)
    # Old and new are the values in force where the change applies: for a channel, its
    # override or else the club's value; for the club, its value or else the default.
    channel = await engine.channel(ctx, club) if scope else None
    old = (await engine.settings_for(club, channel)).get(key)
    await engine.store.moderation.set_setting(
        club.id, scope, key, value, ctx.actor.user_id, engine.now()
    )
    engine.settings_changed(club.id, scope)
    await engine.emit("settings_changed", club=club, key=key, scope=scope)
    new = (await engine.settings_for(club, channel)).get(key)
    where = t("config.where_channel") if scope else t("config.where_club")
    if value is None and scope:
        return Reply.text(
            t(
                "config.reset_channel_done",
                key=key,
                old=shown(engine, club, key, old),
                club=shown(engine, club, key, new),
            )
        )
    if value is None:
        return Reply.text(
            t(
                "config.reset_done",
                key=key,
                where=where,
                old=shown(engine, club, key, old),
                default=shown(engine, club, key, new),
            )
        )
    return Reply.text(
        t(
            "config.set_done",
            key=key,
            where=where,
            old=shown(engine, club, key, old),
            new=shown(engine, club, key, new),
        )
    )


@command(
    "config set",
    options=(KEY, SCOPE, Option("value", OptionType.TEXT, "option.setting_value", required=True)),
    moderator=True,
)
async def config_set(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    key = args["key"]
    value = parse_value(key, str(args["value"]))
    return await _change(engine, ctx, key, value, args.get("scope"))


@command("config reset", options=(KEY, SCOPE), moderator=True)
async def config_reset(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    return await _change(engine, ctx, args["key"], None, args.get("scope"))


@command(
    "config log",
    options=(Option("limit", OptionType.INTEGER, "option.limit", lo=1, hi=100),),
    moderator=True,
)
async def config_log(engine: Engine, ctx: Context, args: dict[str, Any]) -> Reply:
    club = await engine.club(ctx)
    limit = int(args.get("limit", 20))
    changes = await engine.store.moderation.config_log(club.id, limit)
    zone = (await engine.settings_for(club)).timezone
    if not changes:
        return Reply.text(t("config.log_empty"))
    lines = [
        t(
            "config.log_line",
            when=local_text(c.changed_at, zone),
            who=c.changed_by,
            key=c.key,
            where=f" (#{c.scope})" if c.scope else "",
            old=shown(engine, club, c.key, c.old_value)
            if c.old_value is not None
            else t("config.default"),
            new=shown(engine, club, c.key, c.new_value)
            if c.new_value is not None
            else t("config.default"),
        )
        for c in changes
    ]
    return Reply(Message((ListBlock(tuple(lines), title=t("config.log_title")),)))
