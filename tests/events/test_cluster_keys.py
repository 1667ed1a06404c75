"""The clustering look-up finds exactly the events it should, and every event's look-up keys follow it.

``candidate_clusters`` reads ``cluster_keys`` alone to choose candidates, so a key
that is missing or stale would silently change which reports merge.  Hence:
after ingesting, rebuilding and deleting, each event's keys are those its served
fields imply; and for many look-ups the candidates are exactly the events a scan
of every stored event selects (same CAMEO root, a shared participant, a window
within the slack), lowest ids first.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, select

from app.articles.service import delete_article
from app.db.session import make_sessionmaker, session_scope, write_scope
from app.events import lookup
from app.events.clustering import SLACK_DAYS, refresh_cluster
from app.events.keys import window_class
from app.ingest.article import parse_article
from app.ingest.files import SourcedArticle
from app.ingest.runner import ingest_articles
from app.models import ClusterKey, TimelineEvent

PARTIES = ("Russia", "Ukraine", "Turkey", "Qatar", "France", "Egypt")
#: dated to a day, to a week, to a month and to a year: every span class the corpus reaches
SENTENCES = (
    "{a} proposed direct negotiations with {b} on Monday.",
    "Delegations from {a} and {b} met in Istanbul on {day} May 2025 for a new round of talks.",
    "At the end of last week, officials of {a} announced a ceasefire with {b}.",
    "{a} and {b} signed a prisoner exchange agreement in {month} 2025.",
    "{a} accused {b} of violating the truce in 2024.",
    "{a} said it would host talks with {b} next month.",
)
MONTHS = ("March", "April", "May", "June")


def _articles(count: int, seed: int) -> list[SourcedArticle]:
    rng = random.Random(seed)
    items = []
    for number in range(count):
        lines = []
        for sentence in rng.sample(SENTENCES, rng.randint(1, 3)):
            a, b = rng.sample(PARTIES, 2)
            lines.append(sentence.format(a=a, b=b, day=rng.randint(5, 20), month=rng.choice(MONTHS)))
        body = {
            "text": f"Report {number}. " + " ".join(lines),
            "published": (date(2025, 5, 1) + timedelta(days=rng.randint(0, 40))).isoformat(),
            "url": f"https://news.example/keys/{number}",
        }
        items.append(SourcedArticle(f"test:{number}", parse_article(body, max_chars=100_000)))
    return items


def _events(engine: Engine) -> list[TimelineEvent]:
    with session_scope(make_sessionmaker(engine)) as session:
        events = list(session.scalars(select(TimelineEvent).order_by(TimelineEvent.id)))
        session.expunge_all()
    return events


def _stored_keys(engine: Engine) -> set[tuple[Any, ...]]:
    with session_scope(make_sessionmaker(engine)) as session:
        return {
            (k.timeline_event_id, k.participant, k.cameo_root, k.window_class, k.latest, k.earliest)
            for k in session.scalars(select(ClusterKey))
        }


def _implied_keys(events: list[TimelineEvent]) -> set[tuple[Any, ...]]:
    """The keys each event's served fields call for: one per actor and target."""
    return {
        (e.id, code, e.cameo_root, window_class(e.earliest, e.latest), e.latest, e.earliest)
        for e in events
        for code in {*e.actors, *e.targets}
    }


def test_keys_follow_events_through_ingest_rebuild_and_delete(engine: Engine) -> None:
    sessions = make_sessionmaker(engine)
    summary = ingest_articles(sessions, _articles(60, seed=3), origin="test", batch=8)
    assert (summary.new, summary.failed) == (60, 0)
    events = _events(engine)
    assert any(e.mention_count > 1 for e in events), "no report joined another: nothing was updated"
    assert len({window_class(e.earliest, e.latest) for e in events}) >= 3  # every kind of key range
    assert _stored_keys(engine) == _implied_keys(events)

    with write_scope(sessions) as session:
        for event in events[::3]:
            refresh_cluster(session, event.id)
    assert _stored_keys(engine) == _implied_keys(_events(engine))

    with write_scope(sessions) as session:
        for article_id in range(1, 21):
            delete_article(session, article_id=article_id)
    left = _events(engine)
    assert len(left) < len(events)  # some events lost every report and went, keys and all
    assert _stored_keys(engine) == _implied_keys(left)


def _scan(events: list[TimelineEvent], query: lookup.CandidateQuery) -> list[int]:
    """The candidates by definition, from every stored event."""
    reach, until = query.earliest - timedelta(days=SLACK_DAYS), query.latest + timedelta(days=SLACK_DAYS)
    return [
        e.id
        for e in events
        if e.cameo_root == query.cameo_root
        and query.participants & {*e.actors, *e.targets}
        and e.latest >= reach
        and e.earliest <= until
    ][: lookup.CANDIDATE_LIMIT]


def test_lookup_returns_exactly_the_events_a_full_scan_selects(engine: Engine) -> None:
    sessions = make_sessionmaker(engine)
    ingest_articles(sessions, _articles(60, seed=5), origin="test", batch=8)
    events = _events(engine)
    codes = sorted({c for e in events for c in {*e.actors, *e.targets}}) + ["XXX"]
    roots = sorted({e.cameo_root for e in events}) + ["99"]
    rng = random.Random(7)
    queries = []
    for _ in range(300):
        start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 600))
        length = rng.choice((0, 0, 1, 5, 30, 200))
        participants = frozenset(rng.sample(codes, rng.randint(1, 6)))
        queries.append(
            lookup.CandidateQuery(rng.choice(roots), start, start + timedelta(days=length), participants)
        )
    with session_scope(sessions) as session:
        found = []
        for first in range(0, len(queries), 6):  # several look-ups per statement, as an article makes them
            found += lookup.candidate_clusters(session, queries[first : first + 6], slack_days=SLACK_DAYS)
    expected = [_scan(events, q) for q in queries]
    assert [[row.id for row in rows] for rows in found] == expected
    assert sum(map(bool, expected)) > 50  # most look-ups found something
