"""The ``/filmclub`` and ``/filmclub-mod`` application commands, built from the registry."""

from __future__ import annotations

import asyncio
import inspect
import keyword
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.app_commands import Choice, locale_str

from adapters.discord.components import (
    BUTTON_PREFIX,
    MENU_PREFIX,
    SETTINGS_BUTTON,
    VIEW_TIMEOUT,
    Store,
    menu_value,
    parse_action_id,
    parse_menu_id,
    reply_view,
)
from adapters.discord.platform import THREAD_TYPES, DiscordPlatform
from adapters.discord.render import Linkable, Payload, Rewrite, render
from adapters.discord.roots import MOD_ROOT, ROOT, ROOTS, CommandMentions, root_of
from adapters.discord.settings_form import (
    MODAL_ID,
    planned,
    settings_button,
    settings_modal,
    submitted,
    summary,
)
from adapters.discord.strings import s
from bot.commands.spec import Command, Option, OptionType, Upload
from bot.engine import Actor, Context
from bot.i18n import DEFAULT_LANGUAGE, catalog, languages, t, using_language
from bot.messages import Reply
from bot.render import shorten

if TYPE_CHECKING:
    from bot.engine import Engine

log = logging.getLogger(__name__)

# Past this many seconds without an answer the bot defers, well within Discord's 3 s.
DEFER_AFTER = 2.0
FILE_OPTION = "file"
AUTOCOMPLETED = {OptionType.DOCUMENT, OptionType.ITEM, OptionType.SCHEDULE, OptionType.SUGGESTION}
MAX_CHOICES = 25
MAX_SUBCOMMANDS = 25  # per top-level command and per group


def described(text: str, key: str) -> locale_str:
    """A description Discord accepts (1–100 chars), keyed for translation."""
    return locale_str(shorten(" ".join(text.split()), 100)[0] or "…", key=key)


class CatalogTranslator(app_commands.Translator):
    """Discord localizations from the bot's own string catalogs: a translation is a file."""

    async def translate(
        self,
        string: locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        key = string.extras.get("key")
        language = locale.value.split("-")[0]
        if not key or language == DEFAULT_LANGUAGE or language not in languages():
            return None
        text = catalog(language).get(key)
        if text is None:
            return None
        if context.location in (
            app_commands.TranslationContextLocation.command_name,
            app_commands.TranslationContextLocation.group_name,
            app_commands.TranslationContextLocation.parameter_name,
            app_commands.TranslationContextLocation.choice_name,
        ):
            return None  # names stay as typed in the docs and help
        return shorten(" ".join(text.split()), 100)[0]


# -- interaction → core context ---------------------------------------------------------------
def locale_language(interaction: discord.Interaction) -> str:
    """The member's Discord language (``pt-BR`` → ``pt``) if the bot speaks it, else English."""
    locale = getattr(interaction, "locale", None)
    language = str(getattr(locale, "value", locale) or "").split("-")[0]
    return language if language and language in languages() else DEFAULT_LANGUAGE


def context_of(
    interaction: discord.Interaction, platform: DiscordPlatform | None = None
) -> Context | None:
    """The core's Context for an interaction, or None outside a server."""
    if interaction.guild_id is None or interaction.channel_id is None:
        return None
    channel = interaction.channel
    channel_type = getattr(channel, "type", None)
    channel_id = str(interaction.channel_id)
    thread_id = None
    channel_name = getattr(channel, "name", None)
    if channel_type in THREAD_TYPES and getattr(channel, "parent_id", None):
        thread_id, channel_id = channel_id, str(channel.parent_id)  # type: ignore[union-attr]
        channel_name = None
    if platform is not None:
        platform.remember(
            str(interaction.channel_id),
            guild_id=str(interaction.guild_id),
            channel_type=channel_type,
            app_permissions=interaction.app_permissions,
        )
        if thread_id is not None:
            platform.remember(channel_id, guild_id=str(interaction.guild_id))
    user = interaction.user
    permissions = interaction.permissions
    # Member role ids come with the interaction; without a gateway cache discord.py keeps them
    # only as ids (Member.roles would need the guild's role objects).
    roles = tuple(str(r) for r in getattr(user, "_roles", ()))
    actor = Actor(
        user_id=str(user.id),
        name=user.display_name,
        is_admin=permissions.administrator or permissions.manage_guild,
        role_ids=roles,
    )
    guild = interaction.guild
    return Context(
        platform="discord",
        workspace_id=str(interaction.guild_id),
        channel_id=channel_id,
        actor=actor,
        channel_name=channel_name,
        workspace_name=getattr(guild, "name", None) or None,
        thread_id=thread_id,
    )


# -- replies ----------------------------------------------------------------------------------
async def send_reply(
    interaction: discord.Interaction,
    reply: Reply,
    store: Store,
    rewrite: Rewrite | None = None,
    links: Linkable | None = None,
) -> None:
    """Answer the interaction with the reply: ephemeral when private, never pinging anyone."""
    payloads = render(reply.message, rewrite, links)
    # A reply offering settings menus also offers the modal for the free-text settings.
    extra = (settings_button(),) if any(m.command == "config set" for m in reply.menus) else ()
    view = reply_view(reply.actions, reply.menus, store, extra)
    for index, payload in enumerate(payloads):
        last = index == len(payloads) - 1
        await _send_payload(interaction, payload, reply.private, view if last else None)


async def _send_payload(
    interaction: discord.Interaction,
    payload: Payload,
    ephemeral: bool,
    view: discord.ui.View | None,
) -> None:
    extra: dict[str, Any] = {"view": view} if view is not None else {}
    mentions = discord.AllowedMentions.none()  # replies go to people who just asked
    if not interaction.response.is_done():
        await interaction.response.send_message(
            content=payload.content,
            embeds=payload.embeds,
            ephemeral=ephemeral,
            allowed_mentions=mentions,
            **extra,
        )
    else:
        await interaction.followup.send(
            content=payload.content or discord.utils.MISSING,
            embeds=payload.embeds,
            ephemeral=ephemeral,
            allowed_mentions=mentions,
            **extra,
        )


async def answer(
    interaction: discord.Interaction,
    work: Callable[[], Awaitable[Reply]],
    *,
    slow: bool,
    public: bool,
    store: Store,
    rewrite: Rewrite | None = None,
    links: Linkable | None = None,
) -> None:
    """Run ``work`` and reply; defer first when slow, or when it outlasts ``DEFER_AFTER``.

    ``rewrite`` adapts the reply's own words to Discord (moderator commands' names);
    ``links`` says which channel mentions in them the bot made (see ``render.own_words``)."""
    ephemeral = not public
    if slow:
        try:
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
        except discord.HTTPException as exc:
            # Not acknowledged in time (Discord shows "The application did not respond"):
            # better not to run a slow command nobody will hear about.
            log.warning("could not acknowledge interaction %s: %s", interaction.id, exc)
            return
    task = asyncio.ensure_future(work())
    if not interaction.response.is_done():
        done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
        if not done:
            try:
                await interaction.response.defer(ephemeral=ephemeral, thinking=True)
            except discord.HTTPException as exc:
                log.warning("could not defer interaction %s: %s", interaction.id, exc)
    reply = await task
    try:
        await send_reply(interaction, reply, store, rewrite, links)
    except discord.HTTPException as exc:
        # The command ran; only its answer is lost (e.g. the interaction expired).
        log.warning(
            "could not answer interaction %s: %s; the reply was: %s",
            interaction.id,
            exc,
            reply.message.plain()[:200],
        )


# -- building the command group ---------------------------------------------------------------
def _annotation(option: Option) -> Any:
    if option.type is OptionType.INTEGER:
        return int
    if option.type is OptionType.CHANNEL:
        return app_commands.AppCommandChannel
    return str


def _param_name(option: Option, index: int) -> str:
    name = option.name.replace("-", "_")
    return name if name.isidentifier() and not keyword.iskeyword(name) else f"option_{index}"


def make_autocomplete(engine: Engine, platform: DiscordPlatform, kind: str):  # type: ignore[no-untyped-def]
    """Autocomplete from ``engine.complete`` (document names, item ids, ...)."""

    async def autocomplete(interaction: discord.Interaction, current: str) -> list[Choice[str]]:
        ctx = context_of(interaction, platform)
        if ctx is None:
            return []
        try:
            pairs = await engine.complete(ctx, kind, current or "")
        except Exception:
            log.exception("autocomplete for %s failed", kind)
            return []
        return [
            Choice(name=shorten(label, 100)[0] or value[:100], value=value[:100])
            for label, value in pairs[:MAX_CHOICES]
        ]

    return autocomplete


class CommandBuilder:
    """Builds ``/filmclub`` and ``/filmclub-mod`` from the registry and runs their
    subcommands through the engine."""

    def __init__(self, engine: Engine, platform: DiscordPlatform) -> None:
        self.engine = engine
        self.platform = platform
        # Actions whose arguments do not fit in a custom id (100 chars), oldest first.
        self.actions: Store = OrderedDict()
        self.skipped: list[str] = []
        self.mentions = CommandMentions(engine.registry)

    def build(self) -> list[app_commands.Group]:
        """The top-level commands: ``/filmclub`` (members' commands) and ``/filmclub-mod``
        (moderators' commands, hidden from members unless a server admin shows them).

        A group of subcommands goes under the root of its commands; a group mixing member
        and moderator commands appears under both, each holding its own. A root with no
        commands is left out.
        """
        self.skipped = []
        roots = {name: self.root(name) for name in ROOTS}
        groups: dict[tuple[str, str], app_commands.Group] = {}
        commands = list(self.engine.registry)
        for spec in commands:
            root_name = root_of(spec)
            parent = roots[root_name]
            if spec.group:
                parent = groups.get((root_name, spec.group))  # type: ignore[assignment]
                if parent is None:
                    leaves = ", ".join(
                        c.leaf
                        for c in commands
                        if c.group == spec.group and root_of(c) == root_name
                    )
                    key = f"help.{spec.group}.group"
                    text = catalog(DEFAULT_LANGUAGE).get(key) or s(
                        "group", group=spec.group, commands=leaves
                    )
                    parent = app_commands.Group(name=spec.group, description=described(text, key))
                    if not self._add(roots[root_name], parent, spec.name):
                        continue
                    groups[(root_name, spec.group)] = parent
            self._add(parent, self.command(spec), spec.name)
        return [root for root in roots.values() if root.commands]

    @staticmethod
    def root(name: str) -> app_commands.Group:
        """An empty top-level command, guild-only; the moderators' one needs Manage Server
        by default (server admins can change that per role or channel)."""
        moderators = name == MOD_ROOT
        return app_commands.Group(
            name=name,
            description=described(
                s("root_mod" if moderators else "root"),
                "discord.root_mod" if moderators else "discord.root",
            ),
            guild_only=True,
            allowed_contexts=app_commands.AppCommandContext(guild=True),
            allowed_installs=app_commands.AppInstallationType(guild=True),
            default_permissions=discord.Permissions(manage_guild=True) if moderators else None,
        )

    def _add(self, parent: app_commands.Group, child: Any, name: str) -> bool:
        try:
            if len(parent.commands) >= MAX_SUBCOMMANDS:
                raise ValueError("maximum number of child commands exceeded")
            parent.add_command(child)
        except ValueError:
            # Discord allows 25 subcommands per group: report instead of failing to sync.
            # (discord.py raises only after adding the 26th, so take it out again.)
            if parent.get_command(child.name) is child:
                parent.remove_command(child.name)
            top = parent.parent.name if parent.parent else parent.name
            log.error("/%s %s not offered on Discord: the group is full (25 max)", top, name)
            self.skipped.append(name)
            return False
        return True

    def command(self, spec: Command) -> app_commands.Command[Any, ..., Any]:
        """One subcommand whose typed options mirror the core command's options."""
        params: list[inspect.Parameter] = []
        descriptions: dict[str, locale_str] = {}
        renames: dict[str, str] = {}
        choices: dict[str, list[Choice[str]]] = {}
        completers: dict[str, Any] = {}
        names: dict[str, Option] = {}
        file_param: str | None = None
        for index, option in enumerate(spec.options):
            pyname = _param_name(option, index)
            names[pyname] = option
            if pyname != option.name:
                renames[pyname] = option.name
            # A source (load) is a URL or an attached file: neither option is required alone.
            required = option.required and option.type is not OptionType.SOURCE
            params.append(
                inspect.Parameter(
                    pyname,
                    inspect.Parameter.POSITIONAL_OR_KEYWORD,
                    annotation=_annotation(option),
                    default=inspect.Parameter.empty if required else None,
                )
            )
            descriptions[pyname] = described(t(option.help), option.help)
            if option.choices:
                choices[pyname] = [Choice(name=c, value=c) for c in option.choices[:MAX_CHOICES]]
            elif option.type in AUTOCOMPLETED:
                completers[pyname] = make_autocomplete(
                    self.engine, self.platform, option.type.value
                )
            if option.type is OptionType.SOURCE and file_param is None:
                file_param = FILE_OPTION if FILE_OPTION not in names else f"{pyname}_file"
                params.append(
                    inspect.Parameter(
                        file_param,
                        inspect.Parameter.POSITIONAL_OR_KEYWORD,
                        annotation=discord.Attachment,
                        default=None,
                    )
                )
                descriptions[file_param] = locale_str(s("file"), key="discord.file")
        params.sort(key=lambda p: p.default is not inspect.Parameter.empty)
        source_option = next((o for o in spec.options if o.type is OptionType.SOURCE), None)

        async def callback(interaction: discord.Interaction, **values: Any) -> None:
            await self.run(interaction, spec, names, values, file_param, source_option)

        callback.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [
                inspect.Parameter(
                    "interaction",
                    inspect.Parameter.POSITIONAL_OR_KEYWORD,
                    annotation=discord.Interaction,
                ),
                *params,
            ]
        )
        callback.__discord_app_commands_param_description__ = descriptions  # type: ignore[attr-defined]
        if renames:
            callback.__discord_app_commands_param_rename__ = renames  # type: ignore[attr-defined]
        if choices:
            callback.__discord_app_commands_param_choices__ = choices  # type: ignore[attr-defined]
        if completers:
            callback.__discord_app_commands_param_autocomplete__ = completers  # type: ignore[attr-defined]
        command = app_commands.Command(
            name=spec.leaf,
            description=described(t(spec.help), spec.help),
            callback=callback,
            extras={"filmclub": spec.name, "moderator": spec.moderator},
        )
        return command

    async def language(self, interaction: discord.Interaction) -> str:
        """The language the bot answers an interaction in: the club's; outside a server (no
        club), the member's Discord language when the bot has it, else English."""
        ctx = context_of(interaction)
        if ctx is None:
            return locale_language(interaction)
        try:
            return (await self.engine.settings_for(await self.engine.club(ctx))).language
        except Exception:
            log.exception("could not read the club's language; answering in English")
            return DEFAULT_LANGUAGE

    async def run(
        self,
        interaction: discord.Interaction,
        spec: Command,
        names: dict[str, Option],
        values: dict[str, Any],
        file_param: str | None,
        source_option: Option | None,
    ) -> None:
        """Run a subcommand with its typed options and answer, in the club's language."""
        with using_language(await self.language(interaction)):
            await self._run(interaction, spec, names, values, file_param, source_option)

    async def _run(
        self,
        interaction: discord.Interaction,
        spec: Command,
        names: dict[str, Option],
        values: dict[str, Any],
        file_param: str | None,
        source_option: Option | None,
    ) -> None:
        ctx = context_of(interaction, self.platform)
        if ctx is None:
            await interaction.response.send_message(s("guild_only"), ephemeral=True)
            return

        async def work() -> Reply:
            args: dict[str, Any] = {}
            for pyname, value in values.items():
                if value is None or pyname == file_param:
                    continue
                option = names[pyname]
                if isinstance(
                    value, app_commands.AppCommandChannel | app_commands.AppCommandThread
                ):
                    value = str(value.id)
                args[option.name] = value
            attachment = values.get(file_param) if file_param else None
            if attachment is not None and source_option is not None:
                upload = await self.download(attachment)
                if isinstance(upload, Reply):
                    return upload
                args[source_option.name] = upload
            return await self.engine.execute(ctx, spec.name, args)

        await answer(
            interaction,
            work,
            slow=spec.slow,
            public=spec.public,
            store=self.actions,
            rewrite=self.mentions,
            links=self.platform.linkable,
        )

    async def download(self, attachment: discord.Attachment) -> Upload | Reply:
        """An attached document, if it is within the bot's size limit."""
        limit = self.engine.max_document_bytes
        if attachment.size > limit:
            return Reply.text(
                s(
                    "too_large",
                    name=attachment.filename,
                    size=attachment.size // 1024,
                    limit=limit // (1024 * 1024),
                )
            )
        try:
            data = await attachment.read()
        except discord.HTTPException as exc:
            log.warning("could not download attachment %s: %s", attachment.id, exc)
            return Reply.text(s("download_failed", name=attachment.filename))
        return Upload(attachment.filename, data, attachment.content_type)

    async def on_component(self, interaction: discord.Interaction) -> bool:
        """Run a reply button's action, or a select menu's choice, as the member who clicked
        or chose; open the settings modal for its button. False if the component is not ours."""
        data = interaction.data or {}
        custom_id = str(data.get("custom_id", ""))
        if not custom_id.startswith((BUTTON_PREFIX, MENU_PREFIX, SETTINGS_BUTTON)):
            return False
        with using_language(await self.language(interaction)):
            return await self._on_component(interaction)

    async def _on_component(self, interaction: discord.Interaction) -> bool:
        data = interaction.data or {}
        custom_id = str(data.get("custom_id", ""))
        if custom_id == SETTINGS_BUTTON:
            await self.open_settings(interaction)
            return True
        menu = parse_menu_id(custom_id, self.actions)
        if menu is not None:
            command, args, option = menu
            if not command:
                await interaction.response.send_message(s("menu_expired"), ephemeral=True)
                return True
            values = [str(v) for v in data.get("values") or []]
            # A menu's answer is for the one who chose, whatever the command.
            await self.run_component(
                interaction, command, {**args, **menu_value(option, values)}, public=False
            )
            return True
        parsed = parse_action_id(custom_id, self.actions)
        if parsed is None:
            return False
        command, args = parsed
        if not command:
            await interaction.response.send_message(s("button_expired"), ephemeral=True)
            return True
        await self.run_component(interaction, command, args)
        return True

    async def run_component(
        self,
        interaction: discord.Interaction,
        command: str,
        args: dict[str, str],
        *,
        public: bool | None = None,
    ) -> None:
        """Run ``command`` with ``args`` as the member of the interaction and answer."""
        ctx = context_of(interaction, self.platform)
        if ctx is None:
            await interaction.response.send_message(s("guild_only"), ephemeral=True)
            return
        spec = self.engine.registry.get(command)

        async def work() -> Reply:
            return await self.engine.execute(ctx, command, dict(args))

        await answer(
            interaction,
            work,
            slow=bool(spec and spec.slow),
            public=bool(spec and spec.public) if public is None else public,
            store=self.actions,
            rewrite=self.mentions,
            links=self.platform.linkable,
        )

    async def _refusal(self, ctx: Context) -> Reply | None:
        """The core's refusal when the member may not change settings, else None."""
        spec = self.engine.registry.get("config set")
        if spec is None or self.engine.registry.get("config reset") is None:
            return Reply.text(s("settings_unavailable"))
        club = await self.engine.club(ctx)
        if not spec.moderator or await self.engine.is_moderator(club, ctx.actor):
            return None
        return Reply.text(t("errors.moderators_only", command=spec.name))

    async def _send_private(self, interaction: discord.Interaction, reply: Reply) -> None:
        async def work() -> Reply:
            return reply

        await answer(
            interaction,
            work,
            slow=False,
            public=False,
            store=self.actions,
            rewrite=self.mentions,
            links=self.platform.linkable,
        )

    async def open_settings(self, interaction: discord.Interaction) -> None:
        """Open the settings modal for a moderator (checked by the engine now, and again by
        the core for each change on submit); a member is told why not."""
        ctx = context_of(interaction, self.platform)
        if ctx is None:
            await interaction.response.send_message(s("guild_only"), ephemeral=True)
            return
        refusal = await self._refusal(ctx)
        if refusal is not None:
            await self._send_private(interaction, refusal)
            return
        # The modal edits the club's own values (``config set`` without a channel scope).
        conf = await self.engine.settings_for(await self.engine.club(ctx))
        try:
            await interaction.response.send_modal(settings_modal(conf, VIEW_TIMEOUT))
        except discord.HTTPException as exc:
            log.warning("could not open the settings modal for %s: %s", interaction.id, exc)

    async def on_modal_submit(self, interaction: discord.Interaction) -> bool:
        """Apply a submitted settings modal field by field through the engine; a refused
        value does not stop the others. False if the modal is not ours."""
        data = interaction.data or {}
        if data.get("custom_id") != MODAL_ID:
            return False
        with using_language(await self.language(interaction)):
            await self._apply_settings(interaction, data)
        return True

    async def _apply_settings(self, interaction: discord.Interaction, data: Any) -> None:
        ctx = context_of(interaction, self.platform)
        if ctx is None:
            await interaction.response.send_message(s("guild_only"), ephemeral=True)
            return
        values = submitted(data.get("components") or [])  # type: ignore[arg-type]

        async def work() -> Reply:
            refusal = await self._refusal(ctx)
            if refusal is not None:
                return refusal
            club = await self.engine.club(ctx)
            before = await self.engine.settings_for(club)
            results: list[tuple[str, str]] = []
            for key, value in planned(values, before, interaction.guild):
                if value is None:
                    reply = await self.engine.execute(ctx, "config reset", {"key": key})
                else:
                    reply = await self.engine.execute(
                        ctx, "config set", {"key": key, "value": value}
                    )
                results.append((key, reply.message.plain()))
            after = await self.engine.settings_for(club)
            return Reply.text(summary(results, before, after))

        await answer(
            interaction,
            work,
            slow=False,
            public=False,
            store=self.actions,
            rewrite=self.mentions,
            links=self.platform.linkable,
        )


def build_tree(
    client: discord.Client, builder: CommandBuilder, guild_id: int | None
) -> app_commands.CommandTree[Any]:
    """The client's command tree holding ``/filmclub`` and ``/filmclub-mod`` (for one guild
    when ``guild_id``)."""
    tree: app_commands.CommandTree[Any] = app_commands.CommandTree(client)
    for root in builder.build():
        tree.add_command(root, guild=discord.Object(guild_id) if guild_id else None)

    @tree.error
    async def on_error(
        interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        with using_language(await builder.language(interaction)):
            if isinstance(error, app_commands.CommandNotFound):
                # A command Discord still showed from before an upgrade (e.g. a moderator
                # command that moved from /filmclub to /filmclub-mod).
                log.info("unknown command %s %s", " ".join(error.parents), error.name)
                text = moved_text(" ".join([*error.parents, error.name]), builder.mentions)
            else:
                log.error("/filmclub failed: %s", error, exc_info=error)
                text = s("failed")
        try:
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True)
            else:
                await interaction.response.send_message(text, ephemeral=True)
        except discord.HTTPException:
            pass

    return tree


def moved_text(typed: str, mentions: Rewrite) -> str:
    """What to tell someone who ran a command the bot no longer has under that name."""
    typed = f"/{typed}"
    moved = mentions(typed)
    if moved != typed:
        return s("moved", typed=typed, moved=moved)
    return s("gone", typed=typed, root=ROOT)


async def sync_commands(tree: app_commands.CommandTree[Any], guild_id: int | None) -> list[Any]:
    """Publish the commands: to one guild (instant) when ``guild_id`` is set, else globally."""
    await tree.set_translator(CatalogTranslator())
    if guild_id:
        synced = await tree.sync(guild=discord.Object(guild_id))
        log.info("synced %d command(s) to guild %s", len(synced), guild_id)
    else:
        synced = await tree.sync()
        log.info("synced %d command(s) globally", len(synced))
    return synced
