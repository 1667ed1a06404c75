"""API schemas of articles: ``ArticleCreate`` in, ``ArticleRead`` / ``ArticleCreated`` out."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ArticleCreate", "ArticleRead", "ArticleCreated", "EventMentionRead", "TimexRead", "ArticleDetail"]


class ArticleCreate(BaseModel):
    """The one article shape (also a line of an ingest JSONL file)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(description="Clean article text.")
    published: str = Field(description="ISO 8601 date or date-time of publication.", examples=["2025-04-22"])
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = Field(default=None, description="BCP 47 language tag; default 'en'.")


class ArticleRead(BaseModel):
    id: int
    url: str | None
    canonical_url: str | None
    title: str | None
    outlet: str | None
    language: str
    published: str
    published_source: str
    published_flagged: bool = Field(
        description="True when the publication time was not known and was guessed."
    )
    ingested_at: str
    content_hash: str
    pipeline_version: str


class EventMentionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    timeline_event_id: int
    local_id: str
    cameo: str
    label: str
    modality: str
    actors: list[str]
    targets: list[str]
    earliest: date
    latest: date
    best: date
    granularity: str
    time_text: str
    resolution: str
    rule_ids: list[str]
    evidence: list[dict[str, Any]]
    goldstein: float | None
    confidence: float


class TimexRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    rule_id: str
    anchor: str
    in_quote: bool
    earliest: date | None
    latest: date | None
    granularity: str | None


class ArticleCreated(BaseModel):
    duplicate: bool = Field(
        description="True when this URL or text was already stored; nothing new was written."
    )
    article: ArticleRead
    events: list[EventMentionRead]


class ArticleDetail(ArticleRead):
    text: str
    events: list[EventMentionRead]
    timexes: list[TimexRead]
