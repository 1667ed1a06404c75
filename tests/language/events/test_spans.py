"""How long a span read in an event's words lasts, in days (events/spans.py)."""

from __future__ import annotations

import re

import pytest

from app.language.events.spans import AMOUNT, UNIT, days_of


@pytest.mark.parametrize(
    ("amount", "unit", "days"),
    [
        (None, "week", 7),  # "a week of clashes" without its article
        ("a", "day", 1),
        ("seven", "day", 7),
        ("Three", "weeks", 21),
        ("60", "day", 60),
        ("several", "day", 3),
        ("two", "month", 60),
    ],
)
def test_days_of(amount: str | None, unit: str, days: int) -> None:
    assert days_of(amount, unit) == days


@pytest.mark.parametrize("words", ["a seven-day truce", "the 60-day ceasefire", "a three-week pause"])
def test_amount_and_unit_read_a_length(words: str) -> None:
    assert re.search(rf"\b({AMOUNT})[- ]({UNIT})\b", words, re.IGNORECASE)


def test_an_unknown_amount_is_an_error_not_a_guess() -> None:
    with pytest.raises(KeyError):
        days_of("umpteen", "day")
