"""Numbers people type and numeric ids platforms use: ASCII digits only, within bounds.

``str.isdigit()`` accepts ``¹²³`` (which ``int()`` then refuses) and ``int()`` accepts any
length (which SQLite then refuses); every number from outside goes through here instead.
"""

from __future__ import annotations

MAX_NUMBER = 2**31 - 1  # numbers of documents, items, schedules, suggestions; limits
MAX_ID_DIGITS = 20  # a Discord snowflake is an unsigned 64-bit integer


def ascii_digits(text: str) -> bool:
    """Non-empty and made only of the ASCII digits 0-9."""
    return bool(text) and text.isascii() and text.isdigit()


def parse_number(text: str, *, lo: int = 0, hi: int = MAX_NUMBER) -> int | None:
    """``text`` as an integer in ``lo..hi`` (a leading ``-`` allowed when ``lo`` < 0), or None."""
    text = text.strip()
    sign = 1
    if lo < 0 and text.startswith("-"):
        sign, text = -1, text[1:]
    if not ascii_digits(text) or len(text) > len(str(max(abs(lo), abs(hi)))):
        return None
    value = sign * int(text)
    return value if lo <= value <= hi else None


def is_numeric_id(text: str | None) -> bool:
    """A platform id made of digits that fits in 64 bits (Discord users, roles, channels)."""
    return (
        text is not None and ascii_digits(text) and len(text) <= MAX_ID_DIGITS and int(text) < 2**64
    )
