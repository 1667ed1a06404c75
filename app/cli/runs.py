"""``parley runs``: what recent ingest runs did (new / duplicate / not coded / failed, errors)."""

from __future__ import annotations

import orjson
import typer

from app.cli.context import database
from app.db import migrate
from app.db.session import session_scope
from app.ingest import repository as repo
from app.kit.clock import as_utc

__all__ = ["runs"]


def runs(
    limit: int = typer.Option(20, "--limit", min=1, help="How many runs, newest first."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line instead of a table."),
    errors: bool = typer.Option(False, "--errors", help="Also print each failed item of each run."),
) -> None:
    """Show recent ingest runs (cron, files, seed, reprocess) and their counts."""
    with database() as (engine, sessions):
        migrate.upgrade(engine)
        with session_scope(sessions) as session:
            rows = repo.list_runs(session, limit)
    for run in rows:
        started = as_utc(run.started_at).isoformat(timespec="seconds")
        finished = as_utc(run.finished_at).isoformat(timespec="seconds") if run.finished_at else None
        record = {
            "id": run.id,
            "status": run.status,
            "origin": run.origin,
            "started": started,
            "finished": finished,
            "new": run.new_count,
            "duplicate": run.duplicate_count,
            "not_coded": run.not_coded_count,
            "failed": run.failed_count,
        }
        if as_json:
            print(orjson.dumps({**record, "errors": run.errors}).decode())
            continue
        print(
            f"{run.id:>5} {run.status:<8} {started} new={run.new_count} duplicate={run.duplicate_count} "
            f"not_coded={run.not_coded_count} failed={run.failed_count} {run.origin}"
        )
        if errors:
            for error in run.errors:
                print(f"      {error.get('where')}: {error.get('error')}")
