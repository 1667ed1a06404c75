"""Every filter on every listing means the same thing (timeline, events, stats)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def _ids(client: TestClient, path: str = "/v1/timeline", **params: Any) -> list[int]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return [i["id"] for i in response.json()["items"]]


def _cameos(client: TestClient, **params: Any) -> set[str]:
    return {i["cameo"] for i in client.get("/v1/timeline", params=params).json()["items"]}


def test_actor_by_code_and_by_name(client: TestClient, story: dict[str, int]) -> None:
    assert _cameos(client, actor="USA") == {"130"}
    assert _cameos(client, actor="usa") == {"130"}
    assert _cameos(client, actor="United States") == {"130"}, "a gazetteer name means its code"
    assert _cameos(client, actor="the Kremlin") == {"190", "130", "036", "020"}
    assert _cameos(client, actor=["NATO", "EU"]) == {"020"}, "repeated actors must all match"


def test_cameo_root_and_prefix(client: TestClient, story: dict[str, int]) -> None:
    assert _cameos(client, cameo="03") == {"036"}
    assert _cameos(client, cameo="036") == {"036"}
    assert _cameos(client, cameo="1") == {"130", "190"}


def test_interval_overlap(client: TestClient, story: dict[str, int]) -> None:
    assert _cameos(client, **{"from": "2025-04-20", "to": "2025-04-20"}) == {"130"}
    assert _cameos(client, to="2022-02-01") == {"190"}


def test_source_outlet_article_confidence_text_modality(client: TestClient, story: dict[str, int]) -> None:
    assert _cameos(client, source="kyiv post") == {"020"}
    assert _cameos(client, outlet="Zamin") == {"190", "130", "036"}
    assert _cameos(client, source="zamin.uz") == {"190", "130", "036"}
    assert _cameos(client, article=story["b"]) == {"020"}
    assert _cameos(client, min_confidence=0.8) == {"190", "130", "036"}
    assert _cameos(client, q="bilateral") == {"036"}
    assert _cameos(client, modality="asserted") == {"190", "130", "036", "020"}
    assert _cameos(client, modality="denied") == set()


def test_events_listing_uses_storage_order_and_the_same_filters(
    client: TestClient, story: dict[str, int]
) -> None:
    ids = _ids(client, "/v1/events")
    assert ids == sorted(ids)
    assert len(_ids(client, "/v1/events", actor="USA")) == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2025-05-01", "to": "2025-04-01"}, "from"),
        ({"limit": 100000}, "limit"),
        ({"limit": 0}, "limit"),
        ({"cameo": "abc"}, "cameo"),
        ({"modality": "maybe"}, "modality"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"min_confidence": 2}, "min_confidence"),
        ({"source": "a", "outlet": "b"}, "outlet"),
    ],
)
def test_bad_parameters_are_problems_naming_the_field(
    client: TestClient, params: dict[str, Any], field: str
) -> None:
    response = client.get("/v1/timeline", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and body["type"].endswith("/invalid-input")
    assert body["errors"][0]["field"] == field


def test_stats_and_actors(client: TestClient, story: dict[str, int]) -> None:
    stats = client.get("/v1/stats").json()
    assert stats["total"] == 4
    assert {m["month"]: m["count"] for m in stats["by_month"]} == {"2022-02": 1, "2025-03": 1, "2025-04": 2}
    assert {c["root"]: c["count"] for c in stats["by_cameo_root"]} == {"02": 1, "03": 1, "13": 1, "19": 1}
    assert next(c["name"] for c in stats["by_cameo_root"] if c["root"] == "13") == "Threaten"
    assert stats["by_actor"][0] == {"code": "RUS", "count": 4}
    assert client.get("/v1/stats", params={"actor": "USA"}).json()["total"] == 1
    actors = client.get("/v1/actors").json()["items"]
    assert actors[0] == {"code": "RUS", "name": "Russia", "kind": "state", "events": 4}
    assert [a["code"] for a in client.get("/v1/actors", params={"q": "Russia"}).json()["items"]] == ["RUS"]
    assert [a["code"] for a in client.get("/v1/actors", params={"q": "nato"}).json()["items"]] == ["NATO"]


def test_openapi_lists_every_parameter(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    timeline = {p["name"] for p in doc["paths"]["/v1/timeline"]["get"]["parameters"]}
    assert timeline == {
        "actor", "cameo", "modality", "from", "to", "source", "outlet", "article", "min_confidence", "q",
        "cursor", "limit", "format",
    }  # fmt: skip
    stats = {p["name"] for p in doc["paths"]["/v1/stats"]["get"]["parameters"]}
    assert stats == timeline - {"cursor", "limit", "format"}
