"""SQL for articles and what was extracted from them; nothing here commits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, func, or_, select
from sqlalchemy.orm import Session

from app.db.direct import direct_insert
from app.models import Article, EventMention, EventRelation, TemporalMentionRow

__all__ = [
    "find_duplicate",
    "stored_keys",
    "insert_article",
    "insert_timexes",
    "insert_relations",
    "get_article",
    "mentions_of_article",
    "timexes_of_article",
    "count_articles",
    "delete_article_rows",
]


def find_duplicate(session: Session, *, canonical_url: str | None, content_hash: str) -> Article | None:
    """The stored article with the same canonical URL or the same content, if any."""
    condition = Article.content_hash == content_hash
    if canonical_url:
        condition = or_(condition, Article.canonical_url == canonical_url)
    return session.scalars(select(Article).where(condition).limit(1)).first()


def stored_keys(
    session: Session, *, canonical_urls: set[str], content_hashes: set[str]
) -> tuple[set[str], set[str]]:
    """Which of these canonical URLs and content hashes are stored already: one read for a batch."""
    urls: set[str] = set()
    hashes: set[str] = set()
    if canonical_urls:
        stmt = select(Article.canonical_url).where(Article.canonical_url.in_(sorted(canonical_urls)))
        urls = {u for u in session.scalars(stmt) if u is not None}
    if content_hashes:
        stmt = select(Article.content_hash).where(Article.content_hash.in_(sorted(content_hashes)))
        hashes = set(session.scalars(stmt))
    return urls, hashes


_ARTICLES = cast(Table, Article.__table__)
_TIMEXES = cast(Table, TemporalMentionRow.__table__)
_RELATIONS = cast(Table, EventRelation.__table__)


def insert_article(session: Session, row: dict[str, Any]) -> int:
    """Insert an article row; its id.  A stored URL or text raises ``IntegrityError`` (unique keys)."""
    return direct_insert(_ARTICLES, tuple(row)).ids(session, [row])[0]


def insert_timexes(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert an article's time mentions in one statement."""
    if rows:
        direct_insert(_TIMEXES, tuple(rows[0])).rows(session, rows)


def insert_relations(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert an article's ordering relations in one statement."""
    if rows:
        direct_insert(_RELATIONS, tuple(rows[0])).rows(session, rows)


def get_article(session: Session, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def mentions_of_article(session: Session, article_id: int) -> Sequence[EventMention]:
    stmt = select(EventMention).where(EventMention.article_id == article_id).order_by(EventMention.id)
    return session.scalars(stmt).all()


def timexes_of_article(session: Session, article_id: int) -> Sequence[TemporalMentionRow]:
    stmt = (
        select(TemporalMentionRow)
        .where(TemporalMentionRow.article_id == article_id)
        .order_by(TemporalMentionRow.start)
    )
    return session.scalars(stmt).all()


def count_articles(session: Session) -> int:
    """How many articles are stored."""
    return int(session.execute(select(func.count()).select_from(Article)).scalar_one())


def delete_article_rows(session: Session, article_id: int) -> None:
    """Delete one article and everything extracted from it (relations, event mentions, time mentions).

    Explicit deletes rather than relying on ON DELETE CASCADE, so both
    backends behave the same whatever their foreign-key settings.
    """
    from sqlalchemy import delete

    session.execute(delete(EventRelation).where(EventRelation.article_id == article_id))
    session.execute(delete(EventMention).where(EventMention.article_id == article_id))
    session.execute(delete(TemporalMentionRow).where(TemporalMentionRow.article_id == article_id))
    session.execute(delete(Article).where(Article.id == article_id))
