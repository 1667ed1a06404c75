"""Temporal mentions (TIMEX3) found in an article, kept with their rule and anchor for re-resolution."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class TemporalMentionRow(Base):
    __tablename__ = "temporal_mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(512))
    type: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(64))
    mod: Mapped[str | None] = mapped_column(String(32))
    rule_id: Mapped[str] = mapped_column(String(128))
    anchor: Mapped[str] = mapped_column(String(16))
    in_quote: Mapped[bool] = mapped_column(Boolean, default=False)
    earliest: Mapped[date | None] = mapped_column(Date)
    latest: Mapped[date | None] = mapped_column(Date)
    best: Mapped[date | None] = mapped_column(Date)
    granularity: Mapped[str | None] = mapped_column(String(16))
