"""How many days a span of time the event layer reads in an event's words lasts.

Why one place: "a seven-day truce" (how long a period the story dates acts by lasted) and "a
week of clashes" (how long an act lasted) are read the same way: an amount, in words or digits,
and a unit of days, weeks or months.  The table is the data; the two callers only say where the
amount and the unit stand.
"""

from __future__ import annotations

__all__ = ["AMOUNT", "UNIT", "days_of"]

#: Amounts written out, as news writes a span ("a week", "several days" counts three).
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "thirty": 30,
    "sixty": 60, "ninety": 90, "several": 3,
}  # fmt: skip
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
#: Regex alternations for the amount and the unit (a caller puts them in its own pattern).
AMOUNT = r"\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
UNIT = r"day|week|month"


def days_of(amount: str | None, unit: str) -> int:
    """Days in ``amount`` ``unit``s ("seven", "day" -> 7; None, "week" -> 7: "a week")."""
    word = (amount or "a").lower()
    number = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    return number * _UNIT_DAYS[unit.lower().rstrip("s")]
