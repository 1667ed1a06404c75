"""An in-process cache of rendered read responses, invalidated by a generation counter.

Widgets ask for the same page again and again; serving it from memory skips
the query, the rendering and the digest.  Correctness rests on one rule: any
write bumps the generation and empties the cache.  Writes through this
process's API bump it directly (``WriteInvalidation``); writes by other
workers or by ``parley ingest`` are noticed by comparing a cheap database
signature at most every ``revalidate_seconds``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["CachedResponse", "ResponseCache"]

log = logging.getLogger("parley.cache")


@dataclass(frozen=True, slots=True)
class CachedResponse:
    """A finished 200 response: its body, its ETag and its headers as ASGI pairs."""

    body: bytes
    etag: str
    headers: tuple[tuple[bytes, bytes], ...]


class ResponseCache:
    """LRU of ``key -> CachedResponse`` for the current generation of the data."""

    def __init__(
        self, *, max_entries: int, revalidate_seconds: float, signature: Callable[[], Any] | None = None
    ) -> None:
        self.max_entries = max_entries
        self.revalidate_seconds = revalidate_seconds
        self.signature = signature
        self.generation = 0
        self._entries: OrderedDict[str, CachedResponse] = OrderedDict()
        self._lock = threading.Lock()
        self._last_signature: Any = None
        self._checked_at = 0.0

    def get(self, key: str) -> CachedResponse | None:
        entry = self._entries.get(key)
        if entry is not None and len(self._entries) > 1:
            with contextlib.suppress(KeyError):  # evicted by another thread meanwhile
                self._entries.move_to_end(key)
        return entry

    def put(self, key: str, entry: CachedResponse, *, generation: int) -> None:
        """Store ``entry`` unless a write happened since it was computed (``generation`` is stale)."""
        if self.max_entries <= 0:
            return
        with self._lock:
            if generation != self.generation:
                return
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def invalidate(self) -> None:
        """A write happened: forget everything rendered before it."""
        with self._lock:
            self.generation += 1
            self._entries.clear()

    def revalidation_due(self) -> bool:
        return self.signature is not None and time.monotonic() - self._checked_at >= self.revalidate_seconds

    def revalidate(self) -> None:
        """Compare the database signature with the last one seen; invalidate when it moved."""
        if self.signature is None:
            return
        self._checked_at = time.monotonic()
        try:
            current = self.signature()
        except Exception:  # the database is away: forget everything rather than serve a stale page
            log.warning("response cache: could not read the change signature; emptying the cache")
            self.invalidate()
            self._last_signature = None
            return
        if self._last_signature is not None and current != self._last_signature:
            self.invalidate()
        self._last_signature = current

    def __len__(self) -> int:
        return len(self._entries)
