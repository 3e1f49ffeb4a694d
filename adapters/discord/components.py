"""Message components of the bot's replies: buttons for actions, select menus for menus."""

from __future__ import annotations

import logging
import secrets
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode

import discord

from bot.messages import Action, Menu
from bot.render import shorten

log = logging.getLogger(__name__)

BUTTON_PREFIX = "filmclub:"
MENU_PREFIX = "filmclub-menu:"
SETTINGS_BUTTON = "filmclub-settings:open"
VIEW_TIMEOUT = 15 * 60.0
MAX_STORED_ACTIONS = 1000
MAX_ROWS = 5  # action rows in a message
MAX_BUTTONS = 25  # 5 per row
MAX_OPTIONS = 25  # options in a select menu
MAX_CUSTOM_ID = 100
STYLES = {
    "primary": discord.ButtonStyle.primary,
    "danger": discord.ButtonStyle.danger,
    "success": discord.ButtonStyle.success,
}

# Actions and menus whose arguments do not fit in a custom id (100 chars), oldest first.
Store = dict[str, Action | Menu]


def _remember(item: Action | Menu, prefix: str, store: Store) -> str:
    token = secrets.token_urlsafe(12)
    store[token] = item
    while len(store) > MAX_STORED_ACTIONS:
        store.pop(next(iter(store)))  # the oldest; its component then says it expired
    return f"{prefix}#{token}"


def action_id(action: Action, store: Store) -> str:
    """A button's custom id: the command and its arguments, or a token when that is too long."""
    encoded = f"{BUTTON_PREFIX}{quote(action.command)}?{urlencode(action.args)}"
    if len(encoded) <= MAX_CUSTOM_ID:
        return encoded
    return _remember(action, BUTTON_PREFIX, store)


def parse_action_id(custom_id: str, store: Store) -> tuple[str, dict[str, str]] | None:
    """The command and arguments a button runs; None for buttons that are not ours, and an
    empty command for ours whose stored action is gone."""
    if not custom_id.startswith(BUTTON_PREFIX):
        return None
    rest = custom_id[len(BUTTON_PREFIX) :]
    if rest.startswith("#"):
        action = store.get(rest[1:])
        if not isinstance(action, Action):
            return "", {}
        return action.command, dict(action.args)
    command, _, query = rest.partition("?")
    return unquote(command), dict(parse_qsl(query, keep_blank_values=True))


def menu_id(menu: Menu, store: Store) -> str:
    """A select menu's custom id: the option its choice fills, the command and its
    arguments (``filmclub-menu:value/config%20set?key=spoilers``), or a token."""
    encoded = f"{MENU_PREFIX}{quote(menu.option)}/{quote(menu.command)}?{urlencode(menu.args)}"
    if len(encoded) <= MAX_CUSTOM_ID:
        return encoded
    return _remember(menu, MENU_PREFIX, store)


def parse_menu_id(custom_id: str, store: Store) -> tuple[str, dict[str, str], str] | None:
    """The command, arguments and option name a select menu fills; None if not ours, and an
    empty command for ours whose stored menu is gone."""
    if not custom_id.startswith(MENU_PREFIX):
        return None
    rest = custom_id[len(MENU_PREFIX) :]
    if rest.startswith("#"):
        menu = store.get(rest[1:])
        if not isinstance(menu, Menu):
            return "", {}, ""
        return menu.command, dict(menu.args), menu.option
    option, _, rest = rest.partition("/")
    command, _, query = rest.partition("?")
    return unquote(command), dict(parse_qsl(query, keep_blank_values=True)), unquote(option)


def menu_value(menu_option: str, values: list[str]) -> dict[str, str]:
    """The option a choice fills: one value, or a multiple menu's values joined by spaces."""
    return {menu_option: " ".join(values)}


def select(menu: Menu, store: Store, row: int) -> discord.ui.Select[Any] | None:
    """A string select for a menu (at most 25 options, each value ≤ 100 chars)."""
    options = []
    for label, value in menu.choices:
        if len(value) > 100:
            log.warning("menu %r: value %r is too long for Discord; left out", menu.command, value)
            continue
        options.append(
            discord.SelectOption(
                label=shorten(label, 100)[0] or value,
                value=value,
                default=value in menu.current,
            )
        )
    if len(options) > MAX_OPTIONS:
        log.warning("menu %r has %d choices; showing 25", menu.command, len(options))
        options = options[:MAX_OPTIONS]
    if not options:
        return None
    if not menu.multiple:
        # A single select shows at most one default.
        first = next((option for option in options if option.default), None)
        for option in options:
            option.default = option is first
    return discord.ui.Select(
        custom_id=menu_id(menu, store),
        placeholder=shorten(menu.placeholder, 150)[0] or None,
        min_values=1,
        max_values=len(options) if menu.multiple else 1,
        options=options,
        row=row,
    )


def reply_view(
    actions: tuple[Action, ...],
    menus: tuple[Menu, ...],
    store: Store,
    extra: tuple[discord.ui.Button[Any], ...] = (),
) -> discord.ui.View | None:
    """Select menus (one row each) above the buttons of a reply's actions and ``extra``.

    Discord allows 5 rows: the buttons take the rows they need (5 per row) and the menus
    the rest; what does not fit is left out and logged."""
    buttons: list[discord.ui.Button[Any]] = [
        discord.ui.Button(
            label=shorten(action.label, 80)[0],
            style=STYLES.get(action.style, discord.ButtonStyle.secondary),
            custom_id=action_id(action, store),
        )
        for action in actions
    ]
    buttons.extend(extra)
    if len(buttons) > MAX_BUTTONS:
        log.warning("reply has %d buttons; showing 25", len(buttons))
        buttons = buttons[:MAX_BUTTONS]
    if not buttons and not menus:
        return None
    button_rows = -(-len(buttons) // 5)
    room = MAX_ROWS - button_rows
    if len(menus) > room:
        log.warning("reply has %d menus but room for %d; the rest are left out", len(menus), room)
    # Clicks and choices are routed by custom id (``on_component``), so they keep working after
    # the view expires or the bot restarts; the timeout only frees discord.py's view store.
    view = discord.ui.View(timeout=VIEW_TIMEOUT)
    used: set[str] = set()
    row = 0
    for menu in menus[: max(room, 0)]:
        item = select(menu, store, row)
        if item is None:
            continue
        if item.custom_id in used:  # two identical menus: Discord wants distinct ids
            item.custom_id = _remember(menu, MENU_PREFIX, store)
        used.add(item.custom_id)
        view.add_item(item)
        row += 1
    for index, button in enumerate(buttons):
        button.row = row + index // 5
        view.add_item(button)
    return view
