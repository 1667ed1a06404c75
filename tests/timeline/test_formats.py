"""Each registered format over the synthetic story: shapes the widgets and researchers rely on."""

from __future__ import annotations

import csv
import io
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from app.timeline.formats import FORMATS
from app.timeline.formats.csv import COLUMNS


def _get(client: TestClient, **params: Any) -> Any:
    response = client.get("/v1/timeline", params=params)
    assert response.status_code == 200, response.text
    return response


def test_registry_names_every_format() -> None:
    assert set(FORMATS) == {"json", "timelinejs", "vis", "csv", "ndjson"}
    assert {f.name for f in FORMATS.values() if f.streamed} == {"csv", "ndjson"}


def test_unknown_format_is_a_problem(client: TestClient) -> None:
    response = client.get("/v1/timeline", params={"format": "xml"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "format"


def test_json_is_the_default_and_ordered(client: TestClient, story: dict[str, int]) -> None:
    body = _get(client).json()
    assert body["next"] is None
    keys = [(i["best"], i["id"]) for i in body["items"]]
    assert keys == sorted(keys) and len(keys) == 4


def test_timelinejs_document(client: TestClient, story: dict[str, int]) -> None:
    doc = _get(client, format="timelinejs").json()
    events = doc["events"]
    assert len(events) == 4
    for ev in events:
        assert set(ev) >= {"start_date", "display_date", "text", "group", "unique_id"}
        assert ev["unique_id"].startswith("parley-event-")
        assert isinstance(ev["start_date"]["year"], int)
        assert 1 <= ev["start_date"]["month"] <= 12
        assert ev["text"]["headline"] and "<blockquote>" in ev["text"]["text"]
    month = next(e for e in events if e["display_date"] == "Feb 2022")
    assert month["start_date"] == {"year": 2022, "month": 2, "display_date": "Feb 2022"}, (
        "month grain: no day"
    )
    threat = next(e for e in events if e["group"] == "Threaten")
    assert threat["start_date"]["day"] == 18 and threat["end_date"] == {"year": 2025, "month": 4, "day": 20}
    quoted = next(e for e in events if "enough" in e["text"]["text"])
    assert "&quot;enough" in quoted["text"]["text"], "evidence is HTML-escaped"


def test_vis_items_use_calendar_days(client: TestClient, story: dict[str, int]) -> None:
    doc = _get(client, format="vis").json()
    items = {i["id"]: i for i in doc["items"]}
    assert {g["id"] for g in doc["groups"]} == {i["group"] for i in items.values()}
    for item in items.values():
        assert set(item) >= {"id", "content", "start", "type", "group", "title"}
        assert len(item["start"]) == 10 and "T" not in item["start"]
    point = next(i for i in items.values() if i["type"] == "point")
    assert point["start"] == "2025-04-22" and "end" not in point
    threat = next(i for i in items.values() if i["group"] == "13")
    assert (threat["type"], threat["start"], threat["end"]) == ("range", "2025-04-18", "2025-04-21")


def test_csv_header_rows_and_quoting(client: TestClient, story: dict[str, int]) -> None:
    response = _get(client, format="csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 5
    assert response.text.splitlines()[0] == ",".join(COLUMNS)
    by_id = {r[0]: dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]}
    threat = next(r for r in by_id.values() if r["cameo_root"] == "13")
    assert (
        threat["evidence"]
        == 'The United States threatened to withdraw from the talks, saying "enough, this ends".'
    )
    assert (
        '"The United States threatened to withdraw from the talks, saying ""enough, this ends""."'
        in response.text
    )
    assert threat["targets"] == "RUS | UKR"


def test_ndjson_one_item_per_line(client: TestClient, story: dict[str, int]) -> None:
    response = _get(client, format="ndjson")
    assert response.headers["content-type"] == "application/x-ndjson"
    lines = response.text.splitlines()
    assert [orjson.loads(x)["id"] for x in lines] == [i["id"] for i in _get(client).json()["items"]]


@pytest.mark.parametrize("fmt", ["csv", "ndjson"])
def test_streamed_formats_honour_limit_and_cursor(
    client: TestClient, story: dict[str, int], fmt: str
) -> None:
    first = _get(client, limit=2).json()
    rest = _get(client, format="ndjson", cursor=first["next"]).text.splitlines()
    assert [orjson.loads(x)["id"] for x in rest] == [i["id"] for i in _get(client).json()["items"][2:]]
    two = _get(client, format=fmt, limit=2).text.strip().splitlines()
    assert len(two) == (3 if fmt == "csv" else 2)
