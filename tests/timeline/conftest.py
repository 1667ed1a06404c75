"""Fixtures of the timeline tests: a client over a database holding the synthetic story."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.timeline.story import STORY_A, STORY_B, article_body, install_fake_language


@pytest.fixture
def story(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Both story articles posted through the API; returns their ids."""
    install_fake_language(monkeypatch, STORY_A, STORY_B)
    a = client.post("/v1/articles", json=article_body(STORY_A, outlet="Zamin", url="https://zamin.uz/en/a1"))
    b = client.post(
        "/v1/articles", json=article_body(STORY_B, outlet="Kyiv Post", url="https://www.kyivpost.com/b")
    )
    assert a.status_code == 201, a.text
    assert b.status_code == 201, b.text
    return {"a": a.json()["article"]["id"], "b": b.json()["article"]["id"]}
