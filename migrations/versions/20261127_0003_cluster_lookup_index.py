"""Index timeline events by CAMEO root and window end, for clustering look-ups.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 14:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.drop_index("ix_timeline_events_cameo_root")
        batch_op.create_index("ix_timeline_events_root_latest", ["cameo_root", "latest"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.drop_index("ix_timeline_events_root_latest")
        batch_op.create_index("ix_timeline_events_cameo_root", ["cameo_root"], unique=False)
