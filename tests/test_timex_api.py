"""POST /v1/timex: the JSONL contract's records over HTTP, errors as problem+json, nothing stored."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.db.session import make_sessionmaker, write_scope
from app.keys import service
from app.language.temporal import timex_record
from app.settings import Settings
from app.timex.endpoints import reference_date
from tests.conftest import row_counts

SHORT = "The talks resume on Friday."
TEXT = (
    "The envoys met on Tuesday. A few days earlier, the mediators had proposed a truce; "
    "talks resume next week and a 30-day ceasefire is on the table."
)


def test_same_records_as_the_jsonl_contract(client: TestClient) -> None:
    response = client.post("/v1/timex", json={"text": TEXT, "reference": "2025-04-24", "id": 7})
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == 7 and body["reference"] == "2025-04-24"
    assert body["timexes"] == timex_record("x", TEXT, date(2025, 4, 24))["timexes"]
    by_text = {t["text"]: t for t in body["timexes"]}
    assert by_text["Tuesday"]["value"] == "2025-04-22"
    assert by_text["next week"]["value"] == "2025-W18"
    assert by_text["30-day"]["type"] == "DURATION"


def test_stores_nothing(client: TestClient, engine: Engine) -> None:
    before = row_counts(engine)
    assert client.post("/v1/timex", json={"text": TEXT, "reference": "2025-04-24"}).status_code == 200
    assert row_counts(engine) == before


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-04-22", date(2025, 4, 22)),
        ("2025-04-22T23:30:00-05:00", date(2025, 4, 22)),  # the writer's date, not UTC's
        ("2024-02-29T00:10:00+14:00", date(2024, 2, 29)),
        ("2025-04-22T09:00:00Z", date(2025, 4, 22)),
    ],
)
def test_reference_is_the_date_as_written(raw: str, expected: date) -> None:
    assert reference_date(raw) == expected


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"text": SHORT}, 422, "reference"),
        ({"text": SHORT, "reference": "22/04/2025"}, 422, "reference"),
        ({"text": SHORT, "reference": "2025-02-30"}, 422, "reference"),
        ({"reference": "2025-04-22"}, 422, "text"),
        ({"text": 5, "reference": "2025-04-22"}, 422, "text"),
        ({"text": SHORT, "reference": "2025-04-22", "dct": "2025-04-22"}, 422, "dct"),
        ({"text": "x" * 101, "reference": "2025-04-22"}, 413, "text"),
    ],
)
def test_bad_input_is_a_problem_naming_the_field(
    settings: Settings, body: dict[str, object], status: int, field: str
) -> None:
    from app.main import create_app

    with TestClient(create_app(settings.model_copy(update={"max_text_chars": 100}))) as small:
        response = small.post("/v1/timex", json=body)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_needs_no_write_key_but_a_read_key_when_reads_need_one(settings: Settings, engine: Engine) -> None:
    from app.main import create_app

    with write_scope(make_sessionmaker(engine)) as session:
        secret = service.create_key(session, name="reader").secret
    body = {"text": TEXT, "reference": "2025-04-24"}
    with TestClient(create_app(settings)) as open_reads:
        assert open_reads.post("/v1/timex", json=body).status_code == 200, "a computation, not a write"
        article = {"text": TEXT, "published": "2025-04-24"}
        assert open_reads.post("/v1/articles", json=article).status_code == 401, "writes still need the key"
    with TestClient(create_app(settings.model_copy(update={"read_requires_key": True}))) as closed:
        assert closed.post("/v1/timex", json=body).status_code == 401
        assert closed.post("/v1/timex", json=body, headers={"X-API-Key": secret}).status_code == 200


def test_readme_example_is_what_the_endpoint_answers(client: TestClient) -> None:
    import json
    import re

    from app.settings import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Time expressions on their own") :]
    request = json.loads(re.search(r"-d '(\{.*?\})'", section, re.S).group(1))  # type: ignore[union-attr]
    answer = json.loads(re.search(r"```json\n(.*?)```", section, re.S).group(1))  # type: ignore[union-attr]
    assert client.post("/v1/timex", json=request).json() == answer
