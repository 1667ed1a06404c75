"""Ordering and merging of events: in-article relations and dedupe, cross-article clustering."""

from app.language.ordering.clustering import (
    ClusterFeatures,
    MatchDecision,
    best_match,
    cluster,
    features,
    match,
)

__all__ = ["ClusterFeatures", "MatchDecision", "best_match", "cluster", "features", "match"]
