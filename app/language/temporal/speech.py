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
_GAP_CHARS = 80  # no four words of news run longer: a wider gap is not looked into
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


def _near(text: str, a: int, b: int) -> bool:
    """Whether at most ``REPORT_GAP`` words stand between offsets ``a`` and ``b``."""
    return a <= b and b - a <= _GAP_CHARS and len(_WORD.findall(text, a, b)) <= REPORT_GAP


def speech_days(
    text: str,
    quotes: Sequence[Span],
    mentions: Sequence[TemporalMention],
    report_words: Collection[str],
) -> list[tuple[Span, date]]:
    """Each quote whose sentence dates its saying, with that day.  ``mentions`` are in text
    order: each quote looks only at the days in its own sentence (bisection), so a long text
    with many quotes costs its length, not its length times its quotes."""
    found: list[tuple[Span, date]] = []
    dated = [(m.start, m.end, day) for m in mentions if (day := _day(m)) is not None]
    if not dated:
        return found
    dated_starts = [start for start, _, _ in dated]
    sentences = split_sentences(text) or (Span(0, len(text), text),)
    starts = [sentence.start for sentence in sentences]
    for quote in quotes:
        lo, hi = _sentence(sentences, starts, quote.start, quote.end)
        candidates = dated[bisect.bisect_left(dated_starts, lo) : bisect.bisect_left(dated_starts, hi)]
        if not candidates:
            continue
        verbs = [
            (w.start(), w.end())
            for w in _WORD.finditer(text, lo, hi)
            if w.group(0).lower() in report_words and not quote.start <= w.start() < quote.end
        ]
        best: tuple[int, date] | None = None
        for m_start, m_end, day in candidates:
            if any(_near(text, v_end, m_start) or _near(text, m_end, v_start) for v_start, v_end in verbs):
                distance = min(abs(m_start - quote.end), abs(quote.start - m_end))
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
    redo = sorted(((q, d) for q, d in days if d != reference), key=lambda qd: qd[0].start)
    if not redo:
        return mentions
    starts = [q.start for q, _ in redo]

    def inside(m: TemporalMention) -> int | None:
        """The index of the redone quote ``m`` lies in, if any."""
        i = bisect.bisect_right(starts, m.start) - 1
        return i if i >= 0 and m.end <= redo[i][0].end else None

    where = [inside(m) for m in mentions]
    out = [m for m, i in zip(mentions, where, strict=True) if i is None]
    for i in sorted({i for i in where if i is not None}):
        quote, day = redo[i]
        out.extend(find(day, quote))
    return tuple(sorted(out, key=lambda m: m.start))
