"""Ranges run forward: in "between Monday and Wednesday" the second day follows the first.

Why: each end of a range is resolved on its own, by the tense of its clause, and the two
can land in the wrong order ("between Monday and Wednesday" said on a Tuesday: the Monday
just gone and the Wednesday before it).  A range opened by "between" or "from" and joined by
"and", "to", "through" or a dash ends where it starts or later; an end given without its
year or week ("Wednesday", "February", "March 5") that lands before the start is the next
one after it: a week later for a weekday, a year later for a month or a month-day.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date, timedelta

from app.language.temporal.calendar import add_units
from app.language.types import Interval, TemporalMention

__all__ = ["ordered_ranges"]

_OPENS = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.IGNORECASE)
_JOINS = re.compile(r"\s*(?:and|to|through|until|till|[-–—])\s*", re.IGNORECASE)
#: Rules whose mentions name a weekday, month or month-day without its year: what may move.
_WEEKDAYS = frozenset({"calendar.weekday"})
_UNDATED = frozenset({"calendar.month", "calendar.month_day", "calendar.day_month"})


def _moved(m: TemporalMention, iv: Interval, step: timedelta | None) -> TemporalMention:
    """``m`` (its interval ``iv``) a week later (``step``) or, when ``step`` is None, a year later."""

    def later(d: date) -> date:
        return d + step if step is not None else add_units(d, "year", 1)

    interval = Interval(later(iv.earliest), later(iv.latest), later(iv.best), iv.granularity)
    if step is not None:
        value = interval.earliest.isoformat() + m.value[10:]
    else:
        value = f"{int(m.value[:4]) + 1:04d}{m.value[4:]}"
    return dataclasses.replace(m, value=value, interval=interval)


def ordered_ranges(text: str, mentions: Sequence[TemporalMention]) -> tuple[TemporalMention, ...]:
    """``mentions`` with the undated end of each range moved after its start where it lay before."""
    out = list(mentions)
    for i in range(len(out) - 1):
        start, end = out[i], out[i + 1]
        if start.interval is None or end.interval is None or end.interval.earliest >= start.interval.earliest:
            continue
        if end.rule_id not in _WEEKDAYS | _UNDATED or start.rule_id not in _WEEKDAYS | _UNDATED:
            continue
        if not _JOINS.fullmatch(text[start.end : end.start]):
            continue
        if not _OPENS.search(text[max(0, start.start - 20) : start.start]):
            continue
        weekly = end.rule_id in _WEEKDAYS
        moved = _moved(end, end.interval, timedelta(days=7) if weekly else None)
        if moved.interval is not None and moved.interval.earliest >= start.interval.earliest:
            out[i + 1] = moved
    return tuple(out)
