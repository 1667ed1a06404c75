"""Direct statements store what Core stores, return ids in order, and raise SQLAlchemy's errors."""

from __future__ import annotations

from typing import Any, cast

import pytest
from sqlalchemy import Engine, Table, insert, select
from sqlalchemy.exc import IntegrityError

from app.db.direct import direct_insert, direct_update
from app.db.session import make_sessionmaker, write_scope
from app.kit.clock import utcnow
from app.models import Actor, TimelineEvent

ACTORS = cast(Table, Actor.__table__)
EVENTS = cast(Table, TimelineEvent.__table__)


def _event(label: str) -> dict[str, Any]:
    from datetime import date

    day = date(2025, 5, 12)
    return {
        "cameo": "036",
        "cameo_root": "03",
        "label": label,
        "modality": "asserted",
        "earliest": day,
        "latest": day,
        "best": day,
        "granularity": "day",
        "display": "12 May 2025",
        "actors": ["RUS", "UKR"],
        "targets": [],
        "mention_count": 1,
        "first_reported_at": utcnow(),
        "updated_at": utcnow(),
        "merge_state": {"lead": [1, 0.9]},
    }


def test_rows_read_back_as_core_wrote_them_and_ids_come_in_order(engine: Engine) -> None:
    sessions = make_sessionmaker(engine)
    rows = [_event(f"talks {n}") for n in range(3)]
    with write_scope(sessions) as session:
        ids = direct_insert(EVENTS, tuple(rows[0])).ids(session, rows)
        core_id = session.execute(insert(EVENTS).values(_event("core")).returning(EVENTS.c.id)).scalar_one()
        direct_update(EVENTS, ("label", "merge_state")).rows(
            session, [{"tid": ids[1], "label": "updated", "merge_state": {"lead": [2, 0.8]}}]
        )
    assert ids == sorted(ids) and len(set(ids)) == 3
    with engine.connect() as conn:
        stored = {r.id: r for r in conn.execute(select(EVENTS))}
    assert [stored[i].label for i in ids] == ["talks 0", "updated", "talks 2"]
    assert stored[ids[1]].merge_state == {"lead": [2, 0.8]}
    direct, core = stored[ids[0]], stored[core_id]
    for column in ("earliest", "latest", "best", "actors", "targets", "first_reported_at"):
        assert type(getattr(direct, column)) is type(getattr(core, column)), column
    assert (direct.earliest, direct.actors) == (core.earliest, core.actors)


def test_a_unique_violation_is_sqlalchemys_integrity_error(engine: Engine) -> None:
    sessions = make_sessionmaker(engine)
    row = {"code": "RUS", "name": "Russia", "kind": "state"}
    with pytest.raises(IntegrityError), write_scope(sessions) as session:
        direct_insert(ACTORS, tuple(row)).rows(session, [row, row])
    with engine.connect() as conn:
        assert conn.execute(select(ACTORS.c.code)).all() == []


def test_sqlite_datetimes_bound_as_the_type_formats_them() -> None:
    from datetime import date, datetime, timedelta, timezone

    from sqlalchemy.dialects.sqlite import DATETIME
    from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect

    from app.db.direct import _bind

    dialect = sqlite_dialect()
    fast, own = _bind(DATETIME(), dialect), DATETIME().bind_processor(dialect)
    assert fast is not None and own is not None
    values = [
        datetime(2025, 4, 22),
        datetime(999, 12, 31, 23, 59, 59, 999999),
        datetime(2025, 4, 22, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=5))),
        date(2020, 1, 2),
        None,
    ]
    assert [fast(v) for v in values] == [own(v) for v in values]
