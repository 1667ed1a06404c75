"""GET /healthz answers 200 only once the database is at head; `python -m app` is the same CLI."""

from __future__ import annotations

import subprocess
import sys

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.db import migrate
from app.main import create_app
from app.settings import Settings


def test_ready_at_head(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["revision"] == migrate.head_revision()


def test_not_ready_when_not_migrated(settings: Settings, engine: Engine) -> None:
    migrate.downgrade(engine, "base")
    with TestClient(create_app(settings)) as client:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "starting"


def test_openapi_lists_the_v1_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    expected = {"/v1/articles", "/v1/articles/{article_id}", "/v1/timeline", "/v1/events", "/healthz"}
    assert expected <= set(paths)


def test_python_dash_m_app_is_the_cli() -> None:
    command = [sys.executable, "-m", "app", "--help"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0
    for command in ("serve", "ingest", "seed", "db", "timex", "extract"):
        assert command in result.stdout
