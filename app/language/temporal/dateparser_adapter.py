"""The one door to dateparser: explicit formats it is good at, always with our reference date.

Why an adapter: dateparser reads the clock when no ``RELATIVE_BASE`` is given
and is slow to import; the language layer must never do either implicitly.
Every call here passes the reference date, and the import happens on first use.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

__all__ = ["parse_explicit", "search"]

_BASE_SETTINGS: dict[str, Any] = {
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": False,
}


def _settings(reference: date) -> dict[str, Any]:
    return {**_BASE_SETTINGS, "RELATIVE_BASE": datetime(reference.year, reference.month, reference.day)}


def parse_explicit(
    text: str, reference: date, languages: tuple[str, ...] = ("en",), *, day_first: bool = False
) -> date | None:
    """The calendar date written in ``text`` (e.g. "22.04.2025", "04/22/2025"), or None;
    ``day_first`` reads an ambiguous "10.03.2024" as 10 March."""
    import dateparser

    settings = _settings(reference)
    if day_first:
        settings["DATE_ORDER"] = "DMY"
    found = dateparser.parse(text, languages=list(languages), settings=settings)
    return found.date() if found else None


def search(text: str, reference: date, languages: tuple[str, ...] = ("en",)) -> list[tuple[str, date]]:
    """dateparser's own ``search_dates`` over free text (the benchmark baseline)."""
    from dateparser.search import search_dates

    found = search_dates(text, languages=list(languages), settings=_settings(reference)) or []
    return [(surface, when.date()) for surface, when in found]
