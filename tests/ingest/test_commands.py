"""`parley sources`, `ingest --due`, `runs`, `reprocess`: output and exit codes."""

from __future__ import annotations

from collections.abc import Iterator

import orjson
import pytest
from typer.testing import CliRunner

from app.cli.main import cli
from app.cli.progress import progress_bar
from app.settings import get_settings
from tests.ingest.conftest import Newsroom

runner = CliRunner()


@pytest.fixture
def cli_env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PARLEY_DATABASE_URL", database_url)
    monkeypatch.setenv("PARLEY_FETCH_ALLOW_PRIVATE", "true")
    monkeypatch.setenv("PARLEY_FETCH_HOST_DELAY_SECONDS", "0")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_sources_add_list_remove(cli_env: None) -> None:
    url = "https://news.example/rss.xml"
    added = runner.invoke(cli, ["sources", "add", url, "--every", "60", "--title", "Example"])
    assert added.exit_code == 0 and added.stdout == f"source 1 added: {url}\n"
    again = runner.invoke(cli, ["sources", "add", url])
    assert again.exit_code == 0 and "already listed" in again.stdout
    listed = runner.invoke(cli, ["sources", "list", "--json"])
    (record,) = [orjson.loads(line) for line in listed.stdout.splitlines()]
    assert (record["url"], record["every_minutes"], record["title"], record["items"]) == (
        url,
        60,
        "Example",
        0,
    )
    assert "every 60m" in runner.invoke(cli, ["sources", "list"]).stdout
    removed = runner.invoke(cli, ["sources", "remove", url])
    assert removed.exit_code == 0 and runner.invoke(cli, ["sources", "list"]).stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sources", "add", "ftp://news.example/x"], "url: must be an http or https URL"),
        (
            ["sources", "add", "https://news.example/x", "--kind", "podcast"],
            "--kind: must be one of feed, page",
        ),
        (["sources", "remove", "99"], "no source '99'"),
        (["ingest", "--due", "file.jsonl"], "either a SOURCE or --due"),
        (["ingest"], "missing SOURCE"),
    ],
)
def test_usage_errors_exit_2(cli_env: None, args: list[str], message: str) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2 and message in result.stderr


def test_ingest_due_prints_one_summary_line_and_runs_shows_it(cli_env: None, newsroom: Newsroom) -> None:
    for url in newsroom.feeds:
        assert runner.invoke(cli, ["sources", "add", url]).exit_code == 0
    result = runner.invoke(cli, ["ingest", "--due"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()  # not a TTY: no progress bar, one machine-readable line
    counts = dict(part.split("=") for part in line.split())
    assert (counts["new"], counts["duplicate"], counts["failed"]) == ("8", "2", "0")
    runs = [orjson.loads(row) for row in runner.invoke(cli, ["runs", "--json"]).stdout.splitlines()]
    assert runs[0]["status"] == "ok" and runs[0]["new"] == 8 and runs[0]["origin"].startswith("due ")
    assert f"{runs[0]['id']:>5} ok" in runner.invoke(cli, ["runs"]).stdout
    listed = [
        orjson.loads(row) for row in runner.invoke(cli, ["sources", "list", "--json"]).stdout.splitlines()
    ]
    assert sorted((r["items"], r["pending"], r["last_status"]) for r in listed) == [
        (4, 0, "200"),
        (6, 0, "200"),
    ]


def test_ingest_due_with_a_failing_source_exits_1(cli_env: None, newsroom: Newsroom) -> None:
    runner.invoke(cli, ["sources", "add", newsroom.site.url("/no/such/feed")])
    result = runner.invoke(cli, ["ingest", "--due"])
    assert result.exit_code == 1
    assert "failed=1" in result.stdout and "/no/such/feed: http: HTTP 404" in result.stderr
    shown = runner.invoke(cli, ["runs", "--errors"]).stdout
    assert "partial" in shown and "HTTP 404" in shown


def test_private_addresses_are_refused_unless_allowed(
    cli_env: None, newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARLEY_FETCH_ALLOW_PRIVATE", "false")
    get_settings.cache_clear()
    runner.invoke(cli, ["sources", "add", newsroom.feeds[0]])
    result = runner.invoke(cli, ["ingest", "--due"])
    assert result.exit_code == 1 and "refused: 127.0.0.1 resolves to loopback address" in result.stderr
    assert newsroom.site.log == []


def test_database_unavailable_exits_3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "PARLEY_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    )
    get_settings.cache_clear()
    try:
        for args in (["ingest", "--due"], ["runs"], ["sources", "list"]):
            result = runner.invoke(cli, args)
            assert result.exit_code == 3 and "database unavailable" in result.stderr
    finally:
        get_settings.cache_clear()


def test_reprocess_with_nothing_stale(cli_env: None) -> None:
    result = runner.invoke(cli, ["reprocess"])
    assert result.exit_code == 0 and "new=0 skipped=0" in result.stdout


def test_progress_bar_draws_only_when_interactive() -> None:
    with progress_bar("ingest", force=False) as none:
        assert none is None
    with progress_bar("ingest", force=True) as update:
        assert update is not None
        update(1, 3)
        update(3, 3)
