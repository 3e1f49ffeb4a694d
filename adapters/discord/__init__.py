"""Discord adapter: the /filmclub commands and the ChatPlatform on discord.py."""
