"""Ranges run forward: the second end of "between Monday and Wednesday" follows the first."""

from __future__ import annotations

from datetime import date

import pytest

from app.language.temporal.extract import find_timexes

REFERENCE = date(2025, 4, 22)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # read alone, "Wednesday" in a sentence without tense is the last one, before the Monday
        ("Talks run between Monday and Wednesday.", [("Monday", "2025-04-21"), ("Wednesday", "2025-04-23")]),
        (
            "A curfew from Friday to Sunday night.",
            [("Friday", "2025-04-18"), ("Sunday night", "2025-04-20TNI")],
        ),
        ("The window from March 28 to April 2.", [("March 28", "2025-03-28"), ("April 2", "2025-04-02")]),
        # no range: two days named side by side keep their own readings
        ("They met on Monday and Wednesday.", [("Monday", "2025-04-21"), ("Wednesday", "2025-04-16")]),
        # both ends carry their years: nothing moves
        ("from 2015 to 2010", [("2015", "2015"), ("2010", "2010")]),
    ],
)
def test_the_end_of_a_range_follows_its_start(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.value) for m in find_timexes(text, REFERENCE)] == expected


def test_a_moved_end_moves_its_interval_too() -> None:
    (_, wednesday) = find_timexes("between Monday and Wednesday", REFERENCE)
    assert wednesday.interval is not None
    assert (wednesday.interval.earliest, wednesday.interval.latest) == (date(2025, 4, 23), date(2025, 4, 23))
