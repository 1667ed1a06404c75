"""Timeline pages and exports: keyset rows from the repository, rendered by a registered format.

Pages fetch ``limit + 1`` rows to know whether a next page exists, and
render only stored payloads.  Exports walk the whole filtered timeline in
keyset batches, each on its own autocommit read, so memory stays constant
and no transaction stays open whatever the size of the timeline.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal

from sqlalchemy import Engine

from app.errors import InvalidInput
from app.kit.cursor import decode_cursor, encode_cursor
from app.timeline import repository
from app.timeline.formats import Format
from app.timeline.reads import Reader, read_only
from app.timeline.repository import EventFilter, Row

__all__ = ["Order", "render_page", "export_batches", "page_rows", "check_cursor"]

Order = Literal["time", "stored"]
_BAD_CURSOR = "'cursor' is not a cursor this service issued"


def _time_position(cursor: str | None) -> tuple[date, int] | None:
    if not cursor:
        return None
    best, event_id = decode_cursor(cursor, 2)
    try:
        if not isinstance(event_id, int) or not isinstance(best, str):
            raise TypeError
        return date.fromisoformat(best), event_id
    except (TypeError, ValueError):
        raise InvalidInput(_BAD_CURSOR, field="cursor") from None


def _stored_position(cursor: str | None) -> int | None:
    if not cursor:
        return None
    (event_id,) = decode_cursor(cursor, 1)
    if not isinstance(event_id, int):
        raise InvalidInput(_BAD_CURSOR, field="cursor")
    return event_id


def check_cursor(order: Order, cursor: str | None) -> None:
    """Refuse a bad cursor before a stream starts (an error mid-stream could not be a 422)."""
    _time_position(cursor) if order == "time" else _stored_position(cursor)


def _fetch(db: Reader, flt: EventFilter, order: Order, cursor: str | None, limit: int) -> list[Row]:
    if order == "time":
        return repository.timeline_page(db, flt, after=_time_position(cursor), limit=limit)
    return repository.events_page(db, flt, after=_stored_position(cursor), limit=limit)


def _cursor_of(row: Row, order: Order) -> str:
    return encode_cursor([row[1].isoformat(), row[2]] if order == "time" else [row[2]])


def page_rows(
    db: Reader, flt: EventFilter, *, order: Order, cursor: str | None, limit: int
) -> tuple[list[Row], str | None]:
    """One page of rows and the cursor of the next page (None on the last page)."""
    rows = _fetch(db, flt, order, cursor, limit + 1)
    if len(rows) > limit:
        return rows[:limit], _cursor_of(rows[limit - 1], order)
    return rows, None


def render_page(
    db: Reader, flt: EventFilter, fmt: Format, *, order: Order, cursor: str | None, limit: int
) -> tuple[bytes, str | None]:
    """One page in a paged format, and the next cursor."""
    assert fmt.page is not None, f"{fmt.name} is a streamed format"
    rows, next_cursor = page_rows(db, flt, order=order, cursor=cursor, limit=limit)
    return fmt.page([r[0] for r in rows], next_cursor), next_cursor


def export_batches(
    engine: Engine,
    flt: EventFilter,
    *,
    order: Order,
    cursor: str | None,
    limit: int | None,
    batch_size: int,
) -> Iterator[list[bytes]]:
    """Payloads of the whole filtered timeline (or ``limit`` of them), batch by batch."""
    left = limit
    while left is None or left > 0:
        size = batch_size if left is None else min(batch_size, left)
        with read_only(engine) as conn:
            rows = _fetch(conn, flt, order, cursor, size)
        if not rows:
            return
        yield [r[0] for r in rows]
        if len(rows) < size:
            return
        cursor = _cursor_of(rows[-1], order)
        if left is not None:
            left -= len(rows)
