"""Properties over many reference dates and arbitrary text (hypothesis)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.language.temporal import display, find_timexes, shift
from app.language.temporal.extract import default_engine
from app.language.types import GRANULARITIES, Interval, Offset

ENGINE = default_engine()
PHRASES = sorted({ex.text for rule in ENGINE.table.rules for ex in rule.examples})
# References around month, year and leap-day boundaries, plus anything in 1900..2100.
EDGES = [
    date(y, m, d)
    for y in (1999, 2000, 2023, 2024, 2100)
    for m, d in ((1, 1), (2, 28), (2, 29), (3, 1), (12, 31))
    if not (m == 2 and d == 29 and not calendar.isleap(y))
]
REFERENCES = st.one_of(
    st.sampled_from(EDGES), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
)


def _grain_fits(iv: Interval) -> None:
    """A whole calendar unit of the stated granularity (parts of periods carry a mod instead)."""
    a, b = iv.earliest, iv.latest
    if iv.granularity == "day":
        assert a == b, iv
    elif iv.granularity in {"hour", "minute"}:
        assert (b - a).days <= 1, iv  # without the publication hour, the days it may fall on
    elif iv.granularity == "week":
        assert a.isoweekday() == 1 and (b - a).days == 6, iv
    elif iv.granularity == "month":
        assert a.day == 1 and (b + timedelta(days=1)).day == 1, iv  # whole months (a half is six)
    elif iv.granularity in {"year", "decade", "century"}:
        assert (a.month, a.day, b.month, b.day) == (1, 1, 12, 31), iv


def _check(text: str, reference: date) -> None:
    mentions = find_timexes(text, reference)
    last_end = 0
    for m in mentions:
        assert last_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        last_end = m.end
        if m.interval is not None:
            iv = m.interval
            assert iv.earliest <= iv.best <= iv.latest, (m, reference)
            assert iv.granularity in GRANULARITIES
            if m.rule_id == "calendar.holiday" and iv.earliest < iv.latest:
                # a feast of several days (Ramadan, Passover): its run of days, named by its first
                assert iv.earliest <= date.fromisoformat(m.value) <= iv.latest, (m, reference)
            elif m.mod is None and m.type != "DURATION" and not m.value.endswith(("_REF", "-WE")):
                _grain_fits(iv)
            display(iv)
        if m.anchor == "event":
            assert m.offset is not None and m.interval is None
    assert find_timexes(text, reference) == mentions  # resolving again gives the same


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PHRASES), REFERENCES)
def test_every_example_phrase_is_consistent_on_any_reference(phrase, reference):
    _check(phrase, reference)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PHRASES), min_size=2, max_size=6), REFERENCES)
def test_phrases_in_a_row(phrases, reference):
    _check(". ".join(phrases), reference)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), REFERENCES)
def test_arbitrary_unicode_never_raises(text, reference):
    _check(text, reference)


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(0, 40),
    st.integers(-1, 1),
    st.integers(0, 20),
    st.integers(0, 20),
    st.sampled_from(["day", "week", "month", "year"]),
)
def test_shift_keeps_order(start, width, direction, a, b, unit):
    anchor = Interval(start, start + timedelta(days=width), start + timedelta(days=width // 2), "day")
    out = shift(anchor, Offset(direction, min(a, b), max(a, b), unit))
    assert out.earliest <= out.best <= out.latest
    assert shift(anchor, Offset(direction, min(a, b), max(a, b), unit)) == out


def test_the_ends_of_the_calendar_never_raise():
    """References at year 1 and 9999: readings that would leave the calendar are dropped, not raised."""
    for reference in (date(1, 1, 1), date(1, 12, 31), date(9999, 1, 1), date(9999, 12, 31)):
        for phrase in PHRASES:
            find_timexes(phrase, reference)
