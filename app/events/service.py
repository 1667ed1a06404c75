"""Timeline events as served one at a time: the stored payload, already rendered with provenance."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import NotFound
from app.events import repository

__all__ = ["event_payload"]


def event_payload(session: Session, *, event_id: int) -> bytes:
    """The JSON of one timeline event (every mention included), or NotFound."""
    payload = repository.event_payload(session, event_id)
    if payload is None:
        raise NotFound(f"no event with id {event_id}")
    return payload.encode()
