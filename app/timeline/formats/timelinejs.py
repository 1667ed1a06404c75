"""``format=timelinejs``: the TimelineJS3 JSON document (``events[]`` with date objects).

TimelineJS wants dates as objects of year / month (1–12) / day, so a
month-granular event carries no day and a year-granular one no month: the
widget then shows the uncertainty instead of inventing a day.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import orjson

from app.timeline.cameo import root_name
from app.timeline.formats.base import Format

__all__ = ["FORMAT", "render_page", "tl_event"]

_COARSE_NO_DAY = {"century", "decade", "year", "season", "quarter", "month"}
_COARSE_NO_MONTH = {"century", "decade", "year"}


def _date(iso: str, granularity: str, display: str | None = None) -> dict[str, Any]:
    year, month, day = (int(part) for part in iso[:10].split("-"))
    out: dict[str, Any] = {"year": year}
    if granularity not in _COARSE_NO_MONTH:
        out["month"] = month
    if granularity not in _COARSE_NO_DAY:
        out["day"] = day
    if display:
        out["display_date"] = display
    return out


def _text(item: dict[str, Any]) -> str:
    quotes = [
        f"<blockquote>{html.escape(span['text'])}</blockquote>"
        for prov in item["provenance"]
        for span in prov["evidence"]
    ]
    sources = sorted({p["outlet"] or p["title"] or f"article {p['article_id']}" for p in item["provenance"]})
    actors = ", ".join(item["actors"] + item["targets"])
    head = (
        f"<p>{html.escape(actors)} · CAMEO {html.escape(item['cameo'])} · {html.escape(item['modality'])}</p>"
    )
    foot = f"<p>Reported by {html.escape(', '.join(sources))}</p>" if sources else ""
    return head + "".join(quotes) + foot


def tl_event(item: dict[str, Any]) -> dict[str, Any]:
    """One Parley item as a TimelineJS3 slide."""
    gran = item["granularity"]
    event: dict[str, Any] = {
        "unique_id": f"parley-event-{item['id']}",
        "start_date": _date(item["earliest"], gran, item["display"]),
        "display_date": item["display"],
        "text": {"headline": html.escape(item["label"]), "text": _text(item)},
        "group": root_name(item["cameo_root"]),
    }
    if item["latest"] != item["earliest"]:
        event["end_date"] = _date(item["latest"], gran)
    return event


def render_page(payloads: Sequence[bytes], next_cursor: str | None) -> bytes:
    """``{"events": [...], "next": cursor}``; TimelineJS ignores the extra key."""
    events = [tl_event(orjson.loads(p)) for p in payloads]
    return orjson.dumps({"events": events, "next": next_cursor})


FORMAT = Format(
    name="timelinejs",
    media_type="application/json",
    description="TimelineJS3 JSON: {events: [{start_date, end_date, display_date, text, group, unique_id}]}.",
    page=render_page,
)
