"""``parley ingest PATH|-``, ``parley ingest --due``, ``parley reprocess`` and ``parley seed``.

Files: input is read and validated whole first; any malformed piece stops the
command with exit 2 and nothing is stored.  Then the articles are stored in
batches, each article in its own savepoint (``app.ingest.runner``): exit 0 when
all landed (new or duplicate), 1 when some failed.

``--due`` (cron): poll the sources that are due and ingest their pending items
(see ``app.ingest.due``); exit 0 when nothing failed, 1 when some source or
item failed (they are recorded and retried), 3 when the database is unreachable.
A progress bar is drawn on a terminal; otherwise only the summary line is printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from app.cli.context import EXIT_PARTIAL, EXIT_USAGE, database, fail
from app.cli.progress import progress_bar
from app.db import migrate
from app.ingest.files import InputProblem, SourcedArticle, read_articles, read_text_input
from app.ingest.runner import RunSummary, ingest_articles
from app.ingest.seed import seed as seed_articles
from app.settings import get_settings

__all__ = ["ingest", "reprocess", "seed"]


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
    source: str | None = typer.Argument(
        None, help="A .json/.jsonl/.txt file, a directory of them, or - for stdin (not with --due)."
    ),
    fmt: str = typer.Option("auto", "--format", help="For stdin: json, jsonl, txt or auto."),
    due: bool = typer.Option(
        False, "--due", help="Poll due sources (`parley sources`) and ingest their pending items."
    ),
) -> None:
    """Ingest articles; print a summary of new, duplicate and failed items."""
    if due:
        if source is not None:
            raise fail("give either a SOURCE or --due, not both", EXIT_USAGE)
        _ingest_due()
        return
    if source is None:
        raise fail("missing SOURCE (a file, a directory or -), or --due", EXIT_USAGE)
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
    _report(summary)


def seed() -> None:
    """Load the demo articles (seeds/) into the database; already stored ones are duplicates."""
    settings = get_settings()
    with database() as (engine, sessions):
        migrate.upgrade(engine)
        summary = seed_articles(sessions, settings.seed_dir, settings.max_text_chars)
    print(summary.line())
    if summary.failed:
        raise typer.Exit(EXIT_PARTIAL)


def _ingest_due() -> None:
    from app.ingest.due import ingest_due

    settings = get_settings()
    with database() as (engine, sessions):
        migrate.upgrade(engine)
        with progress_bar("ingest") as progress:
            summary = ingest_due(sessions, settings, progress=progress)
    _report(summary)


def reprocess(
    everything: bool = typer.Option(False, "--all", help="Redo every article, not only stale ones."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Redo at most this many articles."),
) -> None:
    """Re-run the language pipeline over articles stored by another pipeline version."""
    from app.ingest.reprocess import reprocess as reprocess_articles

    with database() as (engine, sessions):
        migrate.upgrade(engine)
        with progress_bar("reprocess") as progress:
            summary = reprocess_articles(sessions, everything=everything, limit=limit, progress=progress)
    _report(summary, line=summary.line().replace("duplicate=", "skipped="))


def _report(summary: RunSummary, line: str | None = None) -> None:
    """Each failed item on stderr, the summary line on stdout; exit 1 when something failed."""
    for error in summary.errors:
        print(f"parley: {error['where']}: {error['error']}", file=sys.stderr)
    print(line or summary.line())
    if summary.failed:
        raise typer.Exit(EXIT_PARTIAL)
