"""DELETE /v1/articles/{id}: its mentions go, and the events they supported are rebuilt or removed."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import row_counts
from tests.timeline.story import STORY_A, StoryEvent, article_body, install_fake_language

ECHO = (
    StoryEvent(
        "Washington again threatened to quit the talks.",
        "130",
        ("USA",),
        ("RUS",),
        STORY_A[1].earliest,
        STORY_A[1].latest,
        time_text="last week",
    ),
)


def test_delete_rebuilds_shared_events_and_drops_orphans(
    client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake_language(monkeypatch, STORY_A, ECHO)
    before = row_counts(engine)
    a = client.post("/v1/articles", json=article_body(STORY_A, outlet="Zamin")).json()["article"]["id"]
    b = client.post("/v1/articles", json=article_body(ECHO, outlet="Echo")).json()["article"]["id"]
    threat = next(i for i in client.get("/v1/timeline").json()["items"] if i["cameo"] == "130")
    assert threat["mention_count"] == 2, "the echo joined the same event"

    assert client.delete(f"/v1/articles/{a}").status_code == 204
    items = client.get("/v1/timeline").json()["items"]
    assert [(i["id"], i["mention_count"]) for i in items] == [(threat["id"], 1)]
    assert items[0]["provenance"][0]["article_id"] == b
    assert client.get(f"/v1/articles/{a}").status_code == 404

    assert client.delete(f"/v1/articles/{b}").status_code == 204
    assert client.get("/v1/timeline").json()["items"] == []
    assert row_counts(engine) == {**before, "actors": row_counts(engine)["actors"]}


def test_delete_unknown_article_is_a_404_problem(client: TestClient) -> None:
    response = client.delete("/v1/articles/12345")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "no article with id 12345"


def test_event_detail_carries_every_mention(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_language(monkeypatch, STORY_A, ECHO)
    client.post("/v1/articles", json=article_body(STORY_A, outlet="Zamin", url="https://zamin.uz/a"))
    client.post("/v1/articles", json=article_body(ECHO, outlet="Echo"))
    threat = next(i for i in client.get("/v1/timeline").json()["items"] if i["cameo"] == "130")
    detail = client.get(f"/v1/events/{threat['id']}").json()
    assert len(detail["provenance"]) == 2
    for mention in detail["provenance"]:
        assert {"article_id", "outlet", "url", "evidence", "time_text", "resolution", "rule_ids"} <= set(
            mention
        )
        assert mention["evidence"][0]["text"]
    assert {m["outlet"] for m in detail["provenance"]} == {"Zamin", "Echo"}
    assert client.get("/v1/events/999999").status_code == 404
