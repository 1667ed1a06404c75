"""Timeline events as served one at a time: the stored payload, with every report when there are many."""

from __future__ import annotations

import orjson
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.events import repository
from app.events.clustering import PROVENANCE_LIMIT, full_item

__all__ = ["event_payload"]


def event_payload(session: Session, *, event_id: int) -> bytes:
    """The JSON of one timeline event (every mention included), or NotFound.

    The stored payload already carries all reports unless there are more than
    ``PROVENANCE_LIMIT``; only then is the provenance rebuilt from the mentions.
    """
    payload = repository.event_payload(session, event_id)
    if payload is None:
        raise NotFound(f"no event with id {event_id}")
    cluster = repository.get_timeline_event(session, event_id)
    if cluster is None or cluster.mention_count <= PROVENANCE_LIMIT:
        return payload.encode()
    return orjson.dumps(full_item(session, cluster))
