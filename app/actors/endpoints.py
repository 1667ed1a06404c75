"""GET /v1/actors: HTTP only, cacheable like the timeline."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.actors import service
from app.actors.schemas import ActorList
from app.deps import SessionDep, SettingsDep
from app.timeline.http_cache import read_response, response_cache

__all__ = ["router"]

router = APIRouter(tags=["actors"])


@router.get("/actors", operation_id="actors-list", responses={200: {"model": ActorList}, 304: {}})
def list_actors(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    q: Annotated[str | None, Query(description="Code (exact) or part of the name.", max_length=100)] = None,
) -> Response:
    """Every known actor with the number of timeline events it takes part in, most involved first."""
    generation = response_cache(request).generation
    body = service.list_actors(session, q=q)
    return read_response(
        request, body, media_type="application/json", generation=generation, max_age=settings.http_max_age
    )
