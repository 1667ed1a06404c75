"""Event time: from a mention's own time words, its anchor event, or its tense.

Why in the event layer: the temporal engine can say "a few days before *something*"
but only the event layer knows which event a sentence refers back to.  Each mention
group is dated in text order (so anchors are already dated):

1. its own time expression, resolved against publication (``publication``/``absolute``
   anchors) or shifted from its anchor event (``event`` anchor: "a few days earlier",
   "shortly after", "subsequently"), which also records BEFORE/AFTER to that event;
2. else past perfect ("had threatened") with an anchor: some time before the anchor;
3. else the default window of its tense from ``cues.toml`` (present perfect "has
   proposed" = the recent past, "X said" = the day's news, a noun = some time ago).

The *anchor* is the event the sentence refers back to: an event named by a possessive
reference in this or the previous sentence ("Putin's statement", "Putin's remarks"),
else the latest event of the same speaker, else the latest dated act before it.
A past event never ends after publication.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from app.language.events.lexicon import Lexicon
from app.language.events.mention import Mention
from app.language.temporal import shift
from app.language.types import ActorMention, Interval, Offset, Span

__all__ = ["NARRATIVE_REACH", "PAST_PERFECT_OFFSET", "Timed", "assign_times"]

#: How many sentences back an undated narrative act may find the time it continues.
NARRATIVE_REACH = 3
_NEWS_TENSES = ("past", "present", "present_perfect")
#: "had threatened" with nothing more precise: some time within a month before the anchor.
PAST_PERFECT_OFFSET = Offset(direction=-1, low=0, high=30, unit="day")
_REFERENCE_NOUNS = re.compile(
    r"^['’]s?\s+(?:\w+\s+)?(?:statement|remarks|comments|words|initiative|proposal|announcement|offer|speech|"
    r"address|call|plan|decision|threat)\b",
    re.IGNORECASE,
)


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
        return self.mentions[0]


def _window(published: date, earliest: int, latest: int, granularity: str) -> Interval:
    first, last = published + timedelta(days=earliest), published + timedelta(days=latest)
    best = first + (last - first) // 2
    return Interval(first, last, best, granularity)


def _cap(interval: Interval, published: date, mention: Mention) -> Interval:
    """A past event ends no later than publication; a planned one starts no earlier."""
    if mention.tense == "future" or mention.modality == "planned":
        first = max(interval.earliest, published) if interval.latest >= published else interval.earliest
        return Interval(
            first, interval.latest, min(max(interval.best, first), interval.latest), interval.granularity
        )
    last = min(interval.latest, published)
    first = min(interval.earliest, last)
    return Interval(first, last, min(max(interval.best, first), last), interval.granularity)


def _referenced_person(
    text: str, actors: Sequence[ActorMention], sentences: Sequence[Span], index: int
) -> str | None:
    """A person whose event this sentence or the previous one names by a possessive ("Putin's remarks")."""
    for position in (index, index - 1):
        if position < 0:
            continue
        sentence = sentences[position]
        for actor in reversed(actors):
            inside = sentence.start <= actor.start < sentence.end
            if inside and actor.person and _REFERENCE_NOUNS.match(text[actor.end : actor.end + 40]):
                return actor.person
    return None


def _anchor(done: Sequence[Timed], mention: Mention, person: str | None) -> int | None:
    if not done:
        return None
    if person is not None:
        for i in range(len(done) - 1, -1, -1):
            if person in {p for m in done[i].mentions for p in m.persons}:
                return i
    speakers = set(mention.persons)
    if speakers:
        for i in range(len(done) - 1, -1, -1):
            if speakers & {p for m in done[i].mentions for p in m.persons}:
                return i
    for i in range(len(done) - 1, -1, -1):
        if done[i].head.kind != "nominal":
            return i
    return None


def assign_times(
    groups: Sequence[tuple[Mention, ...]],
    text: str,
    sentences: Sequence[Span],
    actors: Sequence[ActorMention],
    published: date,
    lexicon: Lexicon,
) -> tuple[Timed, ...]:
    """Date every mention group, in text order."""
    paragraphs = [text.count("\n", 0, sentence.start) for sentence in sentences]
    done: list[Timed] = []
    for group in groups:
        timed = _date_group(group, done, text, sentences, actors, published, lexicon)
        if timed.resolution == "implicit":
            timed = _narrative(timed, done, paragraphs, published)
        done.append(timed)
    return _on_story_day(done)


def _narrative(timed: Timed, done: Sequence[Timed], paragraphs: Sequence[int], published: date) -> Timed:
    """An undated past act in a narrative paragraph happens at the paragraph's last stated day.

    "On September 19, tensions flared up. Baku announced ... and demanded ...": the time
    of a narrative carries forward (a day at most) until new time words; it does not
    cross a paragraph or reach back more than ``NARRATIVE_REACH`` sentences.
    """
    head = timed.head
    if head.tense != "past" or head.kind == "nominal" or head.modality == "planned":
        return timed
    for previous in reversed(done):
        other = previous.head
        if (
            paragraphs[other.sentence] != paragraphs[head.sentence]
            or head.sentence - other.sentence > NARRATIVE_REACH
        ):
            return timed
        if previous.resolution in ("absolute", "publication-relative") and other.kind != "nominal":
            window = previous.interval
            if (window.latest - window.earliest).days > 7:
                return timed
            last = min(window.latest + timedelta(days=1), max(published, window.latest))
            return replace(timed, interval=Interval(window.earliest, last, window.best, "day"))
    return timed


def _on_story_day(done: Sequence[Timed]) -> tuple[Timed, ...]:
    """Undated news of the day gets the story's day as its best date when its window allows.

    The story's day is the day most often stated (publication-relative, one day) in the
    article: "on Saturday ... reached an understanding" makes Saturday the day of the
    undated "Trump announced" and "Rubio termed it" of the same report.
    """
    days = Counter(
        t.interval.best
        for t in done
        if t.resolution == "publication-relative" and t.interval.earliest == t.interval.latest
    )
    if not days:
        return tuple(done)
    story = max(days, key=lambda d: (days[d], d))
    out = []
    for t in done:
        window = t.interval
        if (
            t.resolution == "implicit"
            and t.head.tense in _NEWS_TENSES
            and window.earliest <= story <= window.latest
        ):
            t = replace(t, interval=Interval(window.earliest, window.latest, story, window.granularity))
        out.append(t)
    return tuple(out)


def _date_group(
    group: tuple[Mention, ...],
    done: Sequence[Timed],
    text: str,
    sentences: Sequence[Span],
    actors: Sequence[ActorMention],
    published: date,
    lexicon: Lexicon,
) -> Timed:
    head = group[0]
    timex = next((m.timex for m in group if m.timex is not None), None)
    person = _referenced_person(text, actors, sentences, head.sentence)
    if timex is not None and timex.anchor == "event" and timex.offset is not None:
        anchor = _anchor(done, head, person)
        if anchor is not None:
            interval = shift(done[anchor].interval, timex.offset)
            links = (
                ((anchor, "BEFORE" if timex.offset.direction < 0 else "AFTER"),)
                if timex.offset.direction
                else ()
            )
            return Timed(group, _cap(interval, published, head), timex.text, "event-relative", 2, links)
    if timex is not None and timex.interval is not None:
        resolution = {"absolute": "absolute", "speaker": "speaker-relative"}.get(
            timex.anchor, "publication-relative"
        )
        return Timed(group, _cap(timex.interval, published, head), timex.text, resolution, 3)
    if head.tense == "past_perfect":
        anchor = _anchor(done, head, person)
        if anchor is not None:
            interval = shift(done[anchor].interval, PAST_PERFECT_OFFSET)
            return Timed(
                group, _cap(interval, published, head), "", "event-relative", 1, ((anchor, "BEFORE"),)
            )
    window = lexicon.windows[head.tense]
    interval = _window(published, window.earliest, window.latest, window.granularity)
    strength = 0 if head.tense == "nominal" else 1
    return Timed(group, _cap(interval, published, head), "", "implicit", strength)
