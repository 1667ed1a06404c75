"""Timeline pages as bytes: stored payloads joined, with the next cursor."""

from __future__ import annotations

from datetime import date

import orjson
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.kit.cursor import decode_cursor, encode_cursor
from app.timeline import repository
from app.timeline.repository import EventFilter

__all__ = ["timeline_bytes", "events_bytes"]


def _page_bytes(rows: list[tuple[str, date, int]], limit: int, next_cursor: str | None) -> bytes:
    body = b'{"items":[' + ",".join(r[0] for r in rows[:limit]).encode() + b'],"next":'
    return body + orjson.dumps(next_cursor) + b"}"


def timeline_bytes(
    session: Session, flt: EventFilter, *, cursor: str | None, limit: int
) -> tuple[bytes, str | None]:
    """One page of the ordered timeline as JSON bytes, and the cursor of the next page."""
    after = None
    if cursor:
        best, event_id = decode_cursor(cursor, 2)
        try:
            after = (date.fromisoformat(best), int(event_id))
        except (TypeError, ValueError):
            raise InvalidInput("'cursor' is not a cursor this service issued", field="cursor") from None
    rows = list(repository.timeline_page(session, flt, after=after, limit=limit))
    next_cursor = (
        encode_cursor([rows[limit - 1][1].isoformat(), rows[limit - 1][2]]) if len(rows) > limit else None
    )
    return _page_bytes(rows, limit, next_cursor), next_cursor


def events_bytes(
    session: Session, flt: EventFilter, *, cursor: str | None, limit: int
) -> tuple[bytes, str | None]:
    """One page of events in the order they were first stored."""
    after = None
    if cursor:
        (event_id,) = decode_cursor(cursor, 1)
        if not isinstance(event_id, int):
            raise InvalidInput("'cursor' is not a cursor this service issued", field="cursor")
        after = event_id
    rows = list(repository.events_page(session, flt, after=after, limit=limit))
    next_cursor = encode_cursor([rows[limit - 1][2]]) if len(rows) > limit else None
    return _page_bytes(rows, limit, next_cursor), next_cursor
