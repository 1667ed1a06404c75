"""Feeds: RSS 2.0, Atom, broken dates, and bodies that are not feeds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.ingest.feeds import FeedError, parse_feed
from tests.ingest.site import atom, rss

BASE = "https://news.example/feeds/x"


def test_rss_entries_with_keys_links_and_utc_times() -> None:
    body = rss(
        "World",
        [
            {
                "title": "Talks",
                "link": "https://news.example/a",
                "guid": "g-1",
                "pubDate": "Tue, 22 Apr 2025 10:15:00 +0300",
                "description": "<p>Talks resumed.</p>",
            },
            {"title": "No guid", "link": "https://news.example/b"},
        ],
    )
    feed = parse_feed(body, BASE)
    assert feed.title == "World"
    first, second = feed.entries
    assert first.key.endswith("g-1")  # feedparser resolves a permalink guid against the feed URL
    assert (first.url, first.title) == ("https://news.example/a", "Talks")
    assert first.published_at == datetime(2025, 4, 22, 7, 15, tzinfo=UTC)
    assert first.content is not None and "Talks resumed" in first.content
    assert (second.key, second.published_at) == ("https://news.example/b", None)


def test_atom_entries_resolve_relative_links() -> None:
    body = atom(
        "Talks",
        [{"title": "One", "id": "urn:1", "link": "/news/1", "published": "2025-04-21T09:00:00+02:00"}],
    )
    (entry,) = parse_feed(body, BASE).entries
    assert entry.key == "urn:1"
    assert entry.url == "https://news.example/news/1"
    assert entry.published_at == datetime(2025, 4, 21, 7, 0, tzinfo=UTC)


def test_broken_dates_become_no_date_not_an_error() -> None:
    body = rss(
        "Broken",
        [
            {"title": "A", "link": "https://news.example/a", "pubDate": "sometime last week"},
            {"title": "B", "link": "https://news.example/b", "pubDate": "Tue, 31 Feb 2025 25:61:00 +0000"},
            {"title": "C", "link": "https://news.example/c", "pubDate": ""},
        ],
    )
    entries = parse_feed(body, BASE).entries
    assert [e.published_at for e in entries] == [None, None, None]
    assert [e.key for e in entries] == [f"https://news.example/{c}" for c in "abc"]


def test_entries_without_id_or_link_get_a_content_key_and_repeats_are_dropped() -> None:
    body = rss("T", [{"title": "Same", "description": "text"}, {"title": "Same", "description": "text"}])
    (entry,) = parse_feed(body, BASE).entries
    assert entry.key.startswith("sha256:") and entry.url is None


@pytest.mark.parametrize("body", [b"<html><body>not a feed</body></html>", b"", b"\x00\x01binary"])
def test_not_a_feed(body: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(body, BASE)
