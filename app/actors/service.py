"""The actor listing as JSON bytes (small: the gazetteer's size, so no pagination)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.actors import repository
from app.actors.names import code_for, display_name
from app.actors.schemas import ActorList, ActorRead

__all__ = ["list_actors"]


def list_actors(session: Session, *, q: str | None) -> bytes:
    rows = repository.actor_rows(session, q=code_for(q) if q else None)
    items = []
    for code, name, kind, events in rows:
        if name == code and (known := display_name(code)) is not None:
            name, kind = known  # stored rows carry only the code; the gazetteer has the name
        items.append(ActorRead(code=code, name=name, kind=kind, events=events))
    return ActorList(items=items).model_dump_json().encode()
