"""Plain records of what the write path stores, read back and serves.

The ingest hot path writes with Core statements rather than the ORM's unit of
work (building and flushing ORM objects cost more than the SQL itself), so it
needs light, typed holders with the same attribute names as the ORM rows:
``app.timeline.item`` and the API schemas read attributes, so either kind works.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.kit.clock import as_utc

__all__ = ["MentionRecord", "ArticleRef", "ClusterView"]


@dataclass(slots=True)
class MentionRecord:
    """One event mention: filled from the extraction, then given its cluster, match and id."""

    article_id: int
    local_id: str
    cameo: str
    cameo_root: str
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
    trigger_text: str
    goldstein: float | None
    confidence: float
    timeline_event_id: int = 0
    match: dict[str, Any] | None = None
    id: int = 0

    def row(self) -> dict[str, Any]:
        """The ``event_mentions`` row (without its id, which the database assigns)."""
        return {
            "article_id": self.article_id,
            "timeline_event_id": self.timeline_event_id,
            "local_id": self.local_id,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "label": self.label,
            "modality": self.modality,
            "actors": self.actors,
            "targets": self.targets,
            "earliest": self.earliest,
            "latest": self.latest,
            "best": self.best,
            "granularity": self.granularity,
            "time_text": self.time_text,
            "resolution": self.resolution,
            "rule_ids": self.rule_ids,
            "evidence": self.evidence,
            "trigger_text": self.trigger_text,
            "goldstein": self.goldstein,
            "confidence": self.confidence,
            "match": self.match,
        }


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What a timeline item's provenance says about an article (never its text).

    ``published_at`` is always aware UTC, whichever backend it was read from, so
    a provenance entry reads the same whether it was built at insert time or
    rebuilt from stored rows.
    """

    id: int
    title: str | None
    outlet: str | None
    url: str | None
    published_at: datetime
    published_source: str
    published_flagged: bool

    @classmethod
    def of(cls, article_id: int, source: Any) -> ArticleRef:
        """The reference of an article from anything with its attributes (a row, an input, an ORM object)."""
        return cls(
            article_id,
            source.title,
            source.outlet,
            source.url,
            as_utc(source.published_at),
            source.published_source,
            source.published_flagged,
        )


@dataclass(slots=True)
class ClusterView:
    """The served fields of a timeline event, as ``app.timeline.item.timeline_item`` reads them."""

    id: int
    label: str
    cameo: str
    cameo_root: str
    modality: str
    earliest: date
    latest: date
    best: date
    granularity: str
    display: str
    actors: list[str]
    targets: list[str]
    goldstein: float | None
    confidence: float
    mention_count: int
    first_reported_at: datetime
