"""Adversarial input: long runs of digits and month names run in about linear time."""

from __future__ import annotations

import time
from datetime import date

from app.language.temporal import find_timexes

REFERENCE = date(2025, 4, 22)
UNIT = "2025 1967 April 22 2025 Feb. 30 12:30 3 p.m. 1 1 1 1 a few days earlier March May 9999999999 "


def _seconds(text: str) -> float:
    started = time.process_time()
    find_timexes(text, REFERENCE)
    return time.process_time() - started


def test_one_megabyte_of_digits_and_months_is_roughly_linear():
    big = (UNIT * (1_000_000 // len(UNIT) + 1))[:1_000_000]
    small = big[:250_000]
    digits = "7" * 1_000_000
    t_small, t_big, t_digits = _seconds(small), _seconds(big), _seconds(digits)
    assert t_big < 20, t_big  # loose: seconds, not minutes
    assert t_digits < 5, t_digits
    assert t_big < 8 * max(t_small, 0.05), (t_small, t_big)  # 4x the text, not 16x the time


def test_many_dated_quotes_cost_their_length_not_its_square():
    """Every quote is dated by its saying, so each one is read again against its own day: the
    work must grow with the text, not with the text times its quotes."""
    quote = '"We meet tomorrow and sign next week," the envoy said on Monday. '
    small, big = quote * 500, quote * 2000
    t_small, t_big = _seconds(small), _seconds(big)
    assert t_big < 10, t_big
    assert t_big < 8 * max(t_small, 0.05), (t_small, t_big)  # 4x the text, not 16x the time
