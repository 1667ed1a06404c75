"""The language layer: pure functions from (text, reference date) to frozen results.

Nothing in this package touches a database, the web framework, the environment
or the clock; the reference time is always an argument.

Public surface: ``extract(text, published) -> Extraction`` and
``extract_record(id, text, published) -> dict`` (one line of ``parley extract --jsonl``),
the value types of ``types.py``, and ``PIPELINE_VERSION``, which changes whenever the
output for some input changes (stored extractions can be recomputed when it moves).
"""

from app.language.pipeline import extract, extract_record
from app.language.types import (
    ActorMention,
    Event,
    EventRelation,
    Extraction,
    Interval,
    Offset,
    Span,
    TemporalMention,
)

#: Bump when the events, dates or relations produced for some input change.
PIPELINE_VERSION = "0.22.0"

__all__ = [
    "PIPELINE_VERSION",
    "ActorMention",
    "Event",
    "EventRelation",
    "Extraction",
    "Interval",
    "Offset",
    "Span",
    "TemporalMention",
    "extract",
    "extract_record",
]
