"""API keys: writes need one once keys exist; stored hashed; reads stay open."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from app.db.session import make_sessionmaker, write_scope
from app.keys import service
from tests.timeline.story import STORY_A, article_body, install_fake_language


def _new_key(engine: Engine, name: str = "test") -> str:
    with write_scope(make_sessionmaker(engine)) as session:
        return service.create_key(session, name=name).secret


def test_without_keys_writes_are_open(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_language(monkeypatch, STORY_A)
    assert client.post("/v1/articles", json=article_body(STORY_A)).status_code == 201


def test_keys_gate_writes_but_not_reads(
    client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake_language(monkeypatch, STORY_A)
    secret = _new_key(engine)
    refused = client.post("/v1/articles", json=article_body(STORY_A))
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/unauthorized")
    wrong = client.post("/v1/articles", json=article_body(STORY_A), headers={"X-API-Key": secret + "x"})
    assert wrong.status_code == 401
    ok = client.post("/v1/articles", json=article_body(STORY_A), headers={"X-API-Key": secret})
    assert ok.status_code == 201
    article_id = ok.json()["article"]["id"]
    assert client.get("/v1/timeline").status_code == 200, "reads stay open"
    assert client.delete(f"/v1/articles/{article_id}").status_code == 401
    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.delete(f"/v1/articles/{article_id}", headers=bearer).status_code == 204


def test_keys_are_stored_hashed(engine: Engine) -> None:
    secret = _new_key(engine, "cron")
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT key_hash FROM api_keys")).scalar_one()
    assert secret not in stored and stored == service.hash_key(secret)


def test_revoked_key_is_refused(client: TestClient, engine: Engine) -> None:
    secret = _new_key(engine)
    _new_key(engine, "other")
    with write_scope(make_sessionmaker(engine)) as session:
        service.revoke_key(session, key_id=1)
    assert client.delete("/v1/articles/1", headers={"X-API-Key": secret}).status_code == 401


def test_settings_can_require_keys_for_reads(settings) -> None:  # type: ignore[no-untyped-def]
    from app.main import create_app

    strict = settings.model_copy(update={"read_requires_key": True})
    with TestClient(create_app(strict)) as c:
        assert c.get("/v1/timeline").status_code == 401
        assert c.get("/healthz").status_code == 200


def test_cli_creates_a_working_key(
    client: TestClient, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from app.cli.main import cli
    from app.settings import get_settings

    monkeypatch.setenv("PARLEY_DATABASE_URL", database_url)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["keys", "create", "cron"])
        listing = CliRunner().invoke(cli, ["keys", "list"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip().splitlines()[-1]
    assert secret.startswith("parley_")
    assert "cron" in listing.stdout and secret not in listing.stdout
    assert client.delete("/v1/articles/999", headers={"X-API-Key": secret}).status_code == 404
    assert client.delete("/v1/articles/999").status_code == 401
