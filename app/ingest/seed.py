"""The demo data: the articles under ``seeds/`` loaded into an empty database."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from app.articles.repository import count_articles
from app.db.session import session_scope
from app.errors import InvalidInput
from app.ingest.files import InputProblem, SourcedArticle, read_articles
from app.ingest.runner import RunSummary, ingest_articles

__all__ = ["seed", "seed_if_empty"]

log = logging.getLogger("parley.seed")


def seed(sessions: sessionmaker[Session], seed_dir: Path, max_chars: int) -> RunSummary:
    """Load every article of ``seed_dir`` (already stored ones count as duplicates)."""
    items = read_articles(seed_dir, max_chars)
    problems = [i for i in items if isinstance(i, InputProblem)]
    if problems:
        raise InvalidInput(f"seed file refused: {problems[0]}", field=problems[0].field)
    articles = [i for i in items if isinstance(i, SourcedArticle)]
    return ingest_articles(sessions, articles, origin=f"seed:{seed_dir}")


def seed_if_empty(sessions: sessionmaker[Session], seed_dir: Path, max_chars: int) -> RunSummary | None:
    """Seed a database that holds no article yet; leave any other database alone."""
    with session_scope(sessions) as session:
        stored = count_articles(session)
    if stored > 0:
        log.info("database already holds articles; not seeding")
        return None
    summary = seed(sessions, seed_dir, max_chars)
    log.info("seeded the empty database from %s: %s", seed_dir, summary.line())
    return summary
