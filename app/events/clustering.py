"""Cross-article clustering: which stored timeline event a new event mention reports.

The decision itself is a pure function of features (CAMEO root, actors,
intervals); this module gathers candidates from the database, applies the
decision, keeps its features on the mention (so every merge can be explained
and undone), and keeps the cluster's served fields up to date.

An article is clustered in three steps around the insert of its mentions
(which need their timeline event's id, while a new event's payload needs its
mention's id): ``assign_clusters`` decides and inserts the new events,
the caller inserts the mentions, ``settle_clusters`` fills the new events and
updates the joined ones.  A joined event is updated from its stored merge state
and payload plus the new mention (O(1), no re-reading); ``refresh_cluster``
rebuilds one from all its mentions (after deletes, or when its state is missing).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy.orm import Session

from app.events import lookup, repository
from app.events.keys import KeyChanges, KeyWindow, participants
from app.events.merging import PROVENANCE_LIMIT, Lead, MergeState, served_values
from app.events.records import ArticleRef, MentionRecord
from app.kit.clock import as_utc, utcnow
from app.language.ordering.clustering import (
    MAX_GAP_DAYS,
    ClusterFeatures,
    MatchDecision,
    label_tokens,
    match,
)
from app.language.types import Interval
from app.models import TimelineEvent
from app.timeline.item import mention_provenance

__all__ = [
    "ClusterPlan",
    "assign_clusters",
    "settle_clusters",
    "refresh_cluster",
    "full_item",
    "match_features",
    "SLACK_DAYS",
    "PROVENANCE_LIMIT",
]

SLACK_DAYS = MAX_GAP_DAYS


def _features(row: Any) -> ClusterFeatures:
    """Matcher features of a mention, a timeline event, or a candidate row with the same column names."""
    interval = Interval(row.earliest, row.latest, row.best, row.granularity)
    return ClusterFeatures(
        row.cameo,
        frozenset(row.actors),
        frozenset(row.targets),
        interval,
        _label_tokens(row.label),
        row.modality,
    )


@functools.lru_cache(maxsize=8192)
def _label_tokens(label: str) -> frozenset[str]:
    """``label_tokens``, remembered: labels recur across reports and events, and the regular
    expression was most of what building a candidate's features cost."""
    return label_tokens(label)


def match_features(mention: Any, cluster: Any) -> dict[str, Any]:
    """The pure matcher's verdict on a mention and a stored timeline event, as stored on the mention."""
    return _verdict(match(_features(mention), _features(cluster)), cluster.id)


def _verdict(decision: MatchDecision, cluster_id: int) -> dict[str, Any]:
    return {
        "timeline_event_id": cluster_id,
        "matched": decision.matched,
        "score": decision.score,
        "reason": decision.reason,
        **{name: value for name, value in decision.features},
    }


@dataclass
class ClusterPlan:
    """Where an article's mentions went: events they started, and events they joined."""

    started: list[MentionRecord] = field(default_factory=list)
    #: each with the stored event's row of ``repository.JOINED_COLUMNS`` (merge state, payload …)
    joined: list[tuple[MentionRecord, Any]] = field(default_factory=list)


def _best(
    mention: MentionRecord, candidates: list[Any], taken: set[int], features: dict[int, ClusterFeatures]
) -> tuple[dict[str, Any], Any] | None:
    """The matcher's verdict on the best matching candidate (highest score, then lowest id), and that row.

    ``features``: the candidates' features by id, kept across an article's mentions (the look-up
    hands the same row to every mention that found it).
    """
    mine = _features(mention)
    best: tuple[float, int, MatchDecision, Any] | None = None
    for candidate in candidates:
        if candidate.id in taken:
            continue
        theirs = features.get(candidate.id)
        if theirs is None:
            theirs = features[candidate.id] = _features(candidate)
        decision = match(mine, theirs)
        if decision.matched and (best is None or (decision.score, -candidate.id) > best[:2]):
            best = (decision.score, -candidate.id, decision, candidate)
    return (_verdict(best[2], best[3].id), best[3]) if best else None


def assign_clusters(session: Session, mentions: list[MentionRecord]) -> ClusterPlan:
    """Give every mention its timeline event: the best matching stored one, or a new one (inserted here).

    Candidates are what was stored before this article: events started by its
    own mentions are not candidates, and each stored event takes at most one of
    its mentions.  The clustering locks of the article's CAMEO roots are taken
    first (no-ops when the caller holds them already).
    """
    repository.lock_clustering_roots(session, {m.cameo_root for m in mentions})
    queries = [
        lookup.CandidateQuery(m.cameo_root, m.earliest, m.latest, frozenset(m.actors) | frozenset(m.targets))
        for m in mentions
    ]
    found = lookup.candidate_clusters(session, queries, slack_days=SLACK_DAYS)
    plan = ClusterPlan()
    taken: set[int] = set()
    features: dict[int, ClusterFeatures] = {}
    for mention, candidates in zip(mentions, found, strict=True):
        best = _best(mention, candidates, taken, features)
        if best is None:
            plan.started.append(mention)
            continue
        mention.match, row = best
        mention.timeline_event_id = row.id
        taken.add(row.id)
        plan.joined.append((mention, row))
    stored = repository.joined_rows(session, [row.id for _, row in plan.joined])
    plan.joined = [(mention, stored[row.id]) for mention, row in plan.joined]
    now = utcnow()
    ids = repository.insert_clusters(session, [_new_cluster_row(m, now) for m in plan.started])
    for mention, cluster_id in zip(plan.started, ids, strict=True):
        mention.timeline_event_id = cluster_id
        mention.match = {"timeline_event_id": cluster_id, "matched": False, "new": True}
    return plan


#: what a new event takes from its first mention before ``settle_clusters`` fills it
_FROM_MENTION = ("cameo", "cameo_root", "label", "modality", "earliest", "latest", "best", "granularity")


def _new_cluster_row(mention: MentionRecord, now: datetime) -> dict[str, Any]:
    """A timeline event as first inserted; ``settle_clusters`` fills it once its mention has an id."""
    row: dict[str, Any] = {name: getattr(mention, name) for name in _FROM_MENTION}
    row.update(
        display="",
        actors=[],
        targets=[],
        goldstein=None,
        confidence=mention.confidence,
        mention_count=0,
        first_reported_at=now,
        updated_at=now,
        search_text="",
        payload="{}",
    )
    return row


def settle_clusters(
    session: Session, plan: ClusterPlan, article: ArticleRef, *, incremental: bool = True
) -> None:
    """Fill the events an article started and update those it joined (its mentions have ids now).

    ``incremental=False`` rebuilds joined events from all their mentions: for
    callers that removed mentions of them in the same transaction (reprocess).
    """
    now = utcnow()
    updates: list[dict[str, Any]] = []
    added: set[tuple[int, str, str]] = set()
    removed: set[tuple[int, str, str]] = set()
    keys = KeyChanges()
    for mention in plan.started:
        values = _started(mention, article)
        updates.append({"tid": mention.timeline_event_id, **values, "updated_at": now})
        added |= _actor_rows(mention.timeline_event_id, values["actors"], values["targets"])
        window = KeyWindow.of(mention.cameo_root, values)
        keys.start(mention.timeline_event_id, window, participants(values["actors"], values["targets"]))
    for mention, row in plan.joined:
        joined = _joined(row, mention, article) if incremental else None
        if joined is None:
            refresh_cluster(session, row.id)
            continue
        updates.append({"tid": row.id, **joined, "updated_at": now})
        before = _actor_rows(row.id, row.actors, row.targets)
        after = _actor_rows(row.id, joined["actors"], joined["targets"])
        added |= after - before
        removed |= before - after
        keys.change(
            row.id,
            (KeyWindow.of(row.cameo_root, row), participants(row.actors, row.targets)),
            (KeyWindow.of(row.cameo_root, joined), participants(joined["actors"], joined["targets"])),
        )
    repository.update_clusters(session, updates)
    repository.remove_event_actors(session, sorted(removed))
    repository.add_event_actors(session, sorted(added))
    repository.write_cluster_keys(session, keys)


def _actor_rows(cluster_id: int, actors: list[str], targets: list[str]) -> set[tuple[int, str, str]]:
    return {(cluster_id, c, "source") for c in actors} | {(cluster_id, c, "target") for c in targets}


def _lead(mention: MentionRecord) -> Lead:
    return Lead(mention.id, mention.confidence, mention.label, mention.modality, mention.goldstein)


def _started(mention: MentionRecord, article: ArticleRef) -> dict[str, Any]:
    """The served columns of an event reported by one mention so far (its actors in the mention's order)."""
    return served_values(
        cluster_id=mention.timeline_event_id,
        cameo_root=mention.cameo_root,
        shown=[mention_provenance(mention, article)],  # type: ignore[arg-type]  # reads attributes only
        lead=_lead(mention),
        state=MergeState(
            mention.earliest,
            mention.earliest,
            mention.latest,
            mention.latest,
            frozenset({mention.granularity}),
            mention.id,
            mention.confidence,
        ),
        count=1,
        confidence=mention.confidence,
        first_reported=as_utc(article.published_at),
        actors=list(mention.actors),
        targets=set(mention.targets),
    )


def _report_key(entry: dict[str, Any]) -> tuple[datetime, int]:
    """The order of a provenance entry among the event's reports: publication, then mention id."""
    return as_utc(datetime.fromisoformat(entry["published"])), int(entry["mention_id"])


def _joined(row: Any, mention: MentionRecord, article: ArticleRef) -> dict[str, Any] | None:
    """The served columns of a stored event after ``mention`` joined it, from its stored state alone
    (``row``: its ``repository.JOINED_COLUMNS``).

    None when that is not enough: no merge state yet (an event stored before
    there was one), or the new report pushes the lead out of the stored
    provenance (the next lead is then among reports it does not hold).
    """
    if row.merge_state is None:
        return None
    shown: list[dict[str, Any]] = orjson.loads(row.payload)["provenance"]
    count = int(row.mention_count)
    if len(shown) != min(count, PROVENANCE_LIMIT):
        return None
    state = MergeState.from_json(row.merge_state)
    key = (as_utc(article.published_at), mention.id)
    # only the entries the search compares are parsed (a few of the twenty)
    visible = count < PROVENANCE_LIMIT or key < _report_key(shown[-1])
    if visible:
        at = bisect.bisect(shown, key, key=_report_key)
        shown.insert(at, mention_provenance(mention, article))  # type: ignore[arg-type]
        if len(shown) > PROVENANCE_LIMIT and shown.pop()["mention_id"] == state.lead_id:
            return None
    lead = Lead(state.lead_id, state.lead_confidence, row.label, row.modality, row.goldstein)
    challenger = _lead(mention)
    if visible and challenger.beats(lead):
        lead = challenger
    return served_values(
        cluster_id=row.id,
        cameo_root=row.cameo_root,
        shown=shown,
        lead=lead,
        state=state.add(mention.earliest, mention.latest, mention.granularity, lead),
        count=count + 1,
        confidence=max(float(row.confidence), mention.confidence),
        first_reported=min(as_utc(row.first_reported_at), key[0]),
        actors=sorted(set(row.actors) | set(mention.actors)),
        targets=set(row.targets) | set(mention.targets),
    )


def _provenance(reports: list[Any]) -> list[dict[str, Any]]:
    return [mention_provenance(r, ArticleRef.of(r.a_id, r)) for r in reports]  # type: ignore[arg-type]


def refresh_cluster(session: Session, cluster_id: int) -> None:
    """Rebuild a timeline event's served fields, payload and merge state from all its mentions.

    Window, count, confidence and first report come from database aggregates over
    every mention; label, code and the served provenance from the first
    ``PROVENANCE_LIMIT`` reports.  An event no mention supports any more is deleted.
    """
    stats = repository.cluster_stats(session, cluster_id)
    if stats is None:
        repository.delete_cluster(session, cluster_id)
        return
    reports = repository.cluster_reports(session, cluster_id, limit=PROVENANCE_LIMIT)
    top = max(reports, key=lambda r: (r.confidence, -r.id))
    lead = Lead(top.id, top.confidence, top.label, top.modality, top.goldstein)
    state = MergeState(
        stats.earliest_min,
        stats.earliest_max,
        stats.latest_min,
        stats.latest_max,
        stats.granularities,
        lead.id,
        lead.confidence,
    )
    actors, targets = repository.cluster_participants(session, cluster_id)
    values = served_values(
        cluster_id=cluster_id,
        cameo_root=reports[0].cameo[:2],
        shown=_provenance(reports),
        lead=lead,
        state=state,
        count=stats.count,
        confidence=stats.confidence,
        first_reported=as_utc(stats.first_reported),
        actors=sorted(actors),
        targets=targets,
    )
    repository.update_clusters(session, [{"tid": cluster_id, **values, "updated_at": utcnow()}])
    repository.replace_event_actors(session, cluster_id, values["actors"], values["targets"])
    window = KeyWindow.of(reports[0].cameo[:2], values)
    repository.replace_cluster_keys(
        session, cluster_id, window, participants(values["actors"], values["targets"])
    )


def full_item(session: Session, cluster: TimelineEvent) -> dict[str, Any]:
    """The served item with every report in its provenance (the stored payload keeps the first few)."""
    item: dict[str, Any] = orjson.loads(cluster.payload)
    if cluster.mention_count > len(item["provenance"]):
        item["provenance"] = _provenance(repository.cluster_reports(session, cluster.id))
    return item
