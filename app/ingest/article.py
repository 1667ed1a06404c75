"""The one article shape accepted everywhere (REST body, JSONL line, front-matter file).

``{"text", "published", "title"?, "url"?, "outlet"?, "language"?}``; ``published``
is an ISO 8601 date or date-time.  Validation names the field that is wrong so
the API and the CLI can both say exactly what to fix.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from app.errors import InvalidInput, PayloadTooLarge

__all__ = [
    "ArticleInput",
    "parse_article",
    "check_text_size",
    "parse_published",
    "canonical_url",
    "content_hash",
]

ALLOWED_FIELDS = frozenset({"text", "published", "title", "url", "outlet", "language"})
TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """A validated article ready for the pipeline."""

    text: str
    published_at: datetime
    published_date: date
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str = "en"
    published_source: str = "input"
    published_flagged: bool = False


def parse_published(value: Any, field: str = "published") -> datetime:
    """An ISO date or date-time as an aware datetime (dates become midnight UTC; naive times are UTC)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"'{field}' must be an ISO 8601 date or date-time string", field=field)
    raw = value.strip()
    try:
        if len(raw) == 10:
            return datetime.combine(date.fromisoformat(raw), time(0), tzinfo=UTC)
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(
            f"'{field}' is not a valid ISO 8601 date or date-time: {raw!r}", field=field
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _optional_str(obj: dict[str, Any], field: str, limit: int) -> str | None:
    value = obj.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"'{field}' must be a string", field=field)
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(f"'{field}' is longer than {limit} characters", field=field)
    return value or None


def check_text_size(text: str, max_chars: int) -> None:
    """Refuse a ``text`` field over the documented limit (413 over HTTP, exit 2 in the CLI)."""
    if len(text) > max_chars:
        raise PayloadTooLarge(f"'text' has {len(text)} characters; the limit is {max_chars}", field="text")


def parse_article(obj: Any, *, max_chars: int) -> ArticleInput:
    """Validate one article object; raise ``InvalidInput`` naming the first wrong field."""
    if not isinstance(obj, dict):
        raise InvalidInput("an article must be a JSON object", field="(body)")
    unknown = sorted(set(obj) - ALLOWED_FIELDS)
    if unknown:
        raise InvalidInput(f"unknown field '{unknown[0]}'", field=unknown[0])
    text = obj.get("text")
    if text is None:
        raise InvalidInput("'text' is required", field="text")
    if not isinstance(text, str):
        raise InvalidInput("'text' must be a string", field="text")
    if not text.strip():
        raise InvalidInput("'text' is empty", field="text")
    check_text_size(text, max_chars)
    if "published" not in obj:
        raise InvalidInput("'published' is required", field="published")
    published_at = parse_published(obj["published"])
    url = _optional_str(obj, "url", 2048)
    if url is not None and urlsplit(url).scheme not in ("http", "https"):
        raise InvalidInput("'url' must be an http or https URL", field="url")
    language = _optional_str(obj, "language", 16) or "en"
    return ArticleInput(
        text=unicodedata.normalize("NFC", text.replace("\r\n", "\n")),
        published_at=published_at.astimezone(UTC),  # stored in UTC: SQLite keeps no offset
        published_date=published_at.date(),  # the publisher's own calendar day
        title=_optional_str(obj, "title", 1024),
        url=url,
        outlet=_optional_str(obj, "outlet", 256),
        language=language,
    )


def canonical_url(url: str | None) -> str | None:
    """The URL two reports of the same page share: lower-case host, no fragment, no tracking parameters."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)
    ]
    path = parts.path.rstrip("/") or "/"
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme.lower(), host, path, urlencode(sorted(query)), ""))


def content_hash(text: str) -> str:
    """SHA-256 of the text, whitespace collapsed and case folded: a re-posted article hashes equal."""
    normal = WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()
