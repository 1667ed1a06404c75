"""``parley ingest PATH|-`` and ``parley seed``: articles from files into the database.

Input is read and validated whole first; any malformed piece stops the command
with exit 2 and nothing is stored.  Then each article is stored in its own
transaction: exit 0 when all landed (new or duplicate), 1 when some failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from app.cli.context import EXIT_PARTIAL, EXIT_USAGE, database, fail
from app.db import migrate
from app.ingest.files import InputProblem, SourcedArticle, read_articles, read_text_input
from app.ingest.runner import ingest_articles
from app.ingest.seed import seed as seed_articles
from app.settings import get_settings

__all__ = ["ingest", "seed"]


def _read(source: str, fmt: str) -> list[SourcedArticle | InputProblem]:
    max_chars = get_settings().max_text_chars
    if source == "-":
        data = sys.stdin.buffer.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            return [InputProblem(f"<stdin>:{line}", "(encoding)", f"not valid UTF-8 at byte {exc.start}")]
        return read_text_input(text, "<stdin>", "" if fmt == "auto" else f".{fmt}", max_chars)
    path = Path(source)
    if not path.exists():
        raise fail(f"{source}: no such file or directory", EXIT_USAGE)
    return read_articles(path, max_chars)


def ingest(
    source: str = typer.Argument(..., help="A .json/.jsonl/.txt file, a directory of them, or - for stdin."),
    fmt: str = typer.Option("auto", "--format", help="For stdin: json, jsonl, txt or auto."),
) -> None:
    """Ingest articles; print a summary of new, duplicate and failed items."""
    items = _read(source, fmt)
    problems = [i for i in items if isinstance(i, InputProblem)]
    if problems:
        for problem in problems:
            print(f"parley: {problem}", file=sys.stderr)
        raise fail(f"{len(problems)} input error(s); nothing was stored", EXIT_USAGE)
    articles = [i for i in items if isinstance(i, SourcedArticle)]
    if not articles:
        raise fail(f"{source}: no articles found", EXIT_USAGE)
    with database() as (engine, sessions):
        migrate.upgrade(engine)
        summary = ingest_articles(sessions, articles, origin=source)
    for error in summary.errors:
        print(f"parley: {error['where']}: {error['error']}", file=sys.stderr)
    print(summary.line())
    if summary.failed:
        raise typer.Exit(EXIT_PARTIAL)


def seed() -> None:
    """Load the demo articles (seeds/) into the database; already stored ones are duplicates."""
    settings = get_settings()
    with database() as (engine, sessions):
        migrate.upgrade(engine)
        summary = seed_articles(sessions, settings.seed_dir, settings.max_text_chars)
    print(summary.line())
    if summary.failed:
        raise typer.Exit(EXIT_PARTIAL)
