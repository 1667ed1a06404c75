"""The one owner of the transaction.

The request dependency and the CLI's ``session_scope`` commit on success and
roll back on any error; nothing else in the code base calls ``commit()``.
An article and everything extracted from it therefore land together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.db.engine import WRITE_LOCK_OPTION

__all__ = ["make_sessionmaker", "session_scope", "write_scope"]


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded attributes after commit (responses are built after it)."""
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A unit of work: commit when the block succeeds, roll back when it raises."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def write_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Like ``session_scope`` but announces a writer, so SQLite takes its lock up front."""
    with session_scope(factory) as session:
        session.connection(execution_options={WRITE_LOCK_OPTION: True})
        yield session
