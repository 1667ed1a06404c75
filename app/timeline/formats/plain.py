"""``format=json`` (the default): stored item payloads joined as they are, no per-row parsing."""

from __future__ import annotations

from collections.abc import Sequence

import orjson

from app.timeline.formats.base import Format

__all__ = ["FORMAT", "render_page"]


def render_page(payloads: Sequence[bytes], next_cursor: str | None) -> bytes:
    """``{"items": [...], "next": cursor}`` built by joining the pre-rendered items."""
    return b'{"items":[' + b",".join(payloads) + b'],"next":' + orjson.dumps(next_cursor) + b"}"


FORMAT = Format(
    name="json",
    media_type="application/json",
    description="Parley items with provenance: {items, next}.",
    page=render_page,
)
