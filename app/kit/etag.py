"""Strong entity tags and ``If-None-Match`` matching (RFC 9110 §8.8.3, §13.1.2).

A strong ETag here is a digest of the exact bytes sent, so equal tags mean
byte-identical bodies whatever process produced them.
"""

from __future__ import annotations

import hashlib

__all__ = ["strong_etag", "none_match"]


def strong_etag(body: bytes) -> str:
    """A quoted strong validator for ``body``."""
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def none_match(header: str | None, etag: str) -> bool:
    """True when an ``If-None-Match`` header matches ``etag`` (weak comparison, as the RFC asks)."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == bare for tag in header.split(","))
