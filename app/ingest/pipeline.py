"""Store one article and everything extracted from it, in the caller's transaction.

The language layer runs before anything is written; then the article, its
time mentions, event mentions, relations and the clusters they join are
written together.  A concurrent writer of the same article loses on the
database's unique constraints (inside a savepoint) and the call reports a
duplicate instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.actors.names import display_name
from app.articles import repository as articles
from app.events import repository as events_repo
from app.events.clustering import assign_cluster, link_new_clusters, refresh_cluster, start_cluster
from app.ingest.article import ArticleInput, canonical_url, content_hash
from app.kit.clock import utcnow
from app.language import PIPELINE_VERSION, extract
from app.language.types import Extraction
from app.models import Article, EventMention, EventRelation, TemporalMentionRow, TimelineEvent

__all__ = ["StoreResult", "store_article"]


@dataclass(frozen=True)
class StoreResult:
    """What became of one article: the stored row, whether it was already there, its event mentions."""

    article: Article
    duplicate: bool
    mentions: list[EventMention]


def store_article(session: Session, item: ArticleInput) -> StoreResult:
    """Extract and store ``item``; a re-post of a stored URL or text is reported as a duplicate."""
    url_key = canonical_url(item.url)
    digest = content_hash(item.text)
    existing = articles.find_duplicate(session, canonical_url=url_key, content_hash=digest)
    if existing is not None:
        return _duplicate(session, existing)
    extraction = extract(item.text, item.published_date)
    article = Article(
        url=item.url,
        canonical_url=url_key,
        content_hash=digest,
        title=item.title,
        outlet=item.outlet,
        language=item.language,
        text=item.text,
        published_at=item.published_at,
        published_date=item.published_date,
        published_source=item.published_source,
        published_flagged=item.published_flagged,
        ingested_at=utcnow(),
        pipeline_version=PIPELINE_VERSION,
    )
    try:
        with session.begin_nested():
            session.add(article)
            session.flush()
    except IntegrityError:
        existing = articles.find_duplicate(session, canonical_url=url_key, content_hash=digest)
        if existing is None:
            raise
        return _duplicate(session, existing)
    mentions = write_extraction(session, article, extraction)
    return StoreResult(article, False, mentions)


def _duplicate(session: Session, existing: Article) -> StoreResult:
    return StoreResult(existing, True, list(articles.mentions_of_article(session, existing.id)))


def write_extraction(session: Session, article: Article, extraction: Extraction) -> list[EventMention]:
    """Write the time mentions, event mentions, relations and clusters of a stored article."""
    session.add_all(_timex_rows(article.id, extraction))
    codes = {code for event in extraction.events for code in (*event.actors, *event.targets)}
    events_repo.ensure_actors(session, {code: display_name(code) or (code, "unknown") for code in codes})
    mentions: dict[str, EventMention] = {}
    for event in extraction.events:
        mention = EventMention(
            article_id=article.id,
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
        mentions[event.id] = mention
    taken: set[int] = set()
    joined: dict[int, TimelineEvent] = {}
    started: list[tuple[TimelineEvent, EventMention]] = []
    for mention in mentions.values():
        # cluster first: a mention must not be flushed before it has its timeline_event_id
        cluster, created = assign_cluster(session, mention, taken=taken)
        if created:  # new events are not in the store yet, so never candidates
            started.append((cluster, mention))
        else:
            taken.add(cluster.id)
            joined[cluster.id] = cluster
    link_new_clusters(session, started)
    session.add_all(mentions.values())
    session.flush()
    for cluster, mention in started:
        start_cluster(session, cluster, mention, article)
    for cluster in joined.values():
        refresh_cluster(session, cluster)
    session.add_all(
        EventRelation(
            article_id=article.id,
            from_mention_id=mentions[rel.source].id,
            to_mention_id=mentions[rel.target].id,
            type=rel.type,
        )
        for rel in extraction.relations
        if rel.source in mentions and rel.target in mentions
    )
    session.flush()
    return list(mentions.values())


def _timex_rows(article_id: int, extraction: Extraction) -> list[TemporalMentionRow]:
    rows = []
    for timex in extraction.timexes:
        interval = timex.interval
        rows.append(
            TemporalMentionRow(
                article_id=article_id,
                start=timex.start,
                end=timex.end,
                text=timex.text[:512],
                type=timex.type,
                value=timex.value[:64],
                mod=timex.mod,
                rule_id=timex.rule_id,
                anchor=timex.anchor,
                in_quote=timex.in_quote,
                earliest=interval.earliest if interval else None,
                latest=interval.latest if interval else None,
                best=interval.best if interval else None,
                granularity=interval.granularity if interval else None,
            )
        )
    return rows
