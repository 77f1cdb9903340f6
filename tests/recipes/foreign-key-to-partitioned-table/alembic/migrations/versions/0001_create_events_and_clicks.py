"""create events, partitioned by year, and clicks

Revision ID: 0001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) "
        "PARTITION BY RANGE (at)"
    )
    op.execute(
        "CREATE TABLE events_2026 PARTITION OF events "
        "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"
    )
    op.create_table(
        "clicks",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("event_id", sa.BigInteger, nullable=False),
        sa.Column("event_at", sa.Date, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("clicks")
    op.drop_table("events")
