"""GET /v1/events/{id}: one timeline event with every report of it (HTTP only, cacheable)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.deps import SessionDep, SettingsDep
from app.events import service
from app.timeline.http_cache import read_response, response_cache
from app.timeline.schemas import TimelineItem

__all__ = ["router"]

router = APIRouter(tags=["events"])


@router.get(
    "/events/{event_id}",
    operation_id="events-get",
    responses={200: {"model": TimelineItem}, 304: {"description": "Not modified."}},
)
def get_event(event_id: int, request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """A timeline event with its provenance: every mention with its article, outlet, url, evidence
    sentences (offsets into the article text), the words that dated it, the resolution path and rule ids."""
    generation = response_cache(request).generation
    body = service.event_payload(session, event_id=event_id)
    return read_response(
        request, body, media_type="application/json", generation=generation, max_age=settings.http_max_age
    )
