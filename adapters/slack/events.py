"""Slack events: replies in tracked threads are counted; deleted prompts close their thread."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp

from adapters.slack.platform import thread_id
from bot.engine import Engine

log = logging.getLogger(__name__)

PLATFORM = "slack"
# Message subtypes that are still a person replying in the thread.
REPLY_SUBTYPES = {None, "thread_broadcast", "file_share"}


class SlackEvents:
    """Listens to ``message`` events and tells the engine about thread activity."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def register(self, app: AsyncApp) -> None:
        app.event("message")(self.on_message)

    async def on_message(self, event: dict[str, Any], body: dict[str, Any], context: Any) -> None:
        team_id = str(body.get("team_id") or event.get("team") or "")
        channel = str(event.get("channel") or "")
        subtype = event.get("subtype")
        if subtype == "message_deleted":
            await self._deleted(team_id, channel, event)
            return
        if subtype not in REPLY_SUBTYPES or event.get("bot_id"):
            return
        user = event.get("user")
        if not user or user == getattr(context, "bot_user_id", None):
            return
        parent = event.get("thread_ts")
        ts = event.get("ts")
        if not parent or not ts or parent == ts:
            return  # not a reply in a thread
        # A retried delivery (X-Slack-Retry-Num) carries the same ts: the store counts it once.
        counted = await self.engine.record_reply(
            PLATFORM, team_id, thread_id(channel, str(parent)), str(ts), str(user)
        )
        if counted:
            log.debug("reply %s counted in %s:%s", ts, channel, parent)

    async def _deleted(self, team_id: str, channel: str, event: dict[str, Any]) -> None:
        previous = event.get("previous_message") or {}
        deleted = event.get("deleted_ts") or previous.get("ts")
        if deleted and previous.get("thread_ts") in (None, deleted):
            await self.engine.thread_gone(PLATFORM, team_id, thread_id(channel, str(deleted)))
