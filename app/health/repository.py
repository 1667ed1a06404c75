"""The one query health needs: the migration the database is at (None before the first)."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

__all__ = ["database_revision"]


def database_revision(engine: Engine) -> str | None:
    """The revision in ``alembic_version``; raises when the database cannot be reached."""
    with engine.connect() as conn:
        try:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        except DBAPIError:
            if conn.in_transaction():
                conn.rollback()
            conn.execute(text("SELECT 1"))  # reachable, merely never migrated
            return None
    return str(row[0]) if row else None
