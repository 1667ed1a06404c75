"""SQL for sources, feed items and ingest runs; nothing here commits (the caller's scope does)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.ingest.feeds import FeedEntry
from app.ingest.runner import RunSummary
from app.models import FeedItem, IngestRun, Source

__all__ = [
    "add_source",
    "find_source",
    "list_sources",
    "remove_source",
    "get_sources",
    "source_fetched",
    "source_failed",
    "record_entries",
    "get_items",
    "finish_item",
    "retry_item",
    "pending_items",
    "start_run",
    "finish_run",
    "list_runs",
]


def add_source(
    session: Session, *, url: str, kind: str, title: str | None, interval_seconds: int, now: datetime
) -> tuple[Source, bool]:
    """Insert a source (due at once); an already listed URL is returned unchanged with ``False``."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    values = {
        "url": url,
        "kind": kind,
        "title": title,
        "interval_seconds": interval_seconds,
        "enabled": True,
        "next_due_at": now,
        "created_at": now,
    }
    created = session.execute(
        insert(Source).values(values).on_conflict_do_nothing(index_elements=["url"]).returning(Source.id)
    ).first()
    source = session.scalars(select(Source).where(Source.url == url)).one()
    return source, created is not None


def find_source(session: Session, ref: str) -> Source | None:
    """A source by id or by URL."""
    if ref.isdigit():
        return session.get(Source, int(ref))
    return session.scalars(select(Source).where(Source.url == ref)).first()


def list_sources(session: Session) -> Sequence[tuple[Source, int, int]]:
    """Every source with its item count and pending item count."""
    pending = func.count(FeedItem.id).filter(FeedItem.state == "pending")
    stmt = (
        select(Source, func.count(FeedItem.id), pending)
        .outerjoin(FeedItem, FeedItem.source_id == Source.id)
        .group_by(Source.id)
        .order_by(Source.id)
    )
    return [(s, int(n), int(p or 0)) for s, n, p in session.execute(stmt).all()]


def remove_source(session: Session, source_id: int) -> None:
    """Delete a source and its feed items (stored articles stay)."""
    session.execute(delete(FeedItem).where(FeedItem.source_id == source_id))
    session.execute(delete(Source).where(Source.id == source_id))


def get_sources(session: Session, ids: list[int]) -> Sequence[Source]:
    return session.scalars(select(Source).where(Source.id.in_(ids)).order_by(Source.id)).all()


def _release(source: Source, now: datetime) -> None:
    source.claimed_by = None
    source.claimed_until = None
    source.last_fetched_at = now
    source.next_due_at = now + timedelta(seconds=source.interval_seconds)


def source_fetched(
    session: Session,
    source: Source,
    *,
    status: str,
    etag: str | None,
    last_modified: str | None,
    title: str | None,
    now: datetime,
) -> None:
    """Remember a successful poll: validators for the next conditional request, next due time."""
    _release(source, now)
    source.last_status, source.last_error = status, None
    if etag is not None or last_modified is not None:
        source.etag, source.last_modified = etag, last_modified
    if title and not source.title:
        source.title = title
    session.flush()


def source_failed(session: Session, source: Source, *, error: str, now: datetime) -> None:
    """Remember a failed poll; the source is tried again at its next interval."""
    _release(source, now)
    source.last_status, source.last_error = "error", error[:2000]
    session.flush()


def record_entries(session: Session, source_id: int, entries: list[FeedEntry], now: datetime) -> int:
    """Insert entries not seen before (unique per source and key); how many were new."""
    if not entries:
        return 0
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    rows = [
        {
            "source_id": source_id,
            "item_key": e.key,
            "url": e.url,
            "title": e.title,
            "feed_published_at": e.published_at,
            "content": e.content,
            "state": "pending",
            "attempts": 0,
            "discovered_at": now,
        }
        for e in entries
    ]
    stmt = insert(FeedItem).values(rows).on_conflict_do_nothing(index_elements=["source_id", "item_key"])
    return len(session.execute(stmt.returning(FeedItem.id)).all())


def get_items(session: Session, ids: list[int]) -> Sequence[FeedItem]:
    return session.scalars(select(FeedItem).where(FeedItem.id.in_(ids)).order_by(FeedItem.id)).all()


def finish_item(
    session: Session,
    item_id: int,
    *,
    owner: str,
    state: str,
    article_id: int | None,
    error: str | None,
    now: datetime,
) -> bool:
    """Settle a claimed item; False when the claim was lost (its lease ran out and another run took it)."""
    result = session.execute(
        update(FeedItem)
        .where(FeedItem.id == item_id, FeedItem.claimed_by == owner)
        .values(
            state=state,
            article_id=article_id,
            last_error=error,
            processed_at=now,
            claimed_by=None,
            claimed_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def retry_item(
    session: Session, item_id: int, *, owner: str, retry_owner: str, error: str, not_before: datetime
) -> bool:
    """Leave a claimed item pending, parked until ``not_before`` (a back-off no run will claim early)."""
    result = session.execute(
        update(FeedItem)
        .where(FeedItem.id == item_id, FeedItem.claimed_by == owner)
        .values(last_error=error[:2000], claimed_by=retry_owner, claimed_until=not_before)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def pending_items(session: Session, now: datetime) -> int:
    """Items waiting for a run and claimable now."""
    stmt = (
        select(func.count())
        .select_from(FeedItem)
        .where(FeedItem.state == "pending")
        .where((FeedItem.claimed_by.is_(None)) | (FeedItem.claimed_until < now))
    )
    return int(session.execute(stmt).scalar_one())


def start_run(session: Session, origin: str, now: datetime) -> int:
    """Record a run as started; its id."""
    run = IngestRun(origin=origin[:1024], status="running", started_at=now, errors=[])
    session.add(run)
    session.flush()
    return run.id


def finish_run(session: Session, summary: RunSummary, now: datetime) -> None:
    """Record a run's counts and errors; status ``ok`` or ``partial`` (some items failed)."""
    values: dict[str, Any] = {
        "finished_at": now,
        "status": "partial" if summary.failed else "ok",
        "new_count": summary.new,
        "duplicate_count": summary.duplicate,
        "not_coded_count": summary.not_coded,
        "failed_count": summary.failed,
        "errors": summary.errors[:1000],
    }
    session.execute(
        update(IngestRun)
        .where(IngestRun.id == summary.run_id)
        .values(values)
        .execution_options(synchronize_session=False)
    )


def list_runs(session: Session, limit: int) -> Sequence[IngestRun]:
    """The most recent runs, newest first."""
    return session.scalars(select(IngestRun).order_by(IngestRun.id.desc()).limit(limit)).all()
