"""An event reported many times keeps a bounded stored payload; its detail still lists every report."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.events.test_cross_article import REPORT_A, REPORT_B


def test_payload_keeps_the_first_reports_and_detail_all(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.events.clustering.PROVENANCE_LIMIT", 1)
    monkeypatch.setattr("app.events.service.PROVENANCE_LIMIT", 1)
    for body in (REPORT_A, REPORT_B):
        assert client.post("/v1/articles", json=body).status_code == 201
    items = client.get("/v1/timeline").json()["items"]
    proposal = next(i for i in items if i["mention_count"] == 2)
    assert [p["outlet"] for p in proposal["provenance"]] == ["Outlet A"]
    detail = client.get(f"/v1/events/{proposal['id']}").json()
    assert detail["mention_count"] == 2
    assert [p["outlet"] for p in detail["provenance"]] == ["Outlet A", "Outlet B"]
