"""Store one article and everything extracted from it, in the caller's transaction.

``prepare`` runs the language layer and needs no database, so callers run it
before they take the write lock (SQLite's BEGIN IMMEDIATE, PostgreSQL's
clustering locks) and the lock is held only for the writes.  ``store_prepared``
then writes the article, its time mentions, event mentions, relations and the
clusters they join with Core statements (a handful per article), inside a
savepoint: an article lands whole or not at all, and a concurrent writer of the
same article loses on the database's unique constraints and the call reports a
duplicate instead of failing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.articles import repository as articles
from app.db.direct import savepoint
from app.db.session import session_scope
from app.events import repository as events_repo
from app.events.clustering import assign_clusters, settle_clusters
from app.events.records import ArticleRef, MentionRecord
from app.ingest import rows
from app.ingest.article import ArticleInput, canonical_url, content_hash
from app.kit.clock import utcnow
from app.language import extract
from app.language.types import Extraction
from app.models import Article

__all__ = [
    "PreparedArticle",
    "StoreResult",
    "prepare",
    "prepare_new",
    "store_article",
    "store_prepared",
    "write_extraction",
]


@dataclass(frozen=True)
class PreparedArticle:
    """An article with its unique keys and its extraction: everything but the database work."""

    item: ArticleInput
    canonical_url: str | None
    content_hash: str
    extraction: Extraction


@dataclass(frozen=True)
class StoreResult:
    """What became of one article: the stored row, whether it was already there, its event mentions.

    A new article's row is kept as the inserted values and becomes an ``Article`` only when
    asked for (a file run never asks; building ORM objects is part of what the write path saves).
    """

    stored: Article | dict[str, Any]
    duplicate: bool
    mentions: Sequence[Any]  # MentionRecord for a new article, EventMention rows for a duplicate

    @property
    def article(self) -> Article:
        """The article (not attached to any session when it was new)."""
        return self.stored if isinstance(self.stored, Article) else Article(**self.stored)


def keys(item: ArticleInput) -> tuple[str | None, str]:
    """The article's unique keys: canonical URL and content hash."""
    return canonical_url(item.url), content_hash(item.text)


def prepare(item: ArticleInput, url_key: str | None = None, digest: str | None = None) -> PreparedArticle:
    """Keys and extraction of an article (the language layer; no database); known keys may be given."""
    if digest is None:
        url_key, digest = keys(item)
    return PreparedArticle(item, url_key, digest, extract(item.text, item.published_date))


def prepare_new(sessions: sessionmaker[Session], item: ArticleInput) -> PreparedArticle | None:
    """Extract an article that is not stored yet, before any write transaction (None when stored).

    The duplicate check is a read of its own, so the write lock (SQLite) is then
    held for the writes only; ``store_article(..., prepared=...)`` checks again in
    its transaction and the unique keys settle any race.
    """
    url_key, digest = keys(item)
    with session_scope(sessions) as session:
        if articles.find_duplicate(session, canonical_url=url_key, content_hash=digest) is not None:
            return None
    return prepare(item, url_key, digest)


def store_article(
    session: Session, item: ArticleInput, prepared: PreparedArticle | None = None
) -> StoreResult:
    """Store ``item``, extracted now unless ``prepared``; a re-post of a stored URL or text is a duplicate."""
    if prepared is not None:
        return store_prepared(session, prepared)
    url_key, digest = keys(item)
    existing = articles.find_duplicate(session, canonical_url=url_key, content_hash=digest)
    if existing is not None:
        return duplicate_of(session, existing)
    return store_prepared(session, prepare(item, url_key, digest))


def duplicate_of(session: Session, existing: Article) -> StoreResult:
    """The result for an article that is stored already."""
    return StoreResult(existing, True, list(articles.mentions_of_article(session, existing.id)))


def store_prepared(session: Session, prepared: PreparedArticle, *, actors_ready: bool = False) -> StoreResult:
    """Write a prepared article in a savepoint; a duplicate (URL or text) is reported, not raised.

    ``actors_ready``: the caller has stored the actors its events name already
    (a batch does it once for all its articles).
    """
    row = rows.article_row(
        prepared.item, canonical_url=prepared.canonical_url, content_hash=prepared.content_hash, now=utcnow()
    )
    try:
        with savepoint(session):
            article_id = articles.insert_article(session, row)
            ref = ArticleRef.of(article_id, prepared.item)
            mentions = write_extraction(session, ref, prepared.extraction, actors_ready=actors_ready)
    except IntegrityError:
        existing = articles.find_duplicate(
            session, canonical_url=prepared.canonical_url, content_hash=prepared.content_hash
        )
        if existing is None:
            raise
        return duplicate_of(session, existing)
    return StoreResult({"id": article_id, **row}, False, mentions)


def write_extraction(
    session: Session,
    article: ArticleRef,
    extraction: Extraction,
    *,
    actors_ready: bool = False,
    incremental: bool = True,
) -> list[MentionRecord]:
    """Write the time mentions, event mentions, relations and clusters of a stored article.

    ``incremental=False``: rebuild every joined cluster from its mentions (for a
    caller that removed some of them in this transaction).
    """
    articles.insert_timexes(session, rows.timex_rows(article.id, extraction))
    if not actors_ready:
        events_repo.ensure_actors(session, rows.actor_rows([extraction]))
    mentions = rows.mention_records(article.id, extraction)
    plan = assign_clusters(session, mentions)
    ids = events_repo.insert_mentions(session, [m.row() for m in mentions])
    for mention, mention_id in zip(mentions, ids, strict=True):
        mention.id = mention_id
    settle_clusters(session, plan, article, incremental=incremental)
    articles.insert_relations(session, rows.relation_rows(article.id, extraction, mentions))
    return mentions
