"""Claims: exclusive between concurrent runs, respected while alive, released when their owner died."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.db.session import make_sessionmaker, session_scope, write_scope
from app.ingest import repository as repo
from app.ingest.claims import Owner, claim_items, claim_sources, pid_alive, release_dead_claims
from app.ingest.feeds import FeedEntry
from app.kit.clock import utcnow
from app.models import FeedItem, IngestRun, Source

LEASE = timedelta(minutes=10)


def _items(sessions: sessionmaker[Session], count: int) -> None:
    with write_scope(sessions) as session:
        source, _ = repo.add_source(
            session,
            url="https://news.example/rss",
            kind="feed",
            title=None,
            interval_seconds=900,
            now=utcnow(),
        )
        entries = [FeedEntry(f"k{n}", f"https://news.example/{n}", None, None, None) for n in range(count)]
        assert repo.record_entries(session, source.id, entries, utcnow()) == count
        assert repo.record_entries(session, source.id, entries, utcnow()) == 0  # unique per source and key


def test_concurrent_claims_never_overlap(engine: Engine) -> None:
    """Two runs claim while both transactions are open (PostgreSQL: SKIP LOCKED) or one after the other."""
    sessions = make_sessionmaker(engine)
    _items(sessions, 6)
    first, second = Owner("h", 1, "a"), Owner("h", 2, "b")
    now = utcnow()
    if engine.dialect.name == "postgresql":
        with session_scope(sessions) as one, session_scope(sessions) as two:
            mine = claim_items(one, first, now=now, lease=LEASE, limit=4)
            theirs = claim_items(two, second, now=now, lease=LEASE, limit=4)  # does not wait for `one`
    else:
        with write_scope(sessions) as one:
            mine = claim_items(one, first, now=now, lease=LEASE, limit=4)
        with write_scope(sessions) as two:
            theirs = claim_items(two, second, now=now, lease=LEASE, limit=4)
    assert len(mine) == 4 and len(theirs) == 2 and not set(mine) & set(theirs)
    with write_scope(sessions) as three:
        assert claim_items(three, Owner("h", 3, "c"), now=now, lease=LEASE, limit=4) == []


def test_an_expired_lease_can_be_taken_over(engine: Engine) -> None:
    sessions = make_sessionmaker(engine)
    _items(sessions, 1)
    now = utcnow()
    with write_scope(sessions) as session:
        assert len(claim_items(session, Owner("h", 1, "a"), now=now, lease=LEASE, limit=5)) == 1
    with write_scope(sessions) as session:
        assert claim_items(session, Owner("h", 2, "b"), now=now + LEASE / 2, lease=LEASE, limit=5) == []
        taken = claim_items(session, Owner("h", 2, "b"), now=now + LEASE * 2, lease=LEASE, limit=5)
        assert len(taken) == 1
        assert session.get(FeedItem, taken[0]).attempts == 2  # type: ignore[union-attr]


def test_sources_are_claimed_only_when_due(engine: Engine) -> None:
    sessions = make_sessionmaker(engine)
    _items(sessions, 0)
    now = utcnow()
    with write_scope(sessions) as session:
        (claimed,) = claim_sources(session, Owner("h", 1, "a"), now=now, lease=LEASE, limit=5)
        source = session.get(Source, claimed)
        assert source is not None
        repo.source_fetched(session, source, status="200", etag='"e"', last_modified=None, title="T", now=now)
    with write_scope(sessions) as session:
        assert claim_sources(session, Owner("h", 1, "a"), now=now, lease=LEASE, limit=5) == []
        assert claim_sources(session, Owner("h", 1, "a"), now=now + timedelta(hours=1), lease=LEASE, limit=5)


def test_claims_of_dead_processes_on_this_host_are_released(engine: Engine) -> None:
    sessions = make_sessionmaker(engine)
    _items(sessions, 3)
    now = utcnow()
    alive = {100: True, 200: False}
    with write_scope(sessions) as session:
        claim_items(session, Owner("here", 100, "live"), now=now, lease=LEASE, limit=1)
        claim_items(session, Owner("here", 200, "dead"), now=now, lease=LEASE, limit=1)
        claim_items(session, Owner("elsewhere", 200, "other-host"), now=now, lease=LEASE, limit=1)
        repo.start_run(session, "due here:200", now)
        repo.start_run(session, "due here:100", now)
    with write_scope(sessions) as session:
        assert release_dead_claims(session, "here", alive=lambda pid: alive[pid]) == 1
    with session_scope(sessions) as session:
        owners = sorted(o or "-" for o in session.scalars(select(FeedItem.claimed_by)))
        runs = {
            origin: status for origin, status in session.execute(select(IngestRun.origin, IngestRun.status))
        }
    assert owners == ["-", "elsewhere:200:other-host", "here:100:live"]
    assert runs == {"due here:200": "aborted", "due here:100": "running"}
    with write_scope(sessions) as session:  # a new run in process 100: claims left under that id are stale
        assert release_dead_claims(session, "here", alive=lambda pid: True, current="here:100") == 1
        assert session.scalars(select(FeedItem).where(FeedItem.claimed_by == "here:100:live")).first() is None


def test_pid_alive() -> None:
    import os

    assert pid_alive(os.getpid())
    assert not pid_alive(2**22 + 12345)
