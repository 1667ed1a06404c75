"""API schemas of timeline items; they document the stored payloads served on the hot path."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["EvidenceSpan", "Provenance", "TimelineItem", "TimelinePage"]


class EvidenceSpan(BaseModel):
    start: int = Field(description="Start offset in the article text (Python string index).")
    end: int
    text: str


class Provenance(BaseModel):
    mention_id: int
    article_id: int
    title: str | None
    outlet: str | None
    url: str | None
    published: str
    published_source: str
    published_flagged: bool
    evidence: list[EvidenceSpan]
    time_text: str = Field(description="The words that dated the event ('' when dated by tense or context).")
    resolution: str = Field(
        description="absolute | publication-relative | event-relative | speaker-relative | implicit"
    )
    rule_ids: list[str]
    earliest: str
    latest: str
    best: str
    granularity: str
    modality: str
    cameo: str
    match: dict[str, object] | None = Field(description="Why this report was merged into this event.")


class TimelineItem(BaseModel):
    id: int
    label: str
    cameo: str
    cameo_root: str
    modality: str
    earliest: str
    latest: str
    best: str
    granularity: str
    display: str = Field(description="Human display of the interval, e.g. '18–20 Apr 2025'.")
    actors: list[str]
    targets: list[str]
    goldstein: float | None
    confidence: float
    mention_count: int
    first_reported: str
    date_conflict: bool = Field(
        description="True when the reports' windows do not overlap; the union is shown."
    )
    provenance: list[Provenance]


class TimelinePage(BaseModel):
    items: list[TimelineItem]
    next: str | None = Field(description="Cursor of the next page, or null on the last page.")
