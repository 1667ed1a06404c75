"""The served fields of a timeline event from its reports: pure arithmetic, no database.

A timeline event's window is the intersection of its reports' windows (their
union, flagged as a date conflict, when they disagree); its label, modality and
Goldstein score come from the most confident of the first ``PROVENANCE_LIMIT``
reports, its code from the most common code among them.  All of that can be
computed from a few aggregates, so a cluster keeps them in ``merge_state`` and a
new report updates them in O(1) instead of re-reading every mention.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import orjson

from app.events.records import ClusterView
from app.language.temporal import display
from app.language.types import Interval
from app.timeline.item import timeline_item

__all__ = [
    "GRANULARITY_RANK",
    "PROVENANCE_LIMIT",
    "MergeState",
    "Lead",
    "merged_interval",
    "served_values",
]

#: Reports carried in a timeline item's stored provenance; the event detail serves all of them.
PROVENANCE_LIMIT = 20
GRANULARITY_RANK = {
    g: i
    for i, g in enumerate(
        ("century", "decade", "year", "season", "quarter", "month", "week", "day", "hour", "minute")
    )
}


@dataclass(frozen=True, slots=True)
class Lead:
    """The report whose label, modality and Goldstein score the event shows."""

    id: int
    confidence: float
    label: str
    modality: str
    goldstein: float | None

    def beats(self, other: Lead) -> bool:
        """Higher confidence wins; on a tie the older (lower id) report."""
        return (self.confidence, -self.id) > (other.confidence, -other.id)


@dataclass(frozen=True, slots=True)
class MergeState:
    """Aggregates over every report of one timeline event, kept on its row."""

    earliest_min: date
    earliest_max: date
    latest_min: date
    latest_max: date
    granularities: frozenset[str]
    lead_id: int
    lead_confidence: float

    def to_json(self) -> dict[str, Any]:
        return {
            "earliest": [self.earliest_min.isoformat(), self.earliest_max.isoformat()],
            "latest": [self.latest_min.isoformat(), self.latest_max.isoformat()],
            "granularities": sorted(self.granularities),
            "lead": [self.lead_id, self.lead_confidence],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MergeState:
        (e_min, e_max), (l_min, l_max) = data["earliest"], data["latest"]
        lead_id, lead_confidence = data["lead"]
        return cls(
            date.fromisoformat(e_min),
            date.fromisoformat(e_max),
            date.fromisoformat(l_min),
            date.fromisoformat(l_max),
            frozenset(data["granularities"]),
            int(lead_id),
            float(lead_confidence),
        )

    def add(self, earliest: date, latest: date, granularity: str, lead: Lead) -> MergeState:
        """The state after one more report (``lead``: the event's lead after it)."""
        return MergeState(
            min(self.earliest_min, earliest),
            max(self.earliest_max, earliest),
            min(self.latest_min, latest),
            max(self.latest_max, latest),
            self.granularities | {granularity},
            lead.id,
            lead.confidence,
        )


def merged_interval(state: MergeState, first_best: date, first_grain: str) -> tuple[Interval, bool]:
    """Intersection of the reports' windows; when they disagree, their union, flagged as a conflict."""
    earliest, latest = state.earliest_max, state.latest_min
    conflict = earliest > latest
    if conflict:
        earliest, latest = state.earliest_min, state.latest_max
        granularity = first_grain
    else:
        granularity = max(state.granularities, key=lambda g: GRANULARITY_RANK.get(g, 0))
    best = min(max(first_best, earliest), latest)
    return Interval(earliest=earliest, latest=latest, best=best, granularity=granularity), conflict


def served_values(
    *,
    cluster_id: int,
    cameo_root: str,
    shown: list[dict[str, Any]],
    lead: Lead,
    state: MergeState,
    count: int,
    confidence: float,
    first_reported: datetime,
    actors: list[str],
    targets: set[str],
) -> dict[str, Any]:
    """Every served column of a timeline event (``shown``: the provenance of its first reports, in order;
    ``actors``: the event's actors in the order they are served; ``targets``: every target named)."""
    interval, conflict = merged_interval(state, date.fromisoformat(shown[0]["best"]), shown[0]["granularity"])
    view = ClusterView(
        id=cluster_id,
        label=lead.label,
        cameo=Counter(p["cameo"] for p in shown).most_common(1)[0][0],
        cameo_root=cameo_root,
        modality=lead.modality,
        earliest=interval.earliest,
        latest=interval.latest,
        best=interval.best,
        granularity=interval.granularity,
        display=display(interval),
        actors=actors,
        targets=sorted(targets - set(actors)),
        goldstein=lead.goldstein,
        confidence=confidence,
        mention_count=count,
        first_reported_at=first_reported,
    )
    item = timeline_item(view, [], conflict)  # type: ignore[arg-type]  # reads attributes only
    item["provenance"] = shown
    words = [view.label] + [e["text"] for p in shown for e in p["evidence"]]
    return {
        "cameo": view.cameo,
        "label": view.label,
        "modality": view.modality,
        "earliest": view.earliest,
        "latest": view.latest,
        "best": view.best,
        "granularity": view.granularity,
        "display": view.display,
        "actors": view.actors,
        "targets": view.targets,
        "goldstein": view.goldstein,
        "confidence": view.confidence,
        "mention_count": count,
        "first_reported_at": first_reported,
        "search_text": " ".join(words).casefold(),
        "payload": orjson.dumps(item).decode(),
        "merge_state": state.to_json(),
    }
