"""GET /v1/timeline and GET /v1/events: HTTP only; the service builds the bytes."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.deps import SessionDep, SettingsDep
from app.errors import InvalidInput
from app.settings import Settings
from app.timeline import service
from app.timeline.repository import EventFilter
from app.timeline.schemas import TimelinePage

__all__ = ["router", "event_filter"]

router = APIRouter(tags=["timeline"])

ActorQ = Annotated[
    list[str] | None, Query(description="Actor code (ISO 3166 alpha-3, NATO, UN…); repeatable.")
]
CameoQ = Annotated[
    str | None, Query(description="CAMEO code or prefix, e.g. '13' or '036'.", pattern=r"^\d{1,4}$")
]
FromQ = Annotated[
    date | None, Query(alias="from", description="Events whose window reaches this date or later.")
]
ToQ = Annotated[date | None, Query(description="Events whose window starts on or before this date.")]
TextQ = Annotated[str | None, Query(description="Words in the label or the evidence.", max_length=200)]
CursorQ = Annotated[str | None, Query(description="The `next` value of the previous page.")]
LimitQ = Annotated[int | None, Query(ge=1, description="Page size (bounded by the server's maximum).")]
ModalityQ = Annotated[
    str | None, Query(description="asserted | planned | predicted | conditional | denied | reported")
]
ArticleQ = Annotated[int | None, Query(description="Only events reported by this article.")]
ConfidenceQ = Annotated[float | None, Query(ge=0, le=1, description="Smallest confidence.")]


def event_filter(
    actor: list[str] | None,
    cameo: str | None,
    start: date | None,
    end: date | None,
    q: str | None,
    modality: str | None = None,
    article: int | None = None,
    min_confidence: float | None = None,
) -> EventFilter:
    """Filters from query parameters, checked together."""
    if start and end and start > end:
        raise InvalidInput("'from' is after 'to'", field="from")
    actors = tuple(sorted({a.strip().upper() for a in actor or [] if a.strip()}))
    return EventFilter(actors, cameo, modality, start, end, q or None, article, min_confidence)


def _limit(limit: int | None, settings: Settings) -> int:
    if limit is None:
        return settings.page_limit_default
    if limit > settings.page_limit_max:
        raise InvalidInput(f"'limit' must be at most {settings.page_limit_max}", field="limit")
    return limit


@router.get("/timeline", operation_id="timeline-get", responses={200: {"model": TimelinePage}})
def get_timeline(
    session: SessionDep,
    settings: SettingsDep,
    actor: ActorQ = None,
    cameo: CameoQ = None,
    from_: FromQ = None,
    to: ToQ = None,
    q: TextQ = None,
    modality: ModalityQ = None,
    article: ArticleQ = None,
    min_confidence: ConfidenceQ = None,
    cursor: CursorQ = None,
    limit: LimitQ = None,
) -> Response:
    """The ordered timeline: events by best date, then id; each with its interval, display and provenance."""
    flt = event_filter(actor, cameo, from_, to, q, modality, article, min_confidence)
    body, _ = service.timeline_bytes(session, flt, cursor=cursor, limit=_limit(limit, settings))
    return Response(body, media_type="application/json")


@router.get("/events", operation_id="events-list", responses={200: {"model": TimelinePage}})
def list_events(
    session: SessionDep,
    settings: SettingsDep,
    actor: ActorQ = None,
    cameo: CameoQ = None,
    from_: FromQ = None,
    to: ToQ = None,
    q: TextQ = None,
    modality: ModalityQ = None,
    article: ArticleQ = None,
    min_confidence: ConfidenceQ = None,
    cursor: CursorQ = None,
    limit: LimitQ = None,
) -> Response:
    """Events in the order they were first stored, with the same filters as the timeline."""
    flt = event_filter(actor, cameo, from_, to, q, modality, article, min_confidence)
    body, _ = service.events_bytes(session, flt, cursor=cursor, limit=_limit(limit, settings))
    return Response(body, media_type="application/json")
