"""``parley reprocess``: re-run the language pipeline over stored articles after it changed.

Each article is redone in its own short write transaction: its time mentions,
event mentions and relations are replaced, the timeline events they supported
are refreshed (or removed when nothing supports them any more), and its
``pipeline_version`` is stamped.  The extraction itself runs *before* that
transaction, so writers hold locks only for the writes; readers keep seeing the
old extraction until the new one commits (PostgreSQL MVCC, SQLite WAL), so the
timeline stays readable throughout.  The stamp is set with a guarded UPDATE
(``WHERE pipeline_version <> :current``), so two overlapping reprocess runs
redo each article once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.db.session import session_scope, write_scope
from app.events.clustering import refresh_cluster
from app.events.records import ArticleRef
from app.ingest import repository as repo
from app.ingest.pipeline import write_extraction
from app.ingest.runner import RunSummary
from app.kit.clock import utcnow
from app.language import PIPELINE_VERSION, extract
from app.models import Article, EventMention, EventRelation, TemporalMentionRow

__all__ = ["reprocess", "stale_articles", "BATCH"]

log = logging.getLogger("parley.reprocess")
BATCH = 200


def stale_articles(
    session: Session, *, version: str, after_id: int, limit: int, everything: bool
) -> Sequence[int]:
    """Ids of articles extracted by another pipeline version (or all with ``everything``), in id order."""
    stmt = select(Article.id).where(Article.id > after_id).order_by(Article.id).limit(limit)
    if not everything:
        stmt = stmt.where(Article.pipeline_version != version)
    return session.scalars(stmt).all()


def _clear_extraction(session: Session, article_id: int) -> set[int]:
    """Delete what was extracted from one article; the timeline events it supported."""
    clusters = set(
        session.scalars(
            select(EventMention.timeline_event_id).where(EventMention.article_id == article_id).distinct()
        )
    )
    session.execute(delete(EventRelation).where(EventRelation.article_id == article_id))
    session.execute(delete(EventMention).where(EventMention.article_id == article_id))
    session.execute(delete(TemporalMentionRow).where(TemporalMentionRow.article_id == article_id))
    return clusters


def _stamp_version(session: Session, article_id: int, version: str, everything: bool) -> bool:
    """Mark an article as extracted by ``version``; False when it already was (another run did it)."""
    guard = update(Article).where(Article.id == article_id)
    if not everything:
        guard = guard.where(Article.pipeline_version != version)
    result = session.execute(
        guard.values(pipeline_version=version).execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _redo(sessions: sessionmaker[Session], article_id: int, version: str, everything: bool) -> str:
    """Redo one article: 'new' (has events), 'not_coded', or 'skipped' (gone or done by another run)."""
    with session_scope(sessions) as session:
        row = session.get(Article, article_id)
        if row is None:
            return "skipped"
        text, published = row.text, row.published_date
    extraction = extract(text, published)
    with write_scope(sessions) as session:
        if not _stamp_version(session, article_id, version, everything):
            return "skipped"
        article = session.get(Article, article_id)
        assert article is not None
        old_clusters = _clear_extraction(session, article_id)
        session.flush()
        ref = ArticleRef.of(article.id, article)
        # joined events may have lost this article's old mentions: rebuild them, not update them
        mentions = write_extraction(session, ref, extraction, incremental=False)
        touched = {m.timeline_event_id for m in mentions}
        for cluster_id in sorted(old_clusters - touched):
            refresh_cluster(session, cluster_id)
        return "new" if mentions else "not_coded"


def reprocess(
    sessions: sessionmaker[Session],
    *,
    everything: bool = False,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    version: str = PIPELINE_VERSION,
) -> RunSummary:
    """Re-extract stale articles (all with ``everything``); recorded as an ingest run 'reprocess'."""
    with write_scope(sessions) as session:
        summary = RunSummary(run_id=repo.start_run(session, f"reprocess {version}", utcnow()))
    with session_scope(sessions) as session:
        total = len(
            stale_articles(session, version=version, after_id=0, limit=limit or 10**9, everything=everything)
        )
    after, done = 0, 0
    while limit is None or done < limit:
        with session_scope(sessions) as session:
            ids = stale_articles(session, version=version, after_id=after, limit=BATCH, everything=everything)
        if not ids:
            break
        for article_id in ids[: (limit - done) if limit is not None else None]:
            after = article_id
            try:
                outcome = _redo(sessions, article_id, version, everything)
            except Exception as exc:  # recorded; the article keeps its old extraction and stays stale
                log.exception("failed to reprocess article %s", article_id)
                summary.failed += 1
                summary.errors.append(
                    {"where": f"article {article_id}", "error": f"{type(exc).__name__}: {exc}"}
                )
                outcome = "failed"
            if outcome == "skipped":
                summary.duplicate += 1
            elif outcome != "failed":
                summary.new += 1
                summary.not_coded += outcome == "not_coded"
            done += 1
            if progress is not None:
                progress(done, total)
        after = ids[-1] if limit is None or done < limit else after
    with write_scope(sessions) as session:
        repo.finish_run(session, summary, utcnow())
    return summary
