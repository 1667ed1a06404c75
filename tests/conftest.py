"""Fixtures: every database test runs on SQLite and on PostgreSQL.

SQLite: a file per test, copied from one migrated template (fast, isolated).
PostgreSQL: one database per test worker, migrated once, emptied between tests.
Set ``PARLEY_TEST_POSTGRES_URL`` to choose the server; without a reachable
server the PostgreSQL cases skip with a message, unless
``PARLEY_REQUIRE_POSTGRES=1`` (as ``.ci/run`` sets), which makes them fail loudly.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from app.db import migrate
from app.db.base import Base
from app.db.engine import make_engine
from app.main import create_app
from app.settings import PROJECT_ROOT, Settings

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HOW_TO_ENABLE = (
    "PostgreSQL tests skipped: no server at {url}. Start PostgreSQL and set "
    "PARLEY_TEST_POSTGRES_URL=postgresql+psycopg://USER@HOST:PORT/DB to run them."
)


def _pg_admin_url() -> str:
    return os.environ.get("PARLEY_TEST_POSTGRES_URL", DEFAULT_PG)


def _pg_reachable(url: str) -> str | None:
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return None
    except Exception as exc:  # any failure to connect means "not available"
        return f"{type(exc).__name__}: {exc}"
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def postgres_url(worker_id: str) -> Iterator[str]:
    """A PostgreSQL database of this test worker's own, migrated to head."""
    admin = _pg_admin_url()
    problem = _pg_reachable(admin)
    if problem:
        if os.environ.get("PARLEY_REQUIRE_POSTGRES") == "1":
            pytest.fail(
                f"PostgreSQL required (PARLEY_REQUIRE_POSTGRES=1) but unreachable at {admin}: {problem}"
            )
        pytest.skip(HOW_TO_ENABLE.format(url=admin))
    name = f"parley_test_{worker_id}_{os.getpid()}".replace("-", "_")
    admin_engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    with admin_engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin_engine.dispose()


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    """The xdist worker name, or 'main' without xdist."""
    return str(getattr(request.config, "workerinput", {}).get("workerid", "main"))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "parley.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def _empty_postgres(url: str) -> None:
    engine = make_engine(url)
    if migrate.current_revision(engine) != migrate.head_revision():
        migrate.upgrade(engine)  # a previous test migrated down
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A migrated, empty database on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "parley.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    _empty_postgres(url)
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings for a service on the test database (already migrated; no seeding unless asked)."""
    return Settings(
        database_url=database_url,
        data_dir=tmp_path,
        seed_dir=PROJECT_ROOT / "seeds",
        seed_on_start=False,
        migrate_on_start=False,
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """An HTTP client (httpx under Starlette's TestClient) on a running app over the test database."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows per table: compared before and after refused input."""
    with engine.connect() as conn:
        return {
            t.name: int(conn.execute(text(f'SELECT COUNT(*) FROM "{t.name}"')).scalar_one())
            for t in Base.metadata.sorted_tables
        }


def sqlite_write_lock_free(path: str) -> bool:
    """True when no connection holds the SQLite file's write lock (a second writer starts at once)."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # fails at once while another writer holds the lock
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def watch_write_lock_during_extraction(database_url: str, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record, at each run of the language layer, whether the SQLite write lock was free (skip elsewhere)."""
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's database-wide write lock")
    import app.ingest.pipeline as pipeline

    path = make_url(database_url).database
    assert path
    original = pipeline.extract  # type: ignore[attr-defined]
    free: list[bool] = []

    def extract_and_probe(*args: object) -> object:
        free.append(sqlite_write_lock_free(path))
        return original(*args)

    monkeypatch.setattr(pipeline, "extract", extract_and_probe)
    return free
