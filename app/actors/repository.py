"""SQL of the actor listing; nothing here commits."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.models import Actor, EventActor

__all__ = ["actor_rows"]


def actor_rows(session: Session, *, q: str | None) -> list[tuple[str, str, str, int]]:
    """(code, name, kind, event count) for every actor, most involved first."""
    events = func.count(func.distinct(EventActor.timeline_event_id))
    stmt = (
        select(Actor.code, Actor.name, Actor.kind, events)
        .outerjoin(EventActor, EventActor.actor_code == Actor.code)
        .group_by(Actor.code, Actor.name, Actor.kind)
        .order_by(events.desc(), Actor.code)
    )
    if q:
        needle = q.casefold()
        stmt = stmt.where(
            or_(func.lower(Actor.code) == needle, func.lower(Actor.name).contains(needle, autoescape=True))
        )
    return [(c, n, k, int(e)) for c, n, k, e in session.execute(stmt)]
