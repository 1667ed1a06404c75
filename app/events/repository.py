"""SQL for event mentions and the timeline events (clusters) they support; nothing here commits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, exists, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, load_only

from app.models import Actor, Article, EventActor, EventMention, TimelineEvent

__all__ = [
    "candidate_clusters",
    "mentions_with_articles",
    "ClusterStats",
    "cluster_stats",
    "cluster_participants",
    "replace_event_actors",
    "ensure_actors",
    "lock_clustering",
    "get_timeline_event",
    "event_payload",
    "clusters_of_article",
]


CANDIDATE_COLUMNS = (
    TimelineEvent.id,
    TimelineEvent.cameo,
    TimelineEvent.label,
    TimelineEvent.modality,
    TimelineEvent.actors,
    TimelineEvent.targets,
    TimelineEvent.earliest,
    TimelineEvent.latest,
    TimelineEvent.best,
    TimelineEvent.granularity,
)


def candidate_clusters(
    session: Session,
    *,
    cameo_root: str,
    earliest: date,
    latest: date,
    slack_days: int,
    participants: set[str],
    exclude: set[int],
) -> list[Any]:
    """Matching features of the timeline events that could be this one.

    Same CAMEO root, an interval within ``slack_days``, and at least one shared
    participant (the matcher requires one); only the columns the matcher reads.
    """
    if not participants:
        return []
    params = {
        "root": cameo_root,
        "reach": earliest - timedelta(days=slack_days),
        "until": latest + timedelta(days=slack_days),
        "codes": sorted(participants),
    }
    return [row for row in session.execute(_CANDIDATES, params).all() if row.id not in exclude]


# Built once: clustering runs this for every event of every article, and building the
# statement costs more than SQLite takes to answer it.
_CANDIDATES = (
    select(*CANDIDATE_COLUMNS)
    .where(TimelineEvent.cameo_root == bindparam("root"))
    .where(TimelineEvent.latest >= bindparam("reach"))
    .where(TimelineEvent.earliest <= bindparam("until"))
    .where(
        exists().where(
            EventActor.timeline_event_id == TimelineEvent.id,
            EventActor.actor_code.in_(bindparam("codes", expanding=True)),
        )
    )
    .order_by(TimelineEvent.id)
    .limit(200)
)


ARTICLE_REF = (
    Article.id,
    Article.title,
    Article.outlet,
    Article.url,
    Article.published_at,
    Article.published_source,
    Article.published_flagged,
)


def mentions_with_articles(
    session: Session, timeline_event_id: int, *, limit: int | None = None
) -> Sequence[tuple[EventMention, Article]]:
    """Mentions of one timeline event with their articles (not their texts), oldest report first."""
    stmt = (
        select(EventMention, Article)
        .join(Article, Article.id == EventMention.article_id)
        .options(load_only(*ARTICLE_REF))
        .where(EventMention.timeline_event_id == timeline_event_id)
        .order_by(Article.published_at, EventMention.id)
        .limit(limit)
    )
    return [(m, a) for m, a in session.execute(stmt).all()]


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
    session.add_all(
        EventActor(timeline_event_id=timeline_event_id, actor_code=c, role=r) for c, r in sorted(rows)
    )


def ensure_actors(session: Session, actors: dict[str, tuple[str, str]]) -> None:
    """Insert the actors (code -> (name, kind)) not stored yet; concurrent writers never collide."""
    if not actors:
        return
    rows = [{"code": code, "name": name, "kind": kind} for code, (name, kind) in sorted(actors.items())]
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(Actor).values(rows).on_conflict_do_nothing(index_elements=["code"]))


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
