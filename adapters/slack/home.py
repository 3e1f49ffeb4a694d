"""The app's Home tab: the club at a glance, published per person, refreshed when it changes."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from slack_bolt.async_app import AsyncApp

from adapters.slack.people import Directory
from adapters.slack.platform import call
from adapters.slack.render import escape, post_payload
from adapters.slack.strings import s
from adapters.slack.workspaces import Workspaces
from bot.engine import Engine
from bot.home import Overview, overview
from bot.i18n import counted, t, using_language
from bot.messages import Reply
from bot.models import Kind
from bot.platform import PlatformError
from bot.store.records import PromptRecord

log = logging.getLogger(__name__)

PLATFORM = "slack"
HOME_PREFIX = "filmclub_home"
MAX_BLOCKS = 100  # Slack's limit for a Home view
SECTION_CHARS = 3000
# Refreshing: only people who opened Home lately, the most recent few, once per burst of changes.
VIEWER_SECONDS = 15 * 60
MAX_VIEWERS = 50  # remembered per workspace
REFRESH_BATCH = 20  # refreshed per change
DEBOUNCE_SECONDS = 2.0
REFRESH_EVENTS = {
    "prompt_posted",
    "schedules_changed",
    "suggestions_changed",
    "settings_changed",
    "documents_changed",
}
# What a Home button may run (each is a moderator command the engine checks again).
HOME_COMMANDS = {"discuss", "schedule pause", "schedule resume", "approve", "reject"}
_THREAD = re.compile(r"^([A-Z0-9]+):(\d+)\.(\d+)$")


def _header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": text[:150], "emoji": True}}


def _section(text: str, accessory: dict[str, Any] | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": text[:SECTION_CHARS] or " ", "verbatim": True},
    }
    if accessory:
        block["accessory"] = accessory
    return block


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text, "verbatim": True}]}


def _button(
    label: str, command: str, args: dict[str, str], channel: str = "", style: str | None = None
) -> dict[str, Any]:
    value = json.dumps({"c": command, "a": args, "ch": channel}, separators=(",", ":"))
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": label[:75], "emoji": True},
        "action_id": f"{HOME_PREFIX}:{command}:{':'.join(args.values())}:{channel}"[:255],
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def thread_link(workspace_url: str | None, thread_id: str | None) -> str | None:
    """A link to a prompt's thread: ``https://team.slack.com/archives/C1/p1700000000000001``."""
    match = _THREAD.match(thread_id or "")
    if not workspace_url or not match:
        return None
    channel, whole, fraction = match.groups()
    base = workspace_url.rstrip("/")
    return f"{base}/archives/{channel}/p{whole}{fraction}"


def _more(count: int) -> list[dict[str, Any]]:
    return [_context(escape(t("home.more", count=count)))] if count > 0 else []


def _prompt_lines(data: Overview, workspace_url: str | None) -> list[dict[str, Any]]:
    if not data.prompts:
        return [_section(escape(t("home.no_prompts")))]
    lines = []
    for prompt in data.prompts:
        line = t(
            "home.prompt_line",
            item=prompt.item_short_id,
            channel=f"<#{prompt.channel_id}>",
            replies=counted("reply", prompt.replies),
            participants=counted("participant", prompt.participants),
        )
        link = thread_link(workspace_url, _thread_of(prompt))
        if link:
            line += f" \u00b7 <{link}|{escape(t('home.prompt_link'))}>"
        lines.append(line)
    return [_section("\n".join(lines))] + _more(data.prompts_more)


def _thread_of(prompt: PromptRecord) -> str | None:
    if prompt.thread_id:
        return prompt.thread_id
    if prompt.message_id:
        return f"{prompt.channel_id}:{prompt.message_id}"
    return None


def _moderator_blocks(data: Overview) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [{"type": "divider"}, _header(t("home.channels_title"))]
    if not data.channels:
        blocks.append(_section(escape(t("home.no_channels"))))
    for channel in data.channels:
        doc = channel.document
        film = t("home.channel_film", film=escape(doc.film)) if doc.film else ""
        text = t(
            "home.channel_line",
            channel=f"<#{channel.channel_id}>",
            title=escape(doc.label),
            film=film,
        )
        left = t(
            "home.channel_left",
            quotes=counted("quote", channel.left[Kind.QUOTE]),
            exchanges=counted("exchange", channel.left[Kind.EXCHANGE]),
            questions=counted("question", channel.left[Kind.QUESTION]),
        )
        blocks.append(_section(f"{text}\n{left}"))
        buttons = [
            _button(
                t("home.post_now", kind=t(f"schedule.kind.{kind.value}")),
                "discuss",
                {"kind": kind.value},
                channel.channel_id,
            )
            for kind in (Kind.QUESTION, Kind.QUOTE, Kind.EXCHANGE)
        ]
        blocks.append({"type": "actions", "elements": buttons})
    blocks += _more(data.channels_more)
    blocks += [{"type": "divider"}, _header(t("home.schedules_title"))]
    if not data.schedules:
        blocks.append(_section(escape(t("home.no_schedules"))))
    for line in data.schedules:
        text = t(
            "schedule.line",
            number=line.number,
            spec=escape(line.spec),
            kind=escape(line.kind),
            channel=f"<#{line.channel_id}>",
            source=escape(line.source),
            status=escape(line.status_text),
        )
        if line.next_runs:
            text += "\n" + escape(t("home.next_runs", runs=line.next_runs))
        text += "\n" + escape(line.last)
        accessory = None
        number = {"schedule": str(line.number)}
        if line.status == "active":
            accessory = _button(t("home.pause"), "schedule pause", number)
        elif line.status == "paused":
            accessory = _button(t("home.resume"), "schedule resume", number, style="primary")
        blocks.append(_section(text, accessory))
    blocks += _more(data.schedules_more)
    blocks += [{"type": "divider"}, _header(t("home.pending_title"))]
    if not data.pending:
        blocks.append(_section(escape(t("home.no_pending"))))
    for suggestion in data.pending:
        flag = t("home.duplicate", other=suggestion.duplicate_of) if suggestion.duplicate_of else ""
        who = suggestion.suggested_by_name or suggestion.suggested_by
        text = t(
            "home.pending_line",
            number=suggestion.number,
            who=escape(who),
            text=escape(suggestion.text),
        )
        blocks.append(_section(text + escape(flag)))
        number = {"suggestion": str(suggestion.number)}
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    _button(t("home.approve"), "approve", number, style="primary"),
                    _button(t("home.reject"), "reject", number, style="danger"),
                ],
            }
        )
    blocks += _more(data.pending_more)
    return blocks


def _member_blocks(data: Overview) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [{"type": "divider"}, _header(t("home.mine_title"))]
    if not data.mine:
        return blocks + [_section(escape(t("home.no_mine")))]
    lines = []
    for suggestion in data.mine:
        status = t(f"home.status.{suggestion.status}")
        lines.append(
            t(
                "home.mine_line",
                number=suggestion.number,
                text=f"\u201c{escape(suggestion.text)}\u201d",
                status=escape(status),
            )
        )
    return blocks + [_section("\n".join(lines))] + _more(data.mine_more)


def home_view(data: Overview, *, workspace_url: str | None = None) -> dict[str, Any]:
    """The Home view for one person: at most 100 blocks, long lists cut with "and N more"."""
    intro = "home.moderator_intro" if data.moderator else "home.member_intro"
    blocks: list[dict[str, Any]] = [_header(t("home.title")), _context(escape(t(intro)))]
    blocks += [{"type": "divider"}, _header(t("home.prompts_title"))]
    blocks += _prompt_lines(data, workspace_url)
    blocks += _moderator_blocks(data) if data.moderator else _member_blocks(data)
    if len(blocks) > MAX_BLOCKS:
        blocks = blocks[: MAX_BLOCKS - 1] + [_context(escape(t("home.truncated")))]
    return {"type": "home", "blocks": blocks}


class SlackHome:
    """Publishes Home views and runs their buttons; refreshes recent viewers on club changes."""

    def __init__(
        self,
        engine: Engine,
        directory: Directory,
        workspaces: Workspaces,
        commands: Any,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.directory = directory
        self.workspaces = workspaces
        self.commands = commands  # SlackCommands: contexts, typed runs, task tracking
        self.clock = clock
        self.debounce = DEBOUNCE_SECONDS
        self.viewers: dict[str, OrderedDict[str, float]] = {}
        self.published = 0  # views.publish calls made (for bench and logs)
        self._pending: set[str] = set()
        self._urls: dict[str, str | None] = {}
        engine.listeners.append(self.on_engine_event)

    def register(self, app: AsyncApp) -> None:
        app.event("app_home_opened")(self.on_home_opened)
        app.action(re.compile(f"^{HOME_PREFIX}:"))(self.on_action)

    def forget_team(self, team_id: str) -> None:
        self.viewers.pop(team_id, None)
        self._urls.pop(team_id, None)

    # -- who looks at Home -----------------------------------------------------------------
    def seen(self, team_id: str, user_id: str) -> None:
        viewers = self.viewers.setdefault(team_id, OrderedDict())
        viewers[user_id] = self.clock()
        viewers.move_to_end(user_id)
        while len(viewers) > MAX_VIEWERS:
            viewers.popitem(last=False)

    def recent(self, team_id: str) -> list[str]:
        """People of ``team_id`` who opened Home lately, the most recent first."""
        viewers = self.viewers.get(team_id) or OrderedDict()
        cutoff = self.clock() - VIEWER_SECONDS
        for user_id in [u for u, when in viewers.items() if when < cutoff]:
            del viewers[user_id]
        return list(reversed(viewers))

    # -- publishing --------------------------------------------------------------------------
    async def on_home_opened(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":
            return
        team_id = str(body.get("team_id") or event.get("team") or "")
        user_id = str(event.get("user") or "")
        if not user_id:
            return
        self.seen(team_id, user_id)
        await self.publish(team_id, user_id)

    async def workspace_url(self, team_id: str) -> str | None:
        if team_id not in self._urls:
            try:
                client = await self.workspaces.client_for(team_id)
                response = await call(client.auth_test())
                self._urls[team_id] = str(response.get("url") or "") or None
            except PlatformError as exc:
                log.warning("auth.test for workspace %s failed: %s", team_id, exc)
                return None
        return self._urls[team_id]

    async def publish(self, team_id: str, user_id: str) -> bool:
        """Build and publish ``user_id``'s Home; False when Slack refused it."""
        try:
            club = await self.engine.club_of(PLATFORM, team_id)
            actor = await self.directory.actor(team_id, user_id)
            conf = await self.engine.settings_for(club)
            with using_language(conf.language):
                data = await overview(self.engine, club, actor)
                view = home_view(data, workspace_url=await self.workspace_url(team_id))
            client = await self.workspaces.client_for(team_id)
            await call(client.views_publish(user_id=user_id, view=view))
        except PlatformError as exc:
            log.warning("Home for %s in %s not published: %s", user_id, team_id, exc)
            return False
        self.published += 1
        return True

    async def on_engine_event(self, event: str, data: dict[str, Any]) -> None:
        club = data.get("club")
        if event in REFRESH_EVENTS and club is not None and club.platform == PLATFORM:
            self.refresh(club.workspace_id)

    def refresh(self, team_id: str) -> None:
        """Refresh recent viewers of ``team_id`` soon, once for a burst of changes."""
        if team_id in self._pending or not self.viewers.get(team_id):
            return
        self._pending.add(team_id)
        self.commands.spawn(self._refresh_later(team_id))

    async def _refresh_later(self, team_id: str) -> None:
        try:
            await asyncio.sleep(self.debounce)
        finally:
            self._pending.discard(team_id)  # changes from now on schedule another refresh
        for user_id in self.recent(team_id)[:REFRESH_BATCH]:
            await self.publish(team_id, user_id)

    # -- buttons -----------------------------------------------------------------------------
    async def on_action(self, ack: Any, body: dict[str, Any]) -> None:
        """Run a Home button as its clicker: moderators only, checked as the command is."""
        await ack()
        action = (body.get("actions") or [{}])[0]
        team_id = str((body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id"))
        user_id = str((body.get("user") or {}).get("id") or "")
        try:
            value = json.loads(str(action.get("value") or "{}"))
        except ValueError:
            value = {}
        command = value.get("c") if isinstance(value, dict) else None
        raw = value.get("a") if isinstance(value, dict) else None
        channel = str(value.get("ch") or "") if isinstance(value, dict) else ""
        if command not in HOME_COMMANDS or not isinstance(raw, dict):
            reply = Reply.text(s("action_unknown"))
        else:
            ctx = await self.commands.context(team_id, channel, user_id)
            club = await self.engine.club(ctx)
            if not await self.engine.is_moderator(club, ctx.actor):
                log.info("refused Home button %s to non-moderator %s", command, user_id)
                with using_language((await self.engine.settings_for(club)).language):
                    reply = Reply.text(t("errors.moderators_only", command=command))
            else:
                args = {str(k): str(v) for k, v in raw.items()}
                reply = await self.commands.run_typed(ctx, command, args)
        await self.tell(team_id, user_id, reply)
        await self.publish(team_id, user_id)

    async def tell(self, team_id: str, user_id: str, reply: Reply) -> None:
        """The answer to a Home button, in the app's messages with that person."""
        try:
            client = await self.workspaces.client_for(team_id)
            payload = post_payload(reply.message, with_mention=False)
            await call(client.chat_postMessage(channel=user_id, **payload))
        except PlatformError as exc:
            log.warning("could not answer %s's Home button: %s", user_id, exc)
