"""``format=ndjson``: one stored item per line, streamed batch by batch (constant memory)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from app.timeline.formats.base import Format

__all__ = ["FORMAT", "render_stream"]


def render_stream(batches: Iterable[Sequence[bytes]]) -> Iterator[bytes]:
    """Each batch becomes one chunk of newline-terminated JSON objects."""
    for payloads in batches:
        if payloads:
            yield b"\n".join(payloads) + b"\n"


FORMAT = Format(
    name="ndjson",
    media_type="application/x-ndjson",
    description="One item (as in json) per line; the whole filtered timeline, streamed.",
    stream=render_stream,
    filename="parley-timeline.ndjson",
)
