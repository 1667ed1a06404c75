"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 12:50:22.949312
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=256), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
        sa.UniqueConstraint("code", name=op.f("uq_actors_code")),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("key_hash", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("canonical_url", sa.String(length=2048), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=1024), nullable=True),
        sa.Column("outlet", sa.String(length=256), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_date", sa.Date(), nullable=False),
        sa.Column("published_source", sa.String(length=32), nullable=False),
        sa.Column("published_flagged", sa.Boolean(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pipeline_version", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("canonical_url", name=op.f("uq_articles_canonical_url")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index("ix_articles_published_date_id", ["published_date", "id"], unique=False)

    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=1024), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("new_count", sa.Integer(), nullable=False),
        sa.Column("duplicate_count", sa.Integer(), nullable=False),
        sa.Column("not_coded_count", sa.Integer(), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_runs")),
    )
    op.create_table(
        "timeline_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cameo", sa.String(length=8), nullable=False),
        sa.Column("cameo_root", sa.String(length=2), nullable=False),
        sa.Column("label", sa.String(length=512), nullable=False),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("earliest", sa.Date(), nullable=False),
        sa.Column("latest", sa.Date(), nullable=False),
        sa.Column("best", sa.Date(), nullable=False),
        sa.Column("granularity", sa.String(length=16), nullable=False),
        sa.Column("display", sa.String(length=64), nullable=False),
        sa.Column("actors", sa.JSON(), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("goldstein", sa.Float(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("mention_count", sa.Integer(), nullable=False),
        sa.Column("first_reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timeline_events")),
    )
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.create_index("ix_timeline_events_best_id", ["best", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_timeline_events_cameo_root"), ["cameo_root"], unique=False)

    op.create_table(
        "event_actors",
        sa.Column("timeline_event_id", sa.Integer(), nullable=False),
        sa.Column("actor_code", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["timeline_event_id"],
            ["timeline_events.id"],
            name=op.f("fk_event_actors_timeline_event_id_timeline_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("timeline_event_id", "actor_code", "role", name=op.f("pk_event_actors")),
    )
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_actors_actor_code_event", ["actor_code", "timeline_event_id"], unique=False
        )

    op.create_table(
        "event_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("timeline_event_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=16), nullable=False),
        sa.Column("cameo", sa.String(length=8), nullable=False),
        sa.Column("cameo_root", sa.String(length=2), nullable=False),
        sa.Column("label", sa.String(length=512), nullable=False),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("actors", sa.JSON(), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("earliest", sa.Date(), nullable=False),
        sa.Column("latest", sa.Date(), nullable=False),
        sa.Column("best", sa.Date(), nullable=False),
        sa.Column("granularity", sa.String(length=16), nullable=False),
        sa.Column("time_text", sa.String(length=512), nullable=False),
        sa.Column("resolution", sa.String(length=32), nullable=False),
        sa.Column("rule_ids", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("trigger_text", sa.String(length=256), nullable=False),
        sa.Column("goldstein", sa.Float(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("match", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_event_mentions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["timeline_event_id"],
            ["timeline_events.id"],
            name=op.f("fk_event_mentions_timeline_event_id_timeline_events"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_mentions")),
    )
    with op.batch_alter_table("event_mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_mentions_article_id"), ["article_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_event_mentions_timeline_event_id"), ["timeline_event_id"], unique=False
        )

    op.create_table(
        "temporal_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=512), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("mod", sa.String(length=32), nullable=True),
        sa.Column("rule_id", sa.String(length=128), nullable=False),
        sa.Column("anchor", sa.String(length=16), nullable=False),
        sa.Column("in_quote", sa.Boolean(), nullable=False),
        sa.Column("earliest", sa.Date(), nullable=True),
        sa.Column("latest", sa.Date(), nullable=True),
        sa.Column("best", sa.Date(), nullable=True),
        sa.Column("granularity", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_temporal_mentions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_temporal_mentions")),
    )
    with op.batch_alter_table("temporal_mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_temporal_mentions_article_id"), ["article_id"], unique=False)

    op.create_table(
        "event_relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("from_mention_id", sa.Integer(), nullable=False),
        sa.Column("to_mention_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_event_relations_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_mention_id"],
            ["event_mentions.id"],
            name=op.f("fk_event_relations_from_mention_id_event_mentions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_mention_id"],
            ["event_mentions.id"],
            name=op.f("fk_event_relations_to_mention_id_event_mentions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_relations")),
    )
    with op.batch_alter_table("event_relations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_relations_article_id"), ["article_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event_relations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_relations_article_id"))

    op.drop_table("event_relations")
    with op.batch_alter_table("temporal_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_temporal_mentions_article_id"))

    op.drop_table("temporal_mentions")
    with op.batch_alter_table("event_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_mentions_timeline_event_id"))
        batch_op.drop_index(batch_op.f("ix_event_mentions_article_id"))

    op.drop_table("event_mentions")
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.drop_index("ix_event_actors_actor_code_event")

    op.drop_table("event_actors")
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_timeline_events_cameo_root"))
        batch_op.drop_index("ix_timeline_events_best_id")

    op.drop_table("timeline_events")
    op.drop_table("ingest_runs")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_published_date_id")

    op.drop_table("articles")
    op.drop_table("api_keys")
    op.drop_table("actors")
