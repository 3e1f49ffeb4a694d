"""Neutral messages to Slack Block Kit: escaped mrkdwn sections, a context footer, a fallback."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from adapters.slack.strings import s
from bot.i18n import t
from bot.messages import (
    Action,
    DialogueBlock,
    FooterBlock,
    ListBlock,
    Menu,
    Message,
    QuestionBlock,
    QuoteBlock,
    Reply,
    TextBlock,
    strip_verbatim,
)

log = logging.getLogger(__name__)

SECTION_CHARS = 3000  # Slack's limit for a section's text
MAX_BLOCKS = 50  # Slack's limit of blocks in a message
FALLBACK_CHARS = 3900  # the plain ``text`` fallback (notifications, old clients)
BUTTON_VALUE_CHARS = 2000
ACTION_PREFIX = "filmclub_action"
MENU_PREFIX = "filmclub_menu"
ACTION_ID_CHARS = 255  # Slack's limit for an action_id
MAX_MENU_OPTIONS = 100  # Slack's limit of options in a select menu
OPTION_VALUE_CHARS = 150
_BROADCAST = re.compile(r"@(?=(here|channel|everyone)\b)", re.IGNORECASE)
_GROUP_ID = re.compile(r"S[A-Z0-9]{2,}")


def escape(text: str) -> str:
    """Escape document or user text so it can never form Slack markup (<!channel>, <@U…>, links).

    ``&``, ``<`` and ``>`` become entities, so no ``<…>`` control sequence can appear, and a
    zero-width space after ``@`` keeps ``@here``-style words from being read as mentions.
    """
    text = strip_verbatim(text)  # everything is escaped here: outside text needs no more
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub("@\u200b", text)


def group_mention(group_id: str | None) -> str:
    """``<!subteam^ID>`` for a user group id; nothing for anything else."""
    if not group_id:
        return ""
    group_id = group_id.strip()
    if not _GROUP_ID.fullmatch(group_id):
        log.warning("ping_role %r is not a Slack user group id; not mentioning it", group_id)
        return ""
    return f"<!subteam^{group_id}>"


def _quote_lines(text: str) -> str:
    return "\n".join(f">{escape(line)}" if line else ">" for line in text.split("\n"))


def block_mrkdwn(block: Any) -> str:
    """The mrkdwn for one neutral block; every piece of text in it is escaped."""
    if isinstance(block, TextBlock):
        return escape(block.text)
    if isinstance(block, QuoteBlock):
        out = _quote_lines(block.text)
        if block.speaker:
            out += f"\n\u2014 _{escape(block.speaker)}_"
        return out
    if isinstance(block, DialogueBlock):
        return "\n".join(f"*{escape(t.speaker or '?')}:* {escape(t.text)}" for t in block.turns)
    if isinstance(block, QuestionBlock):
        return f":speech_balloon: {escape(block.text)}"
    if isinstance(block, FooterBlock):
        return escape(block.text)
    if isinstance(block, ListBlock):
        lines = [f"*{escape(block.title)}*"] if block.title else []
        lines.extend(escape(line) for line in block.lines)
        return "\n".join(lines)
    return escape(str(block))


def split_text(text: str, limit: int = SECTION_CHARS) -> list[str]:
    """Cut mrkdwn into pieces of at most ``limit`` characters, at line or word boundaries."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = text.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
            # Never cut inside an entity such as &amp;.
            amp = text.rfind("&", cut - 5, cut)
            if amp != -1 and ";" not in text[amp:cut]:
                cut = amp
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip("\n ")
    if text or not pieces:
        pieces.append(text)
    return pieces


def _section(text: str, *, verbatim: bool = True) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": verbatim}}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text, "verbatim": True}]}


def message_blocks(message: Message, *, mention: str = "") -> list[dict[str, Any]]:
    """Block Kit for a message: a section per block (split at 3,000), a context for footers."""
    blocks: list[dict[str, Any]] = []
    for index, block in enumerate(message.blocks):
        text = block_mrkdwn(block)
        if index == 0 and mention:
            text = f"{mention} {text}"
        if isinstance(block, FooterBlock):
            blocks.extend(_context(piece) for piece in split_text(text))
        else:
            blocks.extend(_section(piece) for piece in split_text(text) if piece)
    if len(blocks) > MAX_BLOCKS:
        log.warning("message of %d blocks shortened to %d", len(blocks), MAX_BLOCKS)
        blocks = blocks[: MAX_BLOCKS - 1] + [_context(escape(s("truncated")))]
    return blocks


def fallback_text(message: Message, *, mention: str = "") -> str:
    """The plain-text ``text`` of a post (notifications, screen readers), escaped."""
    text = escape(message.plain())
    if len(text) > FALLBACK_CHARS:
        text = split_text(text, FALLBACK_CHARS - 1)[0] + "\u2026"
    return f"{mention} {text}" if mention else text


def prompt_kind(message: Message) -> str:
    for block in message.blocks:
        if isinstance(block, QuoteBlock):
            return "quote"
        if isinstance(block, DialogueBlock):
            return "exchange"
    return "question"


def spoiler_payload(message: Message) -> dict[str, Any]:
    """chat.postMessage arguments for the warning a spoiler prompt shows in the channel."""
    mention = group_mention(message.ping_role)
    warning = s("spoiler_parent", a_kind=t(f"a_kind.{prompt_kind(message)}"))
    footers = [b for b in message.blocks if isinstance(b, FooterBlock)]
    blocks = [_section(f"{mention} {warning}" if mention else warning)]
    blocks.extend(_context(block_mrkdwn(b)) for b in footers)
    return {"text": f"{mention} {warning}" if mention else warning, "blocks": blocks}


def post_payload(message: Message, *, with_mention: bool = True) -> dict[str, Any]:
    """chat.postMessage arguments (``text`` and ``blocks``) for a neutral message."""
    mention = group_mention(message.ping_role) if with_mention else ""
    payload: dict[str, Any] = {"text": fallback_text(message, mention=mention) or "\u200b"}
    blocks = message_blocks(message, mention=mention)
    if blocks:  # Slack refuses an empty ``blocks`` list
        payload["blocks"] = blocks
    return payload


def action_value(action: Action) -> str:
    return json.dumps({"c": action.command, "a": [list(pair) for pair in action.args]})


def parse_action_value(value: str) -> tuple[str, dict[str, str]] | None:
    """The command and arguments carried by a button, or None if it is not one of ours."""
    try:
        data = json.loads(value)
        command = data["c"]
        args = {str(k): str(v) for k, v in data["a"]}
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(command, str):
        return None
    return command, args


def action_blocks(actions: tuple[Action, ...]) -> list[dict[str, Any]]:
    """Buttons for a reply's actions (at most 25 per actions block)."""
    elements = []
    for index, action in enumerate(actions):
        value = action_value(action)
        if len(value) > BUTTON_VALUE_CHARS:
            log.warning("action %r carries too much to fit a button; left out", action.command)
            continue
        button: dict[str, Any] = {
            "type": "button",
            "action_id": f"{ACTION_PREFIX}:{index}",
            "text": {"type": "plain_text", "text": action.label[:75], "emoji": True},
            "value": value,
        }
        if action.style in ("primary", "danger"):
            button["style"] = action.style
        elements.append(button)
    return [
        {"type": "actions", "elements": elements[i : i + 25]} for i in range(0, len(elements), 25)
    ]


def menu_action_id(menu: Menu) -> str:
    """The action_id of a menu's select: what it runs (command, arguments, option filled)."""
    data = {"c": menu.command, "a": [list(pair) for pair in menu.args], "o": menu.option}
    return f"{MENU_PREFIX}:{json.dumps(data, separators=(',', ':'))}"


def parse_menu_action_id(action_id: str) -> tuple[str, dict[str, str], str] | None:
    """The command, arguments and option a menu's choice runs; None if it is not ours."""
    if not action_id.startswith(f"{MENU_PREFIX}:"):
        return None
    try:
        data = json.loads(action_id[len(MENU_PREFIX) + 1 :])
        command, option = data["c"], data["o"]
        args = {str(k): str(v) for k, v in data["a"]}
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(command, str) or not isinstance(option, str):
        return None
    return command, args, option


def chosen_values(action: dict[str, Any]) -> list[str]:
    """The values of a ``static_select`` or ``multi_static_select`` choice."""
    if action.get("type") == "multi_static_select":
        return [str(o.get("value")) for o in action.get("selected_options") or []]
    selected = action.get("selected_option") or {}
    return [str(selected["value"])] if selected.get("value") is not None else []


def select_element(menu: Menu) -> dict[str, Any] | None:
    """A ``static_select`` (``multi_static_select`` for a multiple menu) showing the current
    value(s); None when the menu cannot be offered on Slack."""
    action_id = menu_action_id(menu)
    if len(action_id) > ACTION_ID_CHARS:
        log.warning("menu %r carries too much to fit an action_id; left out", menu.command)
        return None
    options = [
        {
            "text": {"type": "plain_text", "text": (label or value)[:75], "emoji": True},
            "value": value,
        }
        for label, value in menu.choices
        if len(value) <= OPTION_VALUE_CHARS
    ][:MAX_MENU_OPTIONS]
    if not options:
        return None
    element: dict[str, Any] = {
        "type": "multi_static_select" if menu.multiple else "static_select",
        "action_id": action_id,
        "placeholder": {"type": "plain_text", "text": menu.placeholder[:150], "emoji": True},
        "options": options,
    }
    current = [o for o in options if o["value"] in menu.current]
    if menu.multiple and current:
        element["initial_options"] = current
    elif current:
        element["initial_option"] = current[0]
    return element


def menu_blocks(menus: tuple[Menu, ...]) -> list[dict[str, Any]]:
    """Select menus for a reply's menus, side by side (at most 25 per actions block)."""
    elements = [e for e in (select_element(m) for m in menus) if e is not None]
    return [
        {"type": "actions", "elements": elements[i : i + 25]} for i in range(0, len(elements), 25)
    ]


def reply_payload(reply: Reply) -> dict[str, Any]:
    """A command's answer for ``ack``/``respond``: ephemeral unless the reply is public."""
    payload = post_payload(reply.message, with_mention=False)
    if reply.actions or reply.menus:
        extra = menu_blocks(reply.menus) + action_blocks(reply.actions)
        room = MAX_BLOCKS - len(extra)
        payload["blocks"] = payload.get("blocks", [])[:room] + extra
    payload["response_type"] = "ephemeral" if reply.private else "in_channel"
    return payload


def rsvp_button(rsvp: Any) -> dict[str, Any]:
    """The "I'm in" button of a screening's announcement: it runs ``rsvp <n> toggle``."""
    from adapters.slack.strings import s as say

    action = Action(
        say("rsvp_button", count=rsvp.count),
        "rsvp",
        (("screening", str(rsvp.number)), ("answer", "toggle")),
        style="primary",
    )
    return action_blocks((action,))[0]


def screening_payload(message: Message, rsvp: Any) -> dict[str, Any]:
    """An announcement with its RSVP button (none once the screening is off)."""
    payload = post_payload(message, with_mention=False)
    if not rsvp.closed:
        payload["blocks"] = [*payload.get("blocks", []), rsvp_button(rsvp)]
    return payload
