"""The clustering look-up keys of timeline events (``cluster_keys``) and what to write when they change.

A timeline event has one key per participant (its served actors and targets),
each carrying the event's CAMEO root and window, so that the look-up of a new
report reaches only the events it could join (see ``app.models.event.ClusterKey``).
The keys must follow the event: this module derives them from an event's
served values and turns a change of those values into the fewest writes (a
joined event mostly keeps its window and participants, and then nothing is
written); ``app.events.repository`` runs the writes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = ["WINDOW_CLASS_DAYS", "KeyWindow", "KeyChanges", "participants", "window_class"]

#: Upper bounds (days) of a window's length per key class; longer windows are the last class.
#: The look-up scans one range of window ends per class and participant, up to the new window's
#: end plus the class's bound, and tests each key's window start on the index entry.  Few, wide
#: classes: with the participant in the key a range holds a few keys, so a wider range costs
#: less than one more index seek.
WINDOW_CLASS_DAYS = (7, 92, 3660)


def window_class(earliest: date, latest: date) -> int:
    """The key class of a window: the index of the first bound its length fits, else the last class."""
    return bisect.bisect_left(WINDOW_CLASS_DAYS, (latest - earliest).days)


@dataclass(frozen=True, slots=True)
class KeyWindow:
    """What every key of one event carries besides its participant."""

    cameo_root: str
    earliest: date
    latest: date

    @classmethod
    def of(cls, cameo_root: str, values: Any) -> KeyWindow:
        """The window of an event from its row or its served values (``earliest``, ``latest``)."""
        if isinstance(values, dict):
            return cls(cameo_root, values["earliest"], values["latest"])
        return cls(cameo_root, values.earliest, values.latest)

    def columns(self) -> dict[str, Any]:
        """The ``cluster_keys`` columns every key of the event shares."""
        return {
            "cameo_root": self.cameo_root,
            "window_class": window_class(self.earliest, self.latest),
            "latest": self.latest,
            "earliest": self.earliest,
        }


def participants(actors: list[str], targets: list[str]) -> set[str]:
    """Every code an event's keys are made of: its actors and its targets (the matcher's participants)."""
    return {*actors, *targets}


@dataclass
class KeyChanges:
    """The key writes of a set of event changes, gathered so each kind runs as one statement."""

    #: new ``cluster_keys`` rows
    added: list[dict[str, Any]] = field(default_factory=list)
    #: ``{"tid", "cameo_root", "window_class", "latest", "earliest"}``: events whose keys move to a new window
    moved: list[dict[str, Any]] = field(default_factory=list)
    #: ``(timeline_event_id, participant)`` of keys to delete
    removed: list[tuple[int, str]] = field(default_factory=list)

    def start(self, timeline_event_id: int, window: KeyWindow, codes: set[str]) -> None:
        """The keys of an event that has none yet."""
        shared = window.columns()
        self.added.extend(
            {"timeline_event_id": timeline_event_id, "participant": code, **shared} for code in sorted(codes)
        )

    def change(
        self,
        timeline_event_id: int,
        before: tuple[KeyWindow, set[str]],
        after: tuple[KeyWindow, set[str]],
    ) -> None:
        """Bring an event's keys from ``before`` to ``after`` (window, participants)."""
        (old_window, old_codes), (new_window, new_codes) = before, after
        self.removed.extend((timeline_event_id, code) for code in sorted(old_codes - new_codes))
        if new_window != old_window and old_codes & new_codes:
            self.moved.append({"tid": timeline_event_id, **new_window.columns()})
        self.start(timeline_event_id, new_window, new_codes - old_codes)
