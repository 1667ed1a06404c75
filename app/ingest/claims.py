"""Work claimed in the database, so overlapping cron runs never do the same item twice.

A claim is a row's ``claimed_by`` (``host:pid:token``) and ``claimed_until``
(a lease), written by one atomic statement that also picks the rows:

- PostgreSQL: ``UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING id``;
  a row another run is claiming at that instant is skipped, not waited for,
  and a claim that committed first is seen and respected.
- SQLite: the same ``UPDATE … RETURNING`` inside ``BEGIN IMMEDIATE`` (see
  ``write_scope``): writers are serialised by the database's write lock, so the
  select-and-mark is atomic without row locks.

A claim ends when its work is written (in the same transaction as the work),
when its lease runs out, or at once when its owner is known to be dead: a run
on the same host whose process no longer exists (a SIGKILLed cron run) has its
claims released by the next run, so resuming does not wait for the lease.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Select, or_, select, update
from sqlalchemy.orm import Session

from app.models import FeedItem, IngestRun, Source

__all__ = ["Owner", "claim_sources", "claim_items", "release_dead_claims", "pid_alive", "RETRY_OWNER"]

RETRY_OWNER = "retry"  # a failed item waiting for its back-off, claimed by nobody alive


@dataclass(frozen=True)
class Owner:
    """Who holds a claim: this process on this host, plus a token unique to the run."""

    host: str
    pid: int
    token: str

    @classmethod
    def current(cls) -> Owner:
        return cls(socket.gethostname()[:64], os.getpid(), uuid.uuid4().hex[:12])

    @property
    def name(self) -> str:
        return f"{self.host}:{self.pid}:{self.token}"

    @property
    def process(self) -> str:
        """The claim prefix shared by everything this process claims (also the run's origin suffix)."""
        return f"{self.host}:{self.pid}"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this host and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _claim(
    session: Session, table: type[Source] | type[FeedItem], pick: Select[Any], values: dict[str, Any]
) -> list[int]:
    """Mark the rows ``pick`` selects as claimed, atomically; their ids."""
    if _is_postgres(session):
        pick = pick.with_for_update(skip_locked=True)
    stmt = (
        update(table)
        .where(table.id.in_(pick.scalar_subquery()))
        .values(values)
        .returning(table.id)
        .execution_options(synchronize_session=False)
    )
    return sorted(session.scalars(stmt).all())


def claim_sources(
    session: Session, owner: Owner, *, now: datetime, lease: timedelta, limit: int
) -> list[int]:
    """Claim up to ``limit`` enabled sources that are due and not held by a live claim."""
    pick = (
        select(Source.id)
        .where(Source.enabled.is_(True), Source.next_due_at <= now)
        .where(or_(Source.claimed_by.is_(None), Source.claimed_until < now))
        .order_by(Source.next_due_at, Source.id)
        .limit(limit)
    )
    return _claim(session, Source, pick, {"claimed_by": owner.name, "claimed_until": now + lease})


def claim_items(session: Session, owner: Owner, *, now: datetime, lease: timedelta, limit: int) -> list[int]:
    """Claim up to ``limit`` pending feed items (oldest first); each claim counts as an attempt."""
    pick = (
        select(FeedItem.id)
        .where(FeedItem.state == "pending")
        .where(or_(FeedItem.claimed_by.is_(None), FeedItem.claimed_until < now))
        .order_by(FeedItem.id)
        .limit(limit)
    )
    values = {"claimed_by": owner.name, "claimed_until": now + lease, "attempts": FeedItem.attempts + 1}
    return _claim(session, FeedItem, pick, values)


def release_dead_claims(
    session: Session, host: str, alive: Callable[[int], bool] = pid_alive, *, current: str | None = None
) -> int:
    """Release claims of dead runs on ``host`` and mark their run records aborted; how many runs died.

    ``current`` is the calling process (``host:pid``): a claim carrying it was left by an earlier
    run that had this process id, so its owner is dead even though the id is alive (ids are reused).
    """
    prefix = f"{host}:"
    owners: set[str] = set()
    for table in (Source, FeedItem):
        rows = session.scalars(select(table.claimed_by).where(table.claimed_by.like(f"{prefix}%")).distinct())
        owners.update(r for r in rows if r)
    running = session.scalars(
        select(IngestRun.origin).where(IngestRun.status == "running", IngestRun.origin.like(f"due {prefix}%"))
    )
    processes = {o.rsplit(":", 1)[0] for o in owners} | {o.removeprefix("due ") for o in running}
    dead = {
        p
        for p in processes
        if p == current or (p.rsplit(":", 1)[-1].isdigit() and not alive(int(p.rsplit(":", 1)[-1])))
    }
    for process in dead:
        for table in (Source, FeedItem):
            session.execute(
                update(table)
                .where(table.claimed_by.like(f"{process}:%"))
                .values(claimed_by=None, claimed_until=None)
                .execution_options(synchronize_session=False)
            )
        session.execute(
            update(IngestRun)
            .where(IngestRun.status == "running", IngestRun.origin == f"due {process}")
            .values(status="aborted")
            .execution_options(synchronize_session=False)
        )
    return len(dead)
