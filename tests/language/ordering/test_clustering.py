"""Cross-article matching: explainable, symmetric decisions on CAMEO root, actors and time."""

from __future__ import annotations

from datetime import date

import pytest

from app.language import extract
from app.language.ordering.clustering import ClusterFeatures, best_match, cluster, features, match
from app.language.types import Interval


def feat(
    cameo: str,
    actors: set[str],
    day: int,
    targets: set[str] | None = None,
    width: int = 0,
    modality: str = "asserted",
) -> ClusterFeatures:
    interval = Interval(date(2025, 5, day), date(2025, 5, day + width), date(2025, 5, day), "day")
    return ClusterFeatures(
        cameo,
        frozenset(actors),
        frozenset(targets or set()),
        interval,
        frozenset({"talks", "istanbul"}),
        modality,
    )


def test_same_root_actors_and_time_match_with_recorded_features() -> None:
    decision = match(feat("036", {"RUS"}, 11, {"UKR"}), feat("036", {"RUS"}, 11, {"UKR"}, width=2))
    assert decision.matched and decision.score >= 0.9
    names = dict(decision.features)
    assert names["same_root"] is True and names["gap_days"] == 0.0


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (feat("036", {"RUS"}, 11), feat("046", {"RUS"}, 11), "different CAMEO roots"),
        (feat("036", {"RUS"}, 11), feat("036", {"UKR"}, 11), "no common actor"),
        (feat("036", {"RUS"}, 1), feat("036", {"RUS"}, 20), "times 19 days apart"),
        (
            feat("036", {"RUS"}, 11),
            feat("036", {"RUS"}, 11, modality="denied"),
            "one report denies the event",
        ),
    ],
)
def test_mismatches_say_why(a: ClusterFeatures, b: ClusterFeatures, reason: str) -> None:
    decision = match(a, b)
    assert not decision.matched and decision.reason == reason


def test_match_is_symmetric() -> None:
    a, b = feat("046", {"RUS", "UKR"}, 15), feat("046", {"UKR"}, 16, {"RUS"})
    assert match(a, b).matched == match(b, a).matched and match(a, b).score == match(b, a).score


def test_best_match_prefers_the_highest_score_then_the_first() -> None:
    candidate = feat("036", {"RUS"}, 11, {"UKR"})
    pool = [feat("036", {"RUS"}, 13), feat("036", {"RUS"}, 11, {"UKR"}), feat("036", {"RUS"}, 11, {"UKR"})]
    index, decision = best_match(candidate, pool)
    assert index == 1 and decision is not None
    assert best_match(candidate, [feat("19", {"RUS"}, 11)]) == (None, None)


def test_two_outlets_reporting_one_proposal_match_and_a_third_story_does_not() -> None:
    first = extract(
        "On May 11, 2025, Putin proposed direct talks with Ukraine in Istanbul.", date(2025, 5, 12)
    )
    second = extract(
        "Russian President Vladimir Putin has proposed direct negotiations with Kyiv.", date(2025, 5, 12)
    )
    other = extract("On May 11, 2025, Sudan's army rejected the Quad's proposal.", date(2025, 5, 12))
    a, b, c = (features(x.events[0]) for x in (first, second, other))
    assert match(a, b).matched and match(b, a).matched
    assert not match(a, c).matched


def test_ingestion_order_does_not_change_the_clusters() -> None:
    """Two outlets report the May 2025 Istanbul proposal; a third article is about Sudan."""
    reports = [
        extract("On May 11, 2025, Putin proposed direct talks with Ukraine in Istanbul.", date(2025, 5, 12)),
        extract("Sudan's army on Sunday rejected the Quad's proposal.", date(2025, 5, 12)),
        extract(
            "Russian President Vladimir Putin has proposed direct negotiations with Kyiv.", date(2025, 5, 12)
        ),
    ]
    mentions = [features(r.events[0]) for r in reports]
    forward = cluster(mentions)
    backward = cluster(mentions[::-1])
    relabel = {old: len(mentions) - 1 - old for old in range(len(mentions))}
    assert forward == ((0, 2), (1,))
    assert tuple(sorted(tuple(sorted(relabel[i] for i in group)) for group in backward)) == forward
