"""In-article merging: one real-world event told several times becomes one event with all its evidence.

Why two steps:

- *folding* happens before dating: a sentence that only elaborates what a speaker
  already said ("He added that...", "In his statement, Putin said...") joins that
  speaker's latest event, and a bare undated "X said" right after an event of the same
  party ("Putin declared a truce. The Kremlin said in a post that...") joins that event,
  so its default "said = the day's news" window never competes with the real time of
  the event it elaborates;
- *merging* (SAME_AS) happens after dating, because whether two mentions are one event
  depends on their times: same CAMEO root, compatible actors (overlapping, or one side
  unnamed), no two different named speakers, the same polarity and the same
  realis (an agreement made is not the truce it sets for tomorrow), intervals that
  intersect (or, for an undated telling of the same code and actors, lie within a week),
  and no ordering link between them ("subsequently" means *another* event).

The merged time is the intersection of the mentions' stated intervals, strongest evidence
first, stopping before it would become empty; a tense default never narrows stated time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from app.language.events.mention import Mention, Timed
from app.language.events.reporting import VERBAL_ROOTS
from app.language.types import Interval

#: Roots whose subcodes are different acts ("drone strikes" are not "the takeover of a city",
#: a ceasefire is not a release of hostages, thanks are not a signed agreement):
#: two mentions merge only with the same subcode, when one is the root's generic X0 code, or
#: when one sentence tells both ("escalating it with artillery bombardment and air strikes").
DISTINCT_SUBCODES = frozenset({"05", "07", "08", "18", "19", "20"})

#: Strength from which an interval was stated by time words (anchored or not), not guessed.
_STATED = 2
#: How many sentences back a bare "X said" may find the same party's event it reports on
#: (quoted sentences of the report itself stand in between).
REPORT_REACH = 3
#: How far an undated telling may lie from a dated one of the same act and still be it.
SOFT_GAP_DAYS = 7

__all__ = [
    "DISTINCT_SUBCODES",
    "SOFT_GAP_DAYS",
    "best_code",
    "compatible",
    "fold_elaborations",
    "intersect",
    "merge_same",
]


def fold_elaborations(mentions: Sequence[Mention]) -> tuple[tuple[Mention, ...], ...]:
    """Group mentions: each elaboration joins the latest group of the same speaker."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        host = _speaker_group(groups, mention) if mention.elaboration else None
        if host is None and _bare_report(mention):
            host = _recent_party_group(groups, mention)
        if host is None:
            groups.append([mention])
        else:
            host.append(mention._replace(actors=host[0].actors, targets=host[0].targets))
    return tuple(tuple(g) for g in groups)


def _bare_report(mention: Mention) -> bool:
    """An undated "X said" with nothing coded but the saying itself."""
    return (
        mention.timex is None
        and mention.cameo.startswith("01")
        and set(mention.rule_ids) == {"statement.say"}
    )


def _recent_party_group(groups: list[list[Mention]], mention: Mention) -> list[Mention] | None:
    """The same single party's group of the last few sentences ("The Kremlin said in a post...")."""
    if not groups or not mention.codes:
        return None
    group = groups[-1]
    if group[0].modality == "planned":
        return None  # what a party said after announcing a plan is not the plan
    near = group[-1].sentence >= mention.sentence - REPORT_REACH
    same = set(mention.codes) == {c for m in group for c in m.codes}  # one party, not one of two
    return group if near and same and group[0].kind != "nominal" else None


def _speaker_group(groups: list[list[Mention]], mention: Mention) -> list[Mention] | None:
    persons = set(mention.persons)
    for group in reversed(groups):
        theirs = {p for m in group for p in m.persons}
        if persons and persons & theirs:
            return group
        if not persons and set(mention.codes) & {c for m in group for c in m.codes}:
            return group
    return None


def best_code(mentions: Sequence[Mention]) -> str:
    """The most informative code of a group: not a bare statement (root 01) if it can, and a
    specific subcode ("134 threaten to halt negotiations") over its root's generic one (130)."""
    said = [m.cameo for m in mentions if not m.cameo.startswith("01")] or [mentions[0].cameo]
    return next((c for c in said if c[:2] == said[0][:2] and not c.endswith("0")), said[0])


def intersect(a: Interval, b: Interval) -> Interval | None:
    """The common part of two intervals (None when they do not meet)."""
    first, last = max(a.earliest, b.earliest), min(a.latest, b.latest)
    if first > last:
        return None
    grain = a.granularity if (a.latest - a.earliest) <= (b.latest - b.earliest) else b.granularity
    best = (
        a.best
        if first <= a.best <= last
        else b.best
        if first <= b.best <= last
        else first + (last - first) // 2
    )
    return Interval(first, last, best, grain)


def _codes(group: Timed, attribute: str) -> set[str]:
    return {c for m in group.mentions for c in getattr(m, attribute)}


def compatible(a: Timed, b: Timed, linked: bool) -> bool:
    """Whether two dated groups can be the same real-world event."""
    code_a, code_b = best_code(a.mentions), best_code(b.mentions)
    if linked or code_a[:2] != code_b[:2]:
        return False
    same_sentence = bool({m.sentence for m in a.mentions} & {m.sentence for m in b.mentions})
    generic = {code_a, code_b} & {code_a[:2] + "0"}
    if code_a[:2] in DISTINCT_SUBCODES and code_a != code_b and not generic and not same_sentence:
        return False
    for modality in ("denied", "planned"):  # "agreed to a ceasefire" is not "the ceasefire will take effect"
        if (a.head.modality == modality) != (b.head.modality == modality):
            return False
    actors_a, actors_b = _codes(a, "codes"), _codes(b, "codes")
    if actors_a and actors_b and not actors_a & actors_b:
        return False
    persons_a, persons_b = _codes(a, "persons"), _codes(b, "persons")
    if persons_a and persons_b and not persons_a & persons_b:
        return False
    if intersect(a.interval, b.interval) is not None:
        return True
    return _soft_match(a, b, code_a == code_b and bool(actors_a & actors_b))


def _soft_match(a: Timed, b: Timed, same: bool) -> bool:
    """An undated headline or recap of an act meets its dated telling: same code and actors, days apart.

    "Congo and Rwanda sign peace deal" (the day's news by default) and "... signed a peace
    agreement on Friday" are one event although the default window misses Friday.
    """
    if not same or min(a.strength, b.strength) > 1:
        return False
    weak = a if a.strength <= b.strength else b
    summary = all(m.headline for m in weak.mentions)  # a headline summarises the dated news below it
    if best_code(a.mentions)[:2] in VERBAL_ROOTS and not summary:
        return False  # things said are said again on other days; acts are not repeated within the week
    gap = max(a.interval.earliest, b.interval.earliest) - min(a.interval.latest, b.interval.latest)
    return gap.days <= SOFT_GAP_DAYS


def _combined(a: Timed, b: Timed) -> Timed:
    """One group from two: the stronger interval, narrowed by the other only if that one was stated too.

    A default window (tense, no time words) is a guess and never narrows stated time words.
    """
    ranked = sorted((a, b), key=lambda t: -t.strength)
    interval = ranked[0].interval
    for other in ranked[1:]:
        if other.strength >= _STATED or ranked[0].strength < _STATED:
            interval = intersect(interval, other.interval) or interval
    words = [t.time_text for t in (a, b) if t.time_text]
    time_text = "; ".join(dict.fromkeys("; ".join(words).split("; "))) if words else ""
    return Timed(
        a.mentions + b.mentions,
        interval,
        time_text,
        ranked[0].resolution,
        ranked[0].strength,
        a.links + b.links,
    )


def merge_same(timed: Sequence[Timed]) -> tuple[tuple[Timed, ...], tuple[int, ...]]:
    """Merge SAME_AS groups; returns the merged groups and, per input group, its merged index."""
    owner = list(range(len(timed)))
    merged: dict[int, Timed] = {}
    roots: dict[int, str] = {}  # each merged group's root: groups of two roots are never the same event
    for j, group in enumerate(timed):
        linked_to = {target for target, _ in group.links}
        root = best_code(group.mentions)[:2]
        for i in sorted(merged):
            if roots[i] != root:
                continue  # what ``compatible`` would answer first, without its other tests
            links_i = {target for target, _ in merged[i].links}
            linked = bool({k for k, o in enumerate(owner) if o == i} & linked_to) or j in links_i
            if compatible(merged[i], group, linked):
                merged[i] = _combined(merged[i], group)
                roots[i] = best_code(merged[i].mentions)[:2]
                owner[j] = i
                break
        else:
            merged[j] = group
            roots[j] = root
    order = sorted(merged)
    position = {old: new for new, old in enumerate(order)}
    remap = tuple(position[owner[k]] for k in range(len(timed)))
    out = []
    for old in order:
        group = merged[old]
        links = tuple(dict.fromkeys((remap[t], kind) for t, kind in group.links if remap[t] != position[old]))
        out.append(group if links == group.links else replace(group, links=links))
    return tuple(out), remap
