"""Slack modals: load a document (a link or pasted text) and the club settings, from SPECS."""

from __future__ import annotations

import re
from typing import Any

from adapters.slack.strings import s
from bot.club_settings import SPECS, ClubSettings, SettingSpec, describe, parse_value, show_value
from bot.commands.spec import KIND_CHOICES, CommandError, Upload
from bot.i18n import languages, t

LOAD_CALLBACK = "filmclub_load"
CONFIG_CALLBACK = "filmclub_config"
TEXT_INPUT_MAX = 3000  # Slack's limit for a plain_text_input
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{2,}")
NOT_ON_SLACK = {"auto_archive"}  # Slack threads never archive


def _plain(text: str, limit: int = 75) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:limit], "emoji": True}


def _input(block_id: str, label: str, element: dict[str, Any], hint: str | None = None) -> dict:
    block: dict[str, Any] = {
        "type": "input",
        "block_id": block_id,
        "optional": True,
        "label": _plain(label, 2000),
        "element": {**element, "action_id": "value"},
    }
    if hint:
        block["hint"] = _plain(hint, 2000)
    return block


def load_modal(private_metadata: str) -> dict[str, Any]:
    """A modal where a moderator gives a link or pastes the document's text."""
    return {
        "type": "modal",
        "callback_id": LOAD_CALLBACK,
        "private_metadata": private_metadata,
        "title": _plain(s("load_title"), 24),
        "submit": _plain(s("load_submit")),
        "close": _plain(s("cancel")),
        "blocks": [
            _input("url", s("load_url"), {"type": "plain_text_input"}, t("option.source")),
            _input(
                "text",
                s("load_text"),
                {"type": "plain_text_input", "multiline": True, "max_length": TEXT_INPUT_MAX},
            ),
            _input("film", s("load_film"), {"type": "plain_text_input"}, t("option.film")),
        ],
    }


def _text_value(values: dict[str, Any], block_id: str) -> str:
    return str(((values.get(block_id) or {}).get("value") or {}).get("value") or "").strip()


def read_load_submission(
    values: dict[str, Any], user_name: str
) -> tuple[dict[str, Any], dict[str, str]]:
    """The ``load`` options from a submitted modal, or per-field errors to show in it."""
    url = _text_value(values, "url")
    text = _text_value(values, "text")
    film = _text_value(values, "film")
    if not url and not text:
        return {}, {"url": s("load_need_one")}
    if url and text:
        return {}, {"text": s("load_both")}
    if url and not url.startswith(("http://", "https://")):
        return {}, {"url": s("load_bad_url")}
    source: Any = url or Upload(
        name=s("pasted_name", user=user_name), data=text.encode("utf-8"), content_type="text/plain"
    )
    args: dict[str, Any] = {"source": source}
    if film:
        args["film"] = film
    return args, {}


def _option(value: str, label: str | None = None) -> dict[str, Any]:
    return {"text": _plain(label or value), "value": value}


def _element(spec: SettingSpec, current: Any) -> dict[str, Any]:
    """The Block Kit element that edits one setting, showing its current value."""
    if spec.type in ("bool", "choice", "language"):
        if spec.type == "bool":
            options = [_option("on", s("on")), _option("off", s("off"))]
            now = "on" if current else "off"
        else:
            choices = spec.choices if spec.type == "choice" else tuple(languages())
            options = [_option(str(c)) for c in choices]
            now = str(current)
        element: dict[str, Any] = {"type": "static_select", "options": options}
        for option in options:
            if option["value"] == now:
                element["initial_option"] = option
        return element
    if spec.type == "int":
        return {
            "type": "number_input",
            "is_decimal_allowed": False,
            "min_value": str(spec.lo),
            "max_value": str(spec.hi),
            "initial_value": str(current),
        }
    if spec.type == "kinds":
        options = [_option(k, t(f"kind.{k}.plural")) for k in KIND_CHOICES]
        element = {"type": "checkboxes", "options": options}
        chosen = [o for o in options if o["value"] in (current or [])]
        if chosen:
            element["initial_options"] = chosen
        return element
    if spec.type == "users":
        element = {"type": "multi_users_select"}
        users = [u for u in (current or []) if _USER_ID.fullmatch(str(u))]
        if users:
            element["initial_users"] = users
        return element
    if spec.type == "channel":
        element = {
            "type": "conversations_select",
            "filter": {"include": ["public", "private"], "exclude_bot_users": True},
        }
        if current and _CHANNEL_ID.fullmatch(str(current)):
            element["initial_conversation"] = current
        return element
    # timezone, roles (user group ids), role (a user group id): typed text.
    element = {"type": "plain_text_input"}
    shown = show_value(current)
    if shown != "\u2014":
        element["initial_value"] = shown
    return element


def config_modal(private_metadata: str, conf: ClubSettings) -> dict[str, Any]:
    """The settings modal, one field per setting in ``SPECS`` with its current value."""
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": s("config_intro")}}
    ]
    for key, spec in SPECS.items():
        if key in NOT_ON_SLACK:
            continue
        label = key.replace("_", " ").capitalize()
        blocks.append(_input(key, label, _element(spec, conf.get(key)), describe(spec)))
    return {
        "type": "modal",
        "callback_id": CONFIG_CALLBACK,
        "private_metadata": private_metadata,
        "title": _plain(s("config_title"), 24),
        "submit": _plain(s("config_submit")),
        "close": _plain(s("cancel")),
        "blocks": blocks,
    }


def _raw(spec: SettingSpec, state: dict[str, Any]) -> str | None:
    """What a field holds, as the text ``config set`` accepts; None when left empty."""
    kind = state.get("type")
    if kind == "static_select":
        return ((state.get("selected_option") or {}).get("value")) or None
    if kind == "checkboxes":
        chosen = [o.get("value") for o in state.get("selected_options") or []]
        return ",".join(chosen) or None
    if kind == "multi_users_select":
        return ",".join(state.get("selected_users") or []) or "none"
    if kind == "conversations_select":
        return state.get("selected_conversation") or "none"
    value = (state.get("value") or "").strip()
    if not value:
        return "none" if spec.type in ("roles", "role") else None
    return value


def config_changes(values: dict[str, Any], conf: ClubSettings) -> list[tuple[str, str]]:
    """The settings a submitted modal changes, as (key, value text) pairs."""
    changes: list[tuple[str, str]] = []
    for key, spec in SPECS.items():
        state = (values.get(key) or {}).get("value")
        if not state:
            continue
        raw = _raw(spec, state)
        if raw is None:
            continue
        try:
            if parse_value(key, raw) == conf.get(key):
                continue
        except CommandError:
            pass  # ``config set`` explains what is accepted
        changes.append((key, raw))
    return changes
