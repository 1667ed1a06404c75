"""GET /v1/stats: HTTP only, cacheable, with the timeline's filters."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.deps import SessionDep, SettingsDep
from app.stats import service
from app.stats.schemas import Stats
from app.timeline.http_cache import read_response, response_cache
from app.timeline.params import FilterQuery, openapi_parameters, parse_query, to_filter

__all__ = ["router"]

router = APIRouter(tags=["stats"])


@router.get(
    "/stats",
    operation_id="stats-get",
    responses={200: {"model": Stats}, 304: {}},
    openapi_extra={"parameters": openapi_parameters(FilterQuery)},
)
def get_stats(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """How many events per month (of the best date), per CAMEO root and per actor."""
    flt = to_filter(parse_query(request, FilterQuery))
    generation = response_cache(request).generation
    body = service.stats(session, flt)
    return read_response(
        request, body, media_type="application/json", generation=generation, max_age=settings.http_max_age
    )
