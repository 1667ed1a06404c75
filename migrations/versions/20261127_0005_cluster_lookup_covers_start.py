"""Clustering look-up index: the window start too, so the range answers it without the table.

The candidate look-up scans ``(cameo_root, span_class, latest)`` ranges and
keeps rows whose window also starts early enough and that share a participant.
With ``earliest`` in the index, SQLite checks the start on the index entry and
reads the table row only of events that pass both tests (a few of the dozens
in range), a third less look-up time.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 17:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.drop_index("ix_timeline_events_root_span_latest")
        batch_op.create_index(
            "ix_timeline_events_root_span_latest_start",
            ["cameo_root", "span_class", "latest", "earliest"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.drop_index("ix_timeline_events_root_span_latest_start")
        batch_op.create_index(
            "ix_timeline_events_root_span_latest", ["cameo_root", "span_class", "latest"], unique=False
        )
