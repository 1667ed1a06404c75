"""Dates of feasts that follow the Islamic, Hebrew and Julian calendars.

Why: peace processes are timed by them.  Truces are declared for Eid al-Fitr
or for Ramadan, talks pause over Passover, wars are named after Yom Kippur;
"the fighting stopped for Eid" must land on the right days of the right year.

- Islamic feasts use the tabular (arithmetic) Hijri calendar: a 30-year cycle
  of 11 leap years, odd months of 30 days, even months of 29.  The observed
  feast depends on the sighting of the new moon and differs by a day or two
  between countries, so every Islamic date carries a ``spread`` of days either
  side, and the readings built from it an interval of that width.
- Hebrew feasts use the fixed Hebrew calendar: the mean new moon (molad) of
  Tishrei and the four postponement rules give Rosh Hashanah; the others are
  whole days from it.  The fixed calendar is exact, so no spread.
- Orthodox Easter is the Julian computus, moved to the Gregorian calendar;
  Orthodox Christmas is 7 January in 1901-2099.

Pure arithmetic over ordinal day numbers (``date.toordinal``), no tables of
years: any year from 1 to 9998 works the same.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

__all__ = [
    "EITHER",
    "FEAST_CODES",
    "FEASTS",
    "Feast",
    "feast_days",
    "feast_extent",
    "hebrew_new_year",
    "hijri_to_date",
    "julian_easter",
]

#: Ordinal (``date.toordinal``) of 1 Muharram AH 1: 16 July 622 in the Julian calendar.
_HIJRI_EPOCH = date(622, 7, 19).toordinal()
#: Years of the 30-year cycle that have a 30th day in their last month.
_HIJRI_LEAP = frozenset({2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29})
#: Ordinal (``date.toordinal``) of day 0 of the count in ``_hebrew_elapsed_days``: the Hebrew epoch,
#: Monday 7 October 3761 BCE (Julian), is ordinal -1373427 and day 2 of that count.
_HEBREW_EPOCH = -1373427 - 2
_PARTS_PER_HOUR = 1080
_PARTS_PER_DAY = 24 * _PARTS_PER_HOUR
#: A lunation: 29 days, 12 hours, 793 parts.
_MONTH_PARTS = 29 * _PARTS_PER_DAY + 12 * _PARTS_PER_HOUR + 793
#: The molad of Tishrei of year 1: day 2 (Monday) at 5 hours and 204 parts.
_FIRST_MOLAD = 2 * _PARTS_PER_DAY + 5 * _PARTS_PER_HOUR + 204


class Feast(NamedTuple):
    """A feast: the calendar it follows, its day in that calendar, how many days it lasts and
    how uncertain its observed first day is (days either side)."""

    calendar: str  # "hijri", "hebrew", "julian_easter", "gregorian"
    month: int
    day: int
    length: int = 1
    spread: int = 0


#: Feast codes as the holiday lexicon names them (``rules/lexicon.toml``).
FEASTS: dict[str, Feast] = {
    "ramadan": Feast("hijri", 9, 1, length=30, spread=1),
    "eid_al_fitr": Feast("hijri", 10, 1, spread=1),
    "eid_al_adha": Feast("hijri", 12, 10, spread=1),
    "islamic_new_year": Feast("hijri", 1, 1, spread=1),
    "ashura": Feast("hijri", 1, 10, spread=1),
    "mawlid": Feast("hijri", 3, 12, spread=1),
    # Hebrew feasts as days from Rosh Hashanah (month 7 = Tishrei); Passover is counted from the
    # next Rosh Hashanah: 15 Nisan is always 163 days before 1 Tishrei.
    "rosh_hashanah": Feast("hebrew", 7, 1, length=2),
    "yom_kippur": Feast("hebrew", 7, 10),
    "sukkot": Feast("hebrew", 7, 15, length=7),
    "hanukkah": Feast("hebrew", 9, 25, length=8),
    "passover": Feast("hebrew", 1, 15, length=7),
    "orthodox_easter": Feast("julian_easter", 0, 0),
    "orthodox_christmas": Feast("gregorian", 1, 7),
}


def hijri_to_date(year: int, month: int, day: int) -> date:
    """The Gregorian date of a day of the tabular Hijri calendar."""
    cycles, in_cycle = divmod(year - 1, 30)
    leap_days = sum(1 for y in range(1, in_cycle + 1) if y in _HIJRI_LEAP)
    days_before_year = cycles * 10631 + in_cycle * 354 + leap_days
    days_before_month = (month - 1) * 29 + month // 2  # odd months 30 days, even 29
    return date.fromordinal(_HIJRI_EPOCH + days_before_year + days_before_month + day - 1)


def _hebrew_leap(year: int) -> bool:
    """Seven years of every 19 have a thirteenth month."""
    return (7 * year + 1) % 19 < 7


def _hebrew_elapsed_days(year: int) -> int:
    """Days from the Hebrew epoch to 1 Tishrei of ``year``: the molad, then the postponements."""
    months = (235 * year - 234) // 19
    molad = _FIRST_MOLAD + months * _MONTH_PARTS
    day, parts = divmod(molad, _PARTS_PER_DAY)
    weekday = day % 7  # 0 = Saturday, 1 = Sunday, 2 = Monday, 3 = Tuesday ...
    if (
        parts >= 18 * _PARTS_PER_HOUR  # molad at or after noon
        or (weekday == 3 and parts >= 9 * _PARTS_PER_HOUR + 204 and not _hebrew_leap(year))
        or (weekday == 2 and parts >= 15 * _PARTS_PER_HOUR + 589 and _hebrew_leap(year - 1))
    ):
        day += 1
    if day % 7 in (1, 4, 6):  # Rosh Hashanah never falls on a Sunday, Wednesday or Friday
        day += 1
    return day


def hebrew_new_year(year: int) -> date:
    """The Gregorian date of 1 Tishrei (Rosh Hashanah) of Hebrew ``year``."""
    return date.fromordinal(_HEBREW_EPOCH + _hebrew_elapsed_days(year))


def _hebrew_feast(feast: Feast, hebrew_year: int) -> date:
    new_year = hebrew_new_year(hebrew_year)
    if feast.month == 7:
        return new_year + timedelta(days=feast.day - 1)
    if feast.month == 1:  # Nisan of the same civil span: before the next Rosh Hashanah
        return hebrew_new_year(hebrew_year + 1) - timedelta(days=163 - (feast.day - 15))
    # Kislev (9): Tishrei 30 days, then Heshvan of 29 or 30 days (30 in a "complete" year)
    length = (hebrew_new_year(hebrew_year + 1) - new_year).days
    heshvan = 30 if length % 10 == 5 else 29
    return new_year + timedelta(days=30 + heshvan + feast.day - 1)


def julian_easter(year: int) -> date:
    """Orthodox Easter Sunday of ``year`` (Julian computus), as a Gregorian date."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    julian_day = date(year, month, day + 1)
    # the Julian calendar lags by the Gregorian leap days it keeps: 13 days in 1900-2099
    lag = year // 100 - year // 400 - 2
    return julian_day + timedelta(days=lag)


#: Names that stand for either of two feasts: a bare "Eid" is whichever of the two is meant by
#: the date (the nearer one, or the one the tense points at).
EITHER: dict[str, tuple[str, str]] = {"eid": ("eid_al_fitr", "eid_al_adha")}
FEAST_CODES = frozenset(FEASTS) | frozenset(EITHER)


def feast_extent(code: str) -> tuple[int, int]:
    """Days the feast lasts and days of uncertainty either side of its first day."""
    feast = FEASTS[EITHER[code][0] if code in EITHER else code]
    return feast.length, feast.spread


def feast_days(code: str, year: int) -> list[date]:
    """First days of the feast ``code`` that fall in Gregorian ``year`` (an Islamic feast falls
    twice in some years, e.g. Eid al-Fitr in January and December 2000)."""
    if code in EITHER:
        return sorted(d for one in EITHER[code] for d in feast_days(one, year))
    feast = FEASTS[code]
    if feast.calendar == "gregorian":
        return [date(year, feast.month, feast.day)]
    if feast.calendar == "julian_easter":
        return [julian_easter(year)]
    if feast.calendar == "hebrew":
        # Tishrei feasts of a Gregorian year belong to Hebrew year + 3761; Nisan and Kislev
        # (counted from the Tishrei before them) to the Hebrew year that began the autumn before
        hebrew_year = year + 3761 if feast.month in (7, 9) else year + 3760
        found = _hebrew_feast(feast, hebrew_year)
        if feast.month == 9 and found.year != year:  # Hanukkah is late in the year: check both
            found = _hebrew_feast(feast, hebrew_year - 1)
        return [found] if found.year == year else []
    # a Gregorian year overlaps two or three Hijri years
    first_hijri = (year - 622) * 33 // 32
    days = [hijri_to_date(h, feast.month, feast.day) for h in range(first_hijri - 1, first_hijri + 3)]
    return sorted(d for d in days if d.year == year)
