"""`reprocess`: stale articles redone one transaction each; readers keep the old extraction meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text, update

import app.ingest.reprocess as reprocess_module
from app.db.engine import make_engine
from app.db.session import make_sessionmaker, session_scope, write_scope
from app.ingest.files import SourcedArticle, read_articles
from app.ingest.pipeline import store_article
from app.ingest.reprocess import reprocess
from app.language import PIPELINE_VERSION
from app.models import Article, IngestRun
from app.settings import PROJECT_ROOT

TABLES = ("temporal_mentions", "event_mentions", "event_relations", "timeline_events", "event_actors")


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: int(conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()) for t in TABLES}


def _store_seed(engine: Engine) -> None:
    (item,) = read_articles(PROJECT_ROOT / "seeds", 200_000)
    assert isinstance(item, SourcedArticle)
    with write_scope(make_sessionmaker(engine)) as session:
        store_article(session, item.article)
        session.execute(update(Article).values(pipeline_version="old"))


def test_stale_articles_are_redone_once_and_the_result_is_the_same(engine: Engine) -> None:
    sessions = make_sessionmaker(engine)
    _store_seed(engine)
    before = _counts(engine)
    summary = reprocess(sessions)
    assert (summary.new, summary.failed) == (1, 0)
    assert _counts(engine) == before
    with session_scope(sessions) as session:
        assert session.scalars(select(Article.pipeline_version)).one() == PIPELINE_VERSION
        run = session.get(IngestRun, summary.run_id)
        assert run is not None and run.origin == f"reprocess {PIPELINE_VERSION}" and run.status == "ok"
    again = reprocess(sessions)
    assert (again.new, again.duplicate) == (0, 0)  # nothing stale any more
    everything = reprocess(sessions, everything=True)
    assert everything.new == 1 and _counts(engine) == before


def test_readers_see_the_old_extraction_until_the_new_one_commits(
    engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _store_seed(engine)
    before = _counts(engine)
    seen: list[dict[str, int]] = []
    original = reprocess_module.write_extraction  # type: ignore[attr-defined]

    def write_then_look(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = original(*args, **kwargs)
        reader = make_engine(database_url)  # another connection, as an API worker would have
        try:
            seen.append(_counts(reader))
        finally:
            reader.dispose()
        return result

    monkeypatch.setattr(reprocess_module, "write_extraction", write_then_look)
    assert reprocess(make_sessionmaker(engine)).new == 1
    assert seen == [before]
