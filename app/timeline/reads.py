"""A connection for one read, in autocommit.

A timeline page is one SELECT: wrapping it in BEGIN/COMMIT costs two more
round trips to PostgreSQL, more than the query itself (measured: six waits on
the server per page with a session, two without).  Nothing is written through
these connections, so there is no transaction to own or commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

__all__ = ["Reader", "read_only"]

Reader = Session | Connection


@contextmanager
def read_only(engine: Engine) -> Iterator[Connection]:
    """An autocommit connection from the pool, returned when the block ends."""
    with engine.connect() as conn:
        yield conn.execution_options(isolation_level="AUTOCOMMIT")
