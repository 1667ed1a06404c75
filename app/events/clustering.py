"""Cross-article clustering: which stored timeline event a new event mention reports.

The decision itself is a pure function of features (CAMEO root, actors,
intervals); this module gathers candidates from the database, applies the
decision, keeps its features on the mention (so every merge can be explained
and undone), and rebuilds the cluster's served fields.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

import orjson
from sqlalchemy.orm import Session

from app.events import repository
from app.kit.clock import as_utc, utcnow
from app.language.ordering.clustering import MAX_GAP_DAYS, ClusterFeatures, match
from app.language.temporal import display
from app.language.types import Interval
from app.models import EventMention, TimelineEvent
from app.timeline.item import timeline_item

__all__ = ["assign_cluster", "refresh_cluster", "match_features", "SLACK_DAYS"]

SLACK_DAYS = MAX_GAP_DAYS
LABEL_WORD = re.compile(r"[a-z]+")
GRANULARITY_RANK = {
    g: i
    for i, g in enumerate(
        ("century", "decade", "year", "season", "quarter", "month", "week", "day", "hour", "minute")
    )
}


def _features(row: EventMention | TimelineEvent) -> ClusterFeatures:
    interval = Interval(row.earliest, row.latest, row.best, row.granularity)
    tokens = frozenset(w for w in LABEL_WORD.findall(row.label.lower()) if len(w) > 2)
    return ClusterFeatures(
        row.cameo, frozenset(row.actors), frozenset(row.targets), interval, tokens, row.modality
    )


def match_features(mention: EventMention, cluster: TimelineEvent) -> dict[str, Any]:
    """The pure matcher's verdict on a mention and a stored timeline event, as stored on the mention."""
    decision = match(_features(mention), _features(cluster))
    return {
        "timeline_event_id": cluster.id,
        "matched": decision.matched,
        "score": decision.score,
        "reason": decision.reason,
        **{name: value for name, value in decision.features},
    }


def assign_cluster(session: Session, mention: EventMention, *, taken: set[int]) -> TimelineEvent:
    """Attach ``mention`` to the best matching timeline event, or to a new one."""
    repository.lock_clustering(session, mention.cameo_root)
    candidates = repository.candidate_clusters(
        session,
        cameo_root=mention.cameo_root,
        earliest=mention.earliest,
        latest=mention.latest,
        slack_days=SLACK_DAYS,
        exclude=taken,
    )
    decisions = [match_features(mention, c) for c in candidates]
    scored = [(d["score"], -c.id, d, c) for d, c in zip(decisions, candidates, strict=True) if d["matched"]]
    if scored:
        _, _, decision, cluster = max(scored, key=lambda item: (item[0], item[1]))
        mention.match = decision
    else:
        cluster = _new_cluster(mention)
        session.add(cluster)
        session.flush()
        mention.match = {"timeline_event_id": cluster.id, "matched": False, "new": True}
    mention.timeline_event_id = cluster.id
    session.flush()
    return cluster


def _new_cluster(mention: EventMention) -> TimelineEvent:
    now = utcnow()
    return TimelineEvent(
        cameo=mention.cameo,
        cameo_root=mention.cameo_root,
        label=mention.label,
        modality=mention.modality,
        earliest=mention.earliest,
        latest=mention.latest,
        best=mention.best,
        granularity=mention.granularity,
        display="",
        actors=list(mention.actors),
        targets=list(mention.targets),
        goldstein=mention.goldstein,
        confidence=mention.confidence,
        mention_count=0,
        first_reported_at=now,
        updated_at=now,
    )


def _merged_interval(mentions: list[EventMention]) -> tuple[Interval, bool]:
    """Intersection of the mentions' windows; when sources disagree, their union, flagged as a conflict."""
    earliest = max(m.earliest for m in mentions)
    latest = min(m.latest for m in mentions)
    conflict = earliest > latest
    if conflict:
        earliest, latest = min(m.earliest for m in mentions), max(m.latest for m in mentions)
    finest = max(mentions, key=lambda m: GRANULARITY_RANK.get(m.granularity, 0))
    best = _clamp(mentions[0].best, earliest, latest)
    granularity = finest.granularity if not conflict else mentions[0].granularity
    return Interval(earliest=earliest, latest=latest, best=best, granularity=granularity), conflict


def _clamp(day: date, low: date, high: date) -> date:
    return min(max(day, low), high)


def refresh_cluster(session: Session, cluster: TimelineEvent) -> None:
    """Recompute a timeline event's served fields and payload from all its mentions."""
    pairs = repository.mentions_with_articles(session, cluster.id)
    if not pairs:
        session.delete(cluster)
        return
    mentions = [m for m, _ in pairs]
    interval, conflict = _merged_interval(mentions)
    lead = max(mentions, key=lambda m: (m.confidence, -m.id))
    cluster.cameo = Counter(m.cameo for m in mentions).most_common(1)[0][0]
    cluster.label = lead.label
    cluster.modality = lead.modality
    cluster.earliest, cluster.latest, cluster.best = interval.earliest, interval.latest, interval.best
    cluster.granularity = interval.granularity
    cluster.display = display(interval)
    cluster.actors = sorted({a for m in mentions for a in m.actors})
    cluster.targets = sorted({t for m in mentions for t in m.targets} - set(cluster.actors))
    cluster.goldstein = lead.goldstein
    cluster.confidence = max(m.confidence for m in mentions)
    cluster.mention_count = len(mentions)
    cluster.first_reported_at = min(as_utc(a.published_at) for _, a in pairs)
    cluster.updated_at = utcnow()
    words = [cluster.label] + [e["text"] for m in mentions for e in m.evidence]
    cluster.search_text = " ".join(words).casefold()
    session.flush()
    cluster.payload = orjson.dumps(timeline_item(cluster, pairs, conflict)).decode()
    repository.replace_event_actors(session, cluster.id, cluster.actors, cluster.targets)
    session.flush()
