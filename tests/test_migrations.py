"""Migrations are code under test: empty → head → base → head on both backends, no drift from models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

import app.models  # noqa: F401
from app.db import migrate
from app.db.base import Base


def test_downgrade_to_base_and_upgrade_again(engine: Engine) -> None:
    assert migrate.current_revision(engine) == migrate.head_revision()
    migrate.downgrade(engine, "base")
    assert migrate.current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


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
