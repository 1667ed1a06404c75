"""Clustering look-up keys: one row per timeline event and participant, with its root and window.

The look-up of a new report used to scan the ``(cameo_root, span_class, latest,
earliest)`` ranges of its window, which hold every event of its CAMEO root there
(about a hundred at 10,000 articles), and probe ``event_actors`` for each to keep
the few that share a participant.  ``cluster_keys`` puts the participant in the
key, so the ranges hold only those few; that index replaces the old one, which
nothing else reads.  Existing events get their keys here, from their actor index
rows and window (``window_class``: the window's length in the look-up's classes).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 18:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOOKUP_COLUMNS = ["cameo_root", "participant", "window_class", "latest", "earliest", "timeline_event_id"]
#: The same bounds as app.events.keys.WINDOW_CLASS_DAYS, frozen here as this revision saw them.
WINDOW_CLASS_DAYS = (7, 92, 3660)


def _window_class() -> str:
    """SQL of an event's key class, from its window's length in days."""
    if op.get_bind().dialect.name == "postgresql":
        span = "(e.latest - e.earliest)"
    else:
        span = "CAST(julianday(e.latest) - julianday(e.earliest) AS INTEGER)"
    cases = " ".join(f"WHEN {span} <= {bound} THEN {index}" for index, bound in enumerate(WINDOW_CLASS_DAYS))
    return f"CASE {cases} ELSE {len(WINDOW_CLASS_DAYS)} END"


def upgrade() -> None:
    op.create_table(
        "cluster_keys",
        sa.Column("timeline_event_id", sa.Integer(), nullable=False),
        sa.Column("participant", sa.String(length=32), nullable=False),
        sa.Column("cameo_root", sa.String(length=2), nullable=False),
        sa.Column("window_class", sa.SmallInteger(), nullable=False),
        sa.Column("latest", sa.Date(), nullable=False),
        sa.Column("earliest", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["timeline_event_id"],
            ["timeline_events.id"],
            name=op.f("fk_cluster_keys_timeline_event_id_timeline_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("timeline_event_id", "participant", name=op.f("pk_cluster_keys")),
        sqlite_with_rowid=False,
    )
    op.execute(
        "INSERT INTO cluster_keys "
        "(timeline_event_id, participant, cameo_root, window_class, latest, earliest) "
        f"SELECT DISTINCT e.id, a.actor_code, e.cameo_root, {_window_class()}, e.latest, e.earliest "
        "FROM timeline_events e JOIN event_actors a ON a.timeline_event_id = e.id"
    )
    with op.batch_alter_table("cluster_keys", schema=None) as batch_op:
        batch_op.create_index("ix_cluster_keys_lookup", LOOKUP_COLUMNS, unique=False)
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.drop_index("ix_timeline_events_root_span_latest_start")


def downgrade() -> None:
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_timeline_events_root_span_latest_start",
            ["cameo_root", "span_class", "latest", "earliest"],
            unique=False,
        )
    with op.batch_alter_table("cluster_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_cluster_keys_lookup")
    op.drop_table("cluster_keys")
