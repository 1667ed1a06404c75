"""POST/GET /v1/articles: created, duplicate, concurrent duplicates, refused input leaves nothing behind."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import row_counts, watch_write_lock_during_extraction
from tests.seed_gold import PUBLISHED, seed_text

BODY = {
    "text": seed_text(),
    "published": PUBLISHED.isoformat(),
    "outlet": "Zamin",
    "url": "https://zamin.uz/en/a/1",
}


def test_created_article_reads_back_with_its_events(client: TestClient) -> None:
    created = client.post("/v1/articles", json=BODY)
    assert created.status_code == 201
    article_id = created.json()["article"]["id"]
    detail = client.get(f"/v1/articles/{article_id}").json()
    assert detail["text"] == BODY["text"]
    assert detail["published"].startswith("2025-04-22")
    assert [e["id"] for e in detail["events"]] == [e["id"] for e in created.json()["events"]]
    assert any(t["text"] == "the end of last week" for t in detail["timexes"])


def test_same_url_with_tracking_parameters_is_a_duplicate(client: TestClient) -> None:
    assert client.post("/v1/articles", json=BODY).status_code == 201
    again = dict(BODY, url=BODY["url"] + "?utm_source=feed", text=BODY["text"] + " Updated.")
    response = client.post("/v1/articles", json=again)
    assert response.status_code == 200
    assert response.json()["duplicate"] is True


def test_concurrent_duplicate_posts_store_one_copy(client: TestClient, engine: Engine) -> None:
    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(lambda _: client.post("/v1/articles", json=BODY), range(6)))
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * 5 + [201]
    assert len({r.json()["article"]["id"] for r in responses}) == 1
    assert row_counts(engine)["articles"] == 1


BAD_BODIES: list[tuple[str, Any, str, int]] = [
    ("missing text", {"published": "2025-04-22"}, "text", 422),
    ("missing published", {"text": "Talks began."}, "published", 422),
    ("invalid date", {"text": "Talks began.", "published": "2025-02-30"}, "published", 422),
    ("not a date", {"text": "Talks began.", "published": "yesterday"}, "published", 422),
    ("wrong type", {"text": 42, "published": "2025-04-22"}, "text", 422),
    ("wrong type published", {"text": "Talks began.", "published": 20250422}, "published", 422),
    ("empty text", {"text": "   ", "published": "2025-04-22"}, "text", 422),
    ("unknown field", {"text": "Talks.", "published": "2025-04-22", "body": "x"}, "body", 422),
    ("bad url", {"text": "Talks.", "published": "2025-04-22", "url": "ftp://x"}, "url", 422),
    ("not an object", ["text"], "(body)", 422),
]


@pytest.mark.parametrize(("name", "body", "field", "status"), BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
def test_bad_input_is_a_problem_naming_the_field(
    client: TestClient, engine: Engine, name: str, body: Any, field: str, status: int
) -> None:
    before = row_counts(engine)
    response = client.post("/v1/articles", json=body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert field in {e["field"] for e in problem["errors"]}, problem
    assert row_counts(engine) == before


def test_non_json_body_is_a_problem(client: TestClient, engine: Engine) -> None:
    before = row_counts(engine)
    response = client.post("/v1/articles", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "(body)"
    assert row_counts(engine) == before


def test_text_over_the_size_limit_is_413(client: TestClient, engine: Engine) -> None:
    before = row_counts(engine)
    limit = client.app.state.settings.max_text_chars  # type: ignore[attr-defined]
    response = client.post("/v1/articles", json={"text": "a" * (limit + 1), "published": "2025-04-22"})
    assert response.status_code == 413
    assert response.json()["errors"][0]["field"] == "text"
    assert row_counts(engine) == before


def test_unknown_article_is_404_problem(client: TestClient) -> None:
    response = client.get("/v1/articles/999999")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/not-found")


def test_publication_time_keeps_its_instant_and_local_day(client: TestClient) -> None:
    body = {"text": "Envoys met in Doha late on Monday.", "published": "2025-04-22T01:15:00+03:00"}
    created = client.post("/v1/articles", json=body).json()["article"]
    assert created["published"] == "2025-04-21T22:15:00+00:00"
    detail = client.get(f"/v1/articles/{created['id']}").json()
    assert detail["published"] == "2025-04-21T22:15:00+00:00"


def test_extraction_does_not_hold_the_write_lock(
    client: TestClient, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    writable = watch_write_lock_during_extraction(database_url, monkeypatch)
    response = client.post("/v1/articles", json=BODY)
    assert response.status_code == 201
    assert writable == [True]
