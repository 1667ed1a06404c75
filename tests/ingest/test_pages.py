"""Article pages: clean text, title, outlet, and the publication time from each kind of metadata."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.errors import InvalidInput, PayloadTooLarge
from app.ingest.documents import FeedContext, article_from_document, decode_body
from app.ingest.html import parse_page, parse_time
from tests.ingest.conftest import story
from tests.ingest.site import article_html

FETCHED = datetime(2025, 4, 23, 12, 0, tzinfo=UTC)
KYIV = timezone(timedelta(hours=3))
JSON_LD = (
    '<script type=\'application/ld+json\'>{"@context":"https://schema.org","@graph":[{"@type":'
    '"WebPage"},{"@type":"NewsArticle","headline":"Talks resume","datePublished":'
    '"2025-04-22T10:15:00+03:00","publisher":{"@type":"Organization","name":"Kyiv Daily"}}]}</script>'
)

# (id, extra <head>, extra markup before the text, expected time, expected source)
DATE_KINDS = [
    ("json-ld", JSON_LD, "", datetime(2025, 4, 22, 10, 15, tzinfo=KYIV), "page:json-ld"),
    (
        "og-meta",
        "<meta property='article:published_time' content='2025-04-22T07:15:00Z'>",
        "",
        datetime(2025, 4, 22, 7, 15, tzinfo=UTC),
        "page:meta",
    ),
    (
        "itemprop-meta",
        "<meta itemprop='datePublished' content='2025-04-22T10:15:00+0300'>",
        "",
        datetime(2025, 4, 22, 10, 15, tzinfo=KYIV),
        "page:meta",
    ),
    (
        "dublin-core",
        "<meta name='DC.date.issued' content='2025-04-22'>",
        "",
        datetime(2025, 4, 22, tzinfo=UTC),
        "page:meta",
    ),
    (
        "time-element",
        "",
        "<time datetime='2025-04-22T10:15:00+03:00' pubdate>22 April</time>",
        datetime(2025, 4, 22, 10, 15, tzinfo=KYIV),
        "page:time",
    ),
]


def _page(head: str = "", before: str = "", paragraphs: list[str] | None = None) -> bytes:
    return article_html("Talks resume", paragraphs or story(1), head=head, before=before)


def _article(body: bytes | None, feed: FeedContext | None = None, max_chars: int = 200_000):  # type: ignore[no-untyped-def]
    return article_from_document(
        url="https://news.example/a",
        body=body,
        content_type="text/html; charset=utf-8",
        fetched_at=FETCHED,
        feed=feed or FeedContext(),
        max_chars=max_chars,
    )


@pytest.mark.parametrize(
    ("kind", "head", "before", "expected", "source"), DATE_KINDS, ids=[k[0] for k in DATE_KINDS]
)
def test_page_time_from_each_kind_of_metadata(
    kind: str, head: str, before: str, expected: datetime, source: str
) -> None:
    feed = FeedContext(published_at=datetime(2025, 4, 20, tzinfo=UTC))
    article = _article(_page(head, before), feed)
    assert article.published_at == expected and article.published_at.tzinfo == UTC  # stored as UTC
    assert article.published_date == expected.date()
    assert (article.published_source, article.published_flagged) == (source, False)


def test_the_publication_day_is_the_publishers_day_not_utcs() -> None:
    """01:30 in Kyiv on 22 April is still 21 April in UTC: "today" in the text means the 22nd."""
    head = "<meta property='article:published_time' content='2025-04-22T01:30:00+03:00'>"
    article = _article(_page(head))
    assert article.published_at == datetime(2025, 4, 21, 22, 30, tzinfo=UTC)
    assert article.published_date.isoformat() == "2025-04-22"


def test_feed_time_when_the_page_is_silent() -> None:
    article = _article(_page(), FeedContext(published_at=datetime(2025, 4, 21, 6, 0, tzinfo=UTC)))
    assert (article.published_at, article.published_source) == (
        datetime(2025, 4, 21, 6, 0, tzinfo=UTC),
        "feed",
    )


def test_dateline_when_page_and_feed_are_silent() -> None:
    article = _article(_page(paragraphs=["KYIV, April 22 (Reuters) - " + story(2)[0], *story(2)[1:]]))
    assert (article.published_date.isoformat(), article.published_source) == ("2025-04-22", "dateline")
    assert not article.published_flagged


def test_no_date_anywhere_is_the_fetch_time_flagged() -> None:
    article = _article(_page())
    assert (article.published_at, article.published_source, article.published_flagged) == (
        FETCHED,
        "fetched",
        True,
    )


def test_implausible_dates_are_skipped_not_trusted() -> None:
    future = "<meta property='article:published_time' content='2031-01-01T00:00:00Z'>"
    article = _article(_page(future), FeedContext(published_at=datetime(1970, 1, 1, tzinfo=UTC)))
    assert article.published_flagged and article.published_source == "fetched"


def test_text_title_and_outlet_without_navigation_or_footer() -> None:
    page = parse_page(_page(JSON_LD).decode())
    assert page.title == "Talks resume"
    assert page.outlet == "Kyiv Daily"
    assert page.text == "\n\n".join(story(1))
    assert "Home" not in page.text and "Copyright" not in page.text


def test_article_body_container_wins_over_the_rest_of_the_page() -> None:
    html = (
        "<html><body><div><p>Related: a long list of other stories about other things entirely.</p></div>"
        "<div itemprop='articleBody'><p>The real text.</p><p>Second paragraph.</p></div>"
        "<div class='share'><a href='x'>Share on a social network now please</a></div></body></html>"
    )
    assert parse_page(html).text == "The real text.\n\nSecond paragraph."


def test_a_page_wrapped_in_a_form_still_has_text() -> None:
    html = (
        "<html><body><form action='/search'><label>Search</label><input name='q'><button>Go</button>"
        "<article><p>Talks resumed in Doha.</p></article></form></body></html>"
    )
    assert parse_page(html).text == "Talks resumed in Doha."


def test_sloppy_html_still_yields_text() -> None:
    html = "<html><body><p>One <b>bold<p>Two &amp; three<div>Four</body>"
    assert parse_page(html).text.split("\n\n") == ["One bold", "Two & three", "Four"]


def test_short_page_falls_back_to_the_feed_text() -> None:
    feed_text = "<p>" + " ".join(story(3)) + "</p>"
    article = _article(_page(paragraphs=["Subscribe to read."]), FeedContext(content=feed_text))
    assert article.text == " ".join(story(3))


def test_page_without_text_or_too_long_is_refused() -> None:
    with pytest.raises(InvalidInput):
        _article(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(PayloadTooLarge):
        _article(_page(), max_chars=50)


def test_charset_from_header_meta_or_utf8() -> None:
    assert decode_body("café".encode("latin-1"), "text/html; charset=ISO-8859-1") == "café"
    assert (
        decode_body(b"<meta charset='windows-1252'>caf\xe9", "text/html")
        == "<meta charset='windows-1252'>café"
    )
    assert decode_body("café".encode(), "text/html") == "café"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-04-22T10:15:00+03:00", datetime(2025, 4, 22, 10, 15, tzinfo=KYIV)),
        ("2025-04-22 10:15:00", datetime(2025, 4, 22, 10, 15, tzinfo=UTC)),
        ("Tue, 22 Apr 2025 10:15:00 +0300", datetime(2025, 4, 22, 10, 15, tzinfo=KYIV)),
        ("22 April", None),
        ("", None),
    ],
)
def test_parse_time(raw: str, expected: datetime | None) -> None:
    assert parse_time(raw) == expected
