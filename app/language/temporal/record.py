"""The ``parley timex --jsonl`` contract: one output record per input line (DESIGN.md, Interfaces).

Why here: the CLI, the HTTP endpoint and the benchmarks must emit exactly the
same shape, so the shape is built in one place, next to the engine.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.language.temporal.extract import find_timexes

__all__ = ["timex_record"]


def timex_record(id: str, text: str, dct: date) -> dict[str, Any]:  # noqa: A002 - the contract's field name
    """One output line: ``{"id", "timexes": [...]}``.

    Each timex is ``{"start", "end", "text", "type", "value", "earliest", "latest",
    "granularity"}``.
    Offsets are Python string indices into ``text``; ``earliest``/``latest`` are
    ISO dates, or None when the mention has no interval of its own (durations,
    sets, event-relative offsets before their anchor is known); ``granularity``
    is then None too.
    """
    rows = []
    for m in find_timexes(text, dct):
        iv = m.interval
        rows.append(
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": m.type,
                "value": m.value,
                "earliest": iv.earliest.isoformat() if iv else None,
                "latest": iv.latest.isoformat() if iv else None,
                "granularity": iv.granularity if iv else None,
            }
        )
    return {"id": id, "timexes": rows}
