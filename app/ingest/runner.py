"""An ingest run: store validated articles one transaction each, and record the run.

Each article is its own unit of work, so one failure never undoes the others and
a re-run after a crash only adds what is missing (duplicates are recognised by
the database's unique keys).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from app.db.session import write_scope
from app.ingest.files import SourcedArticle
from app.ingest.pipeline import store_article
from app.kit.clock import utcnow
from app.models import IngestRun

__all__ = ["RunSummary", "ingest_articles"]

log = logging.getLogger("parley.ingest")


@dataclass
class RunSummary:
    """Counts of one run, and the error of each failed item."""

    run_id: int = 0
    new: int = 0
    duplicate: int = 0
    not_coded: int = 0
    failed: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def line(self) -> str:
        """One machine-readable line for logs and cron mail."""
        return (
            f"run={self.run_id} new={self.new} duplicate={self.duplicate} "
            f"not_coded={self.not_coded} failed={self.failed}"
        )


def _start_run(sessions: sessionmaker[Session], origin: str) -> int:
    with write_scope(sessions) as session:
        run = IngestRun(origin=origin[:1024], status="running", started_at=utcnow(), errors=[])
        session.add(run)
        session.flush()
        return run.id


def _finish_run(sessions: sessionmaker[Session], summary: RunSummary) -> None:
    with write_scope(sessions) as session:
        run = session.get(IngestRun, summary.run_id)
        assert run is not None
        run.finished_at = utcnow()
        run.status = "failed" if summary.failed else "ok"
        run.new_count, run.duplicate_count = summary.new, summary.duplicate
        run.not_coded_count, run.failed_count = summary.not_coded, summary.failed
        run.errors = summary.errors[:1000]


def ingest_articles(sessions: sessionmaker[Session], items: list[SourcedArticle], origin: str) -> RunSummary:
    """Store every item in its own transaction; return what happened."""
    summary = RunSummary(run_id=_start_run(sessions, origin))
    for item in items:
        try:
            with write_scope(sessions) as session:
                result = store_article(session, item.article)
        except Exception as exc:  # one bad article must not stop the run; it is recorded
            log.exception("failed to store %s", item.where)
            summary.failed += 1
            summary.errors.append({"where": item.where, "error": f"{type(exc).__name__}: {exc}"})
            continue
        if result.duplicate:
            summary.duplicate += 1
        elif not result.mentions:
            summary.new += 1
            summary.not_coded += 1
        else:
            summary.new += 1
    _finish_run(sessions, summary)
    return summary
