"""Event-relative resolution: place an anaphoric offset against its anchor event's interval.

Why this is the only place: "a few days earlier" means nothing until the event
layer has decided which event the sentence refers back to; extraction
therefore stores an ``Offset`` (direction + amount range + unit) and this
function is applied later, as often as the anchor changes (re-resolving is
idempotent because the offset, not a date, is what is stored).
"""

from __future__ import annotations

from datetime import date

from app.language.temporal.calendar import add_units, clamp
from app.language.temporal.reading import span_interval
from app.language.types import Interval, Offset

__all__ = ["shift"]

_GRAIN_ORDER = ("minute", "hour", "day", "week", "month", "season", "quarter", "year", "decade", "century")


def _move(d: date, unit: str, amount: float) -> date:
    """``d`` moved by ``amount`` units; half a day or less stays on the day ("hours later" is most
    likely the same day), a larger fraction of a day is counted as a whole one outward."""
    whole = int(amount)
    moved = add_units(d, unit, whole)
    if amount != whole and unit == "day" and abs(amount) > 1:
        moved = add_units(moved, "day", 1 if amount > 0 else -1)
    return moved


def shift(anchor: Interval, offset: Offset) -> Interval:
    """Where something lies that is ``offset`` away from an event that lies in ``anchor``.

    Direction -1: ``[anchor.earliest - high, anchor.latest - low]``; +1:
    ``[anchor.earliest + low, anchor.latest + high]``; 0: the anchor itself
    widened by ``high`` on both sides (usually 0).  ``best`` is the anchor's best
    moved by the middle of the amount range.  Granularity is the anchor's, but
    never finer than a day (the amount is counted in whole days or coarser);
    e.g. anchor 20–22 Apr 2025, offset -6..-2 days -> 14–20 Apr, best 17 Apr.
    """
    unit = offset.unit
    mid = (offset.low + offset.high) / 2
    if offset.direction < 0:
        first = _move(anchor.earliest, unit, -offset.high)
        last = _move(anchor.latest, unit, -offset.low)
        best = _move(anchor.best, unit, -mid)
    elif offset.direction > 0:
        first = _move(anchor.earliest, unit, offset.low)
        last = _move(anchor.latest, unit, offset.high)
        best = _move(anchor.best, unit, mid)
    else:
        first = _move(anchor.earliest, unit, -offset.high)
        last = _move(anchor.latest, unit, offset.high)
        best = anchor.best
    grain = anchor.granularity
    if grain not in _GRAIN_ORDER or _GRAIN_ORDER.index(grain) < _GRAIN_ORDER.index("day"):
        grain = "day"
    return span_interval(first, last, grain, clamp(best, min(first, last), max(first, last)))
