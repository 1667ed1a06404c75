"""Rows of one article's extraction, as the write path inserts them: pure, no database.

Kept apart from the SQL so that what is stored for an article is visible in
one place and the same whether it is ingested, posted or reprocessed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.actors.names import display_name
from app.events.records import MentionRecord
from app.ingest.article import ArticleInput
from app.language import PIPELINE_VERSION
from app.language.types import Extraction

__all__ = ["article_row", "timex_rows", "mention_records", "relation_rows", "actor_rows"]


def article_row(
    item: ArticleInput, *, canonical_url: str | None, content_hash: str, now: datetime
) -> dict[str, Any]:
    """The ``articles`` row of a new article."""
    return {
        "url": item.url,
        "canonical_url": canonical_url,
        "content_hash": content_hash,
        "title": item.title,
        "outlet": item.outlet,
        "language": item.language,
        "text": item.text,
        "published_at": item.published_at,
        "published_date": item.published_date,
        "published_source": item.published_source,
        "published_flagged": item.published_flagged,
        "ingested_at": now,
        "pipeline_version": PIPELINE_VERSION,
    }


def timex_rows(article_id: int, extraction: Extraction) -> list[dict[str, Any]]:
    """The ``temporal_mentions`` rows of an article, in text order."""
    rows = []
    for timex in extraction.timexes:
        interval = timex.interval
        rows.append(
            {
                "article_id": article_id,
                "start": timex.start,
                "end": timex.end,
                "text": timex.text[:512],
                "type": timex.type,
                "value": timex.value[:64],
                "mod": timex.mod,
                "rule_id": timex.rule_id,
                "anchor": timex.anchor,
                "in_quote": timex.in_quote,
                "earliest": interval.earliest if interval else None,
                "latest": interval.latest if interval else None,
                "best": interval.best if interval else None,
                "granularity": interval.granularity if interval else None,
            }
        )
    return rows


def mention_records(article_id: int, extraction: Extraction) -> list[MentionRecord]:
    """The event mentions of an article, before clustering gives them a timeline event."""
    return [
        MentionRecord(
            article_id=article_id,
            local_id=event.id,
            cameo=event.cameo,
            cameo_root=event.cameo[:2],
            label=event.label,
            modality=event.modality,
            actors=list(event.actors),
            targets=list(event.targets),
            earliest=event.time.earliest,
            latest=event.time.latest,
            best=event.time.best,
            granularity=event.time.granularity,
            time_text=event.time_text,
            resolution=event.resolution,
            rule_ids=list(event.rule_ids),
            evidence=[{"start": s.start, "end": s.end, "text": s.text} for s in event.evidence],
            trigger_text=event.trigger.text,
            goldstein=event.goldstein,
            confidence=event.confidence,
        )
        for event in extraction.events
    ]


def relation_rows(
    article_id: int, extraction: Extraction, mentions: list[MentionRecord]
) -> list[dict[str, Any]]:
    """The ordering relations between an article's stored mentions (by their ids)."""
    ids = {m.local_id: m.id for m in mentions}
    return [
        {
            "article_id": article_id,
            "from_mention_id": ids[r.source],
            "to_mention_id": ids[r.target],
            "type": r.type,
        }
        for r in extraction.relations
        if r.source in ids and r.target in ids
    ]


def actor_rows(extractions: list[Extraction]) -> dict[str, tuple[str, str]]:
    """Every actor code the events of these extractions name, with its (name, kind)."""
    codes = {code for x in extractions for event in x.events for code in (*event.actors, *event.targets)}
    return {code: display_name(code) or (code, "unknown") for code in codes}
