"""``ingest --due`` in-process on both backends: what is stored, what is refetched, what fails."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.db.session import make_sessionmaker, session_scope, write_scope
from app.ingest import repository as repo
from app.ingest.due import ingest_due
from app.kit.clock import as_utc, utcnow
from app.models import Article, FeedItem, IngestRun, Source
from tests.ingest.conftest import Newsroom, fetch_settings, story
from tests.ingest.site import BIG_PAGE_BYTES, Page, Site, article_html, rss
from tests.ingest.test_pages import DATE_KINDS


def _add(sessions: sessionmaker[Session], *urls: str, kind: str = "feed") -> None:
    with write_scope(sessions) as session:
        for url in urls:
            repo.add_source(session, url=url, kind=kind, title=None, interval_seconds=900, now=utcnow())


def _make_due(sessions: sessionmaker[Session]) -> None:
    with write_scope(sessions) as session:
        session.execute(update(Source).values(next_due_at=utcnow() - timedelta(seconds=1)))


def test_every_item_is_stored_once_and_a_rerun_adds_nothing(
    engine: Engine, database_url: str, newsroom: Newsroom, tmp_path: Path
) -> None:
    sessions = make_sessionmaker(engine)
    settings = fetch_settings(tmp_path, database_url)
    _add(sessions, *newsroom.feeds)
    first = ingest_due(sessions, settings)
    assert (first.new, first.duplicate, first.failed) == (8, 2, 0), first.errors
    with session_scope(sessions) as session:
        articles = session.scalars(select(Article).order_by(Article.url)).all()
        states = sorted(session.scalars(select(FeedItem.state)).all())
        run = session.get(IngestRun, first.run_id)
        assert run is not None and (run.status, run.new_count, run.duplicate_count) == ("ok", 8, 2)
        assert run.origin.startswith("due ")
    assert len(articles) == 8 and len({a.content_hash for a in articles}) == 8
    assert states.count("duplicate") == 2 and "pending" not in states and len(states) == 10
    by_round = {a.title: a for a in articles}
    assert by_round["Round 1 of talks"].published_source == "page:meta"  # odd pages carry a meta time
    assert by_round["Round 2 of talks"].published_source == "feed"  # even pages do not: the feed's time
    assert by_round["Round 2 of talks"].text == "\n\n".join(story(2))
    assert not any(a.published_flagged for a in articles)

    second = ingest_due(sessions, settings)  # nothing is due yet: no request at all
    assert (second.new, second.duplicate, second.failed) == (0, 0, 0)
    assert len(newsroom.site.requests_to("/feeds/world.rss")) == 1

    _make_due(sessions)
    third = ingest_due(sessions, settings)  # due again: conditional request, unchanged entries
    assert (third.new, third.duplicate, third.failed) == (0, 0, 0)
    assert newsroom.site.requests_to("/feeds/world.rss")[-1]["if-none-match"] == '"world-v1"'
    with session_scope(sessions) as session:
        statuses = dict(session.execute(select(Source.url, Source.last_status)).all())
    assert statuses[newsroom.feeds[0]] == "304"


def test_misbehaving_items_are_recorded_and_the_rest_stored(
    engine: Engine, database_url: str, site: Site, tmp_path: Path
) -> None:
    site.pages["/undated"] = Page(article_html("Undated", story(11)))
    site.pages["/big"] = Page(b"x" * BIG_PAGE_BYTES)
    site.pages["/slow"] = Page(article_html("Slow", story(12)), server_delay=1.0)
    site.pages["/loop"] = Page(status=302, headers={"Location": "/loop"})
    site.pages["/broken.rss"] = Page(
        rss(
            "Broken dates",
            [
                {"title": name, "link": site.url(f"/{name}"), "pubDate": "not a date"}
                for name in ("undated", "big", "slow", "loop")
            ],
        ),
        "application/rss+xml",
    )
    site.pages["/missing.rss"] = Page(b"gone", "text/plain", 404)
    sessions = make_sessionmaker(engine)
    settings = fetch_settings(tmp_path, database_url, fetch_timeout_seconds=0.3, fetch_max_bytes=1_000_000)
    _add(sessions, site.url("/broken.rss"), site.url("/missing.rss"))
    summary = ingest_due(sessions, settings)
    assert (summary.new, summary.failed) == (1, 4)
    where = {e["where"]: e["error"] for e in summary.errors}
    assert where[site.url("/big")].startswith("too_large")
    assert where[site.url("/slow")].startswith("timeout")
    assert where[site.url("/loop")].startswith("redirects")
    assert where[site.url("/missing.rss")] == "http: HTTP 404"
    with session_scope(sessions) as session:
        items = {i.url: i for i in session.scalars(select(FeedItem))}
        article = session.scalars(select(Article)).one()
        run = session.get(IngestRun, summary.run_id)
        assert run is not None and run.status == "partial" and run.failed_count == 4
        missing = session.scalars(select(Source).where(Source.url == site.url("/missing.rss"))).one()
        assert missing.last_status == "error" and missing.next_due_at > missing.last_fetched_at  # type: ignore[operator]
    assert (article.published_source, article.published_flagged) == ("fetched", True)
    assert items[site.url("/big")].state == "failed"  # permanent: not retried
    assert items[site.url("/loop")].state == "failed"
    slow = items[site.url("/slow")]
    assert (slow.state, slow.claimed_by, slow.attempts) == ("pending", "retry", 1)  # parked for a back-off
    assert items[site.url("/undated")].state == "not_coded" or items[site.url("/undated")].state == "stored"
    again = ingest_due(sessions, settings)  # the parked item is not retried before its back-off
    assert (again.new, again.failed) == (0, 0)


def test_a_page_source_is_ingested_once(
    engine: Engine, database_url: str, site: Site, tmp_path: Path
) -> None:
    site.pages["/story"] = Page(
        article_html("A page", ["MOSCOW, 22 April 2025 — " + story(5)[0], *story(5)[1:]])
    )
    sessions = make_sessionmaker(engine)
    settings = fetch_settings(tmp_path, database_url)
    _add(sessions, site.url("/story"), kind="page")
    assert ingest_due(sessions, settings).new == 1
    _make_due(sessions)
    assert ingest_due(sessions, settings).new == 0
    with session_scope(sessions) as session:
        article = session.scalars(select(Article)).one()
    assert (article.published_date.isoformat(), article.published_source) == ("2025-04-22", "dateline")
    assert len(site.requests_to("/story")) == 1


def test_publication_time_of_pages_served_with_each_kind_of_date(
    engine: Engine, database_url: str, site: Site, tmp_path: Path
) -> None:
    """A feed with broken dates over pages carrying each kind of date metadata, a dateline, or nothing."""
    expected = {}
    for n, (kind, head, before, moment, source) in enumerate(DATE_KINDS):
        site.pages[f"/dated/{kind}"] = Page(
            article_html(f"Dated {kind}", story(20 + n), head=head, before=before)
        )
        expected[f"/dated/{kind}"] = (moment, source, False)
    site.pages["/dated/dateline"] = Page(
        article_html("Dateline", ["ANKARA, March 3 (Reuters) - " + story(30)[0], *story(30)[1:]])
    )
    site.pages["/dated/none"] = Page(article_html("Nothing", story(31)))
    paths = [*expected, "/dated/dateline", "/dated/none"]
    site.pages["/dated.rss"] = Page(
        rss("Dates", [{"title": p, "link": site.url(p), "pubDate": "yesterday-ish"} for p in paths]),
        "application/rss+xml",
    )
    sessions = make_sessionmaker(engine)
    _add(sessions, site.url("/dated.rss"))
    started = utcnow()
    assert ingest_due(sessions, fetch_settings(tmp_path, database_url)).new == len(paths)
    with session_scope(sessions) as session:
        stored = {a.url: a for a in session.scalars(select(Article))}
    for path, (moment, source, flagged) in expected.items():
        article = stored[site.url(path)]
        assert (as_utc(article.published_at), article.published_source, article.published_flagged) == (
            moment,
            source,
            flagged,
        ), path
    dateline = stored[site.url("/dated/dateline")]
    assert (dateline.published_source, dateline.published_date.month, dateline.published_date.day) == (
        "dateline",
        3,
        3,
    )
    undated = stored[site.url("/dated/none")]
    assert (undated.published_source, undated.published_flagged) == ("fetched", True)
    assert as_utc(undated.published_at) >= started  # the fetch time, flagged; never a silent guess
