"""GET /v1/timeline and GET /v1/events: HTTP only (formats, Link, ETag); the service renders.

The endpoints are ``async``, parse their query with one model validation
(``params``), and do their database work in one thread-pool call on an
autocommit connection: each of FastAPI's per-parameter resolution, extra
thread hops and BEGIN/COMMIT round trips cost more than the keyset query.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse

from app.settings import Settings
from app.timeline import service
from app.timeline.formats import FORMATS, Format
from app.timeline.http_cache import read_response, response_cache
from app.timeline.params import PageQuery, openapi_parameters, page_limit, parse_query, to_filter
from app.timeline.reads import read_only
from app.timeline.repository import EventFilter
from app.timeline.schemas import TimelinePage
from app.timeline.threads import run_db

__all__ = ["router"]

router = APIRouter(tags=["timeline"])

_DOC = {
    "responses": {
        200: {
            "model": TimelinePage,
            "description": "A page (json, timelinejs, vis) or a streamed export (csv, ndjson).",
            "content": {"text/csv": {}, "application/x-ndjson": {}},
        },
        304: {"description": "Not modified: the If-None-Match tag is still current."},
        422: {"description": "A parameter is invalid (problem+json naming it)."},
    },
    "openapi_extra": {"parameters": openapi_parameters(PageQuery)},
}


def _render(
    request: Request, flt: EventFilter, fmt: Format, order: service.Order, cursor: str | None, limit: int
) -> tuple[bytes, str | None]:
    with read_only(request.app.state.engine) as conn:
        return service.render_page(conn, flt, fmt, order=order, cursor=cursor, limit=limit)


async def _respond(request: Request, order: service.Order) -> Response:
    settings: Settings = request.app.state.settings
    query = parse_query(request, PageQuery)
    flt, limit, fmt = to_filter(query), page_limit(query, settings), FORMATS[query.format]
    if fmt.stream is not None:
        service.check_cursor(order, query.cursor)
        batches = service.export_batches(
            request.app.state.engine,
            flt,
            order=order,
            cursor=query.cursor,
            limit=query.limit,
            batch_size=settings.export_batch_size,
        )
        headers = {"Content-Disposition": f'inline; filename="{fmt.filename}"', "Cache-Control": "no-cache"}
        return StreamingResponse(fmt.stream(batches), media_type=fmt.media_type, headers=headers)
    generation = response_cache(request).generation
    body, next_cursor = await run_db(request, _render, request, flt, fmt, order, query.cursor, limit)
    headers = {}
    if next_cursor is not None:
        # Relative (RFC 8288 allows a URI-reference): right behind any proxy or host name,
        # and safe to serve from the response cache to a client that used another host.
        nxt = request.url.include_query_params(cursor=next_cursor)
        headers["Link"] = f'<{nxt.path}?{nxt.query}>; rel="next"'
    return read_response(
        request,
        body,
        media_type=fmt.media_type,
        generation=generation,
        max_age=settings.http_max_age,
        headers=headers,
    )


@router.get("/timeline", operation_id="timeline-get", **_DOC)  # type: ignore[arg-type]
async def get_timeline(request: Request) -> Response:
    """The ordered timeline: events by best date, then id, each with its interval, display and provenance.

    Pages carry `next` in the body and an RFC 8288 `Link: <…>; rel="next"` header.
    csv and ndjson stream the whole filtered timeline (or `limit` events when given).
    """
    return await _respond(request, "time")


@router.get("/events", operation_id="events-list", **_DOC)  # type: ignore[arg-type]
async def list_events(request: Request) -> Response:
    """Events in the order they were first stored (for incremental sync), with the timeline's filters."""
    return await _respond(request, "stored")
