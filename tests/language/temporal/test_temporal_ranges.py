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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The summit runs on April 24 and 25.", [("April 24", "2025-04-24"), ("25", "2025-04-25")]),
        ("Talks were held from 3 to 5 March.", [("3", "2025-03-03"), ("5 March", "2025-03-05")]),
        ("The round of 2-3 June 2024 failed.", [("2", "2024-06-02"), ("3 June 2024", "2024-06-03")]),
        # the year after the second day is the year of both
        ("The envoys met March 3-5, 2024.", [("March 3", "2024-03-03"), ("5, 2024", "2024-03-05")]),
    ],
)
def test_two_days_share_one_month(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.value) for m in find_timexes(text, REFERENCE)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "On March 3 and 5 people died.",  # a count after the day, not a second day
        "Turnout rose on March 3 to 5%.",
        "Talks on March 5 and 3 others",  # a smaller number cannot end the range
        "From March 3 to 5 p.m. the curfew held.",  # a clock time
    ],
)
def test_a_number_after_a_day_is_not_always_a_day(text: str) -> None:
    assert [m.rule_id for m in find_timexes(text, REFERENCE)].count("ranges.shared_month_day") == 0


def test_the_bare_day_has_its_own_interval() -> None:
    (_, second) = find_timexes("on April 24 and 25", REFERENCE)
    assert second.interval is not None
    assert (second.interval.earliest, second.interval.latest, second.interval.granularity) == (
        date(2025, 4, 25),
        date(2025, 4, 25),
        "day",
    )
