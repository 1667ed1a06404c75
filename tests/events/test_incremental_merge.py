"""A timeline event updated report by report equals the same event rebuilt from all its mentions.

Ingestion updates a joined event from its stored merge state and payload only;
``refresh_cluster`` rebuilds it from every mention.  Both must serve the same
thing, also when reports arrive out of publication order and an event has more
reports than its stored provenance keeps.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import orjson
import pytest
from sqlalchemy import Engine, select, text

from app.db.session import make_sessionmaker, session_scope, write_scope
from app.events.clustering import refresh_cluster
from app.ingest.article import parse_article
from app.ingest.files import SourcedArticle
from app.ingest.runner import ingest_articles
from app.models import ClusterKey, EventActor, TimelineEvent

#: every column of an event but its identity and the time of its last update
SERVED = tuple(c.name for c in TimelineEvent.__table__.c if c.name not in ("id", "cameo_root", "updated_at"))
PARTIES = ("Russia", "Ukraine", "Turkey", "Qatar", "France")
SENTENCES = (
    "{a} and {b} signed a prisoner exchange agreement on 12 May 2025.",
    "{a} proposed direct negotiations with {b} on 10 May 2025.",
    "Delegations from {a} and {b} met in Istanbul on 11 May 2025 for a new round of talks.",
    "{a} accused {b} of violating the truce on 9 May 2025.",
    "{a} and {b} signed a prisoner exchange agreement.",  # dated by publication: less confident
    "{a} proposed direct negotiations with {b}.",
)


def _articles(count: int) -> list[SourcedArticle]:
    """Reports of a few events, published over ten days in shuffled order (seeded)."""
    rng = random.Random(11)
    items = []
    for number in range(count):
        a, b = rng.sample(PARTIES[:3] if number % 3 else PARTIES, 2)
        lines = [s.format(a=a, b=b) for s in rng.sample(SENTENCES, rng.randint(1, 4))]
        body = {
            "text": f"Report {number}. " + " ".join(lines),
            "published": (date(2025, 5, 12) + timedelta(days=rng.randint(0, 9))).isoformat(),
            "outlet": f"Outlet {number % 7}",
            "url": f"https://news.example/{number}",
        }
        items.append(SourcedArticle(f"test:{number}", parse_article(body, max_chars=100_000)))
    return items


def _served(engine: Engine) -> dict[int, dict[str, Any]]:
    with session_scope(make_sessionmaker(engine)) as session:
        events = {
            e.id: {name: getattr(e, name) for name in SERVED}
            for e in session.scalars(select(TimelineEvent).order_by(TimelineEvent.id))
        }
        for row in session.scalars(select(EventActor)):
            events[row.timeline_event_id].setdefault("index", set()).add((row.actor_code, row.role))
        for key in session.scalars(select(ClusterKey)):
            events[key.timeline_event_id].setdefault("keys", set()).add(
                (key.participant, key.cameo_root, key.window_class, key.latest, key.earliest)
            )
    for event in events.values():
        event["payload"] = orjson.loads(event["payload"])
    return events


@pytest.mark.parametrize("limit", [20, 3])
def test_events_updated_report_by_report_equal_events_rebuilt_from_their_mentions(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr("app.events.clustering.PROVENANCE_LIMIT", limit)
    sessions = make_sessionmaker(engine)
    summary = ingest_articles(sessions, _articles(90), origin="test", batch=8)
    assert (summary.new, summary.failed) == (90, 0)
    incremental = _served(engine)
    counts = [e["mention_count"] for e in incremental.values()]
    assert max(counts) > limit  # some events outgrew their stored provenance
    with write_scope(sessions) as session:
        for event_id in incremental:
            refresh_cluster(session, event_id)
    rebuilt = _served(engine)
    assert rebuilt == incremental


def test_an_event_stored_without_merge_state_is_rebuilt_when_it_is_joined(engine: Engine) -> None:
    sessions = make_sessionmaker(engine)
    first, *rest = _articles(40)
    ingest_articles(sessions, [first], origin="test")
    legacy = set(_served(engine))
    with engine.begin() as conn:  # as events stored before merge states existed
        conn.execute(text("UPDATE timeline_events SET merge_state = NULL"))
    ingest_articles(sessions, rest, origin="test")
    incremental = _served(engine)
    joined = {i for i in legacy if incremental[i]["mention_count"] > 1}
    assert joined, "no later report joined an event of the first article"
    assert all(incremental[i]["merge_state"] is not None for i in joined)
    with write_scope(sessions) as session:
        for event_id, event in incremental.items():
            if event["merge_state"] is not None:
                refresh_cluster(session, event_id)
    assert _served(engine) == incremental
