"""The actor listing as JSON bytes (small: the gazetteer's size, so no pagination)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.actors import repository
from app.actors.schemas import ActorList, ActorRead

__all__ = ["list_actors"]


def list_actors(session: Session, *, q: str | None) -> bytes:
    rows = repository.actor_rows(session, q=q)
    items = [ActorRead(code=c, name=n, kind=k, events=e) for c, n, k, e in rows]
    return ActorList(items=items).model_dump_json().encode()
