"""The ``/filmclub`` slash command, its buttons and modals, all running through the engine."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from dataclasses import replace
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.modals import (
    CONFIG_CALLBACK,
    LOAD_CALLBACK,
    config_changes,
    config_modal,
    load_modal,
    read_load_submission,
)
from adapters.slack.people import Directory
from adapters.slack.platform import call
from adapters.slack.render import (
    ACTION_PREFIX,
    MENU_PREFIX,
    chosen_values,
    parse_action_value,
    parse_menu_action_id,
    reply_payload,
)
from adapters.slack.strings import s
from adapters.slack.workspaces import Workspaces
from bot.commands.spec import CommandError, convert_options, split_args
from bot.engine import Context, Engine
from bot.i18n import t
from bot.messages import Reply
from bot.platform import PlatformError

log = logging.getLogger(__name__)

PLATFORM = "slack"
ACK_BUDGET = 2.0  # seconds a quick command may take before we acknowledge and answer later
_LINK = re.compile(r"<([^<>|]+)(?:\|[^<>]*)?>")


def unslack(text: str) -> str:
    """Slack's escaped command text back to what the user typed: links and ids unwrapped."""

    def plain(match: re.Match[str]) -> str:
        inner = match.group(1)
        if inner.startswith(("#", "@")):
            return inner[1:]
        if inner.startswith("!subteam^"):
            return inner[len("!subteam^") :]
        return inner

    text = _LINK.sub(plain, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class SlackCommands:
    """Registers the listeners that turn Slack interactions into engine calls."""

    def __init__(self, engine: Engine, directory: Directory, workspaces: Workspaces) -> None:
        self.engine = engine
        self.directory = directory
        self.workspaces = workspaces
        self.tasks: set[asyncio.Task[Any]] = set()

    def register(self, app: AsyncApp, command: str = "/filmclub") -> None:
        app.command(command)(self.on_command)
        app.action(re.compile(f"^{ACTION_PREFIX}:"))(self.on_action)
        app.action(re.compile(f"^{MENU_PREFIX}:"))(self.on_menu)
        app.view(LOAD_CALLBACK)(self.on_load_submission)
        app.view(CONFIG_CALLBACK)(self.on_config_submission)

    # -- contexts and answers -----------------------------------------------------------
    async def context(
        self,
        team_id: str,
        channel_id: str,
        user_id: str,
        *,
        user_name: str | None = None,
        channel_name: str | None = None,
        team_name: str | None = None,
    ) -> Context:
        actor = await self.directory.actor(team_id, user_id, user_name)
        return Context(
            platform=PLATFORM,
            workspace_id=team_id,
            channel_id=channel_id,
            actor=actor,
            channel_name=channel_name,
            workspace_name=team_name,
        )

    async def deliver(
        self,
        reply: Reply,
        *,
        response_url: str | None,
        channel_id: str,
        user_id: str,
        team_id: str | None = None,
    ) -> None:
        """Answer through ``response_url``; if that fails, post (ephemerally when private)."""
        payload = reply_payload(reply)
        if response_url:
            try:
                result = await AsyncWebhookClient(response_url).send_dict(
                    {**payload, "replace_original": False}
                )
                if result.status_code < 300:
                    return
                log.warning("response_url answered %s; posting instead", result.status_code)
            except Exception as exc:  # noqa: BLE001  (any failure: fall back to the Web API)
                log.warning("response_url failed (%s); posting instead", type(exc).__name__)
        response_type = payload.pop("response_type")
        try:
            client = await self.workspaces.client_for(team_id)
            if response_type == "ephemeral":
                await call(client.chat_postEphemeral(channel=channel_id, user=user_id, **payload))
            else:
                await call(client.chat_postMessage(channel=channel_id, **payload))
        except PlatformError as exc:
            log.warning("could not answer %s in %s: %s", user_id, channel_id, exc)

    def spawn(self, coro: Any) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    # -- /filmclub ----------------------------------------------------------------------
    async def on_command(self, ack: Any, body: dict[str, Any]) -> None:
        text = unslack((body.get("text") or "").strip())
        team_id = str(body.get("team_id") or "")
        channel_id = str(body.get("channel_id") or "")
        user_id = str(body.get("user_id") or "")
        response_url = body.get("response_url")
        words = [w[0].lower() for w in split_args(text, strict=False)]

        async def make_context() -> Context:
            return await self.context(
                team_id,
                channel_id,
                user_id,
                user_name=body.get("user_name"),
                channel_name=body.get("channel_name"),
                team_name=body.get("team_domain"),
            )

        if words in (["load"], ["config"]) and self._modal_available(words[0]):
            await ack()
            await self.open_modal(words[0], body, await make_context())
            return
        try:
            command, _ = self.engine.registry.parse(text)
        except CommandError as exc:
            await ack(**reply_payload(Reply.text(str(exc))))
            return

        async def run() -> Reply:
            try:
                return await self.engine.execute_text(await make_context(), text)
            except Exception:
                log.exception("/filmclub %s failed", command.name)
                return Reply.text(t("errors.internal", command=command.name))

        if command.slow:
            await ack(**reply_payload(Reply.text(s("working", command=command.name))))
            reply = await run()
            await self.deliver(
                reply,
                response_url=response_url,
                channel_id=channel_id,
                user_id=user_id,
                team_id=team_id,
            )
            return
        task = self.spawn(run())
        done, _ = await asyncio.wait({task}, timeout=ACK_BUDGET)
        if done:
            await ack(**reply_payload(task.result()))
            return
        await ack(**reply_payload(Reply.text(s("working", command=command.name))))
        reply = await task
        await self.deliver(
            reply,
            response_url=response_url,
            channel_id=channel_id,
            user_id=user_id,
            team_id=team_id,
        )

    # -- modals -------------------------------------------------------------------------
    def _modal_available(self, word: str) -> bool:
        if word == "load":
            return self.engine.registry.get("load") is not None
        return self.engine.registry.get("config set") is not None

    async def open_modal(self, word: str, body: dict[str, Any], ctx: Context) -> None:
        """Open the load or settings modal; members are refused before anything opens."""
        name = "load" if word == "load" else "config set"
        refusal = await self._refusal(ctx, name)
        response_url = body.get("response_url")
        if refusal is not None:
            await self.deliver(
                refusal,
                response_url=response_url,
                channel_id=ctx.channel_id,
                user_id=ctx.actor.user_id,
                team_id=ctx.workspace_id,
            )
            return
        meta = json.dumps({"channel": ctx.channel_id, "response_url": response_url})
        if word == "load":
            view = load_modal(meta)
        else:
            # The modal edits the club's own values (``config set`` without a channel scope).
            conf = await self.engine.settings_for(await self.engine.club(ctx))
            view = config_modal(meta, conf)
        try:
            client = await self.workspaces.client_for(ctx.workspace_id)
            await call(client.views_open(trigger_id=body.get("trigger_id"), view=view))
        except PlatformError as exc:
            await self.deliver(
                Reply.text(t("errors.platform", reason=str(exc))),
                response_url=response_url,
                channel_id=ctx.channel_id,
                user_id=ctx.actor.user_id,
                team_id=ctx.workspace_id,
            )

    async def _refusal(self, ctx: Context, command_name: str) -> Reply | None:
        command = self.engine.registry.get(command_name)
        if command is None or not command.moderator:
            return None
        club = await self.engine.club(ctx)
        if await self.engine.is_moderator(club, ctx.actor):
            return None
        return Reply.text(t("errors.moderators_only", command=command.name))

    def _view_context_parts(self, body: dict[str, Any]) -> tuple[str, str, str, dict[str, Any]]:
        view = body.get("view") or {}
        try:
            meta = json.loads(view.get("private_metadata") or "{}")
        except ValueError:
            meta = {}
        team_id = str((body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id"))
        user_id = str((body.get("user") or {}).get("id") or "")
        return team_id, str(meta.get("channel") or ""), user_id, meta

    async def on_load_submission(self, ack: Any, body: dict[str, Any]) -> None:
        team_id, channel_id, user_id, meta = self._view_context_parts(body)
        values = (body.get("view") or {}).get("state", {}).get("values", {})
        user_name = (body.get("user") or {}).get("name") or user_id
        args, errors = read_load_submission(values, user_name)
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        await ack()
        ctx = await self.context(team_id, channel_id, user_id)
        reply = await self.engine.execute(ctx, "load", args)
        await self.deliver(
            reply,
            response_url=meta.get("response_url"),
            channel_id=channel_id,
            user_id=user_id,
            team_id=team_id,
        )

    async def on_config_submission(self, ack: Any, body: dict[str, Any]) -> None:
        await ack()
        team_id, channel_id, user_id, meta = self._view_context_parts(body)
        values = (body.get("view") or {}).get("state", {}).get("values", {})
        ctx = await self.context(team_id, channel_id, user_id)
        conf = await self.engine.settings_for(await self.engine.club(ctx))
        command = self.engine.registry.get("config set")
        if command is None:
            reply = Reply.text(s("config_unavailable"))
        else:
            key_opt, value_opt = _key_value_options(command)
            answers: list[str] = []
            for key, value in config_changes(values, conf):
                result = await self.run_typed(ctx, command.name, {key_opt: key, value_opt: value})
                answers.append(result.message.plain())
            reply = Reply.text("\n".join(answers) or s("config_nothing"))
        await self.deliver(
            reply,
            response_url=meta.get("response_url"),
            channel_id=channel_id,
            user_id=user_id,
            team_id=team_id,
        )

    async def run_typed(self, ctx: Context, name: str, raw: dict[str, str]) -> Reply:
        """Run a command whose options arrive as text (a button, a modal field)."""
        command = self.engine.registry.get(name)
        if command is None:
            return Reply.text(s("action_unknown"))
        try:
            args = convert_options(command, raw)
        except CommandError as exc:
            return Reply.text(str(exc))
        return await self.engine.execute(ctx, name, args)

    # -- buttons and menus ---------------------------------------------------------------
    @staticmethod
    def _action_parts(body: dict[str, Any]) -> tuple[dict[str, Any], str, str, str]:
        action = (body.get("actions") or [{}])[0]
        channel_id = str(
            (body.get("channel") or {}).get("id")
            or (body.get("container") or {}).get("channel_id")
            or ""
        )
        team_id = str((body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id"))
        user_id = str((body.get("user") or {}).get("id") or "")
        return action, team_id, channel_id, user_id

    async def on_menu(self, ack: Any, body: dict[str, Any]) -> None:
        """Run a menu's choice as the member who chose (the core checks moderator rights);
        the answer is for them only. A multiple menu's values are joined by spaces."""
        await ack()
        action, team_id, channel_id, user_id = self._action_parts(body)
        parsed = parse_menu_action_id(str(action.get("action_id") or ""))
        if parsed is None:
            reply = Reply.text(s("action_unknown"))
        else:
            command, args, option = parsed
            ctx = await self.context(team_id, channel_id, user_id)
            values = chosen_values(action)
            reply = await self.run_typed(ctx, command, {**args, option: " ".join(values)})
        await self.deliver(
            replace(reply, private=True),
            response_url=body.get("response_url"),
            channel_id=channel_id,
            user_id=user_id,
            team_id=team_id,
        )

    async def on_action(self, ack: Any, body: dict[str, Any]) -> None:
        await ack()
        action, team_id, channel_id, user_id = self._action_parts(body)
        parsed = parse_action_value(str(action.get("value") or ""))
        if parsed is None:
            reply = Reply.text(s("action_unknown"))
        else:
            command, args = parsed
            ctx = await self.context(team_id, channel_id, user_id)
            reply = await self.run_typed(ctx, command, args)
        await self.deliver(
            reply,
            response_url=body.get("response_url"),
            channel_id=channel_id,
            user_id=user_id,
            team_id=team_id,
        )


def _key_value_options(command: Any) -> tuple[str, str]:
    names = [o.name for o in command.options]
    key = "key" if "key" in names else names[0]
    value = "value" if "value" in names else [n for n in names if n != key][0]
    return key, value
