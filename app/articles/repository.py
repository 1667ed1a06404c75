"""SQL for articles and what was extracted from them; nothing here commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.models import Article, EventMention, TemporalMentionRow

__all__ = [
    "find_duplicate",
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

    from app.models import EventRelation

    session.execute(delete(EventRelation).where(EventRelation.article_id == article_id))
    session.execute(delete(EventMention).where(EventMention.article_id == article_id))
    session.execute(delete(TemporalMentionRow).where(TemporalMentionRow.article_id == article_id))
    session.execute(delete(Article).where(Article.id == article_id))
