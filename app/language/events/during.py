"""An event named as the time of another: "During the truce, Hamas released 105 hostages".

Why: news dates acts by the periods the story has already told ("during the talks", "throughout
the ceasefire"), and the temporal engine finds no time words there.  The period is an earlier
event of the story whose sentence names the same thing; what it lasted is read from that event:

- an *end* of it ("the seven-day truce collapsed on Friday", "the talks broke down on Monday"):
  the days before that end, as many as a "seven-day" / "three-week" before the noun says, else
  up to ``_OPEN_END_DAYS``;
- otherwise the event itself ("the talks were held in Doha on Tuesday ... During the talks"):
  its interval.

Pure: text, spans and already dated events in, an interval out (None when no such event).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from app.language.events.mention import Mention, Timed
from app.language.events.spans import AMOUNT, UNIT, days_of
from app.language.types import Interval, Span

__all__ = ["during_period"]

#: Periods an act can be dated by ("during the <noun>") and the words that may name each in an
#: earlier sentence: every noun of a row names the row's period.
_PERIOD_ROWS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("truce", "ceasefire", "cease-fire", "pause"), ("truce", "ceasefire", "cease-fire", "pause")),
    (("talks", "negotiations"), ("talks", "negotiations")),
    (("meeting",), ("meeting", "talks")),
    (("visit", "trip"), ("visit", "trip")),
    (("summit",), ("summit",)),
    (("war",), ("war",)),
    (("siege",), ("siege",)),
    (("blockade",), ("blockade",)),
)
_PERIODS = {noun: "|".join(names) for nouns, names in _PERIOD_ROWS for noun in nouns}
_DURING = re.compile(
    r"\b(?:during|throughout|in the course of)\s+(?:the|that|this|its|their)\s+(?:[\w-]+\s+){0,2}?("
    + "|".join(sorted(_PERIODS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
#: The period ended at the event's time ("the truce collapsed", "talks broke down").
_ENDED = re.compile(
    r"\b(?:collapsed|ended|expired|broke down|ran out|was broken|lapsed|fell apart)\b", re.IGNORECASE
)
#: "a seven-day truce", "the 60-day ceasefire", "a three-week pause": how long the period lasted.
_LENGTH = re.compile(rf"\b({AMOUNT})[- ]({UNIT})\b", re.IGNORECASE)
#: How far back an ended period may reach when the story does not say how long it lasted.
_OPEN_END_DAYS = 30


def _length_days(words: str) -> int | None:
    """Days of a "seven-day" / "60-day" / "three-week" before the period's noun, if any."""
    match = _LENGTH.search(words)
    return None if match is None else days_of(match.group(1), match.group(2))


def during_period(
    text: str, sentences: Sequence[Span], mention: Mention, done: Sequence[Timed | None]
) -> tuple[int, Interval] | None:
    """The earlier event ``mention``'s clause names as its time, and the period it gives."""
    sentence = sentences[mention.sentence]
    named = _DURING.search(text, sentence.start, mention.trigger.start)
    if named is None:
        return None
    period = re.compile(rf"\b(?:{_PERIODS[named.group(1).lower()]})\b", re.IGNORECASE)
    earlier = [
        (i, t) for i, t in enumerate(done) if t is not None and t.mentions[0].sentence < mention.sentence
    ]
    # the event the period is the trigger of ("the truce ... collapsed") before one whose
    # sentence only mentions it ("negotiations to restore the pause")
    named_by_trigger = [(i, t) for i, t in earlier if period.search(t.mentions[0].trigger.text)]
    for index, timed in reversed(named_by_trigger or earlier):
        told = sentences[timed.mentions[0].sentence]
        words = text[told.start : told.end]
        noun = period.search(words)
        if noun is None:
            continue
        window = timed.interval
        if _ENDED.search(words, noun.end()):
            days = _length_days(words[max(0, noun.start() - 24) : noun.start()]) or _OPEN_END_DAYS
            first = window.latest - timedelta(days=days)
            last = max(first, window.latest - timedelta(days=1))
            best = first + (last - first) // 2
            return index, Interval(first, last, best, "day")
        return index, window
    return None
