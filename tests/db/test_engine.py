"""Engine settings per backend: SQLite in WAL with foreign keys, temp store in memory and a queue pool;
writers lock at BEGIN."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.pool import QueuePool

from app.db.engine import make_engine
from app.db.session import make_sessionmaker, session_scope, write_scope


def test_sqlite_file_has_wal_foreign_keys_and_queue_pool(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA temp_store")).scalar_one() == 2  # memory
    assert isinstance(engine.pool, QueuePool)
    assert (tmp_path / "sub" / "x.db").exists()
    engine.dispose()


def test_sqlite_writers_queue_instead_of_failing(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE counter (n INTEGER)"))
        conn.execute(text("INSERT INTO counter VALUES (0)"))
    sessions = make_sessionmaker(engine)
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def bump() -> None:
        try:
            start.wait()
            for _ in range(20):
                with write_scope(sessions) as session:
                    n = session.execute(text("SELECT n FROM counter")).scalar_one()
                    session.execute(text("UPDATE counter SET n = :n"), {"n": n + 1})
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with session_scope(sessions) as session:
        assert session.execute(text("SELECT n FROM counter")).scalar_one() == 160
    engine.dispose()


def test_session_scope_rolls_back_on_error(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    sessions = make_sessionmaker(engine)
    try:
        with session_scope(sessions) as session:
            session.execute(text("INSERT INTO t VALUES (1)"))
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with session_scope(sessions) as session:
        assert session.execute(text("SELECT COUNT(*) FROM t")).scalar_one() == 0
    engine.dispose()
