"""How many of the engine's wrong TIMEX3 values the gold itself annotates our way elsewhere.

Why: after four rounds of rules the wrong values left on TBAQ are mostly of one sort: the same
kind of expression ("last week", "a year ago", "Friday night") carries different values in
different files ("1998-W33" in one, "P1W" or "1989-WXX" in another).  A rule can follow only
one reading; fitting each file's habit is fitting sentences, which the temporal issue forbids.
This report measures that part instead of arguing it: for every wrong value it asks whether
the corpus annotates the same kind of expression the way the engine did at least as often as
the way this gold does.

A *kind* is the gold text in lower case with weekday names, month names and numbers (digits
or number words) replaced by placeholders ("last Friday" and "last Monday" are one kind).  A
value is compared *relative to its document's creation time*: "1998-W33" written on 1998-08-18
and "2000-W06" written on 2000-02-10 are both "the week before" (``W-1``); a value that is not
a calendar point (``P1W``, ``PAST_REF``, ``1989-WXX``) stands for itself with its year masked.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

__all__ = ["Scored", "conventions_report", "expression_kind", "relative_value"]

_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_MONTH = re.compile(
    r"\b(?:jan(?:uary|\.)|feb(?:ruary|\.)|march|april|may|june|july|aug(?:ust|\.)|sept?(?:ember|\.)"
    r"|oct(?:ober|\.)|nov(?:ember|\.)|dec(?:ember|\.))"
)
_NUMBER = re.compile(r"\d+|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b")

#: Calendar values, each with how to place it relative to a creation date.
_WEEK = re.compile(r"(\d{4})-W(\d{1,2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(T.*)?")
_MONTH_VALUE = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q(\d)")
_YEAR = re.compile(r"\d{4}")


def expression_kind(text: str) -> str:
    """The kind of a TIMEX3's words: "Last Friday" and "last Monday" -> "last WD"."""
    kind = text.lower().strip(" .,")
    kind = _WEEKDAY.sub("WD", kind)
    kind = _MONTH.sub("MON", kind)
    return _NUMBER.sub("N", kind)


def relative_value(value: str, created: date) -> str:
    """``value`` as a distance from ``created`` in its own unit ("1998-W32" on 1998-08-11 -> "W-1")."""
    if m := _WEEK.fullmatch(value):
        year, week = int(m.group(1)), int(m.group(2))
        here_year, here_week, _ = created.isocalendar()
        return f"W{(year - here_year) * 52 + week - here_week:+d}"
    if m := _DAY.fullmatch(value):
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return value
        return f"D{(day - created).days:+d}{m.group(4) or ''}"
    if m := _MONTH_VALUE.fullmatch(value):
        return f"M{(int(m.group(1)) - created.year) * 12 + int(m.group(2)) - created.month:+d}"
    if m := _QUARTER.fullmatch(value):
        here = (created.month - 1) // 3 + 1
        return f"Q{(int(m.group(1)) - created.year) * 4 + int(m.group(2)) - here:+d}"
    if _YEAR.fullmatch(value):
        return f"Y{int(value) - created.year:+d}"
    return re.sub(r"^\d{4}", "YYYY", value)


Scored = tuple[str, date, str, str | None, bool]


def conventions_report(scored: list[Scored]) -> str:
    """The wrong values split by what the corpus says of their kind.

    ``scored`` holds, for every gold TIMEX3: its words, its document's creation date, its gold
    value, the engine's value for the mention scored against it (None: a miss) and whether the
    scorer counts that value right.
    """
    readings: dict[str, Counter[str]] = defaultdict(Counter)
    for text, created, gold, _, _ in scored:
        readings[expression_kind(text)][relative_value(gold, created)] += 1
    ours_as_often = lone = against = 0
    examples: list[str] = []
    for text, created, gold, system, right in scored:
        if system is None or right:
            continue
        counts = readings[expression_kind(text)]
        mine, theirs = relative_value(system, created), relative_value(gold, created)
        if counts[mine] and counts[mine] >= counts[theirs]:
            ours_as_often += 1
            if len(examples) < 6:
                ours, gold_x = counts[mine], counts[theirs]
                examples.append(f"{text!r}: ours {mine} x{ours}, this gold {theirs} x{gold_x}")
        elif sum(counts.values()) == 1:
            lone += 1
        else:
            against += 1
    wrong = ours_as_often + lone + against
    return "\n".join(
        [
            f"{wrong} wrong values (relative to each document's creation date):",
            f"  the corpus annotates this kind our way at least as often as this gold: {ours_as_often}",
            f"  the only one of its kind in the corpus: {lone}",
            f"  the corpus's usual reading of this kind differs from ours: {against}",
            "",
            "examples of the first (kind: our reading x times in the gold, this gold's x times):",
            *(f"  {e}" for e in examples),
        ]
    )
