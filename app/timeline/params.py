"""Query parameters shared by every event listing (timeline, events, stats), declared once.

``event_filter`` is a FastAPI dependency, so the OpenAPI document lists the
same filters with the same descriptions on every endpoint that takes them.
The dependencies are ``async`` because they never block: a sync dependency
costs a thread-pool hop per request, which dominated a cold page's time.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

from fastapi import Depends, Query, Request

from app.actors.names import code_for
from app.errors import InvalidInput
from app.settings import Settings
from app.timeline.formats import DEFAULT_FORMAT, FORMATS
from app.timeline.repository import EventFilter

__all__ = ["FilterDep", "LimitDep", "FormatName", "CursorQ", "event_filter", "page_limit"]

FormatName = Enum("FormatName", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
FormatName.__doc__ = "Output formats of the timeline registry."
DEFAULT_FORMAT_NAME = FormatName(DEFAULT_FORMAT)

MODALITIES = ("asserted", "planned", "predicted", "conditional", "denied", "reported")

CursorQ = Annotated[str | None, Query(description="The `next` value of the previous page.", max_length=200)]


async def event_filter(
    actor: Annotated[
        list[str] | None,
        Query(description="Actor code (RUS, UKR, NATO…) or name (Russia); repeatable, all must match."),
    ] = None,
    cameo: Annotated[
        str | None, Query(description="CAMEO root or prefix, e.g. '13' or '036'.", pattern=r"^\d{1,4}$")
    ] = None,
    modality: Annotated[str | None, Query(description=" | ".join(MODALITIES))] = None,
    from_: Annotated[
        date | None, Query(alias="from", description="Events whose window reaches this day or later.")
    ] = None,
    to: Annotated[date | None, Query(description="Events whose window starts on or before this day.")] = None,
    source: Annotated[
        str | None,
        Query(
            description="Outlet name (case-insensitive) or web domain of a reporting article.", max_length=200
        ),
    ] = None,
    outlet: Annotated[str | None, Query(description="Same as `source`.", max_length=200)] = None,
    article: Annotated[int | None, Query(ge=1, description="Only events reported by this article.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Smallest confidence.")] = None,
    q: Annotated[str | None, Query(description="Words in the label or the evidence.", max_length=200)] = None,
) -> EventFilter:
    """The filters of one request, checked together (interval overlap for from/to)."""
    if from_ and to and from_ > to:
        raise InvalidInput("'from' is after 'to'", field="from")
    if modality is not None and modality not in MODALITIES:
        raise InvalidInput(f"'modality' must be one of {', '.join(MODALITIES)}", field="modality")
    if source and outlet and source.casefold() != outlet.casefold():
        raise InvalidInput("'source' and 'outlet' disagree; give one", field="outlet")
    actors = tuple(sorted({code_for(a.strip()) for a in actor or [] if a.strip()}))
    return EventFilter(
        actors=actors,
        cameo=cameo,
        modality=modality,
        start=from_,
        end=to,
        q=(q.strip() or None) if q else None,
        article_id=article,
        min_confidence=min_confidence,
        source=(source or outlet or "").strip() or None,
    )


async def page_limit(
    request: Request,
    limit: Annotated[
        int | None,
        Query(
            ge=1,
            description="Page size, at most the server's maximum; for csv/ndjson, the most rows exported.",
        ),
    ] = None,
) -> int:
    """The page size: the default when absent, refused above the maximum (never silently cut).

    Streamed exports are not pages: their ``limit`` only caps the rows and has no maximum.
    """
    settings: Settings = request.app.state.settings
    if limit is None:
        return settings.page_limit_default
    fmt = FORMATS.get(request.query_params.get("format", DEFAULT_FORMAT))
    if limit > settings.page_limit_max and not (fmt and fmt.streamed):
        raise InvalidInput(f"'limit' must be at most {settings.page_limit_max}", field="limit")
    return limit


FilterDep = Annotated[EventFilter, Depends(event_filter)]
LimitDep = Annotated[int, Depends(page_limit)]
