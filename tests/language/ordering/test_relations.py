"""Ordering constraints narrow intervals and order best dates; contradictions are ignored, not trusted."""

from __future__ import annotations

from datetime import date

from app.language.ordering.relations import Link, derive_relations, propagate
from app.language.types import Interval


def day(d: int) -> date:
    return date(2025, 4, d)


def window(a: int, b: int, best: int | None = None) -> Interval:
    return Interval(day(a), day(b), day(best if best is not None else a), "day")


def test_before_narrows_both_sides() -> None:
    # A (10..20) BEFORE B (5..15): B cannot start before A starts; A cannot end after B ends.
    a, b = propagate([window(10, 20), window(5, 15)], [Link(0, 1, "BEFORE")])
    assert (a.earliest, a.latest) == (day(10), day(15))
    assert (b.earliest, b.latest) == (day(10), day(15))


def test_after_is_before_reversed() -> None:
    # B (5..15) AFTER A (10..20): the same narrowing as A BEFORE B.
    a, b = propagate([window(10, 20), window(5, 15)], [Link(1, 0, "AFTER")])
    assert a.latest == day(15) and b.earliest == day(10)


def test_narrowing_propagates_along_a_chain() -> None:
    a, b, c = propagate(
        [window(18, 20), window(1, 30), window(1, 19)], [Link(0, 1, "BEFORE"), Link(1, 2, "BEFORE")]
    )
    assert b.earliest == day(18) and c.earliest == day(18)
    assert b.latest == day(19) and a.latest == day(19)


def test_best_dates_follow_the_order() -> None:
    a, b = propagate([window(18, 22, 21), window(18, 22, 19)], [Link(0, 1, "BEFORE")])
    assert a.best <= b.best


def test_contradiction_is_ignored() -> None:
    a, b = propagate([window(20, 22), window(1, 5)], [Link(0, 1, "BEFORE")])
    assert (a.earliest, a.latest, b.earliest, b.latest) == (day(20), day(22), day(1), day(5))


def test_derived_relations_keep_stated_links_and_add_disjoint_windows() -> None:
    links = derive_relations([window(1, 2), window(5, 6), window(5, 6)], [Link(2, 1, "AFTER")])
    assert Link(2, 1, "AFTER") in links
    assert Link(0, 1, "BEFORE") in links and Link(0, 2, "BEFORE") in links
    assert len(links) == 3


def test_derived_relations_are_a_transitive_reduction() -> None:
    links = derive_relations([window(1, 1), window(3, 3), window(5, 5)], [])
    assert links == (Link(0, 1, "BEFORE"), Link(1, 2, "BEFORE"))
