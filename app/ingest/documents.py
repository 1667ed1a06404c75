"""A fetched document (page body and/or feed entry) → the one article shape.

This is where the publication-time policy meets the data: the page's own
metadata, the feed's date, a dateline, or the fetch time flagged.  A page with
too little text falls back to the text the feed carried; a document with no
text at all, or over the size limit, is refused with ``InvalidInput`` (such an
item is not retried: fetching it again gives the same answer).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from app.errors import InvalidInput, PayloadTooLarge
from app.ingest.article import ArticleInput
from app.ingest.html import parse_page
from app.ingest.publication import choose_publication

__all__ = ["FeedContext", "article_from_document", "decode_body", "MIN_PAGE_CHARS"]

MIN_PAGE_CHARS = 200
CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class FeedContext:
    """What the feed said about an item, used when the page is silent."""

    title: str | None = None
    published_at: datetime | None = None
    content: str | None = None
    outlet: str | None = None


def decode_body(body: bytes, content_type: str) -> str:
    """Bytes → text: the HTTP charset, else a ``<meta charset>``, else UTF-8 (bad bytes replaced)."""
    charset = None
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset":
            charset = value.strip("\"' ")
    if charset is None and (found := CHARSET.search(body[:4096])):
        charset = found.group(1).decode("ascii")
    try:
        return body.decode(charset or "utf-8", errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _looks_html(content_type: str, text: str) -> bool:
    return "html" in content_type.lower() or text.lstrip()[:1] == "<"


def article_from_document(
    *,
    url: str | None,
    body: bytes | None,
    content_type: str,
    fetched_at: datetime,
    feed: FeedContext,
    max_chars: int,
) -> ArticleInput:
    """Build the article for a fetched page (``body``) or, without one, for the feed's own text."""
    page = None
    if body is not None:
        raw = decode_body(body, content_type)
        page = parse_page(raw) if _looks_html(content_type, raw) else None
        text = page.text if page is not None else raw.strip()
    else:
        text = ""
    if len(text) < MIN_PAGE_CHARS and feed.content:
        from_feed = parse_page(feed.content).text if "<" in feed.content else feed.content.strip()
        text = from_feed if len(from_feed) > len(text) else text
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n")).strip()
    if not text:
        raise InvalidInput("the page has no article text", field="text")
    if len(text) > max_chars:
        raise PayloadTooLarge(
            f"the page has {len(text)} characters of text; the limit is {max_chars}", field="text"
        )
    publication = choose_publication(
        page_time=page.published_at if page else None,
        page_how=page.published_how if page else None,
        feed_time=feed.published_at,
        text=text,
        fetched_at=fetched_at,
    )
    final_url = url
    if page is not None and page.canonical and url:
        canonical = page.canonical
        if (
            urlsplit(canonical).scheme in ("http", "https")
            and urlsplit(canonical).hostname == urlsplit(url).hostname
        ):
            final_url = canonical
    title = (page.title if page else None) or feed.title
    outlet = (page.outlet if page else None) or feed.outlet
    return ArticleInput(
        text=text,
        published_at=publication.at.astimezone(UTC),  # stored as UTC: SQLite keeps no offset
        published_date=publication.at.date(),  # the day where it was published: the text's "today"
        title=title[:1024] if title else None,
        url=final_url[:2048] if final_url else None,
        outlet=outlet[:256] if outlet else None,
        language=(page.language if page and page.language else "en")[:16],
        published_source=publication.source,
        published_flagged=publication.flagged,
    )
