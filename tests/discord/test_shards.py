"""Discord shards: split between processes by DISCORD_SHARD_COUNT/IDS, or all in one."""

from __future__ import annotations

import discord

from adapters.discord.app import FilmclubBot
from bot.settings import DiscordSettings


async def test_a_process_runs_the_shards_it_is_given(engine):
    bot = FilmclubBot(engine, DiscordSettings(token="t", shard_count=4, shard_ids=(0, 2)))
    assert (bot.shard_count, bot.shard_ids) == (4, [0, 2])


async def test_with_no_shard_settings_one_process_runs_every_recommended_shard(engine):
    bot = FilmclubBot(engine, DiscordSettings(token="t"))
    assert isinstance(bot, discord.AutoShardedClient)
    assert (bot.shard_count, bot.shard_ids) == (None, None)  # asked of Discord at connect
