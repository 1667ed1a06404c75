"""``format=vis``: vis-timeline items and groups.

Dates are calendar days as ``YYYY-MM-DD`` strings, never UTC instants, so a
browser west of Greenwich does not draw the event on the previous day.  A
range's ``end`` is the day after ``latest`` because vis-timeline ends are
exclusive and the event may have happened on ``latest`` itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import orjson

from app.timeline.cameo import root_name
from app.timeline.formats.base import Format

__all__ = ["FORMAT", "render_page", "vis_item"]


def vis_item(item: dict[str, Any]) -> dict[str, Any]:
    """One Parley item as a vis-timeline item: a point when the day is known, a range otherwise."""
    point = item["earliest"] == item["latest"]
    out: dict[str, Any] = {
        "id": item["id"],
        "content": item["label"],
        "start": item["best"] if point else item["earliest"],
        "type": "point" if point else "range",
        "group": item["cameo_root"],
        "title": f"{item['display']} · {', '.join(item['actors'])} · {item['modality']}",
    }
    if not point:
        out["end"] = (date.fromisoformat(item["latest"]) + timedelta(days=1)).isoformat()
    return out


def render_page(payloads: Sequence[bytes], next_cursor: str | None) -> bytes:
    """``{"items": [...], "groups": [...], "next": cursor}``."""
    items = [vis_item(orjson.loads(p)) for p in payloads]
    roots = sorted({i["group"] for i in items})
    groups = [{"id": r, "content": root_name(r)} for r in roots]
    return orjson.dumps({"items": items, "groups": groups, "next": next_cursor})


FORMAT = Format(
    name="vis",
    media_type="application/json",
    description="vis-timeline DataSet items {id, content, start, end, type, group, title} and groups.",
    page=render_page,
)
