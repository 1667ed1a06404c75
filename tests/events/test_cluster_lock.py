"""Clustering locks a CAMEO root once per transaction on PostgreSQL, and again in the next one."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from app.db.engine import make_engine
from app.db.session import make_sessionmaker, write_scope
from app.events.repository import lock_clustering


@pytest.mark.postgres
def test_one_lock_statement_per_root_and_transaction(postgres_url: str) -> None:
    engine = make_engine(postgres_url)  # advisory locks are PostgreSQL's; SQLite writers hold the file lock
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "pg_advisory_xact_lock" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    sessions = make_sessionmaker(engine)
    with write_scope(sessions) as session:
        for root in ("03", "03", "13", "03"):
            lock_clustering(session, root)
    assert len(seen) == 2
    with write_scope(sessions) as session:
        lock_clustering(session, "03")
    assert len(seen) == 3
    event.remove(engine, "before_cursor_execute", record)
    engine.dispose()
