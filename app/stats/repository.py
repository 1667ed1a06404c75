"""SQL of timeline statistics: GROUP BY over the same filters as the timeline; nothing commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.models import EventActor, TimelineEvent
from app.timeline.repository import EventFilter, conditions

__all__ = ["total", "per_month", "per_cameo_root", "per_actor"]


def _month(session: Session) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(TimelineEvent.best, "YYYY-MM")
    return func.strftime("%Y-%m", TimelineEvent.best)


def total(session: Session, flt: EventFilter) -> int:
    stmt = select(func.count(TimelineEvent.id)).where(*conditions(flt))
    return int(session.execute(stmt).scalar_one())


def per_month(session: Session, flt: EventFilter) -> list[tuple[str, int]]:
    """(YYYY-MM of the best date, count), oldest first."""
    month = _month(session).label("month")
    stmt = select(month, func.count()).where(*conditions(flt)).group_by(month).order_by(month)
    return [(str(m), int(n)) for m, n in session.execute(stmt)]


def per_cameo_root(session: Session, flt: EventFilter) -> list[tuple[str, int]]:
    root = TimelineEvent.cameo_root
    stmt = select(root, func.count()).where(*conditions(flt)).group_by(root).order_by(root)
    return [(str(r), int(n)) for r, n in session.execute(stmt)]


def per_actor(session: Session, flt: EventFilter) -> list[tuple[str, int]]:
    """(actor code, events it takes part in), most involved first."""
    count = func.count(func.distinct(EventActor.timeline_event_id))
    stmt = (
        select(EventActor.actor_code, count)
        .join(TimelineEvent, TimelineEvent.id == EventActor.timeline_event_id)
        .where(*conditions(flt))
        .group_by(EventActor.actor_code)
        .order_by(count.desc(), EventActor.actor_code)
    )
    return [(str(a), int(n)) for a, n in session.execute(stmt)]
