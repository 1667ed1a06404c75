"""Operators for calendar expressions: dates, weekdays, deictic periods, seasons, decades, clock times.

Each operator takes the decoded slots of one match, the rule's ``params`` and a
``Context`` (reference date + local tense) and returns a ``Reading`` or None
(None = "these words are not a valid time", e.g. 31 February).  Direction for
expressions that name a calendar position without a year ("on Friday", "in
March", "Aug. 7") comes from tense evidence right next to the words ("said
Friday", "will meet in March"): past looks back (the reference day itself
included), future looks ahead.  Without such evidence a weekday looks back
(news narrates the past); a bare month is the nearest one unless a verb group
within a few words says otherwise, and a month-day unless its own verb or a cue
right before it does (measured on TimeBank: tense read further away chooses the
year worse than proximity).

Parts of periods ("the end of last week", "early February", "mid-1996") keep the
period's TIMEX3 value with a ``mod`` and narrow the interval: a week's START /
MID / END are Mon–Tue / Wed–Thu / Fri–Sun (Fri–Sun is the usual reading of "end
of the week"); every other period is cut into thirds of its days (months:
1–10 / 11–20 / 21–end), months (years: Jan–Apr / May–Aug / Sep–Dec) or years
(decades).  "earlier"/"later this month" run from the period's start to the
reference day, or from the reference day to the period's end.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from app.language.temporal.calendar import UNIT_GRANULARITY, add_units, period, period_label, shift_period
from app.language.temporal.feasts import FEAST_CODES, feast_days, feast_extent
from app.language.temporal.reading import Context, Reading, span_interval
from app.language.types import Interval

__all__ = ["DATE_OPERATORS", "part_of", "pick_by_tense", "weekday_date"]

Slots = dict[str, Any]
_WEEK_PARTS = {"START": (0, 1), "MID": (2, 3), "END": (4, 6)}
_THIRD = {"START": 0, "MID": 1, "END": 2}
_PART_GRAIN = {
    "week": "day",
    "month": "day",
    "quarter": "month",
    "half": "month",
    "season": "month",
    "year": "month",
    "decade": "year",
    "century": "decade",
}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
#: How strong tense evidence must be to move a month-day off the nearest one.
_MONTH_DAY_EVIDENCE = 3
#: How much farther a period still to come counts than a past one when no tense decides (news
#: reports the past more than it announces the future: "the record set on Aug. 6", written in
#: February, is the last Aug. 6). Measured on TimeBank: 2 is better than 1 (plain nearest) or 3.
_FUTURE_DISTANCE = 2
#: How strong tense evidence must be to move a bare month (or a holiday: "were freed on the eve of
#: Eid al-Adha") off the nearest one: a verb group within
#: the tense table's ``near`` words (measured on TimeBank: without such evidence the nearest month
#: is right more often than the last one).
_MONTH_EVIDENCE = 2


def part_of(unit: str, first: date, last: date, part: str) -> Interval:
    """The START / MID / END part of the period ``[first, last]`` of ``unit``."""
    grain = _PART_GRAIN.get(unit, "day")
    if unit == "week":
        a, b = _WEEK_PARTS[part]
        return span_interval(first + timedelta(days=a), first + timedelta(days=b), "day")
    k = _THIRD[part]
    if unit in {"quarter", "half", "season", "year"}:
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        size = max(months // 3, 1)
        start = add_units(first, "month", k * size)
        end = last if k == 2 else add_units(start, "month", size) - timedelta(days=1)
        return span_interval(start, end, grain)
    if unit in {"decade", "century"}:
        years = last.year - first.year + 1
        size = years // 3
        start = date(first.year + k * size, 1, 1)
        end = last if k == 2 else date(first.year + (k + 1) * size, 1, 1) - timedelta(days=1)
        return span_interval(start, end, grain)
    start = first + timedelta(days=10 * k)
    end = last if k == 2 else start + timedelta(days=9)
    return span_interval(start, min(end, last), grain)


def pick_by_tense(candidates: list[tuple[date, date]], ctx: Context, evidence: int = 1) -> tuple[date, date]:
    """Among periods, the one the tense points at: the latest begun (past), earliest not over
    (future); without tense, or with tense weaker than ``evidence``, the nearest, a period still
    to come counting as twice as far."""
    ref = ctx.reference
    if abs(ctx.tense) < evidence:
        ctx = Context(ref, 0)
    if ctx.tense < 0:
        begun = [c for c in candidates if c[0] <= ref]
        if begun:
            return max(begun)
    elif ctx.tense > 0:
        open_ = [c for c in candidates if c[1] >= ref]
        if open_:
            return min(open_)

    def distance(c: tuple[date, date]) -> int:
        days = min(abs((c[0] - ref).days), abs((c[1] - ref).days))
        return days * _FUTURE_DISTANCE if c[0] > ref else days

    return min(candidates, key=distance)


def weekday_date(weekday: int, ctx: Context, relative: int | None = None) -> date:
    """The date of ISO ``weekday`` (1=Mon) meant relative to the reference.

    ``relative`` -1 ("last Friday") = the latest such day strictly before the
    reference; +1 ("next Monday") = the first strictly after; 0 ("this Friday")
    = in the reference's ISO week; None = by tense (news narrates the past, so
    only a future marker right before the weekday looks ahead; either way the
    reference day itself counts).
    """
    ref = ctx.reference
    today = ref.isoweekday()
    if relative == -1:
        return ref - timedelta(days=(today - weekday - 1) % 7 + 1)
    if relative == 1:
        return ref + timedelta(days=(weekday - today - 1) % 7 + 1)
    if relative == 0:
        return ref + timedelta(days=weekday - today)
    if ctx.tense >= 2:
        return ref + timedelta(days=(weekday - today) % 7)
    return ref - timedelta(days=(today - weekday) % 7)


def _with_part(unit: str, first: date, last: date, slots: Slots, ctx: Context) -> tuple[Interval, str | None]:
    part = slots.get("part")
    if part and unit == "day":
        return span_interval(first, last, "day"), part
    if part:
        return part_of(unit, first, last, part), part
    side = slots.get("side")
    grain = _PART_GRAIN.get(unit, "day") if unit != "day" else "day"
    if side == "BEFORE":
        return span_interval(first, max(first, min(last, ctx.reference)), grain), "START"
    if side == "AFTER":
        return span_interval(min(last, max(first, ctx.reference)), last, grain), "END"
    return span_interval(first, last, UNIT_GRANULARITY[unit]), None


def _timed(reading: Reading, slots: Slots) -> Reading:
    """Attach a part of day ("Tuesday morning") to a day reading, making it a TIME."""
    daypart = slots.get("daypart")
    if not daypart:
        return reading
    return Reading("TIME", f"{reading.value}T{daypart}", reading.interval, reading.mod)


def op_date(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """Calendar dates from any subset of year, month, day (ISO text in slot ``iso``); with param
    ``week`` the ISO week of the day."""
    if "iso_date" in slots:
        y, m, d = (int(x) for x in slots["iso_date"].split("-"))
        slots = {**slots, "year": y, "month": m, "day": d}
    if "short_year" in slots:  # "in '67": the last such year not after the reference
        short = int(str(slots["short_year"])[1:])
        full = ctx.reference.year // 100 * 100 + short
        slots = {**slots, "year": full if full <= ctx.reference.year else full - 100}
    year, month, day = slots.get("year"), slots.get("month"), slots.get("day")
    if month is None and year is None and day is not None:
        return _day_of_month(day, slots, ctx)
    if month is None:
        if year is None:
            return None
        first, last = date(year, 1, 1), date(year, 12, 31)
        interval, mod = _with_part("year", first, last, slots, ctx)
        return Reading("DATE", f"{year:04d}", interval, mod)
    if year is None and "relative" in slots:
        if params.get("relative_unit") == "year":  # "June last year", "April next year"
            year = ctx.reference.year + slots["relative"]
        else:
            year = _relative_month_year(month, slots["relative"], ctx.reference)
    if year is None:
        years = (ctx.reference.year - 1, ctx.reference.year, ctx.reference.year + 1)
        if day is None:  # a bare month is the nearest one unless a verb group near it says otherwise
            choices = [period("month", date(y, month, 1)) for y in years]
        else:  # a month-day is the nearest one unless tense evidence is right next to it
            choices = [(d, d) for d in (_safe_date(y, month, day) for y in years) if d]
            if "weekday" in slots:  # "Saturday, April 25": the year in which the weekday fits
                choices = [c for c in choices if c[0].isoweekday() == slots["weekday"]] or choices
            if not choices:
                return None
        evidence = _MONTH_EVIDENCE if day is None else _MONTH_DAY_EVIDENCE
        year = pick_by_tense(choices, ctx, evidence)[0].year
    if day is None:
        first, last = period("month", date(year, month, 1))
        interval, mod = _with_part("month", first, last, slots, ctx)
        return Reading("DATE", period_label("month", first), interval, mod)
    when = _safe_date(year, month, day)
    if when is None:
        return None
    if params.get("week"):  # "the week of March 6": the ISO week the day falls in
        first, last = period("week", when)
        return Reading("DATE", period_label("week", first), span_interval(first, last, "week"))
    return _timed(Reading("DATE", when.isoformat(), span_interval(when, when, "day")), slots)


def _day_of_month(day: int, slots: Slots, ctx: Context) -> Reading | None:
    """A day named without its month ("signed on the 10th"): that day of the reference month or
    of a month beside it, chosen like a month-day (nearest unless its own verb says otherwise)."""
    ref = ctx.reference
    months = [add_units(date(ref.year, ref.month, 1), "month", k) for k in (-1, 0, 1)]
    choices = [(d, d) for d in (_safe_date(m.year, m.month, day) for m in months) if d]
    if not choices:
        return None
    when = pick_by_tense(choices, ctx, _MONTH_DAY_EVIDENCE)[0]
    return _timed(Reading("DATE", when.isoformat(), span_interval(when, when, "day")), slots)


def op_week_of_month(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """ "The first week of March", "the last week of June 2024": seven days of the month (the
    first week is days 1-7, the last the month's final seven), kept as the month with a mod
    (START, MID, END) as TIMEX3 has no value for a week counted inside a month."""
    month_reading = op_date({k: slots[k] for k in ("month", "year") if k in slots}, {}, ctx)
    if month_reading is None or month_reading.interval is None:
        return None
    first, last = month_reading.interval.earliest, month_reading.interval.latest
    ordinal = slots.get("ordinal", slots.get("final"))
    if ordinal == -1:
        start, mod = last - timedelta(days=6), "END"
    elif ordinal in (1, 2, 3, 4):
        start = first + timedelta(days=7 * (ordinal - 1))
        mod = "START" if ordinal == 1 else "MID" if ordinal < 4 else "END"
    else:
        return None
    interval = span_interval(start, min(start + timedelta(days=6), last), "day")
    return Reading("DATE", month_reading.value, interval, mod)


def _relative_month_year(month: int, relative: int, ref: date) -> int:
    """Year of "last March" (latest before this month), "this March", "next March" (first after)."""
    if relative < 0:
        return ref.year if month < ref.month else ref.year - 1
    if relative > 0:
        return ref.year if month > ref.month else ref.year + 1
    return ref.year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def op_weekday(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """A named weekday, optionally "last"/"this"/"next", a part of day, and a day before or after
    it (slot ``day_side``: "the day before last Tuesday"); with param ``nearest``
    the closer of the two such days around the reference, whatever the clause's tense ("get
    around Wednesday's ruling" names the ruling, not the getting around); a day to come counts
    as ``_FUTURE_DISTANCE`` times as far, as for months (news reports the past more)."""
    when = weekday_date(slots["weekday"], ctx, slots.get("relative"))
    if params.get("nearest") and ctx.tense == 0:
        ahead = weekday_date(slots["weekday"], Context(ctx.reference, 2))
        if (ahead - ctx.reference).days * _FUTURE_DISTANCE < (ctx.reference - when).days:
            when = ahead
    when += timedelta(days=slots.get("day_side", 0))  # "the day before last Tuesday"
    reading = Reading("DATE", when.isoformat(), span_interval(when, when, "day"), slots.get("part"))
    return _timed(reading, slots)


def op_shift(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """Deictic periods: "yesterday", "last week", "the end of last week", "earlier this month"."""
    unit = slots.get("unit", params.get("unit"))
    if unit not in UNIT_GRANULARITY:
        return None
    n = slots.get("relative", params.get("n", 0))
    first, last = shift_period(unit, ctx.reference, n)
    if params.get("weekend"):
        first, last = first + timedelta(days=5), last
        return Reading("DATE", period_label("week", first) + "-WE", span_interval(first, last, "day"))
    interval, mod = _with_part(unit, first, last, slots, ctx)
    return _timed(Reading("DATE", period_label(unit, first), interval, mod), slots)


def op_weekend(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """A bare "the weekend": the last one in past narrative, the coming one in future."""
    ref = ctx.reference
    n = 0 if ctx.tense > 0 or ref.isoweekday() >= 6 else -1
    return op_shift({}, {"unit": "week", "n": n, "weekend": True}, ctx)


def op_period(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """Ordinal quarters and halves ("the third quarter", "the first half of 1990"); ordinal -1 is
    the year's final one ("the last half of 1989").

    Without a year: the latest such period that has begun by the reference date
    (business news reports on the quarter just closed or the one under way), unless the
    clause speaks of the future ("will report third-quarter results"): then the next one.
    """
    unit = str(params.get("unit", slots.get("unit")))
    if params.get("ending") and "month" in slots:
        return _period_ending(unit, slots, ctx)
    ordinal = slots.get("ordinal", params.get("ordinal"))
    months = {"quarter": 3, "half": 6}.get(unit)
    if months is not None and ordinal == -1:  # "the last half of 1989": the final one of the year
        ordinal = 12 // months
    if months is None or ordinal is None or not 1 <= ordinal <= 12 // months:
        return None
    year = slots.get("year")
    if year is None:
        if "relative" in slots:
            year = ctx.reference.year + slots["relative"]
        else:
            # the latest such period already begun: reports look back at it or are in it
            year = ctx.reference.year
            if date(year, 1 + months * (ordinal - 1), 1) > ctx.reference and ctx.tense < 2:
                year -= 1
    first, last = period(unit, date(year, 1 + months * (ordinal - 1), 1))
    interval, mod = _with_part(unit, first, last, slots, ctx)
    return Reading("DATE", period_label(unit, first), interval, mod)


def _period_ending(unit: str, slots: Slots, ctx: Context) -> Reading | None:
    """ "The quarter ended July 31": the calendar quarter holding most of the three months that end
    that day (May-July is mostly the second quarter), the day read as a month-day would be."""
    end = op_date({k: slots[k] for k in ("month", "day") if k in slots}, {}, ctx)
    if end is None or end.interval is None or unit != "quarter":
        return None
    middle = end.interval.earliest - timedelta(days=45)
    first, last = period(unit, middle)
    return Reading("DATE", period_label(unit, first), span_interval(first, last, UNIT_GRANULARITY[unit]))


def op_season(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """Seasons: "summer 2024", "this summer", "last fall", a bare "in the spring" by tense."""
    code = slots["season"]
    ref = ctx.reference
    starts = [date(y, _SEASON_START[code], 1) for y in range(ref.year - 2, ref.year + 2)]
    spans = [period("season", s) for s in starts]
    if "year" in slots:
        first, last = period("season", date(slots["year"], _SEASON_START[code], 1))
    elif slots.get("relative") == -1:
        first, last = max(s for s in spans if s[1] < ref)
    elif slots.get("relative") == 1:
        first, last = min(s for s in spans if s[0] > ref)
    elif slots.get("relative") == 0:
        first, last = next(s for s in spans if s[0].year == ref.year)
    else:
        first, last = pick_by_tense(spans, ctx)
    interval, mod = _with_part("season", first, last, slots, ctx)
    return Reading("DATE", period_label("season", first), interval, mod)


def op_decade(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """Decades and centuries: "the 1990s", "the '80s", "the nineties", "the 20th century"."""
    if "century" in slots:
        first = date(max((slots["century"] - 1) * 100, 1), 1, 1)
        unit = "century"
    else:
        if "decade" in slots:
            year = slots["decade"]
        else:
            short = int(str(slots["short_decade"]).strip("'"))
            year = 2000 + short if 2000 + short <= ctx.reference.year else 1900 + short
        first, unit = date(year, 1, 1), "decade"
    first, last = period(unit, first)
    interval, mod = _with_part(unit, first, last, slots, ctx)
    return Reading("DATE", period_label(unit, first), interval, mod)


def op_clock(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """Clock times ("10:35 a.m.", "3 p.m. Friday", "noon"), on the reference day unless a day is named."""
    hour = slots.get("hour", slots.get("hour24", params.get("hour")))
    if hour is None:
        return None
    meridiem = str(slots.get("meridiem", "")).lower()
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    minute = slots.get("minute")
    day = ctx.reference + timedelta(days=params.get("day", 0))
    if "weekday" in slots:
        day = weekday_date(slots["weekday"], ctx, slots.get("relative"))
    if "month" in slots:  # "5 p.m. EST Nov. 9": the day as a month-day would be read
        named = op_date({k: slots[k] for k in ("month", "day", "year") if k in slots}, {}, ctx)
        if named is None or named.interval is None:
            return None
        day = named.interval.earliest
    value = f"{day.isoformat()}T{hour:02d}:{minute or 0:02d}"
    return Reading("TIME", value, span_interval(day, day, "minute" if minute is not None else "hour"))


def holiday_date(code: str, year: int) -> date:
    """The date of a holiday code from the lexicon in ``year`` ("12-25", "easter", "thanksgiving"...)."""
    if code == "easter":  # anonymous Gregorian computus
        a, b, c = year % 19, year // 100, year % 100
        d, e = divmod(b, 4)
        g = (8 * b + 13) // 25
        h = (19 * a + b - d - g + 15) % 30
        i, k = divmod(c, 4)
        lw = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 19 * lw) // 433
        month = (h + lw - 7 * m + 90) // 25
        return date(year, month, (h + lw - 7 * m + 33 * month + 19) % 32)
    if code == "thanksgiving":  # fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if code == "labor":  # first Monday of September
        first = date(year, 9, 1)
        return first + timedelta(days=(0 - first.weekday()) % 7)
    if code == "election":  # Tuesday after the first Monday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(0 - first.weekday()) % 7 + 1)
    month, day = (int(x) for x in code.split("-"))
    return date(year, month, day)


def op_holiday(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """Named holidays and feasts; the year is written, or "last"/"next", or by tense (nearest
    when unknown).  A feast of the Hijri, Hebrew or Julian calendar ("Eid al-Fitr", "Passover",
    "Ramadan") lasts its days, widened by the uncertainty of its first one (``feasts.py``)."""
    code, ref = slots["holiday"], ctx.reference
    years = [slots["year"]] if "year" in slots else [ref.year - 1, ref.year, ref.year + 1]
    feast = code in FEAST_CODES
    length, spread = feast_extent(code) if feast else (1, 0)
    starts = [d for y in years for d in (feast_days(code, y) if feast else [holiday_date(code, y)])]
    week = bool(params.get("week"))  # "Easter week": the ISO week the holiday's first day falls in
    runs = [period("week", d) if week else (d, d + timedelta(days=length - 1)) for d in starts]
    if not runs:
        return None
    relative = slots.get("relative")
    if relative == -1:  # the last one over ("last Ramadan" said during Ramadan is the one before)
        first, last = max((r for r in runs if r[1] < ref), default=runs[0])
    elif relative == 1:
        first, last = min((r for r in runs if r[0] > ref), default=runs[-1])
    else:  # like months: the nearest, unless a verb group near it says which way
        first, last = pick_by_tense(runs, ctx, _MONTH_EVIDENCE)
    if week:
        return Reading("DATE", period_label("week", first), span_interval(first, last, "week"))
    # a one-day feast kept a day early or late is "about" that day; a feast of several days is
    # the run of its days, named by its first (TIMEX3 has no value for a run of days), and a
    # month-long one (Ramadan) is as coarse as a month: "a truce during Ramadan" is no day
    margin = timedelta(days=spread)
    grain = "month" if length >= 28 else "day"
    interval = span_interval(first - margin, last + margin, grain, best=first if length == 1 else None)
    part = slots.get("part")
    if part and length >= 28:  # "the end of Ramadan": its last third, as for a month
        return Reading("DATE", first.isoformat(), part_of("month", first, last, part), part)
    mod = part or ("APPROX" if spread and length == 1 else None)
    return Reading("DATE", first.isoformat(), interval, mod)


DATE_OPERATORS: dict[str, Callable[[Slots, dict[str, Any], Context], Reading | None]] = {
    "date": op_date,
    "weekday": op_weekday,
    "week_of_month": op_week_of_month,
    "shift": op_shift,
    "weekend": op_weekend,
    "period": op_period,
    "season": op_season,
    "decade": op_decade,
    "clock": op_clock,
    "holiday": op_holiday,
}
