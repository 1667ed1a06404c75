"""Engines for the two supported backends.

SQLite: a file under the data directory, WAL journal, foreign keys on, a busy
timeout so overlapping writers wait instead of failing, temporary B-trees in
memory (a statement with more than three of them, such as the clustering
look-up with an ``IN`` list per index range, otherwise paid about 45 µs for each
further one, several times the look-up itself), and a normal queue pool
(the server recycles worker threads; ``SingletonThreadPool`` was seen to fail
when connections were closed from other threads).  PostgreSQL: psycopg 3 with
pre-ping so a restarted server does not poison the pool.  Both: JSON columns
encoded and decoded by orjson (``app.db.json_text``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool

from app.db import json_text

__all__ = ["make_engine", "is_sqlite", "WRITE_LOCK_OPTION"]


def is_sqlite(url: str) -> bool:
    """True when ``url`` names a SQLite database."""
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


WRITE_LOCK_OPTION = "parley_write_lock"


def _sqlite_begin(conn: Any) -> None:
    # Writers take the write lock at BEGIN so that two of them queue on the busy
    # timeout instead of one failing with "database is locked" when a deferred
    # read transaction tries to upgrade; readers stay deferred and never block.
    immediate = conn.get_execution_options().get(WRITE_LOCK_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Build an engine with the settings each backend needs."""
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            echo=echo,
            poolclass=QueuePool,
            pool_size=8,
            max_overflow=8,
            connect_args={"check_same_thread": False, "isolation_level": None, "timeout": 30},
            json_serializer=json_text.dumps,
            json_deserializer=json_text.loads,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        url,
        echo=echo,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        json_serializer=json_text.dumps,
        json_deserializer=json_text.loads,
    )
