"""What every command needs: settings, an engine, sessions; and the exit codes they share.

Exit codes: 0 all good, 1 some items failed, 2 usage or input error, 3 database unavailable.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.db.engine import make_engine
from app.db.session import make_sessionmaker
from app.errors import ParleyError
from app.settings import get_settings

__all__ = ["EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "EXIT_DATABASE", "database", "fail"]

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_DATABASE = 0, 1, 2, 3


def fail(message: str, code: int) -> typer.Exit:
    """Print ``message`` to stderr and return the exit to raise."""
    print(f"parley: {message}", file=sys.stderr)
    return typer.Exit(code)


@contextmanager
def database() -> Iterator[tuple[Engine, sessionmaker[Session]]]:
    """The configured database; errors become exit codes (3 when it cannot be reached)."""
    engine = make_engine(get_settings().resolved_database_url())
    try:
        yield engine, make_sessionmaker(engine)
    except OperationalError as exc:
        raise fail(f"database unavailable: {exc.orig or exc}", EXIT_DATABASE) from None
    except ParleyError as exc:
        raise fail(exc.detail, exc.exit_code) from None
    finally:
        engine.dispose()
