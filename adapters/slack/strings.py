"""The Slack adapter's own user-facing sentences, in one place (English)."""

from __future__ import annotations

from typing import Any

STRINGS: dict[str, str] = {
    "working": "Working on `/filmclub {command}`\u2026 I'll answer here shortly.",
    "spoiler_parent": ":warning: *Spoiler:* a {kind} from the film. Open the thread to read it.",
    "not_in_channel": (
        "I'm not a member of this channel. Invite me with `/invite @filmclub` "
        "(or the channel's Integrations tab) and try again."
    ),
    "channel_not_found": "Slack can't find that channel (it may be private or deleted).",
    "is_archived": "That channel is archived.",
    "missing_scope": (
        "The Slack app is missing the `{scope}` permission: a workspace admin should add it "
        "(the manifest in adapters/slack/manifest.yml has it) and reinstall the app."
    ),
    "msg_too_long": "That message is too long for Slack.",
    "ratelimited": "Slack is rate-limiting me; try again in {seconds} s.",
    "auth": "Slack rejected the bot's token ({error}); an admin must reinstall the app.",
    "server_error": "Slack had a temporary problem ({error}); try again in a moment.",
    "api_error": "Slack refused the request ({error}).",
    "load_title": "Load a document",
    "load_url": "A link to the document",
    "load_text": "\u2026or paste the text itself",
    "load_film": "The film (if it isn't detected)",
    "load_submit": "Load",
    "load_need_one": "Give a link or paste the text.",
    "load_both": "Give a link or the text, not both.",
    "load_bad_url": "A link starts with http:// or https://.",
    "pasted_name": "text pasted by {user}",
    "config_title": "Club settings",
    "config_submit": "Save",
    "config_intro": "Settings of this club. Changes are recorded in `/filmclub config log`.",
    "config_unavailable": "Settings are not available in this version; try `/filmclub help`.",
    "config_nothing": "Nothing was changed.",
    "cancel": "Cancel",
    "on": "on",
    "off": "off",
    "none": "none",
    "truncated": "\u2026 (shortened to fit Slack)",
    "action_unknown": "That button no longer works; run the command again.",
}


def s(key: str, **values: Any) -> str:
    """The sentence ``key`` formatted with ``values``."""
    return STRINGS[key].format(**values)
