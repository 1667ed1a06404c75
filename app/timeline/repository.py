"""The timeline's SQL: keyset pages over the ``(best, id)`` index, returning stored JSON payloads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, exists, select, tuple_
from sqlalchemy.orm import Session

from app.models import EventActor, EventMention, TimelineEvent

__all__ = ["EventFilter", "timeline_page", "events_page", "apply_filter"]


@dataclass(frozen=True)
class EventFilter:
    """The filters every event listing accepts."""

    actors: tuple[str, ...] = ()
    cameo: str | None = None
    modality: str | None = None
    start: date | None = None
    end: date | None = None
    q: str | None = None
    article_id: int | None = None
    min_confidence: float | None = None


def _conditions(flt: EventFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    for code in flt.actors:
        conds.append(
            exists().where(EventActor.timeline_event_id == TimelineEvent.id, EventActor.actor_code == code)
        )
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
    return conds


def apply_filter(stmt: Select[tuple[str, date, int]], flt: EventFilter) -> Select[tuple[str, date, int]]:
    for cond in _conditions(flt):
        stmt = stmt.where(cond)
    return stmt


def timeline_page(
    session: Session, flt: EventFilter, *, after: tuple[date, int] | None, limit: int
) -> Sequence[tuple[str, date, int]]:
    """Up to ``limit`` + 1 rows of (payload, best, id) in time order, after the keyset position."""
    stmt = select(TimelineEvent.payload, TimelineEvent.best, TimelineEvent.id)
    stmt = apply_filter(stmt, flt)
    if after is not None:
        stmt = stmt.where(tuple_(TimelineEvent.best, TimelineEvent.id) > tuple_(after[0], after[1]))
    stmt = stmt.order_by(TimelineEvent.best, TimelineEvent.id).limit(limit + 1)
    return [(p, b, i) for p, b, i in session.execute(stmt).all()]


def events_page(
    session: Session, flt: EventFilter, *, after: int | None, limit: int
) -> Sequence[tuple[str, date, int]]:
    """Up to ``limit`` + 1 rows in id order (the order events were first stored)."""
    stmt = select(TimelineEvent.payload, TimelineEvent.best, TimelineEvent.id)
    stmt = apply_filter(stmt, flt)
    if after is not None:
        stmt = stmt.where(TimelineEvent.id > after)
    stmt = stmt.order_by(TimelineEvent.id).limit(limit + 1)
    return [(p, b, i) for p, b, i in session.execute(stmt).all()]
