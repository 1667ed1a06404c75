"""The `parley` command line: ingest exit codes and messages, seed, db, and the JSONL contracts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from app.cli.main import cli
from app.settings import get_settings
from tests.conftest import row_counts
from tests.seed_gold import PUBLISHED, SEED_FILE, seed_text
from tests.timeline_check import EXTRACT_EVENT_KEYS, assert_seed_timeline

runner = CliRunner()


@pytest.fixture
def cli_env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PARLEY_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _line(obj: object) -> str:
    return orjson.dumps(obj).decode()


def test_ingest_txt_then_again_is_duplicate(cli_env: None) -> None:
    first = runner.invoke(cli, ["ingest", str(SEED_FILE)])
    assert first.exit_code == 0, first.output
    assert "new=1 duplicate=0" in first.stdout
    second = runner.invoke(cli, ["ingest", str(SEED_FILE)])
    assert second.exit_code == 0
    assert "new=0 duplicate=1" in second.stdout


def test_seed_command_loads_the_demo_article(cli_env: None) -> None:
    result = runner.invoke(cli, ["seed"])
    assert result.exit_code == 0, result.output
    assert "new=1" in result.stdout


def test_jsonl_with_a_bad_line_stores_nothing_and_names_line_and_field(
    cli_env: None, tmp_path: Path, engine: Engine
) -> None:
    path = tmp_path / "batch.jsonl"
    good = {"text": "Negotiators met in Geneva on Monday.", "published": "2025-04-22"}
    path.write_text(_line(good) + "\n" + _line({"text": "Talks.", "published": "22/04/2025"}) + "\n")
    before = row_counts(engine)
    result = runner.invoke(cli, ["ingest", str(path)])
    assert result.exit_code == 2
    assert f"{path}:2: published:" in result.stderr
    assert row_counts(engine) == before


def test_invalid_utf8_file_is_refused_with_its_line(cli_env: None, tmp_path: Path, engine: Engine) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_bytes(_line({"text": "ok", "published": "2025-04-22"}).encode() + b'\n{"text": "\xff"}\n')
    before = row_counts(engine)
    result = runner.invoke(cli, ["ingest", str(path)])
    assert result.exit_code == 2
    assert f"{path}:2: (encoding)" in result.stderr
    assert row_counts(engine) == before


def test_missing_file_is_a_usage_error(cli_env: None, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["ingest", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_ingest_from_stdin(cli_env: None) -> None:
    body = _line({"text": seed_text(), "published": "2025-04-22", "outlet": "Zamin"})
    result = runner.invoke(cli, ["ingest", "-"], input=body)
    assert result.exit_code == 0, result.output
    assert "new=1" in result.stdout


def test_unreachable_database_exits_3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "PARLEY_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    )
    get_settings.cache_clear()
    try:
        result = runner.invoke(cli, ["db", "current"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 3
    assert "database unavailable" in result.stderr


def test_db_current_reports_head(cli_env: None) -> None:
    result = runner.invoke(cli, ["db", "current"])
    assert result.exit_code == 0
    current, head = (part.split("=")[1] for part in result.stdout.split())
    assert current == head


def test_extract_gives_the_seed_gold_events(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(_line({"id": "seed", "text": seed_text(), "published": PUBLISHED.isoformat()}) + "\n")
    result = runner.invoke(cli, ["extract", "--jsonl", str(path)])
    assert result.exit_code == 0, result.output
    record = orjson.loads(result.stdout.splitlines()[0])
    assert set(record) == {"id", "events", "relations"}
    assert all(set(e) == EXTRACT_EVENT_KEYS for e in record["events"])
    assert_seed_timeline(record["events"])
    for relation in record["relations"]:
        assert relation["type"] in {"BEFORE", "AFTER", "SAME_AS"}


def test_timex_contract(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    text = "At the end of last week, talks stalled. They resume in February 2026."
    path.write_text(_line({"id": 7, "text": text, "dct": "2025-04-22"}) + "\n")
    result = runner.invoke(cli, ["timex", "--jsonl", str(path)])
    assert result.exit_code == 0, result.output
    record = orjson.loads(result.stdout)
    assert record["id"] == 7
    first = record["timexes"][0]
    assert set(first) >= {"start", "end", "text", "type", "value", "earliest", "latest", "granularity"}
    assert text[first["start"] : first["end"]] == first["text"] == "the end of last week"
    assert (first["earliest"], first["latest"]) == ("2025-04-18", "2025-04-20")


def test_timex_bad_line_names_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        _line({"id": "a", "text": "x", "dct": "2025-04-22"}) + "\n" + _line({"id": "b", "text": "y"}) + "\n"
    )
    result = runner.invoke(cli, ["timex", "--jsonl", str(path)])
    assert result.exit_code == 2
    assert "line 2: field 'dct'" in result.stderr
