"""Event time: from a mention's own time words, its anchor event, or its tense.

Why in the event layer: the temporal engine can say "a few days before *something*"
but only the event layer knows which event a sentence refers back to
(``anchoring.py``).  Each mention group is dated in text order, so anchors are dated
first:

1. its own time expression, resolved against publication (``publication``/``absolute``
   anchors) or shifted from its anchor event (``event`` anchor: "a few days earlier",
   "shortly after", "subsequently"), which also records BEFORE/AFTER to that event;
2. else a period the story told before, named as its time ("During the truce, Hamas
   released ...": the truce's days; ``during.py``);
3. else past perfect ("had threatened") with an anchor: some time before the anchor
   (most likely just before it when a reporting verb of its sentence tells it: "Trump
   announced that Israel and Iran had agreed to a ceasefire");
4. else the default window of its tense from ``cues.toml`` (present perfect "has
   proposed" = the recent past, "X said" = the day's news, a noun = some time ago),
   then narrative time and the story's day (``narrative.py``).

A past event never ends after publication, and an act whose time words contradict its
tense (a past act dated wholly after publication, a planned one wholly before it: a
weekday read the wrong way) falls back to its tense rather than to a contradiction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from app.language.events.anchoring import Article, choose_anchor
from app.language.events.during import during_period
from app.language.events.lexicon import Window
from app.language.events.mention import STATED, Mention, Timed
from app.language.events.narrative import continue_narrative, on_story_day
from app.language.events.spans import AMOUNT, UNIT, days_of
from app.language.temporal import shift
from app.language.types import Interval, Offset, TemporalMention

__all__ = ["PAST_PERFECT_OFFSET", "Timed", "assign_times"]

#: "had threatened" with nothing more precise: some time within a month before the anchor.
PAST_PERFECT_OFFSET = Offset(direction=-1, low=0, high=30, unit="day")
_RESOLUTION = {"absolute": "absolute", "speaker": "speaker-relative"}


def _window(published: date, window: Window) -> Interval:
    first, last = published + timedelta(days=window.earliest), published + timedelta(days=window.latest)
    best = first + (last - first) // 2 if window.best is None else published + timedelta(days=window.best)
    return Interval(first, last, best, window.granularity)


def _future(mention: Mention) -> bool:
    return mention.tense == "future" or mention.modality == "planned"


def _cap(interval: Interval, published: date, mention: Mention) -> Interval:
    """A past event ends no later than publication; a planned one starts no earlier."""
    if _future(mention):
        first = max(interval.earliest, published) if interval.latest >= published else interval.earliest
        return Interval(
            first, interval.latest, min(max(interval.best, first), interval.latest), interval.granularity
        )
    last = min(interval.latest, published)
    first = min(interval.earliest, last)
    return Interval(first, last, min(max(interval.best, first), last), interval.granularity)


def _usable(timex: TemporalMention | None, mention: Mention, published: date) -> TemporalMention | None:
    """The time words, unless they contradict the tense: a past act wholly after publication,
    or a planned one wholly before it (a weekday read the wrong way)."""
    if timex is None or timex.interval is None:
        return timex
    if _future(mention):
        return None if timex.interval.latest < published else timex
    return None if timex.interval.earliest > published else timex


def assign_times(groups: Sequence[tuple[Mention, ...]], article: Article) -> tuple[Timed, ...]:
    """Date every mention group, in text order."""
    paragraph = [article.paragraph(i) for i in range(len(article.sentences))]
    position = {m.trigger.start: i for i, group in enumerate(groups) for m in group}
    anchors = [_explicit_anchor(group, position) for group in groups]
    waiting = {i for i, anchor in enumerate(anchors) if anchor is not None and anchor > i}
    done: list[Timed | None] = [None] * len(groups)
    for index, group in enumerate(groups):  # a group measured from a later one waits for it
        if index not in waiting:
            timed = _date_group(group, done[:index], article)
            done[index] = continue_narrative(timed, done[:index], paragraph, article.published)
    for index in sorted(waiting):
        done[index] = _date_group(groups[index], done, article)
    return on_story_day([t for t in done if t is not None])


def _explicit_anchor(group: tuple[Mention, ...], position: dict[int, int]) -> int | None:
    """The group index a mention's own words anchor it to ("soon after S"), if any."""
    return next((position.get(m.anchor_to) for m in group if m.anchor_to is not None), None)


def _group_of(done: Sequence[Timed | None], trigger_start: int) -> int | None:
    for index, timed in enumerate(done):
        if timed is not None and any(m.trigger.start == trigger_start for m in timed.mentions):
            return index
    return None


#: "after" and up to three words before a trigger; not an amount of time ("after a week of
#: clashes": the clashes fill that week) nor another act's words ("after accusing X of firing").
_AFTER = re.compile(
    r"\b(?:after|following)\s+(?:(?!of\b|\w+ing\b|\d|(?:days?|weeks?|months?|years?|hours?)\b)[\w’'-]+\s+){0,3}$",
    re.IGNORECASE,
)


#: A trigger that says how long its act lasted ("a week of clashes", "three days of fighting").
_SPAN_OF = re.compile(rf"(?:({AMOUNT})\s+)?({UNIT})s?\s+of\b", re.IGNORECASE)
#: What an act that filled a span comes before ("The agreement followed a week of ..."). A span
#: after "after" ("declared a truce on Saturday after a week of clashes") is left to the words
#: that date its sentence: a week of fighting and a strike told the same week are not one event,
#: but the merging of same-root events cannot tell them apart yet.
_LED_UP = re.compile(rf"\b(?:followed|follows|came after|comes after)\s+(?:({AMOUNT})\s+)?$", re.IGNORECASE)


def _lead_up(article: Article, mention: Mention, done: Sequence[Timed | None]) -> tuple[int, Interval] | None:
    """An act that fills a span another event followed ("The agreement followed a week of
    clashes"): the days before the event the sentence refers back to, up to the day before it."""
    span = _SPAN_OF.match(mention.trigger.text)
    start = article.sentences[mention.sentence].start
    led = _LED_UP.search(article.text[start : mention.trigger.start])
    if span is None or led is None:
        return None
    anchor = choose_anchor(done, mention, article)
    if anchor is None or (dated := done[anchor]) is None:
        return None
    days = days_of(span.group(1) or led.group(1), span.group(2))  # "a week of", "three days of"
    last = dated.interval.earliest - timedelta(days=1)
    first = last - timedelta(days=days - 1)
    return anchor, Interval(first, last, first + (last - first) // 2, "day")


_SPAN_TRIGGER = re.compile(r"(?:\d+|days?|weeks?|months?|years?|hours?)\b", re.IGNORECASE)


def _main_act_before(article: Article, mention: Mention, done: Sequence[Timed | None]) -> int | None:
    """The dated act of ``mention``'s sentence that an "after ..." introducing ``mention`` follows
    ("the deal was reached on Thursday after talks mediated by Qatar"), if there is one."""
    start = article.sentences[mention.sentence].start
    if _SPAN_TRIGGER.match(mention.trigger.text):
        return None  # "after a week of clashes": the trigger says how long, up to the main act
    if not _AFTER.search(article.text[max(start, mention.trigger.start - 40) : mention.trigger.start]):
        return None
    for index in range(len(done) - 1, -1, -1):
        timed = done[index]
        if timed is None or timed.mentions[0].sentence != mention.sentence:
            continue
        if timed.mentions[0].trigger.end <= mention.trigger.start and timed.resolution in STATED:
            return index
    return None


def _reported(article: Article, mention: Mention) -> bool:
    """Whether a reporting verb of the mention's own sentence introduces it."""
    start = article.sentences[mention.sentence].start
    return bool(_REPORTED.search(article.text[start : mention.trigger.start]))


_REPORTED = re.compile(
    r"\b(?:said|says|announced|announces|told|confirmed|confirms|stated|reported|claimed|claims)\b[^.;]*$"
)


def _date_group(group: tuple[Mention, ...], done: Sequence[Timed | None], article: Article) -> Timed:
    head, published = group[0], article.published
    timex = _usable(next((m.timex for m in group if m.timex is not None), None), head, published)
    if timex is not None and timex.anchor == "event" and timex.offset is not None:
        explicit = next((m.anchor_to for m in group if m.anchor_to is not None), None)
        anchor = _group_of(done, explicit) if explicit is not None else choose_anchor(done, head, article)
        if anchor is not None and (dated := done[anchor]) is not None:
            direction = timex.offset.direction
            links = ((anchor, "BEFORE" if direction < 0 else "AFTER"),) if direction else ()
            interval = shift(dated.interval, timex.offset)
            return Timed(group, _cap(interval, published, head), timex.text, "event-relative", 2, links)
    if timex is not None and timex.interval is not None:
        resolution = _RESOLUTION.get(timex.anchor, "publication-relative")
        return Timed(group, _cap(timex.interval, published, head), timex.text, resolution, 3)
    if (lead_up := _lead_up(article, head, done)) is not None:
        anchor, interval = lead_up  # "The agreement followed a week of deadly border clashes"
        return Timed(group, _cap(interval, published, head), "", "event-relative", 2, ((anchor, "BEFORE"),))
    if (during := during_period(article.text, article.sentences, head, done)) is not None:
        anchor, period = during  # "During the truce, Hamas released ...": the truce's days
        return Timed(group, _cap(period, published, head), "", "event-relative", 2)
    if (main := _main_act_before(article, head, done)) is not None and (dated := done[main]) is not None:
        # "reached in Egypt on Thursday after indirect talks mediated by Qatar": what "after"
        # introduces happened before the act it explains, within the month before it
        interval = _cap(shift(dated.interval, PAST_PERFECT_OFFSET), published, head)
        return Timed(group, interval, "", "event-relative", 1, ((main, "BEFORE"),))
    if head.tense == "past_perfect":
        anchor = choose_anchor(done, head, article)
        if anchor is not None and (dated := done[anchor]) is not None:
            interval = _cap(shift(dated.interval, PAST_PERFECT_OFFSET), published, head)
            if _reported(article, head):  # "announced that they had agreed": just before the report
                interval = Interval(interval.earliest, interval.latest, interval.latest, interval.granularity)
            return Timed(group, interval, "", "event-relative", 1, ((anchor, "BEFORE"),))
    interval = _window(published, article.lexicon.windows[head.tense])
    strength = 0 if head.tense in ("nominal", "background") else 1
    return Timed(group, _cap(interval, published, head), "", "implicit", strength)
