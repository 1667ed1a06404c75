"""Calendar arithmetic on ``datetime.date``: periods, shifts and TIMEX3 value labels.

Why a module of its own: every operator of the rule engine needs "the ISO week
containing d", "the month n months after d", "the label of that quarter"; keeping
that arithmetic in one place (and free of any rule knowledge) is what lets the
property tests hammer it over month, year and leap-year boundaries.
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = [
    "UNIT_GRANULARITY",
    "add_months",
    "add_units",
    "clamp",
    "midpoint",
    "period",
    "period_label",
    "shift_period",
]

#: The granularity a calendar unit's period has.
UNIT_GRANULARITY: dict[str, str] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "half": "month",
    "season": "season",
    "year": "year",
    "decade": "decade",
    "century": "century",
}

_MIN = date(1, 1, 1)
_MAX = date(9999, 12, 31)


def clamp(d: date, lo: date, hi: date) -> date:
    """``d`` pushed inside ``[lo, hi]``."""
    return max(lo, min(hi, d))


def midpoint(lo: date, hi: date) -> date:
    """The day half-way between two days (rounded towards ``lo``)."""
    return lo + timedelta(days=(hi - lo).days // 2)


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months, the day clamped to the month's length."""
    total = d.year * 12 + (d.month - 1) + n
    year, month = divmod(total, 12)
    year = min(max(year, 1), 9999)
    return date(year, month + 1, min(d.day, _month_end(year, month + 1).day))


def add_units(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (day, week, month, quarter, year, decade, century), saturating."""
    try:
        if unit == "day":
            return d + timedelta(days=n)
        if unit == "week":
            return d + timedelta(weeks=n)
    except OverflowError:
        return _MAX if n > 0 else _MIN
    months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120, "century": 1200}[
        unit
    ]
    return add_months(d, months * n)


def period(unit: str, d: date) -> tuple[date, date]:
    """The calendar period of ``unit`` containing ``d``, as ``(first day, last day)``.

    Weeks are ISO weeks (Monday–Sunday); seasons are meteorological (winter =
    Dec–Feb, labelled with the year of its December, as TimeML's ``1998-WI``).
    """
    if unit == "day":
        return d, d
    if unit == "week":
        start = d - timedelta(days=d.weekday())
        return start, start + timedelta(days=6)
    if unit == "month":
        return d.replace(day=1), _month_end(d.year, d.month)
    if unit == "quarter":
        first = 3 * ((d.month - 1) // 3) + 1
        return date(d.year, first, 1), _month_end(d.year, first + 2)
    if unit == "half":
        first = 1 if d.month <= 6 else 7
        return date(d.year, first, 1), _month_end(d.year, first + 5)
    if unit == "season":
        start = add_months(d.replace(day=1), -((d.month % 12) % 3))
        return start, _month_end(add_months(start, 2).year, add_months(start, 2).month)
    if unit == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    if unit == "decade":
        y = d.year - d.year % 10
        return date(max(y, 1), 1, 1), date(y + 9, 12, 31)
    if unit == "century":
        y = d.year - d.year % 100
        return date(max(y, 1), 1, 1), date(y + 99, 12, 31)
    raise ValueError(f"unknown calendar unit {unit!r}")


def shift_period(unit: str, d: date, n: int) -> tuple[date, date]:
    """The period of ``unit`` that is ``n`` periods after the one containing ``d``."""
    start, _ = period(unit, d)
    return period(unit, add_units(start, unit, n))


_SEASON_CODE = {12: "WI", 3: "SP", 6: "SU", 9: "FA"}


def period_label(unit: str, start: date) -> str:
    """The TIMEX3 value of the period of ``unit`` starting at ``start``."""
    if unit == "day":
        return start.isoformat()
    if unit == "week":
        iso = start.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if unit == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if unit == "quarter":
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{start.year:04d}-H{1 if start.month <= 6 else 2}"
    if unit == "season":
        return f"{start.year:04d}-{_SEASON_CODE[start.month]}"
    if unit == "year":
        return f"{start.year:04d}"
    if unit == "decade":
        return f"{start.year // 10:03d}"
    if unit == "century":
        return f"{start.year // 100:02d}"
    raise ValueError(f"unknown calendar unit {unit!r}")
