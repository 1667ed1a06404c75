"""Acceptance: the seed article through REST gives the gold timeline, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.seed_gold import PUBLISHED, seed_text
from tests.timeline_check import assert_seed_timeline

SEED_BODY = {"text": seed_text(), "published": PUBLISHED.isoformat(), "outlet": "Zamin", "language": "en"}


def _timeline(client: TestClient) -> list[dict[str, Any]]:
    response = client.get("/v1/timeline", params={"limit": 100})
    assert response.status_code == 200
    body = response.json()
    assert body["next"] is None
    items: list[dict[str, Any]] = body["items"]
    return items


def test_seed_through_rest_gives_the_gold_timeline(client: TestClient) -> None:
    response = client.post("/v1/articles", json=SEED_BODY)
    assert response.status_code == 201, response.text
    items = _timeline(client)
    assert_seed_timeline(items)
    bests = [(i["best"], i["id"]) for i in items]
    assert bests == sorted(bests), "the timeline is ordered by best date, then id"


def test_timeline_items_carry_display_and_provenance(client: TestClient) -> None:
    article_id = client.post("/v1/articles", json=SEED_BODY).json()["article"]["id"]
    for item in _timeline(client):
        assert item["display"]
        assert item["provenance"][0]["article_id"] == article_id
        assert item["provenance"][0]["resolution"]
        for span in item["provenance"][0]["evidence"]:
            assert SEED_BODY["text"][span["start"] : span["end"]] == span["text"]


def test_posting_the_seed_twice_stores_it_once(client: TestClient) -> None:
    first = client.post("/v1/articles", json=SEED_BODY)
    second = client.post("/v1/articles", json=SEED_BODY)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["duplicate"] is True
    assert second.json()["article"]["id"] == first.json()["article"]["id"]
    assert len(_timeline(client)) == len(first.json()["events"])


def test_seed_on_start_loads_the_demo_article(settings: Any) -> None:
    from app.main import create_app

    seeded = settings.model_copy(update={"seed_on_start": True})
    with TestClient(create_app(seeded)) as client:
        assert client.get("/healthz").status_code == 200
        assert_seed_timeline(_timeline(client))
