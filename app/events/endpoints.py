"""GET /v1/events/{id}: one timeline event with every report of it."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.deps import SessionDep
from app.errors import NotFound
from app.events import repository
from app.timeline.schemas import TimelineItem

__all__ = ["router"]

router = APIRouter(tags=["events"])


@router.get("/events/{event_id}", operation_id="events-get", responses={200: {"model": TimelineItem}})
def get_event(event_id: int, session: SessionDep) -> Response:
    """A timeline event with its provenance: every mention, article, evidence span and resolution path."""
    event = repository.get_timeline_event(session, event_id)
    if event is None:
        raise NotFound(f"no event with id {event_id}")
    return Response(event.payload.encode(), media_type="application/json")
