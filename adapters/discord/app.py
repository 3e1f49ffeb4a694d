"""The Discord client: minimal intents, the commands, reply counting, thread and channel cleanup."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import aiohttp
import discord

from adapters.discord.commands import CommandBuilder, build_tree, sync_commands
from adapters.discord.platform import THREAD_TYPES, DiscordPlatform
from adapters.startup import with_retry
from bot.settings import SettingsError

if TYPE_CHECKING:
    from bot.engine import Engine
    from bot.settings import DiscordSettings

log = logging.getLogger(__name__)

DEFAULT_API = "https://discord.com/api/v10"
COUNTED_TYPES = (discord.MessageType.default, discord.MessageType.reply)


def api_base(url: str | None) -> str:
    """The REST base for discord.py: ``DISCORD_API_BASE_URL`` with ``/api/v10`` if it lacks it."""
    if not url:
        return DEFAULT_API
    url = url.rstrip("/")
    if re.search(r"/api/v\d+$", url):
        return url
    if url.endswith("/api"):
        return url + "/v10"
    return url + "/api/v10"


def use_api_base(url: str | None) -> None:
    """Point discord.py's REST client at ``url`` (a rate-limit proxy, or a test server)."""
    discord.http.Route.BASE = api_base(url)


def intents() -> discord.Intents:
    """Only what the bot uses: guilds (channels, threads) and guild messages (reply counts).

    No privileged intent: reply counting needs the message's author and thread, not its content.
    """
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    return wanted


class FilmclubBot(discord.AutoShardedClient):
    """discord.py client wired to the engine; runs the shards the settings name, or every
    shard Discord recommends."""

    def __init__(
        self,
        engine: Engine,
        settings: DiscordSettings,
        *,
        sync_on_start: bool = True,
        retry_delay: float = 1.0,
        max_ratelimit_timeout: float = 60.0,
        **options: Any,
    ) -> None:
        if settings.shard_count is not None:
            options.setdefault("shard_count", settings.shard_count)
            if settings.shard_ids is not None:
                options.setdefault("shard_ids", list(settings.shard_ids))
        super().__init__(
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            max_ratelimit_timeout=max_ratelimit_timeout,
            **options,
        )
        self.engine = engine
        self.settings = settings
        self.sync_on_start = sync_on_start
        self.platform = DiscordPlatform(self, engine, retry_delay=retry_delay)
        self.builder = CommandBuilder(engine, self.platform)
        self.tree = build_tree(self, self.builder, settings.guild_id)

    async def setup_hook(self) -> None:
        if self.sync_on_start:
            try:
                await sync_commands(self.tree, self.settings.guild_id)
            except discord.HTTPException as exc:
                # Old commands keep working; `filmclub discord sync` can retry later.
                log.error("could not sync /filmclub commands: %s", exc)

    async def on_ready(self) -> None:
        log.info("connected to Discord as %s (%d servers)", self.user, len(self.guilds))
        self._report_ready(True)

    async def on_resumed(self) -> None:
        self._report_ready(True)

    async def on_disconnect(self) -> None:
        self._report_ready(False)

    def _report_ready(self, ready: bool) -> None:
        """Tell the health endpoints and metrics whether the gateway is connected."""
        from bot import metrics

        shards = getattr(self, "shards", None)
        metrics.DISCORD_SHARDS.set((len(shards) if isinstance(shards, dict) else 1) if ready else 0)
        if self.engine.health is not None:
            self.engine.health.platform_ready("discord", ready)

    async def on_message(self, message: discord.Message) -> None:
        """A member's message in a tracked thread counts as a reply (content not needed)."""
        if message.author.bot or message.type not in COUNTED_TYPES:
            return
        channel_type = getattr(message.channel, "type", None)
        # Uncached channels (type None) may be threads: the engine ignores untracked ones.
        if channel_type is not None and channel_type not in THREAD_TYPES:
            return
        guild_id = message.guild.id if message.guild else getattr(message.channel, "guild_id", None)
        if guild_id is None:
            return
        try:
            await self.engine.record_reply(
                "discord",
                str(guild_id),
                str(message.channel.id),
                str(message.id),
                str(message.author.id),
            )
        except Exception:
            log.exception("could not count a reply in thread %s", message.channel.id)

    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        """A deleted thread closes its record."""
        try:
            await self.engine.thread_gone("discord", str(payload.guild_id), str(payload.thread_id))
        except Exception:
            log.exception("could not close thread %s", payload.thread_id)

    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        """A deleted channel closes the records of every thread it held, archived ones too.

        The Guilds intent delivers the event, and GUILD_CREATE has cached the channel.
        """
        try:
            closed = await self.engine.channel_gone(
                "discord", str(channel.guild.id), str(channel.id)
            )
        except Exception:
            log.exception("could not close the threads of deleted channel %s", channel.id)
            return
        if closed:
            log.info("channel %s was deleted: closed %d thread record(s)", channel.id, closed)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is discord.InteractionType.component:
            try:
                await self.builder.on_component(interaction)
            except Exception:
                log.exception("button or menu interaction failed")
        elif interaction.type is discord.InteractionType.modal_submit:
            try:
                await self.builder.on_modal_submit(interaction)
            except Exception:
                log.exception("modal submission failed")


async def run_discord(engine: Engine, settings: DiscordSettings) -> None:
    """Connect to Discord and serve the club until cancelled."""
    use_api_base(settings.api_base_url)
    bot = FilmclubBot(engine, settings)
    engine.attach(bot.platform)
    try:
        await with_retry(
            lambda: bot.login(settings.token),
            what="discord",
            transient=(aiohttp.ClientError, OSError, TimeoutError, discord.DiscordServerError),
        )
        await bot.connect(reconnect=True)
    except discord.LoginFailure:
        raise SettingsError(
            "Discord rejected DISCORD_TOKEN: copy the bot token again from the Developer "
            "Portal (Bot page → Reset Token)"
        ) from None
    finally:
        if not bot.is_closed():
            await bot.close()
