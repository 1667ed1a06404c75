"""``parley db upgrade|downgrade|current``: Alembic migrations of the configured database."""

from __future__ import annotations

import typer

from app.cli.context import database
from app.db import migrate

__all__ = ["db_app"]

db_app = typer.Typer(help="Database migrations (Alembic).", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(revision: str = typer.Argument("head", help="Target revision.")) -> None:
    """Migrate the database up to REVISION (default: head)."""
    with database() as (engine, _):
        migrate.upgrade(engine, revision)
        print(f"database at {migrate.current_revision(engine)}")


@db_app.command("downgrade")
def downgrade(
    revision: str = typer.Argument("base", help="Target revision; 'base' removes every table."),
) -> None:
    """Migrate the database down to REVISION (default: base)."""
    with database() as (engine, _):
        migrate.downgrade(engine, revision)
        print(f"database at {migrate.current_revision(engine) or 'base'}")


@db_app.command("current")
def current() -> None:
    """Print the database's revision and the newest one this code ships."""
    with database() as (engine, _):
        print(f"current={migrate.current_revision(engine) or 'base'} head={migrate.head_revision()}")
