"""Strong ETags, 304s, Cache-Control, and a response cache that every write empties."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from tests.timeline.story import STORY_A, STORY_B, StoryEvent, article_body, install_fake_language

LATER = (
    StoryEvent(
        "Turkey offered to host talks in May 2025.",
        "057",
        ("TUR",),
        (),
        date(2025, 5, 1),
        date(2025, 5, 31),
        "month",
    ),
)
READS = ["/v1/timeline", "/v1/timeline?format=vis", "/v1/events", "/v1/actors", "/v1/stats"]


@pytest.mark.parametrize("path", READS)
def test_etag_then_304(client: TestClient, story: dict[str, int], path: str) -> None:
    first = client.get(path)
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/"), "a strong validator"
    assert "max-age=" in first.headers["cache-control"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    other = client.get(path, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.content == first.content


def test_event_and_article_have_etags(client: TestClient, story: dict[str, int]) -> None:
    event_id = client.get("/v1/timeline").json()["items"][0]["id"]
    for path in (f"/v1/events/{event_id}", f"/v1/articles/{story['a']}"):
        first = client.get(path)
        assert first.status_code == 200
        assert client.get(path, headers={"If-None-Match": first.headers["etag"]}).status_code == 304


def test_cache_serves_identical_bytes_until_a_write(client: TestClient, story: dict[str, int]) -> None:
    cache = client.app.state.response_cache  # type: ignore[attr-defined]
    first = client.get("/v1/timeline")
    assert len(cache) >= 1
    assert client.get("/v1/timeline").content == first.content
    assert client.delete(f"/v1/articles/{story['b']}").status_code == 204
    assert len(cache) == 0, "a write empties the cache"
    after = client.get("/v1/timeline")
    assert after.headers["etag"] != first.headers["etag"]
    assert len(after.json()["items"]) == 3
    assert client.get("/v1/timeline", headers={"If-None-Match": first.headers["etag"]}).status_code == 200


def test_a_post_invalidates_too(
    client: TestClient, story: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    etag = client.get("/v1/stats").headers["etag"]
    generation = client.app.state.response_cache.generation  # type: ignore[attr-defined]
    install_fake_language(monkeypatch, STORY_A, STORY_B, LATER)
    assert client.post("/v1/articles", json=article_body(LATER, outlet="Another")).status_code == 201
    assert client.app.state.response_cache.generation > generation  # type: ignore[attr-defined]
    fresh = client.get("/v1/stats", headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh.json()["total"] == 5


def test_writes_by_another_process_are_noticed(client: TestClient, story: dict[str, int]) -> None:
    cache = client.app.state.response_cache  # type: ignore[attr-defined]
    client.get("/v1/timeline")
    generation = cache.generation
    cache.revalidate()  # establishes the signature
    cache.revalidate()
    assert cache.generation == generation, "nothing changed: nothing dropped"
    cache._last_signature = ("stale",)  # as if another process had written
    cache.revalidate()
    assert cache.generation == generation + 1 and len(cache) == 0


def test_cors_preflight_and_exposed_headers(client: TestClient, story: dict[str, int]) -> None:
    pre = client.options(
        "/v1/timeline",
        headers={"Origin": "https://news.example", "Access-Control-Request-Method": "GET"},
    )
    assert pre.status_code == 200
    assert pre.headers["access-control-allow-origin"] in ("*", "https://news.example")
    got = client.get("/v1/timeline?limit=1", headers={"Origin": "https://news.example"})
    exposed = {h.strip().lower() for h in got.headers["access-control-expose-headers"].split(",")}
    assert {"link", "etag"} <= exposed
    hit = client.get("/v1/timeline?limit=1", headers={"Origin": "https://news.example"})
    assert hit.headers["access-control-allow-origin"], "cached answers carry CORS headers too"


def test_cors_allow_list_refuses_other_origins(settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.main import create_app

    strict = settings.model_copy(update={"cors_origins": ["https://allowed.example"]})
    with TestClient(create_app(strict)) as c:
        ok = c.options(
            "/v1/timeline",
            headers={"Origin": "https://allowed.example", "Access-Control-Request-Method": "GET"},
        )
        bad = c.options(
            "/v1/timeline", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
        )
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == "https://allowed.example"
    assert bad.status_code == 400


def test_a_failing_signature_empties_the_cache_instead_of_failing_reads() -> None:
    from app.timeline.cache import CachedResponse, ResponseCache

    def broken() -> object:
        raise RuntimeError("database away")

    cache = ResponseCache(max_entries=4, revalidate_seconds=0, signature=broken)
    cache.put("/v1/timeline", CachedResponse(b"{}", '"x"', ()), generation=0)
    cache.revalidate()
    assert len(cache) == 0 and cache.generation == 1


def test_a_page_computed_across_a_write_is_not_cached() -> None:
    from app.timeline.cache import CachedResponse, ResponseCache

    cache = ResponseCache(max_entries=4, revalidate_seconds=60)
    started = cache.generation
    cache.invalidate()  # a write lands while the page is being computed
    cache.put("/v1/timeline", CachedResponse(b"old", '"o"', ()), generation=started)
    assert cache.get("/v1/timeline") is None
