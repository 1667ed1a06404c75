"""Which earlier event a sentence refers back to: the anchor of "a few days earlier", "had threatened".

Why a module: anaphoric time words are only as good as the anchor they are measured
from, and the anchor is a matter of salience, not of distance.  In order:

1. an event the sentence (or the one before it) names by a possessive reference:
   a person's ("Putin's statement", "Putin's remarks") → that person's latest event;
   a day's ("Monday's announcement") → the latest event dated on that day;
2. the latest event of the same speaker ("Shortly after, Trump predicted..." refers
   back to what Trump last did);
3. the latest event dated by its own words (the story's dated news is what later
   sentences hang on), else the latest event; plans, background nouns and "since ..."
   clauses are never anchors of the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from app.language.events.lexicon import Lexicon
from app.language.events.mention import STATED, Mention
from app.language.types import ActorMention, Interval, Span, TemporalMention

__all__ = ["Article", "choose_anchor"]

_REFERENCE_NOUNS = re.compile(
    r"^['’]s?\s+(?:\w+\s+)?(?:statement|remarks|comments|words|initiative|proposal|announcement|offer|speech|"
    r"address|call|plan|decision|threat|declaration|move)\b",
    re.IGNORECASE,
)


#: A clause that only measures from an earlier event ("the first meeting since M23 seized Goma").
_SINCE = re.compile(r"\bsince\s+(?:[\w’'-]+\s+){0,4}$", re.IGNORECASE)


class Dated(Protocol):
    """What the anchor choice needs of an already dated group."""

    @property
    def mentions(self) -> tuple[Mention, ...]: ...

    @property
    def interval(self) -> Interval: ...

    @property
    def resolution(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Article:
    """Everything about the article that dating looks at besides the mentions themselves."""

    text: str
    sentences: tuple[Span, ...]
    actors: tuple[ActorMention, ...]
    timexes: tuple[TemporalMention, ...]
    published: date
    lexicon: Lexicon

    def paragraph(self, sentence: int) -> int:
        """The paragraph (line) a sentence lies in."""
        return self.text.count("\n", 0, self.sentences[sentence].start)

    def _near(self, index: int) -> list[Span]:
        return [self.sentences[i] for i in (index, index - 1) if i >= 0]

    def referenced_person(self, index: int) -> str | None:
        """A person whose event this sentence or the previous one names by a possessive."""
        for sentence in self._near(index):
            for actor in reversed(self.actors):
                inside = sentence.start <= actor.start < sentence.end
                if inside and actor.person and _REFERENCE_NOUNS.match(self.text[actor.end : actor.end + 40]):
                    return actor.person
        return None

    def referenced_day(self, index: int) -> Interval | None:
        """The day of an event this sentence names by a possessive date ("Monday's announcement")."""
        for sentence in self._near(index):
            for timex in self.timexes:
                inside = sentence.start <= timex.start < sentence.end
                if (
                    inside
                    and timex.interval
                    and _REFERENCE_NOUNS.match(self.text[timex.end : timex.end + 40])
                ):
                    return timex.interval
        return None


def _latest(done: Sequence[Dated | None], test: Callable[[Dated], bool]) -> int | None:
    for i in range(len(done) - 1, -1, -1):
        group = done[i]
        if group is not None and test(group):
            return i
    return None


def choose_anchor(done: Sequence[Dated | None], mention: Mention, article: Article) -> int | None:
    """The index in ``done`` of the event ``mention``'s sentence refers back to (None if none)."""
    person = article.referenced_person(mention.sentence)
    if person is not None:
        found = _latest(done, lambda g: person in {p for m in g.mentions for p in m.persons})
        if found is not None:
            return found
    day = article.referenced_day(mention.sentence)
    if day is not None:
        found = _latest(
            done, lambda g: day.earliest <= g.interval.earliest and g.interval.latest <= day.latest
        )
        if found is not None:
            return found
    speakers = set(mention.persons)
    if speakers:
        found = _latest(done, lambda g: bool(speakers & {p for m in g.mentions for p in m.persons}))
        if found is not None:
            return found
    stated = _latest(done, lambda g: _happened(g, article) and g.resolution in STATED)
    return stated if stated is not None else _latest(done, lambda g: _happened(g, article))


def _happened(group: Dated, article: Article) -> bool:
    """An event a later sentence can be measured from: an act told as done, not a background
    noun ("since the start of the war"), a background clause ("their first meeting since the
    rebels seized Goma in January") nor a plan ("they would seek a ceasefire by December")."""
    head = group.mentions[0]
    start = article.sentences[head.sentence].start
    background = _SINCE.search(article.text[start : head.trigger.start])
    return head.kind != "nominal" and head.modality != "planned" and head.tense != "future" and not background
