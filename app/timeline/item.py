"""The timeline item: one real-world event as served, with its provenance.

Built once when the event's cluster changes and stored as JSON next to the row,
so that reading a page is a keyset query plus a byte join: no per-row Python
objects on the hot path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.models import Article, EventMention, TimelineEvent

__all__ = ["timeline_item", "mention_provenance"]


def mention_provenance(mention: EventMention, article: Article) -> dict[str, Any]:
    """Where one report of the event comes from and how its date was worked out."""
    return {
        "mention_id": mention.id,
        "article_id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published_at.isoformat(),
        "published_source": article.published_source,
        "published_flagged": article.published_flagged,
        "evidence": mention.evidence,
        "time_text": mention.time_text,
        "resolution": mention.resolution,
        "rule_ids": mention.rule_ids,
        "earliest": mention.earliest.isoformat(),
        "latest": mention.latest.isoformat(),
        "best": mention.best.isoformat(),
        "granularity": mention.granularity,
        "modality": mention.modality,
        "cameo": mention.cameo,
        "match": mention.match,
    }


def timeline_item(
    event: TimelineEvent, mentions: Sequence[tuple[EventMention, Article]], date_conflict: bool
) -> dict[str, Any]:
    """The JSON object served for one timeline event."""
    return {
        "id": event.id,
        "label": event.label,
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "modality": event.modality,
        "earliest": event.earliest.isoformat(),
        "latest": event.latest.isoformat(),
        "best": event.best.isoformat(),
        "granularity": event.granularity,
        "display": event.display,
        "actors": event.actors,
        "targets": event.targets,
        "goldstein": event.goldstein,
        "confidence": event.confidence,
        "mention_count": event.mention_count,
        "first_reported": event.first_reported_at.isoformat(),
        "date_conflict": date_conflict,
        "provenance": [mention_provenance(m, a) for m, a in mentions],
    }
