"""Operators for amounts of time: durations, sets, "N units ago", anaphoric offsets, PAST/PRESENT/FUTURE_REF.

Why together: all of them turn a (possibly vague) quantity and a unit into
either a TIMEX3 duration value (``P3D``, ``PT2H``, ``PXW``) or a displacement.
Vague quantities and adverbs get their ranges from the vagueness table through
the lexicon; nothing here knows how many days "a few" is.

Anaphoric offsets (anchor "event") carry no interval: ``anchor.shift`` places
them once the event layer knows the anchor event.  Their ``value`` is the
publication-relative fallback reading (what the words would mean if the
anchor were the publication day), so TimeML-style consumers still get a value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

from app.language.temporal.anchor import shift
from app.language.temporal.calendar import add_units, period, period_label
from app.language.temporal.dateparser_adapter import parse_explicit
from app.language.temporal.dates import weekday_date
from app.language.temporal.reading import Context, Reading, span_interval
from app.language.types import Offset

__all__ = ["AMOUNT_OPERATORS", "duration_value"]

Slots = dict[str, Any]
_LETTER = {
    "day": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "quarter": "Q",
    "hour": "H",
    "minute": "M",
    "second": "S",
}
_CLOCK = {"hour", "minute", "second"}
_SMALLER = {
    "hour": ("minute", 60),
    "day": ("hour", 24),
    "week": ("day", 7),
    "month": ("day", 30),
    "year": ("month", 12),
    "decade": ("year", 10),
    "quarter": ("month", 3),
    "century": ("year", 100),
}
_CALENDAR = {
    "quarter": ("month", 3),
    "decade": ("year", 10),
    "century": ("year", 100),
    "fortnight": ("week", 2),
}


def _normal(unit: str, low: float, high: float) -> tuple[str, float, float]:
    """Units ISO 8601 durations do not have, in ones they do: fortnights in weeks, decades and
    centuries in years ("two decades" = P20Y)."""
    if unit == "fortnight":
        return "week", low * 2, high * 2
    if unit in {"decade", "century"}:
        factor = 10 if unit == "decade" else 100
        return "year", low * factor, high * factor
    return unit, low, high


#: Units whose fractions are written as the whole units plus the rest in the next smaller unit.
_MIXED = {"year": ("M", 12, ""), "day": ("H", 24, "T"), "hour": ("M", 60, ""), "minute": ("S", 60, "")}


def duration_value(unit: str, low: float, high: float) -> str:
    """The TIMEX3 duration value: ``P3D``, ``PT5H30M``, ``P2Y6M``, ``P18M``, ``P20Y`` (two
    decades); ``PX<unit>`` when the amount is vague."""
    unit, low, high = _normal(unit, low, high)
    t = "T" if unit in _CLOCK else ""
    if low != high:
        return f"P{t}X{_LETTER[unit]}"
    if low != int(low):
        whole, rest = int(low), low - int(low)
        if whole and unit in _MIXED:
            letter, factor, sep = _MIXED[unit]
            return f"P{t}{whole}{_LETTER[unit]}{sep}{round(rest * factor)}{letter}"
        if unit in _SMALLER:
            smaller, factor = _SMALLER[unit]
            return duration_value(smaller, round(low * factor), round(low * factor))
    return f"P{t}{int(low)}{_LETTER[unit]}"


def _calendar_offset(unit: str, low: float, high: float) -> tuple[str, int, int]:
    """Amount in a unit ``shift`` understands (day, week, month, year), whole numbers, widened outward."""
    if unit in _CALENDAR:
        base, factor = _CALENDAR[unit]
        unit, low, high = base, low * factor, high * factor
    if unit in _CLOCK:
        per_day = {"hour": 24, "minute": 1440, "second": 86400}[unit]
        unit, low, high = "day", low / per_day, high / per_day
    return unit, math.floor(low), math.ceil(high)


def op_duration(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """Durations; with ``window`` (-1 "the past three days", +1 "the next few weeks") also an
    interval; with ``signal`` (+1 "after", -1 "before" right after the amount) also the offset
    from the event the signal introduces, vague amounts as their range from the vagueness table."""
    unit = slots.get("unit", params.get("unit"))
    if unit is None:
        return None
    if "quantity" in slots:
        low, high = slots["quantity"]
    elif "amount" in slots:
        low = high = slots["amount"]
    else:
        low, high = params.get("low", 1), params.get("high", params.get("low", 1))
    low, high = low + slots.get("half", 0), high + slots.get("half", 0)  # "a minute and a half"
    if high <= 0 and low <= 0 and "value" not in params:
        return None
    value = slots.get("value") or duration_value(unit, low, high)
    interval = None
    offset = None
    window = slots.get("window")
    if window:
        cal, lo, hi = _calendar_offset(unit, low, high)
        far = add_units(ctx.reference, cal, window * hi)
        interval = span_interval(min(far, ctx.reference), max(far, ctx.reference), "day")
    if "signal" in slots:  # "a few days after the vote": the amount is also the offset from that event
        cal, lo, hi = _calendar_offset(unit, low, high)
        offset = Offset(direction=slots["signal"], low=lo, high=hi, unit=cal)
    return Reading("DURATION", value, interval, slots.get("mod") or slots.get("approx"), offset)


def op_set(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """Recurrences: "every Monday" (XXXX-WXX-1), "each July" (XXXX-07), "daily" (P1D), "every two weeks"."""
    if "value" in slots:
        return Reading("SET", slots["value"], None)
    if "weekday" in slots:  # "every Monday"; "Tuesday nights" with the part of day
        part = f"T{slots['daypart']}" if "daypart" in slots else ""
        return Reading("SET", f"XXXX-WXX-{slots['weekday']}{part}", None)
    if "month" in slots:
        return Reading("SET", f"XXXX-{slots['month']:02d}", None)
    if "season" in slots:  # "each summer"
        return Reading("SET", f"XXXX-{slots['season']}", None)
    unit = slots.get("unit", params.get("unit"))
    if unit is None:
        return None
    low, high = slots.get("quantity", (1, 1))
    step = slots.get("alternate", 1)  # "every other week": every second one
    return Reading("SET", duration_value(unit, low * step, high * step), None)


def op_ago(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """Publication-relative displacements: "three days ago", "a few weeks ago", "two years from now"."""
    unit = slots.get("unit", params.get("unit"))
    if unit is None:
        return None
    low, high = slots.get("quantity", (params.get("low", 1), params.get("high", 1)))
    direction = params.get("direction", -1)
    cal, lo, hi = _calendar_offset(unit, low, high)
    near = add_units(ctx.reference, cal, direction * lo)
    far = add_units(ctx.reference, cal, direction * hi)
    best = add_units(ctx.reference, cal, direction * round((lo + hi) / 2))
    # "a decade ago" is a year about ten years back, not the decade before this one
    grain_unit = unit if unit in {"day", "week", "month", "year", "quarter"} else "day"
    if unit in {"decade", "century"}:
        grain_unit = "year"
    grain_unit = params.get("grain", grain_unit)  # "this time last year": the month a year back
    first, last = sorted((near, far))
    first, last = period(grain_unit, first)[0], period(grain_unit, last)[1]
    mod = slots.get("mod") or ("APPROX" if low != high else None)
    value = period_label(grain_unit, period(grain_unit, best)[0])
    granularity = "hour" if unit in _CLOCK else grain_unit  # hours ago: the days they may fall on
    return Reading("DATE", value, span_interval(first, last, granularity, best), mod)


def op_offset(
    slots: Slots, params: dict[str, Any], ctx: Context, adverbs: dict[str, tuple[int, int, str]]
) -> Reading | None:
    """Anaphoric offsets: "a few days earlier", "two days later", "shortly after", "the following week",
    "the next morning" (a TIME: the day the offset lands on, with its part of day)."""
    adverb = slots.get("adverb", params.get("adverb"))
    if adverb is not None:
        low, high, unit = adverbs[adverb.lower()]
    else:
        unit = slots.get("unit", params.get("unit", "day"))
        low, high = slots.get("quantity", (params.get("low", 1), params.get("high", params.get("low", 1))))
    direction = slots.get("later", slots.get("sequel", params.get("direction", 0)))
    if slots.get("sequel") == 0:
        low = high = 0
    if "weekday" in slots:  # "the previous Friday": 1..7 days away; the value names that weekday
        if direction == 0:
            return None
        day = weekday_date(slots["weekday"], ctx, direction)
        return Reading(
            "DATE", day.isoformat(), None, None, Offset(direction=direction, low=1, high=7, unit="day")
        )
    cal, lo, hi = _calendar_offset(unit, low, high)
    offset = Offset(direction=direction, low=lo, high=hi, unit=cal)
    fallback = shift(span_interval(ctx.reference, ctx.reference, "day"), offset)
    label_unit = slots.get("noun", unit)  # "the year-ago quarter" is labelled as a quarter
    if label_unit not in {"week", "month", "quarter", "year", "decade", "century"}:
        label_unit = "day"
    value = period_label(label_unit, period(label_unit, fallback.best)[0])
    if "season" in slots:  # "that autumn": the season, in the year the offset lands on
        value = f"{fallback.best.year:04d}-{slots['season']}"
    if "daypart" in slots:  # "the next morning": a part of the day the offset lands on
        return Reading("TIME", f"{value}T{slots['daypart']}", None, None, offset)
    return Reading("DATE", value, None, slots.get("part"), offset)  # "the end of that month": END


def op_ref(
    slots: Slots, params: dict[str, Any], ctx: Context, adverbs: dict[str, tuple[int, int, str]]
) -> Reading | None:
    """PRESENT_REF / PAST_REF / FUTURE_REF; "now" is the reference day, "recently" a vague past window."""
    value = params["value"]
    adverb = slots.get("adverb", params.get("adverb"))
    ref = ctx.reference
    if adverb is not None:
        low, high, unit = adverbs[adverb.lower()]
        sign = -1 if value == "PAST_REF" else 1
        ends = (add_units(ref, unit, sign * low), add_units(ref, unit, sign * high))
        return Reading("DATE", value, span_interval(min(ends), max(ends), "day"))
    if value == "PRESENT_REF":
        return Reading("DATE", value, span_interval(ref, ref, "day"))
    return Reading("DATE", value, None)


def op_explicit(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """Numeric dates dateparser reads well ("22.04.2025", "4/22/2025"), through the adapter; a
    date written with dots is day first wherever dots are used ("10.03.2024" is 10 March)."""
    text = slots["numeric"]
    found: date | None = parse_explicit(text, ctx.reference, day_first="." in text)
    if found is None:
        return None
    return Reading("DATE", found.isoformat(), span_interval(found, found, "day"))


def op_block(slots: Slots, params: dict[str, Any], ctx: Context) -> Reading | None:
    """Consume words that look like a time but are not ("resolution 2334", "the 1967 lines")."""
    return None


AMOUNT_OPERATORS: dict[str, Callable[..., Reading | None]] = {
    "duration": op_duration,
    "set": op_set,
    "ago": op_ago,
    "explicit": op_explicit,
    "block": op_block,
}
#: Operators that also need the vague-adverb table.
ADVERB_OPERATORS: dict[str, Callable[..., Reading | None]] = {"offset": op_offset, "ref": op_ref}
