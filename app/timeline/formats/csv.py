"""``format=csv``: one row per event for spreadsheets and R/pandas, streamed in batches.

Lists (actors, outlets, evidence) are joined with `` | `` inside one quoted
cell; the csv module quotes commas, quotes and newlines (RFC 4180).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import orjson

from app.timeline.formats.base import Format

__all__ = ["FORMAT", "COLUMNS", "render_stream", "csv_row"]

COLUMNS = (
    "id",
    "best",
    "earliest",
    "latest",
    "granularity",
    "display",
    "cameo",
    "cameo_root",
    "label",
    "modality",
    "actors",
    "targets",
    "confidence",
    "goldstein",
    "mention_count",
    "date_conflict",
    "article_ids",
    "outlets",
    "urls",
    "time_text",
    "resolution",
    "evidence",
)
SEP = " | "


def csv_row(item: dict[str, Any]) -> list[Any]:
    """The cells of one item, in ``COLUMNS`` order."""
    prov = item["provenance"]
    return [
        item["id"],
        item["best"],
        item["earliest"],
        item["latest"],
        item["granularity"],
        item["display"],
        item["cameo"],
        item["cameo_root"],
        item["label"],
        item["modality"],
        SEP.join(item["actors"]),
        SEP.join(item["targets"]),
        item["confidence"],
        "" if item["goldstein"] is None else item["goldstein"],
        item["mention_count"],
        "true" if item["date_conflict"] else "false",
        SEP.join(str(p["article_id"]) for p in prov),
        SEP.join(p["outlet"] or "" for p in prov),
        SEP.join(p["url"] or "" for p in prov),
        SEP.join(p["time_text"] for p in prov),
        SEP.join(p["resolution"] for p in prov),
        SEP.join(span["text"] for p in prov for span in p["evidence"]),
    ]


def render_stream(batches: Iterable[Sequence[bytes]]) -> Iterator[bytes]:
    """The header, then one chunk per batch of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield buffer.getvalue().encode()
    for payloads in batches:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(csv_row(orjson.loads(p)) for p in payloads)
        yield buffer.getvalue().encode()


FORMAT = Format(
    name="csv",
    media_type="text/csv; charset=utf-8",
    description="One row per event with a header; lists joined by ' | '; the whole filtered timeline.",
    stream=render_stream,
    filename="parley-timeline.csv",
)
