"""Cron's hard cases with real processes, on SQLite and PostgreSQL.

- two ``parley ingest --due`` started together over the same sources store every item exactly once;
- a run SIGKILLed mid-way, then rerun, leaves the database a clean run would.

Synchronisation is by events on the local site, never by sleeping: overlapping
runs meet at a rendezvous (no page is answered until both processes have asked
for one), and the killed run is killed once it is known to be waiting on a page.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from app.db.base import Base
from app.db.session import make_sessionmaker, write_scope
from app.ingest import repository as repo
from app.kit.clock import as_utc, utcnow
from app.models import Article, FeedItem, IngestRun, Source
from app.settings import PROJECT_ROOT
from tests.ingest.conftest import Newsroom
from tests.ingest.site import Gate, Rendezvous

TIMEOUT = 120


def _env(database_url: str, tmp_path: Path, agent: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}  # no stray settings
    env.update(
        PARLEY_DATABASE_URL=database_url,
        PARLEY_DATA_DIR=str(tmp_path),
        PARLEY_FETCH_ALLOW_PRIVATE="true",
        PARLEY_FETCH_HOST_DELAY_SECONDS="0",
        PARLEY_USER_AGENT=agent,
        PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")])),
        **extra,
    )
    return env


def _parley(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", *args],  # exactly `parley …`, real language layer included
        env=env,
        cwd=env["PARLEY_DATA_DIR"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=TIMEOUT)
    return process.returncode, out, err


def _counts(summary_line: str) -> dict[str, int]:
    return {k: int(v) for k, v in (part.split("=") for part in summary_line.split())}


def _add_sources(engine: Engine, newsroom: Newsroom) -> None:
    sessions = make_sessionmaker(engine)
    with write_scope(sessions) as session:
        for url in newsroom.feeds:
            repo.add_source(session, url=url, kind="feed", title=None, interval_seconds=900, now=utcnow())


def _snapshot(engine: Engine) -> dict[str, Any]:
    """What a run leaves behind, without ids, timestamps of the run itself or claim bookkeeping."""
    with Session(engine) as session:
        articles = sorted(
            (
                a.url,
                a.content_hash,
                a.title,
                a.published_source,
                a.published_flagged,
                None if a.published_flagged else as_utc(a.published_at),
                a.pipeline_version,
            )
            for a in session.scalars(select(Article))
        )
        items = sorted((i.url, i.state) for i in session.scalars(select(FeedItem)))
        keys = sorted(session.execute(select(Source.url, FeedItem.item_key).join(Source)).all())
        sources = sorted(session.execute(select(Source.url, Source.last_status, Source.etag)).all())
        pending = session.scalars(select(FeedItem).where(FeedItem.claimed_by.is_not(None))).all()
    with engine.connect() as conn:
        extracted = {
            name: conn.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one()
            for name in ("temporal_mentions", "event_mentions", "timeline_events", "event_relations")
        }
    return {
        "articles": articles,
        "items": items,
        "keys": keys,
        "sources": sources,
        "claims_left": len(pending),
        "extracted": extracted,
    }


def _empty(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


def test_two_runs_started_together_store_every_item_once(
    engine: Engine, database_url: str, newsroom: Newsroom, tmp_path: Path
) -> None:
    site = newsroom.site
    site.rendezvous = Rendezvous(parties=2)
    _add_sources(engine, newsroom)
    extra = {"PARLEY_CLAIM_BATCH": "1", "PARLEY_FETCH_WORKERS": "1"}
    runs = [
        _parley(_env(database_url, tmp_path, f"parley-test/{name}", **extra), "ingest", "--due")
        for name in "AB"
    ]
    results = [_finish(run) for run in runs]
    for code, _, err in results:
        assert code == 0, err
    assert site.rendezvous.met.is_set(), "the two runs never overlapped"
    totals = [_counts(out.strip().splitlines()[-1]) for _, out, _ in results]
    assert sum(t["new"] for t in totals) == newsroom.articles
    assert sum(t["duplicate"] for t in totals) == newsroom.items - newsroom.articles
    assert all(t["failed"] == 0 for t in totals)
    snap = _snapshot(engine)
    assert len(snap["articles"]) == newsroom.articles
    assert len({a[1] for a in snap["articles"]}) == newsroom.articles
    assert len(snap["items"]) == newsroom.items and snap["claims_left"] == 0
    assert all(state != "pending" for _, state in snap["items"])
    for path in (f"/news/{n}" for n in range(1, 9)):  # no page was fetched twice
        assert len(site.requests_to(path)) == (2 if path in ("/news/5", "/news/6") else 1), path


def test_a_killed_run_then_a_rerun_equals_one_clean_run(
    engine: Engine, database_url: str, newsroom: Newsroom, tmp_path: Path
) -> None:
    site = newsroom.site
    # one fetch at a time: items get ids, and articles join clusters, in the same order in both runs
    env = _env(database_url, tmp_path, "parley-test/kill", PARLEY_CLAIM_BATCH="2", PARLEY_FETCH_WORKERS="1")
    _add_sources(engine, newsroom)
    code, _, err = _finish(_parley(env, "ingest", "--due"))
    assert code == 0, err
    clean = _snapshot(engine)

    _empty(engine)
    _add_sources(engine, newsroom)
    gate = site.gates["/news/5"] = Gate()
    victim = _parley(env, "ingest", "--due")
    assert gate.reached.wait(TIMEOUT), "the run never reached the gated page"
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=TIMEOUT)
    del site.gates["/news/5"]
    gate.release.set()
    halfway = _snapshot(engine)
    assert halfway["claims_left"] > 0 and halfway != clean

    code, out, err = _finish(_parley(env, "ingest", "--due"))
    assert code == 0, err
    rerun = _snapshot(engine)
    for key, expected in clean.items():  # one key at a time, so a difference reads clearly
        if isinstance(expected, list) and len(expected) == len(rerun[key]):
            assert [(a, b) for a, b in zip(rerun[key], expected, strict=True) if a != b] == [], key
        assert rerun[key] == expected, key
    with Session(engine) as session:
        statuses = sorted(session.scalars(select(IngestRun.status)).all())
    assert statuses == ["aborted", "ok"]
