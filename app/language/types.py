"""Value types that flow through the language layer.

Every stage of the pipeline (sentences -> time mentions -> actors -> events ->
anchoring -> ordering) is a pure function from text plus a reference date to
these frozen dataclasses.  They are the contract between the temporal engine,
the event layer and the service around them: the database and the API only
ever see these types, never the internals of a stage.

Dates are ``datetime.date``: the service reasons about calendar days, and a
finer TIMEX3 value (``2025-04-22T14:30``) is kept in ``TemporalMention.value``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

__all__ = [
    "Anchor",
    "Extraction",
    "Event",
    "EventRelation",
    "Granularity",
    "Interval",
    "ActorMention",
    "Modality",
    "Offset",
    "RelationType",
    "Resolution",
    "Span",
    "TemporalMention",
    "TimexType",
    "GRANULARITIES",
]

Granularity = Literal[
    "century", "decade", "year", "season", "quarter", "month", "week", "day", "hour", "minute"
]
GRANULARITIES: tuple[str, ...] = (
    "century",
    "decade",
    "year",
    "season",
    "quarter",
    "month",
    "week",
    "day",
    "hour",
    "minute",
)
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Anchor = Literal["absolute", "publication", "event", "speaker", "none"]
Modality = Literal["asserted", "planned", "predicted", "conditional", "denied", "reported"]
Resolution = Literal["absolute", "publication-relative", "event-relative", "speaker-relative", "implicit"]
RelationType = Literal["BEFORE", "AFTER", "SAME_AS"]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of the article text (Python str indices)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Interval:
    """When something happened: the window the text justifies, a best guess inside it, and its grain.

    Invariant: ``earliest <= best <= latest``.
    """

    earliest: date
    latest: date
    best: date
    granularity: str


@dataclass(frozen=True, slots=True)
class Offset:
    """An underspecified shift from an anchor, e.g. "a few days earlier" = -6..-2 days.

    ``direction`` is -1 (before the anchor), +1 (after it) or 0 (same time as it).
    ``low``/``high`` bound the amount in ``unit`` (day, week, month, year); vague
    words get their range from the one vagueness table of the temporal engine.
    """

    direction: int
    low: int
    high: int
    unit: str


@dataclass(frozen=True, slots=True)
class TemporalMention:
    """A TIMEX3 found in text, with our interval where it denotes a time.

    ``anchor`` says what the value is relative to: ``absolute`` needs nothing,
    ``publication`` was resolved against the reference date (DCT), ``event``
    needs the interval of the event the sentence refers back to (``offset`` says
    how far and which way; ``interval`` is then a publication-based fallback or
    None), ``speaker`` lies inside reported speech.  DURATION and SET mentions
    usually have no interval.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    rule_id: str
    anchor: str
    interval: Interval | None = None
    mod: str | None = None
    offset: Offset | None = None
    in_quote: bool = False


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in text: a state (ISO 3166 alpha-3), an organisation code or a person.

    ``code`` is what events carry: a person resolves to the state or organisation
    they speak for (``person`` keeps who it was).
    """

    start: int
    end: int
    text: str
    code: str
    kind: str
    name: str
    person: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event reported by an article, with all the sentences that report it."""

    id: str
    cameo: str
    label: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    modality: str
    time: Interval
    time_text: str
    resolution: str
    evidence: tuple[Span, ...]
    trigger: Span
    rule_ids: tuple[str, ...] = ()
    goldstein: float | None = None
    confidence: float = 1.0

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]


@dataclass(frozen=True, slots=True)
class EventRelation:
    """An ordering fact between two events of the same article (ids are ``Event.id``)."""

    source: str
    target: str
    type: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the language layer found in one article."""

    sentences: tuple[Span, ...]
    quotes: tuple[Span, ...]
    timexes: tuple[TemporalMention, ...]
    actors: tuple[ActorMention, ...]
    events: tuple[Event, ...]
    relations: tuple[EventRelation, ...] = field(default=())
