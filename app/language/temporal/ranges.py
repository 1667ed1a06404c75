"""Ranges run forward: in "between Monday and Wednesday" the second day follows the first.

Why: each end of a range is resolved on its own, by the tense of its clause, and the two
can land in the wrong order ("between Monday and Wednesday" said on a Tuesday: the Monday
just gone and the Wednesday before it).  A range opened by "between" or "from" and joined by
"and", "to", "through" or a dash ends where it starts or later; an end given without its
year or week ("Wednesday", "February", "March 5") that lands before the start is the next
one after it: a week later for a weekday, a year later for a month or a month-day.

Two days of one month share it: "3-5 March", "from 24 to 26 February", "April 24 and 25",
"March 3-5, 2024".  The bare day is a date of its own (TimeML tags it as one: "25" in
"April 24 and 25"), in the month and year of its neighbour; a year after the second day
("March 3-5, 2024") belongs to both.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date, timedelta

from app.language.temporal.calendar import add_units
from app.language.temporal.reading import span_interval
from app.language.types import Interval, TemporalMention

__all__ = ["ordered_ranges", "shared_month_days"]

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


#: The id the bare day of a shared-month range is reported under.
SHARED_MONTH_RULE = "ranges.shared_month_day"
_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAY_JOIN = r"\s*(?:-|–|to|and|or|through|until|till)\s*"
#: After "March 3": the joiner, the second day, and maybe the year of both ("-5, 2024"); not a
#: count or a clock time ("March 3 and 5 people", "3 to 5 p.m.", "3 to 5%").
_NOT_A_DAY = (
    r"(?![:.,]?\d|\s*(?:%|[ap]\.?m\b|per\b|percent|people|million|billion|thousand|hundred|others?\b))"
)
_END_DAY = re.compile(_DAY_JOIN + r"(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b" + _NOT_A_DAY)
#: Before "5 March": the first day and the joiner ("3-", "from 24 to ", "24 and ").
_START_DAY = re.compile(r"(?<![\d,.:$£€])\b(\d{1,2})(?:st|nd|rd|th)?" + _DAY_JOIN + r"$")


def _day_mention(like: TemporalMention, start: int, end: int, text: str, value: date) -> TemporalMention:
    """A one-day DATE mention at ``text[start:end]`` anchored like its neighbour ``like``."""
    return TemporalMention(
        start=start,
        end=end,
        text=text[start:end],
        type="DATE",
        value=value.isoformat(),
        rule_id=SHARED_MONTH_RULE,
        anchor=like.anchor,
        interval=span_interval(value, value, "day"),
        in_quote=like.in_quote,
    )


def _dated(m: TemporalMention, d: date) -> TemporalMention:
    return dataclasses.replace(m, value=d.isoformat(), interval=span_interval(d, d, "day"))


def _second_day(
    text: str, m: TemporalMention, following: TemporalMention | None, year: int, month: int, first: int
) -> tuple[list[TemporalMention], bool]:
    """ "March 3" then "-5" / " and 25" / "-5, 2024": both days, and whether ``following`` is the
    year after the second day (read alone before, now part of it)."""
    nxt = _END_DAY.match(text, m.end)
    if nxt is None or not first < int(nxt.group(1)) <= 31:
        return [m], False
    absorbed = False
    if nxt.group(2):  # the year after the second day is the year of both
        year = int(nxt.group(2))
        absorbed = following is not None and following.start == nxt.start(2)
    try:
        second, start_day = date(year, month, int(nxt.group(1))), date(year, month, first)
    except ValueError:
        return [m], False
    end = nxt.end(2) if nxt.group(2) else nxt.end(1)
    opening = m if start_day.isoformat() == m.value else _dated(m, start_day)
    return [opening, _day_mention(m, nxt.start(1), end, text, second)], absorbed


def _first_day(
    text: str, m: TemporalMention, taken: set[tuple[int, int]], year: int, month: int, first: int
) -> list[TemporalMention]:
    """ "3-" / "from 24 to " then "26 February": the bare first day before ``m``, then ``m``."""
    before = _START_DAY.search(text, max(0, m.start - 12), m.start)
    opener = int(before.group(1)) if before else 0
    if before is None or not 0 < opener < first or (before.start(1), before.end(1)) in taken:
        return [m]
    return [_day_mention(m, before.start(1), before.end(1), text, date(year, month, opener)), m]


def shared_month_days(text: str, mentions: Sequence[TemporalMention]) -> tuple[TemporalMention, ...]:
    """``mentions`` with the bare day of each "3-5 March" / "April 24 and 25" range added."""
    out: list[TemporalMention] = []
    taken = {(m.start, m.end) for m in mentions}
    absorbed = False
    for i, m in enumerate(mentions):
        if absorbed:  # the year of "March 3-5, 2024", now inside "5, 2024"
            absorbed = False
            continue
        day = _DAY_VALUE.match(m.value) if m.type == "DATE" else None
        if day is None or m.interval is None or m.interval.granularity != "day":
            out.append(m)
            continue
        year, month, first = (int(g) for g in day.groups())
        if m.text[:1].isalpha():
            following = mentions[i + 1] if i + 1 < len(mentions) else None
            found, absorbed = _second_day(text, m, following, year, month, first)
            out.extend(found)
        elif m.text[:1].isdigit():
            out.extend(_first_day(text, m, taken, year, month, first))
        else:
            out.append(m)
    return tuple(out)
