"""Scheduled prompts: recurrences in a club's time zone and the service that posts them."""

from bot.scheduler.recurrence import Recurrence, ScheduleError, from_spec, parse, zone_of
from bot.scheduler.service import Scheduler, nonce_for

__all__ = ["Recurrence", "ScheduleError", "Scheduler", "from_spec", "nonce_for", "parse", "zone_of"]
