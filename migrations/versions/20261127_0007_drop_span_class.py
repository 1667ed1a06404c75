"""Timeline events lose ``span_class``: since 0006 the look-up reads ``cluster_keys``, not it.

The column bounded the old root-only look-up (0004); nothing reads it now, and
keeping it meant computing it on every cluster write.  A downgrade puts it back,
filled from each event's window with the bounds 0004 used.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 19:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The bounds of revision 0004 (days), frozen here as it saw them.
SPAN_CLASS_DAYS = (0, 2, 7, 31, 92, 366, 3660)


def upgrade() -> None:
    # a plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): a batch copy of the table would have to
    # drop the old one, which the foreign keys of the events' mentions and actors forbid
    op.drop_column("timeline_events", "span_class")


def downgrade() -> None:
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("span_class", sa.SmallInteger(), server_default="0", nullable=False))
    if op.get_bind().dialect.name == "postgresql":
        span = "(latest - earliest)"
    else:
        span = "CAST(julianday(latest) - julianday(earliest) AS INTEGER)"
    cases = " ".join(f"WHEN {span} <= {bound} THEN {index}" for index, bound in enumerate(SPAN_CLASS_DAYS))
    op.execute(f"UPDATE timeline_events SET span_class = CASE {cases} ELSE {len(SPAN_CLASS_DAYS)} END")
