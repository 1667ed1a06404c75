"""An ingest run: store validated articles in batches, and record the run.

The language layer runs before a batch's write transaction, so the write lock
(SQLite) and clustering locks (PostgreSQL) are held only for the writes, and one
commit covers up to ``BATCH`` articles.  Each article is its own savepoint, so one
failure never undoes the others and nothing is half-stored; a run killed
mid-way loses at most its open batch, which the next run stores (duplicates are
recognised by the database's unique keys, so nothing is stored twice).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from app.articles import repository as articles
from app.db.session import session_scope, write_scope
from app.events import repository as events_repo
from app.ingest.files import SourcedArticle
from app.ingest.pipeline import PreparedArticle, StoreResult, keys, prepare, store_prepared
from app.ingest.rows import actor_rows
from app.kit.clock import utcnow
from app.models import IngestRun

__all__ = ["RunSummary", "ingest_articles", "BATCH"]

log = logging.getLogger("parley.ingest")
#: Articles per write transaction: enough to spread a commit (an fsync, a round trip) thin,
#: few enough that the locks are held for milliseconds.
BATCH = 32


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


def ingest_articles(
    sessions: sessionmaker[Session], items: list[SourcedArticle], origin: str, *, batch: int = BATCH
) -> RunSummary:
    """Store every item, ``batch`` articles per transaction, one savepoint each; return what happened."""
    summary = RunSummary(run_id=_start_run(sessions, origin))
    known_actors: set[str] = set()
    for start in range(0, len(items), batch):
        _ingest_batch(sessions, items[start : start + batch], summary, known_actors)
    _finish_run(sessions, summary)
    return summary


Outcome = StoreResult | Exception


def _ingest_batch(
    sessions: sessionmaker[Session], items: list[SourcedArticle], summary: RunSummary, known_actors: set[str]
) -> None:
    """Read which items are stored already, extract the others, then write them in one transaction."""
    keyed = [(item, *keys(item.article)) for item in items]
    with session_scope(sessions) as session:
        urls, hashes = articles.stored_keys(
            session,
            canonical_urls={url_key for _, url_key, _ in keyed if url_key},
            content_hashes={digest for _, _, digest in keyed},
        )
    todo: list[tuple[SourcedArticle, PreparedArticle]] = []
    for item, url_key, digest in keyed:
        if digest in hashes or (url_key is not None and url_key in urls):
            summary.duplicate += 1
            continue
        try:
            todo.append((item, prepare(item.article, url_key, digest)))
        except Exception as exc:  # the language layer failed on this text: recorded, the run goes on
            _record(summary, item, exc)
    if not todo:
        return
    try:
        outcomes = _write(sessions, todo, known_actors)
    except Exception as exc:  # the batch's transaction failed as a whole: each article on its own
        if len(todo) == 1:
            _record(summary, todo[0][0], exc)
            return
        outcomes = []
        for pair in todo:
            try:
                outcomes += _write(sessions, [pair], known_actors)
            except Exception as single:
                outcomes.append(single)
    for (item, _), outcome in zip(todo, outcomes, strict=True):
        _record(summary, item, outcome)


def _write(
    sessions: sessionmaker[Session],
    todo: list[tuple[SourcedArticle, PreparedArticle]],
    known_actors: set[str],
) -> list[Outcome]:
    """Store prepared articles in one write transaction, each in its own savepoint.

    An article that fails is rolled back to its savepoint and reported; the
    others commit.  The actors of the whole batch are stored first and the
    clustering locks of all its CAMEO roots taken in one order, so concurrent
    writers cannot deadlock on them.
    """
    outcomes: list[Outcome] = []
    extractions = [prepared.extraction for _, prepared in todo]
    actors = {c: v for c, v in actor_rows(extractions).items() if c not in known_actors}
    with write_scope(sessions) as session:
        events_repo.ensure_actors(session, actors)
        events_repo.lock_clustering_roots(session, {e.cameo[:2] for x in extractions for e in x.events})
        for item, prepared in todo:
            try:
                outcomes.append(store_prepared(session, prepared, actors_ready=True))
            except Exception as exc:  # rolled back to its savepoint; the batch goes on
                log.exception("failed to store %s", item.where)
                outcomes.append(exc)
    known_actors.update(actors)  # committed now
    return outcomes


def _record(summary: RunSummary, item: SourcedArticle, outcome: Outcome) -> None:
    if isinstance(outcome, Exception):
        summary.failed += 1
        summary.errors.append({"where": item.where, "error": f"{type(outcome).__name__}: {outcome}"})
    elif outcome.duplicate:
        summary.duplicate += 1
    elif not outcome.mentions:
        summary.new += 1
        summary.not_coded += 1
    else:
        summary.new += 1
