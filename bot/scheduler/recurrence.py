"""Schedule phrases and 5-field cron parsed into a recurrence, and its runs in a time zone."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import t

log = logging.getLogger(__name__)

MINUTE = timedelta(minutes=1)
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # Python's weekday() order
PLURAL_DAYS = ("mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays")
MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SEARCH_YEARS = 6  # a recurrence that never matches within this horizon has no next run


class ScheduleError(ValueError):
    """A schedule text that cannot be understood; ``str()`` is the helpful reply."""


@dataclass(frozen=True)
class Recurrence:
    """When a schedule fires, in wall-clock terms of the club's zone.

    ``weekdays`` use Python's numbering (Monday is 0). Day-of-month and day-of-week follow
    cron's rule: when both are restricted, a day matching either one matches.
    """

    spec: str
    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int] = frozenset(range(1, 32))
    months: frozenset[int] = frozenset(range(1, 13))
    weekdays: frozenset[int] = frozenset(range(7))
    days_any: bool = True
    weekdays_any: bool = True
    every_days: int = 1
    anchor: date | None = None
    once: date | None = None

    @property
    def is_once(self) -> bool:
        return self.once is not None

    def matches_date(self, day: date) -> bool:
        if self.once is not None:
            return day == self.once
        if day.month not in self.months:
            return False
        if self.anchor is not None and (
            day < self.anchor or (day - self.anchor).days % self.every_days
        ):
            return False
        in_month = day.day in self.days
        in_week = day.weekday() in self.weekdays
        if not self.days_any and not self.weekdays_any:
            return in_month or in_week
        return in_month and in_week

    def _next_wall(self, after: datetime) -> datetime | None:
        """The first matching naive wall-clock minute strictly after ``after`` (naive)."""
        moment = after.replace(second=0, microsecond=0) + MINUTE
        horizon = after.year + _SEARCH_YEARS
        if self.once is not None:
            if moment.date() > self.once:
                return None
            if moment.date() < self.once:
                moment = datetime.combine(self.once, time())
        while moment.year <= horizon:
            if moment.month not in self.months:
                year, month = divmod(moment.month, 12)
                moment = datetime(moment.year + year, month + 1, 1)
                continue
            if not self.matches_date(moment.date()):
                if self.once is not None:
                    return None
                moment = datetime.combine(moment.date() + timedelta(days=1), time())
                continue
            if moment.hour not in self.hours:
                moment = moment.replace(minute=0) + timedelta(hours=1)
                continue
            later = [m for m in self.minutes if m >= moment.minute]
            if not later:
                moment = moment.replace(minute=0) + timedelta(hours=1)
                continue
            return moment.replace(minute=min(later))
        return None

    def next_after(self, after: datetime, zone: ZoneInfo) -> datetime | None:
        """The first run strictly after the instant ``after``, as a UTC datetime.

        A wall time that happens twice (clocks go back) fires once, at its first occurrence;
        a wall time that does not exist (clocks go forward) fires at the next valid minute.
        """
        wall = after.astimezone(zone).replace(tzinfo=None)
        for _ in range(10_000):
            candidate = self._next_wall(wall)
            if candidate is None:
                return None
            moment = resolve_wall(candidate, zone)
            if moment > after:
                return moment
            wall = candidate  # the repeated hour's second pass: already fired
        return None

    def upcoming(self, after: datetime, zone: ZoneInfo, count: int = 3) -> list[datetime]:
        out: list[datetime] = []
        moment: datetime | None = after
        while len(out) < count and moment is not None:
            moment = self.next_after(moment, zone)
            if moment is not None:
                out.append(moment)
        return out

    def fires_at(self, slot: datetime, zone: ZoneInfo) -> bool:
        """Whether ``slot`` (UTC) is one of this recurrence's runs in ``zone``."""
        return self.next_after(slot - MINUTE, zone) == slot


def resolve_wall(wall: datetime, zone: ZoneInfo) -> datetime:
    """A naive wall time in ``zone`` as a UTC instant (first occurrence, or next valid minute)."""
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first
    # In a gap: fold=0 and fold=1 bracket the transition; find its first valid minute.
    second = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    lo, hi = sorted((first, second))
    lo_min, hi_min = 0, int((hi - lo).total_seconds() // 60)
    while lo_min < hi_min:
        mid = (lo_min + hi_min) // 2
        if (lo + mid * MINUTE).astimezone(zone).replace(tzinfo=None) >= wall:
            hi_min = mid
        else:
            lo_min = mid + 1
    return lo + lo_min * MINUTE


# -- parsing ----------------------------------------------------------------------------
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_CRON_FIELD = re.compile(r"^[0-9a-z*/,\-]+$")


def parse_time(text: str) -> tuple[int, int]:
    match = _TIME.match(text.strip().lower())
    if not match or (match.group(2) is None and match.group(3) is None):
        raise ScheduleError(t("schedule.error.time", text=text))
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if match.group(3):
        if not 1 <= hour <= 12:
            raise ScheduleError(t("schedule.error.time", text=text))
        hour = hour % 12 + (12 if match.group(3) == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ScheduleError(t("schedule.error.time", text=text))
    return hour, minute


def parse_date(text: str) -> date:
    match = _DATE.match(text)
    if not match:
        raise ScheduleError(t("schedule.error.date", text=text))
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ScheduleError(t("schedule.error.date", text=text)) from None


def _day_of_week(word: str) -> int | None:
    word = word.strip().lower().rstrip(".")
    if word.startswith("every "):
        word = word[6:]
    if word.endswith("s") and word[:-1] in {d[:-1] for d in PLURAL_DAYS}:
        word = word[:-1]
    for index, name in enumerate(DAY_NAMES):
        full = PLURAL_DAYS[index][:-1]
        if word == name or word == full or (len(word) >= 3 and full.startswith(word)):
            return index
    return None


def _fmt(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def is_when(text: str) -> bool:
    """Whether ``text`` reads as a schedule (a typed ``when`` takes the longest such phrase)."""
    try:
        parse(text, date.today())
    except ScheduleError:
        return False
    return True


def parse(text: str, today: date) -> Recurrence:
    """Parse a schedule: a phrase (``fridays 19:00``) or a 5-field cron expression.

    ``today`` (the club's local date) anchors ``every N days``.
    """
    raw = " ".join(text.strip().split())
    low = raw.lower()
    if low.startswith("cron "):
        return parse_cron(raw[5:])
    fields = low.split(" ")
    looks_like_time = ":" in fields[-1] or fields[-1].endswith(("am", "pm"))
    if len(fields) == 5 and all(_CRON_FIELD.match(f) for f in fields) and not looks_like_time:
        return parse_cron(raw)
    return parse_phrase(low, today)


def parse_phrase(low: str, today: date) -> Recurrence:
    words = [w for w in low.replace(" at ", " ").split(" ") if w]
    if words and words[0] == "at":
        words = words[1:]
    anchor: date | None = None
    if len(words) >= 2 and words[-2] == "from":
        anchor = parse_date(words[-1])
        words = words[:-2]
    if not words:
        raise ScheduleError(t("schedule.error.phrase", text=low))
    frequent = _frequent(" ".join(words), low)
    if frequent is not None:
        return frequent
    # The time is the last word, or the last two ("7:30 pm").
    if len(words) >= 2 and words[-1] in ("am", "pm"):
        words = [*words[:-2], words[-2] + words[-1]]
    if not any(ch.isdigit() for ch in words[-1]):  # no time at all: not a phrase we know
        raise ScheduleError(t("schedule.error.phrase", text=low))
    hour, minute = parse_time(words[-1])
    days = " ".join(words[:-1]).strip()
    if days.startswith("on "):
        days = days[3:]
    clock = _fmt(hour, minute)
    base = {"minutes": frozenset({minute}), "hours": frozenset({hour})}
    if days in ("", "daily", "every day", "each day", "everyday"):
        return Recurrence(spec=f"daily {clock}", **base)
    if days in ("weekdays", "every weekday", "weekday", "mon-fri"):
        return Recurrence(
            spec=f"weekdays {clock}", weekdays=frozenset(range(5)), weekdays_any=False, **base
        )
    if days in ("weekends", "every weekend", "weekend", "sat-sun"):
        return Recurrence(
            spec=f"weekends {clock}", weekdays=frozenset({5, 6}), weekdays_any=False, **base
        )
    every = re.match(r"^every (\d+|other) days?$", days)
    if every:
        count = 2 if every.group(1) == "other" else int(every.group(1))
        if not 1 <= count <= 365:
            raise ScheduleError(t("schedule.error.phrase", text=low))
        if count == 1:
            return Recurrence(spec=f"daily {clock}", **base)
        start = anchor or today
        return Recurrence(
            spec=f"every {count} days {clock} from {start.isoformat()}",
            every_days=count,
            anchor=start,
            **base,
        )
    if _DATE.match(days):
        day = parse_date(days)
        return Recurrence(spec=f"{day.isoformat()} {clock}", once=day, **base)
    parts = [p for p in re.split(r"\s*(?:,|&|/|\band\b)\s*", days) if p]
    chosen = [_day_of_week(p) for p in parts]
    if not parts or any(c is None for c in chosen):
        raise ScheduleError(t("schedule.error.phrase", text=low))
    picked = sorted({c for c in chosen if c is not None})
    names = ", ".join(PLURAL_DAYS[c] for c in picked)
    return Recurrence(
        spec=f"{names} {clock}", weekdays=frozenset(picked), weekdays_any=False, **base
    )


class _CronFieldError(ValueError):
    """One cron field is malformed (``value`` is None) or holds a number out of its range."""

    def __init__(self, part: str, value: int | None = None) -> None:
        super().__init__(part)
        self.part, self.value = part, value


_EVERY = re.compile(r"^every (?:(\d+|other) )?(minute|hour)s?$")


def _frequent(days: str, low: str) -> Recurrence | None:
    """``every minute``, ``every 15 minutes``, ``hourly``, ``every 2 hours``: no time of day.

    Like cron's ``*/N``, the steps start at the top of each hour (minutes) or at midnight
    (hours): ``every 5 hours`` fires at 00:00, 05:00, 10:00, 15:00 and 20:00.
    """
    if days in ("hourly", "every hour", "each hour"):
        return Recurrence(spec="hourly", minutes=frozenset({0}), hours=frozenset(range(24)))
    if days in ("every minute", "each minute"):
        return Recurrence(spec="every minute", minutes=_ALL_MINUTES, hours=_ALL_HOURS)
    match = _EVERY.match(days)
    if match is None:
        return None
    count = 2 if match.group(1) == "other" else int(match.group(1) or 1)
    unit = match.group(2)
    limit = 59 if unit == "minute" else 23
    if not 1 <= count <= limit:
        raise ScheduleError(t("schedule.error.every_range", text=low, unit=unit, limit=limit))
    if count == 1:
        return _frequent(f"every {unit}", low)
    if unit == "minute":
        steps = frozenset(range(0, 60, count))
        return Recurrence(spec=f"every {count} minutes", minutes=steps, hours=_ALL_HOURS)
    steps = frozenset(range(0, 24, count))
    return Recurrence(spec=f"every {count} hours", minutes=frozenset({0}), hours=steps)


_ALL_MINUTES = frozenset(range(60))
_ALL_HOURS = frozenset(range(24))


def _cron_values(
    field: str, lo: int, hi: int, names: tuple[str, ...] = (), base: int = 0
) -> set[int]:
    values: set[int] = set()

    def number(word: str) -> int:
        if word in names:
            return names.index(word) + base
        if not (word.isascii() and word.isdigit()):
            raise _CronFieldError(field)
        value = int(word)
        if not lo <= value <= hi:
            raise _CronFieldError(field, value)
        return value

    for part in field.split(","):
        step = 1
        if "/" in part:
            part, step_text = part.split("/", 1)
            if not (step_text.isascii() and step_text.isdigit()) or int(step_text) < 1:
                raise _CronFieldError(field)
            step = int(step_text)
        if part == "*":
            start, end = lo, hi
        elif "-" in part:
            a, b = part.split("-", 1)
            start, end = number(a), number(b)
        else:
            start = number(part)
            end = hi if step > 1 else start  # "5/15": from 5 to the end, every 15
        if start > end:
            raise _CronFieldError(field)
        values.update(range(start, end + 1, step))
    return values


# (name, lowest, highest) of the five cron fields, in order.
CRON_FIELDS = (
    ("minute", 0, 59),
    ("hour", 0, 23),
    ("day-of-month", 1, 31),
    ("month", 1, 12),
    ("day-of-week", 0, 7),
)
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February of a leap year


def parse_cron(text: str) -> Recurrence:
    """Parse ``minute hour day-of-month month day-of-week`` (names and ranges allowed)."""
    fields = text.strip().lower().split()
    if len(fields) != 5:
        raise ScheduleError(t("schedule.error.cron", text=text))
    names: tuple[tuple[str, ...], ...] = ((), (), (), MONTH_NAMES, ("sun", *DAY_NAMES[:6]))
    bases = (0, 0, 0, 1, 0)
    parsed = []
    for (name, lo, hi), field, words, base in zip(CRON_FIELDS, fields, names, bases, strict=True):
        try:
            parsed.append(_cron_values(field, lo, hi, words, base))
        except _CronFieldError as exc:
            key = "schedule.error.cron_field" if exc.value is None else "schedule.error.cron_range"
            raise ScheduleError(
                t(key, text=text, field=name, part=exc.part, value=exc.value, lo=lo, hi=hi)
            ) from None
    minutes, hours, days, months, cron_days = parsed
    days_any, weekdays_any = fields[2].startswith("*"), fields[4].startswith("*")
    if (
        not days_any
        and weekdays_any
        and not any(day <= _MONTH_DAYS[month - 1] for month in months for day in days)
    ):
        # "0 0 31 2 *": no month in the list has such a day. (With a day of the week also
        # restricted, cron fires on either, so that always happens.)
        raise ScheduleError(t("schedule.error.never", spec=" ".join(fields)))
    weekdays = frozenset((d - 1) % 7 for d in cron_days)  # cron: 0 and 7 are Sunday
    return Recurrence(
        spec=" ".join(fields),
        minutes=frozenset(minutes),
        hours=frozenset(hours),
        days=frozenset(days),
        months=frozenset(months),
        weekdays=weekdays,
        days_any=days_any,
        weekdays_any=weekdays_any,
    )


_CACHE: dict[str, Recurrence] = {}


def from_spec(spec: str) -> Recurrence:
    """A stored (canonical) spec back into its recurrence; cached, since specs repeat."""
    found = _CACHE.get(spec)
    if found is None:
        found = parse(spec, date(2000, 1, 1))
        if len(_CACHE) < 4096:
            _CACHE[spec] = found
    return found


def zone_of(name: str | None) -> ZoneInfo:
    """The club's zone; an unknown name falls back to UTC (and is logged)."""
    try:
        return ZoneInfo(name or "UTC")
    except Exception:
        log.warning("unknown time zone %r; using UTC", name)
        return ZoneInfo("UTC")
