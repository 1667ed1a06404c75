"""Articles: create (extract, then store in one write transaction) and read back."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from app.articles import repository
from app.articles.schemas import ArticleCreated, ArticleDetail, ArticleRead, EventMentionRead, TimexRead
from app.db.session import write_scope
from app.errors import NotFound
from app.events import repository as events_repository
from app.events.clustering import refresh_cluster
from app.ingest.article import parse_article
from app.ingest.pipeline import prepare_new, store_article
from app.kit.clock import as_utc
from app.models import Article, EventMention, TemporalMentionRow

__all__ = ["create_article", "read_article", "delete_article"]


def article_read(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "outlet": article.outlet,
        "language": article.language,
        "published": as_utc(article.published_at).isoformat(),
        "published_source": article.published_source,
        "published_flagged": article.published_flagged,
        "ingested_at": as_utc(article.ingested_at).isoformat(),
        "content_hash": article.content_hash,
        "pipeline_version": article.pipeline_version,
    }


def mention_read(m: EventMention) -> EventMentionRead:
    return EventMentionRead.model_validate(m)


def timex_read(t: TemporalMentionRow) -> TimexRead:
    return TimexRead.model_validate(t)


def create_article(
    sessions: sessionmaker[Session], *, payload: dict[str, Any], max_chars: int
) -> ArticleCreated:
    """Validate, extract and store one article; a re-post comes back as a duplicate.

    The language layer runs before the write transaction, so SQLite's write lock
    is held for the writes only (see ``prepare_new``).
    """
    item = parse_article(payload, max_chars=max_chars)
    prepared = prepare_new(sessions, item)
    with write_scope(sessions) as session:
        result = store_article(session, item, prepared)
        return ArticleCreated(
            duplicate=result.duplicate,
            article=ArticleRead(**article_read(result.article)),
            events=[mention_read(m) for m in result.mentions],
        )


def read_article(session: Session, *, article_id: int) -> ArticleDetail:
    """One article with its text, event mentions and time mentions."""
    article = repository.get_article(session, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    return ArticleDetail(
        **article_read(article),
        text=article.text,
        events=[mention_read(m) for m in repository.mentions_of_article(session, article_id)],
        timexes=[timex_read(t) for t in repository.timexes_of_article(session, article_id)],
    )


def delete_article(session: Session, *, article_id: int) -> None:
    """Delete an article with its mentions, then rebuild (or drop) every timeline event they supported."""
    if repository.get_article(session, article_id) is None:
        raise NotFound(f"no article with id {article_id}")
    clusters = [cluster.id for cluster in events_repository.clusters_of_article(session, article_id)]
    repository.delete_article_rows(session, article_id)
    for cluster_id in clusters:
        refresh_cluster(session, cluster_id)
