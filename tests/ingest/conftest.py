"""Fixtures: the local site, settings that allow fetching from it, and a small newsroom of feeds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.settings import PROJECT_ROOT, Settings
from tests.ingest.site import Page, Site, article_html, atom, rfc822, rss

FEED_TIME = datetime(2025, 4, 22, 8, 0, tzinfo=UTC)


@pytest.fixture
def site() -> Iterator[Site]:
    """A local HTTP server on 127.0.0.1 with no pages yet."""
    server = Site().start()
    yield server
    server.stop()


def fetch_settings(tmp_path: Path, database_url: str = "sqlite://", **overrides: object) -> Settings:
    """Settings for fetching from the local site: private addresses allowed, no politeness delay."""
    values: dict[str, object] = {
        "database_url": database_url,
        "data_dir": tmp_path,
        "seed_dir": PROJECT_ROOT / "seeds",
        "fetch_allow_private": True,
        "fetch_host_delay_seconds": 0.0,
        "fetch_timeout_seconds": 5.0,
        "user_agent": "parley-test/1",
        "_env_file": None,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def story(n: int) -> list[str]:
    """Distinct article text for page ``n`` (long enough to be an article, not a teaser)."""
    return [
        f"Negotiators from the two delegations met for round {n} of the talks in Geneva.",
        f"The mediator said round {n} focused on prisoner exchanges and a ceasefire along the front line.",
        f"Officials expect a further meeting after round {n}, according to a statement from the ministry.",
    ]


@dataclass(frozen=True)
class Newsroom:
    """An RSS feed of items 1–6 and an Atom feed of items 5–8 (two shared): 8 articles, 10 feed items."""

    site: Site
    feeds: tuple[str, str]
    articles: int = 8
    items: int = 10


def build_newsroom(site: Site) -> Newsroom:
    for n in range(1, 9):
        stamp = (FEED_TIME - timedelta(hours=n)).isoformat()
        head = f"<meta property='article:published_time' content='{stamp}'>" if n % 2 else ""
        site.pages[f"/news/{n}"] = Page(article_html(f"Round {n} of talks", story(n), head=head))
    site.pages["/feeds/world.rss"] = Page(
        rss(
            "World news",
            [
                {
                    "title": f"Round {n}",
                    "link": site.url(f"/news/{n}"),
                    "guid": f"world-{n}",
                    "pubDate": rfc822(FEED_TIME - timedelta(hours=n, minutes=5)),
                }
                for n in range(1, 7)
            ],
        ),
        "application/rss+xml",
        etag='"world-v1"',
    )
    site.pages["/feeds/talks.atom"] = Page(
        atom(
            "Talks",
            [
                {
                    "title": f"Round {n}",
                    "link": site.url(f"/news/{n}"),
                    "id": f"urn:talks:{n}",
                    "published": (FEED_TIME - timedelta(hours=n, minutes=5)).isoformat(),
                }
                for n in range(5, 9)
            ],
        ),
        "application/atom+xml",
    )
    return Newsroom(site, (site.url("/feeds/world.rss"), site.url("/feeds/talks.atom")))


@pytest.fixture
def newsroom(site: Site) -> Newsroom:
    return build_newsroom(site)
