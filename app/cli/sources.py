"""``parley sources add|list|remove``: the feeds and pages cron ingestion polls, kept in the database."""

from __future__ import annotations

from urllib.parse import urlsplit

import orjson
import typer

from app.cli.context import EXIT_USAGE, database, fail
from app.db import migrate
from app.db.session import session_scope, write_scope
from app.ingest import repository as repo
from app.kit.clock import as_utc, utcnow
from app.models.source import SOURCE_KINDS
from app.settings import get_settings

__all__ = ["sources_app"]

sources_app = typer.Typer(help="Feeds and pages polled by `parley ingest --due`.", no_args_is_help=True)


@sources_app.command("add")
def add(
    url: str = typer.Argument(..., help="The feed (RSS/Atom) or page URL."),
    kind: str = typer.Option("feed", "--kind", help="feed: an RSS/Atom feed; page: one article page."),
    every: int | None = typer.Option(
        None, "--every", min=1, help="Minutes between polls (default: PARLEY_SOURCE_INTERVAL_MINUTES)."
    ),
    title: str | None = typer.Option(None, "--title", help="A name to show (default: the feed's title)."),
) -> None:
    """Add a source; it is due at once. Adding a listed URL again changes nothing."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(f"url: must be an http or https URL, got {url!r}", EXIT_USAGE)
    if kind not in SOURCE_KINDS:
        raise fail(f"--kind: must be one of {', '.join(SOURCE_KINDS)}, got {kind!r}", EXIT_USAGE)
    minutes = every or get_settings().source_interval_minutes
    with database() as (engine, sessions):
        migrate.upgrade(engine)
        with write_scope(sessions) as session:
            source, created = repo.add_source(
                session, url=url.strip(), kind=kind, title=title, interval_seconds=minutes * 60, now=utcnow()
            )
            line = f"source {source.id} {'added' if created else 'already listed'}: {source.url}"
    print(line)


@sources_app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="One JSON object per line.")) -> None:
    """List sources with their last poll, next due time and item counts."""
    with database() as (engine, sessions):
        migrate.upgrade(engine)
        with session_scope(sessions) as session:
            rows = repo.list_sources(session)
            records = [
                {
                    "id": s.id,
                    "url": s.url,
                    "kind": s.kind,
                    "title": s.title,
                    "every_minutes": s.interval_seconds // 60,
                    "next_due": as_utc(s.next_due_at).isoformat(timespec="seconds"),
                    "last_fetched": as_utc(s.last_fetched_at).isoformat(timespec="seconds")
                    if s.last_fetched_at
                    else None,
                    "last_status": s.last_status,
                    "last_error": s.last_error,
                    "items": n,
                    "pending": p,
                }
                for s, n, p in rows
            ]
    for record in records:
        if as_json:
            print(orjson.dumps(record).decode())
        else:
            print(
                f"{record['id']:>4} {record['kind']:<4} every {record['every_minutes']}m "
                f"next={record['next_due']} last={record['last_status'] or '-'} "
                f"items={record['items']} pending={record['pending']} {record['url']}"
            )


@sources_app.command("remove")
def remove(ref: str = typer.Argument(..., help="The source's id or URL.")) -> None:
    """Remove a source and its feed items; articles already stored stay."""
    with database() as (engine, sessions):
        migrate.upgrade(engine)
        with write_scope(sessions) as session:
            source = repo.find_source(session, ref)
            if source is None:
                raise fail(f"no source {ref!r}", EXIT_USAGE)
            source_id, url = source.id, source.url
            repo.remove_source(session, source_id)
    print(f"source {source_id} removed: {url}")
