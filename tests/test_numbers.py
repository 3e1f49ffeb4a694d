"""Numbers from people and platforms: ASCII digits only, bounded; clear replies, no tracebacks."""

from __future__ import annotations

import pytest

from bot.numbers import is_numeric_id, parse_number
from tests.conftest import load_sample


@pytest.mark.parametrize("text", ["¹", "²³", "٣", "1e3", "", "-1", "99999999999999999999", "0x10"])
def test_only_bounded_ascii_digits_are_numbers(text):
    assert parse_number(text) is None


def test_numbers_in_range_are_read():
    assert parse_number(" 42 ") == 42
    assert parse_number("0") == 0
    assert parse_number("-3", lo=-5, hi=5) == -3
    assert parse_number("6", lo=-5, hi=5) is None


def test_numeric_ids_fit_in_64_bits():
    assert is_numeric_id("404000000000000000")
    assert not is_numeric_id("¹²³")
    assert not is_numeric_id(str(2**64))
    assert not is_numeric_id("")
    assert not is_numeric_id(None)


@pytest.mark.parametrize(
    "command",
    [
        "discuss qn¹",
        "discuss qn99999999999999999999",
        "question qn99999999999999999999",
        "use ¹",
        "use 99999999999999999999",
        "approve 99999999999999999999",
        "reject ¹",
        "history ¹²",
        "history 99999999999999999999",
        "schedule remove 99999999999999999999",
        "schedule pause ¹",
        "config set max_quote_length ¹²³",
        "config set max_quote_length 99999999999999999999999",
        "skip qn99999999999999999999",
    ],
)
async def test_odd_numbers_get_a_clear_reply_not_an_internal_error(engine, mod, command):
    await load_sample(engine, mod)
    reply = await engine.execute_text(mod, command)
    text = reply.message.plain()
    assert "went wrong" not in text.lower() and "internal" not in text.lower(), text
    assert text.strip()
