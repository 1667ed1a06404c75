"""What an operator makes of one match: the underspecified TIMEX3 reading.

Why separate from the operators: the reading is the boundary between the two
phases of resolution (STYLE.md habit 7).  An operator only says what the words
mean relative to an anchor kind; ``extract`` attaches span, rule id and quote
status.  The helpers here build intervals so every operator states its
uncertainty the same way (earliest <= best <= latest, always).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.language.temporal.calendar import UNIT_GRANULARITY, add_units, midpoint, period, period_label
from app.language.types import Interval, Offset

__all__ = ["Context", "Reading", "interval_of", "period_reading", "span_interval"]


@dataclass(frozen=True, slots=True)
class Context:
    """What an operator may know besides the words: the reference date and the local tense.

    ``tense``: its sign is past (-) or future (+); 3 means the mention's own
    verb or a cue right before it ("said Friday", "by Oct. 31"), 2 a verb group
    a few words away ("will meet the envoys on Monday"), 1 evidence further
    away in the sentence, 0 none (see ``tense.TenseLexicon.direction``).
    """

    reference: date
    tense: int


@dataclass(frozen=True, slots=True)
class Reading:
    """An operator's result, before span and provenance are attached."""

    type: str
    value: str
    interval: Interval | None
    mod: str | None = None
    offset: Offset | None = None


def span_interval(first: date, last: date, granularity: str, best: date | None = None) -> Interval:
    """An interval over ``[first, last]`` with ``best`` clamped inside it (midpoint by default)."""
    if last < first:
        first, last = last, first
    point = midpoint(first, last) if best is None else max(first, min(last, best))
    return Interval(earliest=first, latest=last, best=point, granularity=granularity)


def interval_of(unit: str, d: date) -> Interval:
    """The whole calendar period of ``unit`` containing ``d``."""
    first, last = period(unit, d)
    return span_interval(first, last, UNIT_GRANULARITY[unit])


def period_reading(type_: str, unit: str, d: date, n: int = 0, mod: str | None = None) -> Reading:
    """The period of ``unit`` that lies ``n`` periods from the one containing ``d``."""
    start = period(unit, add_units(period(unit, d)[0], unit, n))[0]
    return Reading(type_, period_label(unit, start), interval_of(unit, start), mod)
