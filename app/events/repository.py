"""SQL for event mentions and the timeline events (clusters) they support; nothing here commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import delete, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.models import Actor, Article, EventActor, EventMention, TimelineEvent

__all__ = [
    "candidate_clusters",
    "mentions_with_articles",
    "replace_event_actors",
    "ensure_actors",
    "lock_clustering",
    "get_timeline_event",
    "event_payload",
    "clusters_of_article",
]


def candidate_clusters(
    session: Session, *, cameo_root: str, earliest: date, latest: date, slack_days: int, exclude: set[int]
) -> Sequence[TimelineEvent]:
    """Timeline events of the same CAMEO root whose interval comes within ``slack_days`` of this one."""
    stmt = (
        select(TimelineEvent)
        .where(TimelineEvent.cameo_root == cameo_root)
        .where(TimelineEvent.latest >= earliest - timedelta(days=slack_days))
        .where(TimelineEvent.earliest <= latest + timedelta(days=slack_days))
        .order_by(TimelineEvent.id)
        .limit(200)
    )
    return [row for row in session.scalars(stmt).all() if row.id not in exclude]


def mentions_with_articles(
    session: Session, timeline_event_id: int
) -> Sequence[tuple[EventMention, Article]]:
    """Every mention of one timeline event with its article, oldest report first."""
    stmt = (
        select(EventMention, Article)
        .join(Article, Article.id == EventMention.article_id)
        .where(EventMention.timeline_event_id == timeline_event_id)
        .order_by(Article.published_at, EventMention.id)
    )
    return [(m, a) for m, a in session.execute(stmt).all()]


def replace_event_actors(
    session: Session, timeline_event_id: int, actors: list[str], targets: list[str]
) -> None:
    """Rewrite the actor index rows of one timeline event."""
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
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"parley.cluster.{cameo_root}"}
        )


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
