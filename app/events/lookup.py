"""The clustering look-up: which stored timeline events a new event mention could be reporting.

A candidate has the mention's CAMEO root, at least one shared participant (the
matcher requires one) and a window within the slack of the mention's: it ends
after ``reach`` (the mention's start minus the slack) and starts before
``until`` (its end plus the slack).  As a key's window is at most its class's
bound long (``app.events.keys.WINDOW_CLASS_DAYS``), its end is also at most
``until`` + that bound.  So per participant and class the candidates are one
short range of the ``cluster_keys`` index, which holds only events with that
participant: the ranges hold a few keys each, however large the store.

Two statements per article: the key ranges of all its mentions give event ids
(``_sqlite_keys`` / ``_postgres_keys``), then each event found is read once,
however many mentions found it (``_rows_by_id``).  Neither backend is asked for
an ``IN`` list or an ``OR`` of ranges over SQLite: SQLite answers each with a
temporary B-tree, and creating those cost several times the index seeks.
PostgreSQL gets its ranges as arrays, so its statement text never changes (a
long, changing text is parsed anew by psycopg at every call, and planned anew).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import (
    Date,
    Integer,
    SmallInteger,
    String,
    Table,
    any_,
    bindparam,
    literal_column,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from app.db.direct import DirectSelect, session_connection
from app.events.keys import WINDOW_CLASS_DAYS
from app.models import ClusterKey, TimelineEvent

__all__ = ["CANDIDATE_COLUMNS", "CANDIDATE_LIMIT", "CandidateQuery", "candidate_clusters"]

_TE = cast(Table, TimelineEvent.__table__).c
_CK = cast(Table, ClusterKey.__table__).c
#: What the matcher reads of a candidate (``app.events.clustering._features``); what updating an
#: event it joins needs besides is read for the joined events alone
#: (``app.events.repository.joined_rows``), as most candidates are not joined.
CANDIDATE_COLUMNS = (
    _TE.id,
    _TE.cameo,
    _TE.label,
    _TE.modality,
    _TE.actors,
    _TE.targets,
    _TE.earliest,
    _TE.latest,
    _TE.best,
    _TE.granularity,
)
#: Most candidates considered per mention (lowest ids first).
CANDIDATE_LIMIT = 200
#: SQLite: participant codes are bound in groups of this many, the rest NULL (see ``_sqlite_keys``).
CODE_SLOTS = 4
#: SQLite: ids are bound in groups of this many, the rest NULL (see ``_rows_by_id``).
ID_SLOTS = 16
#: SQLite: most index ranges in one statement (it allows 500 parts in a compound SELECT).
RANGES_PER_STATEMENT = 480
#: The end of the last key class's range, which has no bound.
_NO_END = date(9999, 12, 31)


@dataclass(frozen=True, slots=True)
class CandidateQuery:
    """The look-up of one event mention: CAMEO root, window, participants."""

    cameo_root: str
    earliest: date
    latest: date
    participants: frozenset[str]

    def window(self, slack_days: int) -> tuple[date, date, list[date]]:
        """``reach``, ``until``, and the end of the range of each key class."""
        until = self.latest + timedelta(days=slack_days)
        ends = [until + timedelta(days=bound) for bound in WINDOW_CLASS_DAYS] + [_NO_END]
        return self.earliest - timedelta(days=slack_days), until, ends


def candidate_clusters(
    session: Session, queries: list[CandidateQuery], *, slack_days: int
) -> list[list[Any]]:
    """For each query, the stored timeline events that could be the same event, lowest ids first
    (at most ``CANDIDATE_LIMIT``); each a row of ``CANDIDATE_COLUMNS``."""
    asked = [q for q in queries if q.participants]
    if not asked:
        return [[] for _ in queries]
    postgres = session_connection(session).dialect.name == "postgresql"
    found = (_postgres_keys if postgres else _sqlite_keys)(session, asked, slack_days)
    chosen = [sorted(ids)[:CANDIDATE_LIMIT] for ids in found]
    rows = _rows_by_id(session, sorted(set().union(*chosen)), postgres)
    by_query = iter(chosen)
    return [[rows[i] for i in next(by_query)] if q.participants else [] for q in queries]


def _sqlite_keys(session: Session, queries: list[CandidateQuery], slack_days: int) -> list[set[int]]:
    """The ids of the events each query's key ranges hold: ``UNION ALL`` statements of plain ranges."""
    found: list[set[int]] = [set() for _ in queries]
    per_statement = max(1, RANGES_PER_STATEMENT // (CODE_SLOTS * (len(WINDOW_CLASS_DAYS) + 1)))
    for first in range(0, len(queries), per_statement):
        params: dict[str, Any] = {}
        widths = []
        for slot, query in enumerate(queries[first : first + per_statement]):
            reach, until, ends = query.window(slack_days)
            params.update({f"root_{slot}": query.cameo_root, f"reach_{slot}": reach, f"until_{slot}": until})
            params.update((f"end_{slot}_{key_class}", end) for key_class, end in enumerate(ends))
            codes: list[str | None] = list(sorted(query.participants))
            width = -(-len(codes) // CODE_SLOTS) * CODE_SLOTS
            codes += [None] * (width - len(codes))  # a NULL code matches no key, and costs no index seek
            params.update((f"code_{slot}_{n}", code) for n, code in enumerate(codes))
            widths.append(width)
        for event_id, slot in _sqlite_keys_statement(tuple(widths)).tuples(session, params):
            found[first + slot].add(event_id)
    return found


@functools.lru_cache(maxsize=256)
def _sqlite_keys_statement(widths: tuple[int, ...]) -> DirectSelect:
    """The key ranges of several mentions (``widths``: how many codes each binds), one ``UNION ALL``
    part each: ``(timeline_event_id, slot)`` of every key found.

    Built once per shape, with a fixed number of code parameters: building and
    compiling the statement costs more than answering it, and a text that
    changed with every code count would miss the prepared-statement cache.
    """
    parts = [
        select(_CK.timeline_event_id, literal_column(str(slot)).label("slot")).where(
            _CK.cameo_root == bindparam(f"root_{slot}"),
            _CK.participant == bindparam(f"code_{slot}_{n}", type_=_CK.participant.type),
            _CK.window_class == literal_column(str(key_class)),
            _CK.latest >= bindparam(f"reach_{slot}"),
            _CK.latest <= bindparam(f"end_{slot}_{key_class}", type_=_CK.latest.type),
            _CK.earliest <= bindparam(f"until_{slot}"),
        )
        for slot, width in enumerate(widths)
        for n in range(width)
        for key_class in range(len(WINDOW_CLASS_DAYS) + 1)
    ]
    return DirectSelect(parts[0] if len(parts) == 1 else union_all(*parts))


def _postgres_keys(session: Session, queries: list[CandidateQuery], slack_days: int) -> list[set[int]]:
    """The ids of the events each query's key ranges hold: one statement, the ranges as arrays."""
    columns: dict[str, list[Any]] = {name: [] for name in _RANGE_COLUMNS}
    for slot, query in enumerate(queries):
        reach, until, ends = query.window(slack_days)
        for code in sorted(query.participants):
            for key_class, end in enumerate(ends):
                for name, value in zip(
                    _RANGE_COLUMNS, (slot, query.cameo_root, code, key_class, reach, end, until), strict=True
                ):
                    columns[name].append(value)
    found: list[set[int]] = [set() for _ in queries]
    for event_id, slot in _POSTGRES_KEYS.tuples(session, columns):
        found[slot].add(event_id)
    return found


#: One row per index range: its mention, and the bounds of the range.
_RANGE_COLUMNS = {
    "slot": Integer,
    "root": String,
    "code": String,
    "key_class": SmallInteger,
    "reach": Date,
    "range_end": Date,
    "until": Date,
}
_POSTGRES_KEYS = DirectSelect(
    text(
        "SELECT k.timeline_event_id, q.slot "
        "FROM unnest(:slot, :root, :code, :key_class, :reach, :range_end, :until) "
        "AS q(slot, root, code, key_class, reach, range_end, until) "
        "JOIN cluster_keys k ON k.cameo_root = q.root AND k.participant = q.code "
        "AND k.window_class = q.key_class AND k.latest >= q.reach AND k.latest <= q.range_end "
        "AND k.earliest <= q.until"
    )
    .bindparams(*(bindparam(name, type_=ARRAY(kind)) for name, kind in _RANGE_COLUMNS.items()))
    .columns(timeline_event_id=Integer, slot=Integer)
)


def _rows_by_id(session: Session, ids: list[int], postgres: bool) -> dict[int, Any]:
    """The candidate columns of these timeline events, by id: one primary-key read each."""
    if not ids:
        return {}
    if postgres:
        return {row.id: row for row in _POSTGRES_ROWS.all(session, {"ids": ids})}
    rows: dict[int, Any] = {}
    for first in range(0, len(ids), ID_SLOTS):
        chunk = ids[first : first + ID_SLOTS]
        params = {f"id_{n}": chunk[n] if n < len(chunk) else None for n in range(ID_SLOTS)}
        rows.update((row.id, row) for row in _SQLITE_ROWS.all(session, params))
    return rows


_SQLITE_ROWS = DirectSelect(
    union_all(
        *(
            select(*CANDIDATE_COLUMNS).where(_TE.id == bindparam(f"id_{n}", type_=Integer))
            for n in range(ID_SLOTS)
        )
    )
)
_POSTGRES_ROWS = DirectSelect(
    select(*CANDIDATE_COLUMNS).where(_TE.id == any_(bindparam("ids", type_=ARRAY(Integer))))
)
