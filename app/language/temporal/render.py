"""Human, EDTF-flavoured display strings for intervals ("18–20 Apr 2025", "Feb 2022", "c. 17 Apr 2025").

Why one function: the timeline, the API and the CLI must say the same thing
about the same uncertainty, and must never hide it behind a bare date.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.language.types import Interval

__all__ = ["display"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Widest day range still shown as a range; wider day-grained windows show "c. <best>".
_MAX_DAY_RANGE = 7


def _day(d: date, year: bool = True, month: bool = True) -> str:
    text = str(d.day)
    if month:
        text += f" {_MONTHS[d.month - 1]}"
    if year:
        text += f" {d.year}"
    return text


def _month(d: date, year: bool = True) -> str:
    return f"{_MONTHS[d.month - 1]} {d.year}" if year else _MONTHS[d.month - 1]


def _whole_months(iv: Interval) -> bool:
    return iv.earliest.day == 1 and (iv.latest + timedelta(days=1)).day == 1


def _whole_years(iv: Interval) -> bool:
    return (iv.earliest.month, iv.earliest.day) == (1, 1) and (iv.latest.month, iv.latest.day) == (12, 31)


def display(interval: Interval) -> str:
    """Render ``interval`` for people.

    Rules, in order:
    1. one day: "22 Apr 2025";
    2. whole calendar years: "2025", or "2024–2025";
    3. whole calendar months: "Feb 2022", "Apr–May 2025", "Dec 2024–Jan 2025";
    4. a day range of at most 7 days (an ISO week included): "18–20 Apr 2025",
       "28 Apr–3 May 2025", "29 Dec 2024–2 Jan 2025";
    5. anything wider that is not whole months or years: "c. " + the best
       estimate at day precision ("c. 17 Apr 2025"), or at month precision
       when the granularity is month or coarser ("c. Feb 2022").
    The en dash (U+2013) separates range ends.
    """
    a, b = interval.earliest, interval.latest
    if a == b:
        return _day(a)
    if _whole_years(interval):
        return str(a.year) if a.year == b.year else f"{a.year}–{b.year}"
    if _whole_months(interval):
        if (a.year, a.month) == (b.year, b.month):
            return _month(a)
        return f"{_month(a, year=a.year != b.year)}–{_month(b)}"
    if (b - a).days < _MAX_DAY_RANGE:
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}–{_day(b)}"
        return f"{_day(a, year=a.year != b.year)}–{_day(b)}"
    if interval.granularity in {"month", "season", "quarter", "year", "decade", "century"}:
        return f"c. {_month(interval.best)}"
    return f"c. {_day(interval.best)}"
