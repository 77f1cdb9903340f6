"""create measurements, partitioned by month

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
    op.create_table(
        "measurements",
        sa.Column("logdate", sa.Date, nullable=False),
        sa.Column("reading", sa.Numeric, nullable=False),
        postgresql_partition_by="RANGE (logdate)",
    )
    # Alembic has no op for partitions.
    op.execute(
        "CREATE TABLE measurements_2026_01 PARTITION OF measurements "
        "FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')"
    )
    op.execute(
        "CREATE TABLE measurements_2026_02 PARTITION OF measurements "
        "FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')"
    )


def downgrade() -> None:
    op.drop_table("measurements")
