"""RSS and Atom feeds → entries, with feedparser.

feedparser reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0, survives the malformed
XML real feeds are full of, and normalises dates to UTC.  What it cannot parse
(a date like "sometime last week") comes back as no date rather than an error;
the publication-time policy then falls through to the page, a dateline or the
fetch time.  Each entry gets a stable key (its id/guid, else its link, else a
hash of its title and text) so re-reading the feed recognises old entries.
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

__all__ = ["FeedEntry", "ParsedFeed", "FeedError", "parse_feed", "KEY_CHARS"]

KEY_CHARS = 512


class FeedError(Exception):
    """The body is not a feed at all."""


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, as stored in ``feed_items``."""

    key: str
    url: str | None
    title: str | None
    published_at: datetime | None
    content: str | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]


def _when(entry: Any) -> datetime | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _content(entry: Any) -> str | None:
    bodies = [c.get("value", "") for c in entry.get("content", []) or []]
    longest = max(bodies, key=len, default="")
    summary = entry.get("summary", "") or ""
    text = longest if len(longest) >= len(summary) else summary
    return text or None


def _key(entry: Any, url: str | None, content: str | None) -> str:
    raw = (entry.get("id") or url or "").strip()
    if not raw:
        raw = "sha256:" + hashlib.sha256(f"{entry.get('title', '')}\n{content or ''}".encode()).hexdigest()
    if len(raw) > KEY_CHARS:
        raw = "sha256:" + hashlib.sha256(raw.encode()).hexdigest()
    return raw


def parse_feed(body: bytes, url: str) -> ParsedFeed:
    """Entries of an RSS/Atom document fetched from ``url`` (relative links resolved against it)."""
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "no feed elements"
        raise FeedError(f"not an RSS or Atom feed: {reason}")
    entries = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip() or None
        if link and not link.startswith(("http://", "https://")):
            link = None
        content = _content(entry)
        key = _key(entry, link, content)
        if key in seen:
            continue
        seen.add(key)
        title = (entry.get("title") or "").strip() or None
        entries.append(FeedEntry(key, link, title[:1024] if title else None, _when(entry), content))
    title = (parsed.feed.get("title") or "").strip() or None
    return ParsedFeed(title=title[:512] if title else None, entries=entries)
