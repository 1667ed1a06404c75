"""Cross-article clustering: which stored timeline event a new event mention reports.

The decision itself is a pure function of features (CAMEO root, actors,
intervals); this module gathers candidates from the database, applies the
decision, keeps its features on the mention (so every merge can be explained
and undone), and rebuilds the cluster's served fields.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import orjson
from sqlalchemy.orm import Session

from app.events import repository
from app.kit.clock import as_utc, utcnow
from app.language.ordering.clustering import MAX_GAP_DAYS, ClusterFeatures, label_tokens, match
from app.language.temporal import display
from app.language.types import Interval
from app.models import Article, EventMention, TimelineEvent
from app.timeline.item import timeline_item

__all__ = [
    "start_cluster",
    "link_new_clusters",
    "assign_cluster",
    "refresh_cluster",
    "full_item",
    "match_features",
    "SLACK_DAYS",
    "PROVENANCE_LIMIT",
]

SLACK_DAYS = MAX_GAP_DAYS
#: Reports carried in a timeline item's stored provenance; the event detail serves all of them.
PROVENANCE_LIMIT = 20
GRANULARITY_RANK = {
    g: i
    for i, g in enumerate(
        ("century", "decade", "year", "season", "quarter", "month", "week", "day", "hour", "minute")
    )
}


def _features(row: Any) -> ClusterFeatures:
    """Matcher features of a mention, a timeline event, or a candidate row with the same column names."""
    interval = Interval(row.earliest, row.latest, row.best, row.granularity)
    return ClusterFeatures(
        row.cameo,
        frozenset(row.actors),
        frozenset(row.targets),
        interval,
        label_tokens(row.label),
        row.modality,
    )


def match_features(mention: EventMention, cluster: Any) -> dict[str, Any]:
    """The pure matcher's verdict on a mention and a stored timeline event, as stored on the mention."""
    decision = match(_features(mention), _features(cluster))
    return {
        "timeline_event_id": cluster.id,
        "matched": decision.matched,
        "score": decision.score,
        "reason": decision.reason,
        **{name: value for name, value in decision.features},
    }


def assign_cluster(session: Session, mention: EventMention, *, taken: set[int]) -> tuple[TimelineEvent, bool]:
    """Attach ``mention`` to the best matching timeline event, or to a new one; True when new.

    The mention itself is not flushed here: the caller adds all of an article's
    mentions and flushes once.
    """
    repository.lock_clustering(session, mention.cameo_root)
    candidates = repository.candidate_clusters(
        session,
        cameo_root=mention.cameo_root,
        earliest=mention.earliest,
        latest=mention.latest,
        slack_days=SLACK_DAYS,
        participants=set(mention.actors) | set(mention.targets),
        exclude=taken,
    )
    decisions = [match_features(mention, c) for c in candidates]
    scored = [(d["score"], -c.id, d) for d, c in zip(decisions, candidates, strict=True) if d["matched"]]
    if scored:
        _, _, decision = max(scored, key=lambda item: (item[0], item[1]))
        cluster = session.get(TimelineEvent, decision["timeline_event_id"])
        assert cluster is not None
        mention.match = decision
        mention.timeline_event_id = cluster.id
        return cluster, False
    cluster = _new_cluster(mention)
    session.add(cluster)  # flushed with the article's other new events; see link_new_clusters
    return cluster, True


def link_new_clusters(session: Session, started: list[tuple[TimelineEvent, EventMention]]) -> None:
    """Insert the timeline events created for an article in one flush and point their mentions at them."""
    session.flush()
    for cluster, mention in started:
        mention.timeline_event_id = cluster.id
        mention.match = {"timeline_event_id": cluster.id, "matched": False, "new": True}


def start_cluster(session: Session, cluster: TimelineEvent, mention: EventMention, article: Article) -> None:
    """Fill a timeline event created for one mention from that mention alone (no re-reading)."""
    cluster.display = display(Interval(mention.earliest, mention.latest, mention.best, mention.granularity))
    cluster.mention_count = 1
    cluster.first_reported_at = as_utc(article.published_at)
    words = [cluster.label] + [e["text"] for e in mention.evidence]
    cluster.search_text = " ".join(words).casefold()
    cluster.payload = orjson.dumps(timeline_item(cluster, [(mention, article)], False)).decode()
    repository.replace_event_actors(session, cluster.id, cluster.actors, cluster.targets, fresh=True)


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
        targets=sorted(set(mention.targets) - set(mention.actors)),
        goldstein=mention.goldstein,
        confidence=mention.confidence,
        mention_count=0,
        first_reported_at=now,
        updated_at=now,
    )


def _merged_interval(
    stats: repository.ClusterStats, first_best: date, first_grain: str
) -> tuple[Interval, bool]:
    """Intersection of the mentions' windows; when sources disagree, their union, flagged as a conflict."""
    earliest, latest = stats.earliest_max, stats.latest_min
    conflict = earliest > latest
    if conflict:
        earliest, latest = stats.earliest_min, stats.latest_max
        granularity = first_grain
    else:
        granularity = max(stats.granularities, key=lambda g: GRANULARITY_RANK.get(g, 0))
    best = _clamp(first_best, earliest, latest)
    return Interval(earliest=earliest, latest=latest, best=best, granularity=granularity), conflict


def _clamp(day: date, low: date, high: date) -> date:
    return min(max(day, low), high)


def refresh_cluster(session: Session, cluster: TimelineEvent) -> None:
    """Recompute a timeline event's served fields and payload from its mentions.

    Window, count, confidence and first report come from database aggregates over
    every mention; label, code and the served provenance from the first
    ``PROVENANCE_LIMIT`` reports, so that an event reported thousands of times
    costs the same to update as one reported twice.
    """
    stats = repository.cluster_stats(session, cluster.id)
    if stats is None:
        session.delete(cluster)
        return
    pairs = repository.mentions_with_articles(session, cluster.id, limit=PROVENANCE_LIMIT)
    shown = [m for m, _ in pairs]
    interval, conflict = _merged_interval(stats, shown[0].best, shown[0].granularity)
    lead = max(shown, key=lambda m: (m.confidence, -m.id))
    actors, targets = repository.cluster_participants(session, cluster.id)
    before = (list(cluster.actors), list(cluster.targets))
    cluster.cameo = Counter(m.cameo for m in shown).most_common(1)[0][0]
    cluster.label = lead.label
    cluster.modality = lead.modality
    cluster.earliest, cluster.latest, cluster.best = interval.earliest, interval.latest, interval.best
    cluster.granularity = interval.granularity
    cluster.display = display(interval)
    cluster.actors = sorted(actors)
    cluster.targets = sorted(targets - actors)
    cluster.goldstein = lead.goldstein
    cluster.confidence = stats.confidence
    cluster.mention_count = stats.count
    cluster.first_reported_at = as_utc(stats.first_reported)
    cluster.updated_at = utcnow()
    words = [cluster.label] + [e["text"] for m in shown for e in m.evidence]
    cluster.search_text = " ".join(words).casefold()
    cluster.payload = orjson.dumps(timeline_item(cluster, pairs, conflict)).decode()
    if (cluster.actors, cluster.targets) != before or stats.count == 1:
        repository.replace_event_actors(session, cluster.id, cluster.actors, cluster.targets)
    session.flush()


def full_item(session: Session, cluster: TimelineEvent) -> dict[str, Any]:
    """The served item with every report in its provenance (the stored payload keeps the first few)."""
    item: dict[str, Any] = orjson.loads(cluster.payload)
    if cluster.mention_count > len(item["provenance"]):
        pairs = repository.mentions_with_articles(session, cluster.id)
        item = timeline_item(cluster, pairs, bool(item["date_conflict"]))
    return item
