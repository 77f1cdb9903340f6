"""create measurements, partitioned by day, and January's table

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
    # Filled on its own before it joins the partitioned table.
    op.create_table(
        "measurements_2026_01",
        sa.Column("logdate", sa.Date, nullable=False),
        sa.Column("reading", sa.Numeric, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("measurements_2026_01")
    op.drop_table("measurements")
