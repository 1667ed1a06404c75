"""The event mention: one reported event in one sentence, before dating and merging.

A value type of its own module so that every stage that reasons over mentions
(reporting-verb folding, dating, merging) can import it without importing the stage
that reads words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.language.types import ActorMention, Span, TemporalMention

__all__ = ["Mention"]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


@dataclass(frozen=True, slots=True)
class Mention:
    """A trigger match with its clause's actors, targets, tense, modality and time words.

    ``kind`` is the trigger row's kind (act, speech, nominal); ``elaboration`` marks a
    speech that only adds to what its speaker already reported (see ``ordering.dedupe``).
    """

    rule_ids: tuple[str, ...]
    kind: str
    cameo: str
    label: str
    trigger: Span
    sentence: int
    actors: tuple[ActorMention, ...]
    targets: tuple[ActorMention, ...]
    tense: str
    modality: str
    timex: TemporalMention | None = None
    elaboration: bool = False

    @property
    def codes(self) -> tuple[str, ...]:
        """The actor codes (states, organisations) in order of mention."""
        return _unique(m.code for m in self.actors)

    @property
    def target_codes(self) -> tuple[str, ...]:
        """Target codes that are not also actors."""
        return tuple(c for c in _unique(m.code for m in self.targets) if c not in self.codes)

    @property
    def persons(self) -> tuple[str, ...]:
        """The people named as actors."""
        return _unique(m.person for m in self.actors if m.person is not None)
