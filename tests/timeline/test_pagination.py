"""Cursor pagination: `next` in the body and an RFC 8288 Link header that round-trips."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

LINK = re.compile(r'^<(?P<url>[^>]+)>; rel="next"$')


@pytest.mark.parametrize("fmt", ["json", "vis", "timelinejs"])
def test_following_link_headers_walks_the_whole_timeline(
    client: TestClient, story: dict[str, int], fmt: str
) -> None:
    everything = client.get("/v1/timeline").json()["items"]
    url: str | None = f"/v1/timeline?limit=1&format={fmt}"
    seen: list[str] = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.json()
        seen += [str(e.get("unique_id", e.get("id"))) for e in body.get("events", body.get("items", []))]
        link = response.headers.get("link")
        if body["next"] is None:
            assert link is None
            url = None
        else:
            match = LINK.match(link or "")
            assert match, link
            assert f"cursor={body['next']}" in match["url"] and f"format={fmt}" in match["url"]
            assert match["url"].startswith("/v1/timeline?"), "relative to the request"
            url = match["url"]
    assert len(seen) == len(everything) == 4
    assert seen[-1].endswith(str(everything[-1]["id"]))


def test_events_listing_pages_in_storage_order(client: TestClient, story: dict[str, int]) -> None:
    page = client.get("/v1/events", params={"limit": 3}).json()
    rest = client.get("/v1/events", params={"limit": 3, "cursor": page["next"]}).json()
    ids = [i["id"] for i in page["items"] + rest["items"]]
    assert ids == sorted(ids) and len(ids) == 4 and rest["next"] is None


def test_a_timeline_cursor_is_refused_by_the_events_listing(
    client: TestClient, story: dict[str, int]
) -> None:
    cursor = client.get("/v1/timeline", params={"limit": 1}).json()["next"]
    response = client.get("/v1/events", params={"cursor": cursor})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "cursor"
