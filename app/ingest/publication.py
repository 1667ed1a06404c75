"""When was a fetched article published? The policy, in one place.

The article's own time (page metadata) wins; the feed's time comes next; a
dateline at the top of the text ("KYIV, April 22 (Reuters) -") next; and if
all fail the fetch time is used *and flagged*, so the article's relative
dates ("last week") are marked uncertain downstream.  Never silently "now".
A candidate later than the fetch (beyond a day of clock skew) or before 1990
is a broken date and is skipped, not trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

__all__ = ["Publication", "choose_publication", "dateline_date"]

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<{g}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PLACE = (
    r"[A-Z][A-Za-z'’.\-]+(?:[ \-/][A-Z][A-Za-z'’.\-]+){0,3}(?:,\s*[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z.]+)?)?"
)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
DATELINE = re.compile(
    rf"^\s*{_PLACE}\s*[,(]\s*{_WEEKDAY}"
    rf"(?:{_MONTH.format(g='m1')}\s+(?P<d1>\d{{1,2}})(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})\s+{_MONTH.format(g='m2')}(?:,?\s+(?P<y2>\d{{4}}))?)"
    r"\s*(?:\)|\(|[-–—:/|,])",
    re.IGNORECASE,
)
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
SKEW = timedelta(days=1)


@dataclass(frozen=True)
class Publication:
    """The chosen publication time, where it came from, and whether it is only the fetch time."""

    at: datetime
    source: str
    flagged: bool


def dateline_date(text: str, reference: datetime) -> date | None:
    """The date of a dateline opening ``text``; a missing year is the latest one not after ``reference``."""
    match = DATELINE.match(text[:200])
    if not match:
        return None
    month = MONTHS[(match["m1"] or match["m2"]).lower().rstrip(".")]
    day = int(match["d1"] or match["d2"])
    year_text = match["y1"] or match["y2"]
    year = int(year_text) if year_text else reference.year
    try:
        found = date(year, month, day)
        if not year_text and found > (reference + SKEW).date():
            found = date(year - 1, month, day)
    except ValueError:
        return None
    return found


def _plausible(moment: datetime | None, fetched_at: datetime) -> datetime | None:
    if moment is None:
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment if EARLIEST <= moment <= fetched_at + SKEW else None


def choose_publication(
    *,
    page_time: datetime | None,
    page_how: str | None,
    feed_time: datetime | None,
    text: str,
    fetched_at: datetime,
) -> Publication:
    """Apply the policy: page > feed > dateline > fetch time (flagged)."""
    if (moment := _plausible(page_time, fetched_at)) is not None:
        return Publication(moment, f"page:{page_how or 'meta'}", False)
    if (moment := _plausible(feed_time, fetched_at)) is not None:
        return Publication(moment, "feed", False)
    day = dateline_date(text, fetched_at)
    if day is not None and (moment := _plausible(datetime.combine(day, time(0), UTC), fetched_at)):
        return Publication(moment, "dateline", False)
    return Publication(fetched_at, "fetched", True)
