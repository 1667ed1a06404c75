"""The speaker's time: deictic words inside a quote count from the day the words were said.

Why: in '"We will sign the deal tomorrow," the minister said on Monday', published on a
Thursday, "tomorrow" is Tuesday, not Friday.  A quote is dated when its sentence has a
reporting verb ("said", "told") next to a day outside the quote ("said on Monday", "On
Monday, the minister told reporters: ..."); the quote's time words are then read again with
that day as their reference.  A quote without such a day keeps the publication date (the
usual case: news quotes what was said the day before at most, and "said" alone tells nothing).

Pure: the reading is done by the ``find`` function the engine passes in, over the quote's own
words only (a second pass over the whole text for every dated quote would cost a long
interview its length times its quotes).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Sequence
from datetime import date

from app.language.sentences import split_sentences
from app.language.types import Span, TemporalMention

__all__ = ["speech_days", "with_speaker_time"]

#: Words that may stand between a reporting verb and its day: "told reporters on Tuesday",
#: "said in a statement on Monday" (four), the speaker before it: "On Monday, the minister said".
REPORT_GAP = 4
_WORD = re.compile(r"[\w'’]+")

#: Reads a quote's own text against a day: ``find(day, quote)`` -> its mentions, offsets in the text.
Find = Callable[[date, Span], Sequence[TemporalMention]]


def _sentence(sentences: Sequence[Span], starts: list[int], start: int, end: int) -> tuple[int, int]:
    """From the start of the sentence holding ``start`` to the end of the one holding ``end``
    (a quote of several sentences spans them all)."""
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    last = max(bisect.bisect_right(starts, max(end - 1, start)) - 1, first)
    return sentences[first].start, sentences[last].end


def _day(m: TemporalMention) -> date | None:
    """The day a mention names, if it names exactly one day."""
    iv = m.interval
    if m.in_quote or iv is None or iv.earliest != iv.latest or m.type not in ("DATE", "TIME"):
        return None
    return iv.earliest


def _words_between(text: str, a: int, b: int) -> int:
    return len(_WORD.findall(text[a:b])) if a <= b else REPORT_GAP + 1


def speech_days(
    text: str,
    quotes: Sequence[Span],
    mentions: Sequence[TemporalMention],
    report_words: Collection[str],
) -> list[tuple[Span, date]]:
    """Each quote whose sentence dates its saying, with that day."""
    found: list[tuple[Span, date]] = []
    sentences = split_sentences(text) or (Span(0, len(text), text),)
    starts = [sentence.start for sentence in sentences]
    for quote in quotes:
        lo, hi = _sentence(sentences, starts, quote.start, quote.end)
        verbs = [
            (w.start(), w.end())
            for w in _WORD.finditer(text, lo, hi)
            if w.group(0).lower() in report_words and not quote.start <= w.start() < quote.end
        ]
        best: tuple[int, date] | None = None
        for m in mentions:
            day = _day(m)
            if day is None or not lo <= m.start < hi:
                continue
            near_verb = any(
                _words_between(text, v_end, m.start) <= REPORT_GAP
                or _words_between(text, m.end, v_start) <= REPORT_GAP
                for v_start, v_end in verbs
            )
            if near_verb:
                distance = min(abs(m.start - quote.end), abs(quote.start - m.end))
                if best is None or distance < best[0]:
                    best = (distance, day)
        if best is not None:
            found.append((quote, best[1]))
    return found


def with_speaker_time(
    mentions: tuple[TemporalMention, ...],
    reference: date,
    days: Sequence[tuple[Span, date]],
    find: Find,
) -> tuple[TemporalMention, ...]:
    """``mentions`` with those inside each dated quote read again against the day it was said."""
    out = list(mentions)
    for quote, day in days:
        if day == reference:
            continue
        inside = [m for m in out if quote.start <= m.start and m.end <= quote.end]
        if not inside:
            continue
        out = [m for m in out if m not in inside] + list(find(day, quote))
    return tuple(sorted(out, key=lambda m: m.start))
