"""Ordering facts between event mentions of one article (BEFORE / AFTER / SAME_AS)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class EventRelation(Base):
    __tablename__ = "event_relations"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    from_mention_id: Mapped[int] = mapped_column(ForeignKey("event_mentions.id", ondelete="CASCADE"))
    to_mention_id: Mapped[int] = mapped_column(ForeignKey("event_mentions.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(8))
