"""What a timeline format is: a name, a media type, and how to turn stored payloads into bytes.

Payloads arrive as the UTF-8 bytes of each stored item's JSON.

Paged formats render one keyset page (and are cached); streamed formats turn
an iterator of row batches into an iterator of byte chunks, so an export of a
million events holds one batch in memory at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = ["Format", "PageRenderer", "StreamRenderer"]


class PageRenderer(Protocol):
    def __call__(self, payloads: Sequence[bytes], next_cursor: str | None) -> bytes: ...


class StreamRenderer(Protocol):
    def __call__(self, batches: Iterable[Sequence[bytes]]) -> Iterator[bytes]: ...


@dataclass(frozen=True)
class Format:
    """One entry of the registry; exactly one of ``page`` / ``stream`` is set."""

    name: str
    media_type: str
    description: str
    page: PageRenderer | None = None
    stream: StreamRenderer | None = None
    filename: str | None = None

    @property
    def streamed(self) -> bool:
        return self.stream is not None
