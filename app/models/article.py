"""An ingested article: its clean text, when it was published and how we know it.

Uniqueness of the canonical URL and of the content hash is enforced by the
database, so two concurrent posts of the same article cannot both land.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str | None] = mapped_column(String(2048))
    canonical_url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(String(1024))
    outlet: Mapped[str | None] = mapped_column(String(256))
    language: Mapped[str] = mapped_column(String(16), default="en")
    text: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_date: Mapped[date] = mapped_column(Date)
    published_source: Mapped[str] = mapped_column(String(32), default="input")
    published_flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    pipeline_version: Mapped[str] = mapped_column(String(32))

    __table_args__ = (Index("ix_articles_published_date_id", "published_date", "id"),)
