"""GET /v1/timeline and GET /v1/events: HTTP only (formats, Link, ETag); the service renders.

The endpoints are ``async`` and do their database work in one thread-pool
call: each extra hop between the event loop and a worker thread cost more
than the keyset query itself.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from app.settings import Settings
from app.timeline import service
from app.timeline.formats import FORMATS, Format
from app.timeline.http_cache import read_response, response_cache
from app.timeline.params import DEFAULT_FORMAT_NAME, CursorQ, FilterDep, FormatName, LimitDep
from app.timeline.reads import read_only
from app.timeline.repository import EventFilter
from app.timeline.schemas import TimelinePage
from app.timeline.threads import run_db

__all__ = ["router"]

router = APIRouter(tags=["timeline"])

FormatQ = Annotated[
    FormatName,
    Query(
        alias="format",
        description="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()),
    ),
]

_FORMAT_DOC = {
    200: {
        "model": TimelinePage,
        "description": "A page (json, timelinejs, vis) or a streamed export (csv, ndjson).",
        "content": {"text/csv": {}, "application/x-ndjson": {}},
    },
    304: {"description": "Not modified: the If-None-Match tag is still current."},
}


def _render(
    request: Request, flt: EventFilter, fmt: Format, order: service.Order, cursor: str | None, limit: int
) -> tuple[bytes, str | None]:
    with read_only(request.app.state.engine) as conn:
        return service.render_page(conn, flt, fmt, order=order, cursor=cursor, limit=limit)


async def _respond(
    request: Request,
    flt: EventFilter,
    fmt_name: FormatName,
    cursor: str | None,
    limit: int,
    order: service.Order,
) -> Response:
    settings: Settings = request.app.state.settings
    fmt = FORMATS[fmt_name.value]
    if fmt.stream is not None:
        service.check_cursor(order, cursor)
        batches = service.export_batches(
            request.app.state.engine,
            flt,
            order=order,
            cursor=cursor,
            limit=limit if "limit" in request.query_params else None,
            batch_size=settings.export_batch_size,
        )
        headers = {"Content-Disposition": f'inline; filename="{fmt.filename}"', "Cache-Control": "no-cache"}
        return StreamingResponse(fmt.stream(batches), media_type=fmt.media_type, headers=headers)
    generation = response_cache(request).generation
    body, next_cursor = await run_db(request, _render, request, flt, fmt, order, cursor, limit)
    headers = {}
    if next_cursor is not None:
        headers["Link"] = f'<{request.url.include_query_params(cursor=next_cursor)}>; rel="next"'
    return read_response(
        request,
        body,
        media_type=fmt.media_type,
        generation=generation,
        max_age=settings.http_max_age,
        headers=headers,
    )


@router.get("/timeline", operation_id="timeline-get", responses=_FORMAT_DOC)  # type: ignore[arg-type]
async def get_timeline(
    request: Request,
    flt: FilterDep,
    limit: LimitDep,
    cursor: CursorQ = None,
    fmt: FormatQ = DEFAULT_FORMAT_NAME,
) -> Response:
    """The ordered timeline: events by best date, then id, each with its interval, display and provenance.

    Pages carry `next` in the body and an RFC 8288 `Link: <…>; rel="next"` header.
    csv and ndjson stream the whole filtered timeline (or `limit` events when given).
    """
    return await _respond(request, flt, fmt, cursor, limit, "time")


@router.get("/events", operation_id="events-list", responses=_FORMAT_DOC)  # type: ignore[arg-type]
async def list_events(
    request: Request,
    flt: FilterDep,
    limit: LimitDep,
    cursor: CursorQ = None,
    fmt: FormatQ = DEFAULT_FORMAT_NAME,
) -> Response:
    """Events in the order they were first stored (for incremental sync), with the timeline's filters."""
    return await _respond(request, flt, fmt, cursor, limit, "stored")
