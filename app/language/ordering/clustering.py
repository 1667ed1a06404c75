"""Cross-article matching: is this event mention the same real-world event as that timeline event?

Why a pure matcher: the service merges mentions from different articles into one
timeline event incrementally (article N+1 is matched against what is stored), and a
researcher must be able to see *why* two reports were merged and undo it.  So the
decision is a function of two small feature records, symmetric (``match(a, b)`` and
``match(b, a)`` agree), deterministic, and it returns every feature it looked at.

Usage::

    from app.language.ordering.clustering import features, match, best_match
    decision = match(features(new_event), features(stored_event))
    if decision.matched: ...             # decision.score, decision.features explain it
    index, decision = best_match(features(new_event), [features(e) for e in candidates])
    groups = cluster([features(e) for e in all_mentions])   # the reference incremental clustering

Rules (all must hold for a match):

- the same CAMEO root (a proposal and an acceptance are two events);
- overlapping participants: the actor sets overlap, or one side names no actor and
  the participant sets (actors ∪ targets) overlap;
- times that meet: the intervals overlap or lie at most ``MAX_GAP_DAYS`` apart
  (different outlets date the same act from different publication days);
- the same polarity (a denied event never merges with an asserted one).

The score (0..1) ranks candidates: 0.4 root + 0.3 participant overlap (Jaccard)
+ 0.2 time closeness + 0.1 label word overlap.  ``MIN_SCORE`` guards weak matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.language.types import Event, Interval

__all__ = [
    "ClusterFeatures",
    "MAX_GAP_DAYS",
    "MIN_SCORE",
    "MatchDecision",
    "best_match",
    "cluster",
    "features",
    "label_tokens",
    "match",
]

#: How far apart (days) two reports' windows may lie and still be one event.
MAX_GAP_DAYS = 3
#: The lowest score a match may have.
MIN_SCORE = 0.6
_STOP = frozenset(
    (
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "and",
        "or",
        "by",
        "at",
        "from",
        "its",
        "their",
        "his",
        "her",
        "says",
        "said",
        "others",
    )
)


@dataclass(frozen=True, slots=True)
class ClusterFeatures:
    """What the matcher compares: code, who, when, and the label's content words."""

    cameo: str
    actors: frozenset[str]
    targets: frozenset[str]
    interval: Interval
    label_tokens: frozenset[str]
    modality: str = "asserted"


@dataclass(frozen=True, slots=True)
class MatchDecision:
    """The verdict with every feature it rests on (``features`` is what a UI shows to explain it)."""

    matched: bool
    score: float
    features: tuple[tuple[str, str | float | bool], ...]
    reason: str


def label_tokens(label: str) -> frozenset[str]:
    """The content words of a label, as the matcher compares them."""
    return frozenset(w for w in re.findall(r"[a-z]+", label.lower()) if w not in _STOP)


def features(event: Event) -> ClusterFeatures:
    """The matching features of an extracted event."""
    return ClusterFeatures(
        event.cameo,
        frozenset(event.actors),
        frozenset(event.targets),
        event.time,
        label_tokens(event.label),
        event.modality,
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _gap_days(a: Interval, b: Interval) -> int:
    """0 when the intervals overlap, else the days between them."""
    if a.latest < b.earliest:
        return (b.earliest - a.latest).days
    if b.latest < a.earliest:
        return (a.earliest - b.latest).days
    return 0


def match(candidate: ClusterFeatures, existing: ClusterFeatures) -> MatchDecision:
    """Whether two event mentions are one real-world event, with the score and features that say so."""
    same_root = candidate.cameo[:2] == existing.cameo[:2]
    participants_a = candidate.actors | candidate.targets
    participants_b = existing.actors | existing.targets
    actor_overlap = bool(candidate.actors & existing.actors)
    one_unnamed = not candidate.actors or not existing.actors
    participants = _jaccard(participants_a, participants_b)
    gap = _gap_days(candidate.interval, existing.interval)
    polarity = (candidate.modality == "denied") == (existing.modality == "denied")
    closeness = max(0.0, 1.0 - gap / (MAX_GAP_DAYS + 1))
    words = _jaccard(candidate.label_tokens, existing.label_tokens)
    score = round(0.4 * same_root + 0.3 * participants + 0.2 * closeness + 0.1 * words, 4)
    checks = (
        (same_root, "different CAMEO roots"),
        (actor_overlap or (one_unnamed and participants > 0), "no common actor"),
        (gap <= MAX_GAP_DAYS, f"times {gap} days apart"),
        (polarity, "one report denies the event"),
        (score >= MIN_SCORE, f"score {score} below {MIN_SCORE}"),
    )
    failed = [reason for ok, reason in checks if not ok]
    recorded: tuple[tuple[str, str | float | bool], ...] = (
        ("cameo_root", f"{candidate.cameo[:2]}/{existing.cameo[:2]}"),
        ("same_root", same_root),
        ("actor_overlap", actor_overlap),
        ("participant_jaccard", round(participants, 4)),
        ("gap_days", float(gap)),
        ("label_jaccard", round(words, 4)),
        ("same_polarity", polarity),
    )
    return MatchDecision(not failed, score, recorded, failed[0] if failed else "same root, actors and time")


def best_match(
    candidate: ClusterFeatures, existing: Sequence[ClusterFeatures]
) -> tuple[int | None, MatchDecision | None]:
    """The best-scoring matching entry of ``existing`` (lowest index on ties), or ``(None, None)``."""
    best: tuple[int | None, MatchDecision | None] = (None, None)
    for index, other in enumerate(existing):
        decision = match(candidate, other)
        if decision.matched and (best[1] is None or decision.score > best[1].score):
            best = (index, decision)
    return best


def cluster(mentions: Sequence[ClusterFeatures]) -> tuple[tuple[int, ...], ...]:
    """Incremental clustering as the service does it: each mention joins the cluster with the
    best-matching member, else starts one.  Returns clusters as sorted index tuples, in order
    of their first member, so the result can be compared across ingestion orders.
    """
    clusters: list[list[int]] = []
    for index, candidate in enumerate(mentions):
        best: tuple[float, int] | None = None
        for number, members in enumerate(clusters):
            for member in members:
                decision = match(candidate, mentions[member])
                if decision.matched and (best is None or decision.score > best[0]):
                    best = (decision.score, number)
        if best is None:
            clusters.append([index])
        else:
            clusters[best[1]].append(index)
    return tuple(sorted(tuple(sorted(members)) for members in clusters))
