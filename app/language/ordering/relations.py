"""Ordering between the events of one article, and the interval narrowing it implies.

Why propagate: "A few days earlier, X had threatened..." and "Shortly after, Trump
predicted..." are facts about order, and order is information about time.  If A is
BEFORE B then B cannot start before A starts and A cannot end after B ends; applying
that along every link until nothing changes (a small fixed point, no solver) narrows
the windows the text left wide, and the best dates are then made to respect the
order too.  A link that would empty an interval is ignored rather than trusted.

Relations reported are the links the text states (with their direction as stated:
"shortly after" → AFTER) plus BEFORE for every pair whose windows do not overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.language.types import Interval

__all__ = ["Link", "derive_relations", "propagate"]

_ROUNDS = 20


@dataclass(frozen=True, slots=True)
class Link:
    """``source`` is ``type`` (BEFORE/AFTER) ``target``; indices into the article's events."""

    source: int
    target: int
    type: str

    def ordered(self) -> tuple[int, int]:
        """(earlier, later) event indices."""
        return (self.source, self.target) if self.type == "BEFORE" else (self.target, self.source)


def _narrow(first: Interval, second: Interval) -> tuple[Interval, Interval] | None:
    """``first`` BEFORE ``second``: both windows narrowed, or None if that would empty one."""
    later_start = max(second.earliest, first.earliest)
    earlier_end = min(first.latest, second.latest)
    if later_start > second.latest or earlier_end < first.earliest:
        return None
    a = Interval(
        first.earliest, earlier_end, min(max(first.best, first.earliest), earlier_end), first.granularity
    )
    b = Interval(
        later_start, second.latest, min(max(second.best, later_start), second.latest), second.granularity
    )
    return a, b


def propagate(intervals: Sequence[Interval], links: Sequence[Link]) -> tuple[Interval, ...]:
    """Narrow intervals along BEFORE/AFTER links to a fixed point; then order the best dates."""
    current = list(intervals)
    for _ in range(_ROUNDS):
        changed = False
        for link in links:
            early, late = link.ordered()
            narrowed = _narrow(current[early], current[late])
            if narrowed is not None and narrowed != (current[early], current[late]):
                current[early], current[late] = narrowed
                changed = True
        if not changed:
            break
    for _ in range(_ROUNDS):
        changed = False
        for link in links:
            early, late = link.ordered()
            a, b = current[early], current[late]
            if a.best > b.best and b.earliest <= a.best <= b.latest:
                current[late] = Interval(b.earliest, b.latest, a.best, b.granularity)
                changed = True
            elif a.best > b.best and a.earliest <= b.best <= a.latest:
                current[early] = Interval(a.earliest, a.latest, b.best, a.granularity)
                changed = True
        if not changed:
            break
    return tuple(current)


def derive_relations(intervals: Sequence[Interval], links: Sequence[Link]) -> tuple[Link, ...]:
    """The stated links (deduplicated) plus BEFORE between windows that do not overlap.

    Derived BEFOREs are kept only where no third event lies between the two (a transitive
    reduction): "A before B before C" is said once, not also as "A before C".
    """
    out: dict[tuple[int, int], Link] = {}
    for link in links:
        out.setdefault(link.ordered(), link)
    after: dict[int, set[int]] = {
        i: {j for j, b in enumerate(intervals) if i != j and a.latest < b.earliest}
        for i, a in enumerate(intervals)
    }
    for i, successors in after.items():
        implied = {k for j in successors for k in after[j]}
        for j in successors - implied:
            if (i, j) not in out and (j, i) not in out:
                out[(i, j)] = Link(i, j, "BEFORE")
    return tuple(sorted(out.values(), key=lambda link: link.ordered()))
