"""Exports stream in constant memory: 100,000 events through NDJSON and CSV with a small peak.

The rows are bulk-inserted (the write path would take minutes); memory is
measured with tracemalloc around the export iterator the endpoint streams.
"""

from __future__ import annotations

import shutil
import sqlite3
import tracemalloc
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from fastapi.testclient import TestClient

from app.db.engine import make_engine
from app.main import create_app
from app.settings import PROJECT_ROOT, Settings
from app.timeline import service
from app.timeline.formats import FORMATS
from app.timeline.repository import EventFilter

N = 100_000
COLUMNS = (
    "id", "cameo", "cameo_root", "label", "modality", "earliest", "latest", "best", "granularity",
    "display", "actors", "targets", "confidence", "mention_count", "first_reported_at", "updated_at",
    "search_text", "payload",
)  # fmt: skip


def _rows() -> Iterator[tuple[object, ...]]:
    start = date(2000, 1, 1)
    for i in range(1, N + 1):
        best = (start + timedelta(days=i % 9000)).isoformat()
        item = {
            "id": i, "label": f"event {i}", "cameo": "036", "cameo_root": "03", "modality": "asserted",
            "earliest": best, "latest": best, "best": best, "granularity": "day", "display": best,
            "actors": ["RUS"], "targets": ["UKR"], "goldstein": 4.0, "confidence": 0.9, "mention_count": 1,
            "first_reported": "2025-04-22T00:00:00+00:00", "date_conflict": False,
            "provenance": [{"mention_id": i, "article_id": 1, "title": None, "outlet": "Wire", "url": None,
                            "published": "2025-04-22T00:00:00+00:00", "published_source": "input",
                            "published_flagged": False, "time_text": "on Monday",
                            "evidence": [{"start": 0, "end": 60, "text": f"Sentence {i}, " + "x" * 300}],
                            "resolution": "publication-relative", "rule_ids": ["r"], "earliest": best,
                            "latest": best, "best": best, "granularity": "day", "modality": "asserted",
                            "cameo": "036", "match": None}],
        }  # fmt: skip
        yield (
            i, "036", "03", f"event {i}", "asserted", best, best, best, "day", best, '["RUS"]', '["UKR"]',
            0.9, 1, "2025-04-22 00:00:00", "2025-04-22 00:00:00", f"event {i}", orjson.dumps(item).decode(),
        )  # fmt: skip


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> str:
    path = tmp_path_factory.mktemp("big") / "parley.db"
    shutil.copy(sqlite_template, path)
    conn = sqlite3.connect(path)
    marks = ",".join("?" * len(COLUMNS))
    conn.executemany(f"INSERT INTO timeline_events ({','.join(COLUMNS)}) VALUES ({marks})", _rows())
    conn.commit()
    conn.close()
    return f"sqlite:///{path}"


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
def test_export_of_100k_events_runs_in_bounded_memory(big_db: str, fmt: str) -> None:
    engine = make_engine(big_db)
    batches = service.export_batches(
        engine, EventFilter(), order="time", cursor=None, limit=None, batch_size=1000
    )
    total = lines = 0
    tracemalloc.start()
    try:
        for chunk in FORMATS[fmt].stream(batches):  # type: ignore[misc]
            total += len(chunk)
            lines += chunk.count(b"\n")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == N + (1 if fmt == "csv" else 0)
    assert total > 40_000_000, "the export itself is large"
    assert peak < 8_000_000, f"peak {peak:,} bytes: the export must not hold the timeline in memory"
    assert peak < total / 5


def test_ndjson_over_http_is_streamed(big_db: str, tmp_path: Path) -> None:
    settings = Settings(
        database_url=big_db,
        data_dir=tmp_path,
        seed_dir=PROJECT_ROOT / "seeds",
        migrate_on_start=False,
        seed_on_start=False,
        _env_file=None,  # type: ignore[call-arg]
    )
    with TestClient(create_app(settings)) as client:
        with client.stream("GET", "/v1/timeline", params={"format": "ndjson", "limit": 5000}) as response:
            assert response.status_code == 200
            assert "content-length" not in response.headers
            assert response.headers.get("transfer-encoding", "chunked") == "chunked"
            lines = [line for line in response.iter_lines() if line]
        assert len(lines) == 5000
        ids = [orjson.loads(line)["id"] for line in lines[:3]]
        assert ids == [9000, 18000, 27000], "time order: (best, id); day 0 holds ids 9000, 18000, …"
