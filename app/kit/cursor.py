"""Opaque pagination cursors: a keyset position encoded as URL-safe base64 JSON."""

from __future__ import annotations

import base64
import binascii
from typing import Any

import orjson

from app.errors import InvalidInput

__all__ = ["encode_cursor", "decode_cursor"]


def encode_cursor(position: list[Any]) -> str:
    """Encode a keyset position (e.g. ``["2025-04-20", 17]``)."""
    return base64.urlsafe_b64encode(orjson.dumps(position)).decode().rstrip("=")


def decode_cursor(cursor: str, arity: int) -> list[Any]:
    """Decode a cursor made by ``encode_cursor``; anything else is an input error naming ``cursor``."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        position = orjson.loads(raw)
    except (binascii.Error, ValueError, orjson.JSONDecodeError):
        raise InvalidInput("'cursor' is not a cursor this service issued", field="cursor") from None
    if not isinstance(position, list) or len(position) != arity:
        raise InvalidInput("'cursor' is not a cursor this service issued", field="cursor")
    return position
