"""A synthetic two-article story with known events, stored through the real write path.

The language layer is replaced by a table ``text -> Extraction`` so these
tests pin the timeline's HTTP behaviour, not extraction accuracy (the seed
acceptance tests cover that).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from app.language.types import Event, Extraction, Interval, Span

__all__ = ["StoryEvent", "article_body", "install_fake_language", "STORY_A", "STORY_B"]


@dataclass(frozen=True)
class StoryEvent:
    sentence: str
    cameo: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    earliest: date
    latest: date
    granularity: str = "day"
    time_text: str = ""
    modality: str = "asserted"
    confidence: float = 0.9


STORY_A = (
    StoryEvent(
        "Russia invaded Ukraine in February 2022, officials recalled.",
        "190",
        ("RUS",),
        ("UKR",),
        date(2022, 2, 1),
        date(2022, 2, 28),
        "month",
        "in February 2022",
    ),
    StoryEvent(
        'The United States threatened to withdraw from the talks, saying "enough, this ends".',
        "130",
        ("USA",),
        ("RUS", "UKR"),
        date(2025, 4, 18),
        date(2025, 4, 20),
        "day",
        "at the end of last week",
    ),
    StoryEvent(
        "Putin proposed bilateral negotiations with Ukraine on Tuesday.",
        "036",
        ("RUS",),
        ("UKR",),
        date(2025, 4, 22),
        date(2025, 4, 22),
        "day",
        "on Tuesday",
    ),
)
STORY_B = (
    StoryEvent(
        "NATO and the EU appealed for a ceasefire, a few days earlier.",
        "020",
        ("NATO", "EU"),
        ("RUS",),
        date(2025, 3, 10),
        date(2025, 3, 14),
        "day",
        "a few days earlier",
        "asserted",
        0.5,
    ),
)


def _extraction(events: tuple[StoryEvent, ...]) -> tuple[str, Extraction]:
    text, spans = "", []
    for ev in events:
        start = len(text)
        text += ev.sentence + " "
        spans.append(Span(start, start + len(ev.sentence), ev.sentence))
    out = []
    for n, (ev, span) in enumerate(zip(events, spans, strict=True)):
        best = ev.earliest if ev.earliest == ev.latest else ev.latest
        out.append(
            Event(
                id=f"E{n}",
                cameo=ev.cameo,
                label=ev.sentence.split(",")[0][:80],
                actors=ev.actors,
                targets=ev.targets,
                modality=ev.modality,
                time=Interval(ev.earliest, ev.latest, best, ev.granularity),
                time_text=ev.time_text,
                resolution="publication-relative",
                evidence=(span,),
                trigger=Span(span.start, span.start + 5, span.text[:5]),
                rule_ids=("test.rule",),
                confidence=ev.confidence,
            )
        )
    return text.strip(), Extraction(tuple(spans), (), (), (), tuple(out))


def article_body(events: tuple[StoryEvent, ...], **extra: Any) -> dict[str, Any]:
    text, _ = _extraction(events)
    return {"text": text, "published": "2025-04-22", **extra}


def install_fake_language(monkeypatch: pytest.MonkeyPatch, *stories: tuple[StoryEvent, ...]) -> None:
    """Make the write path extract exactly these stories' events from their texts."""
    table = dict(_extraction(s) for s in stories)

    def fake_extract(text: str, published: date) -> Extraction:
        return table.get(text.strip(), Extraction((), (), (), (), ()))

    monkeypatch.setattr("app.ingest.pipeline.extract", fake_extract)
