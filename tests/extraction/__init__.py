"""Tests of document loading and extraction (bot.extraction, bot.sources)."""
