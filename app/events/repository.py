"""SQL for event mentions and the timeline events (clusters) they support; nothing here commits."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    Table,
    bindparam,
    delete,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.db.direct import DirectSelect, direct_insert, direct_update
from app.events.keys import KeyChanges, KeyWindow
from app.events.lookup import CANDIDATE_COLUMNS
from app.models import Actor, Article, ClusterKey, EventActor, EventMention, TimelineEvent

__all__ = [
    "JOINED_COLUMNS",
    "joined_rows",
    "cluster_reports",
    "insert_clusters",
    "insert_mentions",
    "update_clusters",
    "add_event_actors",
    "remove_event_actors",
    "write_cluster_keys",
    "replace_cluster_keys",
    "delete_cluster",
    "ClusterStats",
    "cluster_stats",
    "cluster_participants",
    "replace_event_actors",
    "ensure_actors",
    "lock_clustering",
    "lock_clustering_roots",
    "get_timeline_event",
    "event_payload",
    "clusters_of_article",
]


_EVENTS = cast(Table, TimelineEvent.__table__)
_MENTIONS = cast(Table, EventMention.__table__)
_EVENT_ACTORS = cast(Table, EventActor.__table__)
_KEYS = cast(Table, ClusterKey.__table__)
_TE = _EVENTS.c


#: What updating a joined event from a new report reads of it (``app.events.clustering._joined``):
#: read for the events joined only, where the look-up reads what the matcher needs of every
#: candidate (most are not joined).
JOINED_COLUMNS = (
    *CANDIDATE_COLUMNS,
    _TE.cameo_root,
    _TE.goldstein,
    _TE.confidence,
    _TE.mention_count,
    _TE.first_reported_at,
    _TE.merge_state,
    _TE.payload,
)


def joined_rows(session: Session, ids: list[int]) -> dict[int, Any]:
    """The ``JOINED_COLUMNS`` of these timeline events, by id."""
    if not ids:
        return {}
    rows = _joined_statement(len(ids)).all(session, {f"id_{n}": i for n, i in enumerate(ids)})
    return {row.id: row for row in rows}


@functools.lru_cache(maxsize=64)
def _joined_statement(count: int) -> DirectSelect:
    """The read of ``count`` joined events, built once per count (a statement costs more to build than
    to run)."""
    ids: list[Any] = [bindparam(f"id_{n}") for n in range(count)]
    return DirectSelect(select(*JOINED_COLUMNS).where(_TE.id.in_(ids)))


_REPORT_COLUMNS = (
    EventMention.id,
    EventMention.cameo,
    EventMention.label,
    EventMention.modality,
    EventMention.goldstein,
    EventMention.confidence,
    EventMention.earliest,
    EventMention.latest,
    EventMention.best,
    EventMention.granularity,
    EventMention.evidence,
    EventMention.time_text,
    EventMention.resolution,
    EventMention.rule_ids,
    EventMention.match,
    Article.id.label("a_id"),
    Article.title,
    Article.outlet,
    Article.url,
    Article.published_at,
    Article.published_source,
    Article.published_flagged,
)
_REPORTS = (
    select(*_REPORT_COLUMNS)
    .join(Article, Article.id == EventMention.article_id)
    .where(EventMention.timeline_event_id == bindparam("tid"))
    .order_by(Article.published_at, EventMention.id)
)


def cluster_reports(session: Session, timeline_event_id: int, *, limit: int | None = None) -> list[Any]:
    """The reports of one timeline event, oldest first: the mention columns a provenance entry and the
    lead need, with their article's reference columns (``a_id``, ``title``, ``published_at`` …)."""
    stmt = _REPORTS if limit is None else _REPORTS.limit(limit)
    return list(session.execute(stmt, {"tid": timeline_event_id}).all())


@dataclass(frozen=True)
class ClusterStats:
    """Aggregates over every mention of a timeline event, computed by the database."""

    count: int
    earliest_max: date
    latest_min: date
    earliest_min: date
    latest_max: date
    confidence: float
    first_reported: datetime
    granularities: frozenset[str]


def cluster_stats(session: Session, timeline_event_id: int) -> ClusterStats | None:
    """Count, window bounds, confidence and first report over all mentions (None when there is none)."""
    row = session.execute(_STATS, {"tid": timeline_event_id}).one()
    if not row[0]:
        return None
    grains = session.scalars(_GRAINS, {"tid": timeline_event_id}).all()
    return ClusterStats(int(row[0]), row[1], row[2], row[3], row[4], float(row[5]), row[6], frozenset(grains))


_STATS = (
    select(
        func.count(EventMention.id),
        func.max(EventMention.earliest),
        func.min(EventMention.latest),
        func.min(EventMention.earliest),
        func.max(EventMention.latest),
        func.max(EventMention.confidence),
        func.min(Article.published_at),
    )
    .join(Article, Article.id == EventMention.article_id)
    .where(EventMention.timeline_event_id == bindparam("tid"))
)
_GRAINS = (
    select(EventMention.granularity).where(EventMention.timeline_event_id == bindparam("tid")).distinct()
)
_PARTICIPANTS = select(EventMention.actors, EventMention.targets).where(
    EventMention.timeline_event_id == bindparam("tid")
)


def cluster_participants(session: Session, timeline_event_id: int) -> tuple[set[str], set[str]]:
    """The union of actors and of targets over all mentions of a timeline event."""
    rows = session.execute(_PARTICIPANTS, {"tid": timeline_event_id}).all()
    return {a for r in rows for a in r[0]}, {t for r in rows for t in r[1]}


def replace_event_actors(
    session: Session, timeline_event_id: int, actors: list[str], targets: list[str], *, fresh: bool = False
) -> None:
    """Rewrite the actor index rows of one timeline event (``fresh``: it has none yet)."""
    if not fresh:
        session.execute(delete(EventActor).where(EventActor.timeline_event_id == timeline_event_id))
    rows = {(code, "source") for code in actors} | {(code, "target") for code in targets}
    add_event_actors(session, [(timeline_event_id, c, r) for c, r in sorted(rows)])


def insert_clusters(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert timeline events (rows over the same columns); their ids, in the order of ``rows``."""
    return direct_insert(_EVENTS, tuple(rows[0])).ids(session, rows) if rows else []


def insert_mentions(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert event mentions (rows over the same columns); their ids, in the order of ``rows``."""
    return direct_insert(_MENTIONS, tuple(rows[0])).ids(session, rows) if rows else []


def update_clusters(session: Session, rows: list[dict[str, Any]]) -> None:
    """Rewrite columns of timeline events; each row has ``tid`` (the id) and the same other keys."""
    if rows:
        direct_update(_EVENTS, tuple(k for k in rows[0] if k != "tid")).rows(session, rows)


def add_event_actors(session: Session, rows: list[tuple[int, str, str]]) -> None:
    """Insert actor index rows ``(timeline_event_id, actor_code, role)``."""
    if rows:
        direct_insert(_EVENT_ACTORS, ("timeline_event_id", "actor_code", "role")).rows(
            session, [{"timeline_event_id": t, "actor_code": c, "role": r} for t, c, r in rows]
        )


def remove_event_actors(session: Session, rows: list[tuple[int, str, str]]) -> None:
    """Delete actor index rows ``(timeline_event_id, actor_code, role)``."""
    table = _EVENT_ACTORS
    for t, c, r in rows:
        session.execute(
            delete(table).where(table.c.timeline_event_id == t, table.c.actor_code == c, table.c.role == r)
        )


def write_cluster_keys(session: Session, changes: KeyChanges) -> None:
    """Delete, move and add clustering look-up keys, in that order (see ``app.events.keys``)."""
    for timeline_event_id, participant in changes.removed:
        session.execute(
            delete(ClusterKey).where(
                ClusterKey.timeline_event_id == timeline_event_id, ClusterKey.participant == participant
            )
        )
    if changes.moved:
        columns = tuple(k for k in changes.moved[0] if k != "tid")
        direct_update(_KEYS, columns, "timeline_event_id").rows(session, changes.moved)
    if changes.added:
        direct_insert(_KEYS, tuple(changes.added[0])).rows(session, changes.added)


def replace_cluster_keys(
    session: Session, timeline_event_id: int, window: KeyWindow, codes: set[str]
) -> None:
    """Rewrite the clustering look-up keys of one timeline event."""
    session.execute(delete(ClusterKey).where(ClusterKey.timeline_event_id == timeline_event_id))
    changes = KeyChanges()
    changes.start(timeline_event_id, window, codes)
    write_cluster_keys(session, changes)


def delete_cluster(session: Session, timeline_event_id: int) -> None:
    """Delete a timeline event no mention supports any more, with its actor index rows and look-up keys."""
    session.execute(delete(EventActor).where(EventActor.timeline_event_id == timeline_event_id))
    session.execute(delete(ClusterKey).where(ClusterKey.timeline_event_id == timeline_event_id))
    session.execute(delete(TimelineEvent).where(TimelineEvent.id == timeline_event_id))


def ensure_actors(session: Session, actors: dict[str, tuple[str, str]]) -> None:
    """Insert the actors (code -> (name, kind)) not stored yet; concurrent writers never collide."""
    if not actors:
        return
    rows = [{"code": code, "name": name, "kind": kind} for code, (name, kind) in sorted(actors.items())]
    upsert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(upsert(Actor).values(rows).on_conflict_do_nothing(index_elements=["code"]))


def lock_clustering(session: Session, cameo_root: str) -> None:
    """Serialise clustering of one CAMEO root across concurrent writers.

    PostgreSQL: a transaction-scoped advisory lock.  SQLite needs nothing: a
    writer already holds the database's write lock from BEGIN IMMEDIATE.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    transaction = session.get_transaction()
    owner, roots = session.info.get("parley.cluster_locks", (None, set()))
    if owner is not transaction:
        roots = set()
        session.info["parley.cluster_locks"] = (transaction, roots)
    if cameo_root in roots:
        return  # already held by this transaction: spare the round trip
    session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"parley.cluster.{cameo_root}"}
    )
    roots.add(cameo_root)


def lock_clustering_roots(session: Session, cameo_roots: set[str]) -> None:
    """Take the clustering locks of several CAMEO roots, always in the same (sorted) order.

    A writer that needs more than one root takes them all before clustering any,
    in one order shared by every writer, so two writers never wait on each other
    in a cycle.
    """
    for root in sorted(cameo_roots):
        lock_clustering(session, root)


def get_timeline_event(session: Session, event_id: int) -> TimelineEvent | None:
    return session.get(TimelineEvent, event_id)


def event_payload(session: Session, event_id: int) -> str | None:
    """The stored JSON of one timeline event, without loading the ORM row."""
    return session.scalar(select(TimelineEvent.payload).where(TimelineEvent.id == event_id))


def clusters_of_article(session: Session, article_id: int) -> Sequence[TimelineEvent]:
    """The timeline events that the mentions of one article support."""
    ids = select(EventMention.timeline_event_id).where(EventMention.article_id == article_id)
    stmt = select(TimelineEvent).where(TimelineEvent.id.in_(ids)).order_by(TimelineEvent.id)
    return session.scalars(stmt).all()
