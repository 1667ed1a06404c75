"""The event layer's own value types: a mention (one reported event in one sentence) and a dated group.

Value types in a module of their own so that every stage that reasons over them
(reporting-verb folding, anchoring, dating, narrative time, merging) can import them
without importing the stage that produces them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from app.language.types import ActorMention, Interval, Span, TemporalMention

__all__ = ["STATED", "Mention", "Timed"]

#: Resolutions of a time the text states (its own words, absolute or against publication): what
#: later sentences may hang on.
STATED = ("absolute", "publication-relative")


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


class Mention(NamedTuple):
    """A trigger match with its clause's actors, targets, tense, modality and time words.

    A named tuple rather than a frozen dataclass because the stages of one sentence copy a
    mention with one field changed many times per article (its targets, its time, a folded
    report, the headline flag): ``_replace`` costs a fraction of ``dataclasses.replace``.
    Like every value here it is immutable and compared by value.

    ``kind`` is the trigger row's kind (act, speech, nominal); ``elaboration`` marks a
    speech that only adds to what its speaker already reported (see ``ordering.dedupe``);
    ``anchor_to`` is the trigger start of the mention its time words are measured from
    when the sentence says so ("M soon after S erupted on Thursday"); ``headline`` marks a
    mention in a line not closed by a full stop (a title or subtitle summarising the news);
    ``acted_on`` marks a trigger whose subject is its target ("the army intercepted drones");
    ``aside`` marks an act told in a relative clause ("Israel, which struck Damascus on
    Wednesday, said ..."): background the story's later sentences do not continue from.
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
    anchor_to: int | None = None
    headline: bool = False
    acted_on: bool = False
    aside: bool = False

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


@dataclass(frozen=True, slots=True)
class Timed:
    """A group of mentions of one event with its time, how it was found, and ordering links.

    ``links`` are ``(other group index, "BEFORE" | "AFTER")``: this group relative to another.
    ``strength`` ranks how much the interval is worth when groups merge (explicit words win).
    """

    mentions: tuple[Mention, ...]
    interval: Interval
    time_text: str
    resolution: str
    strength: int
    links: tuple[tuple[int, str], ...] = field(default=())

    @property
    def head(self) -> Mention:
        """The first mention: the one whose words dated the group."""
        return self.mentions[0]
