"""Narrative values for event-anchored mentions: the second phase of resolution inside one text.

Why: "a year earlier", "the quarter", "that day" have no date of their own;
the event layer places them against their anchor *event* with ``shift``.
For the TIMEX3 ``value`` (what TimeML consumers and the ``timex`` contract
show) the usual practice (TimeML annotators, HeidelTime's "REF" values) is to
resolve them against the last date the text mentioned before them; the
publication date only when there is none.  Intervals stay None: only the
event layer may fix them.

Refinements: a shift by years from a quarter or month keeps that quarter or
month ("a year earlier" after "the third quarter" of 1989 is 1988-Q3); "N
years ago" right after such a mention is given the same sub-year position, as
comparative business reporting means it; a same-period reference ("the
quarter", "that month") is the last period of its own unit the story named,
not the quarter of whatever date came last; "the year-ago quarter" compares
with the current period (the last one named in the reference's year), so a
past period just mentioned ("the 1988 period") does not move it; "the 1988
period" is the story's quarter (or half, or month) in 1988; a bare month or
month-day takes the year the story already gave that month ("last October ...
the Oct. 23 shooting"), if that year is within one of the publication year
(older months are history, not the story's own time line); and a clock time
with no day of its own ("on Aug. 7, at 10:35 a.m.") falls on the past day
named just before it (within a couple of hundred characters), not on the
publication day.  "A year ago" said of the story's own period is a comparison,
not a point of its time line: a later "a year earlier" is the same period, not
a year before it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from datetime import date, timedelta

from app.language.temporal.anchor import shift
from app.language.temporal.calendar import UNIT_GRANULARITY, period, period_label
from app.language.temporal.reading import span_interval
from app.language.types import Interval, TemporalMention

__all__ = ["narrative_values", "value_unit"]

#: The calendar unit of a TIMEX3 value, the first alternative that fits (one regex: it is asked
#: several times for every mention).
_UNIT_OF_VALUE = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})|(?P<week>\d{4}-W\d{2}$)|(?P<month>\d{4}-\d{2}$)"
    r"|(?P<quarter>\d{4}-Q\d$)|(?P<half>\d{4}-H\d$)|(?P<year>\d{4}$)|(?P<decade>\d{3}$)"
)
_SEASON_VALUE = re.compile(r"^\d{4}(-(?:SP|SU|FA|WI))$")
_ANCHORING = frozenset({"absolute", "publication", "speaker"})
_SUB_YEAR = frozenset({"quarter", "month", "half"})
_CLOCK_REACH = 200  # characters: how far after a past day a bare clock time still belongs to it
_DAY_AFTER_REACH = 14  # characters: a day named this soon after a bare clock time is its day
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_GRAINS = frozenset({"day", "hour", "minute"})
_MONTH = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def _weekday_from(base: date, m: TemporalMention) -> date:
    """The weekday ``m`` names (its fallback value's weekday), strictly before or after ``base``."""
    weekday = date.fromisoformat(m.value).isoweekday()
    if m.offset is not None and m.offset.direction < 0:
        return base - timedelta(days=(base.isoweekday() - weekday - 1) % 7 + 1)
    return base + timedelta(days=(weekday - base.isoweekday() - 1) % 7 + 1)


def _same_day_in(d: date, year: int) -> date:
    """``d`` in ``year`` (29 February becomes the 28th)."""
    try:
        return d.replace(year=year)
    except ValueError:
        return d.replace(year=year, day=28)


_LABELLED = frozenset({"week", "month", "quarter", "year", "decade", "century"})


def value_unit(value: str) -> str | None:
    """The calendar unit a TIMEX3 value names (``2025-Q2`` -> quarter), or None for others."""
    m = _UNIT_OF_VALUE.match(value)
    return m.lastgroup if m else None


def _valued(m: TemporalMention, value: str) -> TemporalMention:
    """``m`` with its narrative ``value``; ``m`` itself, not a copy, when its fallback already has
    it (when the last date named is the publication day: a third of the offsets in news text)."""
    return m if value == m.value else dataclasses.replace(m, value=value)


def _label(unit: str, d: date) -> str:
    return period_label(unit, period(unit, d)[0])


class _Story:
    """The last date the text has named so far (at first: the publication day)."""

    def __init__(
        self,
        reference: date,
        ago_rules: frozenset[str],
        clock_rules: frozenset[str],
        roles: dict[str, str],
    ) -> None:
        self.reference = reference
        self.ago_rules = ago_rules
        self.clock_rules = clock_rules
        self.roles = roles
        self.anchor: Interval = span_interval(reference, reference, "day")
        self.unit = "day"
        self.end = -_CLOCK_REACH
        self.by_unit: dict[str, Interval] = {}  # the last period named of each unit
        self.current: dict[str, Interval] = {}  # the same, among periods of the reference's year
        self.sub_year: tuple[Interval, str] | None = None  # the last quarter, half or month named
        self.dated: dict[str, str] = {}  # "10" -> "1998": months the story has given a year

    def _story_year(self, m: TemporalMention) -> TemporalMention:
        """A month or month-day whose year was guessed, in the year the story gave that month
        ("last October ... the Oct. 23 shooting" is 1998-10-23 whatever the publication date)."""
        year = self.dated.get(m.value[5:7])
        if year is None or year == m.value[:4] or m.interval is None:
            return m
        shift_years = int(year) - int(m.value[:4])
        iv = m.interval
        moved = Interval(
            earliest=_same_day_in(iv.earliest, iv.earliest.year + shift_years),
            latest=_same_day_in(iv.latest, iv.latest.year + shift_years),
            best=_same_day_in(iv.best, iv.best.year + shift_years),
            granularity=iv.granularity,
        )
        return dataclasses.replace(m, value=year + m.value[4:], interval=moved)

    def _offset_anchor(self, m: TemporalMention, unit: str) -> tuple[Interval, str]:
        """What an event-anchored mention counts from: by default the last date named; a
        same-period reference ("the quarter", "that month") the last period of its own unit;
        a comparison with the current period ("the year-ago quarter") the last period of the
        reference's year (of the unit it names, else any sub-year one), else the reference."""
        if self.roles.get(m.rule_id) == "current":
            if unit in self.current:
                return self.current[unit], unit
            for sub in ("quarter", "half", "month"):
                if sub in self.current:
                    return self.current[sub], sub
            return span_interval(self.reference, self.reference, "day"), "day"
        if m.offset is not None and m.offset.direction == 0 and unit in self.by_unit:
            named = self.by_unit[unit]
            if unit == "year" and named.earliest.year > self.reference.year:
                # "by 1992 ... the full year": a target year is not the year the story reports on
                return span_interval(self.reference, self.reference, "day"), "day"
            return named, unit
        return self.anchor, self.unit

    def _comparison(self, m: TemporalMention) -> bool:
        """Whether ``m`` is "a year ago" said of the period the story reports on: a comparison,
        not a new point of its time line ("up from $2 million a year ago ... compared with
        $1.5 million a year earlier" are the same period, not two years back)."""
        if m.rule_id not in self.ago_rules or value_unit(m.value) != "year":
            return False  # "three months ago" in January is a point of the time line, not a comparison
        return self.reference.year - int(m.value) == 1

    def resolve(self, m: TemporalMention) -> TemporalMention:
        """``m`` with its narrative value; a dated mention becomes the new anchor."""
        anchor, anchor_unit = self.anchor, self.unit
        if m.offset is not None and m.type in {"DATE", "TIME"}:  # an amount before "after" stays a duration
            season = _SEASON_VALUE.match(m.value)
            if season is not None:  # "that autumn": the season of the year last named
                return _valued(m, f"{self.anchor.best.year:04d}{season.group(1)}")
            # "two decades later" lands on a year, like "twenty years later"
            unit = value_unit(m.value) or ("year" if m.offset.unit == "year" else "day")
            anchor, anchor_unit = self._offset_anchor(m, unit)
            if unit == "decade" and anchor_unit != "decade":  # "two decades later" than 1999 is a year
                unit = "year"
            if self.roles.get(m.rule_id) == "weekday":  # "the previous Friday": before the story's day
                return _valued(m, _weekday_from(anchor.best, m).isoformat())
            if self.roles.get(m.rule_id) == "last_named":  # "until then": the time last named, as named
                by_day = anchor_unit == "day"
                return _valued(m, anchor.best.isoformat() if by_day else _label(anchor_unit, anchor.best))
            if m.offset.direction == 0 and self.roles.get(m.rule_id) == "current":
                if anchor_unit == "day":  # no period named yet: the last quarter completed, as reports mean
                    last_quarter = period("quarter", self.reference)[0] - timedelta(days=1)
                    return _valued(m, _label("quarter", last_quarter))
                unit = anchor_unit  # "the latest period": the current period, whatever its unit
            moved = shift(anchor, m.offset)
            if m.offset.direction != 0 and m.offset.unit == "year" and anchor_unit in _SUB_YEAR:
                unit = anchor_unit if unit == "year" else unit
            elif unit not in _LABELLED:
                unit = "day"
            daypart = m.value[10:] if m.type == "TIME" else ""  # "the next morning": 2000-02-23TMO
            if m.offset.direction != 0 and unit in ("day", "week", "month", "year"):
                # "The next year ... That autumn": a period reached by an offset is the story's new point
                first, last = period(unit, moved.best)
                self.anchor = span_interval(first, last, UNIT_GRANULARITY[unit])
                self.unit, self.end = unit, m.end
            elif m.offset.direction == 0 and unit in _SUB_YEAR:
                # "... a record in 1990. Loans were $2 million in the quarter, against $9 million a
                # year ago": the story is back in its quarter, which "a year ago" then compares
                first, last = period(unit, moved.best)
                self.anchor = span_interval(first, last, UNIT_GRANULARITY[unit])
                self.unit, self.end = unit, m.end
                self.sub_year = (self.anchor, unit)
            return _valued(m, _label(unit, moved.best) + daypart)
        if (  # "a year ago" compares the same quarter or month; "30 years ago" is history, a year
            m.rule_id in self.ago_rules
            and value_unit(m.value) == "year"
            and self.reference.year - int(m.value) == 1
            and anchor_unit in _SUB_YEAR
        ):
            same_point = anchor.best.replace(year=int(m.value), day=1)
            return _valued(m, _label(anchor_unit, same_point))
        if self.roles.get(m.rule_id) == "year_of" and self.sub_year is not None:
            sub, sub_unit = self.sub_year
            same_point = sub.best.replace(year=int(m.value), day=1)
            return _valued(m, _label(sub_unit, same_point))
        if (
            m.rule_id in self.clock_rules
            and anchor_unit == "day"
            and anchor.best < self.reference
            and m.start - self.end <= _CLOCK_REACH
            and m.value.startswith(self.reference.isoformat())
        ):
            day = anchor.best
            grain = m.interval.granularity if m.interval else "hour"
            return dataclasses.replace(
                m, value=day.isoformat() + m.value[10:], interval=span_interval(day, day, grain)
            )
        if _MONTH.match(m.value) and m.interval is not None and m.anchor in _ANCHORING:
            if self.roles.get(m.rule_id) == "story_year":
                m = self._story_year(m)
            elif abs(int(m.value[:4]) - self.reference.year) <= 1:  # the story's own months, not history
                self.dated[m.value[5:7]] = m.value[:4]
        named_unit = value_unit(m.value)
        if self.roles.get(m.rule_id) == "story_period" and named_unit in self.by_unit:
            # "the fiscal first quarter ... the quarter ended Sept. 29": the story's own quarter,
            # as it named it (the interval keeps the calendar months of the end date)
            return _valued(m, _label(named_unit, self.by_unit[named_unit].best))
        aside = self.roles.get(m.rule_id) == "aside"  # "overnight": said in passing, not the story's day
        if m.anchor in _ANCHORING and m.interval is not None and m.type in {"DATE", "TIME"} and not aside:
            named = value_unit(m.value)
            if named is not None and not self._comparison(m):
                self.anchor, self.unit, self.end = m.interval, named, m.end
                self.by_unit[named] = m.interval
                if m.interval.best.year == self.reference.year:
                    self.current[named] = m.interval
                if named in _SUB_YEAR:
                    self.sub_year = (m.interval, named)
        return m


def narrative_values(
    mentions: tuple[TemporalMention, ...],
    reference: date,
    ago_rules: frozenset[str],
    clock_rules: frozenset[str] = frozenset(),
    roles: dict[str, str] | None = None,
) -> tuple[TemporalMention, ...]:
    """``mentions`` with event-anchored (and year-"ago", and day-less clock) values resolved narratively.

    ``roles`` names rule rows with a narrative role of their own (the ``narrative`` param
    of a row): "current" (compared with the current period: "the year-ago quarter"),
    "year_of" (a year standing for the story's sub-year period in it: "the 1988 period"),
    "weekday" (a weekday before or after the story's day: "the previous Friday"),
    "story_year" (a bare month or month-day, whose year the story may already have given),
    "story_period" (a period the story may already have named in its own way: "the fiscal
    first quarter ... the quarter ended Sept. 29") and "aside" (a time said in passing, which
    does not become the story's day: "overnight").
    """
    story = _Story(reference, ago_rules, clock_rules, roles or {})
    out: list[TemporalMention] = []
    for m in mentions:
        resolved = m
        with contextlib.suppress(ValueError, OverflowError):  # past the calendar's ends: keep the fallback
            resolved = story.resolve(m)
        out.append(resolved)
    today = reference.isoformat()
    # backwards, so that "9:20 a.m. (0620 GMT) Friday" passes Friday on through the bracket
    for i in range(len(mentions) - 2, -1, -1):
        m, nxt = mentions[i], out[i + 1]
        day_of_its_own = not m.value.startswith(today)
        if m.rule_id not in clock_rules or day_of_its_own or nxt.start - m.end > _DAY_AFTER_REACH:
            continue
        own_day = nxt.interval is not None and nxt.interval.granularity in _DAY_GRAINS
        if own_day and nxt.interval is not None and _DAY.match(nxt.value[:10]):
            # "at 10:35 a.m. (0735 GMT) Friday", "at 4 in the morning (4 a.m. EDT Thursday)": the day
            # named right after is the clock's own
            day = nxt.interval.earliest
            grain = m.interval.granularity if m.interval else "hour"
            out[i] = dataclasses.replace(
                out[i], value=day.isoformat() + m.value[10:], interval=span_interval(day, day, grain)
            )
    return tuple(out)
