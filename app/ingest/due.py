"""``parley ingest --due``: poll the sources that are due, then ingest every pending item.

A run has two phases, each a loop of small claims so that any number of runs
can overlap (see ``claims``):

1. claim due sources, fetch them concurrently (conditional requests), and in
   one transaction per source record their new entries as ``pending`` feed
   items and schedule the next poll;
2. claim pending items in batches, fetch their pages concurrently (politely
   per host), and store each article *and* settle its item in one transaction,
   so a run killed at any instant leaves each item either done or still pending.

Before starting, claims of dead runs on this host are released and those runs
are marked ``aborted``; the rerun then picks up exactly what was left.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from app.db.session import write_scope
from app.errors import InvalidInput
from app.ingest import repository as repo
from app.ingest.article import ArticleInput, canonical_url
from app.ingest.claims import RETRY_OWNER, Owner, claim_items, claim_sources, release_dead_claims
from app.ingest.documents import FeedContext, article_from_document
from app.ingest.feeds import FeedEntry, FeedError, parse_feed
from app.ingest.fetch import Fetcher, FetchError
from app.ingest.pipeline import prepare_new, store_article
from app.ingest.runner import RunSummary
from app.kit.clock import utcnow
from app.models import Source
from app.settings import Settings

__all__ = ["ingest_due", "Progress"]

log = logging.getLogger("parley.ingest.due")
Progress = Callable[[int, int], None]  # (items done, items known) → None
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.1"


class LostClaim(Exception):
    """Our lease ran out and another run took the item: our work is rolled back, theirs stands."""


@dataclass(frozen=True)
class SourceJob:
    id: int
    url: str
    kind: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class ItemJob:
    id: int
    url: str | None
    attempts: int
    feed: FeedContext


@dataclass(frozen=True)
class Failure:
    error: str
    permanent: bool


Polled = tuple[list[FeedEntry], str, str | None, str | None, str | None]


def _poll(fetcher: Fetcher, job: SourceJob) -> Polled:
    """Fetch one source: (entries, status, etag, last_modified, feed title)."""
    if job.kind == "page":
        key = canonical_url(job.url) or job.url
        return [FeedEntry(key[:512], job.url, None, None, None)], "page", None, None, None
    result = fetcher.fetch(job.url, etag=job.etag, last_modified=job.last_modified, accept=FEED_ACCEPT)
    if result.not_modified:
        return [], "304", job.etag, job.last_modified, None
    feed = parse_feed(result.body, result.url)
    return feed.entries, str(result.status), result.etag, result.last_modified, feed.title


def _prepare(fetcher: Fetcher, job: ItemJob, max_chars: int) -> ArticleInput | Failure:
    """Fetch an item's page and build its article (runs in a worker thread; touches no database)."""
    try:
        if job.url:
            result = fetcher.fetch(job.url, accept=PAGE_ACCEPT)
            body, content_type, fetched_at = result.body, result.content_type, result.fetched_at
        else:
            body, content_type, fetched_at = None, "", utcnow()
        return article_from_document(
            url=job.url,
            body=body,
            content_type=content_type,
            fetched_at=fetched_at,
            feed=job.feed,
            max_chars=max_chars,
        )
    except FetchError as exc:
        return Failure(str(exc), exc.permanent)
    except InvalidInput as exc:
        return Failure(exc.detail, True)


class DueRun:
    """One ``--due`` run: its owner identity, its counters, and the two phases."""

    def __init__(self, sessions: sessionmaker[Session], settings: Settings, fetcher: Fetcher) -> None:
        self.sessions = sessions
        self.settings = settings
        self.fetcher = fetcher
        self.owner = Owner.current()
        self.lease = timedelta(seconds=settings.claim_lease_seconds)
        self.summary = RunSummary()
        self.done = 0

    def start(self) -> None:
        with write_scope(self.sessions) as session:
            dead = release_dead_claims(session, self.owner.host, current=self.owner.process)
            self.summary.run_id = repo.start_run(session, f"due {self.owner.process}", utcnow())
        if dead:
            log.warning("released the claims of %d dead run(s) on this host", dead)

    def finish(self) -> None:
        with write_scope(self.sessions) as session:
            repo.finish_run(session, self.summary, utcnow())

    def _fail(self, where: str, error: str) -> None:
        self.summary.failed += 1
        self.summary.errors.append({"where": where, "error": error})

    def poll_sources(self, pool: ThreadPoolExecutor) -> None:
        while True:
            with write_scope(self.sessions) as session:
                ids = claim_sources(
                    session, self.owner, now=utcnow(), lease=self.lease, limit=self.settings.fetch_workers
                )
                jobs = [
                    SourceJob(s.id, s.url, s.kind, s.etag, s.last_modified)
                    for s in repo.get_sources(session, ids)
                ]
            if not jobs:
                return
            futures = {pool.submit(_poll, self.fetcher, job): job for job in jobs}
            for future in as_completed(futures):
                self._settle_source(futures[future], future)

    def _settle_source(self, job: SourceJob, future: Future[Polled]) -> None:
        error = None
        try:
            entries, status, etag, last_modified, title = future.result()
        except (FetchError, FeedError) as exc:
            error = str(exc)
        with write_scope(self.sessions) as session:
            source = session.get(Source, job.id)
            if source is None or source.claimed_by != self.owner.name:
                return  # removed meanwhile, or our lease ran out and another run polled it
            now = utcnow()
            if error is not None:
                repo.source_failed(session, source, error=error, now=now)
            else:
                fresh = repo.record_entries(session, job.id, entries, now)
                repo.source_fetched(
                    session,
                    source,
                    status=status,
                    etag=etag,
                    last_modified=last_modified,
                    title=title,
                    now=now,
                )
                log.info("%s: %s, %d new item(s)", job.url, status, fresh)
        if error is not None:
            self._fail(job.url, error)

    def process_items(self, pool: ThreadPoolExecutor, progress: Progress | None) -> None:
        while True:
            with write_scope(self.sessions) as session:
                now = utcnow()
                ids = claim_items(
                    session, self.owner, now=now, lease=self.lease, limit=self.settings.claim_batch
                )
                jobs = [
                    ItemJob(
                        i.id,
                        i.url,
                        i.attempts,
                        FeedContext(i.title, i.feed_published_at, i.content, None),
                    )
                    for i in repo.get_items(session, ids)
                ]
                waiting = repo.pending_items(session, now)
            if not jobs:
                return
            futures = [pool.submit(_prepare, self.fetcher, job, self.settings.max_text_chars) for job in jobs]
            for job, future in zip(jobs, futures, strict=True):
                self._settle_item(job, future.result())
                self.done += 1
                if progress is not None:
                    progress(self.done, self.done + waiting + len(jobs) - jobs.index(job) - 1)

    def _settle_item(self, job: ItemJob, outcome: ArticleInput | Failure) -> None:
        where = job.url or f"item {job.id}"
        try:
            prepared = None if isinstance(outcome, Failure) else prepare_new(self.sessions, outcome)
            with write_scope(self.sessions) as session:
                now = utcnow()
                if isinstance(outcome, Failure):
                    final = outcome.permanent or job.attempts >= self.settings.item_max_attempts
                    if final:
                        owned = repo.finish_item(
                            session,
                            job.id,
                            owner=self.owner.name,
                            state="failed",
                            article_id=None,
                            error=outcome.error[:2000],
                            now=now,
                        )
                    else:
                        owned = repo.retry_item(
                            session,
                            job.id,
                            owner=self.owner.name,
                            retry_owner=RETRY_OWNER,
                            error=outcome.error,
                            not_before=now + _backoff(job.attempts),
                        )
                else:
                    result = store_article(session, outcome, prepared)
                    state = "duplicate" if result.duplicate else "stored" if result.mentions else "not_coded"
                    owned = repo.finish_item(
                        session,
                        job.id,
                        owner=self.owner.name,
                        state=state,
                        article_id=result.article.id,
                        error=None,
                        now=now,
                    )
                if not owned:
                    raise LostClaim(where)
        except LostClaim:
            log.warning("%s: claim lost to another run; left to it", where)
            return
        except Exception as exc:  # one bad item must not stop the run; it is recorded and retried later
            log.exception("failed to store %s", where)
            self._fail(where, f"{type(exc).__name__}: {exc}")
            return
        if isinstance(outcome, Failure):
            self._fail(where, outcome.error)
        elif state == "duplicate":
            self.summary.duplicate += 1
        else:
            self.summary.new += 1
            self.summary.not_coded += state == "not_coded"


def _backoff(attempts: int) -> timedelta:
    """Wait before retrying a transiently failed item: 5 minutes per attempt so far, at most an hour."""
    return timedelta(minutes=min(60, 5 * max(1, attempts)))


def ingest_due(
    sessions: sessionmaker[Session],
    settings: Settings,
    *,
    progress: Progress | None = None,
    fetcher: Fetcher | None = None,
) -> RunSummary:
    """Poll due sources and ingest pending items; the run is recorded in ``ingest_runs``."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    run = DueRun(sessions, settings, fetcher)
    try:
        run.start()
        with ThreadPoolExecutor(max_workers=max(1, settings.fetch_workers)) as pool:
            run.poll_sources(pool)
            run.process_items(pool, progress)
        run.finish()
    finally:
        if own:
            fetcher.close()
    return run.summary
