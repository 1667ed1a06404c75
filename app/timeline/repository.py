"""The timeline's SQL: keyset pages over the ``(best, id)`` index, returning stored JSON payloads.

Every listing (timeline, events, exports, stats) filters through ``conditions``
so a filter means the same thing everywhere.  Rows come back as plain tuples of
(payload as UTF-8 bytes, best, id): the hot path never builds ORM objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, Select, bindparam, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from app.models import Actor, Article, EventActor, EventMention, TimelineEvent
from app.timeline.payload_sql import payload_bytes
from app.timeline.reads import Reader

__all__ = ["EventFilter", "conditions", "timeline_page", "events_page", "change_signature"]

Row = tuple[bytes, date, int]


@dataclass(frozen=True)
class EventFilter:
    """The filters every event listing accepts (all optional, combined with AND)."""

    actors: tuple[str, ...] = ()
    cameo: str | None = None
    modality: str | None = None
    start: date | None = None
    end: date | None = None
    q: str | None = None
    article_id: int | None = None
    min_confidence: float | None = None
    source: str | None = None


def _actor_condition(value: str) -> ColumnElement[bool]:
    """An actor given by code (``RUS``) or by name (``Russia``, case-insensitive)."""
    by_name = select(Actor.code).where(func.lower(Actor.name) == value.casefold())
    role = aliased(EventActor)  # an alias, so the condition also works where event_actors is joined
    return exists().where(
        role.timeline_event_id == TimelineEvent.id,
        or_(role.actor_code == value.upper(), role.actor_code.in_(by_name)),
    )


def _source_condition(value: str) -> ColumnElement[bool]:
    """Reported by an article of this outlet (case-insensitive) or from this web domain."""
    needle = value.casefold()
    return exists().where(
        EventMention.timeline_event_id == TimelineEvent.id,
        Article.id == EventMention.article_id,
        or_(
            func.lower(Article.outlet) == needle,
            func.lower(Article.url).contains(f"//{needle}/", autoescape=True),
            func.lower(Article.url).contains(f".{needle}/", autoescape=True),
        ),
    )


def conditions(flt: EventFilter) -> list[ColumnElement[bool]]:
    """The WHERE clauses of ``flt`` over ``timeline_events``."""
    conds: list[ColumnElement[bool]] = [_actor_condition(a) for a in flt.actors]
    if flt.cameo:
        conds.append(TimelineEvent.cameo.startswith(flt.cameo, autoescape=True))
    if flt.modality:
        conds.append(TimelineEvent.modality == flt.modality)
    if flt.start:
        conds.append(TimelineEvent.latest >= flt.start)
    if flt.end:
        conds.append(TimelineEvent.earliest <= flt.end)
    if flt.q:
        conds.append(TimelineEvent.search_text.contains(flt.q.casefold(), autoescape=True))
    if flt.article_id is not None:
        conds.append(
            exists().where(
                EventMention.timeline_event_id == TimelineEvent.id, EventMention.article_id == flt.article_id
            )
        )
    if flt.min_confidence is not None:
        conds.append(TimelineEvent.confidence >= flt.min_confidence)
    if flt.source:
        conds.append(_source_condition(flt.source))
    return conds


def _filtered(stmt: Select[Any], flt: EventFilter) -> Select[Any]:
    for cond in conditions(flt):
        stmt = stmt.where(cond)
    return stmt


def _filtered_select(flt: EventFilter) -> Select[Any]:
    stmt: Any = select(payload_bytes(TimelineEvent.payload), TimelineEvent.best, TimelineEvent.id)
    return _filtered(stmt, flt)


_LIMIT = bindparam("limit", type_=Integer)
_AFTER_TIME = tuple_(TimelineEvent.best, TimelineEvent.id) > tuple_(
    bindparam("after_best", type_=Date), bindparam("after_id", type_=Integer)
)
_AFTER_ID = TimelineEvent.id > bindparam("after_id", type_=Integer)
_TIME_ORDER = (TimelineEvent.best, TimelineEvent.id)
# The unfiltered statements are built once: constructing a SELECT costs more
# than running it, and the compiled form is then reused from SQLAlchemy's cache.
_UNFILTERED = _filtered_select(EventFilter())
_TIME_FIRST = _UNFILTERED.order_by(*_TIME_ORDER).limit(_LIMIT)
_TIME_NEXT = _UNFILTERED.where(_AFTER_TIME).order_by(*_TIME_ORDER).limit(_LIMIT)
_STORED_FIRST = _UNFILTERED.order_by(TimelineEvent.id).limit(_LIMIT)
_STORED_NEXT = _UNFILTERED.where(_AFTER_ID).order_by(TimelineEvent.id).limit(_LIMIT)


def _rows(db: Reader, stmt: Select[Any], params: dict[str, Any]) -> list[Row]:
    # Core execution on a connection: no ORM result machinery per row.
    conn = db.connection() if isinstance(db, Session) else db
    return [(p, b, i) for p, b, i in conn.execute(stmt, params)]


def timeline_page(db: Reader, flt: EventFilter, *, after: tuple[date, int] | None, limit: int) -> list[Row]:
    """Up to ``limit`` rows of (payload, best, id) in time order, after the keyset position."""
    params: dict[str, Any] = {"limit": limit}
    if after is not None:
        params.update(after_best=after[0], after_id=after[1])
    if flt == EventFilter():
        return _rows(db, _TIME_FIRST if after is None else _TIME_NEXT, params)
    stmt = _filtered_select(flt)
    if after is not None:
        stmt = stmt.where(_AFTER_TIME)
    return _rows(db, stmt.order_by(*_TIME_ORDER).limit(_LIMIT), params)


def events_page(db: Reader, flt: EventFilter, *, after: int | None, limit: int) -> list[Row]:
    """Up to ``limit`` rows in id order (the order events were first stored)."""
    params: dict[str, Any] = {"limit": limit}
    if after is not None:
        params["after_id"] = after
    if flt == EventFilter():
        return _rows(db, _STORED_FIRST if after is None else _STORED_NEXT, params)
    stmt = _filtered_select(flt)
    if after is not None:
        stmt = stmt.where(_AFTER_ID)
    return _rows(db, stmt.order_by(TimelineEvent.id).limit(_LIMIT), params)


def change_signature(session: Session) -> Sequence[Any]:
    """Cheap numbers that change whenever an article is stored or deleted (by any process).

    The response cache compares them now and then to notice writes made by
    other workers or by ``parley ingest``: a store raises the newest ids, a
    delete lowers the article count.
    """
    stmt = select(
        select(func.count(Article.id)).scalar_subquery(),
        select(func.max(Article.id)).scalar_subquery(),
        select(func.max(EventMention.id)).scalar_subquery(),
    )
    return tuple(session.execute(stmt).one())
