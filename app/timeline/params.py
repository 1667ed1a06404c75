"""Query parameters shared by every event listing (timeline, events, stats), declared once as models.

Why models parsed by hand instead of FastAPI ``Query`` parameters: FastAPI
resolves a dozen declared query parameters at ~0.5 ms per request (measured
on a cold timeline page, a third of its time), while one pydantic model
validation costs a few microseconds.  The models also give the OpenAPI
document its parameter list (``openapi_parameters``), so docs and
validation cannot drift; errors become the usual 422 problem naming the field.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.actors.names import code_for
from app.errors import InvalidInput
from app.settings import Settings
from app.timeline.formats import DEFAULT_FORMAT, FORMATS
from app.timeline.repository import EventFilter

__all__ = ["FilterQuery", "PageQuery", "parse_query", "to_filter", "page_limit", "openapi_parameters"]

Modality = Literal["asserted", "planned", "predicted", "conditional", "denied", "reported"]
_LISTS = frozenset({"actor"})


class FilterQuery(BaseModel):
    """The filters of every listing, combined with AND."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True)

    actor: list[str] = Field(
        default_factory=list,
        description="Actor code (RUS, UKR, NATO…) or name (Russia); repeatable, all must match.",
    )
    cameo: str | None = Field(
        None, pattern=r"^\d{1,4}$", description="CAMEO root or prefix, e.g. '13' or '036'."
    )
    modality: Modality | None = Field(None, description="The event's modality.")
    from_: date | None = Field(
        None, alias="from", description="Events whose window reaches this day or later."
    )
    to: date | None = Field(None, description="Events whose window starts on or before this day.")
    source: str | None = Field(
        None,
        max_length=200,
        description="Outlet name (case-insensitive) or web domain of a reporting article.",
    )
    outlet: str | None = Field(None, max_length=200, description="Same as `source`.")
    article: int | None = Field(None, ge=1, description="Only events reported by this article.")
    min_confidence: float | None = Field(None, ge=0, le=1, description="Smallest confidence.")
    q: str | None = Field(None, max_length=200, description="Words in the label or the evidence.")


class PageQuery(FilterQuery):
    """Filters plus the page: cursor, size and output format."""

    cursor: str | None = Field(None, max_length=200, description="The `next` value of the previous page.")
    limit: int | None = Field(
        None,
        ge=1,
        description="Page size, at most the server's maximum; for csv/ndjson, the most rows exported.",
    )
    format: Literal[tuple(FORMATS)] = Field(  # type: ignore[valid-type]
        DEFAULT_FORMAT, description="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())
    )


M = TypeVar("M", bound=FilterQuery)


def parse_query(request: Request, model: type[M]) -> M:
    """Validate the request's query string against ``model``; errors are 422 problems naming the field."""
    params = request.query_params
    data: dict[str, Any] = {}
    for key in params:
        data[key] = params.getlist(key) if key in _LISTS else params[key]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [{**e, "loc": ("query", *e["loc"])} for e in exc.errors(include_url=False)]
        raise RequestValidationError(errors) from None


def to_filter(query: FilterQuery) -> EventFilter:
    """The repository's filter, after the checks that involve several parameters."""
    if query.from_ and query.to and query.from_ > query.to:
        raise InvalidInput("'from' is after 'to'", field="from")
    if query.source and query.outlet and query.source.casefold() != query.outlet.casefold():
        raise InvalidInput("'source' and 'outlet' disagree; give one", field="outlet")
    text = query.q.strip() if query.q else ""
    return EventFilter(
        actors=tuple(sorted({code_for(a.strip()) for a in query.actor if a.strip()})),
        cameo=query.cameo,
        modality=query.modality,
        start=query.from_,
        end=query.to,
        q=text or None,
        article_id=query.article,
        min_confidence=query.min_confidence,
        source=(query.source or query.outlet or "").strip() or None,
    )


def page_limit(query: PageQuery, settings: Settings) -> int:
    """The page size: the default when absent, refused above the maximum (never silently cut).

    Streamed exports are not pages: their ``limit`` only caps the rows and has no maximum.
    """
    if query.limit is None:
        return settings.page_limit_default
    if query.limit > settings.page_limit_max and not FORMATS[query.format].streamed:
        raise InvalidInput(f"'limit' must be at most {settings.page_limit_max}", field="limit")
    return query.limit


def openapi_parameters(model: type[FilterQuery]) -> list[dict[str, Any]]:
    """The model's fields as OpenAPI query parameters (for ``openapi_extra``)."""
    schema = model.model_json_schema(by_alias=True)
    out = []
    for name, prop in schema["properties"].items():
        prop = dict(prop)
        description = prop.pop("description", "")
        prop.pop("title", None)
        out.append(
            {"name": name, "in": "query", "required": False, "description": description, "schema": prop}
        )
    return out
