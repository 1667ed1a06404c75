"""The page, the embed demo and the widget script are served with ETags; the script is loadable cross-site."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_page_embed_and_widget_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script src="/parley.js" defer></script>' in page.text
    assert "cdn" not in page.text.lower(), "no third-party bundle"
    embed = client.get("/embed")
    assert "data-parley-timeline" in embed.text
    script = client.get("/parley.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert script.headers["access-control-allow-origin"] == "*"
    assert "http://" not in script.text and "https://" not in script.text.replace(
        "https://parley.example", ""
    )
    again = client.get("/parley.js", headers={"If-None-Match": script.headers["etag"]})
    assert again.status_code == 304
