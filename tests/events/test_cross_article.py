"""Cross-article clustering through the API: two outlets' reports of one event become one timeline event."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings

REPORT_A = {
    "text": (
        "Russian President Vladimir Putin on Sunday proposed direct negotiations with Ukraine in Istanbul, "
        "to begin on May 15. Putin made the offer in a late-night address at the Kremlin."
    ),
    "published": "2025-05-12",
    "outlet": "Outlet A",
    "url": "https://a.example/putin-istanbul",
}
REPORT_B = {
    "text": "On Sunday, Moscow proposed resuming direct negotiations with Kyiv in Istanbul.",
    "published": "2025-05-13",
    "outlet": "Outlet B",
    "url": "https://b.example/istanbul-offer",
}
UNRELATED = {
    "text": (
        "Sudan's army and the Rapid Support Forces agreed to a humanitarian ceasefire "
        "in El Fasher on Saturday."
    ),
    "published": "2025-05-20",
    "outlet": "Outlet C",
}


def _timeline(client: TestClient) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get("/v1/timeline", params={"limit": 100}).json()["items"]
    return items


def _shape(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The timeline without ids: what must not depend on ingestion order."""
    return sorted(
        (
            i["cameo"],
            i["earliest"],
            i["latest"],
            i["best"],
            tuple(i["actors"]),
            i["mention_count"],
            tuple(sorted(p["outlet"] for p in i["provenance"])),
        )
        for i in items
    )


def _proposal(items: list[dict[str, Any]]) -> dict[str, Any]:
    hits = [i for i in items if i["cameo_root"] == "03" and "RUS" in i["actors"]]
    assert len(hits) == 1, hits
    return hits[0]


def test_two_reports_become_one_event_with_two_mentions(client: TestClient) -> None:
    for body in (REPORT_A, REPORT_B):
        assert client.post("/v1/articles", json=body).status_code == 201
    proposal = _proposal(_timeline(client))
    assert proposal["mention_count"] == 2
    assert {p["outlet"] for p in proposal["provenance"]} == {"Outlet A", "Outlet B"}
    assert proposal["best"] == "2025-05-11"
    merged = [p for p in proposal["provenance"] if p["match"] and p["match"]["matched"]]
    assert merged and merged[0]["match"]["same_root"] is True


@pytest.mark.parametrize("order", [(REPORT_A, REPORT_B), (REPORT_B, REPORT_A)], ids=["a-then-b", "b-then-a"])
def test_ingestion_order_does_not_change_the_timeline(
    settings: Settings, order: tuple[dict[str, Any], ...]
) -> None:
    with TestClient(create_app(settings)) as client:
        for body in order:
            client.post("/v1/articles", json=body)
        shape = _shape(_timeline(client))
    reference = [
        ("036", "2025-05-11", "2025-05-11", "2025-05-11", ("RUS",), 2, ("Outlet A", "Outlet B")),
    ]
    assert [s for s in shape if s[0].startswith("03")] == reference


def test_an_unrelated_article_changes_nothing_of_theirs(client: TestClient) -> None:
    for body in (REPORT_A, REPORT_B):
        client.post("/v1/articles", json=body)
    before = {i["id"]: i for i in _timeline(client)}
    assert client.post("/v1/articles", json=UNRELATED).status_code == 201
    after = {i["id"]: i for i in _timeline(client)}
    for event_id, item in before.items():
        assert after[event_id] == item
    assert len(after) > len(before)
