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
