"""Timeline events: window length class and merge aggregates, for incremental clustering.

``span_class`` lets the clustering look-up bound a candidate's window end from
above as well as below (index ``(cameo_root, span_class, latest)`` replaces
``(cameo_root, latest)``); ``merge_state`` keeps the aggregates a new report
updates.  Existing events get their span class here; their merge state stays
NULL and is rebuilt from their mentions the next time one of them changes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The same bounds as app.events.merging.SPAN_CLASS_DAYS, frozen here as this revision saw them.
SPAN_CLASS_DAYS = (0, 2, 7, 31, 92, 366, 3660)


def _span_days() -> str:
    if op.get_bind().dialect.name == "postgresql":
        return "(latest - earliest)"
    return "CAST(julianday(latest) - julianday(earliest) AS INTEGER)"


def upgrade() -> None:
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("span_class", sa.SmallInteger(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("merge_state", sa.JSON(), nullable=True))
        batch_op.drop_index("ix_timeline_events_root_latest")
        batch_op.create_index(
            "ix_timeline_events_root_span_latest", ["cameo_root", "span_class", "latest"], unique=False
        )
    span = _span_days()
    cases = " ".join(f"WHEN {span} <= {bound} THEN {index}" for index, bound in enumerate(SPAN_CLASS_DAYS))
    op.execute(f"UPDATE timeline_events SET span_class = CASE {cases} ELSE {len(SPAN_CLASS_DAYS)} END")


def downgrade() -> None:
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.drop_index("ix_timeline_events_root_span_latest")
        batch_op.create_index("ix_timeline_events_root_latest", ["cameo_root", "latest"], unique=False)
        batch_op.drop_column("merge_state")
        batch_op.drop_column("span_class")
