"""Statistics of the filtered timeline as JSON bytes."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.stats import repository
from app.stats.schemas import ActorCount, CameoCount, MonthCount, Stats
from app.timeline.cameo import root_name
from app.timeline.repository import EventFilter

__all__ = ["stats"]


def stats(session: Session, flt: EventFilter) -> bytes:
    """Counts per month, per CAMEO root and per actor, with the same filters as the timeline."""
    doc = Stats(
        total=repository.total(session, flt),
        by_month=[MonthCount(month=m, count=n) for m, n in repository.per_month(session, flt)],
        by_cameo_root=[
            CameoCount(root=r, name=root_name(r), count=n) for r, n in repository.per_cameo_root(session, flt)
        ],
        by_actor=[ActorCount(code=a, count=n) for a, n in repository.per_actor(session, flt)],
    )
    return doc.model_dump_json().encode()
