"""Migrations are code under test: empty → head → base → head on both backends, no drift from models,
and data migrations give stored rows what the code would have written."""

from __future__ import annotations

from datetime import date
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text

from app.db import migrate
from app.db.base import Base
from app.db.session import make_sessionmaker
from app.ingest.article import parse_article
from app.ingest.files import SourcedArticle
from app.ingest.runner import ingest_articles
from app.models import ClusterKey


def test_downgrade_to_base_and_upgrade_again(engine: Engine) -> None:
    assert migrate.current_revision(engine) == migrate.head_revision()
    migrate.downgrade(engine, "base")
    assert migrate.current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


def test_upgrade_gives_stored_events_the_clustering_keys_ingestion_keeps(engine: Engine) -> None:
    _ingest(
        engine,
        "Russia proposed direct negotiations with Ukraine on 10 May 2025.",
        "Turkey and Qatar signed a prisoner exchange agreement in May 2025.",
        "Ukraine proposed direct negotiations with Russia on 11 May 2025. France accused Egypt of lying.",
    )
    kept = _cluster_keys(engine)
    assert len({row[0] for row in kept}) >= 3  # keys of several events
    migrate.downgrade(engine, "0005")
    assert "cluster_keys" not in inspect(engine).get_table_names()
    migrate.upgrade(engine)
    assert _cluster_keys(engine) == kept


def test_downgrade_below_0007_gives_events_their_window_class_back(engine: Engine) -> None:
    _ingest(
        engine,
        "Russia proposed direct negotiations with Ukraine on 10 May 2025.",
        "Turkey and Qatar signed a prisoner exchange agreement in May 2025.",
        "Earlier this year, France accused Egypt of lying.",
    )
    migrate.downgrade(engine, "0006")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT earliest, latest, span_class FROM timeline_events")).all()
    bounds = (0, 2, 7, 31, 92, 366, 3660)  # revision 0004's classes
    expected = [
        next((i for i, b in enumerate(bounds) if (_day(latest) - _day(earliest)).days <= b), len(bounds))
        for earliest, latest, _ in rows
    ]
    assert len({c for *_, c in rows}) >= 2, "windows of different lengths"
    assert [c for *_, c in rows] == expected
    migrate.upgrade(engine)
    assert "span_class" not in {c["name"] for c in inspect(engine).get_columns("timeline_events")}


def _ingest(engine: Engine, *texts: str) -> None:
    """Store these texts as articles published on 12 May 2025, through the ingest runner."""
    items = [
        SourcedArticle(f"test:{n}", parse_article({"text": t, "published": "2025-05-12"}, max_chars=10_000))
        for n, t in enumerate(texts)
    ]
    ingest_articles(make_sessionmaker(engine), items, origin="test")


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _cluster_keys(engine: Engine) -> set[tuple[Any, ...]]:
    with engine.connect() as conn:
        return {tuple(row) for row in conn.execute(select(ClusterKey.__table__))}


def test_models_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_timeline_order_has_an_index(engine: Engine) -> None:
    indexes = {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes("timeline_events")}
    assert indexes["ix_timeline_events_best_id"] == ["best", "id"]


def test_articles_are_unique_by_url_and_content(engine: Engine) -> None:
    uniques = {tuple(u["column_names"]) for u in inspect(engine).get_unique_constraints("articles")}
    assert {("canonical_url",), ("content_hash",)} <= uniques
