"""Time that the text implies without saying it again: narrative continuation and the story's day.

Why: news tells a sequence once dated ("On September 19, tensions flared up. Baku
announced ... and demanded ...") and reports the day's news around one stated day
("India and Pakistan on Saturday reached an understanding ... Trump announced ...").
An undated act in such a text is not "some time in the last day or two" but at the time
the text is talking about.  Two rules, applied after the tense defaults:

- *narrative*: an undated simple-past act takes the last stated time (one day or a
  week at most) of its paragraph (not of a plan, nor of an act told aside in a relative clause),
  up to ``NARRATIVE_REACH`` sentences back, extended by
  a day (the story moves on);
- *story day*: an undated act of the day's news keeps its window but takes as best date
  the day the article states most often (publication-relative, a single day).

After a night ("fighting broke out on Monday night"; "overnight") the acts told next are the
next day's: statements, appeals and offers answer the night's events in the morning, so the
continuation and the story's day move one day on (never past publication).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from app.language.events.mention import STATED, Timed
from app.language.types import Interval

__all__ = ["NARRATIVE_REACH", "continue_narrative", "on_story_day"]

#: How many sentences back an undated narrative act may find the time it continues.
NARRATIVE_REACH = 3
_NEWS_TENSES = ("past", "present", "present_perfect")


def continue_narrative(
    timed: Timed, done: Sequence[Timed | None], paragraph: Sequence[int], published: date
) -> Timed:
    """``timed`` placed at its paragraph's last stated time, when it is an undated past act."""
    head = timed.mentions[0]
    undated_past = timed.resolution == "implicit" and head.tense == "past"
    if not undated_past or head.kind == "nominal" or head.modality == "planned":
        return timed
    for previous in reversed(done):
        if previous is None:
            continue
        other = previous.mentions[0]
        far = head.sentence - other.sentence > NARRATIVE_REACH
        if paragraph[other.sentence] != paragraph[head.sentence] or far:
            return timed
        planned = other.modality == "planned" or other.tense == "future"
        if previous.resolution in STATED and other.kind != "nominal" and not other.aside and not planned:
            window = previous.interval
            if (window.latest - window.earliest).days > 7:
                return timed
            last = min(window.latest + timedelta(days=1), max(published, window.latest))
            best = window.best
            if _at_night(previous) and best < last:
                best += timedelta(days=1)  # what follows fighting "on Monday night" is Tuesday's
            return replace(timed, interval=Interval(window.earliest, last, best, "day"))
    return timed


def _at_night(timed: Timed) -> bool:
    """Whether ``timed`` was dated by a night ("on Monday night", "overnight")."""
    timex = timed.mentions[0].timex
    return timex is not None and timex.value.endswith("TNI")


def on_story_day(done: Sequence[Timed]) -> tuple[Timed, ...]:
    """Undated news of the day with the story's day as best date when its window allows it."""
    days = Counter(
        t.interval.best
        for t in done
        if t.resolution == "publication-relative" and t.interval.earliest == t.interval.latest
    )
    if not days:
        return tuple(done)
    story = max(days, key=lambda d: (days[d], d))
    stated = [t for t in done if t.resolution == "publication-relative" and t.interval.best == story]
    nights = [_at_night(t) for t in stated]
    if nights and all(nights):  # the news of a night ("fighting on Monday night") is the next day's
        story += timedelta(days=1)
    out = []
    for t in done:
        window = t.interval
        news = t.resolution == "implicit" and t.mentions[0].tense in _NEWS_TENSES
        if news and window.earliest <= story <= window.latest:
            t = replace(t, interval=Interval(window.earliest, window.latest, story, window.granularity))
        out.append(t)
    return tuple(out)
