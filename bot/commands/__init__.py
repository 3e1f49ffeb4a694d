"""The ``/filmclub`` command set; importing this package registers every command."""

from bot.commands import config, curation, discussion, schedule, screening  # noqa: F401
from bot.commands.spec import REGISTRY, Command, CommandError, Option, OptionType, Upload

__all__ = ["REGISTRY", "Command", "CommandError", "Option", "OptionType", "Upload"]
