"""An article page → clean text, title, outlet and the page's own publication time.

Pure Python on the standard library's tolerant ``html.parser`` (no lxml, no
native code): one pass collects the metadata news sites publish for search
engines and social cards — JSON-LD ``NewsArticle``, ``<meta>`` tags
(``article:published_time``, ``og:*``, Dublin Core, ``itemprop``) and
``<time datetime>`` — and the text blocks of the body.  The body text is taken
from the most specific article container present (``itemprop=articleBody`` >
``<article>`` > ``<main>`` > the whole body), skipping navigation, headers,
footers, asides, forms, scripts and blocks that are mostly links.  Times keep
their timezone; a time without one is read as UTC.  See docs/ingestion.md for
why this was preferred to trafilatura + htmldate.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import Any

__all__ = ["PageContent", "parse_page", "parse_time"]

SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "header",
        "footer",
        "aside",
        "button",  # not "form": some sites wrap the whole page in one (ASP.NET)
        "select",
        "textarea",
        "label",
        "iframe",
        "object",
        "canvas",
        "figure",
    }
)
VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "col", "base"})
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "section",
        "article",
        "main",
        "td",
        "th",
        "dd",
        "dt",
        "ul",
        "ol",
        "table",
        "tr",
        "br",
        "hr",
        "body",
    }
)
# Meta names/properties that state when the article was first published, best first.
PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
)
NEWS_TYPES = frozenset(
    {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle"}
)
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass
class PageContent:
    """What a page says about itself; ``published_how`` names the metadata the time came from."""

    text: str
    title: str | None = None
    outlet: str | None = None
    language: str | None = None
    canonical: str | None = None
    published_at: datetime | None = None
    published_how: str | None = None


def parse_time(value: str) -> datetime | None:
    """An ISO 8601 or RFC 2822 time as an aware datetime (no zone → UTC); None when unreadable."""
    raw = value.strip()
    if not raw:
        return None
    try:
        if len(raw) == 10:
            return datetime.combine(date.fromisoformat(raw), time(0), tzinfo=UTC)
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass
class _Block:
    text: list[str] = field(default_factory=list)
    link_chars: int = 0
    level: int = 0  # 3 articleBody, 2 <article>, 1 <main>, 0 elsewhere
    tag: str = "p"


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.json_ld: list[str] = []
        self.times: list[tuple[int, str]] = []  # (container level, datetime attribute)
        self.title_parts: list[str] = []
        self.headline: str | None = None
        self.language: str | None = None
        self.canonical: str | None = None
        self.blocks: list[_Block] = []
        self._stack: list[tuple[str, int]] = []  # (tag, container level it opened or -1)
        self._skip = 0
        self._in_title = False
        self._in_ld = False
        self._ld: list[str] = []
        self._links = 0
        self._level_counts = [0, 0, 0, 0]
        self._block = _Block()

    def _level(self) -> int:
        return max((lvl for lvl in (3, 2, 1) if self._level_counts[lvl]), default=0)

    def _flush(self) -> None:
        if self._block.text:
            self.blocks.append(self._block)
            if self._block.tag == "h1" and self.headline is None:
                self.headline = _block_text(self._block) or None
        self._block = _Block(level=self._level())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
            if key and "content" in attr:
                self.meta.setdefault(key, attr["content"])
            return
        if tag == "link" and "canonical" in attr.get("rel", "").lower().split():
            self.canonical = self.canonical or attr.get("href") or None
            return
        if tag == "html" and attr.get("lang"):
            self.language = attr["lang"]
        if tag == "script" and "ld+json" in attr.get("type", "").lower():
            self._in_ld, self._ld = True, []
        if tag == "time" and attr.get("datetime"):
            if "pubdate" in attr or attr.get("itemprop", "").lower() == "datepublished":
                self.times.insert(0, (9, attr["datetime"]))
            else:
                self.times.append((self._level(), attr["datetime"]))
        if tag == "title":
            self._in_title = True
        if tag in VOID_TAGS:
            if tag in BLOCK_TAGS and not self._skip:
                self._flush()
            return
        level = -1
        if attr.get("itemprop", "").lower() == "articlebody":
            level = 3
        elif tag == "article":
            level = 2
        elif tag == "main" or attr.get("role", "").lower() == "main":
            level = 1
        if tag in BLOCK_TAGS and not self._skip:
            self._flush()
        if level > 0:
            self._level_counts[level] += 1
            self._block.level = self._level()
        if tag in SKIP_TAGS:
            self._skip += 1
        if tag == "a":
            self._links += 1
        self._block.tag = tag if tag in BLOCK_TAGS else self._block.tag
        self._stack.append((tag, level))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "script" and self._in_ld:
            self._in_ld = False
            self.json_ld.append("".join(self._ld))
        if tag not in {t for t, _ in self._stack}:
            return
        while self._stack:  # close everything left open inside ``tag`` (tolerant of sloppy HTML)
            open_tag, level = self._stack.pop()
            if open_tag in BLOCK_TAGS and not self._skip:
                self._flush()
            if level > 0:
                self._level_counts[level] -= 1
            if open_tag in SKIP_TAGS:
                self._skip -= 1
            if open_tag == "a":
                self._links -= 1
            if open_tag == tag:
                break
        self._block.level = self._level()

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self._ld.append(data)
            return
        if self._in_title:
            self.title_parts.append(data)
            return
        if self._skip:
            return
        self._block.text.append(data)
        if self._links:
            self._block.link_chars += len(data.strip())


def _json_ld_objects(raw: str) -> list[dict[str, Any]]:
    try:
        doc = json.loads(raw)
    except ValueError:
        return []
    found: list[dict[str, Any]] = []
    pending = [doc]
    while pending:
        item = pending.pop(0)
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            found.append(item)
            if "@graph" in item:
                pending.append(item["@graph"])
    return found


def _is_news(obj: dict[str, Any]) -> bool:
    kinds = obj.get("@type", [])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(str(k).lower() in NEWS_TYPES for k in kinds)


def _block_text(block: _Block) -> str:
    return SPACES.sub(" ", "".join(block.text)).strip()


def _body_text(blocks: list[_Block]) -> str:
    kept = []
    for block in blocks:
        text = _block_text(block)
        if not text or block.tag == "h1" or (block.link_chars > 0.5 * len(text)):
            continue  # empty, the headline (kept as the title), or a menu of links
        kept.append((block.level, block.tag, text))
    best = max((level for level, _, _ in kept), default=0)
    lines = [text for level, tag, text in kept if level == best]
    return "\n\n".join(lines)


def parse_page(html: str) -> PageContent:
    """Text and metadata of an article page."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    parser._flush()
    meta = parser.meta
    title: str | None = meta.get("og:title")
    outlet = meta.get("og:site_name") or meta.get("application-name")
    published_at, how = None, None
    for obj in (o for raw in parser.json_ld for o in _json_ld_objects(raw) if _is_news(o)):
        title = title or obj.get("headline")
        publisher = obj.get("publisher")
        if not outlet and isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            outlet = publisher["name"]
        value = obj.get("datePublished") or obj.get("dateCreated")
        if published_at is None and isinstance(value, str):
            published_at, how = parse_time(value), "json-ld"
    if published_at is None:
        for name in PUBLISHED_META:
            if name in meta and (moment := parse_time(meta[name])) is not None:
                published_at, how = moment, "meta"
                break
    if published_at is None and parser.times:
        for _, value in sorted(parser.times, key=lambda t: -t[0]):
            if (moment := parse_time(value)) is not None:
                published_at, how = moment, "time"
                break
    title = title or parser.headline or SPACES.sub(" ", "".join(parser.title_parts)).strip() or None
    headline = title.strip() if isinstance(title, str) else None
    return PageContent(
        text=_body_text(parser.blocks),
        title=headline[:1024] if headline else None,
        outlet=outlet.strip()[:256] if isinstance(outlet, str) and outlet.strip() else None,
        language=(parser.language or "").split("-")[0].lower() or None,
        canonical=parser.canonical,
        published_at=published_at if published_at is not None else None,
        published_how=how if published_at is not None else None,
    )
