"""Events at two levels, kept apart.

``EventMention`` is what one article says about one real-world event (its
evidence sentences, its own dating).  ``TimelineEvent`` is the real-world event
itself: a cluster of mentions across articles, the row the timeline is ordered
by.  ``EventActor`` indexes timeline events by actor for filtering;
``ClusterKey`` indexes them by CAMEO root, participant and window for the
clustering look-up.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class TimelineEvent(Base):
    __tablename__ = "timeline_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    cameo: Mapped[str] = mapped_column(String(8))
    cameo_root: Mapped[str] = mapped_column(String(2))
    label: Mapped[str] = mapped_column(String(512))
    modality: Mapped[str] = mapped_column(String(16))
    earliest: Mapped[date] = mapped_column(Date)
    latest: Mapped[date] = mapped_column(Date)
    best: Mapped[date] = mapped_column(Date)
    granularity: Mapped[str] = mapped_column(String(16))
    display: Mapped[str] = mapped_column(String(64))
    actors: Mapped[list[str]] = mapped_column(JSON)
    targets: Mapped[list[str]] = mapped_column(JSON)
    goldstein: Mapped[float | None] = mapped_column(Float)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    mention_count: Mapped[int] = mapped_column(Integer, default=0)
    first_reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    search_text: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str] = mapped_column(Text, default="{}")
    # aggregates over every mention (app.events.merging.MergeState), so that a new report
    # updates the event without re-reading its mentions; NULL = rebuild from the mentions
    merge_state: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    __table_args__ = (Index("ix_timeline_events_best_id", "best", "id"),)


class EventMention(Base):
    __tablename__ = "event_mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    timeline_event_id: Mapped[int] = mapped_column(ForeignKey("timeline_events.id"), index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    cameo: Mapped[str] = mapped_column(String(8))
    cameo_root: Mapped[str] = mapped_column(String(2))
    label: Mapped[str] = mapped_column(String(512))
    modality: Mapped[str] = mapped_column(String(16))
    actors: Mapped[list[str]] = mapped_column(JSON)
    targets: Mapped[list[str]] = mapped_column(JSON)
    earliest: Mapped[date] = mapped_column(Date)
    latest: Mapped[date] = mapped_column(Date)
    best: Mapped[date] = mapped_column(Date)
    granularity: Mapped[str] = mapped_column(String(16))
    time_text: Mapped[str] = mapped_column(String(512), default="")
    resolution: Mapped[str] = mapped_column(String(32))
    rule_ids: Mapped[list[str]] = mapped_column(JSON)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    trigger_text: Mapped[str] = mapped_column(String(256), default="")
    goldstein: Mapped[float | None] = mapped_column(Float)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    match: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class EventActor(Base):
    __tablename__ = "event_actors"

    timeline_event_id: Mapped[int] = mapped_column(
        ForeignKey("timeline_events.id", ondelete="CASCADE"), primary_key=True
    )
    actor_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(8), primary_key=True)

    __table_args__ = (Index("ix_event_actors_actor_code_event", "actor_code", "timeline_event_id"),)


class ClusterKey(Base):
    """One participant of a timeline event, with the event's CAMEO root and window: what clustering looks up.

    A new report can only join an event of its root that shares a participant and
    whose window comes near its own.  Keyed by participant, an index range holds
    just those events (a few), where one over the root's events alone held every
    event of that root in the window (a hundred at 10,000 articles), each then
    probed for a shared participant.  Kept by ``app.events.clustering`` with the
    event's served actors and targets and its window.
    """

    __tablename__ = "cluster_keys"

    timeline_event_id: Mapped[int] = mapped_column(
        ForeignKey("timeline_events.id", ondelete="CASCADE"), primary_key=True
    )
    participant: Mapped[str] = mapped_column(String(32), primary_key=True)
    cameo_root: Mapped[str] = mapped_column(String(2))
    # how long the event's window is, in the look-up's classes (app.events.keys.WINDOW_CLASS_DAYS)
    window_class: Mapped[int] = mapped_column(SmallInteger)
    latest: Mapped[date] = mapped_column(Date)
    earliest: Mapped[date] = mapped_column(Date)

    __table_args__ = (
        # the look-up: one range of window ends per root, participant and window class; the start
        # and the event id complete it, so the table itself is never read
        Index(
            "ix_cluster_keys_lookup",
            "cameo_root",
            "participant",
            "window_class",
            "latest",
            "earliest",
            "timeline_event_id",
        ),
        {"sqlite_with_rowid": False},
    )
