"""File ingestion in batches: one savepoint per article, language work outside the write lock."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

import app.ingest.pipeline as pipeline
from app.db.session import make_sessionmaker
from app.ingest.article import parse_article
from app.ingest.files import SourcedArticle
from app.ingest.runner import ingest_articles
from tests.conftest import watch_write_lock_during_extraction

TABLES = (
    "articles",
    "temporal_mentions",
    "event_mentions",
    "event_relations",
    "timeline_events",
    "event_actors",
)


def _items(count: int) -> list[SourcedArticle]:
    return [
        SourcedArticle(
            f"test:{n}",
            parse_article(
                {
                    "text": f"Report {n}. Russia proposed direct negotiations with Ukraine on Monday. "
                    "A few days earlier, Turkey had threatened to withdraw from the talks.",
                    "published": f"2025-05-{10 + n:02d}",
                    "title": f"report {n}",
                    "url": f"https://news.example/{n}",
                },
                max_chars=100_000,
            ),
        )
        for n in range(count)
    ]


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: int(conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()) for t in TABLES}


def test_a_failing_article_is_rolled_back_alone_and_a_rerun_stores_it(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = _items(6)
    original = pipeline.write_extraction

    def fail_on_third(session: Any, article: Any, *args: Any, **kwargs: Any) -> Any:
        written = original(session, article, *args, **kwargs)  # article, mentions, events: all written
        if article.title == "report 2":
            raise RuntimeError("disk on fire")
        return written

    monkeypatch.setattr(pipeline, "write_extraction", fail_on_third)
    sessions = make_sessionmaker(engine)
    summary = ingest_articles(sessions, items, origin="test", batch=4)
    assert (summary.new, summary.failed) == (5, 1)
    assert summary.errors[0]["where"] == "test:2" and "disk on fire" in summary.errors[0]["error"]
    with engine.connect() as conn:
        titles = sorted(conn.execute(text("SELECT title FROM articles")).scalars())
        orphans = conn.execute(
            text(
                "SELECT COUNT(*) FROM timeline_events t WHERE NOT EXISTS "
                "(SELECT 1 FROM event_mentions m WHERE m.timeline_event_id = t.id)"
            )
        ).scalar_one()
    assert titles == [f"report {n}" for n in (0, 1, 3, 4, 5)]
    assert orphans == 0  # nothing of the failed article was left behind

    monkeypatch.setattr(pipeline, "write_extraction", original)
    again = ingest_articles(sessions, items, origin="test", batch=4)
    assert (again.new, again.duplicate, again.failed) == (1, 5, 0)
    assert _counts(engine)["articles"] == 6


def test_the_language_layer_runs_without_the_write_lock(
    engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    writable = watch_write_lock_during_extraction(database_url, monkeypatch)
    summary = ingest_articles(make_sessionmaker(engine), _items(5), origin="test", batch=2)
    assert summary.new == 5
    assert writable == [True] * 5
